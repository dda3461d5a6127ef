#include "locale/icu_util.hpp"

#include <mutex>
#include <set>
#include <string>

#include <unicode/timezone.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>

namespace glossa::detail {

error icu_error(UErrorCode status, errc code, std::string_view what) {
  return error(code, std::string(what) + ": " + u_errorName(status));
}

bool is_iso_currency(std::string_view code) {
  static const std::set<std::string, std::less<>> codes = [] {
    std::set<std::string, std::less<>> s;
    UErrorCode st = U_ZERO_ERROR;
    UEnumeration* e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &st);
    if (U_SUCCESS(st)) {
      const char* c;
      while ((c = uenum_next(e, nullptr, &st)) != nullptr && U_SUCCESS(st)) s.insert(c);
      uenum_close(e);
    }
    return s;
  }();
  return codes.count(code) != 0;
}

bool is_known_time_zone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return false;
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString canonical;
  UBool is_system = false;
  icu::TimeZone::getCanonicalID(to_icu(zone), canonical, is_system, st);
  return U_SUCCESS(st) && is_system;
}

}  // namespace glossa::detail
