// A coverage report's own functions (status and grouping names, counts) and
// its JSON and CSV forms.
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "core/json_output.hpp"
#include "glossa/coverage.hpp"

namespace glossa {

std::string_view to_string(unit_status s) noexcept {
  static constexpr std::array<std::string_view, unit_status_count> names{"missing",  "stale", "new",   "translated",
                                                                         "reviewed", "final", "source"};
  return names[static_cast<std::size_t>(s)];
}

std::string_view to_string(coverage_grouping g) noexcept {
  switch (g) {
    case coverage_grouping::locale:
      return "locale";
    case coverage_grouping::type:
      return "type";
    case coverage_grouping::document:
      return "document";
    case coverage_grouping::field:
      return "field";
  }
  return "locale";
}

std::optional<coverage_grouping> parse_coverage_grouping(std::string_view name) noexcept {
  for (auto g :
       {coverage_grouping::locale, coverage_grouping::type, coverage_grouping::document, coverage_grouping::field})
    if (to_string(g) == name) return g;
  return std::nullopt;
}

std::size_t coverage_counts::total_units() const noexcept {
  std::size_t n = 0;
  for (auto u : units) n += u;
  return n;
}
std::size_t coverage_counts::total_words() const noexcept {
  std::size_t n = 0;
  for (auto w : words) n += w;
  return n;
}
double coverage_counts::percent(bool by_words) const noexcept {
  const auto& a = by_words ? words : units;
  std::size_t total = 0, complete = 0;
  for (std::size_t i = 0; i < unit_status_count; ++i) {
    total += a[i];
    auto s = static_cast<unit_status>(i);
    if (s == unit_status::translated || s == unit_status::reviewed || s == unit_status::final_ ||
        s == unit_status::source)
      complete += a[i];
  }
  return total == 0 ? 100.0 : 100.0 * static_cast<double>(complete) / static_cast<double>(total);
}
std::size_t coverage_counts::fallback_units() const noexcept {
  return units[static_cast<std::size_t>(unit_status::missing)] + units[static_cast<std::size_t>(unit_status::stale)];
}
void coverage_counts::add(unit_status s, std::size_t w) {
  units[static_cast<std::size_t>(s)] += 1;
  words[static_cast<std::size_t>(s)] += w;
}

namespace {
// Written directly (not through a JSON tree): a document matrix of a large
// store has hundreds of thousands of rows. One row per line.
void row_json(std::string& out, const coverage_row& r) {
  char num[64];
  out += "{";
  if (!r.group.empty()) {
    out += "\"group\": ";
    detail::append_json_string(out, r.group);
    out += ", ";
  }
  out += "\"locale\": ";
  detail::append_json_string(out, r.locale);
  std::snprintf(num, sizeof num, "%.2f", std::round(r.counts.percent() * 100) / 100);
  out += ", \"units\": " + std::to_string(r.counts.total_units()) +
         ", \"words\": " + std::to_string(r.counts.total_words()) + ", \"percent\": " + num;
  std::snprintf(num, sizeof num, "%.2f", std::round(r.counts.percent(true) * 100) / 100);
  out += ", \"percent_words\": " + std::string(num) + ", \"fallback\": " + std::to_string(r.counts.fallback_units());
  if (!r.inherited_from.empty()) {
    out += ", \"inherited\": " + std::to_string(r.counts.inherited) + ", \"inherited_from\": [";
    for (std::size_t i = 0; i < r.inherited_from.size(); ++i) {
      if (i) out += ", ";
      detail::append_json_string(out, r.inherited_from[i]);
    }
    out += "]";
  }
  out += ", \"counts\": {";
  for (std::size_t i = 0; i < unit_status_count; ++i) {
    if (i) out += ", ";
    out += "\"" + std::string(to_string(static_cast<unit_status>(i))) +
           "\": {\"units\": " + std::to_string(r.counts.units[i]) +
           ", \"words\": " + std::to_string(r.counts.words[i]) + "}";
  }
  out += "}}";
}
}  // namespace

std::string to_json(const coverage_report& report) {
  std::string out;
  out.reserve(512 + (report.totals.size() + report.rows.size()) * 400);
  out += "{\n  \"locales\": [";
  for (std::size_t i = 0; i < report.locales.size(); ++i) {
    if (i) out += ", ";
    detail::append_json_string(out, report.locales[i]);
  }
  out += "],\n  \"totals\": [";
  for (std::size_t i = 0; i < report.totals.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    row_json(out, report.totals[i]);
  }
  out += report.totals.empty() ? "],\n  \"rows\": [" : "\n  ],\n  \"rows\": [";
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    row_json(out, report.rows[i]);
  }
  out += report.rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string to_csv(const coverage_report& report) {
  std::string out = "group,locale,units,words,percent,percent_words,fallback";
  for (std::size_t i = 0; i < unit_status_count; ++i) out += "," + std::string(to_string(static_cast<unit_status>(i)));
  out += "\r\n";
  auto line = [&](const coverage_row& r) {
    char pct[64];
    std::snprintf(pct, sizeof pct, "%.2f,%.2f", r.counts.percent(), r.counts.percent(true));
    // Group names are keys and field names: no commas or quotes to escape.
    out += (r.group.empty() ? "(all)" : r.group) + "," + r.locale + "," + std::to_string(r.counts.total_units()) + "," +
           std::to_string(r.counts.total_words()) + "," + pct + "," + std::to_string(r.counts.fallback_units());
    for (auto u : r.counts.units) out += "," + std::to_string(u);
    out += "\r\n";
  };
  for (const auto& r : report.totals) line(r);
  for (const auto& r : report.rows) line(r);
  return out;
}

}  // namespace glossa
