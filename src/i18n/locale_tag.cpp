#include <unicode/locid.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <set>
#include <string>

#include "glossa/locale.hpp"
#include "i18n/icu_util.hpp"

namespace glossa {

namespace {
using name_set = std::set<std::string, std::less<>>;
name_set from_icu_list(const char* const* list) {
  name_set out;  // ICU's lists are static and NULL-terminated
  for (; *list; ++list) out.insert(*list);
  return out;
}
const name_set& known_languages() {
  static const name_set s = from_icu_list(uloc_getISOLanguages());
  return s;
}
const name_set& known_regions() {
  static const name_set s = from_icu_list(uloc_getISOCountries());
  return s;
}

// The tag as an error shows it: printable ASCII, at most 64 characters, so
// that a client's megabyte or terminal escapes are not echoed back.
std::string shown_tag(std::string_view tag) {
  std::string out;
  for (char c : tag.substr(0, 64)) out += c >= 0x20 && c < 0x7F ? c : '?';
  if (tag.size() > 64) out += "... (" + std::to_string(tag.size()) + " bytes)";
  return out;
}
}  // namespace

result<std::string> canonical_locale(std::string_view tag) {
  auto refuse = [&](std::string_view why) {
    return error(errc::invalid_locale, "'" + shown_tag(tag) + "' is not a usable locale tag: " + std::string(why));
  };
  if (tag.empty()) return refuse("empty");
  if (tag.size() > 64) return refuse("longer than 64 characters");
  for (char c : tag) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return refuse("BCP 47 tags use only letters, digits and '-' (e.g. fr-CA)");
  }
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), st);
  if (U_FAILURE(st) || loc.isBogus()) return refuse("not well-formed BCP 47");
  std::string lang = loc.getLanguage();
  if (lang.empty() || known_languages().count(lang) == 0) return refuse("unknown language '" + lang + "'");
  std::string region = loc.getCountry();
  if (!region.empty() && (region.size() != 2 || known_regions().count(region) == 0)) {
    // Three-digit UN M.49 regions (e.g. 419) are valid BCP 47.
    bool m49 = region.size() == 3 && region.find_first_not_of("0123456789") == std::string::npos;
    if (!m49) return refuse("unknown region '" + region + "'");
  }
  std::string out = loc.toLanguageTag<std::string>(st);
  if (U_FAILURE(st)) return refuse("cannot be written back as BCP 47");
  return out;
}

std::string language_of(std::string_view canonical_tag) {
  auto dash = canonical_tag.find('-');
  return std::string(canonical_tag.substr(0, dash));
}

std::vector<std::string> default_fallback_chain(std::string_view canonical_tag, std::string_view last) {
  std::vector<std::string> chain;
  std::string cur(canonical_tag);
  while (!cur.empty()) {
    chain.push_back(cur);
    auto dash = cur.rfind('-');
    if (dash == std::string::npos) break;
    cur.resize(dash);
  }
  if (!last.empty() && std::find(chain.begin(), chain.end(), last) == chain.end()) chain.emplace_back(last);
  return chain;
}

}  // namespace glossa
