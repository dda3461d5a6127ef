#include "store/postgresql/pg_migrations.hpp"

#include <string>

namespace glossa::pg_store {

namespace {

// Append-only: a released migration is never edited, a new one is added.
// Keys, names and locales compare as bytes (COLLATE "C"), as in SQLite: the
// order of documents and fields does not depend on the database's locale.
constexpr const char* migrations[] = {
    // 1: the tables of the SQLite store's schema 4, and the version counter
    // that every write moves (for the nodes' answer caches).
    R"sql(
CREATE TABLE meta(
  key   text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE store_version(
  id      integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO store_version VALUES (1, 1);
CREATE TABLE documents(
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key           text COLLATE "C" NOT NULL UNIQUE,
  type          text COLLATE "C" NOT NULL,
  source_locale text NOT NULL,
  created_at    text NOT NULL,
  updated_at    text NOT NULL
);
CREATE INDEX documents_by_type ON documents(type, key);
CREATE TABLE fields(
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
  name        text COLLATE "C" NOT NULL,
  position    bigint NOT NULL,
  value       text NOT NULL,
  revision    text NOT NULL,
  updated_at  text NOT NULL,
  words       bigint,
  UNIQUE(document_id, name)
);
CREATE TABLE translations(
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  field_id        bigint NOT NULL REFERENCES fields(id) ON DELETE RESTRICT,
  locale          text COLLATE "C" NOT NULL,
  text            text NOT NULL,
  state           smallint NOT NULL CHECK (state BETWEEN 0 AND 3),
  source_revision text NOT NULL,
  author          text NOT NULL,
  origin          text NOT NULL,
  updated_at      text NOT NULL,
  UNIQUE(field_id, locale)
);
CREATE TABLE batches(
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL,
  file          text NOT NULL,
  author        text NOT NULL,
  created_at    text NOT NULL,
  undone_by     bigint REFERENCES batches(id) DEFERRABLE,  -- a copy inserts a batch before its undo
  first_history bigint,
  last_history  bigint
);
CREATE TABLE history(
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           text NOT NULL,
  document_key text COLLATE "C" NOT NULL,
  field        text COLLATE "C" NOT NULL,
  locale       text COLLATE "C" NOT NULL,
  action       text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  old_text     text,
  new_text     text,
  old_state    smallint,
  new_state    smallint,
  old_revision text,
  new_revision text NOT NULL,
  author       text NOT NULL,
  origin       text NOT NULL,
  batch_id     bigint REFERENCES batches(id),
  CHECK (new_text IS NOT NULL OR (action = 'create' AND locale <> ''))
);
CREATE INDEX history_by_document ON history(document_key, field, id);
-- History is append-only: the database itself refuses to rewrite it.
CREATE FUNCTION glossa_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN RAISE EXCEPTION 'history is append-only'; END$$;
CREATE TRIGGER history_no_update BEFORE UPDATE OR DELETE ON history
  FOR EACH ROW EXECUTE FUNCTION glossa_history_is_append_only();
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
  FOR EACH STATEMENT EXECUTE FUNCTION glossa_history_is_append_only();
)sql",
    // 2: translation memory imported from TMX (as SQLite's migration 5).
    R"sql(
CREATE TABLE tm_entries(
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id      bigint NOT NULL REFERENCES batches(id),
  source_locale text COLLATE "C" NOT NULL,
  target_locale text COLLATE "C" NOT NULL,
  source        text NOT NULL,
  target        text NOT NULL,
  author        text NOT NULL,
  changed_at    text NOT NULL,
  pair_key      text COLLATE "C" NOT NULL UNIQUE
);
CREATE INDEX tm_entries_by_locale ON tm_entries(target_locale, id);
CREATE INDEX tm_entries_by_batch ON tm_entries(batch_id);
)sql",
    // 3: termbases (as SQLite's migration 6).
    R"sql(
CREATE TABLE term_entries(
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id      bigint NOT NULL REFERENCES batches(id),
  source_locale text COLLATE "C" NOT NULL,
  target_locale text COLLATE "C" NOT NULL,
  body          text NOT NULL,
  author        text NOT NULL,
  changed_at    text NOT NULL,
  entry_key     text COLLATE "C" NOT NULL UNIQUE
);
CREATE INDEX term_entries_by_pair ON term_entries(source_locale, target_locale, id);
CREATE INDEX term_entries_by_batch ON term_entries(batch_id);
)sql",
};
constexpr int count = static_cast<int>(sizeof migrations / sizeof migrations[0]);

constexpr const char* tables[] = {"meta",    "store_version", "documents",  "fields",       "translations",
                                  "batches", "history",       "tm_entries", "term_entries", nullptr};

// Taken for the migration only (a session lock, not a transaction's: the
// first migration creates the table that would hold the version).
constexpr const char* lock_key = "7306090101";

int current_version(connection& db) {
  rows exists = db.query("SELECT to_regclass('glossa_migrations') IS NOT NULL");
  if (exists.text_view(0, 0) != "t") return 0;
  rows v = db.query("SELECT coalesce(max(version), 0) FROM glossa_migrations");
  return static_cast<int>(v.integer(0, 0));
}

error newer(int current) {
  return error(errc::store_version, "store schema version " + std::to_string(current) +
                                        " is newer than this Glossa understands (" + std::to_string(count) +
                                        "); upgrade Glossa");
}

}  // namespace

int latest_schema_version() noexcept { return count; }

const char* const* table_names() noexcept { return tables; }

status migrate(connection& db, bool read_only, bool create) {
  int current = current_version(db);
  if (current > count) return newer(current);
  if (current == count) return {};
  if (current == 0 && !create) return error(errc::not_found, "the database holds no Glossa store");
  if (read_only)
    return error(errc::store_version,
                 (current == 0 ? std::string("the store has no tables yet")
                               : "store schema version " + std::to_string(current) + " is older than this Glossa's (" +
                                     std::to_string(count) + ")") +
                     " and it is open read-only; open it once for writing to upgrade it");
  db.query("SELECT pg_advisory_lock($1::bigint)", params().add(std::string_view(lock_key)));
  struct unlock {
    connection& db;
    ~unlock() {
      try {
        db.query("SELECT pg_advisory_unlock($1::bigint)", params().add(std::string_view(lock_key)));
      } catch (...) {  // the connection is gone, and the lock with it
      }
    }
  } unlocked{db};
  current = current_version(db);  // another node may have migrated meanwhile
  if (current > count) return newer(current);
  db.exec("BEGIN");
  try {
    db.exec(
        "CREATE TABLE IF NOT EXISTS glossa_migrations(version integer PRIMARY KEY, applied_at timestamptz NOT "
        "NULL DEFAULT now())");
    for (int i = current; i < count; ++i) {
      db.exec(migrations[i]);
      db.query("INSERT INTO glossa_migrations(version) VALUES ($1::integer)",
               params().add(static_cast<std::int64_t>(i + 1)));
    }
    db.exec("COMMIT");
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
  return {};
}

}  // namespace glossa::pg_store
