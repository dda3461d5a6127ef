#include "store/sqlite/migrations.hpp"

#include <string>

#include "store/sqlite/sqlite_util.hpp"

namespace glossa::sqlite_store {

namespace {
// Append-only: a released migration is never edited, a new one is added.
constexpr const char* migrations[] = {
    // 1: documents, fields, translations, history, meta.
    R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE documents(
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  type          TEXT NOT NULL,
  source_locale TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX documents_by_type ON documents(type, key);
CREATE TABLE fields(
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  value       TEXT NOT NULL,
  revision    TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE(document_id, name)
) STRICT;
CREATE TABLE translations(
  id              INTEGER PRIMARY KEY,
  field_id        INTEGER NOT NULL REFERENCES fields(id) ON DELETE RESTRICT,
  locale          TEXT NOT NULL,
  text            TEXT NOT NULL,
  state           INTEGER NOT NULL CHECK(state BETWEEN 0 AND 3),
  source_revision TEXT NOT NULL,
  author          TEXT NOT NULL,
  origin          TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE(field_id, locale)
) STRICT;
CREATE TABLE batches(
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,            -- 'xliff-import', 'undo'
  file       TEXT NOT NULL,
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undone_by  INTEGER REFERENCES batches(id)
) STRICT;
CREATE TABLE history(
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  document_key TEXT NOT NULL,
  field        TEXT NOT NULL,
  locale       TEXT NOT NULL,          -- '' for the source value
  action       TEXT NOT NULL CHECK(action IN ('create', 'update', 'delete')),
  old_text     TEXT,
  new_text     TEXT NOT NULL,          -- '' when an undo deleted the translation (action 'delete')
  old_state    INTEGER,
  new_state    INTEGER,
  old_revision TEXT,
  new_revision TEXT NOT NULL,
  author       TEXT NOT NULL,
  origin       TEXT NOT NULL,
  batch_id     INTEGER REFERENCES batches(id)
) STRICT;
CREATE INDEX history_by_document ON history(document_key, field, id);
CREATE INDEX history_by_batch ON history(batch_id) WHERE batch_id IS NOT NULL;
-- History is append-only: the database itself refuses to rewrite it.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
)sql",
    // 2: source word counts, kept with each field value (NULL: not counted yet).
    R"sql(
ALTER TABLE fields ADD COLUMN words INTEGER;
)sql",
    // 3: a batch knows the range of history ids it wrote (one write
    // transaction, so nothing else is in between) instead of an index on
    // history.batch_id, which every history row paid for on insert.
    R"sql(
ALTER TABLE batches ADD COLUMN first_history INTEGER;
ALTER TABLE batches ADD COLUMN last_history INTEGER;
UPDATE batches SET first_history = (SELECT min(id) FROM history WHERE batch_id = batches.id),
                   last_history = (SELECT max(id) FROM history WHERE batch_id = batches.id);
DROP INDEX history_by_batch;
)sql",
    // 4: the entry that creates a translation keeps no copy of its text
    // (new_text NULL): the translation holds it, and the entry that later
    // replaces or deletes it keeps it as old_text. Older entries keep theirs.
    // SQLite cannot relax NOT NULL in place: the table is rebuilt, its rows,
    // index and append-only triggers as they were.
    R"sql(
CREATE TABLE history_v4(
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  document_key TEXT NOT NULL,
  field        TEXT NOT NULL,
  locale       TEXT NOT NULL,          -- '' for the source value
  action       TEXT NOT NULL CHECK(action IN ('create', 'update', 'delete')),
  old_text     TEXT,
  new_text     TEXT,                   -- '' when an undo deleted the translation (action 'delete');
                                       -- NULL when the entry created a translation (see above)
  old_state    INTEGER,
  new_state    INTEGER,
  old_revision TEXT,
  new_revision TEXT NOT NULL,
  author       TEXT NOT NULL,
  origin       TEXT NOT NULL,
  batch_id     INTEGER REFERENCES batches(id),
  CHECK(new_text IS NOT NULL OR (action = 'create' AND locale <> ''))
) STRICT;
INSERT INTO history_v4 SELECT id, at, document_key, field, locale, action, old_text, new_text, old_state, new_state,
  old_revision, new_revision, author, origin, batch_id FROM history;
DROP TABLE history;
ALTER TABLE history_v4 RENAME TO history;
CREATE INDEX history_by_document ON history(document_key, field, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
)sql",
    // 5: translation memory imported from TMX, beside the memory the
    // store's own translations make. Each entry belongs to the batch that
    // imported it (an undo deletes its entries); pair_key (the engine's
    // hash of locales, source and target) keeps each pair once.
    R"sql(
CREATE TABLE tm_entries(
  id            INTEGER PRIMARY KEY,
  batch_id      INTEGER NOT NULL REFERENCES batches(id),
  source_locale TEXT NOT NULL,
  target_locale TEXT NOT NULL,
  source        TEXT NOT NULL,
  target        TEXT NOT NULL,
  author        TEXT NOT NULL,
  changed_at    TEXT NOT NULL,
  pair_key      TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX tm_entries_by_locale ON tm_entries(target_locale, id);
CREATE INDEX tm_entries_by_batch ON tm_entries(batch_id);
)sql",
    // 6: termbases, one entry (a concept in a language pair) per row. The
    // engine encodes the entry's terms in body and keys it by entry_key;
    // each entry belongs to the batch that brought it (an undo deletes it).
    R"sql(
CREATE TABLE term_entries(
  id            INTEGER PRIMARY KEY,
  batch_id      INTEGER NOT NULL REFERENCES batches(id),
  source_locale TEXT NOT NULL,
  target_locale TEXT NOT NULL,
  body          TEXT NOT NULL,
  author        TEXT NOT NULL,
  changed_at    TEXT NOT NULL,
  entry_key     TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX term_entries_by_pair ON term_entries(source_locale, target_locale, id);
CREATE INDEX term_entries_by_batch ON term_entries(batch_id);
)sql",
};
constexpr int count = static_cast<int>(sizeof migrations / sizeof migrations[0]);
}  // namespace

int latest_schema_version() noexcept { return count; }

status migrate(sqlite3* db, bool read_only) {
  try {
    statement v(db, "PRAGMA user_version");
    v.step();
    int current = static_cast<int>(v.integer(0));
    v.reset();
    if (current > count)
      return error(errc::store_version, "store schema version " + std::to_string(current) +
                                            " is newer than this Glossa understands (" + std::to_string(count) +
                                            "); upgrade Glossa");
    if (current == count) return {};
    if (read_only)
      return error(errc::store_version,
                   (current == 0 ? std::string("the store has no tables yet")
                                 : "store schema version " + std::to_string(current) +
                                       " is older than this Glossa's (" + std::to_string(count) + ")") +
                       " and it is open read-only; open it once for writing (any glossa command, or `glossa serve`, "
                       "does) to upgrade it");
    exec(db, "BEGIN IMMEDIATE");
    try {
      // Re-read under the write lock: another process may have migrated meanwhile.
      v.step();
      current = static_cast<int>(v.integer(0));
      v.reset();
      for (int i = current; i < count; ++i) exec(db, migrations[i]);
      exec(db, ("PRAGMA user_version = " + std::to_string(count)).c_str());
      exec(db, "COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
    return {};
  } catch (const sqlite_failure& f) {
    return sqlite_error(f.rc, "cannot migrate the store",
                        f.message);  // SQLite's own message is gone after the rollback
  }
}

}  // namespace glossa::sqlite_store
