// The PostgreSQL connection's background COPY: the caller goes on while the
// rows are stored, the next statement waits for them, and a COPY that failed
// fails that statement once; a caller abandoning the transaction drops the
// failure and can roll back.
#include <gtest/gtest.h>

#include "postgres_support.hpp"
#include "store/postgresql/pg_util.hpp"

using namespace glossa;
using pg_store::connection;
using pg_store::pg_failure;

TEST(pg_connection, the_next_statement_sees_the_rows_of_a_background_copy) {
  test::postgres_database db;
  connection c;
  c.open(db.uri);
  c.exec("CREATE TABLE t(id bigint PRIMARY KEY, text text NOT NULL)");
  c.exec("BEGIN");
  std::string rows;
  for (int i = 0; i < 20000; ++i) {
    rows += std::to_string(i) + "\t";
    connection::copy_escape(rows, "line\twith\\tab and\nnewline " + std::to_string(i));
    rows += "\n";
  }
  c.copy_in_background("COPY t(id, text) FROM STDIN", std::move(rows));
  auto n = c.query("SELECT count(*), max(text) FILTER (WHERE id = 7) FROM t");
  EXPECT_EQ(n.integer(0, 0), 20000);
  EXPECT_EQ(n.text(0, 1), "line\twith\\tab and\nnewline 7");
  c.exec("COMMIT");
}

TEST(pg_connection, a_failed_background_copy_fails_the_next_statement_once) {
  test::postgres_database db;
  connection c;
  c.open(db.uri);
  c.exec("CREATE TABLE t(id bigint PRIMARY KEY)");
  c.exec("BEGIN");
  c.copy_in_background("COPY t(id) FROM STDIN", "1\n2\n2\n");
  try {
    c.query("SELECT count(*) FROM t");
    FAIL() << "the duplicate key went unnoticed";
  } catch (const pg_failure& f) {
    EXPECT_EQ(f.sqlstate, "23505") << f.message;  // unique_violation, the COPY's own error
  }
  c.exec("ROLLBACK");  // the failure was thrown once: the connection goes on
  EXPECT_EQ(c.query("SELECT count(*) FROM t").integer(0, 0), 0);
}

TEST(pg_connection, an_abandoned_transaction_drops_the_copy_failure_and_rolls_back) {
  test::postgres_database db;
  connection c;
  c.open(db.uri);
  c.exec("CREATE TABLE t(id bigint PRIMARY KEY)");
  c.exec("BEGIN");
  c.exec("INSERT INTO t VALUES (10)");
  c.copy_in_background("COPY t(id) FROM STDIN", "not a number\n");
  c.settle_quietly();
  c.exec("ROLLBACK");
  EXPECT_EQ(c.query("SELECT count(*) FROM t").integer(0, 0), 0);
}
