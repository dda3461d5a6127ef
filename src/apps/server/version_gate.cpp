#include "apps/server/version_gate.hpp"

#include <glossa/store.hpp>

namespace glossa::server {

version_gate::version_gate(const server_context& ctx) : ctx_(ctx), thread_([this] { loop(); }) {}

version_gate::~version_gate() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

bool version_gate::needed(const server_context& ctx) {
  std::string uri = store_uri(ctx.opts.db);
  return uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0;
}

void version_gate::after(clock::time_point arrived, answer then) {
  std::unique_lock<std::mutex> lock(mu_);
  if (last_ && last_->first >= arrived) {  // sent after this request arrived: it sees what it must
    auto known = last_->second;
    lock.unlock();
    return then(std::move(known));
  }
  waiting_.push_back(std::move(then));
  lock.unlock();
  wake_.notify_one();
}

// One query at a time, for everything that waits when it is sent.
void version_gate::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    if (stopping_) return;  // the answers still waiting are dropped with the server's sessions
    std::vector<answer> batch;
    batch.swap(waiting_);
    auto sent = clock::now();
    lock.unlock();
    auto version = read();
    for (auto& then : batch) answer_one(then, version);
    batch.clear();  // a session whose last owner this was ends here, not under the lock
    lock.lock();
    last_.emplace(sent, std::move(version));
  }
}

// An answer that throws (out of memory posting it) loses that request, not
// the gate's thread: the session's own timer ends it.
void version_gate::answer_one(const answer& then, const result<std::int64_t>& version) noexcept {
  try {
    then(version);
  } catch (...) {
  }
}

result<std::int64_t> version_gate::read() {
  try {
    return read_store();
  } catch (const std::exception& e) {
    store_.reset();
    return error(errc::store_unavailable, std::string("the store version cannot be read: ") + e.what());
  }
}

result<std::int64_t> version_gate::read_store() {
  if (!store_) {
    store_options so;
    so.create_if_missing = false;
    so.read_only = true;
    auto st = open_store(store_uri(ctx_.opts.db), so);
    if (!st) return error(errc::store_unavailable, "the store cannot be opened: " + st.err().message);
    store_ = std::move(*st);
  }
  auto version = store_->version();
  if (!version) store_.reset();  // the next query opens a new connection
  return version;
}

}  // namespace glossa::server
