#include "i18n/icu_util.hpp"

#include <unicode/brkiter.h>
#include <unicode/timezone.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>

#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace glossa::detail {

icu::Locale icu_locale(std::string_view tag) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), st);
  return U_FAILURE(st) || loc.isBogus() ? icu::Locale::getRoot() : loc;
}

std::unique_ptr<icu::BreakIterator> word_break(std::string_view locale) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu_locale(locale), st));
  if (U_FAILURE(st)) it.reset();
  return it;
}

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

std::size_t count_graphemes(std::string_view utf8) {
  // ASCII without CR is one character per byte: the common case costs no ICU call.
  bool simple = true;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\r') {
      simple = false;
      break;
    }
  if (simple) return utf8.size();
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), st));
    return U_SUCCESS(st) ? std::move(b) : nullptr;
  }();
  icu::UnicodeString u = to_icu(utf8);
  if (!it) return static_cast<std::size_t>(u.countChar32());
  it->setText(u);
  std::size_t n = 0;
  for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) ++n;
  return n;
}

}  // namespace glossa::detail
