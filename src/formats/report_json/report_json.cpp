#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "core/json_output.hpp"
#include "glossa/analysis.hpp"
#include "glossa/memory.hpp"
#include "glossa/report.hpp"
#include "glossa/terms.hpp"

namespace glossa {

namespace {
namespace json = boost::json;

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<translation_state>& s) {
  return s ? json::value(to_string(*s)) : json::value(nullptr);
}
json::value empty_as_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
}  // namespace

namespace {
json::object document_object(const localized_document& doc);
}

std::string to_json(const localized_document& doc) { return detail::pretty_json(document_object(doc)); }

std::string to_json(const std::vector<locale_info>& locales) {
  json::array a;
  for (const auto& l : locales) {
    json::array chain;
    for (const auto& c : l.fallback) chain.emplace_back(c);
    a.emplace_back(json::object{{"tag", l.tag},
                                {"name", l.name},
                                {"autonym", l.autonym},
                                {"dir", to_string(l.dir)},
                                {"fallback", std::move(chain)}});
  }
  return detail::pretty_json(a);
}

std::string to_json(const std::vector<localized_summary>& documents) {
  json::array a;
  for (const auto& d : documents)
    a.emplace_back(json::object{{"key", d.key},
                                {"type", d.type},
                                {"title", d.title},
                                {"lang", d.lang},
                                {"dir", to_string(d.dir)},
                                {"fallback", d.fallback}});
  return detail::pretty_json(a);
}

std::string to_json(const std::vector<localized_document>& bundle, std::string_view locale, text_direction dir) {
  json::array docs;
  for (const auto& d : bundle) docs.emplace_back(document_object(d));
  json::object o{{"locale", locale}, {"dir", to_string(dir)}};
  o["documents"] = std::move(docs);
  return detail::pretty_json(o);
}

namespace {
json::object document_object(const localized_document& doc) {
  json::array fields;
  for (const auto& f : doc.fields) {
    fields.emplace_back(json::object{
        {"name", f.name},
        {"label", f.label},
        {"label_lang", empty_as_null(f.label_lang)},
        {"for_readers", f.for_readers},
        {"kind", to_string(f.kind)},
        {"translatable", f.translatable},
        {"text", f.hidden ? json::value(nullptr) : json::value(f.text)},
        {"locale", empty_as_null(f.locale)},
        {"fallback", f.fallback},
        {"fallback_reason", empty_as_null(f.fallback_reason)},
        {"stale", f.stale},
        {"hidden", f.hidden},
        {"state", opt(f.state)},
        {"formatted", f.hidden ? json::value(nullptr) : json::value(f.formatted)},
        {"lang", empty_as_null(f.lang)},
        {"dir", to_string(f.dir)},
    });
  }
  json::object o{{"key", doc.key},
                 {"type", doc.type},
                 {"requested_locale", doc.requested_locale},
                 {"source_locale", doc.source_locale},
                 {"lang", doc.requested_locale},
                 {"dir", to_string(doc.dir)}};
  o["fields"] = std::move(fields);
  return o;
}
}  // namespace

std::string to_json(const write_report& r) {
  json::array docs;
  for (const auto& d : r.documents)
    docs.emplace_back(json::object{{"key", d.key},
                                   {"outcome", to_string(d.outcome)},
                                   {"fields_changed", d.fields_changed},
                                   {"translations_changed", d.translations_changed},
                                   {"file", empty_as_null(d.file)}});
  json::object o{{"dry_run", r.dry_run},
                 {"changed", r.changed()},
                 {"created", r.created},
                 {"updated", r.updated},
                 {"unchanged", r.unchanged},
                 {"fields_changed", r.fields_changed},
                 {"translations_changed", r.translations_changed}};
  o["documents"] = std::move(docs);
  json::array warnings;
  for (const auto& f : r.warnings)
    warnings.emplace_back(json::object{{"check", f.check},
                                       {"severity", to_string(f.severity)},
                                       {"document", f.document},
                                       {"field", f.field},
                                       {"locale", f.locale},
                                       {"message", f.message}});
  o["warnings"] = std::move(warnings);
  return detail::pretty_json(o);
}

std::string to_json(const tm_import_report& r) {
  json::array locales;
  for (const auto& l : r.locales)
    locales.emplace_back(
        json::object{{"locale", l.locale}, {"units", l.units}, {"added", l.added}, {"duplicates", l.duplicates}});
  json::object o{{"file", r.file},
                 {"source_locale", r.source_locale},
                 {"batch", r.batch ? json::value(r.batch) : json::value(nullptr)},
                 {"added", r.added},
                 {"duplicates", r.duplicates}};
  o["locales"] = std::move(locales);
  return detail::pretty_json(o);
}

std::string to_json(const terms_import_report& r) {
  json::array notes;
  for (const auto& n : r.notes) notes.emplace_back(n);
  json::object o{{"file", r.file},
                 {"source_locale", r.source_locale},
                 {"target_locale", r.target_locale},
                 {"batch", r.batch ? json::value(r.batch) : json::value(nullptr)},
                 {"entries", r.entries},
                 {"added", r.added},
                 {"duplicates", r.duplicates}};
  o["notes"] = std::move(notes);
  return detail::pretty_json(o);
}

namespace {
json::array terms_json(const std::vector<term>& terms) {
  json::array out;
  for (const auto& t : terms) {
    json::object o{{"text", t.text}, {"status", to_string(t.status)}};
    if (t.status == term_status::forbidden) o["severity"] = t.error ? "error" : "warning";
    if (!t.part_of_speech.empty()) o["part_of_speech"] = t.part_of_speech;
    if (!t.note.empty()) o["note"] = t.note;
    out.emplace_back(std::move(o));
  }
  return out;
}
}  // namespace

namespace {
// Entries are read strictly: a misspelt key or a value of the wrong type
// ("do_not_translate": "yes") is refused with where it is, not read as absent.
using where = std::string;  // "entry 3", "entry 3, target term 2"

// A client's key as an error shows it: printable ASCII, at most 40 characters.
std::string shown_key(std::string_view key) {
  std::string out;
  for (char c : key.substr(0, 40)) out += c >= 0x20 && c < 0x7F ? c : '?';
  return key.size() > 40 ? out + "..." : out;
}

status known_keys(const json::object& o, std::initializer_list<std::string_view> keys, const where& at) {
  for (const auto& [key, value] : o)
    if (std::find(keys.begin(), keys.end(), std::string_view(key)) == keys.end())
      return error(errc::invalid_argument, at + ": unknown key \"" + shown_key(key) + "\"");
  return {};
}

result<std::string> string_of(const json::object& o, const char* key, const where& at) {
  auto* v = o.if_contains(key);
  if (!v) return std::string();
  if (!v->is_string()) return error(errc::invalid_argument, at + ": \"" + key + "\" must be a string");
  return std::string(v->as_string());
}

result<term> term_from(const json::value& v, const where& at) {
  auto* o = v.if_object();
  if (!o) return error(errc::invalid_argument, at + ": a term must be a JSON object");
  if (auto ok = known_keys(*o, {"text", "status", "severity", "part_of_speech", "note"}, at); !ok) return ok.err();
  auto* text = o->if_contains("text");
  if (!text || !text->is_string()) return error(errc::invalid_argument, at + ": a term needs a \"text\" string");
  term t{std::string(text->as_string()), term_status::preferred, false, {}, {}};
  for (auto [key, field] : {std::pair{"part_of_speech", &t.part_of_speech}, std::pair{"note", &t.note}}) {
    auto value = string_of(*o, key, at);
    if (!value) return value.err();
    *field = std::move(*value);
  }
  if (auto* st = o->if_contains("status")) {
    auto status = st->is_string() ? parse_term_status(st->as_string()) : std::nullopt;
    if (!status)
      return error(errc::invalid_argument, at + ": a term's status must be preferred, admitted or forbidden");
    t.status = *status;
  }
  auto severity = string_of(*o, "severity", at);
  if (!severity) return severity.err();
  if (!severity->empty() && *severity != "warning" && *severity != "error")
    return error(errc::invalid_argument, at + ": a term's severity must be warning or error");
  t.error = *severity == "error";
  return t;
}

result<std::vector<term>> terms_from(const json::object& entry, const char* side, const where& at) {
  std::vector<term> out;
  auto* list = entry.if_contains(side);
  if (!list) return out;
  if (!list->is_array()) return error(errc::invalid_argument, at + ": \"" + side + "\" must be an array of terms");
  for (const auto& v : list->as_array()) {
    auto t = term_from(v, at + ", " + side + " term " + std::to_string(out.size() + 1));
    if (!t) return t.err();
    out.push_back(std::move(*t));
  }
  return out;
}

result<term_entry> entry_from(const json::value& x, const where& at) {
  auto* o = x.if_object();
  if (!o) return error(errc::invalid_argument, at + ": an entry must be a JSON object");
  // What to_json() writes; id, batch, author and changed_at are the store's and ignored.
  if (auto ok = known_keys(*o,
                           {"id", "source_locale", "target_locale", "concept", "source", "target", "definition", "note",
                            "do_not_translate", "batch", "author", "changed_at"},
                           at);
      !ok)
    return ok.err();
  term_entry e;
  for (auto [key, field] : {std::pair{"concept", &e.concept_id}, std::pair{"source_locale", &e.source_locale},
                            std::pair{"target_locale", &e.target_locale}, std::pair{"definition", &e.definition},
                            std::pair{"note", &e.note}}) {
    auto value = string_of(*o, key, at);
    if (!value) return value.err();
    *field = std::move(*value);
  }
  if (auto* dnt = o->if_contains("do_not_translate")) {
    if (!dnt->is_bool()) return error(errc::invalid_argument, at + ": \"do_not_translate\" must be true or false");
    e.do_not_translate = dnt->as_bool();
  }
  auto source = terms_from(*o, "source", at);
  if (!source) return source.err();
  auto target = terms_from(*o, "target", at);
  if (!target) return target.err();
  e.source = std::move(*source);
  e.target = std::move(*target);
  return e;
}
}  // namespace

result<std::vector<term_entry>> terms_from_json(std::string_view text) {
  std::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return error(errc::invalid_argument, "terms must be a JSON array of entries");
  std::vector<term_entry> out;
  for (const auto& x : v.as_array()) {
    auto e = entry_from(x, "entry " + std::to_string(out.size() + 1));
    if (!e) return e.err();
    out.push_back(std::move(*e));
  }
  return out;
}

std::string to_json(const std::vector<term_entry>& entries) {
  json::array out;
  for (const auto& e : entries) {
    json::object o{{"id", e.id}, {"source_locale", e.source_locale}, {"target_locale", e.target_locale}};
    if (!e.concept_id.empty()) o["concept"] = e.concept_id;
    o["source"] = terms_json(e.source);
    o["target"] = terms_json(e.target);
    if (!e.definition.empty()) o["definition"] = e.definition;
    if (!e.note.empty()) o["note"] = e.note;
    o["do_not_translate"] = e.do_not_translate;
    o["batch"] = e.batch;
    o["author"] = e.author;
    o["changed_at"] = e.changed_at;
    out.emplace_back(std::move(o));
  }
  return detail::pretty_json(out);
}

namespace {
json::object match_json(const tm_match& m) {
  json::object o{{"score", std::round(m.score * 100) / 100}, {"source", m.source}, {"target", m.target},
                 {"source_locale", m.source_locale},         {"author", m.author}, {"changed_at", m.changed_at}};
  if (m.batch) {
    o["batch"] = m.batch;
    return o;
  }
  o["document"] = m.document;
  o["field"] = m.field;
  o["level"] = m.level;
  o["state"] = m.state;
  o["stale"] = m.stale;
  return o;
}
}  // namespace

std::string to_json(const tm_search_report& r) {
  json::array results;
  for (const auto& q : r.results) {
    json::array matches;
    for (const auto& m : q.matches) matches.emplace_back(match_json(m));
    results.emplace_back(json::object{{"query", q.query}, {"matches", std::move(matches)}});
  }
  json::object o{{"locale", r.locale},
                 {"source_locale", r.source_locale},
                 {"entries", r.entries},
                 {"text_bytes", r.text_bytes},
                 {"index_bytes", r.index_bytes}};
  o["results"] = std::move(results);
  return detail::pretty_json(o);
}

std::string to_json(const analysis_report& r) {
  json::array bands;
  for (const auto& b : r.bands)
    bands.emplace_back(json::object{{"band", to_string(b.band)}, {"segments", b.segments}, {"words", b.words}});
  json::object o{{"locale", r.locale},
                 {"scope", to_string(r.scope)},
                 {"segment", to_string(r.segment)},
                 {"documents", r.documents},
                 {"units", r.units}};
  o["bands"] = std::move(bands);
  o["total"] = json::object{{"segments", r.segments}, {"words", r.words}};
  return detail::pretty_json(o);
}

std::string to_csv(const analysis_report& r) {
  std::string out = "band,segments,words\r\n";
  for (const auto& b : r.bands)
    out += std::string(to_string(b.band)) + "," + std::to_string(b.segments) + "," + std::to_string(b.words) + "\r\n";
  return out + "total," + std::to_string(r.segments) + "," + std::to_string(r.words) + "\r\n";
}

std::string to_json(const std::vector<history_entry>& entries) {
  json::array a;
  for (const auto& h : entries)
    a.emplace_back(json::object{{"id", h.id},
                                {"at", h.at},
                                {"document", h.document_key},
                                {"field", h.field},
                                {"locale", empty_as_null(h.locale)},
                                {"action", h.action},
                                {"old_text", opt(h.old_text)},
                                {"new_text", h.new_text},
                                {"old_state", opt(h.old_state)},
                                {"new_state", opt(h.new_state)},
                                {"old_revision", opt(h.old_revision)},
                                {"new_revision", h.new_revision},
                                {"author", h.author},
                                {"origin", h.origin}});
  return detail::pretty_json(a);
}

std::string to_json(const std::vector<document_summary>& documents) {
  json::array a;
  for (const auto& d : documents)
    a.emplace_back(json::object{
        {"key", d.key}, {"type", d.type}, {"source_locale", d.source_locale}, {"updated_at", d.updated_at}});
  return detail::pretty_json(a);
}

std::string to_json(const error& err) {
  json::object e{{"code", to_string(err.code)}, {"message", err.message}, {"file", empty_as_null(err.where.file)}};
  e["line"] = err.where.line ? json::value(err.where.line) : json::value(nullptr);
  e["column"] = err.where.column ? json::value(err.where.column) : json::value(nullptr);
  e["path"] = empty_as_null(err.where.path);
  json::object o;
  o["error"] = std::move(e);
  return detail::pretty_json(o);
}

std::string to_json(const std::vector<qa_finding>& findings) {
  namespace json = boost::json;
  json::array a;
  for (const auto& f : findings)
    a.emplace_back(json::object{{"check", f.check},
                                {"severity", to_string(f.severity)},
                                {"document", f.document},
                                {"field", f.field},
                                {"locale", f.locale},
                                {"message", f.message}});
  return detail::pretty_json(a);
}

}  // namespace glossa
