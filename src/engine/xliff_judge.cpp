// XLIFF import, the judging (see xliff_judge.hpp and docs/xliff.md).
#include "engine/xliff_judge.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/utf8.hpp"
#include "engine/termbase.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "i18n/plurals.hpp"
#include "i18n/values.hpp"

namespace glossa::detail {

namespace {

// The variant a unit id names: "" or ":count.few".
std::string suffix_of(const std::string& id) {
  auto colon = id.find(':');
  return colon == std::string::npos ? std::string() : id.substr(colon);
}

const xliff::variant* variant_for(const std::vector<xliff::variant>& variants, const std::string& suffix) {
  auto v = std::find_if(variants.begin(), variants.end(), [&](const xliff::variant& x) { return x.suffix == suffix; });
  return v == variants.end() ? nullptr : &*v;
}

// The first unit (index into g.units) whose source differs from its variant;
// units naming no variant are left to the judging. npos when all are equal.
// `expected` gets that variant's source, readable.
std::size_t first_mismatch(const std::vector<xliff::variant>& variants, const field_units& g,
                           const std::vector<xliff::unit_in>& units, std::string& expected) {
  for (std::size_t n = 0; n < g.units.size(); ++n) {
    const auto& u = units[g.units[n]];
    const xliff::variant* v = variant_for(variants, suffix_of(u.id));
    if (!v) continue;
    if (xliff::print_of(v->source) != u.source) {
      expected = xliff::render_key(xliff::comparison_key(v->source, true));
      return n;
    }
  }
  return std::string::npos;
}

std::string quoted(const std::string& text) { return "\u00AB" + text + "\u00BB"; }

// Bidi embedding/override controls: the Trojan Source characters, U+202A..
// U+202E, E2 80 AA..AE in UTF-8. A byte search: E2 only ever starts a
// character, so the text need not be decoded.
bool has_bidi_override(std::string_view s) {
  for (auto at = s.find("\xE2\x80"); at != std::string_view::npos; at = s.find("\xE2\x80", at + 1))
    if (at + 2 < s.size() && static_cast<unsigned char>(s[at + 2]) >= 0xAA &&
        static_cast<unsigned char>(s[at + 2]) <= 0xAE)
      return true;
  return false;
}

bool empty_content(const xliff::content& c) {
  return std::all_of(c.begin(), c.end(), [](const xliff::part& p) {
    return !p.is_code && std::all_of(p.text.begin(), p.text.end(),
                                     [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; });
  });
}

void set(unit_report& u, unit_outcome o, unit_reason why = unit_reason::none, std::string message = {},
         std::string check = {}) {
  u.outcome = o;
  u.reason = why;
  u.message = std::move(message);
  u.check = std::move(check);
}

// Per unit, the same language as the file? Tags repeat (one per <file>):
// each distinct one is resolved once.
class language_check {
 public:
  explicit language_check(const std::string& file_tag) : file_(of(file_tag)) {}
  bool same(const std::string& tag) { return tag.empty() || of(tag) == file_; }

 private:
  std::string of(const std::string& tag) {
    auto known = seen_.find(tag);
    if (known != seen_.end()) return known->second;
    auto c = detail::configured_locale(tag, nullptr);
    std::string value = c ? *c : "";
    if (!c) {  // not configured: compared as written, canonically
      std::string t = tag;
      std::replace(t.begin(), t.end(), '_', '-');
      auto canonical = canonical_locale(t);
      value = canonical ? "?" + *canonical : "?" + tag;
    }
    return seen_.emplace(tag, value).first->second;
  }
  std::unordered_map<std::string, std::string> seen_;
  std::string file_;
};

}  // namespace

bool pending(const unit_report& u) noexcept {
  return u.outcome == unit_outcome::refused && u.reason == unit_reason::none;
}

// The configured locale a target language goes to (docs/xliff.md, "Target
// languages"): itself when configured, else its nearest configured parent of
// the same language. Tags are compared canonically; '_' is read as '-'.
// Errors: invalid_locale (not a tag), unknown_locale (no configured locale
// of its language). `warnings` gets what the translator should know.
result<std::string> configured_locale(const std::string& written, std::vector<std::string>* warnings) {
  std::string tag = written;
  std::replace(tag.begin(), tag.end(), '_', '-');
  auto canonical = canonical_locale(tag);
  if (!canonical)
    return error(errc::invalid_locale,
                 "the file's target language '" + written + "' is not usable: " + canonical.err().message);
  if (warnings && tag != written)
    warnings->push_back("target language '" + written + "' is not a BCP 47 tag ('_' for '-'): read as " + *canonical);
  const auto& config = locale_config::builtin();
  if (config.find(*canonical)) return *canonical;
  // Parents by truncation; a singleton ("-u", "-x") goes with what follows it.
  std::string parent = *canonical;
  for (auto dash = parent.rfind('-'); dash != std::string::npos; dash = parent.rfind('-')) {
    parent.resize(dash);
    if (auto d = parent.rfind('-'); d != std::string::npos && parent.size() - d == 2) continue;
    if (config.find(parent)) {
      if (warnings)
        warnings->push_back(*canonical + " is not a configured locale: imported into " + parent +
                            ", its configured parent (configure " + *canonical +
                            " as a locale of its own to keep its texts apart)");
      return parent;
    }
  }
  return error(errc::unknown_locale, "the file's target language " + *canonical +
                                         " is not a configured locale and no configured locale is in its language: "
                                         "say where it goes with --locale (?locale= over HTTP)");
}

unit_groups group_units(const xliff::document_in& doc, xliff_import_report& report) {
  unit_groups out;
  auto& groups = out.groups;
  language_check languages(doc.target_language);
  std::unordered_map<std::string, std::size_t> group_index;  // KEY.FIELD -> groups
  group_index.reserve(doc.units.size());
  for (std::size_t i = 0; i < doc.units.size(); ++i) {
    const auto& u = doc.units[i];
    report.units[i].id = u.id;
    report.units[i].line = u.line;
    std::string base = u.id.substr(0, u.id.find(':'));
    auto dot = base.rfind('.');
    if (dot == std::string::npos || dot == 0) {
      set(report.units[i], unit_outcome::unknown, unit_reason::unknown_unit,
          "id '" + u.id + "' is not a Glossa unit id (KEY.FIELD)");
      continue;
    }
    if (u.problem) {
      set(report.units[i], unit_outcome::refused, unit_reason::unreadable, *u.problem);
      continue;
    }
    const std::string& tag = u.language < doc.languages.size() ? doc.languages[u.language] : doc.target_language;
    if (!languages.same(tag)) {
      set(report.units[i], unit_outcome::refused, unit_reason::wrong_language,
          "target language '" + tag + "' differs from the file's " + doc.target_language);
      continue;
    }
    auto [it, fresh] = group_index.emplace(base, groups.size());
    if (fresh) groups.push_back({base.substr(0, dot), base.substr(dot + 1), {}});
    groups[it->second].units.push_back(i);
    set(report.units[i], unit_outcome::refused);  // pending until judged
  }

  std::unordered_map<std::string, std::size_t>().swap(group_index);
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    auto& list = out.groups_of[groups[gi].key];
    if (list.empty()) out.keys.push_back(groups[gi].key);
    list.push_back(gi);
  }
  return out;
}

void refuse_field(const field_units& g, xliff_import_report& report, const field_refusal& why) {
  for (auto i : g.units)
    if (pending(report.units[i])) set(report.units[i], why.outcome, why.reason, why.message, why.check);
}

std::optional<field_refusal> find_source(
    field_facts& facts, const field_units& g, const std::vector<xliff::unit_in>& units, const std::string& current_text,
    const std::string& named_revision, const std::optional<std::string>& named_text,
    const std::function<std::vector<std::pair<std::string, std::string>>()>& earlier, const std::string& locale) {
  auto take = [&](std::string revision, std::string text, std::vector<xliff::variant> variants) {
    facts.made_from = std::move(revision);
    facts.source_text = std::move(text);
    facts.variants = std::move(variants);
    return std::nullopt;
  };
  std::string name = g.key + "." + g.field;
  std::string expected;
  if (!named_revision.empty()) {
    if (!named_text)
      return field_refusal{unit_outcome::refused, unit_reason::unknown_revision,
                           "source revision " + named_revision + " of " + name + " is not in the history"};
    auto v = xliff::to_variants(*named_text, facts.def->kind, locale);
    if (!v) return field_refusal{unit_outcome::refused, unit_reason::unreadable, v.err().message};
    if (auto n = first_mismatch(*v, g, units, expected); n != std::string::npos)
      return field_refusal{unit_outcome::refused, unit_reason::source_mismatch,
                           "the unit's <source> " + quoted(units[g.units[n]].source.excerpt) + " differs from " + name +
                               "'s source at the revision the file names (" + named_revision +
                               "): " + quoted(expected)};
    return take(named_revision, *named_text, std::move(*v));
  }
  // No revision (a tool dropped glossa:rev): the source the units carry says
  // which revision they were made from.
  auto current = xliff::to_variants(current_text, facts.def->kind, locale);
  if (!current) return field_refusal{unit_outcome::refused, unit_reason::unreadable, current.err().message};
  auto n = first_mismatch(*current, g, units, expected);
  if (n == std::string::npos) return take(facts.revision, current_text, std::move(*current));
  auto older = earlier();
  std::set<std::string> tried{facts.revision};
  for (auto it = older.rbegin(); it != older.rend(); ++it) {
    if (!tried.insert(it->first).second) continue;
    auto v = xliff::to_variants(it->second, facts.def->kind, locale);
    std::string ignored;
    if (v && first_mismatch(*v, g, units, ignored) == std::string::npos)
      return take(it->first, it->second, std::move(*v));
  }
  return field_refusal{unit_outcome::refused, unit_reason::source_mismatch,
                       "the unit has no glossa:rev and its <source> " + quoted(units[g.units[n]].source.excerpt) +
                           " is neither the current source of " + name + " " + quoted(expected) +
                           " nor an earlier one"};
}

std::optional<translation_state> file_state(std::optional<translation_state> done, bool approved) {
  if (approved && (!done || *done < translation_state::reviewed)) return translation_state::reviewed;
  return done;
}

std::optional<translation_state> exported_state(const translation& t, const std::string& made_from) {
  if (t.source_revision != made_from || t.state == translation_state::fresh) return std::nullopt;
  return t.state;
}

state_decision decide_state(std::optional<translation_state> exported, std::optional<translation_state> in_file,
                            bool changed, const translation* stored, bool stored_current, bool overwrite_final) {
  if (!changed) {
    // The text the export wrote: only a raised state confirms it.
    bool raised = in_file && (!exported || *in_file > *exported);
    if (!raised) return {unit_outcome::unchanged, stored ? stored->state : translation_state::fresh};
    return {unit_outcome::applied, *in_file};
  }
  translation_state state = in_file.value_or(translation_state::translated);
  // Protection keeps a current reviewed/final translation from a lower-state
  // overwrite; the rework of a stale one is what its export asked for.
  if (stored && stored_current && stored->state >= translation_state::reviewed && state < stored->state &&
      !overwrite_final)
    return {unit_outcome::protected_, state};
  return {unit_outcome::applied, state};
}

namespace {

// What the export wrote as targets: the stored translation split like the
// source, when it splits so and keeps the source's codes (else no target).
std::optional<std::map<std::string, xliff::content>> exported_targets(const field_facts& k, const std::string& locale) {
  if (!k.current) return std::nullopt;
  auto targets = xliff::align_translation(k.current->text, k.def->kind, k.variants, locale);
  if (targets)
    for (const auto& v : k.variants)
      if (!xliff::check_codes(v.source, targets->at(v.suffix)).empty()) return std::nullopt;
  return targets;
}

// One unit's target, judged alone. Sets the unit's outcome when it is
// decided here (untranslated, refused); returns whether it is filled.
struct unit_verdict {
  bool filled = false;
  bool changed = false;
};

unit_verdict judge_unit(const xliff::unit_in& u, const xliff::variant& v, const xliff::content* exported,
                        field_kind kind, unit_report& out, const judge_settings& s) {
  if (!u.target || empty_content(*u.target)) {
    if (exported)
      set(out, unit_outcome::refused, unit_reason::empty_target, "no translation in <target>");
    else
      set(out, unit_outcome::untranslated);
    return {};
  }
  // A target the export prefilled from the memory, returned as it was and
  // not confirmed: a suggestion nobody took up, so nothing is stored.
  if (u.prefill && !file_state(u.state, u.approved) &&
      xliff::prefill_fingerprint(xliff::content_fingerprint(*u.target, kind)) == u.prefill) {
    set(out, unit_outcome::prefilled);
    return {};
  }
  if (s.target_problems)
    if (auto p = s.target_problems->find(u.id); p != s.target_problems->end()) {
      set(out, unit_outcome::refused, unit_reason::inline_codes, p->second->rule + ": " + p->second->message);
      return {true, false};
    }
  std::string plain = xliff::display_text(*u.target);
  if (find_control_character(plain)) {
    set(out, unit_outcome::refused, unit_reason::control_character, "the target holds a control character");
    return {true, false};
  }
  if (has_bidi_override(plain)) {
    set(out, unit_outcome::refused, unit_reason::bidi_override,
        "the target holds a bidi embedding/override character (U+202A..U+202E), which can make text display "
        "differently from what it is");
    return {true, false};
  }
  if (std::string problem = xliff::check_codes(v.source, *u.target); !problem.empty()) {
    set(out, unit_outcome::refused, unit_reason::inline_codes, problem);
    return {true, false};
  }
  return {true, !exported || !xliff::same_content(*exported, *u.target, kind)};
}

std::string categories_of(const std::string& locale) {
  std::string s;
  for (const auto& c : detail::plural_categories(locale)) s += (s.empty() ? "" : ", ") + c;
  return s;
}

}  // namespace

namespace {

// The units' filled targets by variant suffix. refused: a unit of the field
// was refused (reported on it), so the whole field is.
struct filled_targets {
  std::map<std::string, xliff::content> by_suffix;
  bool changed = false;
  bool refused = false;
};

filled_targets collect_targets(const field_units& g, const field_facts& k, std::vector<xliff::unit_in>& units,
                               xliff_import_report& report, const judge_settings& s) {
  auto exported = exported_targets(k, s.locale);
  filled_targets t;
  std::set<std::string> seen;
  std::vector<std::size_t> prefilled;  // untouched prefilled units
  for (auto i : g.units) {
    const auto& u = units[i];
    unit_report& out = report.units[i];
    std::string suffix = suffix_of(u.id);
    const xliff::variant* v = variant_for(k.variants, suffix);
    if (!v) {
      set(out, unit_outcome::refused, unit_reason::extra_variant,
          "'" + suffix + "' is not a variant of this message for " + s.locale +
              " (plural categories: " + categories_of(s.locale) + ")");
      t.refused = true;
      continue;
    }
    if (!seen.insert(suffix).second) {
      set(out, unit_outcome::refused, unit_reason::duplicate_unit, "unit '" + u.id + "' appears twice");
      t.refused = true;
      continue;
    }
    auto verdict = judge_unit(u, *v, exported ? &exported->at(suffix) : nullptr, k.def->kind, out, s);
    if (out.outcome == unit_outcome::prefilled) prefilled.push_back(i);
    if (!verdict.filled) {
      t.refused = t.refused || out.outcome == unit_outcome::refused;
      continue;
    }
    if (!pending(out)) {
      t.refused = true;
      continue;
    }
    t.changed = t.changed || verdict.changed;
    t.by_suffix[suffix] = std::move(*units[i].target);
  }
  // A message is imported whole: beside variants the translator filled, an
  // untouched prefilled one is taken as it stands (as translated).
  if (!t.by_suffix.empty())
    for (auto i : prefilled) {
      t.by_suffix[suffix_of(units[i].id)] = std::move(*units[i].target);
      t.changed = true;
    }
  return t;
}

std::optional<field_refusal> missing_variants(const field_units& g, const field_facts& k, const filled_targets& t,
                                              const judge_settings& s) {
  std::string missing;
  for (const auto& v : k.variants)
    if (!t.by_suffix.count(v.suffix)) missing += (missing.empty() ? "" : ", ") + g.key + "." + g.field + v.suffix;
  if (missing.empty()) return std::nullopt;
  return field_refusal{unit_outcome::refused, unit_reason::plural_missing,
                       "the message needs every variant for " + s.locale + "; missing: " + missing};
}

// The text to store in `text`: the targets rebuilt into one value, or, when
// no target changed, the stored text whose state the file raises.
std::optional<field_refusal> text_to_store(const field_facts& k, filled_targets& t, const state_decision& decision,
                                           std::string& text) {
  const translation* stored = k.current ? &*k.current : nullptr;
  if (!t.changed) {
    text = stored->text;
    return std::nullopt;
  }
  auto rebuilt = xliff::from_variants(k.variants, t.by_suffix, k.def->kind);
  if (!rebuilt) return field_refusal{unit_outcome::refused, unit_reason::invalid_message, rebuilt.err().message};
  text = std::move(*rebuilt);
  if (stored && stored->text == text && stored->state == decision.state && stored->source_revision == k.made_from)
    return field_refusal{unit_outcome::unchanged, {}, {}};  // spelled differently, the same translation
  return std::nullopt;
}

// The value checks and quality checks of the text to store: errors refuse
// the field, warnings go into `findings`; then the protection of final states.
std::optional<field_refusal> check_quality(const field_facts& k, const std::string& text,
                                           const state_decision& decision, const judge_settings& s,
                                           std::vector<qa_finding>& findings) {
  const field_def& def = *k.def;
  if (auto p = check_text(text, def)) {
    unit_reason why = p->code == errc::too_long         ? unit_reason::too_long
                      : def.kind == field_kind::message ? unit_reason::invalid_message
                                                        : unit_reason::invalid_markup;
    return field_refusal{unit_outcome::refused, why, p->message};
  }
  if (s.terms) {
    auto all = all_checks(*s.terms, def, k.source_text, text, k.source_locale, s.locale);
    if (!all) return field_refusal{unit_outcome::refused, unit_reason::qa, all.err().message, "terminology"};
    findings = std::move(*all);
  } else {
    findings = check_translation(def, k.source_text, text, k.source_locale, s.locale, s.qa ? *s.qa : qa_options{});
  }
  for (const auto& f : findings)
    if (f.severity == qa_severity::error)
      return field_refusal{unit_outcome::refused, unit_reason::qa, f.message, f.check};
  if (decision.outcome == unit_outcome::protected_)
    return field_refusal{unit_outcome::protected_, unit_reason::protected_,
                         "would replace a " + std::string(to_string(k.current->state)) + " translation with a " +
                             std::string(to_string(decision.state)) + " one; use --overwrite-final to allow it"};
  return std::nullopt;
}

// Reports the field's units applied (or stale), the warnings on each, and
// returns what to write.
translation_input applied(const field_units& g, const field_facts& k, xliff_import_report& report,
                          const judge_settings& s, std::string text, const state_decision& decision,
                          std::vector<qa_finding> findings) {
  for (auto& f : findings) f.document = g.key;
  bool stale = k.made_from != k.revision;
  for (std::size_t n = 0; n < g.units.size(); ++n) {
    unit_report& out = report.units[g.units[n]];
    if (stale)
      set(out, unit_outcome::stale, {}, "made from an older source revision; stored as a stale translation");
    else
      set(out, unit_outcome::applied);
    if (n + 1 < g.units.size())
      out.warnings = findings;
    else
      out.warnings = std::move(findings);  // the last (most often the only) unit takes them
  }
  translation_input ti;
  ti.field = g.field;
  ti.locale = s.locale;
  ti.text = std::move(text);
  ti.state = decision.state;
  ti.source_revision = k.made_from;
  ti.author = s.author;
  const auto& head = report.units[g.units.front()];
  ti.where = location{s.file_name, head.line, 0, head.id};
  return ti;
}

}  // namespace

std::optional<translation_input> judge_field(const field_units& g, const field_facts& k,
                                             std::vector<xliff::unit_in>& units, xliff_import_report& report,
                                             const judge_settings& s) {
  auto refused = [&](const field_refusal& why) -> std::optional<translation_input> {
    refuse_field(g, report, why);
    return std::nullopt;
  };
  filled_targets targets = collect_targets(g, k, units, report, s);
  if (targets.refused)
    return refused({unit_outcome::refused, unit_reason::sibling_refused,
                    "another unit of this message was refused; the message is imported whole"});
  if (targets.by_suffix.empty()) return std::nullopt;  // every unit untranslated
  if (auto why = missing_variants(g, k, targets, s)) return refused(*why);
  const translation* stored = k.current ? &*k.current : nullptr;
  const auto& first = units[g.units.front()];
  auto decision = decide_state(stored ? exported_state(*stored, k.made_from) : std::nullopt,
                               file_state(first.state, first.approved), targets.changed, stored,
                               stored && stored->source_revision == k.revision, s.overwrite_final);
  if (decision.outcome == unit_outcome::unchanged) return refused({unit_outcome::unchanged, {}, {}});
  std::string text;
  if (auto why = text_to_store(k, targets, decision, text)) return refused(*why);
  std::vector<qa_finding> findings;
  if (auto why = check_quality(k, text, decision, s, findings)) return refused(*why);
  return applied(g, k, report, s, std::move(text), decision, std::move(findings));
}

}  // namespace glossa::detail
