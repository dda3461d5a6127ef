// Writing documents and undoing batches: every rule of a write (what is
// valid, what changed, what history records, what a batch holds) applied
// through the store's write transaction, which only reads and writes rows.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "glossa/engine.hpp"
#include "glossa/error.hpp"
#include "glossa/model.hpp"
#include "glossa/results.hpp"
#include "glossa/store.hpp"

namespace glossa::detail {

/// Creates or updates `documents` in ONE transaction: every input applied, or
/// nothing. Inputs naming the same document are folded first (merge.hpp), so
/// a write is judged by the state it leaves. Unchanged values write nothing;
/// every change appends a history entry. Errors (with the input's location):
/// unknown_type, unknown_field, invalid_value (bad key, type or source locale
/// other than the stored one, untranslatable field, translation into the
/// source locale, empty translation, bad value), not_found (translation of a
/// field without source), invalid_content (new document without source
/// locale or a required field), cancelled, store_error, store_busy.
result<write_report> write_documents(store& st, const std::vector<document_input>& documents,
                                     const write_options& options);

/// The same for documents produced while the write runs: `next` gives the
/// next one until it returns false; each is applied as it comes (no folding).
/// `progress` gets a total of 0. The store's write lock is held meanwhile.
result<write_report> write_each(store& st, const std::function<bool(document_input&)>& next,
                                const write_options& options);

/// Restores, in one transaction, what batch `batch` replaced (see
/// engine::undo_batch). Errors: not_found, invalid_argument.
result<write_report> undo_batch(store& st, std::int64_t batch, const write_options& options);

/// Undoes a batch that added rows beside the content (a TMX import's memory
/// entries, a termbase import's entries): checks it is of one of `kinds`
/// (else invalid_argument saying it is not `what`) and not undone yet, calls
/// `remove` to delete its rows, and records the undo as a batch of
/// `undo_kind`. Returns the undo's batch and the rows removed. Errors:
/// not_found, invalid_argument.
result<std::pair<std::int64_t, std::size_t>> undo_added_rows(
    store& st, std::int64_t batch, const std::vector<std::string>& kinds, const std::string& what,
    const std::string& undo_kind, const std::string& author,
    const std::function<std::size_t(store_transaction&, std::int64_t)>& remove);

}  // namespace glossa::detail
