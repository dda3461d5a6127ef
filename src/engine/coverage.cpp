// Use case: coverage per locale, counted in units and in source words.
// Words: ICU word boundaries on the source text, markup and placeholders
// excluded; a message counts the words of its `other` (or first) variant.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "glossa/engine.hpp"
#include "glossa/locale.hpp"
#include "i18n/words.hpp"

namespace glossa {

namespace {
unit_status status_in(const field_status& fs, const std::string& locale) {
  if (locale == fs.source_locale) return unit_status::source;
  auto t =
      std::lower_bound(fs.translations.begin(), fs.translations.end(), locale,
                       [](const field_status::translation_status& a, const std::string& b) { return a.locale < b; });
  if (t == fs.translations.end() || t->locale != locale) return unit_status::missing;
  if (!t->current) return unit_status::stale;
  return static_cast<unit_status>(static_cast<int>(unit_status::fresh) + static_cast<int>(t->state));
}
}  // namespace

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

  // Per locale, the locales whose text a reader of it gets in its own
  // language: itself, then its configured same-language parents.
  std::vector<std::vector<std::string>> served_by;
  for (const auto& l : locales) {
    served_by.push_back({l});
    for (const auto& parent : locale_config::builtin().chain(l))
      if (parent != l && language_of(parent) == language_of(l)) served_by.back().push_back(parent);
  }
  // Counts per locale index, and per group (in first-seen order) and locale index.
  std::vector<coverage_counts> totals(locales.size());
  std::unordered_map<std::string, std::size_t> group_index;
  std::vector<std::string> group_names;
  std::vector<std::vector<coverage_counts>> group_counts;
  std::map<std::string, detail::word_counter> counters;
  // Fields arrive document by document; a document's fields are buffered so
  // that its title is known before its items are listed.
  std::vector<field_status> pending;
  auto flush = [&] {
    if (pending.empty()) return;
    const type_def* type = schema->find(pending.front().type);
    if (!type) {
      pending.clear();
      return;
    }
    std::string title;
    if (options.list_items) {
      for (const char* name : {"title", "name"})
        for (const auto& fs : pending)
          if (fs.field == name && title.empty()) title = fs.value;
      report.titles.push_back({pending.front().document_key, title, pending.front().source_locale});
    }
    for (const auto& fs : pending) {
      const field_def* def = type->find(fs.field);
      if (!def || !def->translatable || fs.value.empty()) continue;
      auto counter = counters.find(fs.source_locale);
      if (counter == counters.end())
        counter = counters.emplace(fs.source_locale, detail::word_counter(fs.source_locale)).first;
      std::string shown;
      if (options.list_items || !fs.words) shown = detail::visible_source(fs.value, def->kind);
      std::size_t words = fs.words ? *fs.words : counter->second.count(shown);
      // Labels are counted as their own group, apart from the content's
      // totals: in a report by locale, the group "labels".
      bool label = !type->labels_of.empty();
      std::string group = options.by == coverage_grouping::type       ? fs.type
                          : options.by == coverage_grouping::document ? fs.document_key
                          : options.by == coverage_grouping::field    ? fs.document_key + "." + fs.field
                          : label                                     ? "labels"
                                                                      : std::string();
      std::vector<coverage_counts>* group_row = nullptr;
      if (options.by != coverage_grouping::locale || label) {
        auto [g, fresh] = group_index.try_emplace(group, group_names.size());
        if (fresh) {
          group_names.push_back(group);
          group_counts.emplace_back(locales.size());
        }
        group_row = &group_counts[g->second];
      }
      for (std::size_t li = 0; li < locales.size(); ++li) {
        // A regional locale without its own translation is served by its
        // same-language parents (es for es-MX), as readers are.
        unit_status st = unit_status::missing;
        bool inherited = false;
        for (std::size_t k = 0; k < served_by[li].size() && st == unit_status::missing; ++k) {
          st = status_in(fs, served_by[li][k]);
          inherited = k > 0 && st != unit_status::missing;
        }
        if (!label) {
          totals[li].add(st, words);
          if (inherited) ++totals[li].inherited;
        }
        if (options.list_items && (st == unit_status::missing || st == unit_status::stale || st == unit_status::fresh))
          report.items.push_back({fs.document_key, fs.type, title, fs.field, locales[li], fs.source_locale, st,
                                  detail::shown_source(fs.value, def->kind), words});
        if (group_row) {
          (*group_row)[li].add(st, words);
          if (inherited) ++(*group_row)[li].inherited;
        }
      }
    }
    pending.clear();
  };
  status walked = store_->for_each_field_status(options.type, [&](const field_status& fs) {
    if (!pending.empty() && pending.front().document_key != fs.document_key) flush();
    pending.push_back(fs);
    return true;
  });
  if (walked) flush();
  if (!walked) return walked.err();
  auto parents = [&](std::size_t li) {
    return std::vector<std::string>(served_by[li].begin() + 1, served_by[li].end());
  };
  for (std::size_t li = 0; li < locales.size(); ++li)
    report.totals.push_back({"", locales[li], totals[li], parents(li)});
  report.rows.reserve(group_names.size() * locales.size());
  for (std::size_t g = 0; g < group_names.size(); ++g)
    for (std::size_t li = 0; li < locales.size(); ++li)
      report.rows.push_back({group_names[g], locales[li], group_counts[g][li], parents(li)});
  return report;
}

}  // namespace glossa
