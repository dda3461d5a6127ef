// A bounded queue between two threads, one producing and one consuming: the
// XLIFF export reads the store on one thread and writes XML on the other; the
// import judges units on one and stores them on the other. Bounded, so that
// memory stays that of a few items whichever side is faster.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace glossa::detail {

template <class T>
class handoff {
 public:
  explicit handoff(std::size_t capacity) : capacity_(capacity) {}

  /// Producer: hands `item` over, waiting for room. False once the consumer
  /// has stopped. Items the consumer gave back are freed here, by the thread
  /// that allocated them (a free from another thread is slower).
  bool put(T item) {
    std::vector<T> spent;
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < capacity_ || stopped_; });
    if (stopped_) return false;
    queue_.push_back(std::move(item));
    spent.swap(spent_);
    ready_.notify_one();
    lock.unlock();
    return true;
  }

  /// Producer: nothing more will come (`abandoned`: and what came must not be used).
  void finish(bool abandoned = false) {
    std::lock_guard<std::mutex> lock(mu_);
    finished_ = true;
    abandoned_ = abandoned_ || abandoned;
    ready_.notify_all();
  }

  /// Consumer: the next item; nullopt once the producer has finished and
  /// everything was taken.
  std::optional<T> get() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty() || finished_; });
    if (queue_.empty()) return std::nullopt;
    T item = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return item;
  }

  /// Consumer: whether the producer gave up (an error or an exception on its side).
  bool abandoned() {
    std::lock_guard<std::mutex> lock(mu_);
    return abandoned_;
  }

  /// Consumer: done with `item`; the producer frees it.
  void recycle(T&& item) {
    std::lock_guard<std::mutex> lock(mu_);
    spent_.push_back(std::move(item));
  }

  /// Consumer: takes nothing more (its side failed).
  void stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    room_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable room_, ready_;
  std::deque<T> queue_;
  std::vector<T> spent_;
  bool finished_ = false, abandoned_ = false, stopped_ = false;
};

}  // namespace glossa::detail
