#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/handoff.hpp"
#include "core/thread_name.hpp"

using glossa::detail::handoff;

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
