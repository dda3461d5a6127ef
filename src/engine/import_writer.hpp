// The write of an XLIFF import, on a thread of its own: the documents judged
// so far are stored while the rest of the file is judged.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "core/handoff.hpp"
#include "glossa/engine.hpp"
#include "glossa/model.hpp"
#include "glossa/store.hpp"

namespace glossa::detail {

/// Documents handed over with put() are stored as they come, all in ONE
/// transaction (write_each), which commits once finish() says everything was
/// handed over and rolls back when abandon() is called instead. The thread
/// starts with the first document; a writer given none writes nothing.
class import_writer {
 public:
  /// `options.batch_started` is taken over (batch() reports the batch).
  import_writer(store& st, write_options options);
  ~import_writer();  // abandons a write still running, and waits for it
  import_writer(const import_writer&) = delete;
  import_writer& operator=(const import_writer&) = delete;

  /// Hands one document over (starting the write with the first); waits for
  /// room. False when the write has failed: hand nothing more, wait() says why.
  bool put(document_input in);
  /// Everything is handed over: the write may commit.
  void finish();
  /// Nothing of this import may be kept: the write rolls back.
  void abandon();
  /// The batch the write records, as soon as it has recorded it (0 for a
  /// dry run, when it failed first, or when nothing was handed over).
  std::int64_t batch();
  /// Waits for the write to end: its report or error; nullopt when nothing
  /// was handed over. An exception thrown while writing is rethrown here.
  std::optional<result<write_report>> wait();

 private:
  void run();
  void announce(std::int64_t batch);

  store& store_;
  write_options options_;
  handoff<document_input> queue_{256};
  std::optional<std::thread> thread_;
  std::optional<result<write_report>> written_;
  std::exception_ptr failed_;
  std::mutex announce_mutex_;
  std::condition_variable announced_cv_;
  bool announced_ = false;
  std::int64_t batch_ = 0;
};

}  // namespace glossa::detail
