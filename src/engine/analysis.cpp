// Use case: what an export would give a translator to do, by match band.
#include <set>

#include "engine/export_walk.hpp"
#include "engine/memory.hpp"
#include "formats/xliff/inline.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"
#include "i18n/sentences.hpp"
#include "i18n/words.hpp"

namespace glossa {

std::string_view to_string(match_band b) noexcept {
  switch (b) {
    case match_band::in_context:
      return "in-context";
    case match_band::exact:
      return "exact";
    case match_band::repetition:
      return "repetitions";
    case match_band::fuzzy_95:
      return "95-99";
    case match_band::fuzzy_85:
      return "85-94";
    case match_band::fuzzy_75:
      return "75-84";
    case match_band::no_match:
      return "new";
  }
  return "new";
}

namespace {

constexpr match_band every_band[] = {match_band::in_context, match_band::exact,    match_band::repetition,
                                     match_band::fuzzy_95,   match_band::fuzzy_85, match_band::fuzzy_75,
                                     match_band::no_match};

match_band band_of(double score) {
  return score >= 100  ? match_band::exact
         : score >= 95 ? match_band::fuzzy_95
         : score >= 85 ? match_band::fuzzy_85
         : score >= 75 ? match_band::fuzzy_75
                       : match_band::no_match;
}

// Tallies each segment of the units it is given in the first band it
// qualifies for: in context, exact, a repetition of an earlier segment,
// then by its best fuzzy score.
class analyzer {
 public:
  analyzer(const analysis_options& options, std::string locale, detail::export_memory& memory)
      : options_(options), locale_(std::move(locale)), memory_(memory) {
    for (auto b : every_band) report_.bands.push_back({b, 0, 0});
    report_.locale = locale_;
    report_.scope = options.scope;
    report_.segment = options.segment;
  }

  void document(const glossa::document& d, const content_schema& schema) {
    if (d.source_locale == locale_) return;
    const type_def* type = schema.find(d.type);
    std::size_t before = report_.units;
    for (const auto& f : d.fields) {
      const field_def* def = type ? type->find(f.name) : nullptr;
      if (!def || !def->translatable || f.value.empty()) continue;
      const translation* t = f.find(locale_);
      if (!detail::selected(options_.scope, f, t)) continue;
      auto variants = xliff::to_variants(f.value, def->kind, locale_);
      if (!variants) continue;
      bool own = t && !is_stale(f, *t) && t->state != translation_state::fresh &&
                 xliff::align_translation(t->text, def->kind, *variants, locale_);
      for (const auto& v : *variants) unit(d, f.name + v.suffix, v.source, own);
    }
    report_.documents += report_.units > before;
  }

  analysis_report take() { return std::move(report_); }

 private:
  void unit(const glossa::document& d, const std::string& field, const xliff::content& source, bool own) {
    ++report_.units;
    auto matcher = memory_.by_language.find(language_of(d.source_locale));
    // Its previous version at 100: the source changed only where tokens do not see.
    auto previous = memory_.previous.find({d.key, field});
    bool in_context = own || (previous != memory_.previous.end() && matcher != memory_.by_language.end() &&
                              matcher->second.similarity(source, previous->second.source) >= 100);
    // As the export cuts it: a unit of one segment (or none) stays whole.
    std::vector<xliff::content> segments;
    if (options_.segment == segmentation::sentences) {
      auto pieces = detail::segment_pieces(source, splitter(d.source_locale));
      for (std::size_t i = 1; pieces.size() >= 5 && i < pieces.size(); i += 2) segments.push_back(std::move(pieces[i]));
    }
    if (segments.empty()) segments.push_back(source);
    for (const auto& s : segments) {
      std::size_t words = counter(d.source_locale).count(xliff::display_text(s, /*with_codes=*/false));
      tally(in_context ? match_band::in_context : band(d, field, s), words);
    }
  }

  match_band band(const glossa::document& d, const std::string& field, const xliff::content& s) {
    auto matcher = memory_.by_language.find(language_of(d.source_locale));
    bool seen = !seen_.insert(language_of(d.source_locale) + '\x1F' + detail::tm_content_key(s)).second;
    if (matcher == memory_.by_language.end()) return seen ? match_band::repetition : match_band::no_match;
    auto hits = matcher->second.find(s, 75, 1);
    if (!hits.empty() && hits[0].score >= 100) {
      auto e = matcher->second.entry(hits[0].entry);
      return e.document == d.key && e.field == field ? match_band::in_context : match_band::exact;
    }
    if (seen) return match_band::repetition;
    return hits.empty() ? match_band::no_match : band_of(hits[0].score);
  }

  void tally(match_band b, std::size_t words) {
    auto& t = report_.bands[static_cast<std::size_t>(b)];
    ++t.segments;
    t.words += words;
    ++report_.segments;
    report_.words += words;
  }

  detail::word_counter& counter(const std::string& locale) {
    auto it = counters_.find(locale);
    if (it == counters_.end()) it = counters_.emplace(locale, detail::word_counter(locale)).first;
    return it->second;
  }
  detail::sentence_splitter& splitter(const std::string& locale) {
    auto it = splitters_.find(locale);
    if (it == splitters_.end()) it = splitters_.emplace(locale, detail::sentence_splitter(locale)).first;
    return it->second;
  }

  const analysis_options& options_;
  std::string locale_;
  detail::export_memory& memory_;
  analysis_report report_;
  std::set<std::string> seen_;  // segments analyzed so far, by language and content
  std::map<std::string, detail::word_counter> counters_;
  std::map<std::string, detail::sentence_splitter> splitters_;
};

}  // namespace

result<analysis_report> engine::analyze(const analysis_options& options) {
  auto locale = canonical_locale(options.locale);
  if (!locale) return locale.err();
  auto schema = store_->schema();
  if (!schema) return schema.err();
  xliff_export_options walk;  // the export this analysis is of
  walk.locale = *locale;
  walk.scope = options.scope;
  walk.type = options.type;
  walk.documents = options.documents;
  auto docs = detail::chosen_documents(*store_, *schema, walk);
  if (!docs) return docs.err();
  auto memory = detail::build_memory(*store_, *locale, *docs);
  if (!memory) return memory.err();
  analyzer a(options, *locale, *memory);
  std::size_t done = 0;
  auto walked = detail::read_beside(*store_, walk, *docs, [&](const document& d) {
    a.document(d, *schema);
    if (options.progress) options.progress(++done, docs->size());
    return true;
  });
  if (!walked) return walked.err();
  return a.take();
}

}  // namespace glossa
