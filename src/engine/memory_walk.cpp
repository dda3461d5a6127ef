#include "engine/memory_walk.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <thread>
#include <unordered_set>

#include "core/ordered_pool.hpp"
#include "core/thread_name.hpp"
#include "engine/source_history.hpp"
#include "glossa/locale.hpp"

namespace glossa::detail {

namespace {

bool has_text(const xliff::content& c) {
  for (const auto& p : c)
    if (!p.is_code && p.text.find_first_not_of(" \t\r\n") != std::string::npos) return true;
  return false;
}

// 128 bits of a pair's key (two different 64-bit hashes): a million pairs
// keep 16 bytes each, not their texts (two of a million pairs collide with a
// chance of about 10^-27).
struct fingerprint {
  std::uint64_t a = 0, b = 0;
  bool operator==(const fingerprint&) const = default;
};
struct fingerprint_hash {
  std::size_t operator()(const fingerprint& f) const noexcept { return f.a; }
};

fingerprint fingerprint_of(std::string_view key) {
  std::uint64_t b = 14695981039346656037ull;
  for (unsigned char c : key) b = (b ^ c) * 1099511628211ull;
  return {std::hash<std::string_view>{}(key), b};
}

// What makes a pair the same as one given already: its source language and
// texts; with variants_apart, its variant, and a stale field-level pair's
// place (each unit's previous version, whatever repeats it).
fingerprint key_of(const memory_entry& e, const memory_walk_options& options) {
  thread_local std::string key;  // reused: a walk keys every pair
  key.clear();
  key += e.source_locale;
  key += '\x1F';
  append_content_key(key, e.source);
  key += '\x1F';
  append_content_key(key, e.target);
  if (auto colon = e.field.find(':'); options.variants_apart && colon != std::string::npos)
    key.append("\x1F").append(e.field, colon);
  if (options.variants_apart && e.stale && e.level == tm_level::field)
    key.append("\x1F").append(e.document).append("\x1F").append(e.field);
  return fingerprint_of(key);
}

struct waiting {  // a stale translation: its source is in history, read after the walk
  document d;     // the key, source locale and the one field with its one translation
  field_kind kind;
};

// What one batch of documents gives: its pairs with their keys, and the
// stale translations to pair once their old source is read.
struct derived {
  std::vector<memory_entry> entries;
  std::vector<fingerprint> keys;
  std::vector<waiting> stale;
  std::size_t documents = 0;
};

// Derives pairs; one per thread (its splitters and word breaks are ICU's).
class deriver {
 public:
  deriver(const memory_walk_options& options, const content_schema& schema, std::string locale)
      : options_(options), schema_(schema), locale_(std::move(locale)) {}

  void document(const glossa::document& d, derived& out) {
    const type_def* type = schema_.find(d.type);
    ++out.documents;
    for (std::size_t i = 0; type && d.source_locale != locale_ && i < d.fields.size(); ++i) {
      const field& f = d.fields[i];
      const field_def* def = type->find(f.name);
      const glossa::translation* t = f.find(locale_);
      if (!def || !def->translatable || !is_textual(def->kind) || !t || !offered(*t)) continue;
      if (!is_stale(f, *t))
        translation(d, f, def->kind, f.value, *t, false, out);
      else if (options_.stale)
        out.stale.push_back(
            {{d.type, d.key, d.source_locale, {{f.name, f.value, f.revision, {*t}}}, {}, {}}, def->kind});
    }
  }

  void translation(const glossa::document& d, const field& f, field_kind kind, std::string_view source,
                   const glossa::translation& t, bool stale, derived& out) {
    memory_pairs(source, t.text, kind, locale_, splitters(d.source_locale), [&](tm_pair&& p) {
      if (!has_text(p.source) || !has_text(p.target)) return;  // <p></p>, or codes alone
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
                     t.updated_at,
                     {}};
      finish(e, out);
    });
  }

  // An entry a TMX import brought.
  void imported(const tm_entry_row& row, derived& out) {
    memory_entry e;
    e.source_locale = row.source_locale;
    e.source = decode_tm_text(row.source);
    e.target = decode_tm_text(row.target);
    e.batch = row.batch;
    e.author = row.author;
    e.changed_at = row.changed_at;
    finish(e, out);
  }

 private:
  bool offered(const glossa::translation& t) const {
    for (auto s : options_.states)
      if (t.state == s) return true;
    return false;
  }

  void finish(memory_entry& e, derived& out) {
    if (options_.tokens) lookup_tokens(e.source, words(language_of(e.source_locale)), e.tokens);
    out.keys.push_back(key_of(e, options_));
    out.entries.push_back(std::move(e));
  }

  tm_splitters& splitters(const std::string& source_locale) {
    auto it = splitters_.find(source_locale);
    if (it == splitters_.end()) it = splitters_.try_emplace(source_locale, source_locale, locale_).first;
    return it->second;
  }

  // Tokens are cut by language, as tm_matcher cuts its queries.
  word_counter& words(const std::string& language) {
    auto it = words_.find(language);
    if (it == words_.end()) it = words_.try_emplace(language, language).first;
    return it->second;
  }

  const memory_walk_options& options_;
  const content_schema& schema_;
  std::string locale_;
  std::map<std::string, tm_splitters> splitters_;  // by source locale
  std::map<std::string, word_counter> words_;      // by source language
};

// Hands each pair on once, in order, and remembers whether the consumer wants more.
class memory_walker {
 public:
  explicit memory_walker(const std::function<bool(memory_entry&&)>& out) : out_(out) {}

  void take(derived& batch, bool imported) {
    for (std::size_t i = 0; more_ && i < batch.entries.size(); ++i) {
      // No store pair to repeat: the store holds each imported pair once.
      if (!(imported && seen_.empty()) && !seen_.insert(batch.keys[i]).second) {
        ++duplicates_;
        continue;
      }
      more_ = out_(std::move(batch.entries[i]));
    }
  }

  bool more() const { return more_; }
  std::size_t duplicates() const { return duplicates_; }

 private:
  const std::function<bool(memory_entry&&)>& out_;
  std::unordered_set<fingerprint, fingerprint_hash> seen_;
  std::size_t duplicates_ = 0;
  bool more_ = true;
};

constexpr std::size_t batch_size = 64;  // documents, or imported entries, per item of work

std::size_t worker_count() { return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8); }

// Runs `read` on a thread of its own, which puts batches of what it reads;
// each is turned into a `derived` by a deriver on the workers and handed to
// `take` here, in order, until `take` returns false.
template <class In>
status in_parallel(const std::function<status(const std::function<bool(In&&)>&)>& read,
                   const std::function<std::function<derived(In&)>()>& make_deriver,
                   const std::function<bool(derived&)>& take) {
  ordered_pool<In, derived> pool(worker_count(), 4 * worker_count(), make_deriver, "glossa-pairs");
  return read_in_order(pool, "glossa-read", read, take);
}

// What makes each worker's deriver: every item of a batch given to `derive`.
template <class Item>
std::function<std::function<derived(std::vector<Item>&)>()> derivers(const memory_walk_options& options,
                                                                     const content_schema& schema,
                                                                     const std::string& locale,
                                                                     void (deriver::*derive)(const Item&, derived&)) {
  return [&options, &schema, &locale, derive] {
    return [d = std::make_shared<deriver>(options, schema, locale), derive](std::vector<Item>& batch) {
      derived pairs;
      for (const auto& item : batch) ((*d).*derive)(item, pairs);
      return pairs;
    };
  };
}

// Reads the store's documents in batches, for in_parallel: only their
// translations into `locale`.
std::function<status(const std::function<bool(std::vector<document>&&)>&)> documents_of(store& st,
                                                                                        const std::string& locale) {
  return [&st, &locale](const std::function<bool(std::vector<document> &&)>& put) {
    batching<std::vector<document>> batches(batch_size, put);
    auto walked = st.for_each_document_in("", locale, [&](document& d) { return batches.add(std::move(d)); });
    if (walked) batches.flush();
    return walked;
  };
}

// Reads the entries TMX imports brought into `locale`, in batches.
std::function<status(const std::function<bool(std::vector<tm_entry_row>&&)>&)> imported_of(store& st,
                                                                                           const std::string& locale) {
  return [&st, &locale](const std::function<bool(std::vector<tm_entry_row> &&)>& put) {
    batching<std::vector<tm_entry_row>> batches(16 * batch_size, put);
    auto read = st.for_each_tm_entry(locale, [&](const tm_entry_row& e) { return batches.add(tm_entry_row(e)); });
    if (read) batches.flush();
    return read;
  };
}

}  // namespace

result<std::size_t> walk_memory(store& st, const std::string& locale, const memory_walk_options& options,
                                const std::function<bool(memory_entry&&)>& out) {
  auto schema = st.schema();
  if (!schema) return schema.err();
  std::size_t done = 0, total = 0;
  if (options.progress) {
    auto docs = st.list_documents("");
    if (!docs) return docs.err();
    total = docs->size();
  }
  memory_walker walker(out);
  std::vector<waiting> stale;
  auto walked = in_parallel<std::vector<document>>(
      documents_of(st, locale), derivers(options, *schema, locale, &deriver::document), [&](derived& batch) {
        walker.take(batch, false);
        for (auto& w : batch.stale) stale.push_back(std::move(w));
        done += batch.documents;
        if (options.progress) options.progress(done, std::max(done, total));
        return walker.more();
      });
  if (!walked) return walked.err();
  deriver here(options, *schema, locale);
  for (const auto& s : stale) {
    if (!walker.more()) break;
    const field& f = s.d.fields.front();
    const translation& t = f.translations.front();
    auto source = source_at(st, s.d.key, f, t.source_revision);
    if (!source) return source.err();
    if (!*source) continue;
    derived one;
    here.translation(s.d, f, s.kind, **source, t, true, one);
    walker.take(one, false);
  }
  if (!walker.more()) return walker.duplicates();
  auto read = in_parallel<std::vector<tm_entry_row>>(
      imported_of(st, locale), derivers(options, *schema, locale, &deriver::imported), [&](derived& batch) {
        walker.take(batch, true);
        return walker.more();
      });
  if (!read) return read.err();
  return walker.duplicates();
}

}  // namespace glossa::detail
