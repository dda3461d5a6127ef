// A walk over the translation memory into one locale: the pairs of every
// offered translation in the store (field, block and sentence levels; a
// stale one with the source it was made from), then the entries TMX imports
// brought; each pair once. What `tm export` writes and `tm search` indexes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/memory.hpp"
#include "glossa/store.hpp"

namespace glossa::detail {

struct memory_entry {
  std::string source_locale;
  xliff::content source, target;
  tm_level level = tm_level::field;
  std::string document, field;  ///< where a store pair comes from; the field has its variant (":count.few")
  translation_state state = translation_state::translated;
  bool stale = false;      ///< the source has changed since; `source` is the one translated
  std::int64_t batch = 0;  ///< the TMX import that brought it; 0 for a store pair
  std::string author, changed_at;
  /// With memory_walk_options::tokens: the source's look-up tokens
  /// (lookup_tokens), each followed by U+0000, derived beside the pairs.
  std::string tokens;
};

struct memory_walk_options {
  std::vector<translation_state> states;                   ///< offered states
  bool stale = true;                                       ///< offer stale translations (with their old source)
  std::function<void(std::size_t, std::size_t)> progress;  ///< after each document: (done, total)
  /// For an export's units: a pair that is two variants of a message (Arabic "many" and "other"
  /// alike) is given once per variant, so that a look-up for a variant finds its own, and a stale
  /// field-level pair once per field, so that each stale unit has its previous version (default:
  /// each pair once).
  bool variants_apart = false;
  /// Fill each entry's `tokens`, for a look-up index (default: leave them empty).
  bool tokens = false;
};

/// Calls `out` with each entry into `locale` (canonical) until it returns
/// false; returns how many pairs were left out as seen already. Documents
/// are read on a thread of their own ("glossa-read") and their pairs derived
/// on one thread per core ("glossa-pairs"); `out` is called on the caller's
/// thread, in the order of the store.
result<std::size_t> walk_memory(store& st, const std::string& locale, const memory_walk_options& options,
                                const std::function<bool(memory_entry&&)>& out);

}  // namespace glossa::detail
