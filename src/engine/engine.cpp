#include "glossa/engine.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include "core/read_file.hpp"
#include "engine/labels.hpp"
#include "glossa/content.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"

namespace glossa {

namespace {
std::uint64_t& input_limit() {
  static std::uint64_t limit = default_max_input_bytes;
  return limit;
}
}  // namespace

void set_max_input_bytes(std::uint64_t bytes) noexcept { input_limit() = bytes ? bytes : default_max_input_bytes; }
std::uint64_t max_input_bytes() noexcept { return input_limit(); }

std::string_view to_string(stale_policy policy) noexcept {
  switch (policy) {
    case stale_policy::serve:
      return "serve";
    case stale_policy::fallback:
      return "fallback";
    case stale_policy::hide:
      return "hide";
  }
  return "fallback";
}

std::optional<stale_policy> parse_stale_policy(std::string_view name) noexcept {
  for (auto p : {stale_policy::serve, stale_policy::fallback, stale_policy::hide})
    if (to_string(p) == name) return p;
  return std::nullopt;
}

engine::engine(std::unique_ptr<store> storage) : store_(std::move(storage)) {
  if (!store_) throw std::invalid_argument("glossa::engine needs a store");
}
engine::~engine() = default;
engine::engine(engine&&) noexcept = default;
engine& engine::operator=(engine&&) noexcept = default;

result<write_report> engine::import_content_files(const std::vector<std::string>& paths, const write_options& options) {
  auto schema = store_->schema();
  if (!schema) return schema.err();
  // Parse and validate everything before the first write: one bad file refuses all.
  std::vector<document_input> all;
  std::map<std::string, std::string> contents;  // kept to place a store-side error
  for (const auto& path : paths) {
    auto bytes = detail::read_file(path, max_input_bytes());
    if (!bytes) return bytes.err();
    auto docs = parse_content(*bytes, path, *schema);
    if (!docs) return docs.err();
    std::move(docs->begin(), docs->end(), std::back_inserter(all));
    contents[path] = std::move(*bytes);
  }
  auto r = write(all, options);
  if (!r) {
    error e = r.err();
    if (auto it = contents.find(e.where.file); it != contents.end()) resolve_location(e.where, it->second);
    return e;
  }
  return r;
}

result<write_report> engine::import_content(std::string_view bytes, std::string_view file_name,
                                            const write_options& options) {
  auto schema = store_->schema();
  if (!schema) return schema.err();
  auto docs = parse_content(bytes, file_name, *schema);
  if (!docs) return docs.err();
  auto r = write(*docs, options);
  if (!r) {
    error e = r.err();
    resolve_location(e.where, bytes);
    return e;
  }
  return r;
}

result<write_report> engine::write_document(std::string_view key, std::string_view bytes, std::string_view file_name,
                                            const write_options& options) {
  auto schema = store_->schema();
  if (!schema) return schema.err();
  auto docs = parse_content(bytes, file_name, *schema);
  if (!docs) return docs.err();
  for (const auto& d : *docs)
    if (d.key != key)
      return error(errc::invalid_argument, "the body names document '" + d.key + "', not '" + std::string(key) + "'",
                   d.where);
  return write(*docs, options);
}

result<std::string> engine::export_content(std::string_view type) {
  auto schema = store_->schema();
  if (!schema) return schema.err();
  if (!type.empty() && !schema->find(type))
    return error(errc::unknown_type, "unknown document type '" + std::string(type) + "'");
  std::vector<document> docs;
  auto st = store_->for_each_document(type, [&](const document& d) {
    docs.push_back(d);
    return true;
  });
  if (!st) return st.err();
  return write_content(docs, *schema);
}

namespace {

// What a reader of `f` (the requested locale's formatter) sees for a
// locale-neutral value.
std::string format_value(const formatter& f, field_kind kind, const std::string& value) {
  auto or_raw = [&](const result<std::string>& r) { return r ? *r : value; };
  switch (kind) {
    case field_kind::date:
      return or_raw(f.date(value));
    case field_kind::datetime: {
      auto dt = parse_datetime(value);
      return dt ? or_raw(f.datetime(dt->local, dt->time_zone)) : value;
    }
    case field_kind::number:
      return or_raw(f.number(value));
    case field_kind::money: {
      auto m = parse_money(value);
      return m ? or_raw(f.money(m->amount, m->currency)) : value;
    }
    case field_kind::locale_list: {
      std::vector<std::string> names;
      for (const auto& tag : split_locale_list(value)) names.push_back(f.language_name(tag));
      return f.list(names);
    }
    default:
      return value;
  }
}

}  // namespace

namespace {
// What a field gives a reader along a fallback chain: its translation into
// the first locale of the chain that has a usable one, or its source.
struct served_text {
  std::string text, locale;
  std::string fallback_reason;  // "missing" or "stale" when the first locale did not serve
  bool stale = false, hidden = false;
  std::optional<translation_state> state;
};

served_text serve(const field& f, const std::vector<std::string>& chain, const std::string& source_locale,
                  stale_policy policy) {
  served_text out;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const std::string& loc = chain[i];
    if (loc == source_locale) {
      out.text = f.value;
      out.locale = loc;
      return out;
    }
    if (const translation* t = f.find(loc)) {
      bool stale = is_stale(f, *t);
      if (stale && policy == stale_policy::hide) {
        out.hidden = out.stale = true;
        out.locale = loc;
        return out;
      }
      if (stale && policy == stale_policy::fallback) {
        out.fallback_reason = "stale";  // a stale translation was passed over on the way
        continue;
      }
      out.text = t->text;
      out.locale = loc;
      out.stale = stale;
      out.state = t->state;
      return out;
    }
    if (i == 0 && out.fallback_reason.empty()) out.fallback_reason = "missing";
  }
  out.text = f.value;  // chain exhausted: the source is the last resort
  out.locale = source_locale;
  return out;
}

// The labels of a document's fields for one reader: its type's labels
// document served like text, or the English labels when there is none yet.
class labels_for {
 public:
  labels_for(store& st, const type_def* type, const std::vector<std::string>& chain) : type_(type), chain_(chain) {
    if (type) {
      auto d = st.find_document(labels_key(type->name));
      if (d) doc_ = std::move(*d);
    }
  }
  // (label, language) of a field, or of its enum value.
  std::pair<std::string, std::string> of(const field_def& def, std::string_view value = {}) const {
    if (doc_)
      if (const field* f = doc_->find(label_field(def.name, value)); f && !f->value.empty()) {
        auto s = serve(*f, chain_, doc_->source_locale, stale_policy::fallback);
        return {s.text, s.locale};
      }
    if (!type_) return {std::string(value.empty() ? def.name : value), "en"};
    return {detail::english_label(*type_, def, value), "en"};
  }

 private:
  const type_def* type_;
  const std::vector<std::string>& chain_;
  std::optional<document> doc_;
};

// The message arguments of `def` bound to the document's fields.
std::map<std::string, message_arg> message_args(const document& doc, const type_def& type, const field_def& def) {
  std::map<std::string, message_arg> args;
  for (const auto& [arg, target] : def.arguments) {
    const field* bound = doc.find(target);
    const field_def* bound_def = type.find(target);
    if (!bound) continue;
    if (bound_def && bound_def->kind == field_kind::number)
      args[arg] = std::strtod(bound->value.c_str(), nullptr);
    else
      args[arg] = bound->value;
  }
  return args;
}

// `text_locale` with the -u- extension of `requested` ("ar-u-nu-latn", "en")
// -> "en-u-nu-latn": how a reader wants numbers and dates, in the text's language.
std::string with_keywords_of(const std::string& requested, const std::string& text_locale) {
  auto u = requested.find("-u-");
  if (u == std::string::npos || text_locale.find("-u-") != std::string::npos) return text_locale;
  auto end = requested.find("-x-", u);
  return text_locale + requested.substr(u, end == std::string::npos ? std::string::npos : end - u);
}
}  // namespace

std::vector<locale_info> engine::locales(std::string_view ui_locale) const {
  const locale_config& config = locale_config::builtin();
  auto ui = formatter::for_locale(ui_locale, config);
  std::vector<locale_info> out;
  for (const auto& s : config.locales) {
    auto own = formatter::for_locale(s.tag, config);
    locale_info l;
    l.tag = s.tag;
    l.name = ui ? (*ui)->language_name(s.tag) : s.tag;
    // The configured endonym where there is one ("العربية"), else CLDR's.
    l.autonym = !s.name.empty() ? s.name : own ? (*own)->language_name(s.tag) : s.tag;
    l.dir = own ? (*own)->direction() : text_direction::ltr;
    l.fallback = config.chain(s.tag);
    out.push_back(std::move(l));
  }
  return out;
}

namespace {

// The locales a reader's request falls back through: the configured chain
// of the requested locale, or the one the caller gives.
result<std::vector<std::string>> fallback_chain(const std::string& requested, const localize_options& options,
                                                const locale_config& config) {
  if (options.fallback.empty()) return config.chain(requested);
  std::vector<std::string> chain{requested};
  for (const auto& tag : options.fallback) {
    auto c = canonical_locale(tag);
    if (!c) return c.err();
    if (std::find(chain.begin(), chain.end(), *c) == chain.end()) chain.push_back(*c);
  }
  return chain;
}

// What localize() reads once per document.
struct localize_context {
  const document& doc;
  const type_def* type;
  const std::vector<std::string>& chain;
  const std::string& requested;
  const formatter& reader;  // of the requested locale
  labels_for& labels;
  const localize_options& options;
};

// A field nobody translates: its value formatted for the reader; an enum
// value reads as its label.
void localize_fixed(localized_field& lf, const field& f, const field_def* def, const localize_context& c) {
  lf.text = f.value;
  lf.lang = c.requested;
  lf.dir = c.reader.direction();
  if (lf.kind == field_kind::enumeration && def) {
    auto [label, lang] = c.labels.of(*def, f.value);
    lf.formatted = label;
    if (label != f.value) lf.lang = lang;
    if (auto w = formatter::for_locale(lf.lang, locale_config::builtin())) lf.dir = (*w)->direction();
  } else {
    lf.formatted = format_value(c.reader, lf.kind, f.value);
  }
}

// A translatable field: the text the chain serves, in its own language.
void localize_translated(localized_field& lf, const field& f, const field_def* def, const localize_context& c) {
  served_text s = serve(f, c.chain, c.doc.source_locale, c.options.stale);
  lf.text = std::move(s.text);
  lf.locale = std::move(s.locale);
  lf.stale = s.stale;
  lf.hidden = s.hidden;
  lf.state = s.state;
  // A fallback is text in another language: ar for ar-EG is the reader's language.
  lf.fallback = !lf.hidden && language_of(lf.locale) != language_of(c.requested);
  if (lf.fallback) lf.fallback_reason = std::move(s.fallback_reason);
  // The text's own language decides its direction, grammar and conventions;
  // the -u- keywords the reader asked for (digits, calendar) apply on top.
  auto writer = formatter::for_locale(with_keywords_of(c.requested, lf.locale), locale_config::builtin());
  lf.lang = lf.locale;
  lf.dir = writer ? (*writer)->direction() : text_direction::ltr;
  lf.formatted = lf.hidden ? std::string() : lf.text;
  if (!lf.hidden && lf.kind == field_kind::message && writer && def && c.type) {
    auto m = (*writer)->message(lf.text, message_args(c.doc, *c.type, *def));
    if (m) lf.formatted = *m;
  }
}

}  // namespace

result<localized_document> engine::localize(std::string_view key, const localize_options& options) {
  const locale_config& config = locale_config::builtin();
  std::string asked = options.locale.empty() ? negotiate_locale(options.accept_language, config) : options.locale;
  auto requested = canonical_locale(asked);
  if (!requested) return requested.err();
  auto chain = fallback_chain(*requested, options, config);
  if (!chain) return chain.err();
  auto reader = formatter::for_locale(*requested, config);
  if (!reader) return reader.err();
  auto doc = store_->find_document(key);
  if (!doc) return doc.err();
  auto schema = store_->schema();
  if (!schema) return schema.err();
  const type_def* type = schema->find(doc->type);
  labels_for labels(*store_, type, *chain);
  localize_context context{*doc, type, *chain, *requested, **reader, labels, options};

  localized_document out;
  out.key = doc->key;
  out.type = doc->type;
  out.requested_locale = *requested;
  out.source_locale = doc->source_locale;
  out.dir = (*reader)->direction();
  for (const auto& f : doc->fields) {
    const field_def* def = type ? type->find(f.name) : nullptr;
    localized_field lf;
    lf.name = f.name;
    lf.kind = def ? def->kind : field_kind::text;
    lf.translatable = def && def->translatable;
    lf.for_readers = !def || def->for_readers;
    if (def) std::tie(lf.label, lf.label_lang) = labels.of(*def);
    if (lf.translatable)
      localize_translated(lf, f, def, context);
    else
      localize_fixed(lf, f, def, context);
    out.fields.push_back(std::move(lf));
  }
  return out;
}

result<std::vector<localized_summary>> engine::list_localized(std::string_view type, const localize_options& options) {
  auto docs = bundle(type, options);
  if (!docs) return docs.err();
  std::vector<localized_summary> out;
  for (const auto& d : *docs) {
    localized_summary s{d.key, d.type, d.key, d.requested_locale, d.dir, false};
    for (const char* name : {"title", "name"}) {
      auto f = std::find_if(d.fields.begin(), d.fields.end(), [&](const localized_field& x) { return x.name == name; });
      if (f == d.fields.end() || f->hidden) continue;
      s = {d.key, d.type, f->formatted, f->lang, f->dir, f->fallback};
      break;
    }
    out.push_back(std::move(s));
  }
  std::string locale = docs->empty() ? options.locale : docs->front().requested_locale;
  if (locale.empty()) locale = negotiate_locale(options.accept_language);
  auto f = formatter::for_locale(locale);
  if (!f) return f.err();
  (*f)->sort(out, [](const localized_summary& s) -> std::string_view { return s.title; });
  return out;
}

result<std::vector<localized_document>> engine::bundle(std::string_view type, const localize_options& options) {
  auto schema = store_->schema();
  if (!schema) return schema.err();
  if (!type.empty() && !schema->find(type))
    return error(errc::unknown_type, "unknown document type '" + std::string(type) + "'");
  auto keys = store_->list_documents(type);
  if (!keys) return keys.err();
  std::vector<localized_document> out;
  for (const auto& k : *keys) {
    auto d = localize(k.key, options);
    if (!d) return d.err();
    out.push_back(std::move(*d));
  }
  return out;
}

result<write_report> engine::set_translation(std::string_view key, std::string_view field, std::string_view locale,
                                             std::string_view text, translation_state state,
                                             const write_options& options) {
  auto loc = canonical_locale(locale);
  if (!loc) return loc.err();
  auto doc = store_->find_document(key);
  if (!doc) return doc.err();
  document_input in;
  in.type = doc->type;
  in.key = doc->key;
  in.where.path = std::string(key) + "/" + std::string(field) + "/" + *loc;
  translation_input t;
  t.field = field;
  t.locale = *loc;
  t.text = text;
  t.state = state;
  t.where = in.where;
  in.translations.push_back(std::move(t));
  return write({in}, options);
}

result<std::vector<document_summary>> engine::list_documents(std::string_view type) {
  return store_->list_documents(type);
}

result<content_schema> engine::schema() { return store_->schema(); }

result<std::vector<history_entry>> engine::history(std::string_view key, std::string_view field) {
  if (!field.empty()) {
    auto doc = store_->find_document(key);
    if (!doc) return doc.err();
    auto schema = store_->schema();
    if (!schema) return schema.err();
    const type_def* type = schema->find(doc->type);
    if (!type || !type->find(field))
      return error(errc::unknown_field, "type '" + doc->type + "' has no field '" + std::string(field) + "'");
  }
  return store_->history(key, field);
}

}  // namespace glossa
