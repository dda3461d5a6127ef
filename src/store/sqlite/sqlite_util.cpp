#include "store/sqlite/sqlite_util.hpp"

namespace glossa::sqlite_store {

error sqlite_error(int rc, std::string_view what, std::string_view message) {
  int primary = rc & 0xFF;
  errc code = (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? errc::store_busy : errc::store_error;
  std::string msg(what);
  msg += ": ";
  msg += message;
  if (code == errc::store_busy) msg += " (another process is writing; try again)";
  return error(code, std::move(msg));
}

error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  return sqlite_error(rc, what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

namespace {
[[noreturn]] void throw_failure(sqlite3* db, int rc) {
  throw sqlite_failure{rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
}
}  // namespace

statement::statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_failure(db, rc);
}

statement::~statement() { sqlite3_finalize(stmt_); }

statement& statement::operator=(statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

statement& statement::bind(int i, std::string_view text) {
  // An empty string_view may have a null data(): SQLite would bind NULL, not ''.
  const char* data = text.data() ? text.data() : "";
  int rc = sqlite3_bind_text(stmt_, i, data, static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) throw_failure(db_, rc);
  return *this;
}

statement& statement::bind_static(int i, std::string_view text) {
  const char* data = text.data() ? text.data() : "";
  int rc = sqlite3_bind_text(stmt_, i, data, static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) throw_failure(db_, rc);
  return *this;
}

statement& statement::bind(int i, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, i, value);
  if (rc != SQLITE_OK) throw_failure(db_, rc);
  return *this;
}

statement& statement::bind_optional(int i, const std::optional<std::string>& text) {
  return text ? bind(i, std::string_view(*text)) : bind_null(i);
}

statement& statement::bind_null(int i) {
  int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) throw_failure(db_, rc);
  return *this;
}

bool statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite_failure f{rc, sqlite3_errmsg(db_)};
  sqlite3_reset(stmt_);
  throw f;
}

void statement::run() {
  while (step()) {
  }
  reset();
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string statement::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::string_view statement::text_view(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string_view();
}

std::optional<std::string> statement::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::int64_t statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

bool statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite_failure f{rc, err ? err : sqlite3_errstr(rc)};
    sqlite3_free(err);
    throw f;
  }
}

}  // namespace glossa::sqlite_store
