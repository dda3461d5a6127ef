// Thin RAII over the SQLite C API, and the one place where SQLite result codes
// become glossa errors.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "glossa/error.hpp"

namespace glossa::sqlite_store {

/// error(store_busy or store_error, "<what>: <sqlite message>").
error sqlite_error(sqlite3* db, int rc, std::string_view what);
/// The same with SQLite's message already in hand (from a sqlite_failure).
error sqlite_error(int rc, std::string_view what, std::string_view message);

class statement {
 public:
  statement() = default;
  statement(sqlite3* db, std::string_view sql);  // throws sqlite_failure on a bad statement (a bug)
  ~statement();
  statement(statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  statement& operator=(statement&& o) noexcept;
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int i, std::string_view text);
  /// Binds `text` without a copy: it must stay alive and unchanged until the
  /// statement is reset (or the parameter bound again).
  statement& bind_static(int i, std::string_view text);
  statement& bind(int i, std::int64_t value);
  statement& bind_optional(int i, const std::optional<std::string>& text);
  statement& bind_null(int i);

  /// SQLITE_ROW -> true, SQLITE_DONE -> false; any other code throws sqlite_failure.
  bool step();
  /// step() to completion, then reset.
  void run();
  void reset();

  std::string text(int col) const;
  /// The column's text without a copy: valid until the next step or reset.
  std::string_view text_view(int col) const;
  std::optional<std::string> optional_text(int col) const;
  std::int64_t integer(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

/// Resets a statement when the scope ends, however it ends: a statement left
/// mid-step by an exception would refuse its next bind.
class reset_on_exit {
 public:
  explicit reset_on_exit(statement& s) : s_(s) {}
  ~reset_on_exit() { s_.reset(); }
  reset_on_exit(const reset_on_exit&) = delete;
  reset_on_exit& operator=(const reset_on_exit&) = delete;

 private:
  statement& s_;
};

/// Internal exception carrying an SQLite failure up to the store method that
/// turns it into a result. Never crosses the public API.
struct sqlite_failure {
  int rc;
  std::string message;
};

/// Executes SQL without results; throws sqlite_failure.
void exec(sqlite3* db, const char* sql);

}  // namespace glossa::sqlite_store
