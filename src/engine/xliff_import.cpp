// Use cases: import a translated XLIFF file unit by unit; undo an import.
#include <algorithm>
#include <array>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "formats/xliff/inline.hpp"
#include "engine/source_history.hpp"
#include "formats/xliff/reader.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"
#include "util/handoff.hpp"
#include "util/json_output.hpp"
#include "util/thread_name.hpp"
#include "util/utf8.hpp"
#include "validate/values.hpp"

namespace glossa {

std::string_view to_string(unit_outcome o) noexcept {
  switch (o) {
    case unit_outcome::applied: return "applied";
    case unit_outcome::unchanged: return "unchanged";
    case unit_outcome::stale: return "stale";
    case unit_outcome::refused: return "refused";
    case unit_outcome::protected_: return "protected";
    case unit_outcome::unknown: return "unknown";
  }
  return "refused";
}

std::size_t xliff_import_report::count(unit_outcome o) const noexcept {
  return static_cast<std::size_t>(std::count_if(units.begin(), units.end(), [&](const unit_report& u) { return u.outcome == o; }));
}

bool xliff_import_report::all_taken() const noexcept {
  return std::all_of(units.begin(), units.end(), [](const unit_report& u) {
    return u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged || u.outcome == unit_outcome::stale;
  });
}

// Written directly, not through a JSON tree: a report has a line per unit of
// files with hundreds of thousands of units. The layout is pretty_json's.
std::string to_json(const xliff_import_report& r) {
  using detail::append_json_string;
  std::string out;
  out.reserve(256 + r.units.size() * 200);
  auto member = [&](std::string_view indent, std::string_view key) {
    out += indent;
    append_json_string(out, key);
    out += ": ";
  };
  auto optional_string = [&](const std::string& s) {
    if (s.empty()) out += "null";
    else append_json_string(out, s);
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
  member("  ", "counts");
  std::array<std::size_t, 6> counts{};
  for (const auto& u : r.units) ++counts[static_cast<std::size_t>(u.outcome)];
  out += "{";
  bool first = true;
  for (auto o : {unit_outcome::applied, unit_outcome::unchanged, unit_outcome::stale, unit_outcome::refused,
                 unit_outcome::protected_, unit_outcome::unknown}) {
    out += first ? "\n" : ",\n";
    first = false;
    member("    ", to_string(o));
    out += std::to_string(counts[static_cast<std::size_t>(o)]);
  }
  out += "\n  },\n";
  member("  ", "units");
  if (r.units.empty()) out += "[]";
  else out += "[";
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& u = r.units[i];
    out += i ? ",\n    {\n" : "\n    {\n";
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
    optional_string(u.code);
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
  if (!r.units.empty()) out += "\n  ]";
  out += "\n}\n";
  return out;
}

namespace {

translation_state state_from(const std::string& raw, bool v2) {
  if (raw == "final") return translation_state::final_;
  if (v2) {
    if (raw == "reviewed") return translation_state::reviewed;
    return translation_state::translated;  // initial with a filled target: the translator has translated it
  }
  if (raw == "signed-off") return translation_state::reviewed;
  return translation_state::translated;
}

// Bidi embedding/override controls: the Trojan Source characters, U+202A..
// U+202E, E2 80 AA..AE in UTF-8. A byte search: E2 only ever starts a
// character, so the text need not be decoded.
std::optional<std::size_t> find_bidi_override(std::string_view s) {
  for (auto at = s.find("\xE2\x80"); at != std::string_view::npos; at = s.find("\xE2\x80", at + 1))
    if (at + 2 < s.size() && static_cast<unsigned char>(s[at + 2]) >= 0xAA && static_cast<unsigned char>(s[at + 2]) <= 0xAE)
      return at;
  return std::nullopt;
}

bool empty_content(const xliff::content& c) {
  return std::all_of(c.begin(), c.end(), [](const xliff::part& p) {
    return !p.is_code && p.text.find_first_not_of(" \t\r\n") == std::string::npos;
  });
}

}  // namespace

result<xliff_import_report> engine::import_xliff(std::string bytes, std::string_view file_name,
                                                 const xliff_import_options& options) {
  // One parse: the units, and the version's rules (a file that breaks them is refused whole).
  std::vector<xliff_problem> problems;
  auto doc = xliff::read_xliff(std::move(bytes), file_name, /*with_source=*/false, &problems);
  std::string().swap(bytes);  // parsed in place: the units hold what is needed from here
  if (!doc) return doc.err();
  if (!problems.empty()) {
    const auto& p = problems.front();
    std::string more = problems.size() > 1
                           ? " (and " + std::to_string(problems.size() - 1) + " more: run `glossa xliff validate`)"
                           : "";
    return error(errc::invalid_xliff, "not valid XLIFF " + doc->version + ": " + p.rule + ": " + p.message + more,
                 location{std::string(file_name), p.line, 0, {}});
  }
  xliff_import_report report;
  report.file = file_name;
  report.version = doc->version;
  auto locale = canonical_locale(doc->target_language);
  if (!locale)
    return error(errc::invalid_locale, "the file's target language '" + doc->target_language + "' is not usable: " + locale.err().message,
                 location{std::string(file_name), 0, 0, {}});
  report.locale = *locale;
  auto schema = store_->schema();
  if (!schema) return schema.err();
  bool v2 = doc->version[0] == '2';

  report.units.resize(doc->units.size());
  auto set = [&](std::size_t i, unit_outcome o, std::string code = {}, std::string message = {}) {
    report.units[i].outcome = o;
    report.units[i].code = std::move(code);
    report.units[i].message = std::move(message);
  };

  // Group units by field; refuse what can be judged unit by unit.
  struct group { std::string key, field; std::vector<std::size_t> units; };
  std::vector<group> groups;
  std::map<std::string, std::string> canonical_tags;  // tag as written -> canonical ("" when invalid)
  std::unordered_map<std::string, std::size_t> group_index;  // KEY.FIELD -> groups
  group_index.reserve(doc->units.size());
  for (std::size_t i = 0; i < doc->units.size(); ++i) {
    const auto& u = doc->units[i];
    report.units[i].id = u.id;
    report.units[i].line = u.line;
    std::string base = u.id.substr(0, u.id.find(':'));
    auto dot = base.rfind('.');
    if (dot == std::string::npos || dot == 0) {
      set(i, unit_outcome::unknown, "unknown_unit", "id '" + u.id + "' is not a Glossa unit id (KEY.FIELD)");
      continue;
    }
    if (!u.problem.empty()) { set(i, unit_outcome::refused, "unreadable", u.problem); continue; }
    // Units repeat their file's language: canonicalize each distinct tag once.
    const std::string& tag = u.target_language.empty() ? doc->target_language : u.target_language;
    auto known = canonical_tags.find(tag);
    if (known == canonical_tags.end()) {
      auto c = canonical_locale(tag);
      known = canonical_tags.emplace(tag, c ? *c : std::string()).first;
    }
    if (known->second != *locale) {
      set(i, unit_outcome::refused, "wrong_language", "target language '" + u.target_language + "' differs from the file's " + *locale);
      continue;
    }
    auto [it, fresh] = group_index.emplace(base, groups.size());
    if (fresh) groups.push_back({base.substr(0, dot), base.substr(dot + 1), {}});
    groups[it->second].units.push_back(i);
    set(i, unit_outcome::refused);  // until judged
  }

  std::unordered_map<std::string, std::size_t>().swap(group_index);
  std::vector<std::string> keys;  // documents, in the order the file first names them
  std::unordered_map<std::string, std::vector<std::size_t>> groups_of;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    auto& list = groups_of[groups[gi].key];
    if (list.empty()) keys.push_back(groups[gi].key);
    list.push_back(gi);
  }
  auto refuse_group = [&](const group& g, unit_outcome o, const std::string& code, const std::string& message) {
    for (auto i : g.units)
      if (report.units[i].code.empty()) set(i, o, code, message);
  };

  // 1. What the store knows of each field: the document's type and source
  // locale, the field's definition, the source the file was made from (now,
  // or an older revision from history), the translation it would replace.
  // From there on judging needs no store, so it runs while the write stores
  // what is judged already. A file naming over a thousand documents is read
  // a thousand documents ahead of the judging, through a second connection,
  // so that the write starts with the first thousand. Each thousand is one
  // snapshot of what was committed, never of the write in progress; once the
  // write has begun it holds the store's write lock, so nothing else commits
  // in between (before that, another process's commit between two thousands
  // can be seen, as one between the look-up and the write always could).
  // Otherwise (a smaller file, an in-memory store, --strict, which writes
  // after judging) all of it is read in one snapshot before anything is
  // written.
  struct known_field {
    std::string type, source_locale;
    const field_def* def = nullptr;
    std::string revision;      // the field's current source revision
    std::string made_from;     // the revision the file's units were made from
    std::string source_text;   // the source at made_from
    std::optional<translation> current;  // into the file's locale
    bool usable = false;       // false: the group was refused here
  };
  std::vector<known_field> known(groups.size());
  auto look_up = [&](store& st, std::size_t first, std::size_t last) -> status {
    std::vector<std::string> some(keys.begin() + static_cast<std::ptrdiff_t>(first), keys.begin() + static_cast<std::ptrdiff_t>(last));
    return st.for_each_key(some, [&](const std::string& key, const document* d) {
      for (auto gi : groups_of[key]) {
        const group& g = groups[gi];
        if (!d) { refuse_group(g, unit_outcome::unknown, "unknown_document", "no document '" + g.key + "'"); continue; }
        const type_def* type = schema->find(d->type);
        const field_def* def = type ? type->find(g.field) : nullptr;
        const field* f = d->find(g.field);
        if (!def || !def->translatable || !f) {
          refuse_group(g, unit_outcome::unknown, "unknown_field", "document '" + g.key + "' has no translatable field '" + g.field + "'");
          continue;
        }
        if (d->source_locale == *locale) {
          refuse_group(g, unit_outcome::refused, "wrong_language", *locale + " is the source locale of '" + g.key + "'");
          continue;
        }
        std::string rev = doc->units[g.units.front()].revision;
        if (rev.empty()) rev = f->revision;
        auto found = detail::source_at(st, g.key, *f, rev);
        if (!found) {
          refuse_group(g, unit_outcome::refused, "unknown_revision", "source revision " + rev + " of " + g.key + "." + g.field + " is not in the history");
          continue;
        }
        auto& k = known[gi];
        k.type = d->type;
        k.source_locale = d->source_locale;
        k.def = def;
        k.revision = f->revision;
        k.made_from = std::move(rev);
        k.source_text = std::move(*found);
        if (const translation* t = f->find(*locale)) k.current = *t;
        k.usable = true;
      }
      return true;
    });
  };
  constexpr std::size_t look_ahead = 1000;
  std::unique_ptr<store> second = options.strict || keys.size() <= look_ahead ? nullptr : store_->reader();
  store* ahead = second.get();
  std::size_t looked_up = 0;  // keys[0, looked_up) are known
  if (!ahead) {
    if (auto all = look_up(*store_, 0, keys.size()); !all) return all.err();
    looked_up = keys.size();
  }

  // 2. Judge field by field; a document's translations go to the write as
  // soon as its fields are judged.
  auto judge = [&](const group& g, known_field& k, document_input& in) {
    const field_def* def = k.def;
    const std::string& rev = k.made_from;
    auto variants = xliff::to_variants(k.source_text, def->kind, *locale);
    if (!variants) { refuse_group(g, unit_outcome::refused, "unreadable", variants.err().message); return; }

    std::map<std::string, xliff::content> targets;
    std::map<std::string, std::size_t> by_suffix;
    bool group_ok = true;
    for (auto i : g.units) {
      const auto& u = doc->units[i];
      auto colon = u.id.find(':');
      std::string suffix = colon == std::string::npos ? "" : u.id.substr(colon);
      auto v = std::find_if(variants->begin(), variants->end(), [&](const xliff::variant& x) { return x.suffix == suffix; });
      if (v == variants->end()) {
        set(i, unit_outcome::refused, "extra_variant",
            "'" + suffix + "' is not a variant of this message for " + *locale +
                " (plural categories: " + [&] { std::string s; for (auto& c : xliff::plural_categories(*locale)) s += (s.empty() ? "" : ", ") + c; return s; }() + ")");
        group_ok = false;
        continue;
      }
      if (by_suffix.count(suffix)) { set(i, unit_outcome::refused, "duplicate_unit", "unit '" + u.id + "' appears twice"); group_ok = false; continue; }
      by_suffix[suffix] = i;
      if (!u.target || empty_content(*u.target)) { set(i, unit_outcome::refused, "empty_target", "no translation in <target>"); group_ok = false; continue; }
      std::string plain = xliff::display_text(*u.target);
      if (auto off = detail::find_control_character(plain)) {
        set(i, unit_outcome::refused, "control_character", "the target holds a control character"); group_ok = false; continue;
      }
      if (find_bidi_override(plain)) {
        set(i, unit_outcome::refused, "bidi_override",
            "the target holds a bidi embedding/override character (U+202A..U+202E), which can make text display differently from what it is");
        group_ok = false;
        continue;
      }
      std::string problem = xliff::check_codes(v->source, *u.target);
      if (!problem.empty()) { set(i, unit_outcome::refused, "inline_codes", problem); group_ok = false; continue; }
      targets[suffix] = std::move(*doc->units[i].target);
    }
    if (!group_ok) {
      refuse_group(g, unit_outcome::refused, "sibling_refused", "another unit of this message was refused; the message is imported whole");
      return;
    }
    std::vector<std::string> missing;
    for (const auto& v : *variants)
      if (!targets.count(v.suffix)) missing.push_back(g.key + "." + g.field + v.suffix);
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      refuse_group(g, unit_outcome::refused, "plural_missing", "the message needs every variant for " + *locale + "; missing: " + list);
      return;
    }
    auto text = xliff::from_variants(*variants, targets, def->kind);
    if (!text) { refuse_group(g, unit_outcome::refused, "invalid_message", text.err().message); return; }
    if (auto p = detail::check_text(*text, *def)) {
      refuse_group(g, unit_outcome::refused,
                   p->code == errc::too_long ? "too_long" : def->kind == field_kind::message ? "invalid_message" : "invalid_markup",
                   p->message);
      return;
    }
    // The quality checks: errors refuse the message, warnings go with it.
    auto findings = check_translation(*def, k.source_text, *text, k.source_locale, *locale, qa_options_);
    for (const auto& fd : findings)
      if (fd.severity == qa_severity::error) {
        refuse_group(g, unit_outcome::refused, "qa:" + fd.check, fd.message);
        return;
      }
    for (auto& fd : findings) fd.document = g.key;
    translation_state state = state_from(doc->units[g.units.front()].state, v2);
    const auto& t = k.current;
    if (t && t->text == *text && t->state == state && t->source_revision == rev) {
      for (auto i : g.units) set(i, unit_outcome::unchanged);
      return;
    }
    if (t && t->state >= translation_state::reviewed && state < t->state && !options.overwrite_final) {
      refuse_group(g, unit_outcome::protected_, "protected",
                   "would replace a " + std::string(to_string(t->state)) + " translation with a " + std::string(to_string(state)) +
                       " one; use --overwrite-final to allow it");
      return;
    }
    if (in.key.empty()) {
      in.key = g.key;
      in.type = k.type;
    }
    translation_input ti;
    ti.field = g.field;
    ti.locale = *locale;
    ti.text = std::move(*text);
    ti.state = state;
    ti.source_revision = rev;
    ti.author = options.author;
    ti.where = location{std::string(file_name), report.units[g.units.front()].line, 0, report.units[g.units.front()].id};
    in.translations.push_back(std::move(ti));
    for (std::size_t n = 0; n < g.units.size(); ++n) {
      auto i = g.units[n];
      set(i, rev == k.revision ? unit_outcome::applied : unit_outcome::stale);
      if (n + 1 < g.units.size()) report.units[i].warnings = findings;
      else report.units[i].warnings = std::move(findings);  // the last (most often the only) unit takes them
      if (rev != k.revision) report.units[i].message = "made from an older source revision; stored as a stale translation";
    }
  };

  write_options w;
  w.author = options.author;
  w.origin = "xliff:" + std::string(file_name);
  w.dry_run = options.dry_run;
  w.batch_kind = "xliff-import";
  w.batch_file = file_name;
  // The batch the writer records, known once `announced` (or the writer ended).
  std::mutex announce;
  std::condition_variable announced_cv;
  bool announced = false;
  std::int64_t started_batch = 0;
  auto announce_batch = [&](std::int64_t b) {
    std::lock_guard lock(announce);
    if (!announced) started_batch = b;
    announced = true;
    announced_cv.notify_all();
  };
  w.batch_started = [&](std::int64_t b) { announce_batch(options.dry_run ? 0 : b); };  // a dry run keeps none

  // 3. The write runs on a thread of its own, started with the first
  // document to store. --strict cannot know before every unit is judged, so
  // it keeps the documents and writes them (or not) at the end.
  detail::handoff<document_input> queue(256);
  std::optional<std::thread> writer;
  std::optional<result<write_report>> written;
  std::exception_ptr writer_failed;
  std::vector<document_input> held;
  auto start_writer = [&] {
    writer.emplace([&] {
      detail::name_this_thread("glossa-write");
      try {
        written = store_->write_each(
            [&](document_input& next) {
              auto in = queue.get();
              if (queue.abandoned()) throw std::runtime_error("import abandoned");  // rolled back
              if (!in) return false;
              next = std::move(*in);
              return true;
            },
            w);
      } catch (...) {
        writer_failed = std::current_exception();
      }
      queue.stop();  // a failed write takes nothing more
      announce_batch(0);  // no batch (a dry run, a failure): nothing more to wait for
    });
  };
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
      for (auto gi : groups_of[key]) known[gi] = known_field();  // its source text is no longer needed
      if (options.progress) options.progress(++judged, keys.size());
      if (in.translations.empty()) continue;
      if (options.strict) {
        held.push_back(std::move(in));
        continue;
      }
      if (!writer) start_writer();
      if (!queue.put(std::move(in))) {  // the write failed: its error is the result
        write_stopped = true;
        break;
      }
    }
  } catch (...) {
    queue.finish(/*abandoned=*/true);  // the writer rolls back
    if (writer) writer->join();
    throw;
  }
  second.reset();
  if (read_failed) {  // nothing of this import is kept
    queue.finish(/*abandoned=*/true);
    if (writer) writer->join();
    return *read_failed;
  }
  // Every unit is judged: the write may commit, and what judging needed is
  // freed meanwhile (before a report is rendered beside it).
  queue.finish();
  std::vector<xliff::unit_in>().swap(doc->units);
  std::vector<known_field>().swap(known);
  std::vector<group>().swap(groups);
  groups_of.clear();
  // The caller may render the report while the write commits (mostly I/O).
  // Its exception comes out once the write has ended: the write does not
  // depend on it.
  std::exception_ptr judged_failed;
  if (options.judged && !options.strict && !write_stopped) {
    if (writer) {  // the writer announces its batch as it begins, or ends without one
      std::unique_lock lock(announce);
      announced_cv.wait(lock, [&] { return announced; });
      report.batch = started_batch;
    }
    try {
      options.judged(report);
    } catch (...) {
      judged_failed = std::current_exception();
    }
    report.batch = 0;
  }
  if (writer) writer->join();
  if (writer_failed) std::rethrow_exception(writer_failed);
  if (written && !*written) return written->err();
  if (judged_failed) std::rethrow_exception(judged_failed);

  bool any_refused = !report.all_taken();
  if (options.strict) {
    if (any_refused) {
      for (auto& u : report.units)
        if (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::stale) {
          u.outcome = unit_outcome::refused;
          u.code = "strict";
          u.message = "not applied: --strict and other units of the file were refused";
        }
    } else if (!held.empty()) {
      written = store_->write(held, w);
      if (!*written) return written->err();
    }
  }
  if (written) report.batch = (*written)->batch;
  if (options.judged && options.strict) options.judged(report);
  return report;
}

result<write_report> engine::undo_batch(std::int64_t batch, const write_options& options) {
  return store_->undo_batch(batch, options);
}

}  // namespace glossa
