// What an export walks: the documents chosen, read beside the caller, the
// fields selected by scope, and the memory of matches. Shared by the XLIFF
// export and the analysis of what it would hold.
#include "engine/export_walk.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <thread>

#include "core/handoff.hpp"
#include "core/ordered_pool.hpp"
#include "core/thread_name.hpp"
#include "glossa/locale.hpp"

namespace glossa::detail {

bool selected(export_scope scope, const field& f, const translation* t) {
  bool missing = t == nullptr;
  bool stale = t && is_stale(f, *t);
  switch (scope) {
    case export_scope::missing:
      return missing;
    case export_scope::stale:
      return stale;
    case export_scope::todo:
      return missing || stale || t->state == translation_state::fresh;
    case export_scope::all:
      return true;
  }
  return false;
}

// The documents an export covers: of its type, or those it names (each must
// exist); in XLIFF 2.x, all in one source language.
result<std::vector<document_summary>> chosen_documents(store& st, const content_schema& schema,
                                                       const xliff_export_options& options) {
  if (!options.type.empty() && !schema.find(options.type))
    return error(errc::unknown_type, "unknown document type '" + options.type + "'");
  auto summaries = st.list_documents(options.type);
  if (!summaries) return summaries.err();
  std::vector<document_summary> docs;
  auto named = [&](const std::string& key) {
    return std::find(options.documents.begin(), options.documents.end(), key) != options.documents.end();
  };
  for (const auto& s : *summaries)
    if (options.documents.empty() || named(s.key)) docs.push_back(s);
  for (const auto& key : options.documents)
    if (std::none_of(docs.begin(), docs.end(), [&](const document_summary& s) { return s.key == key; }))
      return error(errc::not_found,
                   "no document with key '" + key + "'" + (options.type.empty() ? "" : " of type " + options.type));
  if (options.version == xliff_version::v1_2 || docs.empty()) return docs;
  for (const auto& s : docs)
    if (s.source_locale != docs.front().source_locale)
      return error(errc::invalid_argument,
                   "XLIFF " + std::string(to_string(options.version)) + " files have one source language, but '" +
                       s.key + "' is in " + s.source_locale + " and '" + docs.front().key + "' in " +
                       docs.front().source_locale + "; export them separately with --document or --type");
  return docs;
}

result<export_memory> build_memory(store& st, const std::string& locale, const std::vector<document_summary>& docs) {
  export_memory out;
  for (const auto& d : docs) out.by_language.try_emplace(language_of(d.source_locale), d.source_locale);
  if (out.by_language.empty()) return out;
  auto walked = walk_memory(
      st, locale,
      {{translation_state::translated, translation_state::reviewed, translation_state::final_}, true, {}, true, true},
      [&](memory_entry&& e) {
        auto it = out.by_language.find(language_of(e.source_locale));
        if (it == out.by_language.end()) return true;
        if (e.stale && e.level == tm_level::field) out.previous.emplace(std::pair(e.document, e.field), e);
        it->second.add(std::move(e));
        return true;
      });
  if (!walked) return walked.err();
  for (auto& [language, m] : out.by_language) m.finish();
  return out;
}

namespace {
// Reads the chosen documents and hands each to `put` until it returns false:
// named documents by key, otherwise the whole store (or type).
status read_chosen(store& st, const xliff_export_options& options, const std::vector<document_summary>& docs,
                   const std::function<bool(document&&)>& put) {
  std::set<std::string, std::less<>> wanted;
  std::vector<std::string> keys;
  for (const auto& s : docs) {
    wanted.insert(s.key);
    keys.push_back(s.key);
  }
  if (options.documents.empty()) {  // only the translations into the export's locale
    auto locale = canonical_locale(options.locale);
    return st.for_each_document_in(options.type, locale ? *locale : std::string(),
                                   [&](document& d) { return !wanted.count(d.key) || put(std::move(d)); });
  }
  return st.for_each_key(keys, [&](const std::string&, const document* d) { return !d || put(document(*d)); });
}
}  // namespace

// Reads the chosen documents on a thread of its own ("glossa-read") and
// hands them to `visit` on this one, through a queue of at most 64: named
// documents by key, otherwise the whole store (or type). `visit` returning
// false stops the reading.
status read_beside(store& st, const xliff_export_options& options, const std::vector<document_summary>& docs,
                   const std::function<bool(const document&)>& visit) {
  detail::handoff<document> queue(64);
  status walked;
  std::exception_ptr reader_failed;
  std::thread reader([&] {
    detail::name_this_thread("glossa-read");
    try {
      walked = read_chosen(st, options, docs, [&](document&& d) { return queue.put(std::move(d)); });
    } catch (...) {
      reader_failed = std::current_exception();
    }
    queue.finish();
  });
  try {
    while (auto d = queue.get()) {
      bool more = visit(*d);
      queue.recycle(std::move(*d));
      if (!more) break;
    }
  } catch (...) {
    queue.stop();
    reader.join();
    throw;
  }
  queue.stop();
  reader.join();
  if (reader_failed) std::rethrow_exception(reader_failed);
  return walked;
}

std::string look_up_key(std::string_view variant, const xliff::content& query) {
  std::string key(variant);
  key += '\x1F';
  key += encode_tm_text(query);
  return key;
}

status read_prepared(store& st, const xliff_export_options& options, const std::vector<document_summary>& docs,
                     const std::function<std::function<void(prepared_document&)>()>& make_preparer,
                     const std::function<bool(prepared_document&)>& visit) {
  using batch = std::vector<prepared_document>;
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  ordered_pool<batch, batch> pool(
      workers, 4 * workers,
      [&] {
        return [prepare = make_preparer()](batch& b) {
          for (auto& p : b) prepare(p);
          return std::move(b);
        };
      },
      "glossa-look-up");
  return read_in_order(
      pool, "glossa-read",
      [&](const std::function<bool(batch &&)>& put) {
        batching<batch> batches(16, put);
        auto walked = read_chosen(st, options, docs, [&](document&& d) { return batches.add({std::move(d), {}}); });
        if (walked) batches.flush();
        return walked;
      },
      [&](batch& b) {
        for (auto& p : b)
          if (!visit(p)) return false;
        return true;
      });
}

}  // namespace glossa::detail
