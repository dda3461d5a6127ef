// Use case: export the fields that need work in one locale as XLIFF.
#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

#include "engine/export_walk.hpp"
#include "engine/memory.hpp"
#include "engine/termbase.hpp"
#include "engine/tm_matcher.hpp"
#include "formats/xliff/inline.hpp"
#include "formats/xliff/writer.hpp"
#include "glossa/engine.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "i18n/sentences.hpp"
#include "i18n/words.hpp"

namespace glossa {

using detail::build_memory;
using detail::chosen_documents;
using detail::read_beside;
using detail::selected;

std::string_view to_string(xliff_version v) noexcept {
  switch (v) {
    case xliff_version::v1_2:
      return "1.2";
    case xliff_version::v2_0:
      return "2.0";
    case xliff_version::v2_1:
      return "2.1";
    case xliff_version::v2_2:
      return "2.2";
  }
  return "1.2";
}

std::optional<xliff_version> parse_xliff_version(std::string_view s) noexcept {
  for (auto v : {xliff_version::v1_2, xliff_version::v2_0, xliff_version::v2_1, xliff_version::v2_2})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::string_view to_string(export_scope s) noexcept {
  switch (s) {
    case export_scope::missing:
      return "missing";
    case export_scope::stale:
      return "stale";
    case export_scope::todo:
      return "todo";
    case export_scope::all:
      return "all";
  }
  return "todo";
}

std::optional<export_scope> parse_export_scope(std::string_view s) noexcept {
  for (auto v : {export_scope::missing, export_scope::stale, export_scope::todo, export_scope::all})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::string_view to_string(segmentation s) noexcept { return s == segmentation::sentences ? "sentences" : "units"; }

result<segmentation> parse_segmentation(std::string_view s) {
  for (auto v : {segmentation::units, segmentation::sentences})
    if (to_string(v) == s) return v;
  return error(errc::invalid_argument, "segment must be units or sentences, not '" + std::string(s) + "'");
}

std::string_view to_string(prefill_mode m) noexcept {
  switch (m) {
    case prefill_mode::none:
      return "none";
    case prefill_mode::context:
      return "context";
    case prefill_mode::exact:
      return "exact";
  }
  return "none";
}

result<prefill_mode> parse_prefill_mode(std::string_view s) {
  for (auto m : {prefill_mode::none, prefill_mode::context, prefill_mode::exact})
    if (to_string(m) == s) return m;
  return error(errc::invalid_argument, "prefill must be none, context or exact, not '" + std::string(s) + "'");
}

namespace {

std::string title_of(const document& d) {
  for (const char* name : {"title", "name"})
    if (const field* f = d.find(name)) return f->value;
  return {};
}

// Why a plural form exists, where its numbers alone do not say it.
std::string why_form(const std::string& locale, const std::string& category) {
  std::string language = language_of(locale);
  if (category == "many" && language == "fr")
    return " These are round millions and more, where the noun takes \u00AB\u202Fde\u202F\u00BB: "
           "\u00AB\u202F1\u202F000\u202F000 de postes\u202F\u00BB.";
  if (category == "many" && language == "es")
    return " These are round millions and more, where the noun takes \u00ABde\u00BB: \u00AB1.000.000 de puestos\u00BB.";
  return {};
}

std::string describe_selector(const std::string& locale, const std::string& arg, const std::string& value,
                              const std::string& style) {
  if (style == "select") return "Variant of {" + arg + "} when it is '" + value + "'.";
  if (!value.empty() && value[0] == '=') return "Variant of {" + arg + "} for exactly " + value.substr(1) + ".";
  auto f = formatter::for_locale(locale);
  std::string samples = f ? (*f)->plural_examples(value) : std::string();
  bool ellipsis = samples.size() >= 3 && samples.compare(samples.size() - 3, 3, "\u2026") == 0;
  return "Plural form '" + value + "' of {" + arg + "} in " + locale +
         (samples.empty() ? "" : ", used for " + samples) + (ellipsis ? "" : ".") + why_form(locale, value);
}

}  // namespace

namespace {

// Gives a match's codes fresh ids, 1, 2... in the source's order, a
// target's code the id of the source's code of the same id and markup:
// TMX allows one x twice in a segment, and its ids need not be NMTOKENs.
void renumber_codes(xliff::content& source, xliff::content& target) {
  std::map<std::string, std::vector<std::string>> ids;  // kind, old id and markup -> new ids in order
  std::map<std::string, std::size_t> taken;
  int next = 0;
  auto pass = [&](xliff::content& c, bool is_source) {
    std::vector<std::string> open;
    for (auto& p : c) {
      if (!p.is_code) continue;
      xliff::code& code = *p.c;
      std::string id;
      if (code.type == xliff::code::kind::close) {
        id = open.empty() ? std::to_string(++next) : open.back();
        if (!open.empty()) open.pop_back();
      } else {
        std::string key = std::to_string(int(code.type)) + '\x1F' + code.id + '\x1F' + code.original;
        auto& list = ids[key];
        std::size_t& used = taken[key];
        if (is_source || used >= list.size()) {
          id = std::to_string(++next);
          if (is_source) list.push_back(id);
        } else {
          id = list[used++];
        }
        if (code.type == xliff::code::kind::open) open.push_back(id);
      }
      code.id = id;
    }
  };
  pass(source, true);
  pass(target, false);
}

// The memory's look-up per source language (with options.tm): built from
// one walk over the memory, for the source languages of the documents.
// Gives a match the code ids of the unit's source, whose codes it has in
// the same order (an exact match: the same codes by kind and markup), so
// that it can be the unit's target; false when a code has no counterpart.
bool take_source_ids(const xliff::content& unit_source, xliff::content& match_source, xliff::content& target) {
  renumber_codes(match_source, target);  // ids 1, 2... in the source's order
  std::vector<std::string> ids;          // the unit's, in the same order
  for (const auto& p : unit_source)
    if (p.is_code && p.c->type != xliff::code::kind::close) ids.push_back(p.c->id);
  for (auto& p : target) {
    if (!p.is_code) continue;
    std::size_t n = 0;
    auto [end, bad] = std::from_chars(p.c->id.data(), p.c->id.data() + p.c->id.size(), n);
    if (bad != std::errc() || n == 0 || n > ids.size()) return false;
    p.c->id = ids[n - 1];
  }
  return xliff::check_codes(unit_source, target).empty();
}

// Writes the units of each document it is given: one <file> per document
// with work, a group per field with several units (plural variants).
class xliff_exporter {
 public:
  xliff_exporter(const xliff_export_options& options, std::string locale, const content_schema& schema,
                 xliff::writer& w, detail::export_memory* memory, detail::termbases* terms)
      : options_(options), locale_(std::move(locale)), schema_(schema), w_(w), memory_(memory), terms_(terms) {}

  /// Writes `d`; `hits`, when given, holds look-ups done beforehand (look_up_key).
  void document(const glossa::document& d, const detail::look_ups* hits = nullptr) {
    hits_ = hits;
    if (d.source_locale == locale_) return;  // nothing to translate into a document's own source locale
    const type_def* type = schema_.find(d.type);
    bool file_open = false;
    for (const auto& f : d.fields) {
      const field_def* def = type ? type->find(f.name) : nullptr;
      if (!def || !def->translatable || f.value.empty()) continue;
      const translation* t = f.find(locale_);
      if (!selected(options_.scope, f, t)) continue;
      auto variants = xliff::to_variants(f.value, def->kind, locale_);
      if (!variants) continue;  // stored values are validated; an unparsable one is left out
      if (!file_open) {
        std::string title = title_of(d);
        w_.begin_file(d.key, d.type + "/" + d.key, d.source_locale,
                      {"Document: " + d.type + " " + d.key + (title.empty() ? "" : " \u2014 " + title)});
        file_open = true;
        ++summary_.files;
      }
      field(d, f, *def, t, *variants);
    }
    if (file_open) w_.end_file();
  }

  const xliff_export_summary& summary() const { return summary_; }

 private:
  // The translation as targets, one per variant; none when a stale one no
  // longer carries the current source's codes (a list item added since):
  // sent as a target it would break the 2.x rule that non-removable codes stay.
  std::optional<std::map<std::string, xliff::content>> targets(const field_def& def, const translation* t,
                                                               const std::vector<xliff::variant>& variants) {
    if (!t) return std::nullopt;
    auto out = xliff::align_translation(t->text, def.kind, variants, locale_);
    if (out)
      for (const auto& v : variants)
        if (!xliff::check_codes(v.source, out->at(v.suffix)).empty()) return std::nullopt;
    return out;
  }

  void field(const glossa::document& d, const glossa::field& f, const field_def& def, const translation* t,
             const std::vector<xliff::variant>& variants) {
    auto aligned = targets(def, t, variants);
    std::vector<std::string> field_notes{"Field: " + f.name + " (" + std::string(to_string(def.kind)) + ")" +
                                         (def.description.empty() ? "" : " \u2014 " + def.description)};
    if (def.max_length)
      field_notes.push_back("Maximum length: " + std::to_string(*def.max_length) +
                            " characters as readers see them: a letter with its accents or vowel marks counts as one.");
    bool grouped = variants.size() > 1 || !variants.front().suffix.empty();
    if (grouped) w_.begin_group(d.key + "." + f.name, field_notes);
    for (const auto& v : variants) {
      xliff::unit_out u;
      u.id = d.key + "." + f.name + v.suffix;
      u.revision = f.revision;
      u.source = &v.source;
      u.max_length = def.max_length;
      std::vector<std::string> variant_notes;
      for (const auto& sel : v.shape)
        if (grouped) variant_notes.push_back(describe_selector(locale_, sel.name, v.selectors.at(sel.name), sel.style));
      u.notes = grouped ? &variant_notes : &field_notes;
      bool stale = t && is_stale(f, *t);
      const xliff::content* own = offered_own(f, t, aligned, v.suffix);
      if (aligned) {
        u.target = &aligned->at(v.suffix);
        u.state = t->state;
        u.target_stale = stale;
      }
      segmented cut;
      unit_matches whole;
      if (!segment(d, f.name + v.suffix, v.source, own, stale, def.kind, u, cut)) {
        const detail::memory_entry* previous = stale ? previous_of(d.key, f.name + v.suffix) : nullptr;
        if (memory_) find_matches(d, f.name + v.suffix, v.source, own, previous, whole);
        summary_.matched_units += !whole.found.empty();
        u.matches = whole.found.empty() || !options_.tm ? nullptr : &whole.found;
        if ((!u.target || stale) && options_.prefill != prefill_mode::none)
          if (auto p = prefill(v.source, whole.found, def.kind, whole.prefilled)) take_prefill(u, whole.prefilled, *p);
      }
      std::vector<xliff::term_out> unit_terms = terms_of(d.source_locale, v.source);
      if (!unit_terms.empty()) {
        u.terms = &unit_terms;
        ++summary_.termed_units;
        summary_.terms += unit_terms.size();
      }
      w_.unit(u);
      ++summary_.units;
      if (options_.count_words) count_words(d.source_locale, v.source);
    }
    if (grouped) w_.end_group();
  }

  // The termbase's entries whose source term `source` has, each with
  // something to say (a translation, a definition, a term not to use).
  std::vector<xliff::term_out> terms_of(const std::string& source_locale, const xliff::content& source) {
    std::vector<xliff::term_out> out;
    if (!terms_) return out;
    auto pair = terms_->get(source_locale, locale_);
    if (!pair || (*pair)->terms.empty()) return out;
    std::string text;
    for (const auto& p : source) text += p.is_code ? std::string(" ") : p.text;
    for (const term_entry* e : (*pair)->terms.in_source(text)) {
      xliff::term_out t;
      t.id = "g" + std::to_string(e->id);
      t.source = e->source.front().text;
      for (const auto& x : e->target)
        (x.status == term_status::forbidden ? t.forbidden : t.translations).push_back(x.text);
      t.definition = e->definition;
      t.do_not_translate = e->do_not_translate;
      if (!t.translations.empty() || !t.forbidden.empty() || !t.definition.empty() || t.do_not_translate)
        out.push_back(std::move(t));
    }
    return out;
  }

  // A unit's or a segment's matches, and what they point into.
  struct unit_matches {
    std::vector<detail::memory_entry> held;
    std::vector<xliff::match_out> found;
    xliff::content prefilled;  // a segment's prefilled target
  };
  // A segmented unit: its pieces (segment_pieces), the target's, and each
  // segment's matches (at odd places).
  struct segmented {
    std::vector<xliff::content> source, target, previous_source, previous_target;
    std::vector<unit_matches> matches;
    std::vector<xliff::piece_out> pieces;
    xliff::content prefilled;  // the joined prefilled target
  };

  void take_prefill(xliff::unit_out& u, const xliff::content& target, xliff::prefill_out p) {
    u.target = &target;
    u.state = std::nullopt;
    u.target_stale = false;
    u.prefill = std::move(p);
    ++summary_.prefilled;
  }

  const detail::memory_entry* previous_of(const std::string& key, const std::string& field) const {
    if (!memory_) return nullptr;
    auto it = memory_->previous.find({key, field});
    return it == memory_->previous.end() ? nullptr : &it->second;
  }

  detail::sentence_splitter& splitter(const std::string& locale) {
    auto it = splitters_.find(locale);
    if (it == splitters_.end()) it = splitters_.emplace(locale, detail::sentence_splitter(locale)).first;
    return it->second;
  }

  // With --segment sentences, cuts a unit of two segments or more into
  // pieces (and its target, which must cut into as many), each segment with
  // its matches; a stale unit's previous version goes segment by segment
  // when it cuts into as many. False: the unit stays one segment.
  bool segment(const glossa::document& d, const std::string& field, const xliff::content& source,
               const xliff::content* own, bool stale, field_kind kind, xliff::unit_out& u, segmented& cut) {
    if (options_.segment != segmentation::sentences) return false;
    cut.source = detail::segment_pieces(source, splitter(d.source_locale));
    if (cut.source.size() < 5) return false;
    if (u.target) {
      cut.target = detail::segment_pieces(*u.target, splitter(locale_));
      if (cut.target.size() != cut.source.size()) return false;
    }
    const detail::memory_entry* previous = stale ? previous_of(d.key, field) : nullptr;
    if (previous) {
      cut.previous_source = detail::segment_pieces(previous->source, splitter(d.source_locale));
      cut.previous_target = detail::segment_pieces(previous->target, splitter(locale_));
      if (cut.previous_source.size() != cut.source.size() || cut.previous_target.size() != cut.source.size())
        previous = nullptr;
    }
    cut.matches.resize(cut.source.size());
    bool matched = false;
    for (std::size_t i = 1; memory_ && i < cut.source.size(); i += 2) {
      detail::memory_entry old;
      if (previous) {
        old = *previous;
        old.source = cut.previous_source[i];
        old.target = cut.previous_target[i];
      }
      find_matches(d, field, cut.source[i], own ? &cut.target[i] : nullptr, previous ? &old : nullptr, cut.matches[i]);
      matched = matched || !cut.matches[i].found.empty();
    }
    summary_.matched_units += matched;
    if ((!u.target || stale) && options_.prefill != prefill_mode::none) prefill_segments(kind, u, cut);
    for (std::size_t i = 0; i < cut.source.size(); ++i)
      cut.pieces.push_back({&cut.source[i], u.target ? &cut.target[i] : nullptr,
                            i % 2 && options_.tm ? &cut.matches[i].found : nullptr});
    u.pieces = &cut.pieces;
    return true;
  }

  // Prefills a segmented unit when every segment has a match to prefill with:
  // the pieces between come from the source. In context when all are.
  void prefill_segments(field_kind kind, xliff::unit_out& u, segmented& cut) {
    std::vector<xliff::content> target(cut.source.size());
    bool all_in_context = true;
    for (std::size_t i = 0; i < cut.source.size(); ++i) {
      if (i % 2 == 0) {
        target[i] = cut.source[i];
        continue;
      }
      auto p = prefill(cut.source[i], cut.matches[i].found, kind, target[i]);
      if (!p) return;
      all_in_context = all_in_context && p->mode == "context";
    }
    cut.prefilled.clear();
    for (const auto& piece : target) cut.prefilled.insert(cut.prefilled.end(), piece.begin(), piece.end());
    cut.target = std::move(target);
    take_prefill(u, cut.prefilled,
                 {all_in_context ? "context" : "exact", xliff::content_fingerprint(cut.prefilled, kind)});
  }

  // A unit's own translation as the memory offers it: current, translated or better.
  static const xliff::content* offered_own(const glossa::field& f, const translation* t,
                                           const std::optional<std::map<std::string, xliff::content>>& aligned,
                                           const std::string& suffix) {
    if (!t || !aligned || is_stale(f, *t) || t->state == translation_state::fresh) return nullptr;
    return &aligned->at(suffix);
  }

  // The memory's best matches for `source`, the unit `field` of `d`. The
  // unit's own current translation (`own`, when the memory offers it) is the
  // match in context, first; a stale unit's previous version (its old source
  // and translation) comes first, whatever its score; a pair of the memory
  // that repeats either is left out.
  void find_matches(const glossa::document& d, const std::string& field, const xliff::content& source,
                    const xliff::content* own, const detail::memory_entry* previous, unit_matches& out) {
    auto& held = out.held;
    auto& found = out.found;
    auto it = memory_->by_language.find(language_of(d.source_locale));
    if (it == memory_->by_language.end()) return;
    auto colon = field.find(':');
    auto variant = colon == std::string::npos ? std::string_view() : std::string_view(field).substr(colon);
    const std::vector<detail::tm_matcher::found>* ready = nullptr;
    if (hits_)
      if (auto h = hits_->find(detail::look_up_key(variant, source)); h != hits_->end()) ready = &h->second;
    auto hits = ready ? *ready : it->second.find(source, options_.tm_min_score, options_.tm_limit, variant);
    held.reserve(hits.size() + 1);
    std::vector<double> scores;  // of the matches kept
    std::string own_key = own ? detail::tm_content_key(*own) : std::string();
    auto kind = xliff::match_kind::memory;
    if (own) {
      held.emplace_back();
      held.back().source = source;
      held.back().target = *own;
      scores.push_back(100);
      kind = xliff::match_kind::in_context;
    } else if (previous) {
      held.push_back(*previous);
      scores.push_back(it->second.similarity(source, previous->source));
      renumber_codes(held.back().source, held.back().target);
      kind = xliff::match_kind::previous_version;
    }
    for (const auto& h : hits) {  // a previous version comes beside the limit's matches
      if (held.size() - (kind == xliff::match_kind::previous_version ? 1 : 0) == options_.tm_limit) break;
      auto e = it->second.entry(h.entry);
      bool repeats = (e.document == d.key && e.field == field && kind != xliff::match_kind::memory) ||
                     (own && h.score >= 100 && detail::tm_content_key(e.target) == own_key);
      if (repeats) continue;
      renumber_codes(e.source, e.target);
      held.push_back(std::move(e));
      scores.push_back(h.score);
    }
    for (std::size_t i = 0; i < held.size(); ++i) {
      const auto& e = held[i];
      auto k = i == 0 ? kind : xliff::match_kind::memory;
      std::string origin = k == xliff::match_kind::previous_version ? "previous-version"
                           : e.batch                                ? "glossa:tm-import/" + std::to_string(e.batch)
                                     : "glossa:" + (k == xliff::match_kind::in_context ? d.key + "/" + field
                                                                                       : e.document + "/" + e.field);
      bool same_field = k != xliff::match_kind::memory || (e.document == d.key && e.field == field);
      found.push_back({&e.source, &e.target, scores[i], k, std::move(origin), same_field});
      ++(k == xliff::match_kind::in_context         ? summary_.in_context
         : k == xliff::match_kind::previous_version ? summary_.previous_versions
         : scores[i] >= 100                         ? summary_.exact
                                                    : summary_.fuzzy);
    }
  }

  // The target to prefill from `found`: its first match at 100 from this
  // unit's own document and field (a previous version whose source differs
  // only where tokens do not see, or an in-context pair), or with
  // prefill=exact its first match at 100. Returns what the file records.
  std::optional<xliff::prefill_out> prefill(const xliff::content& source, const std::vector<xliff::match_out>& found,
                                            field_kind kind, xliff::content& target) {
    for (bool in_context : {true, false}) {
      if (!in_context && options_.prefill != prefill_mode::exact) break;
      for (const auto& m : found) {
        if (m.score < 100 || (in_context && !m.same_field)) continue;
        xliff::content match_source = *m.source;
        target = *m.target;
        if (!take_source_ids(source, match_source, target)) continue;
        return xliff::prefill_out{in_context ? "context" : "exact", xliff::content_fingerprint(target, kind)};
      }
    }
    return std::nullopt;
  }

  void count_words(const std::string& source_locale, const xliff::content& source) {
    auto counter = counters_.find(source_locale);
    if (counter == counters_.end())  // one per source locale: building one is costly
      counter = counters_.emplace(source_locale, detail::word_counter(source_locale)).first;
    summary_.words += counter->second.count(xliff::display_text(source, /*with_codes=*/false));
  }

  const xliff_export_options& options_;
  std::string locale_;
  const content_schema& schema_;
  xliff::writer& w_;
  detail::export_memory* memory_;           // with options.tm or options.prefill
  detail::termbases* terms_;                // with options.terms, read before the walk
  const detail::look_ups* hits_ = nullptr;  // the current document's look-ups done beforehand
  xliff_export_summary summary_;
  std::map<std::string, detail::word_counter> counters_;
  std::map<std::string, detail::sentence_splitter> splitters_;
};

// Looks up the units of a document beside the writing (on one of the
// look-up threads), as xliff_exporter will ask: each variant's source, or
// with --segment sentences each segment of a unit that has two or more.
class look_up_preparer {
 public:
  look_up_preparer(const xliff_export_options& options, std::string locale, const content_schema& schema,
                   const detail::export_memory& memory)
      : options_(options), locale_(std::move(locale)), schema_(schema), memory_(memory) {}

  void operator()(detail::prepared_document& p) {
    const glossa::document& d = p.d;
    auto matcher = memory_.by_language.find(language_of(d.source_locale));
    const type_def* type = schema_.find(d.type);
    if (d.source_locale == locale_ || matcher == memory_.by_language.end() || !type) return;
    for (const auto& f : d.fields) {
      const field_def* def = type->find(f.name);
      if (!def || !def->translatable || f.value.empty() || !selected(options_.scope, f, f.find(locale_))) continue;
      auto variants = xliff::to_variants(f.value, def->kind, locale_);
      if (!variants) continue;
      for (const auto& v : *variants) {
        auto look_up = [&](const xliff::content& query) {
          auto key = detail::look_up_key(v.suffix, query);
          if (!p.hits.count(key))
            p.hits.emplace(std::move(key),
                           matcher->second.find(query, options_.tm_min_score, options_.tm_limit, v.suffix));
        };
        std::vector<xliff::content> pieces;
        if (options_.segment == segmentation::sentences) pieces = detail::segment_pieces(v.source, splitter(d));
        if (pieces.size() < 5) {
          look_up(v.source);
          continue;
        }
        for (std::size_t i = 1; i < pieces.size(); i += 2) look_up(pieces[i]);
      }
    }
  }

 private:
  detail::sentence_splitter& splitter(const glossa::document& d) {
    auto it = splitters_.find(d.source_locale);
    if (it == splitters_.end())
      it = splitters_.emplace(d.source_locale, detail::sentence_splitter(d.source_locale)).first;
    return it->second;
  }

  const xliff_export_options& options_;
  std::string locale_;
  const content_schema& schema_;
  const detail::export_memory& memory_;
  std::map<std::string, detail::sentence_splitter> splitters_;
};

}  // namespace

result<xliff_export_summary> engine::export_xliff(const xliff_export_options& options, std::ostream& out) {
  auto locale = canonical_locale(options.locale);
  if (!locale) return locale.err();
  auto schema = store_->schema();
  if (!schema) return schema.err();
  auto docs = chosen_documents(*store_, *schema, options);
  if (!docs) return docs.err();
  std::string source_locale = docs->empty() ? std::string("en") : docs->front().source_locale;
  std::optional<detail::export_memory> matches;
  if (options.tm || options.prefill != prefill_mode::none) {
    if (auto bounds = detail::check_match_bounds(options.tm_min_score, options.tm_limit); !bounds) return bounds.err();
    auto built = build_memory(*store_, *locale, *docs);
    if (!built) return built.err();
    matches = std::move(*built);
  }
  // Read before the walk, which may read documents on another thread.
  detail::termbases terms(*store_, qa_options_);
  if (options.terms)
    if (auto read = terms.preload(*locale); !read) return read.err();
  xliff::writer w(out, options.version, source_locale, *locale);
  w.begin();
  xliff_exporter exporter(options, *locale, *schema, w, matches ? &*matches : nullptr,
                          options.terms ? &terms : nullptr);
  std::size_t done = 0;
  auto visit = [&](const document& d, const detail::look_ups* hits) {
    exporter.document(d, hits);
    if (options.progress) options.progress(++done, docs->size());
    return static_cast<bool>(out);
  };
  auto walked = matches
                    ? detail::read_prepared(
                          *store_, options, *docs,
                          [&] {
                            return [prepare = std::make_shared<look_up_preparer>(options, *locale, *schema, *matches)](
                                       detail::prepared_document& p) { (*prepare)(p); };
                          },
                          [&](detail::prepared_document& p) { return visit(p.d, &p.hits); })
                    : read_beside(*store_, options, *docs, [&](const document& d) { return visit(d, nullptr); });
  if (!walked) return walked.err();
  if (exporter.summary().files == 0)
    w.empty_file(source_locale, "Nothing to translate into " + *locale + " for this selection.");
  w.end();
  if (!out) return error(errc::io_error, "cannot write the XLIFF output");
  return exporter.summary();
}
}  // namespace glossa
