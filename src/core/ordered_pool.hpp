// Work spread over threads, results kept in order: one producer puts items,
// several workers turn each into a result, one consumer takes the results in
// the order the items were put. The memory's walk reads documents on one
// thread, derives their pairs on the workers and indexes them, in the store's
// order, on the caller's. Bounded, so that memory stays that of a few items
// in flight whichever side is faster.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "core/thread_name.hpp"

namespace glossa::detail {

template <class In, class Out>
class ordered_pool {
 public:
  /// What one worker does to an item; each worker gets its own from
  /// `make_worker` (called on the worker's thread), so that it may hold
  /// state no other thread touches (a break iterator).
  using work = std::function<Out(In&)>;

  /// Starts `workers` threads (at least one) named `name`; at most
  /// `capacity` items are in flight (put and not yet taken).
  ordered_pool(std::size_t workers, std::size_t capacity, std::function<work()> make_worker, const char* name)
      : capacity_(capacity < 1 ? 1 : capacity), make_worker_(std::move(make_worker)), name_(name) {
    try {
      for (std::size_t i = 0; i < (workers < 1 ? 1 : workers); ++i) threads_.emplace_back([this] { run(); });
    } catch (...) {  // a thread that cannot start: end those that did
      stop();
      for (auto& t : threads_) t.join();
      throw;
    }
  }
  ordered_pool(const ordered_pool&) = delete;
  ordered_pool& operator=(const ordered_pool&) = delete;
  ~ordered_pool() {
    stop();
    for (auto& t : threads_) t.join();
  }

  /// Producer: hands `item` over, waiting for room. False once the consumer has stopped.
  bool put(In item) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return in_flight_ < capacity_ || stopped_; });
    if (stopped_) return false;
    todo_.emplace_back(next_in_, std::move(item));  // numbered only once stored: no gap if this throws
    ++next_in_;
    ++in_flight_;
    work_.notify_one();
    return true;
  }

  /// Producer: nothing more will come.
  void finish() {
    std::lock_guard<std::mutex> lock(mu_);
    finished_ = true;
    work_.notify_all();
    ready_.notify_all();
  }

  /// Consumer: the next result in order; nullopt once everything put was
  /// taken and the producer has finished, or after stop(). A worker's
  /// exception is thrown here.
  std::optional<Out> get() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [&] { return done_.count(next_out_) || (finished_ && next_out_ == next_in_) || stopped_; });
    if (broken_) std::rethrow_exception(broken_);
    auto it = done_.find(next_out_);
    if (stopped_ || it == done_.end()) return std::nullopt;
    slot s = std::move(it->second);
    done_.erase(it);
    ++next_out_;
    --in_flight_;
    room_.notify_one();
    lock.unlock();
    if (s.failed) std::rethrow_exception(s.failed);
    return std::move(s.out);
  }

  /// Consumer: takes nothing more; workers end after their current item.
  void stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    room_.notify_all();
    work_.notify_all();
    ready_.notify_all();
  }

 private:
  struct slot {
    std::optional<Out> out;
    std::exception_ptr failed;
  };

  void run() {
    name_this_thread(name_);
    std::optional<work> w;
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      work_.wait(lock, [&] { return !todo_.empty() || finished_ || stopped_; });
      if (stopped_ || todo_.empty()) return;
      auto [number, item] = std::move(todo_.front());
      todo_.pop_front();
      lock.unlock();
      slot s;
      try {
        if (!w) w.emplace(make_worker_());
        s.out.emplace((*w)(item));
      } catch (...) {
        s.failed = std::current_exception();
      }
      lock.lock();
      try {
        done_.emplace(number, std::move(s));
      } catch (...) {  // the result cannot be kept (no memory): the pool fails as a whole
        broken_ = std::current_exception();
        stopped_ = true;
        room_.notify_all();
        work_.notify_all();
      }
      ready_.notify_all();
    }
  }

  std::size_t capacity_;
  std::function<work()> make_worker_;
  const char* name_;
  std::mutex mu_;
  std::condition_variable room_, work_, ready_;
  std::deque<std::pair<std::uint64_t, In>> todo_;
  std::map<std::uint64_t, slot> done_;
  std::uint64_t next_in_ = 0, next_out_ = 0;
  std::size_t in_flight_ = 0;
  bool finished_ = false, stopped_ = false;
  std::exception_ptr broken_;         ///< a result a worker could not hand over
  std::vector<std::thread> threads_;  // last: started once everything above is built
};

/// Gathers items into batches of `size` for a producer's put().
template <class Batch>
class batching {
 public:
  batching(std::size_t size, std::function<bool(Batch&&)> put) : size_(size), put_(std::move(put)) {}
  /// Adds `item`; false once put() has refused a batch (the consumer stopped).
  bool add(typename Batch::value_type&& item) {
    batch_.push_back(std::move(item));
    if (batch_.size() == size_) flush();
    return more_;
  }
  /// Hands on what was gathered.
  void flush() {
    if (more_ && !batch_.empty()) more_ = put_(std::move(batch_));
    batch_.clear();
  }

 private:
  std::size_t size_;
  std::function<bool(Batch&&)> put_;
  Batch batch_;
  bool more_ = true;
};

/// Runs `read(put)` on a thread of its own named `reader_name`, `put`
/// handing each item to `pool`, and gives the results to `take` on this
/// thread, in order, until it returns false. Returns what `read` returned;
/// an exception on either side is thrown here once both have stopped.
template <class In, class Out, class Read, class Take>
auto read_in_order(ordered_pool<In, Out>& pool, const char* reader_name, Read&& read, Take&& take) {
  using put_type = std::function<bool(In &&)>;
  decltype(read(std::declval<const put_type&>())) walked{};
  std::exception_ptr reader_failed;
  std::thread reader([&] {
    name_this_thread(reader_name);
    try {
      walked = read(put_type([&](In&& item) { return pool.put(std::move(item)); }));
    } catch (...) {
      reader_failed = std::current_exception();
    }
    pool.finish();
  });
  try {
    while (auto out = pool.get())
      if (!take(*out)) break;
  } catch (...) {
    pool.stop();
    reader.join();
    throw;
  }
  pool.stop();
  reader.join();
  if (reader_failed) std::rethrow_exception(reader_failed);
  return walked;
}

}  // namespace glossa::detail
