// What an export walks, shared by the XLIFF export and the analysis of what
// it would hold: the documents chosen, read on a thread beside the caller,
// the fields a scope selects, and the memory of matches.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/memory_walk.hpp"
#include "engine/tm_matcher.hpp"
#include "glossa/store.hpp"
#include "glossa/xliff.hpp"

namespace glossa::detail {

/// Whether a field with translation `t` (or none) is in `scope`.
bool selected(export_scope scope, const field& f, const translation* t);

/// The documents an export covers: of its type, or those it names (each
/// must exist); in XLIFF 2.x, all in one source language.
/// Errors: unknown_type, not_found, invalid_argument.
result<std::vector<document_summary>> chosen_documents(store& st, const content_schema& schema,
                                                       const xliff_export_options& options);

/// Reads the chosen documents on a thread of its own ("glossa-read") and
/// hands them to `visit` on this one; `visit` returning false stops it.
status read_beside(store& st, const xliff_export_options& options, const std::vector<document_summary>& docs,
                   const std::function<bool(const document&)>& visit);

/// A document an export with matches reads, with the look-ups of its units
/// done beforehand: the memory's matches by look_up_key. A unit missing from
/// `hits` is looked up when it is written.
using look_ups = std::unordered_map<std::string, std::vector<tm_matcher::found>>;
struct prepared_document {
  document d;
  look_ups hits;
};

/// The key of a look-up: the variant it prefers (":count.few", or "") and the query.
std::string look_up_key(std::string_view variant, const xliff::content& query);

/// As read_beside, each document first given to a preparer on one of a pool
/// of threads ("glossa-look-up", one per core; each gets its own from
/// `make_preparer`); `visit` gets them in order on this thread.
status read_prepared(store& st, const xliff_export_options& options, const std::vector<document_summary>& docs,
                     const std::function<std::function<void(prepared_document&)>()>& make_preparer,
                     const std::function<bool(prepared_document&)>& visit);

/// The memory into one locale, for the documents' source languages: a
/// look-up per language, and each stale translation's field-level pair by
/// document and field (with its variant): the unit's previous version.
struct export_memory {
  std::map<std::string, tm_matcher> by_language;
  std::map<std::pair<std::string, std::string>, memory_entry> previous;
};
result<export_memory> build_memory(store& st, const std::string& locale, const std::vector<document_summary>& docs);

}  // namespace glossa::detail
