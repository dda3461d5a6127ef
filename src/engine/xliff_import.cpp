// Use cases: import a translated XLIFF file unit by unit; undo an import.
#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "core/json_output.hpp"
#include "core/utf8.hpp"
#include "engine/import_writer.hpp"
#include "engine/source_history.hpp"
#include "engine/write.hpp"
#include "engine/xliff_judge.hpp"
#include "formats/xliff/inline.hpp"
#include "formats/xliff/reader.hpp"
#include "glossa/engine.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "i18n/values.hpp"

namespace glossa {

std::string_view to_string(unit_outcome o) noexcept {
  switch (o) {
    case unit_outcome::applied:
      return "applied";
    case unit_outcome::unchanged:
      return "unchanged";
    case unit_outcome::stale:
      return "stale";
    case unit_outcome::refused:
      return "refused";
    case unit_outcome::protected_:
      return "protected";
    case unit_outcome::unknown:
      return "unknown";
    case unit_outcome::untranslated:
      return "untranslated";
  }
  return "refused";
}

std::string_view to_string(unit_reason r) noexcept {
  switch (r) {
    case unit_reason::none:
      return "";
    case unit_reason::unknown_unit:
      return "unknown_unit";
    case unit_reason::unknown_document:
      return "unknown_document";
    case unit_reason::unknown_field:
      return "unknown_field";
    case unit_reason::unreadable:
      return "unreadable";
    case unit_reason::wrong_language:
      return "wrong_language";
    case unit_reason::unknown_revision:
      return "unknown_revision";
    case unit_reason::source_mismatch:
      return "source_mismatch";
    case unit_reason::duplicate_unit:
      return "duplicate_unit";
    case unit_reason::empty_target:
      return "empty_target";
    case unit_reason::inline_codes:
      return "inline_codes";
    case unit_reason::control_character:
      return "control_character";
    case unit_reason::bidi_override:
      return "bidi_override";
    case unit_reason::extra_variant:
      return "extra_variant";
    case unit_reason::plural_missing:
      return "plural_missing";
    case unit_reason::sibling_refused:
      return "sibling_refused";
    case unit_reason::invalid_message:
      return "invalid_message";
    case unit_reason::invalid_markup:
      return "invalid_markup";
    case unit_reason::too_long:
      return "too_long";
    case unit_reason::qa:
      return "qa";
    case unit_reason::protected_:
      return "protected";
    case unit_reason::strict:
      return "strict";
  }
  return "";
}

std::string unit_report::code() const {
  if (reason == unit_reason::qa) return "qa:" + check;
  return std::string(to_string(reason));
}

std::size_t xliff_import_report::count(unit_outcome o) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(units.begin(), units.end(), [&](const unit_report& u) { return u.outcome == o; }));
}

bool xliff_import_report::all_taken() const noexcept {
  return !file_error && std::all_of(units.begin(), units.end(), [](const unit_report& u) {
    return u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged ||
           u.outcome == unit_outcome::stale || u.outcome == unit_outcome::untranslated;
  });
}

// Written directly, not through a JSON tree: a report has a line per unit of
// files with hundreds of thousands of units. The layout is pretty_json's.
std::string to_json(const xliff_import_report& r, report_detail detail) {
  using detail::append_json_string;
  std::string out;
  out.reserve(256 + r.units.size() * 200);
  auto member = [&](std::string_view indent, std::string_view key) {
    out += indent;
    append_json_string(out, key);
    out += ": ";
  };
  auto optional_string = [&](const std::string& s) {
    if (s.empty())
      out += "null";
    else
      append_json_string(out, s);
  };
  out += "{\n";
  member("  ", "batch");
  out += std::to_string(r.batch);
  out += ",\n";
  member("  ", "file");
  append_json_string(out, r.file);
  out += ",\n";
  member("  ", "version");
  append_json_string(out, r.version);
  out += ",\n";
  member("  ", "locale");
  append_json_string(out, r.locale);
  out += ",\n";
  member("  ", "warnings");
  out += "[";
  for (std::size_t i = 0; i < r.warnings.size(); ++i) {
    out += i ? ", " : "";
    append_json_string(out, r.warnings[i]);
  }
  out += "],\n";
  member("  ", "error");
  if (!r.file_error) {
    out += "null";
  } else {
    const error& e = *r.file_error;
    out += "{\"code\": ";
    append_json_string(out, to_string(e.code));
    out += ", \"message\": ";
    append_json_string(out, e.message);
    out += ", \"file\": ";
    append_json_string(out, e.where.file.empty() ? r.file : e.where.file);
    out += ", \"line\": " + std::to_string(e.where.line) + ", \"column\": " + std::to_string(e.where.column) + "}";
  }
  out += ",\n";
  member("  ", "counts");
  std::array<std::size_t, 7> counts{};
  for (const auto& u : r.units) ++counts[static_cast<std::size_t>(u.outcome)];
  out += "{";
  bool first = true;
  for (auto o : {unit_outcome::applied, unit_outcome::unchanged, unit_outcome::stale, unit_outcome::refused,
                 unit_outcome::protected_, unit_outcome::unknown, unit_outcome::untranslated}) {
    out += first ? "\n" : ",\n";
    first = false;
    member("    ", to_string(o));
    out += std::to_string(counts[static_cast<std::size_t>(o)]);
  }
  out += "\n  },\n";
  member("  ", "units");
  out += "[";
  bool listed = false;
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& u = r.units[i];
    if (detail == report_detail::summary &&
        (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged))
      continue;
    out += listed ? ",\n    {\n" : "\n    {\n";
    listed = true;
    member("      ", "id");
    append_json_string(out, u.id);
    out += ",\n";
    member("      ", "line");
    out += std::to_string(u.line);
    out += ",\n";
    member("      ", "outcome");
    append_json_string(out, to_string(u.outcome));
    out += ",\n";
    member("      ", "code");
    optional_string(u.code());
    out += ",\n";
    member("      ", "message");
    optional_string(u.message);
    out += ",\n";
    member("      ", "warnings");
    if (u.warnings.empty()) out += "[]";
    for (std::size_t k = 0; k < u.warnings.size(); ++k) {
      out += k ? ",\n        {\n" : "[\n        {\n";
      member("          ", "check");
      append_json_string(out, u.warnings[k].check);
      out += ",\n";
      member("          ", "message");
      append_json_string(out, u.warnings[k].message);
      out += "\n        }";
    }
    if (!u.warnings.empty()) out += "\n      ]";
    out += "\n    }";
  }
  out += listed ? "\n  ]" : "]";
  out += "\n}\n";
  return out;
}

std::string to_json(const std::vector<xliff_import_report>& reports, report_detail detail) {
  std::string out = "[";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    out += i ? ",\n" : "\n";
    std::string one = to_json(reports[i], detail);
    one.pop_back();  // its newline
    out += one;
  }
  out += reports.empty() ? "]\n" : "\n]\n";
  return out;
}

namespace {

// The file's problems: those inside one unit's target content refuse that
// unit (docs/xliff.md, "One bad unit"); any other refuses the file.
struct split_problems {
  std::vector<const xliff_problem*> whole;
  std::unordered_map<std::string, const xliff_problem*> in_targets;  // by unit id, the first
};

// A language tag with '_' for '-' is read as the tag it means (the import
// warns about it); `xliff validate` still reports it.
split_problems split(const std::vector<xliff_problem>& problems) {
  split_problems out;
  for (const auto& p : problems) {
    if (p.rule == "language_tag_underscore") continue;
    if (p.in_target && !p.unit.empty())
      out.in_targets.emplace(p.unit, &p);
    else
      out.whole.push_back(&p);
  }
  return out;
}

// The locale the whole file goes to: --locale when given, else the file's
// target language, configured.
result<std::string> file_locale(const std::string& written, const std::string& asked,
                                std::vector<std::string>& warnings) {
  if (asked.empty()) return detail::configured_locale(written, &warnings);
  auto target = canonical_locale(asked);
  if (!target) return target.err();
  std::string tag = written;
  std::replace(tag.begin(), tag.end(), '_', '-');
  auto in_file = canonical_locale(tag);
  if (!written.empty() && (!in_file || language_of(*in_file) != language_of(*target)))
    warnings.push_back("the file's target language '" + written + "' is not in the language of " + *target +
                       ": imported into " + *target + " as asked");
  return *target;
}

// A history's source entries of one field: (revision, text), oldest first.
std::vector<std::pair<std::string, std::string>> earlier_sources(store& st, const std::string& key,
                                                                 const std::string& field) {
  std::vector<std::pair<std::string, std::string>> out;
  auto h = st.history(key, field);
  if (!h) return out;
  for (auto& e : *h)
    if (e.locale.empty() && e.action != "delete") out.emplace_back(std::move(e.new_revision), std::move(e.new_text));
  return out;
}

}  // namespace

result<xliff_import_report> engine::import_xliff(std::string bytes, std::string_view file_name,
                                                 const xliff_import_options& options) {
  // One parse: the units, and the version's rules.
  std::vector<xliff_problem> problems;
  auto doc = xliff::read_xliff(std::move(bytes), file_name, /*with_source=*/false, &problems);
  std::string().swap(bytes);  // parsed in place: the units hold what is needed from here
  if (!doc) return doc.err();
  auto found = split(problems);
  if (!found.whole.empty()) {
    const auto& p = *found.whole.front();
    std::string more = found.whole.size() > 1
                           ? " (and " + std::to_string(found.whole.size() - 1) + " more: run `glossa xliff validate`)"
                           : "";
    return error(errc::invalid_xliff, "not valid XLIFF " + doc->version + ": " + p.rule + ": " + p.message + more,
                 location{std::string(file_name), p.line, p.column, {}});
  }
  xliff_import_report report;
  report.file = file_name;
  report.version = doc->version;
  auto locale = file_locale(doc->target_language, options.locale, report.warnings);
  if (!locale) {
    error e = locale.err();
    e.where = location{std::string(file_name), 0, 0, {}};
    return e;
  }
  report.locale = *locale;
  auto schema = store_->schema();
  if (!schema) return schema.err();
  bool v2 = doc->version[0] == '2';

  report.units.resize(doc->units.size());
  auto grouped = detail::group_units(*doc, report);
  using detail::field_units;
  auto& groups = grouped.groups;
  auto& keys = grouped.keys;
  auto& groups_of = grouped.groups_of;

  // 1. What the store knows of each field: the document's type and source
  // locale, the field's definition, the source the file was made from (the
  // revision it names, or the one its sources match: now or earlier), the
  // translation it would replace. From there on judging needs no store, so
  // it runs while the write stores what is judged already. A file naming
  // over a thousand documents is read a thousand documents ahead of the
  // judging, through a second connection, so that the write starts with the
  // first thousand. Each thousand is one snapshot of what was committed,
  // never of the write in progress; once the write has begun it holds the
  // store's write lock, so nothing else commits in between (before that,
  // another process's commit between two thousands can be seen, as one
  // between the look-up and the write always could). Otherwise (a smaller
  // file, an in-memory store, --strict, which writes after judging) all of
  // it is read in one snapshot before anything is written.
  using detail::field_facts;
  std::vector<field_facts> known(groups.size());
  // `failure`: a store that could not answer; the import fails with its error.
  auto look_up_field = [&](store& st, const field_units& g, const document* d, field_facts& k,
                           std::optional<error>& failure) {
    using detail::field_refusal;
    if (!d)
      return detail::refuse_field(
          g, report, {unit_outcome::unknown, unit_reason::unknown_document, "no document '" + g.key + "'"});
    const type_def* type = schema->find(d->type);
    const field_def* def = type ? type->find(g.field) : nullptr;
    const field* f = d->find(g.field);
    if (!def || !def->translatable || !f)
      return detail::refuse_field(g, report,
                                  {unit_outcome::unknown, unit_reason::unknown_field,
                                   "document '" + g.key + "' has no translatable field '" + g.field + "'"});
    if (d->source_locale == *locale)
      return detail::refuse_field(
          g, report,
          {unit_outcome::refused, unit_reason::wrong_language, *locale + " is the source locale of '" + g.key + "'"});
    k.def = def;
    k.revision = f->revision;
    const std::string named = doc->units[g.units.front()].revision.str();
    std::optional<std::string> named_text;
    if (!named.empty()) {
      auto at = detail::source_at(st, g.key, *f, named);
      if (!at) {
        failure = at.err();
        return;
      }
      named_text = std::move(*at);
    }
    auto refusal = detail::find_source(
        k, g, doc->units, f->value, named, named_text, [&] { return earlier_sources(st, g.key, g.field); }, *locale);
    if (refusal) return detail::refuse_field(g, report, *refusal);
    k.type = d->type;
    k.source_locale = d->source_locale;
    if (const translation* t = f->find(*locale)) k.current = *t;
    k.usable = true;
  };
  auto look_up = [&](store& st, std::size_t first, std::size_t last) -> status {
    std::vector<std::string> some(keys.begin() + static_cast<std::ptrdiff_t>(first),
                                  keys.begin() + static_cast<std::ptrdiff_t>(last));
    std::optional<error> failure;
    auto read = st.for_each_key(some, [&](const std::string& key, const document* d) {
      for (auto gi : groups_of[key]) look_up_field(st, groups[gi], d, known[gi], failure);
      return !failure;
    });
    if (failure) return *failure;
    return read;
  };
  constexpr std::size_t look_ahead = 1000;
  std::unique_ptr<store> second = options.strict || keys.size() <= look_ahead ? nullptr : store_->reader();
  store* ahead = second.get();
  std::size_t looked_up = 0;  // keys[0, looked_up) are known
  if (!ahead) {
    if (auto all = look_up(*store_, 0, keys.size()); !all) return all.err();
    looked_up = keys.size();
  }

  // 2. Judge field by field (xliff_judge.cpp); a document's translations go
  // to the write as soon as its fields are judged.
  detail::judge_settings judging;
  judging.locale = *locale;
  judging.v2 = v2;
  judging.overwrite_final = options.overwrite_final;
  judging.author = options.author;
  judging.file_name = file_name;
  judging.qa = &qa_options_;
  judging.target_problems = &found.in_targets;
  auto judge = [&](const field_units& g, const field_facts& k, document_input& in) {
    auto t = detail::judge_field(g, k, doc->units, report, judging);
    if (!t) return;
    if (in.key.empty()) {
      in.key = g.key;
      in.type = k.type;
    }
    in.translations.push_back(std::move(*t));
  };
  write_options w;
  w.author = options.author;
  w.origin = "xliff:" + std::string(file_name);
  w.dry_run = options.dry_run;
  w.batch_kind = "xliff-import";
  w.batch_file = file_name;

  // 3. The write runs on a thread of its own (import_writer), started with
  // the first document to store. --strict cannot know before every unit is
  // judged, so it keeps the documents and writes them (or not) at the end.
  detail::import_writer writer(*store_, w);
  std::optional<result<write_report>> written;
  std::vector<document_input> held;
  bool write_stopped = false;  // the writer failed before everything was handed over
  std::optional<error> read_failed;
  try {
    std::size_t judged = 0;
    for (std::size_t ki = 0; ki < keys.size(); ++ki) {
      const std::string& key = keys[ki];
      if (ki == looked_up) {
        looked_up = std::min(keys.size(), ki + look_ahead);
        if (auto some = look_up(*ahead, ki, looked_up); !some) {
          read_failed = some.err();
          break;
        }
      }
      document_input in;
      for (auto gi : groups_of[key])
        if (known[gi].usable) judge(groups[gi], known[gi], in);
      for (auto gi : groups_of[key]) known[gi] = field_facts();  // its source text is no longer needed
      if (options.progress) options.progress(++judged, keys.size());
      if (in.translations.empty()) continue;
      if (options.strict) {
        held.push_back(std::move(in));
      } else if (!writer.put(std::move(in))) {  // the write failed: its error is the result
        write_stopped = true;
        break;
      }
    }
  } catch (...) {
    writer.abandon();  // the write rolls back; the writer's destructor waits for it
    throw;
  }
  second.reset();
  if (read_failed) {   // nothing of this import is kept
    writer.abandon();  // the writer's destructor waits for the rollback
    return *read_failed;
  }
  // Every unit is judged: the write may commit, and what judging needed is
  // freed meanwhile (before a report is rendered beside it).
  writer.finish();
  std::vector<xliff::unit_in>().swap(doc->units);
  std::vector<field_facts>().swap(known);
  std::vector<field_units>().swap(groups);
  groups_of.clear();
  // The caller may render the report while the write commits (mostly I/O).
  // Its exception comes out once the write has ended: the write does not
  // depend on it.
  std::exception_ptr judged_failed;
  if (options.judged && !options.strict && !write_stopped) {
    report.batch = writer.batch();  // announced as the write begins, or 0 when it ended without one
    try {
      options.judged(report);
    } catch (...) {
      judged_failed = std::current_exception();
    }
    report.batch = 0;
  }
  written = writer.wait();
  if (written && !*written) return written->err();
  if (judged_failed) std::rethrow_exception(judged_failed);

  bool any_refused = !report.all_taken();
  if (options.strict) {
    if (any_refused) {
      for (auto& u : report.units)
        if (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::stale) {
          u.outcome = unit_outcome::refused;
          u.reason = unit_reason::strict;
          u.message = "not applied: --strict and other units of the file were refused";
        }
    } else if (!held.empty()) {
      written = detail::write_documents(*store_, held, w);
      if (!*written) return written->err();
    }
  }
  if (written) report.batch = (*written)->batch;
  if (options.judged && options.strict) options.judged(report);
  return report;
}

result<write_report> engine::undo_batch(std::int64_t batch, const write_options& options) {
  return detail::undo_batch(*store_, batch, options);
}

}  // namespace glossa
