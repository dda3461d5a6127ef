// An import killed with SIGKILL at any moment leaves the store exactly as it
// was before the import, or exactly as after it: never anything in between.
// On SQLite (a file) and on PostgreSQL (a database of the tests' server).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <glossa/engine.hpp>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "postgres_support.hpp"
#include "test_support.hpp"

using namespace glossa;
namespace fs = std::filesystem;

namespace {

std::string big_content(int documents) {
  std::string s = "{\"documents\": [\n";
  for (int i = 0; i < documents; ++i) {
    std::string k = "bulk-" + std::to_string(i);
    s += std::string(i ? ",\n" : "") + "{\"type\": \"page\", \"key\": \"" + k +
         "\", \"source_locale\": \"en\", \"fields\": {" + "\"title\": \"Page " + std::to_string(i) +
         "\", \"slug\": \"" + k + "\", \"summary\": \"Summary of page " + std::to_string(i) +
         "\", \"body\": \"<p>Body of page " + std::to_string(i) + " with <b>markup</b>.</p>\"}, " +
         "\"translations\": {\"fr\": {\"title\": \"Page " + std::to_string(i) +
         " (fr)\"}, \"es\": {\"title\": \"Página " + std::to_string(i) + "\"}}}";
  }
  return s + "]}";
}

// Every row of a query, in its order; columns split by \x1f, rows by \n.
std::string sqlite_rows(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "cannot open";
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) != SQLITE_OK) out = sqlite3_errmsg(h);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      const unsigned char* v = sqlite3_column_text(st, c);
      out += v ? reinterpret_cast<const char*>(v) : "NULL";
      out += '\x1f';
    }
    out += '\n';
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

using pg_connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
pg_connection pg_connect(const std::string& uri) {
  pg_connection c(PQconnectdb(uri.c_str()), &PQfinish);
  PQsetNoticeProcessor(
      c.get(), [](void*, const char*) {}, nullptr);
  return c;
}

std::string pg_rows(const std::string& uri, const char* sql) {
  auto c = pg_connect(uri);
  if (PQstatus(c.get()) != CONNECTION_OK) return "cannot open";
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.get(), sql), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) return PQresultErrorMessage(r.get());
  std::string out;
  for (int row = 0; row < PQntuples(r.get()); ++row) {
    for (int col = 0; col < PQnfields(r.get()); ++col) {
      out += PQgetisnull(r.get(), row, col) ? "NULL" : PQgetvalue(r.get(), row, col);
      out += '\x1f';
    }
    out += '\n';
  }
  return out;
}

// One of the store's backends as this test sees it: copies of a store, every
// row of one, its own integrity check, and whether its write lock is held.
class backend {
 public:
  explicit backend(bool postgresql) : postgresql_(postgresql) {}
  ~backend() {
    for (const auto& uri : databases_) test::drop_postgres_database(uri);
  }
  bool postgresql() const { return postgresql_; }

  // What --db names for a new store called `name` in `dir`.
  std::string make(test::temp_dir& dir, const std::string& name) {
    if (!postgresql_) return dir.file(name + ".db");
    databases_.push_back(test::fresh_postgres_database());
    return databases_.back();
  }
  // A copy of the store `from` (closed), replacing what `to` held.
  void copy(const std::string& from, const std::string& to) {
    if (postgresql_) return copy_database(from, to);
    for (const char* suffix : {"", "-wal", "-shm"}) {
      fs::remove(to + suffix);
      if (fs::exists(from + suffix)) fs::copy_file(from + suffix, to + suffix);
    }
  }
  std::string rows(const std::string& db, const char* sql) const {
    return postgresql_ ? pg_rows(db, sql) : sqlite_rows(db, sql);
  }
  std::string integrity(const std::string& db) const;
  // Waits until no other process is connected: a killed client's server
  // process has rolled back (or committed) what it was doing.
  void settle(const std::string& db) const;

 private:
  void copy_database(const std::string& from, const std::string& to) {
    auto name = [](const std::string& uri) { return uri.substr(uri.rfind('/') + 1); };
    const auto& admin = test::postgres_admin_uri();
    test::postgres_query(admin, "DROP DATABASE IF EXISTS " + name(to) + " WITH (FORCE)");
    test::postgres_query(admin, "CREATE DATABASE " + name(to) + " TEMPLATE " + name(from));
  }

  bool postgresql_;
  std::vector<std::string> databases_;
};

// SQLite's own check; on PostgreSQL (whose pages a client's death cannot
// tear), that the store opens and reads as Glossa.
std::string backend::integrity(const std::string& db) const {
  if (!postgresql_) return sqlite_rows(db, "PRAGMA integrity_check") == "ok\x1f\n" ? "ok" : "damaged";
  auto opened = open_store(db);
  if (!opened) return opened.err().to_string();
  return (*opened)->list_documents() ? "ok" : "cannot list documents";
}

void backend::settle(const std::string& db) const {
  if (!postgresql_) return;
  for (int i = 0; i < 1000; ++i) {
    if (pg_rows(db,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                "pg_backend_pid() AND backend_type = 'client backend'") == "0\x1f\n")
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "a killed import's server process still runs after 10 s";
}

// Every row of the store, in a fixed order: two equal snapshots are equal stores.
std::string snapshot(const backend& b, const std::string& db) {
  return b.rows(db, "SELECT key, type, source_locale FROM documents ORDER BY key") +
         b.rows(db, "SELECT document_id, name, value, revision, words FROM fields ORDER BY id") +
         b.rows(db, "SELECT field_id, locale, text, state, source_revision FROM translations ORDER BY id") +
         b.rows(db,
                "SELECT id, document_key, field, locale, action, old_text, new_text, batch_id FROM history ORDER BY "
                "id") +
         b.rows(db, "SELECT id, kind, file, undone_by FROM batches ORDER BY id");
}

// Every stored value and translation equals the new text of its latest
// history entry for that field and locale (an entry that created a
// translation keeps no text: the translation holds it), and no text is lost:
// an entry after a text-less creation keeps that text as its old_text.
std::string history_consistency(const backend& b, const std::string& db) {
  return b.rows(
      db,
      "SELECT d.key, f.name, '' FROM fields f JOIN documents d ON d.id = f.document_id WHERE f.value IS DISTINCT "
      "FROM (SELECT new_text FROM history h WHERE h.document_key = d.key AND h.field = f.name AND h.locale = '' "
      "ORDER BY h.id DESC LIMIT 1) "
      "UNION ALL SELECT d.key, f.name, t.locale FROM translations t JOIN fields f ON f.id = t.field_id "
      "JOIN documents d ON d.id = f.document_id WHERE t.text IS DISTINCT FROM (SELECT coalesce(new_text, t.text) "
      "FROM history h WHERE h.document_key = d.key AND h.field = f.name AND h.locale = t.locale ORDER BY h.id DESC "
      "LIMIT 1) "
      "UNION ALL SELECT h.document_key, h.field, h.locale FROM history h WHERE h.new_text IS NULL AND "
      "(SELECT n.old_text IS NULL FROM history n WHERE n.document_key = h.document_key AND n.field = h.field "
      "AND n.locale = h.locale AND n.id > h.id ORDER BY n.id LIMIT 1)");
}

// A connection that asks, without waiting, whether another connection holds
// the store's write lock: an import inside its write transaction.
class write_lock_probe {
 public:
  write_lock_probe(const backend& b, const std::string& db) : pg_(nullptr, &PQfinish) {
    if (b.postgresql())
      pg_ = pg_connect(db);
    else
      sqlite3_open_v2(db.c_str(), &h_, SQLITE_OPEN_READWRITE, nullptr);
  }
  ~write_lock_probe() { sqlite3_close(h_); }
  bool held_by_another() {
    if (pg_) return pg_rows_on(pg_.get(), "SELECT pg_try_advisory_lock(7306090102)") == "f";
    int rc = sqlite3_exec(h_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) sqlite3_exec(h_, "ROLLBACK", nullptr, nullptr, nullptr);
    return rc == SQLITE_BUSY;
  }

 private:
  // The store's write lock (src/store/postgresql/pg_store.cpp), taken and
  // given back at once when free.
  static std::string pg_rows_on(PGconn* c, const char* sql) {
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c, sql), &PQclear);
    std::string got = PQresultStatus(r.get()) == PGRES_TUPLES_OK ? PQgetvalue(r.get(), 0, 0) : "?";
    if (got == "t") PQclear(PQexec(c, "SELECT pg_advisory_unlock(7306090102)"));
    return got;
  }
  sqlite3* h_ = nullptr;
  pg_connection pg_;
};

pid_t start_import(const std::string& db, const std::string& file, bool xliff) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(GLOSSA_CLI, "glossa", "--db", db.c_str(), xliff ? "xliff" : "content", "import", file.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// A filled XLIFF 1.2 file: every exported unit gets its source as target plus
// a marker, inline codes included.
std::string fill_targets(const std::string& xlf) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    auto open = xlf.find("<source", at);
    if (open == std::string::npos) break;
    auto inner = xlf.find('>', open) + 1;
    auto close = xlf.find("</source>", inner);
    out += xlf.substr(at, close + 9 - at);
    out += "<target state=\"translated\">" + xlf.substr(inner, close - inner) + " (fr)</target>";
    at = close + 9;
  }
  return out + xlf.substr(at);
}

// The store before the import (the example content, and for XLIFF the bulk
// content it translates) and the file to import.
void prepare(const backend& b, const std::string& base, const std::string& input, bool xliff, int documents) {
  auto opened = open_store(b.postgresql() ? base : "sqlite:" + base);
  ASSERT_TRUE(opened) << opened.err().to_string();
  engine e(std::move(*opened));
  ASSERT_TRUE(e.import_content_files(test::example_files()));
  if (!xliff) return test::spit(input, big_content(documents));
  ASSERT_TRUE(e.import_content(big_content(documents), "bulk.json"));
  xliff_export_options o;
  o.locale = "fr";
  std::ostringstream x;
  ASSERT_TRUE(e.export_xliff(o, x));
  test::spit(input, fill_targets(x.str()));
}

// Runs the whole import; how long it took, in microseconds, or -1.
long run_import(const std::string& db, const std::string& input, bool xliff) {
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = start_import(db, input, xliff);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
}

// Starts the import on `db` and kills it after `delay` us; whether it held
// the write lock at that moment.
bool kill_after(const backend& b, const std::string& db, const std::string& input, bool xliff, long delay) {
  bool in_transaction = false;
  pid_t pid = 0;
  {
    write_lock_probe probe(b, db);
    pid = start_import(db, input, xliff);
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
    in_transaction = probe.held_by_another();
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  b.settle(db);
  return in_transaction;
}

// Kills `kills` imports (content JSON or XLIFF, `documents` pages) at seeded random moments.
void kill_imports(bool postgresql, const std::string& what, bool xliff, int kills, unsigned seed, int documents) {
  test::temp_dir dir;
  backend b(postgresql);
  std::string base = b.make(dir, "base"), full = b.make(dir, "full"), db = b.make(dir, "kill");
  std::string input = dir.file(xliff ? "fr.xlf" : "bulk.json");
  prepare(b, base, input, xliff, documents);
  if (::testing::Test::HasFatalFailure()) return;
  std::string before = snapshot(b, base);
  ASSERT_EQ(history_consistency(b, base), "");

  // The full import, to learn the "after" state and how long it takes.
  b.copy(base, full);
  long took = run_import(full, input, xliff);
  ASSERT_GT(took, 0) << what << " import failed";
  std::string after = snapshot(b, full);
  ASSERT_NE(before, after);
  ASSERT_EQ(history_consistency(b, full), "");

  std::mt19937 rng(seed);  // seeded: a failure reproduces
  std::uniform_int_distribution<long> when(0, took);
  int saw_before = 0, saw_after = 0, rolled_back = 0;
  for (int i = 0; i < kills; ++i) {
    b.copy(base, db);
    long delay = when(rng);
    bool in_transaction = kill_after(b, db, input, xliff, delay);
    ASSERT_EQ(b.integrity(db), "ok") << what << " kill " << i << " after " << delay << " us";
    std::string now = snapshot(b, db);
    bool is_before = now == before, is_after = now == after;
    EXPECT_TRUE(is_before || is_after) << what << " kill " << i << " after " << delay << " us left a torn store";
    EXPECT_EQ(history_consistency(b, db), "") << what << " kill " << i;
    saw_before += is_before;
    saw_after += is_after;
    rolled_back += in_transaction && is_before;
  }
  std::cout << "[ interrupt ] " << what << " import took " << took / 1000 << " ms; " << kills << " kills left "
            << saw_before << " before (" << rolled_back << " of them inside the write transaction), " << saw_after
            << " after\n";
  // Kills before the import began writing prove nothing: some must have
  // landed while it held the write lock, and been rolled back.
  EXPECT_GT(rolled_back, 0);
}

}  // namespace

// 30 + 30 kills on SQLite, 25 + 25 on PostgreSQL (whose imports of the same
// size take longer): at least 50 on each backend in every CI run, each seeded.
TEST(interrupt, sigkill_during_content_import_leaves_before_or_after_state) {
  kill_imports(false, "content", false, 30, 20261126, 3000);
}
TEST(interrupt, sigkill_during_xliff_import_leaves_before_or_after_state) {
  kill_imports(false, "xliff", true, 30, 20261127, 3000);
}
TEST(interrupt, sigkill_during_content_import_into_postgresql_leaves_before_or_after_state) {
  kill_imports(true, "content (postgresql)", false, 25, 20261202, 1000);
}
TEST(interrupt, sigkill_during_xliff_import_into_postgresql_leaves_before_or_after_state) {
  kill_imports(true, "xliff (postgresql)", true, 25, 20261203, 1000);
}
