// Use case: the translation memory into one locale, as TMX 1.4b.
#include <map>
#include <set>
#include <unordered_set>

#include "core/clock.hpp"
#include "engine/memory.hpp"
#include "engine/source_history.hpp"
#include "formats/tmx/tmx_writer.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"

namespace glossa {

namespace {

bool has_text(const xliff::content& c) {
  for (const auto& p : c)
    if (!p.is_code && p.text.find_first_not_of(" \t\r\n") != std::string::npos) return true;
  return false;
}

// Writes the pairs of each translation it is given, each pair once.
class tm_exporter {
 public:
  tm_exporter(const tm_export_options& options, std::string locale, tmx::writer& w)
      : options_(options), locale_(std::move(locale)), w_(w) {}

  // Whether `t` is in a state the options offer.
  bool offered(const translation& t) const {
    for (auto s : options_.states)
      if (t.state == s) return true;
    return false;
  }

  void translation(const document& d, const field& f, field_kind kind, std::string_view source,
                   const glossa::translation& t, bool stale) {
    auto& split = splitters(d.source_locale);
    detail::memory_pairs(source, t.text, kind, locale_, split, [&](detail::tm_pair&& p) {
      if (!has_text(p.source) || !has_text(p.target)) return;  // <p></p>, or codes alone: nothing to offer
      if (!written_.insert(key_of(d.source_locale, p.source, p.target)).second) {
        ++summary_.duplicates;
        return;
      }
      tmx::unit u;
      u.source_locale = d.source_locale;
      u.target_locale = locale_;
      u.source = std::move(p.source);
      u.target = std::move(p.target);
      u.changed_at = u.created_at = t.updated_at;
      u.author = t.author;
      if (p.level == detail::tm_level::sentence) u.segtype = "sentence";
      u.props = {{"x-glossa-document", d.key},
                 {"x-glossa-field", f.name + p.variant},
                 {"x-glossa-level", std::string(to_string(p.level))},
                 {"x-glossa-state", std::string(to_string(t.state))}};
      if (stale) u.props.emplace_back("x-glossa-stale", "the source has changed since");
      w_.add(u);
      ++summary_.units;
      summary_.stale += stale;
      ++(p.level == detail::tm_level::field   ? summary_.fields
         : p.level == detail::tm_level::block ? summary_.blocks
                                              : summary_.sentences);
    });
  }

  // An entry a TMX import brought, unless the store's translations gave the same pair.
  void imported(const tm_entry_row& e) {
    tmx::unit u;
    u.source_locale = e.source_locale;
    u.target_locale = locale_;
    u.source = detail::decode_tm_text(e.source);
    u.target = detail::decode_tm_text(e.target);
    if (!written_.insert(key_of(e.source_locale, u.source, u.target)).second) {
      ++summary_.duplicates;
      return;
    }
    u.changed_at = u.created_at = e.changed_at;
    u.author = e.author;
    u.props = {{"x-glossa-batch", std::to_string(e.batch)}};
    w_.add(u);
    ++summary_.units;
    ++summary_.imported;
  }

  const tm_export_summary& summary() const { return summary_; }

 private:
  static std::string key_of(const std::string& source_locale, const xliff::content& source,
                            const xliff::content& target) {
    return source_locale + '\x1F' + detail::tm_content_key(source) + '\x1F' + detail::tm_content_key(target);
  }

  detail::tm_splitters& splitters(const std::string& source_locale) {
    auto it = splitters_.find(source_locale);
    if (it == splitters_.end()) it = splitters_.try_emplace(source_locale, source_locale, locale_).first;
    return it->second;
  }

  const tm_export_options& options_;
  std::string locale_;
  tmx::writer& w_;
  std::map<std::string, detail::tm_splitters> splitters_;  // by source locale
  std::unordered_set<std::string> written_;
  tm_export_summary summary_;
};

// The header's srclang: the one source locale of the documents translated
// into `locale`, or "*all*" (TMX's word for several).
std::string source_language(const std::vector<document_summary>& docs, const std::vector<tm_entry_row>& imported,
                            const std::string& locale) {
  std::set<std::string> sources;
  for (const auto& d : docs)
    if (d.source_locale != locale) sources.insert(d.source_locale);
  for (const auto& e : imported) sources.insert(e.source_locale);
  return sources.size() == 1 ? *sources.begin() : std::string("*all*");
}

}  // namespace

result<tm_export_summary> engine::export_tm(const tm_export_options& options, std::ostream& out) {
  auto locale = canonical_locale(options.locale);
  if (!locale) return locale.err();
  auto schema = store_->schema();
  if (!schema) return schema.err();
  auto docs = store_->list_documents("");
  if (!docs) return docs.err();
  std::vector<tm_entry_row> imported;
  auto read = store_->for_each_tm_entry(*locale, [&](const tm_entry_row& e) {
    imported.push_back(e);
    return true;
  });
  if (!read) return read.err();
  tmx::writer w(out, {source_language(*docs, imported, *locale), "block", detail::utc_now()});
  tm_exporter exporter(options, *locale, w);
  struct waiting {  // a stale translation: its source is in history, read after the walk
    document d;     // the key, source locale and the one field with its one translation
    field_kind kind;
  };
  std::vector<waiting> stale;
  std::size_t done = 0, total = docs->size();
  auto walked = store_->for_each_document("", [&](const document& d) {
    const type_def* type = schema->find(d.type);
    for (std::size_t i = 0; type && d.source_locale != *locale && i < d.fields.size(); ++i) {
      const field& f = d.fields[i];
      const field_def* def = type->find(f.name);
      const translation* t = f.find(*locale);
      if (!def || !def->translatable || !is_textual(def->kind) || !t || !exporter.offered(*t)) continue;
      if (!is_stale(f, *t))
        exporter.translation(d, f, def->kind, f.value, *t, false);
      else if (options.stale)
        stale.push_back({{d.type, d.key, d.source_locale, {{f.name, f.value, f.revision, {*t}}}, {}, {}}, def->kind});
    }
    if (options.progress) options.progress(++done, std::max(done, total));
    return static_cast<bool>(out);
  });
  if (!walked) return walked.err();
  for (const auto& s : stale) {
    const field& f = s.d.fields.front();
    const translation& t = f.translations.front();
    auto source = detail::source_at(*store_, s.d.key, f, t.source_revision);
    if (!source) return source.err();
    if (*source) exporter.translation(s.d, f, s.kind, **source, t, true);
  }
  for (const auto& e : imported) exporter.imported(e);
  w.finish();
  if (!out) return error(errc::io_error, "cannot write the TMX output");
  return exporter.summary();
}

}  // namespace glossa
