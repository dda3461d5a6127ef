#include "engine/memory_walk.hpp"

#include <cstring>
#include <map>
#include <unordered_set>

#include "engine/source_history.hpp"

namespace glossa::detail {

namespace {

bool has_text(const xliff::content& c) {
  for (const auto& p : c)
    if (!p.is_code && p.text.find_first_not_of(" \t\r\n") != std::string::npos) return true;
  return false;
}

// 128 bits of `key` (two different 64-bit hashes): a million pairs keep
// 16 bytes each, not their texts (two of a million pairs collide with a
// chance of about 10^-27).
std::string fingerprint(std::string_view key) {
  std::uint64_t a = std::hash<std::string_view>{}(key), b = 14695981039346656037ull;
  for (unsigned char c : key) b = (b ^ c) * 1099511628211ull;
  std::string out(16, '\0');
  std::memcpy(out.data(), &a, 8);
  std::memcpy(out.data() + 8, &b, 8);
  return out;
}

// Hands on each pair once, and remembers whether the consumer wants more.
class memory_walker {
 public:
  memory_walker(const memory_walk_options& options, std::string locale, const std::function<bool(memory_entry&&)>& out)
      : options_(options), locale_(std::move(locale)), out_(out) {}

  bool offered(const translation& t) const {
    for (auto s : options_.states)
      if (t.state == s) return true;
    return false;
  }

  void translation(const document& d, const field& f, field_kind kind, std::string_view source,
                   const glossa::translation& t, bool stale) {
    memory_pairs(source, t.text, kind, locale_, splitters(d.source_locale), [&](tm_pair&& p) {
      if (!more_ || !has_text(p.source) || !has_text(p.target)) return;  // <p></p>, or codes alone
      memory_entry e{d.source_locale,
                     std::move(p.source),
                     std::move(p.target),
                     p.level,
                     d.key,
                     f.name + p.variant,
                     t.state,
                     stale,
                     0,
                     t.author,
                     t.updated_at};
      give(std::move(e));
    });
  }

  void imported(const tm_entry_row& row) {
    memory_entry e;
    e.source_locale = row.source_locale;
    e.source = decode_tm_text(row.source);
    e.target = decode_tm_text(row.target);
    e.batch = row.batch;
    e.author = row.author;
    e.changed_at = row.changed_at;
    if (seen_.empty()) {  // no store pair to repeat; the store holds each imported pair once
      more_ = out_(std::move(e));
      return;
    }
    give(std::move(e));
  }

  bool more() const { return more_; }
  std::size_t duplicates() const { return duplicates_; }

 private:
  void give(memory_entry&& e) {
    std::string key = e.source_locale + '\x1F' + tm_content_key(e.source) + '\x1F' + tm_content_key(e.target);
    if (auto colon = e.field.find(':'); options_.variants_apart && colon != std::string::npos)
      key += '\x1F' + e.field.substr(colon);
    if (options_.variants_apart && e.stale && e.level == tm_level::field)
      key += '\x1F' + e.document + '\x1F' + e.field;  // each unit's previous version, whatever repeats it
    if (!seen_.insert(fingerprint(key)).second) {
      ++duplicates_;
      return;
    }
    more_ = out_(std::move(e));
  }

  tm_splitters& splitters(const std::string& source_locale) {
    auto it = splitters_.find(source_locale);
    if (it == splitters_.end()) it = splitters_.try_emplace(source_locale, source_locale, locale_).first;
    return it->second;
  }

  const memory_walk_options& options_;
  std::string locale_;
  const std::function<bool(memory_entry&&)>& out_;
  std::map<std::string, tm_splitters> splitters_;  // by source locale
  std::unordered_set<std::string> seen_;           // fingerprints of the pairs given
  std::size_t duplicates_ = 0;
  bool more_ = true;
};

struct waiting {  // a stale translation: its source is in history, read after the walk
  document d;     // the key, source locale and the one field with its one translation
  field_kind kind;
};

}  // namespace

result<std::size_t> walk_memory(store& st, const std::string& locale, const memory_walk_options& options,
                                const std::function<bool(memory_entry&&)>& out) {
  auto schema = st.schema();
  if (!schema) return schema.err();
  auto docs = st.list_documents("");
  if (!docs) return docs.err();
  memory_walker walker(options, locale, out);
  std::vector<waiting> stale;
  std::size_t done = 0, total = docs->size();
  auto walked = st.for_each_document("", [&](const document& d) {
    const type_def* type = schema->find(d.type);
    for (std::size_t i = 0; type && d.source_locale != locale && i < d.fields.size(); ++i) {
      const field& f = d.fields[i];
      const field_def* def = type->find(f.name);
      const translation* t = f.find(locale);
      if (!def || !def->translatable || !is_textual(def->kind) || !t || !walker.offered(*t)) continue;
      if (!is_stale(f, *t))
        walker.translation(d, f, def->kind, f.value, *t, false);
      else if (options.stale)
        stale.push_back({{d.type, d.key, d.source_locale, {{f.name, f.value, f.revision, {*t}}}, {}, {}}, def->kind});
    }
    if (options.progress) options.progress(++done, std::max(done, total));
    return walker.more();
  });
  if (!walked) return walked.err();
  for (const auto& s : stale) {
    if (!walker.more()) break;
    const field& f = s.d.fields.front();
    const translation& t = f.translations.front();
    auto source = source_at(st, s.d.key, f, t.source_revision);
    if (!source) return source.err();
    if (*source) walker.translation(s.d, f, s.kind, **source, t, true);
  }
  auto read = st.for_each_tm_entry(locale, [&](const tm_entry_row& e) {
    if (walker.more()) walker.imported(e);
    return walker.more();
  });
  if (!read) return read.err();
  return walker.duplicates();
}

}  // namespace glossa::detail
