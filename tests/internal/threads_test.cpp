#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/handoff.hpp"
#include "core/ordered_pool.hpp"
#include "core/thread_name.hpp"

using glossa::detail::handoff;
using glossa::detail::ordered_pool;

TEST(handoff, passes_every_item_in_order_through_a_small_queue) {
  handoff<int> q(4);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(q.put(i));
    q.finish();
  });
  std::vector<int> got;
  while (auto item = q.get()) got.push_back(*item);
  producer.join();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(got[static_cast<std::size_t>(i)], i);
  EXPECT_FALSE(q.abandoned());
}

TEST(handoff, the_consumer_sees_an_abandoned_producer_and_a_stopped_consumer_takes_nothing) {
  handoff<int> q(2);
  ASSERT_TRUE(q.put(1));
  q.finish(/*abandoned=*/true);
  EXPECT_TRUE(q.abandoned());

  handoff<int> r(1);
  ASSERT_TRUE(r.put(1));
  std::thread consumer([&] { r.stop(); });  // its side failed
  consumer.join();
  EXPECT_FALSE(r.put(2));  // would wait for room forever without the stop
}

// Items that take longer the earlier they come, on four workers: results
// come out of order on the workers and must be put back in order.
TEST(ordered_pool, gives_results_in_the_order_items_were_put_whatever_finishes_first) {
  std::atomic<int> made{0};
  std::mutex mu;
  std::set<std::thread::id> threads;
  ordered_pool<int, int> pool(
      4, 8,
      [&] {
        ++made;
        return [&](int& i) {
          std::this_thread::sleep_for(std::chrono::microseconds((200 - i % 200) * 5));
          std::lock_guard<std::mutex> lock(mu);
          threads.insert(std::this_thread::get_id());
          return i * 2;
        };
      },
      "test-pool");
  std::thread producer([&] {
    for (int i = 0; i < 400; ++i) ASSERT_TRUE(pool.put(i));
    pool.finish();
  });
  std::vector<int> got;
  while (auto r = pool.get()) got.push_back(*r);
  producer.join();
  ASSERT_EQ(got.size(), 400u);
  for (int i = 0; i < 400; ++i) ASSERT_EQ(got[static_cast<std::size_t>(i)], 2 * i);
  EXPECT_LE(made.load(), 4);  // one work per worker, made once
  EXPECT_GT(threads.size(), 1u);
}

TEST(ordered_pool, a_workers_exception_reaches_the_consumer_in_its_place) {
  ordered_pool<int, int> pool(
      2, 4,
      [] {
        return [](int& i) {
          if (i == 3) throw std::runtime_error("item 3 failed");
          return i;
        };
      },
      "test-pool");
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(pool.put(i));
  pool.finish();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(pool.get().value(), i);
  EXPECT_THROW(pool.get(), std::runtime_error);
}

TEST(ordered_pool, a_stopped_consumer_releases_a_producer_waiting_for_room) {
  ordered_pool<int, int> pool(
      1, 2, [] { return [](int& i) { return i; }; }, "test-pool");
  std::atomic<int> refused{0};
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i)
      if (!pool.put(i)) ++refused;
    pool.finish();
  });
  EXPECT_EQ(pool.get().value(), 0);
  pool.stop();  // would leave the producer waiting for room forever without it
  producer.join();
  EXPECT_GT(refused.load(), 0);
  EXPECT_FALSE(pool.get().has_value());
}

#if defined(__linux__)
TEST(thread_name, names_the_calling_thread) {
  char name[16] = {};
  std::thread t([&] {
    glossa::detail::name_this_thread("glossa-test");
    pthread_getname_np(pthread_self(), name, sizeof name);
  });
  t.join();
  EXPECT_STREQ(name, "glossa-test");
}
#endif
