// Coverage: what is missing, stale or unreviewed, per locale, counted in
// units (translatable fields with a source) and in source words.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace glossa {

/// Where a unit stands in one locale. Complete = source, translated, reviewed, final.
enum class unit_status { missing, stale, fresh, translated, reviewed, final_, source };
/// "missing", "stale", "new", "translated", "reviewed", "final", "source".
std::string_view to_string(unit_status s) noexcept;
inline constexpr std::size_t unit_status_count = 7;

/// Units and words per status.
struct coverage_counts {
  std::array<std::size_t, unit_status_count> units{};
  std::array<std::size_t, unit_status_count> words{};
  std::size_t total_units() const noexcept;
  std::size_t total_words() const noexcept;
  /// Share of complete units (or words), 0..100; 100 when there is nothing to translate.
  double percent(bool by_words = false) const noexcept;
  /// Units a reader gets by fallback (missing or stale).
  std::size_t fallback_units() const noexcept;
  void add(unit_status s, std::size_t words);
};

/// One row: a group (the whole store, a type, a document or a field) in one locale.
struct coverage_row {
  std::string group;   ///< "" (all), type name, document key, or "key.field"
  std::string locale;
  coverage_counts counts;
};

enum class coverage_grouping { locale, type, document, field };

struct coverage_options {
  std::vector<std::string> locales;  ///< default: the configured working locales (ar, en, fr, es)
  std::string type;                  ///< default: all types
  coverage_grouping by = coverage_grouping::locale;  ///< default: per locale only
};

struct coverage_report {
  std::vector<std::string> locales;
  std::vector<coverage_row> totals;  ///< one per locale
  std::vector<coverage_row> rows;    ///< per group and locale (empty when by locale)
};

/// {"locales": [...], "totals": [{"locale", "units", "words", "percent", "percent_words", "fallback",
///   "counts": {"missing": {"units", "words"}, ...}}], "rows": [{"group", "locale", ...same}]}
std::string to_json(const coverage_report& report);
/// CSV, one line per row (totals first): group,locale,units,words,percent,percent_words,missing,...
std::string to_csv(const coverage_report& report);

}  // namespace glossa
