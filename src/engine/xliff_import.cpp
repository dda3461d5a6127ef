// Use cases: import a translated XLIFF file unit by unit; undo an import.
#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "core/utf8.hpp"
#include "engine/import_writer.hpp"
#include "engine/source_history.hpp"
#include "engine/termbase.hpp"
#include "engine/write.hpp"
#include "engine/xliff_judge.hpp"
#include "formats/xliff/inline.hpp"
#include "formats/xliff/reader.hpp"
#include "glossa/engine.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "i18n/values.hpp"

namespace glossa {

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

namespace {

// One import, stage by stage: read the file (read()), group its units
// (group_units), look up what the store knows of each field (look_up()),
// judge field by field (judge_field) and hand each document to the writer
// thread (run()); with --strict, write at the end or not at all (strict()).
class xliff_importer {
 public:
  xliff_importer(store& st, const qa_options& qa, const xliff_import_options& options)
      : store_(st), qa_(qa), options_(options), terms_(st, qa) {}

  // The parse and what refuses the file whole (invalid XLIFF, no locale).
  status read(std::string bytes, std::string_view file_name) {
    auto doc = xliff::read_xliff(std::move(bytes), file_name, /*with_source=*/false, &problems_);
    std::string().swap(bytes);  // parsed in place: the units hold what is needed from here
    if (!doc) return doc.err();
    doc_ = std::move(*doc);
    found_ = split(problems_);  // points into problems_
    location file{std::string(file_name), 0, 0, {}};
    if (!found_.whole.empty()) {
      const auto& p = *found_.whole.front();
      std::string more = found_.whole.size() > 1 ? " (and " + std::to_string(found_.whole.size() - 1) +
                                                       " more: run `glossa xliff validate`)"
                                                 : "";
      return error(errc::invalid_xliff, "not valid XLIFF " + doc_.version + ": " + p.rule + ": " + p.message + more,
                   location{file.file, p.line, p.column, {}});
    }
    report_.file = file_name;
    report_.version = doc_.version;
    auto locale = file_locale(doc_.target_language, options_.locale, report_.warnings);
    if (!locale) return error(locale.err().code, locale.err().message, file);
    report_.locale = *locale;
    auto schema = store_.schema();
    if (!schema) return schema.err();
    schema_ = std::move(*schema);
    report_.units.resize(doc_.units.size());
    groups_ = detail::group_units(doc_, report_);
    known_.resize(groups_.groups.size());
    return {};
  }

  result<xliff_import_report> run(std::string_view file_name);

 private:
  // What the store knows of the fields of keys_[first, last), read through
  // `st` in one snapshot.
  status look_up(store& st, std::size_t first, std::size_t last) {
    const auto& keys = groups_.keys;
    std::vector<std::string> some(keys.begin() + static_cast<std::ptrdiff_t>(first),
                                  keys.begin() + static_cast<std::ptrdiff_t>(last));
    std::optional<error> failure;
    auto read = st.for_each_key(some, [&](const std::string& key, const document* d) {
      for (auto gi : groups_.groups_of[key])
        if (!failure) failure = look_up_field(st, groups_.groups[gi], d, known_[gi]);
      return !failure;
    });
    if (failure) return *failure;
    return read;
  }

  // The document's type and source locale, the field's definition, the
  // source the units were made from, the translation they would replace;
  // or the field's refusal. Returns the store's error when it cannot answer.
  std::optional<error> look_up_field(store& st, const detail::field_units& g, const document* d,
                                     detail::field_facts& k) {
    auto refuse = [&](unit_outcome o, unit_reason why, std::string message) {
      detail::refuse_field(g, report_, {o, why, std::move(message)});
      return std::nullopt;
    };
    const std::string& locale = report_.locale;
    if (!d) return refuse(unit_outcome::unknown, unit_reason::unknown_document, "no document '" + g.key + "'");
    const type_def* type = schema_.find(d->type);
    const field_def* def = type ? type->find(g.field) : nullptr;
    const field* f = d->find(g.field);
    if (!def || !def->translatable || !f)
      return refuse(unit_outcome::unknown, unit_reason::unknown_field,
                    "document '" + g.key + "' has no translatable field '" + g.field + "'");
    if (d->source_locale == locale)
      return refuse(unit_outcome::refused, unit_reason::wrong_language,
                    locale + " is the source locale of '" + g.key + "'");
    k.def = def;
    k.revision = f->revision;
    const std::string named = doc_.units[g.units.front()].revision.str();
    std::optional<std::string> named_text;
    if (!named.empty()) {
      auto at = detail::source_at(st, g.key, *f, named);
      if (!at) return at.err();
      named_text = std::move(*at);
    }
    auto earlier = [&] { return earlier_sources(st, g.key, g.field); };
    if (auto refusal = detail::find_source(k, g, doc_.units, f->value, named, named_text, earlier, locale)) {
      detail::refuse_field(g, report_, *refusal);
      return std::nullopt;
    }
    k.type = d->type;
    k.source_locale = d->source_locale;
    if (const translation* t = f->find(locale)) k.current = *t;
    k.usable = true;
    return std::nullopt;
  }

  // The translations of one document, its fields judged (xliff_judge.cpp);
  // what judging needed of them is freed.
  document_input judge(const std::string& key, const detail::judge_settings& judging) {
    document_input in;
    for (auto gi : groups_.groups_of[key]) {
      const auto& k = known_[gi];
      if (!k.usable) continue;
      auto t = detail::judge_field(groups_.groups[gi], k, doc_.units, report_, judging);
      if (!t) continue;
      if (in.key.empty()) {
        in.key = key;
        in.type = k.type;
      }
      in.translations.push_back(std::move(*t));
    }
    for (auto gi : groups_.groups_of[key]) known_[gi] = detail::field_facts();  // its source text is no longer needed
    return in;
  }

  detail::judge_settings judging(std::string_view file_name) const {
    detail::judge_settings j;
    j.locale = report_.locale;
    j.v2 = doc_.version[0] == '2';
    j.overwrite_final = options_.overwrite_final;
    j.author = options_.author;
    j.file_name = file_name;
    j.qa = &qa_;
    j.terms = &terms_;
    j.target_problems = &found_.in_targets;
    return j;
  }

  write_options writing(std::string_view file_name) const {
    write_options w;
    w.author = options_.author;
    w.origin = "xliff:" + std::string(file_name);
    w.dry_run = options_.dry_run;
    w.batch_kind = "xliff-import";
    w.batch_file = file_name;
    return w;
  }

  // --strict: nothing is written unless every unit is acceptable.
  status strict(const std::vector<document_input>& held, const write_options& w,
                std::optional<result<write_report>>& written) {
    if (!report_.all_taken()) {
      for (auto& u : report_.units)
        if (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::stale) {
          u.outcome = unit_outcome::refused;
          u.reason = unit_reason::strict;
          u.message = "not applied: --strict and other units of the file were refused";
        }
    } else if (!held.empty()) {
      written = detail::write_documents(store_, held, w);
      if (!*written) return written->err();
    }
    return {};
  }

  // Every unit is judged: what judging needed is freed while the write commits.
  void free_judging() {
    std::vector<xliff::unit_in>().swap(doc_.units);
    std::vector<detail::field_facts>().swap(known_);
    std::vector<detail::field_units>().swap(groups_.groups);
    groups_.groups_of.clear();
  }

  store& store_;
  const qa_options& qa_;
  const xliff_import_options& options_;
  mutable detail::termbases terms_;  // a cache: judging reads through it
  xliff::document_in doc_;
  std::vector<xliff_problem> problems_;  // what the version's rules found in the file
  split_problems found_;
  content_schema schema_;
  xliff_import_report report_;
  detail::unit_groups groups_;
  std::vector<detail::field_facts> known_;
};

// What the store knows of each field is read before its units are judged;
// from there on judging needs no store, so it runs while the write stores
// what is judged already. A file naming over a thousand documents is read a
// thousand documents ahead of the judging, through a second connection, so
// that the write starts with the first thousand. Each thousand is one
// snapshot of what was committed, never of the write in progress; once the
// write has begun it holds the store's write lock, so nothing else commits
// in between (before that, another process's commit between two thousands
// can be seen, as one between the look-up and the write always could).
// Otherwise (a smaller file, an in-memory store, --strict, which writes
// after judging) all of it is read in one snapshot before anything is
// written. The write runs on a thread of its own (import_writer), started
// with the first document to store; --strict keeps the documents and
// writes them (or not) at the end.
result<xliff_import_report> xliff_importer::run(std::string_view file_name) {
  const auto& keys = groups_.keys;
  constexpr std::size_t look_ahead = 1000;
  std::unique_ptr<store> second = options_.strict || keys.size() <= look_ahead ? nullptr : store_.reader();
  std::size_t looked_up = 0;  // keys[0, looked_up) are known
  if (!second) {
    if (auto all = look_up(store_, 0, keys.size()); !all) return all.err();
    looked_up = keys.size();
  }
  // The termbase is read before the writer starts: judging then reads only the store's second connection.
  if (auto terms = terms_.preload(report_.locale); !terms) return terms.err();
  auto settings = judging(file_name);
  write_options w = writing(file_name);
  detail::import_writer writer(store_, w);
  std::vector<document_input> held;
  bool write_stopped = false;  // the writer failed before everything was handed over
  for (std::size_t ki = 0; ki < keys.size() && !write_stopped; ++ki) {
    if (ki == looked_up) {
      looked_up = std::min(keys.size(), ki + look_ahead);
      if (auto some = look_up(*second, ki, looked_up); !some) {
        writer.abandon();  // nothing of this import is kept; the writer's destructor waits for the rollback
        return some.err();
      }
    }
    document_input in = judge(keys[ki], settings);
    if (options_.progress) options_.progress(ki + 1, keys.size());
    if (in.translations.empty()) continue;
    if (options_.strict)
      held.push_back(std::move(in));
    else
      write_stopped = !writer.put(std::move(in));  // the write failed: its error is the result
  }
  second.reset();
  writer.finish();
  free_judging();
  // The caller may render the report while the write commits (mostly I/O).
  // Its exception comes out once the write has ended: the write does not
  // depend on it.
  std::exception_ptr judged_failed;
  if (options_.judged && !options_.strict && !write_stopped) {
    report_.batch = writer.batch();  // announced as the write begins, or 0 when it ended without one
    try {
      options_.judged(report_);
    } catch (...) {
      judged_failed = std::current_exception();
    }
    report_.batch = 0;
  }
  auto written = writer.wait();
  if (written && !*written) return written->err();
  if (judged_failed) std::rethrow_exception(judged_failed);
  if (options_.strict)
    if (auto s = strict(held, w, written); !s) return s.err();
  if (written) report_.batch = (*written)->batch;
  if (options_.judged && options_.strict) options_.judged(report_);
  return std::move(report_);
}

}  // namespace

result<xliff_import_report> engine::import_xliff(std::string bytes, std::string_view file_name,
                                                 const xliff_import_options& options) {
  xliff_importer importer(*store_, qa_options_, options);
  if (auto read = importer.read(std::move(bytes), file_name); !read) return read.err();
  return importer.run(file_name);
}

result<write_report> engine::undo_batch(std::int64_t batch, const write_options& options) {
  return detail::undo_batch(*store_, batch, options);
}

}  // namespace glossa
