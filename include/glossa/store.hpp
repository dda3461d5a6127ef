// The store: where documents, translations and their history live.
//
// One interface, one factory. Backends: "sqlite:PATH" (embedded default; WAL
// mode, foreign keys on, versioned migrations) and "sqlite::memory:".
// A store object is not thread-safe: use one per thread (several objects may
// open the same SQLite file; writers are serialized by the database).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"
#include "glossa/results.hpp"

namespace glossa {

/// Options of open_store. Each member documents its default.
struct store_options {
  bool create_if_missing = true;  ///< default: create an empty store (with the schema below)
  bool read_only = false;         ///< default: read-write
  int busy_timeout_ms = 5000;     ///< default: wait 5 s for another writer
  /// Schema of a newly created store; default: content_schema::builtin().
  std::optional<content_schema> initial_schema;
};

/// Who writes and why; recorded on every translation and history entry.
struct write_options {
  std::string author = "glossa";  ///< default: "glossa"
  std::string origin = "manual";  ///< default: "manual"; e.g. "content:FILE", "xliff:BATCH"
  bool dry_run = false;           ///< default: false; true computes the report, then rolls back
  /// Non-empty: record this write as a batch of that kind ("xliff-import"), so it can be undone.
  std::string batch_kind;  ///< default: no batch
  std::string batch_file;  ///< file the batch came from; default: empty
  /// Called after each document with (done, total); returning false cancels the
  /// write, which then changes nothing and fails with errc::cancelled. Default: none.
  std::function<bool(std::size_t, std::size_t)> progress;
  /// Called inside the write's transaction as soon as its batch is recorded,
  /// with the batch id (a batch that ends up changing nothing is deleted
  /// again before the commit). Default: none.
  std::function<void(std::int64_t)> batch_started;
};

/// A field as coverage sees it: its source and, per locale, the state of its
/// translation, without the translation texts.
struct field_status {
  std::string document_key, type, source_locale;
  std::string field, value, revision;
  /// Source words (ICU word boundaries on the visible text), counted when the
  /// value was written; empty when the store has not counted them.
  std::optional<std::size_t> words;
  struct translation_status {
    std::string locale;
    translation_state state = translation_state::fresh;
    bool current = true;  ///< made from the current source revision (false: stale)
  };
  std::vector<translation_status> translations;  ///< by locale
};

class store {
 public:
  virtual ~store() = default;
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  /// The URI it was opened with.
  virtual const std::string& uri() const noexcept = 0;

  /// The content schema this store was created with (or last given).
  virtual result<content_schema> schema() = 0;

  /// The document with this key, or errc::not_found.
  virtual result<document> find_document(std::string_view key) = 0;

  /// Documents of one type (all types when empty), ordered by key.
  virtual result<std::vector<document_summary>> list_documents(std::string_view type = {}) = 0;

  /// Calls `visit` for each document of `type` (all when empty), ordered by key,
  /// holding one document in memory at a time, all from one consistent
  /// snapshot. `visit` may keep the document (move from it): it is not used
  /// again. `visit` returning false stops; it must not write to this store.
  virtual status for_each_document(std::string_view type, const std::function<bool(document&)>& visit) = 0;

  /// Calls `visit` for every field of every document of `type` (all when
  /// empty), documents ordered by key and fields in schema order, from one
  /// consistent snapshot, reading no translation text: the fast path of
  /// coverage. `visit` returning false stops; it must not write to this store.
  virtual status for_each_field_status(std::string_view type,
                                       const std::function<bool(const field_status&)>& visit) = 0;

  /// Calls `visit(key, doc)` for each of `keys`, in order, all from one
  /// consistent snapshot; `doc` is nullptr when no document has that key.
  /// `visit` returning false stops; it must not write to this store. A long
  /// list may be read ahead in batches (the SQLite store: up to 1,000 documents).
  virtual status for_each_key(const std::vector<std::string>& keys,
                              const std::function<bool(const std::string&, const document*)>& visit) = 0;

  /// Creates or updates documents in ONE transaction: either every input is
  /// applied or nothing is. Unchanged values write nothing (so writing the same
  /// input twice reports `unchanged`). Every change appends a history entry.
  /// Errors (with the input's location): unknown_type, unknown_field,
  /// invalid_value (type mismatch with the stored document, translation into
  /// the source locale), not_found (translation of a field without source),
  /// invalid_content (required field missing on creation), store_error, store_busy, cancelled.
  virtual result<write_report> write(const std::vector<document_input>& documents,
                                     const write_options& options = {}) = 0;

  /// The same, for documents produced while the write runs (an import judging
  /// its units while the ones judged already are stored): calls `next` for
  /// the next document until it returns false, and applies each as it comes,
  /// all in ONE transaction. Unlike write(), inputs naming the same document
  /// are not merged first: each is applied in turn. `progress` gets a total of 0.
  /// The transaction, and with it SQLite's write lock, stays open while `next`
  /// waits: other writers wait for it meanwhile (store_options::busy_timeout_ms).
  virtual result<write_report> write_each(const std::function<bool(document_input&)>& next,
                                          const write_options& options = {}) = 0;

  /// Restores, in one transaction, what batch `batch` replaced: translations it
  /// created are removed, those it changed get their old text, state and
  /// revision back; every restoration is itself recorded in history (as a new
  /// batch of kind "undo", whose id the report carries). Errors: not_found (no
  /// such batch), invalid_argument (already undone, or changed since: undo the
  /// later batch first).
  virtual result<write_report> undo_batch(std::int64_t batch, const write_options& options = {}) = 0;

  /// A second, read-only handle on the same content with a connection of its
  /// own, so that another thread can read while this one writes: it sees what
  /// was committed, never the rows of a write still in progress here. nullptr
  /// when the backend has none (an in-memory SQLite store lives in this
  /// connection only) or it cannot be opened; callers then read through this
  /// handle, before or after writing. Default: nullptr.
  virtual std::unique_ptr<store> reader() { return nullptr; }

  /// A number that changes whenever the stored content may have changed, by
  /// this object or any other writer (for caches). Cheap to ask.
  virtual result<std::int64_t> version() = 0;

  /// True when version() reads state that every connection to the same store
  /// shares, without waiting for a lock: then two handles that never write
  /// give equal numbers for the same content, and a number read through one
  /// may be compared with one read through the other. Default: false.
  virtual bool version_is_shared() { return false; }

  /// History of a document (one field when `field` is not empty), oldest first.
  virtual result<std::vector<history_entry>> history(std::string_view key, std::string_view field = {}) = 0;

 protected:
  store() = default;
};

/// Opens a store by URI: "sqlite:PATH" or "sqlite::memory:".
/// Errors: invalid_argument (unknown scheme), store_error (cannot open, not a
/// Glossa store, corrupt), store_version (made by a newer Glossa, or by an
/// older one and opened read_only: a read-only open cannot upgrade it), not_found
/// (missing file with create_if_missing = false).
result<std::unique_ptr<store>> open_store(std::string_view uri, const store_options& options = {});

}  // namespace glossa
