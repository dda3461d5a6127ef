// glossa serve: the HTTP API over the engine (Boost.Beast, asynchronous).
// Routing and HTTP only; every answer comes from an engine call.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace glossa::server {

struct options {
  std::string db = "glossa.db";               ///< store file
  std::string host = "127.0.0.1";             ///< default: loopback only
  unsigned short port = 8080;                 ///< 0: any free port (printed on start)
  std::string token_file;                     ///< bearer token for writes; empty: read-only server
  int threads = 2;                            ///< I/O threads; each has its own store connection
  std::size_t body_limit = 16 * 1024 * 1024;  ///< bytes; larger bodies get 413
  int timeout_seconds =
      30;  ///< a request must arrive, and an answer be taken, within this time; slow or idle clients are dropped
  bool quiet = false;      ///< no access log
  std::string allow_list;  ///< QA allow-list file (terms that may stay identical); empty: none
  /// Connections open at once; more wait in the kernel's backlog. 0 (the
  /// default): derived from the descriptor limit (RLIMIT_NOFILE), less what
  /// the store connections and the process need.
  std::size_t max_connections = 0;
};

/// Exit codes of run() besides the CLI's table: 4 for a token file holding
/// no token or one under 16 bytes.
inline constexpr std::size_t min_token_bytes = 16;

/// Runs until SIGINT/SIGTERM. Returns a process exit code.
int run(const options& opts);

/// One raw HTTP/1.1 request, parsed and answered as a connection would answer
/// it (no token: writes refused). For the HTTP fuzzer and tests. The calling
/// thread's store connection is opened on the first call and reused: call it
/// with the same `opts.db` every time.
struct exchange {
  unsigned status = 0;
  std::string content_type;
  std::string body;
};
exchange answer_raw(const options& opts, std::string_view raw);

}  // namespace glossa::server
