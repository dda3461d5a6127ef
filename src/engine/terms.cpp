// Use cases of the termbase: TBX in and out, entries added one by one, the
// undo of a batch. The store keeps each entry as a JSON body (terms.hpp's
// term_entry) keyed by a hash of its pair and body.
#include <map>

#include "core/clock.hpp"
#include "core/sha256.hpp"
#include "core/utf8.hpp"
#include "engine/termbase.hpp"
#include "engine/write.hpp"
#include "formats/tbx/tbx.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"

namespace glossa {

namespace {

// The stored body: the entry as the API's JSON, without what its row says.
std::string body_of(term_entry e) {
  e.id = e.batch = 0;
  e.author.clear();
  e.changed_at.clear();
  return to_json(std::vector<term_entry>{std::move(e)});
}

result<term_entry> entry_of(const term_entry_row& row) {
  auto read = terms_from_json(row.body);
  if (!read || read->size() != 1)
    return error(errc::store_error, "termbase entry " + std::to_string(row.id) + " is not readable");
  term_entry e = std::move(read->front());
  e.id = row.id;
  e.batch = row.batch;
  e.source_locale = row.source_locale;
  e.target_locale = row.target_locale;
  e.author = row.author;
  e.changed_at = row.changed_at;
  return e;
}

// The key says which entries are the same: the pair, terms and notes, not the
// concept's id (a file that comes back with other ids holds the same entries).
term_entry_row row_of(const term_entry& e, const std::string& author, const std::string& now) {
  term_entry_row row;
  row.source_locale = e.source_locale;
  row.target_locale = e.target_locale;
  row.body = body_of(e);
  row.author = author;
  row.changed_at = now;
  term_entry anonymous = e;
  anonymous.concept_id.clear();
  row.entry_key = detail::sha256_hex(body_of(std::move(anonymous)));
  return row;
}

// A locale of a pair: a BCP 47 tag Glossa is set up for, made canonical.
result<std::string> pair_locale(std::string_view tag) {
  auto c = canonical_locale(tag);
  if (!c) return c.err();
  if (!locale_config::builtin().find(*c)) return error(errc::unknown_locale, *c + " is not a configured locale");
  return *c;
}

// Text XML can carry: no control character, no U+FFFE or U+FFFF (which
// XML 1.0 forbids and an export would write as they are).
bool xml_text(std::string_view s) {
  return !detail::find_invalid_utf8(s) && !detail::find_control_character(s) &&
         s.find("\xEF\xBF\xBE") == std::string_view::npos && s.find("\xEF\xBF\xBF") == std::string_view::npos;
}

status check_term(const term& t, std::string_view where) {
  if (t.text.find_first_not_of(" \t\r\n") == std::string::npos)
    return error(errc::invalid_argument, std::string(where) + ": a term is empty");
  if (detail::find_invalid_utf8(t.text)) return error(errc::invalid_utf8, std::string(where) + ": a term is not UTF-8");
  if (!xml_text(t.text))
    return error(errc::invalid_argument, std::string(where) + ": a control character or noncharacter in the term");
  if (t.text.size() > 1000)
    return error(errc::invalid_argument, std::string(where) + ": a term longer than 1000 bytes");
  for (const auto* s : {&t.note, &t.part_of_speech})
    if (!xml_text(*s) || s->size() > 10000)
      return error(errc::invalid_argument,
                   std::string(where) + ": a term's note is not UTF-8 text of up to 10,000 bytes");
  return {};
}

status check_entry(term_entry& e, std::string_view where) {
  if (e.source.empty()) return error(errc::invalid_argument, std::string(where) + ": an entry without a source term");
  auto s = pair_locale(e.source_locale);
  if (!s) return s.err();
  auto t = pair_locale(e.target_locale);
  if (!t) return t.err();
  if (language_of(*s) == language_of(*t))
    return error(errc::invalid_argument, std::string(where) + ": the source and target languages are the same");
  e.source_locale = *s;
  e.target_locale = *t;
  for (const auto* side : {&e.source, &e.target})
    for (const auto& x : *side)
      if (auto bad = check_term(x, where); !bad) return bad;
  for (const auto* s2 : {&e.definition, &e.note, &e.concept_id})
    if (!xml_text(*s2) || s2->size() > 10000)
      return error(errc::invalid_argument,
                   std::string(where) + ": a note or definition is not UTF-8 text of up to 10,000 bytes");
  if (e.do_not_translate && e.target.empty()) e.target.push_back({e.source.front().text, {}, false, {}, {}});
  return {};
}

// Stores entries as one batch; counts added and duplicates into `report`.
status store_entries(store& st, const std::vector<term_entry>& entries, std::string_view kind, std::string_view file,
                     const std::string& author, bool dry_run, terms_import_report& report) {
  const std::string now = detail::utc_now();
  return st.transact(!dry_run, [&](store_transaction& tx) -> status {
    std::int64_t batch = tx.begin_batch(kind, file, author);
    for (const auto& e : entries) ++(tx.insert_term_entry(row_of(e, author, now)) ? report.added : report.duplicates);
    tx.end_batch(report.added > 0);
    if (report.added > 0 && !dry_run) report.batch = batch;
    return {};
  });
}

}  // namespace

namespace detail {
result<std::vector<term_entry>> load_termbase(store& st, std::string_view source_locale,
                                              std::string_view target_locale) {
  std::vector<term_entry> out;
  std::optional<error> bad;
  status read = st.for_each_term_entry(source_locale, target_locale, [&](const term_entry_row& row) {
    auto e = entry_of(row);
    if (!e) {
      bad = e.err();
      return false;
    }
    out.push_back(std::move(*e));
    return true;
  });
  if (!read) return read.err();
  if (bad) return *bad;
  return out;
}
}  // namespace detail

result<terms_import_report> engine::import_terms(std::string_view bytes, std::string_view file,
                                                 const terms_import_options& options) {
  std::string source, target;
  for (auto [asked, out] : {std::pair{&options.source_locale, &source}, std::pair{&options.target_locale, &target}})
    if (!asked->empty()) {
      auto c = pair_locale(*asked);
      if (!c) return c.err();
      *out = *c;
    }
  auto doc = tbx::read_tbx(bytes, file, source, target);
  if (!doc) return doc.err();
  terms_import_report report;
  report.file = std::string(file);
  // A regional tag (memoQ's en-US) of a working language reads as the language.
  for (auto* l : {&doc->source_locale, &doc->target_locale}) {
    if (locale_config::builtin().find(*l) || !locale_config::builtin().find(language_of(*l))) continue;
    report.notes.push_back(*l + " read as " + language_of(*l) + " (the locale Glossa works in)");
    std::string from = *l;
    *l = language_of(*l);
    for (auto& in : doc->entries)
      for (auto* side : {&in.entry.source_locale, &in.entry.target_locale})
        if (*side == from) *side = *l;
  }
  report.notes.insert(report.notes.end(), doc->notes.begin(), doc->notes.end());
  std::vector<term_entry> entries;
  for (auto& in : doc->entries) {
    std::string where = std::string(file) + ":" + std::to_string(in.line);
    if (auto bad = check_entry(in.entry, where); !bad) {
      error e = bad.err();
      if (e.code == errc::unknown_locale)
        return error(errc::unknown_locale,
                     e.message + " (read from " + std::string(file) + "; name the pair with --source and --target)");
      return e;
    }
    entries.push_back(std::move(in.entry));
  }
  report.source_locale = entries.empty() ? doc->source_locale : entries.front().source_locale;
  report.target_locale = entries.empty() ? doc->target_locale : entries.front().target_locale;
  report.entries = entries.size();
  if (auto stored = store_entries(*store_, entries, "terms-import", file, options.author, options.dry_run, report);
      !stored)
    return stored.err();
  return report;
}

result<terms_import_report> engine::add_terms(const std::vector<term_entry>& entries, const std::string& author,
                                              bool dry_run) {
  std::vector<term_entry> checked = entries;
  for (std::size_t i = 0; i < checked.size(); ++i)
    if (auto bad = check_entry(checked[i], "entry " + std::to_string(i + 1)); !bad) return bad.err();
  terms_import_report report;
  report.entries = checked.size();
  std::map<std::pair<std::string, std::string>, std::size_t> pairs;  // entries by language pair
  for (const auto& e : checked) ++pairs[{e.source_locale, e.target_locale}];
  if (pairs.size() == 1) {
    report.source_locale = pairs.begin()->first.first;
    report.target_locale = pairs.begin()->first.second;
  } else {  // no one pair to name: each is said with its count
    for (const auto& [pair, count] : pairs)
      report.notes.push_back(std::to_string(count) + (count == 1 ? " entry " : " entries ") + pair.first + " > " +
                             pair.second);
  }
  if (auto stored = store_entries(*store_, checked, "terms-add", "", author, dry_run, report); !stored)
    return stored.err();
  return report;
}

result<std::vector<term_entry>> engine::terms(std::string_view source_locale, std::string_view target_locale) {
  std::string s, t;
  for (auto [asked, out] : {std::pair{source_locale, &s}, std::pair{target_locale, &t}}) {
    auto c = canonical_locale(asked);
    if (!c) return c.err();
    *out = *c;
  }
  return detail::load_termbase(*store_, s, t);
}

result<std::size_t> engine::export_terms(const terms_export_options& options, std::ostream& out) {
  auto s = canonical_locale(options.source_locale);
  if (!s) return s.err();
  auto t = canonical_locale(options.target_locale);
  if (!t) return t.err();
  auto entries = detail::load_termbase(*store_, *s, *t);
  if (!entries) return entries.err();
  tbx::write_tbx(out, *entries, *s, *t);
  return entries->size();
}

result<terms_undo_report> engine::undo_terms(std::int64_t batch, const std::string& author) {
  auto r =
      detail::undo_added_rows(*store_, batch, {"terms-import", "terms-add"}, "did not bring terms", "terms-undo",
                              author, [](store_transaction& tx, std::int64_t b) { return tx.delete_term_entries(b); });
  if (!r) return r.err();
  return terms_undo_report{r->first, r->second};
}

}  // namespace glossa

namespace glossa::detail {

result<const termbases::pair*> termbases::get(const std::string& source_locale, const std::string& target_locale) {
  auto key = std::make_pair(source_locale, target_locale);
  if (auto it = pairs_.find(key); it != pairs_.end()) return it->second.get();
  if (preloaded_ && (preloaded_->empty() || *preloaded_ == target_locale))
    return make(source_locale, target_locale, {});
  auto entries = load_termbase(store_, source_locale, target_locale);
  if (!entries) return entries.err();
  return make(source_locale, target_locale, std::move(*entries));
}

const termbases::pair* termbases::make(const std::string& source_locale, const std::string& target_locale,
                                       std::vector<term_entry> entries) {
  auto p = std::make_unique<pair>(pair{terminology(std::move(entries), source_locale, target_locale), base_});
  for (auto& t : p->terms.do_not_translate()) p->options.allow_identical.push_back(std::move(t));
  return pairs_.insert_or_assign({source_locale, target_locale}, std::move(p)).first->second.get();
}

status termbases::preload(const std::string& target_locale) {
  auto all = load_termbase(store_, "", target_locale);
  if (!all) return all.err();
  std::map<std::pair<std::string, std::string>, std::vector<term_entry>> by_pair;
  for (auto& e : *all) by_pair[{e.source_locale, e.target_locale}].push_back(std::move(e));
  for (auto& [locales, entries] : by_pair) make(locales.first, locales.second, std::move(entries));
  preloaded_ = target_locale;
  return {};
}

result<std::vector<qa_finding>> all_checks(termbases& terms, const field_def& def, std::string_view source,
                                           std::string_view target, const std::string& source_locale,
                                           const std::string& target_locale) {
  auto pair = terms.get(source_locale, target_locale);
  if (!pair) return pair.err();
  auto out = check_translation(def, source, target, source_locale, target_locale, (*pair)->options);
  for (auto& f : (*pair)->terms.check(def, source, target)) out.push_back(std::move(f));
  return out;
}

}  // namespace glossa::detail
