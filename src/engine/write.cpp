#include "engine/write.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "engine/merge.hpp"
#include "i18n/values.hpp"
#include "i18n/words.hpp"

namespace glossa::detail {

namespace {

// Applies one document input at a time through a write transaction.
class applier {
 public:
  applier(store_transaction& tx, const content_schema& schema, const write_options& options)
      : tx_(tx), schema_(schema), options_(options) {}

  result<document_report> apply(const document_input& in) {
    document_report rep;
    rep.key = in.key;
    rep.file = in.where.file;
    const type_def* type = schema_.find(in.type);
    if (!type) return error(errc::unknown_type, "unknown document type '" + in.type + "'", in.where);
    if (!is_valid_key(in.key)) return error(errc::invalid_value, "invalid document key '" + in.key + "'", in.where);
    auto doc = document_of(in, *type, rep);
    if (!doc) return doc.err();
    if (auto done = apply_fields(in, *type, *doc, rep); !done) return done.err();
    if (auto done = apply_translations(in, *type, *doc, rep); !done) return done.err();
    if (rep.outcome != write_outcome::created && rep.fields_changed + rep.translations_changed > 0) {
      rep.outcome = write_outcome::updated;
      tx_.touch_document(doc->id);
    }
    return rep;
  }

 private:
  // The stored document, or the one this input creates.
  result<document_row> document_of(const document_input& in, const type_def& type, document_report& rep) {
    if (auto row = tx_.find_document_row(in.key)) {
      if (row->type != in.type)
        return error(errc::invalid_value, "document '" + in.key + "' is a " + row->type + ", not a " + in.type,
                     in.where);
      if (!in.source_locale.empty() && in.source_locale != row->source_locale)
        return error(errc::invalid_value,
                     "document '" + in.key + "' has source locale " + row->source_locale + "; changing it to " +
                         in.source_locale + " is not supported",
                     in.where);
      return *row;
    }
    if (in.source_locale.empty())
      return error(errc::invalid_content,
                   "document '" + in.key + "' does not exist yet; give its source_locale to create it", in.where);
    for (const auto& fd : type.fields) {
      auto given = [&](const field_input& f) { return f.name == fd.name; };
      if (fd.required && std::none_of(in.fields.begin(), in.fields.end(), given))
        return error(errc::invalid_content, "new document '" + in.key + "' lacks required field '" + fd.name + "'",
                     in.where);
    }
    rep.outcome = write_outcome::created;
    return document_row{tx_.insert_document(in.key, in.type, in.source_locale), in.type, in.source_locale};
  }

  status apply_fields(const document_input& in, const type_def& type, const document_row& doc, document_report& rep) {
    for (const auto& f : in.fields) {
      const field_def* fd = type.find(f.name);
      if (!fd) return error(errc::unknown_field, "type '" + type.name + "' has no field '" + f.name + "'", f.where);
      if (auto p = check_canonical(f.value, *fd))
        return error(p->code, "field '" + f.name + "': " + p->message, f.where);
      auto old = tx_.find_field(doc.id, f.name);
      if (old && old->value == f.value) continue;
      change_row change{in.key,
                        f.name,
                        "",
                        "create",
                        std::nullopt,
                        f.value,
                        {},
                        {},
                        std::nullopt,
                        revision_of(f.value),
                        options_.author,
                        options_.origin};
      std::int64_t words = words_of(f.value, *fd, doc.source_locale);
      if (old) {
        tx_.update_field(old->id, f.value, change.new_revision, words);
        change.action = "update";
        change.old_text = std::move(old->value);
        change.old_revision = std::move(old->revision);
      } else {
        tx_.insert_field(doc.id, f.name, fd - type.fields.data(), f.value, change.new_revision, words);
      }
      tx_.record(change);
      ++rep.fields_changed;
    }
    return {};
  }

  // Why a translation cannot be taken as it stands, from the input alone.
  std::optional<error> refusal(const document_input& in, const type_def& type, const document_row& doc,
                               const translation_input& t) {
    const field_def* fd = type.find(t.field);
    if (!fd) return error(errc::unknown_field, "type '" + type.name + "' has no field '" + t.field + "'", t.where);
    if (!fd->translatable) return error(errc::invalid_value, "field '" + t.field + "' is not translatable", t.where);
    if (t.locale == doc.source_locale)
      return error(errc::invalid_value,
                   "'" + t.locale + "' is the source locale of '" + in.key + "'; edit the source value instead",
                   t.where);
    if (t.text.empty()) return error(errc::invalid_value, "translation of '" + t.field + "' is empty", t.where);
    if (auto p = check_text(t.text, *fd))
      return error(p->code, "translation of '" + t.field + "': " + p->message, t.where);
    return std::nullopt;
  }

  status apply_translations(const document_input& in, const type_def& type, const document_row& doc,
                            document_report& rep) {
    // The fields and their current translations: one read per locale the
    // input translates into, not one per translation.
    std::map<std::pair<std::string, std::string>, std::pair<field_row, std::optional<translation_row>>> current;
    std::set<std::string> read;
    for (const auto& t : in.translations) {
      if (auto why = refusal(in, type, doc, t)) return *why;
      if (read.insert(t.locale).second)
        for (auto& [f, tr] : tx_.fields_with_translation(doc.id, t.locale))
          current.emplace(std::make_pair(t.locale, f.name), std::make_pair(f, std::move(tr)));
      auto row = current.find({t.locale, t.field});
      if (row == current.end())
        return error(errc::not_found,
                     "document '" + in.key + "' has no source text for field '" + t.field + "' to translate", t.where);
      auto& [field, had] = row->second;
      translation_row next{field.id, t.text, t.state, t.source_revision.value_or(field.revision)};
      if (had && had->text == next.text && had->state == next.state && had->source_revision == next.source_revision)
        continue;
      const std::string& author = t.author.empty() ? options_.author : t.author;
      change_row change{in.key, t.field,        t.locale, "create",     std::nullopt,
                        t.text, std::nullopt,   t.state,  std::nullopt, next.source_revision,
                        author, options_.origin};
      if (had) {
        tx_.update_translation(t.locale, next, author, options_.origin);
        change.action = "update";
        change.old_text = had->text;
        change.old_state = had->state;
        change.old_revision = had->source_revision;
      } else {
        tx_.insert_translation(t.locale, next, author, options_.origin);
      }
      tx_.record(change);
      had = std::move(next);  // a second translation of the same field in this input sees this one
      ++rep.translations_changed;
    }
    return {};
  }

  // Source words of a translatable value, kept with it so that coverage need
  // not count a whole store's words on every call.
  std::int64_t words_of(const std::string& value, const field_def& def, const std::string& locale) {
    if (!def.translatable) return 0;
    auto it = counters_.find(locale);
    if (it == counters_.end()) it = counters_.emplace(locale, word_counter(locale)).first;
    return static_cast<std::int64_t>(it->second.count(visible_source(value, def.kind)));
  }

  store_transaction& tx_;
  const content_schema& schema_;
  const write_options& options_;
  std::map<std::string, word_counter> counters_;  // per source locale
};

void count(write_report& report, const document_report& r) {
  report.fields_changed += r.fields_changed;
  report.translations_changed += r.translations_changed;
  (r.outcome == write_outcome::created   ? report.created
   : r.outcome == write_outcome::updated ? report.updated
                                         : report.unchanged)++;
}

// Inputs are applied in groups of this many, each announced to the store
// first (store_transaction::prefetch).
constexpr std::size_t prefetched = 256;

// Tells the store which documents, and which of their locales, inputs[from,
// from + prefetched) write.
void prefetch(store_transaction& tx, const std::vector<document_input>& inputs, std::size_t from = 0) {
  std::vector<std::string> keys;
  std::set<std::string> locales;
  for (std::size_t i = from; i < inputs.size() && i < from + prefetched; ++i) {
    if (!is_valid_key(inputs[i].key)) continue;  // refused, with its location, when applied
    keys.push_back(inputs[i].key);
    for (const auto& t : inputs[i].translations) locales.insert(t.locale);
  }
  if (!keys.empty()) tx.prefetch(keys, std::vector<std::string>(locales.begin(), locales.end()));
}

// One write transaction; `inputs(tx, apply_one)` calls apply_one(input,
// total) for each input, in order, and stops at its first error.
template <class Inputs>
result<write_report> run_write(store& st, const write_options& options, Inputs&& inputs) {
  auto schema = st.schema();
  if (!schema) return schema.err();
  write_report report;
  report.dry_run = options.dry_run;
  auto done = st.transact(!options.dry_run, [&](store_transaction& tx) -> status {
    applier a(tx, *schema, options);
    std::int64_t batch =
        options.batch_kind.empty() ? 0 : tx.begin_batch(options.batch_kind, options.batch_file, options.author);
    if (batch != 0 && options.batch_started) options.batch_started(batch);
    std::size_t applied = 0;
    auto apply_one = [&](const document_input& in, std::size_t total) -> status {
      auto r = a.apply(in);
      if (!r) return r.err();
      count(report, *r);
      report.documents.push_back(std::move(*r));
      if (options.progress && !options.progress(++applied, total))
        return error(errc::cancelled, "cancelled; nothing was written");
      return {};
    };
    if (auto all = inputs(tx, apply_one); !all) return all;
    if (batch != 0) {
      tx.end_batch(report.changed());  // a batch that changed nothing is not worth keeping
      if (report.changed() && !options.dry_run) report.batch = batch;
    }
    return {};
  });
  if (!done) return done.err();
  return report;
}

}  // namespace

result<write_report> write_documents(store& st, const std::vector<document_input>& documents,
                                     const write_options& options) {
  return run_write(st, options, [&](store_transaction& tx, const auto& apply_one) -> status {
    const std::vector<document_input>* inputs = &documents;
    std::vector<document_input> folded;
    if (needs_merge(documents)) {
      auto stored = [&](const std::string& key, const std::string& field) -> std::optional<std::string> {
        auto d = tx.find_document_row(key);
        auto f = d ? tx.find_field(d->id, field) : std::nullopt;
        return f ? std::optional<std::string>(std::move(f->value)) : std::nullopt;
      };
      auto m = merge_inputs(documents, stored);
      if (!m) return m.err();
      folded = std::move(*m);
      inputs = &folded;
    }
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      if (i % prefetched == 0) prefetch(tx, *inputs, i);
      if (auto s = apply_one((*inputs)[i], inputs->size()); !s) return s;
    }
    return {};
  });
}

result<write_report> write_each(store& st, const std::function<bool(document_input&)>& next,
                                const write_options& options) {
  return run_write(st, options, [&](store_transaction& tx, const auto& apply_one) -> status {
    std::vector<document_input> ahead;
    bool more = true;
    while (more) {
      ahead.clear();
      for (document_input in; ahead.size() < prefetched && (more = next(in)); in = document_input{})
        ahead.push_back(std::move(in));
      prefetch(tx, ahead);
      for (const auto& in : ahead)
        if (auto s = apply_one(in, 0); !s) return s;
    }
    return {};
  });
}

namespace {
// Puts back what one history entry of the batch changed, and records that.
status restore(store_transaction& tx, const change_row& r, std::int64_t batch, const std::string& author,
               const std::string& origin) {
  const std::string which = r.key + "/" + r.field + "/" + r.locale;
  if (r.locale.empty())
    return error(errc::invalid_argument,
                 "batch " + std::to_string(batch) + " changed source values; only translation batches can be undone");
  auto now = tx.find_translation(r.key, r.field, r.locale);
  bool same = now && r.new_state && now->text == r.new_text && now->state == *r.new_state &&
              now->source_revision == r.new_revision;
  if (!same)
    return error(errc::invalid_argument, "translation " + which + " changed after batch " + std::to_string(batch) +
                                             "; undo the later change first");
  change_row undo{r.key,       r.field,      r.locale,       "delete", r.new_text, "",
                  r.new_state, std::nullopt, r.new_revision, "",       author,     origin};
  if (!r.old_text) {
    tx.delete_translation(now->field_id, r.locale);
  } else {
    translation_row back{now->field_id, *r.old_text, r.old_state.value_or(translation_state::fresh),
                         r.old_revision.value_or("")};
    tx.update_translation(r.locale, back, author, origin);
    undo.action = "update";
    undo.new_text = back.text;
    undo.new_state = back.state;
    undo.new_revision = back.source_revision;
  }
  tx.record(undo);
  return {};
}
}  // namespace

result<std::pair<std::int64_t, std::size_t>> undo_added_rows(
    store& st, std::int64_t batch, const std::vector<std::string>& kinds, const std::string& what,
    const std::string& undo_kind, const std::string& author,
    const std::function<std::size_t(store_transaction&, std::int64_t)>& remove) {
  std::pair<std::int64_t, std::size_t> out{0, 0};
  const std::string name = std::to_string(batch);
  status done = st.transact(true, [&](store_transaction& tx) -> status {
    auto b = tx.find_batch(batch);
    if (!b) return error(errc::not_found, "no batch " + name);
    if (std::find(kinds.begin(), kinds.end(), b->kind) == kinds.end())
      return error(errc::invalid_argument, "batch " + name + " " + what + " (it is " + b->kind + ")");
    if (b->undone_by)
      return error(errc::invalid_argument,
                   "batch " + name + " was already undone by batch " + std::to_string(*b->undone_by));
    out.second = remove(tx, batch);
    // Its own kind: xliff undo has nothing to restore from it.
    out.first = tx.begin_batch(undo_kind, "undo of batch " + name, author);
    tx.end_batch(true);
    tx.mark_undone(batch, out.first);
    return {};
  });
  if (!done) return done.err();
  return out;
}

result<write_report> undo_batch(store& st, std::int64_t batch, const write_options& options) {
  write_report report;
  const std::string name = std::to_string(batch), origin = "undo:" + name;
  auto done = st.transact(true, [&](store_transaction& tx) -> status {
    auto b = tx.find_batch(batch);
    if (!b) return error(errc::not_found, "no batch " + name);
    if (b->kind == "tm-import")
      return error(errc::invalid_argument, "batch " + name + " imported translation memory: glossa tm undo " + name);
    if (b->kind == "tm-undo")
      return error(errc::invalid_argument,
                   "batch " + name + " undid a translation memory import: import the file again");
    if (b->kind == "terms-import" || b->kind == "terms-add")
      return error(errc::invalid_argument, "batch " + name + " brought terms: glossa terms undo " + name);
    if (b->kind == "terms-undo")
      return error(errc::invalid_argument, "batch " + name + " undid terms: import or add them again");
    if (b->undone_by)
      return error(errc::invalid_argument,
                   "batch " + name + " was already undone by batch " + std::to_string(*b->undone_by));
    auto changes = tx.batch_changes(batch);
    std::int64_t undo = tx.begin_batch("undo", "undo of batch " + name, options.author);
    std::map<std::string, document_report> docs;
    for (const auto& r : changes) {
      if (auto s = restore(tx, r, batch, options.author, origin); !s) return s;
      auto& d = docs[r.key];
      d.key = r.key;
      d.outcome = write_outcome::updated;
      ++d.translations_changed;
      ++report.translations_changed;
    }
    tx.end_batch(true);
    tx.mark_undone(batch, undo);
    for (auto& [k, d] : docs) report.documents.push_back(d);
    report.updated = docs.size();
    report.batch = undo;
    return {};
  });
  if (!done) return done.err();
  return report;
}

}  // namespace glossa::detail
