// Coverage: what is missing, stale or unreviewed, per locale, counted in
// units (translatable fields with a source) and in source words.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
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
  /// Of the units counted, those whose status is that of a same-language
  /// parent's translation (es for es-MX), which readers of the locale get.
  std::size_t inherited = 0;
};

/// One row: a group (the whole store, a type, a document or a field) in one locale.
struct coverage_row {
  std::string group;  ///< "" (all), type name, document key, or "key.field"
  std::string locale;
  coverage_counts counts;
  /// The configured same-language parents that serve a regional locale
  /// where it has no translation of its own (es for es-MX); empty for others.
  std::vector<std::string> inherited_from;
};

enum class coverage_grouping { locale, type, document, field };
/// "locale", "type", "document", "field".
std::string_view to_string(coverage_grouping g) noexcept;
/// Inverse of to_string; nullopt for an unknown name.
std::optional<coverage_grouping> parse_coverage_grouping(std::string_view name) noexcept;

struct coverage_options {
  std::vector<std::string> locales;                  ///< default: the configured working locales (ar, en, fr, es)
  std::string type;                                  ///< default: all types
  coverage_grouping by = coverage_grouping::locale;  ///< default: per locale only
  bool list_items = false;                           ///< default: false; true fills coverage_report::items
};

/// A unit that needs work in one locale (missing, stale or new), with what a
/// translator reads: the source text without markup.
struct coverage_item {
  std::string document, type, title;  ///< title: the document's source title (or name), else empty
  std::string field, locale;
  std::string source_locale;
  unit_status status = unit_status::missing;
  std::string source;  ///< visible source text: markup and placeholders replaced by spaces
  std::size_t words = 0;
};

struct coverage_report {
  std::vector<std::string> locales;
  /// One per locale: the content, labels left out (they are counted apart).
  std::vector<coverage_row> totals;
  /// Per group and locale. Labels documents make groups of their own: by
  /// locale (which has no other rows), the group "labels".
  std::vector<coverage_row> rows;
  std::vector<coverage_item> items;  ///< with list_items: in document, field, locale order
  /// With list_items: each document's source title (or name) and its language.
  struct title {
    std::string document, text, locale;
  };
  std::vector<title> titles;
};

/// What the HTML dashboard needs besides the report (by document, with items).
struct dashboard_options {
  std::string ui_locale = "en";  ///< language of the page: ar, en, fr, es (right-to-left for ar)
  /// Translates the page's English strings (Glossa's message catalogs); default: English.
  std::function<std::string(const char*)> translate;
  /// Translates a message with a count by the page language's plural rules
  /// (gettext's ngettext: `singular`, `plural`, the count); default: English.
  std::function<std::string(const char*, const char*, std::size_t)> translate_plural;
  std::string generated_at;  ///< shown in the footer when given (e.g. ISO 8601 UTC)
  /// Units listed per status and language; the rest are counted, followed by
  /// `more_hint` (how to list them: a query parameter, a command option).
  /// Keeps the page readable and its size bounded on a large store. 0: no limit.
  std::size_t list_limit = 0;
  std::string more_hint;  ///< already translated; shown after "N more units are not listed here."
};

/// One self-contained HTML page (inline CSS, no script, no network): per-locale
/// progress bars split by status, the document x locale matrix as a colored
/// grid, and lists of missing, stale and new units with their source text,
/// linked both ways. `report` should be by document with items.
std::string to_html(const coverage_report& report, const dashboard_options& options);

/// {"locales": [...], "totals": [{"locale", "units", "words", "percent", "percent_words", "fallback",
///   "counts": {"missing": {"units", "words"}, ...}}], "rows": [{"group", "locale", ...same}]}
std::string to_json(const coverage_report& report);
/// CSV, one line per row (totals first): group,locale,units,words,percent,percent_words,missing,...
std::string to_csv(const coverage_report& report);

}  // namespace glossa
