// Thin RAII over libpq, and the one place where PostgreSQL's failures become
// glossa errors. Statements are prepared once per connection, cached by the
// address of their SQL literal (every caller passes a string literal), and
// run with text parameters.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "glossa/error.hpp"

namespace glossa::pg_store {

/// Internal exception carrying a PostgreSQL failure up to the store method
/// that turns it into a result. Never crosses the public API.
struct pg_failure {
  std::string sqlstate;  ///< five characters; empty when the connection failed
  std::string message;
  bool connection_lost = false;
};

/// store_unavailable (connection lost, server shutting down or starting),
/// store_busy (lock or statement timeout, serialization failure) or
/// store_error, with "<what>: <PostgreSQL's message>".
error pg_error(const pg_failure& f, std::string_view what);

/// One result: rows of text columns.
class rows {
 public:
  rows() = default;
  explicit rows(PGresult* r) : r_(r) {}
  ~rows() { PQclear(r_); }
  rows(rows&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  rows& operator=(rows&& o) noexcept;
  rows(const rows&) = delete;
  rows& operator=(const rows&) = delete;

  int size() const { return r_ ? PQntuples(r_) : 0; }
  bool is_null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
  }
  std::string_view text_view(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
  }
  std::optional<std::string> optional_text(int row, int col) const {
    return is_null(row, col) ? std::nullopt : std::optional<std::string>(text(row, col));
  }
  std::int64_t integer(int row, int col) const;
  int columns() const { return r_ ? PQnfields(r_) : 0; }
  std::string column_name(int col) const { return PQfname(r_, col); }

 private:
  PGresult* r_ = nullptr;
};

/// Text parameters of a statement; nullopt is SQL NULL.
class params {
 public:
  params& add(std::string_view v) {
    values_.emplace_back(v);
    return *this;
  }
  params& add(std::int64_t v) {
    values_.emplace_back(std::to_string(v));
    return *this;
  }
  params& add_optional(const std::optional<std::string>& v) {
    values_.push_back(v);
    return *this;
  }
  params& add_null() {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  int size() const { return static_cast<int>(values_.size()); }
  std::vector<const char*> pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

/// A connection. Every call throws pg_failure; after a lost connection the
/// next call reconnects (prepared statements are prepared again).
class connection {
 public:
  connection() = default;
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// Connects with libpq's own conninfo or URI (~/.pgpass, PG* variables,
  /// passfile=, sslmode= work as libpq documents them), then runs `setup`
  /// (session settings), again after every reconnection.
  void open(const std::string& conninfo, std::string setup = {});
  /// Runs SQL without parameters (several statements allowed).
  void exec(const char* sql);
  /// Runs a cached prepared statement.
  rows query(const char* sql, const params& p = {});
  /// Sends COPY ... FROM STDIN with `data` (text format) and ends it.
  void copy_in(const char* copy_sql, std::string_view data);
  /// copy_in() on a thread of its own: the caller goes on while PostgreSQL
  /// stores the rows. The connection's next use waits for the COPY to end
  /// and throws its failure, if it failed.
  void copy_in_background(const char* copy_sql, std::string data);
  /// Waits for a background COPY and drops its failure: for a caller that
  /// is abandoning the transaction anyway (noexcept, for catch blocks).
  void settle_quietly() noexcept;
  /// Runs `sql` and calls `row` with each row as it arrives (single-row
  /// mode): memory stays one row, whatever the size. `row` returning false
  /// stops (the rest of the query is cancelled).
  void stream(const char* sql, const params& p, const std::function<bool(const rows&)>& row);
  /// The same for SQL built at run time (not prepared, no parameters).
  void stream_text(const std::string& sql, const std::function<bool(const rows&)>& row);
  /// exec() for SQL built at run time.
  void exec(const std::string& sql) { exec(sql.c_str()); }
  /// A connection that failed: reconnect before the next statement. Only
  /// once no COPY runs in the background (after settle_quietly()).
  bool lost() const { return !conn_ || PQstatus(conn_) != CONNECTION_OK; }
  /// Reconnects if the connection was lost; throws when it cannot, or when
  /// a transaction was open (its work is gone: the caller must know).
  void ensure();
  /// Marks a transaction open (or closed): no silent reconnection meanwhile.
  void hold(bool in_transaction) { held_ = in_transaction; }
  PGconn* raw() {
    settle();
    return conn_;
  }
  /// Escapes one value of COPY's text format onto `out`.
  static void copy_escape(std::string& out, std::string_view v);

 private:
  void settle();
  void send_copy(const char* copy_sql, std::string_view data);
  void finish_stream() noexcept;
  void not_streaming() const;
  void read_stream(const std::function<bool(const rows&)>& row);
  [[noreturn]] void fail(PGresult* r);
  const std::string& prepared(const char* sql);

  PGconn* conn_ = nullptr;
  std::string conninfo_;
  std::string setup_;
  bool held_ = false;       // a transaction is open: a lost connection is an error, not a reconnect
  bool streaming_ = false;  // a single-row stream is being read: no other query may be sent
  std::unordered_map<const char*, std::string> names_;  // SQL literal -> statement name
  std::thread copying_;             // a background COPY; nothing else touches conn_ until it is joined
  std::exception_ptr copy_failed_;  // its failure, thrown by the next use
  std::string copy_data_;
};

}  // namespace glossa::pg_store
