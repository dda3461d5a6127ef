#include "store/postgresql/pg_util.hpp"

#include <charconv>
#include <cstring>
#include <system_error>
#include <utility>

namespace glossa::pg_store {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// libpq's messages end with a newline, sometimes with a second line of detail.
std::string trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  for (auto& c : m)
    if (c == '\n') c = ' ';
  return m;
}

}  // namespace

error pg_error(const pg_failure& f, std::string_view what) {
  std::string message = std::string(what) + ": " + f.message;
  const std::string& s = f.sqlstate;
  // 08: connection exception; 57P01-57P03: the server is shutting down or
  // cannot take connections yet; 53: out of resources (too many connections).
  if (f.connection_lost || starts_with(s, "08") || s == "57P01" || s == "57P02" || s == "57P03" || starts_with(s, "53"))
    return error(errc::store_unavailable, message + " (the database is unreachable; retry later)");
  // 55P03: lock_not_available (lock_timeout); 57014: statement timeout or
  // cancel; 40001/40P01: serialization failure, deadlock.
  if (s == "55P03" || s == "57014" || s == "40001" || s == "40P01") return error(errc::store_busy, message);
  return error(errc::store_error, message);
}

rows& rows::operator=(rows&& o) noexcept {
  if (this != &o) {
    PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

std::int64_t rows::integer(int row, int col) const {
  std::int64_t v = 0;
  const char* p = PQgetvalue(r_, row, col);
  std::from_chars(p, p + PQgetlength(r_, row, col), v);
  return v;
}

std::vector<const char*> params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

connection::~connection() {
  settle_quietly();
  if (conn_) PQfinish(conn_);
}

void connection::open(const std::string& conninfo, std::string setup) {
  settle_quietly();  // a reconnection drops whatever a COPY on the old connection was doing
  conninfo_ = conninfo;
  setup_ = std::move(setup);
  if (conn_) PQfinish(conn_);
  names_.clear();
  streaming_ = false;
  conn_ = PQconnectdb(conninfo.c_str());
  if (!conn_) throw pg_failure{"", "out of memory", true};
  if (PQstatus(conn_) != CONNECTION_OK) throw pg_failure{"", trimmed(PQerrorMessage(conn_)), true};
  // Notices (a "skipping" of IF NOT EXISTS, a warning) are not errors and
  // must not reach the terminal of a command that prints JSON.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  // Text is UTF-8 at every boundary, whatever the server's default.
  if (PQsetClientEncoding(conn_, "UTF8") != 0) {
    pg_failure f{"", trimmed(PQerrorMessage(conn_)), false};
    PQfinish(conn_);
    conn_ = nullptr;
    throw f;
  }
  if (!setup_.empty()) exec(setup_.c_str());
}

void connection::ensure() {
  settle();
  not_streaming();
  if (!lost()) return;
  if (held_) throw pg_failure{"", "the connection to the database was lost during a transaction", true};
  open(conninfo_, setup_);
}

void connection::not_streaming() const {
  // A query sent now would silently end the stream being read.
  if (streaming_) throw pg_failure{"", "a query was sent while another one's rows were being read", false};
}

void connection::fail(PGresult* r) {
  pg_failure f;
  if (r) {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    f.sqlstate = state ? state : "";
    f.message = trimmed(PQresultErrorMessage(r));
    PQclear(r);
  }
  if (f.message.empty()) f.message = trimmed(PQerrorMessage(conn_));
  f.connection_lost = PQstatus(conn_) != CONNECTION_OK;
  throw f;
}

void connection::exec(const char* sql) {
  ensure();
  PGresult* r = PQexec(conn_, sql);
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r);
  PQclear(r);
}

const std::string& connection::prepared(const char* sql) {
  auto it = names_.find(sql);
  if (it != names_.end()) return it->second;
  std::string name = "g" + std::to_string(names_.size());
  PGresult* r = PQprepare(conn_, name.c_str(), sql, 0, nullptr);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(r);
  PQclear(r);
  return names_.emplace(sql, std::move(name)).first->second;
}

rows connection::query(const char* sql, const params& p) {
  ensure();
  const std::string& name = prepared(sql);
  auto values = p.pointers();
  PGresult* r = PQexecPrepared(conn_, name.c_str(), p.size(), values.data(), nullptr, nullptr, 0);
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r);
  return rows(r);
}

void connection::copy_escape(std::string& out, std::string_view v) {
  // Runs of ordinary bytes are appended whole: most text has no byte to escape.
  auto special = [](char c) { return c == '\\' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t run = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (!special(c)) continue;
    out.append(v.data() + run, i - run);
    out += '\\';
    out += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
    run = i + 1;
  }
  out.append(v.data() + run, v.size() - run);
}

void connection::copy_in(const char* copy_sql, std::string_view data) {
  ensure();
  send_copy(copy_sql, data);
}

void connection::send_copy(const char* copy_sql, std::string_view data) {
  PGresult* r = PQexec(conn_, copy_sql);
  if (PQresultStatus(r) != PGRES_COPY_IN) fail(r);
  PQclear(r);
  constexpr std::size_t piece = 1 << 20;
  for (std::size_t at = 0; at < data.size(); at += piece) {
    auto n = std::min(piece, data.size() - at);
    if (PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1) fail(nullptr);
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) fail(nullptr);
  while (PGresult* end = PQgetResult(conn_)) {
    if (PQresultStatus(end) != PGRES_COMMAND_OK) {
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
      fail(end);
    }
    PQclear(end);
  }
}

void connection::copy_in_background(const char* copy_sql, std::string data) {
  ensure();
  copy_data_ = std::move(data);
  try {
    copying_ = std::thread([this, copy_sql] {
      try {
        send_copy(copy_sql, copy_data_);
      } catch (...) {
        copy_failed_ = std::current_exception();
      }
    });
  } catch (const std::system_error&) {  // no thread to be had: send it here
    send_copy(copy_sql, copy_data_);
  }
}

void connection::settle() {
  if (copying_.joinable()) copying_.join();
  copy_data_.clear();
  if (auto failed = std::exchange(copy_failed_, nullptr)) std::rethrow_exception(failed);
}

void connection::settle_quietly() noexcept {
  try {
    settle();
  } catch (...) {  // the caller is abandoning what the COPY belonged to
  }
}

// Reads what is left of the query: its remaining rows are dropped, its
// error (if any) discarded. A cancel would abort the enclosing transaction.
void connection::finish_stream() noexcept {
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  streaming_ = false;
}

void connection::stream(const char* sql, const params& p, const std::function<bool(const rows&)>& row) {
  ensure();
  const std::string& name = prepared(sql);
  auto values = p.pointers();
  if (!PQsendQueryPrepared(conn_, name.c_str(), p.size(), values.data(), nullptr, nullptr, 0)) fail(nullptr);
  read_stream(row);
}

void connection::stream_text(const std::string& sql, const std::function<bool(const rows&)>& row) {
  ensure();
  if (!PQsendQuery(conn_, sql.c_str())) fail(nullptr);
  read_stream(row);
}

void connection::read_stream(const std::function<bool(const rows&)>& row) {
  PQsetSingleRowMode(conn_);
  streaming_ = true;
  try {
    bool more = true;
    while (PGresult* r = PQgetResult(conn_)) {
      auto st = PQresultStatus(r);
      if (st == PGRES_SINGLE_TUPLE) {
        rows one(r);
        if (more && !row(one)) more = false;  // the rest is read and dropped
      } else if (st == PGRES_TUPLES_OK) {
        PQclear(r);
      } else {
        finish_stream();
        fail(r);
      }
    }
    streaming_ = false;
  } catch (...) {
    if (streaming_) finish_stream();  // a failure of the callback's own (another store's, say)
    throw;
  }
  if (PQstatus(conn_) != CONNECTION_OK) fail(nullptr);
}

}  // namespace glossa::pg_store
