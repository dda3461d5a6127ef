// What only the PostgreSQL store has to prove (its conformance with the
// SQLite store is store_test.cpp's, run on both): the database refuses to
// rewrite history, versions and concurrent migrations, passwords never
// shown, a lost connection reported and healed, writers serialised.
#include <gtest/gtest.h>

#include <glossa/store.hpp>
#include <thread>

#include "postgres_support.hpp"
#include "store_fixture.hpp"

using namespace glossa;
using namespace glossa::test;

namespace {

std::string with_password(const std::string& uri, const std::string& password) {
  auto at = uri.find('@');
  return uri.substr(0, at) + ":" + password + uri.substr(at);
}
}  // namespace

TEST(postgresql_store, history_is_append_only_in_the_database) {
  postgres_database db;
  {
    auto s = open_store(db.uri);
    ASSERT_TRUE(s) << s.err().to_string();
    ASSERT_TRUE(write(**s, {page("a", "A"), translate("a", "title", "fr", "Á")}));
  }
  EXPECT_EQ(postgres_query(db.uri, "SELECT count(*) FROM history"), "4");
  EXPECT_THROW(postgres_query(db.uri, "UPDATE history SET new_text = 'x'"), std::runtime_error);
  EXPECT_THROW(postgres_query(db.uri, "DELETE FROM history"), std::runtime_error);
  EXPECT_THROW(postgres_query(db.uri, "TRUNCATE history"), std::runtime_error);
  EXPECT_EQ(postgres_query(db.uri, "SELECT count(*) FROM history"), "4");
}

TEST(postgresql_store, refuses_a_newer_store_and_opens_no_missing_one) {
  postgres_database db;
  store_options no_create;
  no_create.create_if_missing = false;
  auto missing = open_store(db.uri, no_create);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.err().code, errc::not_found);
  ASSERT_TRUE(open_store(db.uri));
  postgres_query(db.uri, "INSERT INTO glossa_migrations(version) VALUES (99)");
  auto newer = open_store(db.uri);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.err().code, errc::store_version);
  EXPECT_NE(newer.err().message.find("99"), std::string::npos) << newer.err().message;
}

// Several nodes starting at once on a store that needs a migration: one
// migrates, the others wait for it; none fails or migrates twice.
TEST(postgresql_store, nodes_starting_at_once_migrate_once) {
  postgres_database db;
  constexpr int nodes = 6;
  std::vector<std::thread> threads;
  std::vector<std::string> errors(nodes);
  for (int i = 0; i < nodes; ++i)
    threads.emplace_back([&, i] {
      auto s = open_store(db.uri);
      if (!s) errors[i] = s.err().to_string();
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  // Each migration once: as many rows as versions.
  EXPECT_NE(postgres_query(db.uri, "SELECT count(*) FROM glossa_migrations"), "0");
  EXPECT_EQ(postgres_query(db.uri, "SELECT count(*) - count(DISTINCT version) FROM glossa_migrations"), "0");
}

TEST(postgresql_store, a_password_in_the_uri_is_never_shown) {
  postgres_database db;
  auto s = open_store(with_password(db.uri, "s3cr3t-pw"));  // trust authentication ignores it
  ASSERT_TRUE(s) << s.err().to_string();
  EXPECT_EQ((*s)->uri().find("s3cr3t-pw"), std::string::npos);
  EXPECT_NE((*s)->uri().find("***"), std::string::npos);
  // A server that is not there: the error names the store, not the password.
  auto down = open_store("postgresql://glossa:s3cr3t-pw@127.0.0.1:1/nowhere?connect_timeout=2");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.err().code, errc::store_unavailable);
  EXPECT_EQ(down.err().to_string().find("s3cr3t-pw"), std::string::npos) << down.err().to_string();
  EXPECT_EQ(redacted_store_uri("postgresql://h/db?user=u&password=pw&sslmode=require"),
            "postgresql://h/db?user=u&password=***&sslmode=require");
  EXPECT_EQ(store_uri("postgresql://h/db"), "postgresql://h/db");
  EXPECT_EQ(store_uri("glossa.db"), "sqlite:glossa.db");
}

// A lost connection is store_unavailable; the next call reconnects.
TEST(postgresql_store, a_lost_connection_is_reported_then_healed) {
  postgres_database db;
  auto s = open_store(db.uri);
  ASSERT_TRUE(s);
  ASSERT_TRUE(write(**s, {page("a", "A")}));
  std::string name = db.uri.substr(db.uri.rfind('/') + 1);
  postgres_query(postgres_admin_uri(),
                 "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
  auto lost = (*s)->find_document("a");
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.err().code, errc::store_unavailable) << lost.err().to_string();
  auto again = (*s)->find_document("a");
  ASSERT_TRUE(again) << again.err().to_string();
  EXPECT_TRUE(write(**s, {page("b", "B")}));
}

// A connection lost inside a write is that write's failure, never a silent
// reconnection that would go on outside the transaction.
TEST(postgresql_store, a_connection_lost_inside_a_write_fails_that_write_only) {
  postgres_database db;
  auto s = open_store(db.uri);
  ASSERT_TRUE(s);
  std::string name = db.uri.substr(db.uri.rfind('/') + 1);
  auto r = (*s)->transact(true, [&](store_transaction& tx) -> status {
    tx.insert_document("a", "page", "en");
    postgres_query(postgres_admin_uri(),
                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    tx.insert_document("b", "page", "en");
    return {};
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::store_unavailable) << r.err().to_string();
  auto docs = (*s)->list_documents();
  ASSERT_TRUE(docs) << docs.err().to_string();
  EXPECT_TRUE(docs->empty());
  EXPECT_TRUE(write(**s, {page("c", "C")}));
}

// Writers are serialised per store: one waits for the other up to its busy
// timeout, then gives up with store_busy and writes nothing.
TEST(postgresql_store, a_busy_store_is_reported_as_busy) {
  postgres_database db;
  ASSERT_TRUE(open_store(db.uri));
  store_options quick;
  quick.busy_timeout_ms = 100;
  auto s = open_store(db.uri, quick);
  ASSERT_TRUE(s);
  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    auto other = open_store(db.uri);
    ASSERT_TRUE(other);
    auto r = (*other)->transact(true, [&](store_transaction&) -> status {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return {};
    });
    EXPECT_TRUE(r) << r.err().to_string();
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto r = write(**s, {page("a", "A")});
  release = true;
  holder.join();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::store_busy) << r.err().to_string();
  EXPECT_TRUE((*s)->list_documents()->empty());
  EXPECT_TRUE(write(**s, {page("a", "A")}));
}

// The version every node's cache asks: moved by a write through any handle.
TEST(postgresql_store, the_version_moves_with_a_write_through_another_handle) {
  postgres_database db;
  auto one = open_store(db.uri);
  auto two = open_store(db.uri);
  ASSERT_TRUE(one && two);
  EXPECT_TRUE((*one)->version_is_shared());
  auto before = (*one)->version();
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, *(*two)->version());
  ASSERT_TRUE(write(**two, {page("a", "A")}));
  EXPECT_NE(*(*one)->version(), *before);
  EXPECT_EQ(*(*one)->version(), *(*two)->version());
}
