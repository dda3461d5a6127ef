// Locale services: formatting of numbers, percents, money, dates, date-times,
// lists and messages as CLDR (ICU 72) prescribes, invisible marks included;
// text direction; plural categories. ICU stays behind this header.
//
// A formatter is immutable once built and safe to share between threads;
// formatter::for_locale returns one shared instance per locale tag.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/results.hpp"

namespace glossa {

/// Settings of one locale (locales/locales.json).
struct locale_settings {
  std::string tag;                     ///< canonical BCP 47
  std::string name;                    ///< endonym, e.g. "العربية"; may be empty for regional variants
  std::vector<std::string> fallback;   ///< after the tag itself, most preferred first
  std::string calendar = "gregorian";  ///< default: gregorian, also where CLDR's default is another (ar-SA)
  std::string digits;                  ///< numbering system ("arab", "latn"); default: CLDR's for the locale
};

/// The working locales and their settings.
class locale_config {
 public:
  std::string default_locale = "en";
  std::vector<locale_settings> locales;

  /// Parses a locales file ("glossa-locales", version 1). Errors: invalid_utf8,
  /// json_syntax, invalid_content, invalid_locale, with file:line:column.
  static result<locale_config> parse(std::string_view json, std::string_view file_name = {});
  /// The shipped configuration (locales/locales.json): ar, en, fr, es and regional variants.
  static const locale_config& builtin();

  /// Settings of exactly `tag`, or nullptr.
  const locale_settings* find(std::string_view tag) const noexcept;
  /// Fallback chain of a canonical tag, the tag first: the configured chain of
  /// the tag or of its nearest configured parent, ending with the default
  /// locale ("ar-EG" -> ar-EG, ar, en; "fr-BE" -> fr-BE, fr, en).
  std::vector<std::string> chain(std::string_view tag) const;
};

/// The configured locale that best serves an HTTP Accept-Language list
/// ("ar-EG,ar;q=0.9,en;q=0.5"), by ICU's LocaleMatcher; the default locale
/// when nothing matches or the list is malformed.
std::string negotiate_locale(std::string_view accept_language, const locale_config& config = locale_config::builtin());

/// `text` wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE when its
/// first strong character runs against `context` (a Latin reference inside
/// Arabic, Arabic inside English); otherwise unchanged.
std::string isolate_if_needed(std::string_view text, text_direction context);

/// A message argument: a number or a string.
using message_arg = std::variant<double, std::string>;

class formatter {
 public:
  /// The shared formatter of `tag` with `config`'s settings. What formats is
  /// CLDR's data for the tag's language, script and region (an unconfigured
  /// "ar-MA" gets Morocco's digits), the Gregorian calendar unless the
  /// configuration or the tag says otherwise, the digits a configured locale
  /// sets for itself, and the -u- keywords nu, ca and co, which always win.
  /// Other extensions and private use change nothing: tags that format alike
  /// share one formatter. At most cache_capacity() formatters are kept, the
  /// least recently used dropped first. Errors: invalid_locale.
  static result<std::shared_ptr<const formatter>> for_locale(std::string_view tag,
                                                             const locale_config& config = locale_config::builtin());
  /// How many formatters for_locale keeps at most.
  static std::size_t cache_capacity() noexcept;
  ~formatter();

  /// The tag it formats for: language, script, region and honoured keywords ("ar-MA-u-nu-latn").
  const std::string& locale() const noexcept;
  text_direction direction() const noexcept;

  /// "1234.5" -> "1,234.5" (en), "1 234,5" (fr, U+202F), "1234,5" (es), "١٬٢٣٤٫٥" (ar).
  result<std::string> number(std::string_view decimal) const;
  /// 0.45 -> "45%" (en), "45 %" (fr, U+202F).
  std::string percent(double fraction) const;
  /// Amount (decimal string) and ISO 4217 currency.
  result<std::string> money(std::string_view amount, std::string_view currency) const;
  /// "YYYY-MM-DD" as a long date ("15 December 2026").
  result<std::string> date(std::string_view iso_date) const;
  /// Local "YYYY-MM-DDTHH:MM:SS" in an IANA zone, long date + short time + zone name.
  result<std::string> datetime(std::string_view local, std::string_view time_zone) const;
  /// Two dates ("YYYY-MM-DD") as an interval: "December 1 – 15, 2026".
  result<std::string> date_interval(std::string_view from, std::string_view to) const;
  /// Relative time in days from `today` to `date` (both "YYYY-MM-DD"):
  /// "in 3 days", "tomorrow", "yesterday"; "dans 3 jours" (fr).
  result<std::string> relative_days(std::string_view today, std::string_view date) const;
  /// Display name of a region ("EG" -> "Égypte" in fr).
  std::string region_name(std::string_view region) const;
  /// "A, B and C" in the locale's words.
  std::string list(const std::vector<std::string>& items) const;
  /// Display name of a language tag in this locale ("ar" -> "arabe" in fr).
  std::string language_name(std::string_view tag) const;
  /// CLDR plural category of a count: "zero", "one", "two", "few", "many", "other".
  std::string plural_category(double n) const;
  /// Which whole counts take `category`, for translators, from the locale's
  /// plural rules and formatted as its numbers: ranges, then "…"
  /// ("3–10, 103–110, 203–210, …" for Arabic few; "1 000 000, 2 000 000, …"
  /// for French many). Empty when no count does.
  std::string plural_examples(std::string_view category) const;
  /// Sorts `items` in place by the locale's collation (Spanish ñ after n,
  /// French accents, Arabic order); `key` extracts the text to compare.
  template <class T, class Key>
  void sort(std::vector<T>& items, Key key) const {
    sort_indices(
        items.size(), [&](std::size_t i) -> std::string_view { return key(items[i]); },
        [&](const std::vector<std::size_t>& order) {
          std::vector<T> sorted;
          sorted.reserve(items.size());
          for (auto i : order) sorted.push_back(std::move(items[i]));
          items = std::move(sorted);
        });
  }
  /// Compares two strings by the locale's collation: <0, 0, >0.
  int compare(std::string_view a, std::string_view b) const;

  /// ICU MessageFormat with named arguments. Errors: invalid_value.
  result<std::string> message(std::string_view pattern, const std::map<std::string, message_arg>& args) const;

 private:
  void sort_indices(std::size_t n, const std::function<std::string_view(std::size_t)>& key,
                    const std::function<void(const std::vector<std::size_t>&)>& apply) const;
  struct impl;
  explicit formatter(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace glossa
