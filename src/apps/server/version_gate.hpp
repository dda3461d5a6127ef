// The store version for answers from the cache, when several servers share
// the store (PostgreSQL): a read must see every write answered before it
// started, so each request needs the version as read by a query sent after
// the request arrived. Asking on the I/O thread would hold that thread for a
// round trip per request; the gate asks on a thread of its own, and one
// query answers every request that arrived before it was sent.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <glossa/engine.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "apps/server/routes.hpp"

namespace glossa::server {

class version_gate {
 public:
  using clock = std::chrono::steady_clock;
  using answer = std::function<void(result<std::int64_t>)>;

  /// Reads the version of the store `ctx` names, on a connection of its own.
  explicit version_gate(const server_context& ctx);
  ~version_gate();
  version_gate(const version_gate&) = delete;
  version_gate& operator=(const version_gate&) = delete;

  /// Calls `then` with the version read by a query sent after `arrived`
  /// (at once when the last one was; else on the gate's thread), or with
  /// the error that query met.
  void after(clock::time_point arrived, answer then);

  /// Whether the store `ctx` names is shared by servers (its version then
  /// goes through a gate).
  static bool needed(const server_context& ctx);

 private:
  void loop();
  static void answer_one(const answer& then, const result<std::int64_t>& version) noexcept;
  result<std::int64_t> read();
  result<std::int64_t> read_store();

  const server_context& ctx_;
  std::unique_ptr<store> store_;  // the gate's connection; opened again after a failure
  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<answer> waiting_;
  std::optional<std::pair<clock::time_point, result<std::int64_t>>> last_;  // when sent, what it read
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace glossa::server
