// The PostgreSQL store (libpq): the same semantics as the SQLite store, for
// several Glossa nodes on one database. Writers are serialised per store by
// an advisory lock held for the write transaction; reads run in a
// REPEATABLE READ READ ONLY snapshot.
#pragma once

#include <memory>
#include <string_view>

#include "glossa/store.hpp"

namespace glossa::pg_store {

/// `uri`: a libpq URI (postgresql://... or postgres://...).
result<std::unique_ptr<store>> open(std::string_view uri, const store_options& options);

}  // namespace glossa::pg_store
