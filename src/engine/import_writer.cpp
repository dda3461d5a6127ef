#include "engine/import_writer.hpp"

#include <stdexcept>

#include "core/thread_name.hpp"
#include "engine/write.hpp"

namespace glossa::detail {

import_writer::import_writer(store& st, write_options options) : store_(st), options_(std::move(options)) {
  bool dry_run = options_.dry_run;
  options_.batch_started = [this, dry_run](std::int64_t b) { announce(dry_run ? 0 : b); };  // a dry run keeps none
}

import_writer::~import_writer() {
  if (!thread_ || !thread_->joinable()) return;
  queue_.finish(/*abandoned=*/true);
  thread_->join();
}

bool import_writer::put(document_input in) {
  if (!thread_) thread_.emplace([this] { run(); });
  return queue_.put(std::move(in));
}

void import_writer::finish() { queue_.finish(); }

void import_writer::abandon() { queue_.finish(/*abandoned=*/true); }

std::int64_t import_writer::batch() {
  if (!thread_) return 0;
  std::unique_lock lock(announce_mutex_);
  announced_cv_.wait(lock, [&] { return announced_; });
  return batch_;
}

std::optional<result<write_report>> import_writer::wait() {
  if (!thread_) return std::nullopt;
  if (thread_->joinable()) thread_->join();
  if (failed_) std::rethrow_exception(failed_);
  return written_;
}

void import_writer::run() {
  name_this_thread("glossa-write");
  try {
    written_ = write_each(
        store_,
        [&](document_input& next) {
          auto in = queue_.get();
          if (queue_.abandoned()) throw std::runtime_error("import abandoned");  // rolled back
          if (!in) return false;
          next = std::move(*in);
          return true;
        },
        options_);
  } catch (...) {
    failed_ = std::current_exception();
  }
  queue_.stop();  // a failed write takes nothing more
  announce(0);    // no batch (a dry run, a failure): nothing more to wait for
}

void import_writer::announce(std::int64_t batch) {
  std::lock_guard lock(announce_mutex_);
  if (!announced_) batch_ = batch;
  announced_ = true;
  announced_cv_.notify_all();
}

}  // namespace glossa::detail
