// Plural categories of a locale (CLDR, through ICU's PluralRules).
#include "i18n/plurals.hpp"

#include <unicode/locid.h>
#include <unicode/plurrule.h>

#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace glossa::detail {

namespace {
std::vector<std::string> compute_plural_categories(std::string_view locale) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc =
      icu::Locale::forLanguageTag(icu::StringPiece(locale.data(), static_cast<int32_t>(locale.size())), st);
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(loc, st));
  std::set<std::string> have;
  if (U_SUCCESS(st)) {
    std::unique_ptr<icu::StringEnumeration> kw(rules->getKeywords(st));
    const char* k;
    while (U_SUCCESS(st) && (k = kw->next(nullptr, st)) != nullptr) have.insert(k);
  }
  std::vector<std::string> out;
  for (const char* c : {"zero", "one", "two", "few", "many", "other"})
    if (have.count(c)) out.emplace_back(c);
  if (out.empty()) out.emplace_back("other");
  return out;
}
}  // namespace

// Asked for every unit of an import and every message checked: kept per
// locale (a few hundred at most; beyond that, computed each time).
std::vector<std::string> plural_categories(std::string_view locale) {
  static std::mutex mu;
  static std::map<std::string, std::vector<std::string>, std::less<>> known;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = known.find(locale); it != known.end()) return it->second;
  }
  auto out = compute_plural_categories(locale);
  std::lock_guard<std::mutex> lock(mu);
  if (known.size() < 256) known.emplace(std::string(locale), out);
  return out;
}

}  // namespace glossa::detail
