// The PostgreSQL store's schema, versioned: migrations in order, applied
// under an advisory lock so that several nodes starting at once on a store
// that needs one apply it once (the others wait, then find it done).
#pragma once

#include "glossa/error.hpp"
#include "store/postgresql/pg_util.hpp"

namespace glossa::pg_store {

int latest_schema_version() noexcept;

/// Brings the store up to the latest version; store_version when it is newer
/// than this Glossa, or older and `read_only`; not_found when the database
/// holds no store and `create` is false. Throws pg_failure.
status migrate(connection& db, bool read_only, bool create);

/// The tables a store holds, by name: the copy and its test read this list.
const char* const* table_names() noexcept;

}  // namespace glossa::pg_store
