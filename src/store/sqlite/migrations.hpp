// Versioned schema migrations of the SQLite store (PRAGMA user_version).
#pragma once
#include <sqlite3.h>

#include "glossa/error.hpp"

namespace glossa::sqlite_store {
/// Schema version this build writes.
int latest_schema_version() noexcept;
/// Brings the store up to latest_schema_version() in one transaction.
/// Errors: store_version when the store is newer than this build, or older
/// and `read_only` (a read-only connection cannot upgrade it).
status migrate(sqlite3* db, bool read_only = false);
}  // namespace glossa::sqlite_store
