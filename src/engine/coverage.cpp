// Use case: coverage per locale, counted in units and in source words.
// Words: ICU word boundaries on the source text, markup and placeholders
// excluded; a message counts the words of its `other` (or first) variant.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
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

// The locales a report covers, canonical: the ones asked for, else the
// working locales (not regional variants).
result<std::vector<std::string>> report_locales(const std::vector<std::string>& asked) {
  std::vector<std::string> locales = asked;
  if (locales.empty())
    for (const auto& s : locale_config::builtin().locales)
      if (s.tag.find('-') == std::string::npos) locales.push_back(s.tag);
  std::vector<std::string> out;  // canonical, each once ("fr" and "FR" are one column)
  for (const auto& l : locales) {
    auto c = canonical_locale(l);
    if (!c) return c.err();
    if (std::find(out.begin(), out.end(), *c) == out.end()) out.push_back(std::move(*c));
  }
  return out;
}

// Counts fields as they arrive, document by document: per locale, and per
// group (in first-seen order) and locale.
class coverage_counter {
 public:
  coverage_counter(const coverage_options& options, const content_schema& schema, std::vector<std::string> locales)
      : options_(options), schema_(schema), totals_(locales.size()) {
    report_.locales = std::move(locales);
    // Per locale, the locales whose text a reader of it gets in its own
    // language: itself, then its configured same-language parents.
    for (const auto& l : report_.locales) {
      served_by_.push_back({l});
      for (const auto& parent : locale_config::builtin().chain(l))
        if (parent != l && language_of(parent) == language_of(l)) served_by_.back().push_back(parent);
    }
  }

  // A document's fields are buffered so that its title is known before its
  // items are listed.
  void add(const field_status& fs) {
    if (!pending_.empty() && pending_.front().document_key != fs.document_key) flush();
    pending_.push_back(fs);
  }

  // Whether the store's tallies give this report: no locale inheriting
  // from a parent, no items, no rows per document or field.
  bool tallies_serve() const {
    if (options_.list_items || (options_.by != coverage_grouping::locale && options_.by != coverage_grouping::type))
      return false;
    return std::all_of(served_by_.begin(), served_by_.end(), [](const auto& s) { return s.size() == 1; });
  }

  // The counts add() would make, from the store's tallies. False, having
  // counted nothing, when a field to count has no stored word count.
  bool add(const std::vector<field_tally>& tallies) {
    std::vector<const field_tally*> fields, translations;
    for (const auto& t : tallies) {
      if (!def_of(t)) continue;
      if (!t.locale.empty()) {
        translations.push_back(&t);
      } else if (t.uncounted) {
        return false;
      } else {
        fields.push_back(&t);
      }
    }
    open_groups_in_document_order(fields);
    // Every field first counts as missing (or source) in every locale; its
    // translations then move their units from missing to their status.
    for (const auto* f : fields)
      for (std::size_t li = 0; li < report_.locales.size(); ++li)
        tally(*f, li, f->source_locale == report_.locales[li] ? unit_status::source : unit_status::missing, {});
    for (const auto* t : translations) {
      auto at = std::find(report_.locales.begin(), report_.locales.end(), t->locale);
      if (at == report_.locales.end() || t->locale == t->source_locale) continue;
      auto st = t->current ? static_cast<unit_status>(static_cast<int>(unit_status::fresh) + static_cast<int>(t->state))
                           : unit_status::stale;
      tally(*t, static_cast<std::size_t>(at - report_.locales.begin()), st, unit_status::missing);
    }
    return true;
  }

  coverage_report finish() {
    flush();
    const auto& locales = report_.locales;
    for (std::size_t li = 0; li < locales.size(); ++li)
      report_.totals.push_back({"", locales[li], totals_[li], parents(li)});
    report_.rows.reserve(group_names_.size() * locales.size());
    for (std::size_t g = 0; g < group_names_.size(); ++g)
      for (std::size_t li = 0; li < locales.size(); ++li)
        report_.rows.push_back({group_names_[g], locales[li], group_counts_[g][li], parents(li)});
    return std::move(report_);
  }

 private:
  void flush() {
    if (pending_.empty()) return;
    if (const type_def* type = schema_.find(pending_.front().type)) {
      std::string title;
      if (options_.list_items) {
        for (const char* name : {"title", "name"})
          for (const auto& fs : pending_)
            if (fs.field == name && title.empty()) title = fs.value;
        report_.titles.push_back({pending_.front().document_key, title, pending_.front().source_locale});
      }
      for (const auto& fs : pending_) field(*type, fs, title);
    }
    pending_.clear();
  }

  void field(const type_def& type, const field_status& fs, const std::string& title) {
    const field_def* def = type.find(fs.field);
    if (!def || !def->translatable || fs.value.empty()) return;
    auto counter = counters_.find(fs.source_locale);
    if (counter == counters_.end())
      counter = counters_.emplace(fs.source_locale, detail::word_counter(fs.source_locale)).first;
    std::string shown;
    if (options_.list_items || !fs.words) shown = detail::visible_source(fs.value, def->kind);
    std::size_t words = fs.words ? *fs.words : counter->second.count(shown);
    // Labels are counted as their own group, apart from the content's
    // totals: in a report by locale, the group "labels".
    bool label = !type.labels_of.empty();
    std::vector<coverage_counts>* group_row = nullptr;
    if (options_.by != coverage_grouping::locale || label) group_row = &group_row_of(group_of(fs, label));
    for (std::size_t li = 0; li < report_.locales.size(); ++li) {
      auto [st, inherited] = status_for(fs, li);
      if (!label) {
        totals_[li].add(st, words);
        if (inherited) ++totals_[li].inherited;
      }
      if (options_.list_items && (st == unit_status::missing || st == unit_status::stale || st == unit_status::fresh))
        report_.items.push_back({fs.document_key, fs.type, title, fs.field, report_.locales[li], fs.source_locale, st,
                                 detail::shown_source(fs.value, def->kind), words});
      if (group_row) {
        (*group_row)[li].add(st, words);
        if (inherited) ++(*group_row)[li].inherited;
      }
    }
  }

  // A regional locale without its own translation is served by its
  // same-language parents (es for es-MX), as readers are: inherited.
  std::pair<unit_status, bool> status_for(const field_status& fs, std::size_t li) const {
    unit_status st = unit_status::missing;
    bool inherited = false;
    for (std::size_t k = 0; k < served_by_[li].size() && st == unit_status::missing; ++k) {
      st = status_in(fs, served_by_[li][k]);
      inherited = k > 0 && st != unit_status::missing;
    }
    return {st, inherited};
  }

  // The type of a tally's fields when they count: translatable, with a source.
  const type_def* def_of(const field_tally& t) const {
    const type_def* type = schema_.find(t.type);
    if (!type || t.empty_source) return nullptr;
    const field_def* def = type->find(t.field);
    return def && def->translatable ? type : nullptr;
  }

  std::string group_of(const field_tally& t, bool label) const {
    return options_.by == coverage_grouping::type ? t.type : label ? "labels" : std::string();
  }

  // Groups appear in the order add(field_status) meets them: by the least
  // key of their documents.
  void open_groups_in_document_order(const std::vector<const field_tally*>& fields) {
    std::map<std::string, std::string> first;  // group -> least document key
    for (const auto* f : fields) {
      bool label = !def_of(*f)->labels_of.empty();
      if (options_.by == coverage_grouping::locale && !label) continue;
      auto [at, fresh] = first.try_emplace(group_of(*f, label), f->first_document);
      if (!fresh) at->second = std::min(at->second, f->first_document);
    }
    std::vector<std::pair<std::string, std::string>> order;  // (key, group)
    for (auto& [group, key] : first) order.emplace_back(key, group);
    std::sort(order.begin(), order.end());
    for (const auto& [key, group] : order) group_row_of(group);
  }

  // Adds a tally's units and words to `to` in locale li, taking them from
  // `from` when given (where its fields were first counted).
  void tally(const field_tally& t, std::size_t li, unit_status to, std::optional<unit_status> from) {
    bool label = !def_of(t)->labels_of.empty();
    auto apply = [&](coverage_counts& c) {
      c.units[static_cast<std::size_t>(to)] += t.count;
      c.words[static_cast<std::size_t>(to)] += t.words;
      if (!from) return;
      c.units[static_cast<std::size_t>(*from)] -= t.count;
      c.words[static_cast<std::size_t>(*from)] -= t.words;
    };
    if (!label) apply(totals_[li]);
    if (options_.by != coverage_grouping::locale || label) apply(group_row_of(group_of(t, label))[li]);
  }

  std::string group_of(const field_status& fs, bool label) const {
    switch (options_.by) {
      case coverage_grouping::type:
        return fs.type;
      case coverage_grouping::document:
        return fs.document_key;
      case coverage_grouping::field:
        return fs.document_key + "." + fs.field;
      case coverage_grouping::locale:
        break;
    }
    return label ? "labels" : std::string();
  }

  std::vector<coverage_counts>& group_row_of(const std::string& group) {
    auto [g, fresh] = group_index_.try_emplace(group, group_names_.size());
    if (fresh) {
      group_names_.push_back(group);
      group_counts_.emplace_back(report_.locales.size());
    }
    return group_counts_[g->second];
  }

  std::vector<std::string> parents(std::size_t li) const {
    return std::vector<std::string>(served_by_[li].begin() + 1, served_by_[li].end());
  }

  const coverage_options& options_;
  const content_schema& schema_;
  coverage_report report_;
  std::vector<std::vector<std::string>> served_by_;
  std::vector<coverage_counts> totals_;
  std::unordered_map<std::string, std::size_t> group_index_;
  std::vector<std::string> group_names_;
  std::vector<std::vector<coverage_counts>> group_counts_;
  std::map<std::string, detail::word_counter> counters_;
  std::vector<field_status> pending_;
};

}  // namespace

result<coverage_report> engine::coverage(const coverage_options& options) {
  auto locales = report_locales(options.locales);
  if (!locales) return locales.err();
  auto schema = store_->schema();
  if (!schema) return schema.err();
  if (!options.type.empty() && !schema->find(options.type))
    return error(errc::unknown_type, "unknown document type '" + options.type + "'");
  coverage_counter counter(options, *schema, std::move(*locales));
  if (counter.tallies_serve()) {
    auto tallies = store_->field_tallies(options.type);
    if (!tallies) return tallies.err();
    if (counter.add(*tallies)) return counter.finish();
  }
  status walked = store_->for_each_field_status(options.type, [&](const field_status& fs) {
    counter.add(fs);
    return true;
  });
  if (!walked) return walked.err();
  return counter.finish();
}

}  // namespace glossa
