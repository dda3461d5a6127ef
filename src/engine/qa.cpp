// Use cases: run every QA check (src/qa/checks.cpp) over the stored
// translations, and on the translations every write sets.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "engine/labels.hpp"
#include "engine/source_history.hpp"
#include "engine/termbase.hpp"
#include "engine/write.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"
#include "i18n/values.hpp"

namespace glossa {

namespace detail {
result<std::optional<std::string>> source_at(store& st, std::string_view key, const field& f, const std::string& rev) {
  if (rev == f.revision) return std::optional<std::string>(f.value);
  auto h = st.history(key, f.name);
  if (!h) return h.err();  // a store that cannot answer is an error, not an unknown revision
  std::optional<std::string> found;
  for (const auto& e : *h)
    if (e.locale.empty() && e.new_revision == rev) found = e.new_text;  // the latest entry with that revision
  return found;
}
}  // namespace detail

namespace {
// A locale-neutral value as a reader of `locale` sees it (number, money, dates).
std::string shown(const field_def& def, const field& f, const std::string& locale) {
  auto fmt = formatter::for_locale(locale);
  if (!fmt) return f.value;
  auto or_raw = [&](const result<std::string>& r) { return r ? *r : f.value; };
  switch (def.kind) {
    case field_kind::number:
      return or_raw((*fmt)->number(f.value));
    case field_kind::date:
      return or_raw((*fmt)->date(f.value));
    case field_kind::money: {
      auto m = parse_money(f.value);
      return m ? or_raw((*fmt)->money(m->amount, m->currency)) : f.value;
    }
    case field_kind::datetime: {
      auto dt = parse_datetime(f.value);
      return dt ? or_raw((*fmt)->datetime(dt->local, dt->time_zone)) : f.value;
    }
    default:
      return f.value;
  }
}
}  // namespace

result<std::vector<qa_finding>> engine::qa(std::string_view locale, std::string_view key) {
  std::string wanted;
  if (!locale.empty()) {
    auto c = canonical_locale(locale);
    if (!c) return c.err();
    wanted = *c;
  }
  if (!key.empty()) {
    auto d = store_->find_document(key);
    if (!d) return d.err();
  }
  auto schema = store_->schema();
  if (!schema) return schema.err();
  std::vector<qa_finding> out;
  std::vector<std::pair<document, std::vector<std::size_t>>>
      stale;  // checked after the walk (history is another query)
  detail::termbases terms(*store_, qa_options_);
  if (auto read = terms.preload(wanted); !read) return read.err();  // not while the walk reads
  std::optional<error> failed;
  status walked = store_->for_each_document("", [&](const document& d) {
    if (!key.empty() && d.key != key) return true;
    const type_def* type = schema->find(d.type);
    for (const auto& f : d.fields) {
      const field_def* def = type ? type->find(f.name) : nullptr;
      if (!def || !def->translatable) continue;
      for (const auto& t : f.translations) {
        if (!wanted.empty() && t.locale != wanted) continue;
        if (is_stale(f, t)) {
          if (stale.empty() || stale.back().first.key != d.key) stale.push_back({d, {}});
          continue;
        }
        auto found = detail::all_checks(terms, *def, f.value, t.text, d.source_locale, t.locale);
        if (!found) {
          failed = found.err();
          return false;
        }
        for (auto& finding : *found) {
          finding.document = d.key;
          out.push_back(std::move(finding));
        }
      }
    }
    // Across the document, per locale it is translated into.
    if (type) {
      std::set<std::string> locales;
      for (const auto& f : d.fields)
        for (const auto& t : f.translations)
          if (wanted.empty() || t.locale == wanted) locales.insert(t.locale);
      for (const auto& l : locales)
        for (auto& finding :
             check_document(*type, d, l, [&](const field_def&def, const field&f) { return shown(def, f, l); }))
          out.push_back(std::move(finding));
    }
    return true;
  });
  if (!walked) return walked.err();
  if (failed) return *failed;
  // A stale translation is judged against the source it was made from.
  for (const auto& [d, unused] : stale) {
    const type_def* type = schema->find(d.type);
    for (const auto& f : d.fields) {
      const field_def* def = type ? type->find(f.name) : nullptr;
      if (!def || !def->translatable) continue;
      for (const auto& t : f.translations) {
        if ((!wanted.empty() && t.locale != wanted) || !is_stale(f, t)) continue;
        auto source = detail::source_at(*store_, d.key, f, t.source_revision);
        if (!source) return source.err();
        if (!*source) continue;
        auto found = detail::all_checks(terms, *def, **source, t.text, d.source_locale, t.locale);
        if (!found) return found.err();
        for (auto& finding : *found) {
          finding.document = d.key;
          finding.message += " (stale translation, checked against the source it was made from)";
          out.push_back(std::move(finding));
        }
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const qa_finding& a, const qa_finding& b) { return a.document < b.document; });
  return out;
}

result<std::size_t> engine::ensure_labels() {
  auto schema = store_->schema();
  if (!schema) return schema.err();
  auto missing = detail::missing_labels(*store_, *schema);
  if (!missing) return missing.err();
  if (missing->empty()) return std::size_t{0};
  write_options o;
  o.origin = "schema";
  auto r = detail::write_documents(*store_, *missing, o);
  if (!r) return r.err();
  return missing->size();
}

namespace {

// The quality checks of the translations a write sets, followed in input
// order: a translation is checked against the source it will be bound to
// (the value this write sets, else the stored one). Only documents that
// receive translations are followed (sources alone need no check).
class write_checks {
 public:
  write_checks(store& st, const content_schema& schema, const qa_options& options)
      : store_(st), schema_(schema), terms_(st, options) {}

  // An error for the first translation that fails an error-level check.
  status check(const std::vector<document_input>& documents) {
    std::set<std::string> translated;
    for (const auto& in : documents)
      if (!in.translations.empty()) translated.insert(in.key);
    for (const auto& in : documents) {
      if (!translated.count(in.key)) continue;
      doc_state& ds = follow(in);
      const type_def* type = schema_.find(ds.type);
      if (!type) continue;  // the store refuses it, with the right error
      for (const auto& f : in.fields) {
        auto& fs = ds.fields[f.name];
        fs.current = f.value;
        fs.seen[revision_of(f.value)] = f.value;
        fs.known = true;
      }
      for (const auto& t : in.translations)
        if (auto s = translation(in, ds, *type, t); !s) return s;
    }
    return {};
  }

  std::vector<qa_finding> take_warnings() { return std::move(warnings_); }

 private:
  struct field_state {
    std::string current;                      // source text after the inputs seen so far
    std::map<std::string, std::string> seen;  // revision -> text, this write's values
    bool known = false;
  };
  struct doc_state {
    std::optional<document> stored;
    std::string type, source_locale;
    std::map<std::string, field_state> fields;
  };

  doc_state& follow(const document_input& in) {
    auto [it, fresh] = docs_.try_emplace(in.key);
    doc_state& ds = it->second;
    if (!fresh) return ds;
    if (auto d = store_.find_document(in.key)) {
      ds.type = d->type;
      ds.source_locale = d->source_locale;
      for (const auto& f : d->fields) ds.fields[f.name] = {f.value, {{f.revision, f.value}}, true};
      ds.stored = std::move(*d);
    } else {
      ds.type = in.type;
      ds.source_locale = in.source_locale;
    }
    return ds;
  }

  // The source a translation is checked against; nullopt when the write
  // names a revision the store never had.
  result<std::optional<std::string>> source_for(const document_input& in, const doc_state& ds, const field_state& fs,
                                                const translation_input& t) {
    if (!t.source_revision) return std::optional<std::string>(fs.current);
    if (auto s = fs.seen.find(*t.source_revision); s != fs.seen.end()) return std::optional<std::string>(s->second);
    const field* stored = ds.stored ? ds.stored->find(t.field) : nullptr;
    if (!stored) return std::optional<std::string>();
    return detail::source_at(store_, in.key, *stored, *t.source_revision);
  }

  status translation(const document_input& in, const doc_state& ds, const type_def& type, const translation_input& t) {
    const field_def* def = type.find(t.field);
    auto fs = ds.fields.find(t.field);
    if (!def || !def->translatable || fs == ds.fields.end() || !fs->second.known || t.locale == ds.source_locale)
      return {};
    if (detail::check_text(t.text, *def)) return {};  // invalid text: the store refuses it with the precise error
    auto source = source_for(in, ds, fs->second, t);
    if (!source) return source.err();
    // A revision the store never had (the translation is stored as stale):
    // the checks that compare with a source compare the text with itself,
    // so only what the translation alone breaks (bidi controls, syntax,
    // plural forms, markup, length) can refuse it.
    bool source_known = source->has_value();
    auto found = detail::all_checks(terms_, *def, source_known ? **source : t.text, t.text, ds.source_locale, t.locale);
    if (!found) return found.err();
    for (auto& finding : *found) {
      if (!source_known && finding.severity == qa_severity::warning) continue;
      finding.document = in.key;
      if (finding.severity == qa_severity::error)
        return error(errc::qa_failed,
                     in.key + "." + t.field + " (" + t.locale + "): " + finding.check + ": " + finding.message,
                     t.where.empty() ? in.where : t.where);
      warnings_.push_back(std::move(finding));
    }
    return {};
  }

  store& store_;
  const content_schema& schema_;
  detail::termbases terms_;
  std::map<std::string, doc_state> docs_;
  std::vector<qa_finding> warnings_;
};

}  // namespace

result<write_report> engine::write(const std::vector<document_input>& documents, const write_options& options) {
  if (!options.dry_run)
    if (auto labels = ensure_labels(); !labels) return labels.err();
  auto schema = store_->schema();
  if (!schema) return schema.err();
  write_checks checks(*store_, *schema, qa_options_);
  if (auto checked = checks.check(documents); !checked) return checked.err();
  auto r = detail::write_documents(*store_, documents, options);
  if (!r) return r;
  r->warnings = checks.take_warnings();
  return r;
}

}  // namespace glossa
