// Use case: coverage per locale, counted in units and in source words.
// Words: ICU word boundaries on the source text, markup and placeholders
// excluded; a message counts the words of its `other` (or first) variant.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <boost/json.hpp>

#include "formats/xliff/inline.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"
#include "locale/words.hpp"
#include "util/json_output.hpp"

namespace glossa {

std::string_view to_string(unit_status s) noexcept {
  static constexpr std::array<std::string_view, unit_status_count> names{"missing", "stale", "new", "translated",
                                                                          "reviewed", "final", "source"};
  return names[static_cast<std::size_t>(s)];
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
    if (s == unit_status::translated || s == unit_status::reviewed || s == unit_status::final_ || s == unit_status::source)
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

result<coverage_report> engine::coverage(const coverage_options& options) {
  coverage_report report;
  std::vector<std::string> locales = options.locales;
  if (locales.empty())
    for (const auto& s : locale_config::builtin().locales)
      if (s.tag.find('-') == std::string::npos) locales.push_back(s.tag);  // the working locales, not regional variants
  for (auto& l : locales) {
    auto c = canonical_locale(l);
    if (!c) return c.err();
    l = *c;
  }
  report.locales = locales;
  auto schema = store_->schema();
  if (!schema) return schema.err();
  if (!options.type.empty() && !schema->find(options.type))
    return error(errc::unknown_type, "unknown document type '" + options.type + "'");

  std::map<std::string, coverage_counts> totals;
  std::map<std::pair<std::string, std::string>, coverage_counts> rows;  // (group, locale)
  std::vector<std::string> group_order;
  std::map<std::string, detail::word_counter> counters;
  status walked = store_->for_each_document(options.type, [&](const document& d) {
    const type_def* type = schema->find(d.type);
    if (!type) return true;
    std::string title;
    if (options.list_items) {
      for (const char* name : {"title", "name"})
        if (const field* t = d.find(name); t && title.empty()) title = t->value;
      report.titles.emplace_back(d.key, title);
    }
    for (const auto& f : d.fields) {
      const field_def* def = type->find(f.name);
      if (!def || !def->translatable || f.value.empty()) continue;
      auto counter = counters.find(d.source_locale);
      if (counter == counters.end()) counter = counters.emplace(d.source_locale, detail::word_counter(d.source_locale)).first;
      std::size_t words = 0;
      std::string shown;
      auto variants = xliff::to_variants(f.value, def->kind, "en");  // English: one/other, so 'other' exists
      if (variants && !variants->empty()) {
        shown = xliff::display_text(variants->back().source, false);
        words = counter->second.count(shown);
      }
      std::string group = options.by == coverage_grouping::type ? d.type
                          : options.by == coverage_grouping::document ? d.key
                          : options.by == coverage_grouping::field ? d.key + "." + f.name : std::string();
      for (const auto& l : locales) {
        unit_status s = unit_status::missing;
        if (l == d.source_locale) s = unit_status::source;
        else if (const translation* t = f.find(l)) {
          if (is_stale(f, *t)) s = unit_status::stale;
          else s = static_cast<unit_status>(static_cast<int>(unit_status::fresh) + static_cast<int>(t->state));
        }
        totals[l].add(s, words);
        if (options.list_items && (s == unit_status::missing || s == unit_status::stale || s == unit_status::fresh))
          report.items.push_back({d.key, d.type, title, f.name, l, d.source_locale, s, shown, words});
        if (options.by != coverage_grouping::locale) {
          auto key = std::make_pair(group, l);
          if (!rows.count(key) && (group_order.empty() || group_order.back() != group)) group_order.push_back(group);
          rows[key].add(s, words);
        }
      }
    }
    return true;
  });
  if (!walked) return walked.err();
  for (const auto& l : locales) report.totals.push_back({"", l, totals[l]});
  std::vector<std::string> seen;
  for (const auto& g : group_order) {
    if (std::find(seen.begin(), seen.end(), g) != seen.end()) continue;
    seen.push_back(g);
    for (const auto& l : locales) report.rows.push_back({g, l, rows[{g, l}]});
  }
  return report;
}

namespace {
boost::json::object row_json(const coverage_row& r) {
  namespace json = boost::json;
  json::object counts;
  for (std::size_t i = 0; i < unit_status_count; ++i)
    counts[to_string(static_cast<unit_status>(i))] = json::object{{"units", r.counts.units[i]}, {"words", r.counts.words[i]}};
  json::object o{{"locale", r.locale},
                 {"units", r.counts.total_units()},
                 {"words", r.counts.total_words()},
                 {"percent", std::round(r.counts.percent() * 100) / 100},
                 {"percent_words", std::round(r.counts.percent(true) * 100) / 100},
                 {"fallback", r.counts.fallback_units()}};
  if (!r.group.empty()) o["group"] = r.group;
  o["counts"] = std::move(counts);
  return o;
}
}  // namespace

std::string to_json(const coverage_report& report) {
  namespace json = boost::json;
  json::array locales, totals, rows;
  for (const auto& l : report.locales) locales.emplace_back(l);
  for (const auto& r : report.totals) totals.emplace_back(row_json(r));
  for (const auto& r : report.rows) rows.emplace_back(row_json(r));
  json::object o;
  o["locales"] = std::move(locales);
  o["totals"] = std::move(totals);
  o["rows"] = std::move(rows);
  return detail::pretty_json(o);
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
