// A PostgreSQL 15 for the tests: the one CTest's fixture started (its URI in
// GLOSSA_TEST_POSTGRES, or in the file CTest's fixture wrote), else one this
// process starts with tests/postgres.sh and stops when it exits. Each test
// gets a database of its own.
#pragma once

#include <string>

namespace glossa::test {

/// The admin URI (database "postgres") of the tests' server. Without one,
/// and when none can be started, throws (under CI=true, never skipped).
const std::string& postgres_admin_uri();

/// A new empty database, named after nothing in particular; its URI.
std::string fresh_postgres_database();

/// Drops a database fresh_postgres_database() made (its connections too).
void drop_postgres_database(const std::string& uri);

/// Runs one SQL statement on the database `uri` names (as its owner); the
/// first column of the first row, or "" when there is none. Throws on error.
std::string postgres_query(const std::string& uri, const std::string& sql);

/// A database for one test, dropped when the test ends.
struct postgres_database {
  std::string uri = fresh_postgres_database();
  postgres_database() = default;
  postgres_database(const postgres_database&) = delete;
  postgres_database& operator=(const postgres_database&) = delete;
  ~postgres_database() { drop_postgres_database(uri); }
};

}  // namespace glossa::test
