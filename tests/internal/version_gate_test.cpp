// The version gate of a server on a shared store: every answer is the version
// read by a query sent after the request arrived, so a write answered before
// a request arrived is always seen; one query answers many requests.
#include "apps/server/version_gate.hpp"

#include <gtest/gtest.h>

#include <future>
#include <glossa/engine.hpp>
#include <thread>

#include "postgres_support.hpp"

using namespace glossa;
using server::version_gate;

namespace {

result<std::int64_t> ask(version_gate& gate, version_gate::clock::time_point arrived = version_gate::clock::now()) {
  std::promise<result<std::int64_t>> answered;
  auto f = answered.get_future();
  gate.after(arrived, [&](result<std::int64_t> v) { answered.set_value(std::move(v)); });
  return f.get();
}

void write_title(const std::string& uri, const std::string& title) {
  auto st = open_store(uri);
  ASSERT_TRUE(st) << st.err().to_string();
  engine e(std::move(*st));
  std::string json = R"({"documents": [{"type": "page", "key": "p", "source_locale": "en", "fields": {"title": ")" +
                     title + R"(", "slug": "p", "body": "<p>b</p>"}}]})";
  ASSERT_TRUE(e.import_content(json, "p.json"));
}

}  // namespace

TEST(version_gate, is_used_for_postgresql_stores_only) {
  server::server_context ctx;
  ctx.opts.db = "glossa.db";
  EXPECT_FALSE(version_gate::needed(ctx));
  ctx.opts.db = "postgresql://glossa@127.0.0.1:5432/glossa";
  EXPECT_TRUE(version_gate::needed(ctx));
}

TEST(version_gate, a_request_sees_every_write_answered_before_it_arrived) {
  test::postgres_database db;
  write_title(db.uri, "one");
  server::server_context ctx;
  ctx.opts.db = db.uri;
  version_gate gate(ctx);
  auto before = ask(gate);
  ASSERT_TRUE(before) << before.err().to_string();
  for (int i = 0; i < 5; ++i) {
    auto arrived_earlier = version_gate::clock::now();
    write_title(db.uri, "write " + std::to_string(i));
    auto now = ask(gate);  // arrived after the write answered: a new query
    ASSERT_TRUE(now);
    EXPECT_GT(*now, *before) << "write " << i << " was not seen";
    // A request that arrived before that query was sent takes its answer.
    auto earlier = ask(gate, arrived_earlier);
    ASSERT_TRUE(earlier);
    EXPECT_EQ(*earlier, *now);
    before = now;
  }
}

TEST(version_gate, answers_many_waiting_requests_and_reports_a_store_it_cannot_reach) {
  test::postgres_database db;
  write_title(db.uri, "one");
  server::server_context ctx;
  ctx.opts.db = db.uri;
  version_gate gate(ctx);
  std::vector<std::future<result<std::int64_t>>> answers;
  for (int i = 0; i < 200; ++i) answers.push_back(std::async(std::launch::async, [&] { return ask(gate); }));
  for (auto& a : answers) EXPECT_TRUE(a.get());

  server::server_context gone;
  gone.opts.db = db.uri + "_that_does_not_exist";
  version_gate unreachable(gone);
  auto v = ask(unreachable);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.err().code, errc::store_unavailable);
}
