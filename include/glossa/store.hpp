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
#include <utility>
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

/// A document's row, as a write transaction reads it.
struct document_row {
  std::int64_t id = 0;
  std::string type, source_locale;
};

/// A field's row: its source value and revision.
struct field_row {
  std::int64_t id = 0;
  std::string name, value, revision;
};

/// A translation's row (the text, state and source revision it was made from).
struct translation_row {
  std::int64_t field_id = 0;
  std::string text;
  translation_state state = translation_state::fresh;
  std::string source_revision;
};

/// One history entry: a change of a source value (`locale` empty) or of a
/// translation. The store records it as given, with the time of the
/// transaction and the batch open at the time (if any).
struct change_row {
  std::string key, field, locale;
  std::string action;                          ///< "create", "update" or "delete"
  std::optional<std::string> old_text;         ///< nullopt: nothing was there before
  std::string new_text;                        ///< "" for a delete
  std::optional<translation_state> old_state;  ///< translations only
  std::optional<translation_state> new_state;  ///< translations only; nullopt for a delete
  std::optional<std::string> old_revision;
  std::string new_revision;
  std::string author, origin;
};

/// A batch's row.
struct batch_row {
  std::int64_t id = 0;
  std::string kind;
  std::optional<std::int64_t> undone_by;  ///< the undo batch, once undone
};

/// An entry of translation memory imported from a TMX file: its source and
/// target as the engine encodes inline content, and `pair_key`, the engine's
/// key of the pair (an entry with the same key is the same pair).
struct tm_entry_row {
  std::int64_t id = 0;
  std::int64_t batch = 0;  ///< the import that brought it
  std::string source_locale, target_locale;
  std::string source, target;
  std::string author, changed_at;
  std::string pair_key;
};

/// An entry of a termbase: one concept in one language pair, its terms and
/// notes as the engine encodes them in `body`, and `entry_key`, the engine's
/// key of the entry (an entry with the same key is the same entry).
struct term_entry_row {
  std::int64_t id = 0;
  std::int64_t batch = 0;  ///< the import or addition that brought it
  std::string source_locale, target_locale;
  std::string body;
  std::string author, changed_at;
  std::string entry_key;
};

/// Rows of one table, for moving a store to another backend (`store copy`):
/// every value as text, nullopt for NULL, in `columns` order.
struct table_chunk {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

/// What a write transaction may read and write: rows, typed. It decides
/// nothing (the engine does: what is valid, what changed, what history says);
/// it reads the current rows, this transaction's writes included, and writes
/// what it is told. A read or write that fails throws; store::transact()
/// catches it, rolls back and returns the store's error, so `work` must let
/// it pass. Texts handed to a write are copied.
class store_transaction {
 public:
  virtual ~store_transaction() = default;

  // --- reads
  virtual std::optional<document_row> find_document_row(std::string_view key) = 0;
  /// The field `name` of document `document`.
  virtual std::optional<field_row> find_field(std::int64_t document, std::string_view name) = 0;
  /// Every field of `document`, with its translation into `locale` when there is one.
  virtual std::vector<std::pair<field_row, std::optional<translation_row>>> fields_with_translation(
      std::int64_t document, std::string_view locale) = 0;
  /// The translation of (key, field) into `locale`.
  virtual std::optional<translation_row> find_translation(std::string_view key, std::string_view field,
                                                          std::string_view locale) = 0;
  virtual std::optional<batch_row> find_batch(std::int64_t batch) = 0;
  /// A hint: the documents `keys` are written next, with translations into
  /// `locales`. A store whose reads cost a round trip may read their rows
  /// now, at once, and answer the next find_document_row and
  /// fields_with_translation of each from them. Does nothing by default.
  virtual void prefetch(const std::vector<std::string>& /*keys*/, const std::vector<std::string>& /*locales*/) {}
  /// The history entries recorded in batch `batch`, newest first.
  virtual std::vector<change_row> batch_changes(std::int64_t batch) = 0;

  // --- writes
  /// Returns the new document's id.
  virtual std::int64_t insert_document(std::string_view key, std::string_view type, std::string_view source_locale) = 0;
  /// Marks the document as updated now.
  virtual void touch_document(std::int64_t document) = 0;
  /// `position`: the field's place in its type; `words`: source words, for coverage.
  virtual void insert_field(std::int64_t document, std::string_view name, std::int64_t position, std::string_view value,
                            std::string_view revision, std::int64_t words) = 0;
  virtual void update_field(std::int64_t field, std::string_view value, std::string_view revision,
                            std::int64_t words) = 0;
  virtual void insert_translation(std::string_view locale, const translation_row& row, std::string_view author,
                                  std::string_view origin) = 0;
  virtual void update_translation(std::string_view locale, const translation_row& row, std::string_view author,
                                  std::string_view origin) = 0;
  virtual void delete_translation(std::int64_t field, std::string_view locale) = 0;
  virtual void record(const change_row& change) = 0;
  /// Opens a batch: the history recorded from here on belongs to it, until
  /// end_batch(). Returns its id.
  virtual std::int64_t begin_batch(std::string_view kind, std::string_view file, std::string_view author) = 0;
  /// Ends the open batch; `keep` false deletes it (it changed nothing).
  virtual void end_batch(bool keep) = 0;
  virtual void mark_undone(std::int64_t batch, std::int64_t by) = 0;
  /// Inserts an imported memory entry, in the open batch. False, writing
  /// nothing, when an entry with the same pair_key is stored.
  virtual bool insert_tm_entry(const tm_entry_row& row) = 0;
  /// Deletes the memory entries that batch `batch` imported; returns how many.
  virtual std::size_t delete_tm_entries(std::int64_t batch) = 0;
  /// Inserts a termbase entry, in the open batch. False, writing nothing,
  /// when an entry with its entry_key is stored already.
  virtual bool insert_term_entry(const term_entry_row& row) = 0;
  /// Deletes the termbase entries that batch `batch` brought; returns how many.
  virtual std::size_t delete_term_entries(std::int64_t batch) = 0;
  /// Inserts rows read by store::dump() from another store, ids as they
  /// were (later ids continue after them). A meta row replaces this store's
  /// row of the same key.
  virtual void restore(const table_chunk& rows) = 0;

 protected:
  store_transaction() = default;
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

/// Fields counted together, reading no text: the fast path of coverage over
/// a whole store. A row with `locale` empty counts fields that share type,
/// field name, source locale and whether the source is empty; a row with a
/// locale counts the translations into it of such fields that share state
/// and currency (made from the current source revision).
struct field_tally {
  std::string type, field, source_locale;
  bool empty_source = false;
  std::string locale;  ///< empty: a row of fields; else of translations into this locale
  translation_state state = translation_state::fresh;
  bool current = true;
  std::size_t count = 0;       ///< fields (or translations) counted
  std::size_t words = 0;       ///< their fields' stored source words, summed
  std::size_t uncounted = 0;   ///< of `count`, fields whose words the store has not counted
  std::string first_document;  ///< rows of fields: the least key (as bytes) of their documents; else empty
  friend bool operator==(const field_tally&, const field_tally&) = default;
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
  /// As for_each_document, each document holding only its translations into
  /// `locale` (all when empty): a use case about one locale (an export, the
  /// memory into it) reads no other. Default: for_each_document, the others
  /// dropped; a backend that can leave them unread does so.
  virtual status for_each_document_in(std::string_view type, std::string_view locale,
                                      const std::function<bool(document&)>& visit);

  /// Calls `visit` for every field of every document of `type` (all when
  /// empty), documents ordered by key and fields in schema order, from one
  /// consistent snapshot, reading no translation text: the fast path of
  /// coverage. `visit` returning false stops; it must not write to this store.
  virtual status for_each_field_status(std::string_view type,
                                       const std::function<bool(const field_status&)>& visit) = 0;

  /// The fields of documents of `type` (all when empty) counted as
  /// field_tally says, in no particular order, from one consistent snapshot.
  /// Default: counted from for_each_field_status(); a backend that can count
  /// where the rows are does so.
  virtual result<std::vector<field_tally>> field_tallies(std::string_view type);

  /// Calls `visit` for each imported memory entry into `target_locale` (all
  /// when empty), by id, from one consistent snapshot. `visit` returning
  /// false stops; it must not write to this store.
  virtual status for_each_tm_entry(std::string_view target_locale,
                                   const std::function<bool(const tm_entry_row&)>& visit) = 0;
  /// Calls `visit` for each termbase entry from `source_locale` into
  /// `target_locale` (either empty: any), by id, from one consistent
  /// snapshot, as for_each_tm_entry does.
  virtual status for_each_term_entry(std::string_view source_locale, std::string_view target_locale,
                                     const std::function<bool(const term_entry_row&)>& visit) = 0;

  /// Calls `visit(key, doc)` for each of `keys`, in order, all from one
  /// consistent snapshot; `doc` is nullptr when no document has that key.
  /// `visit` returning false stops; it must not write to this store. A long
  /// list may be read ahead in batches (the SQLite store: up to 1,000 documents).
  virtual status for_each_key(const std::vector<std::string>& keys,
                              const std::function<bool(const std::string&, const document*)>& visit) = 0;

  /// Runs `work` in ONE write transaction: commits when it succeeds and
  /// `commit` is true, rolls back otherwise (a dry run; an error; an
  /// exception, which is rethrown unless it is the store's own failure,
  /// returned as its error). While it runs, the store's write lock is held:
  /// other writers wait (store_options::busy_timeout_ms). Errors: store_error,
  /// store_busy, or the one `work` returns.
  virtual status transact(bool commit, const std::function<status(store_transaction&)>& work) = 0;

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

  /// The tables this store carries, parents before children: what dump()
  /// reads and restore() writes, the same list on every backend.
  static const std::vector<std::string>& carried_tables();

  /// Tables the database holds besides the carried ones (every table, for
  /// the copy's check): a copy refuses a store holding a table it would
  /// not carry.
  virtual result<std::vector<std::string>> uncarried_tables() = 0;

  /// Calls `out` with every row of every carried table, a chunk at a time
  /// (at most `chunk_rows`), tables in carried_tables() order, rows by id,
  /// all from one consistent snapshot.
  virtual status dump(const std::function<void(const table_chunk&)>& out, std::size_t chunk_rows = 1000) = 0;

  /// History of a document (one field when `field` is not empty), oldest first.
  virtual result<std::vector<history_entry>> history(std::string_view key, std::string_view field = {}) = 0;

 protected:
  store() = default;
};

/// The store URI a command-line option or setting names: a URI as it is
/// ("sqlite:...", "postgresql://...", "postgres://..."), anything else the
/// path of an SQLite file.
std::string store_uri(std::string_view db);

/// `uri` without its password (user:password@ or password=), for messages,
/// logs and listings.
std::string redacted_store_uri(std::string_view uri);

/// Opens a store by URI: "sqlite:PATH", "sqlite::memory:", or a libpq URI
/// "postgresql://[user[:password]@][host][:port][/dbname][?param=value...]"
/// (also "postgres://"; libpq's ~/.pgpass, PG* variables, passfile= and
/// sslmode= apply). The PostgreSQL store keeps its tables in the
/// connection's schema (search_path).
/// Errors: invalid_argument (unknown scheme), store_error (cannot open, not a
/// Glossa store, corrupt), store_version (made by a newer Glossa, or by an
/// older one and opened read_only: a read-only open cannot upgrade it), not_found
/// (missing file with create_if_missing = false).
result<std::unique_ptr<store>> open_store(std::string_view uri, const store_options& options = {});

}  // namespace glossa
