// glossa serve: the HTTP API (apps/server).
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/server/server.hpp"

namespace glossa::cli {

void add_serve(CLI::App& parent, context& c) {
  auto so = std::make_shared<server::options>();
  auto* cmd = parent.add_subcommand("serve", tr("Serve localized documents over HTTP (JSON API)"));
  cmd->add_option("--host", so->host, tr("Address to listen on (default: 127.0.0.1)"));
  cmd->add_option("--port", so->port, tr("Port (default: 8080; 0 picks a free one)"));
  cmd->add_option("--token-file", so->token_file,
                  tr("File holding the bearer token for writes (default: none, read-only)"));
  cmd->add_option("--threads", so->threads, tr("I/O threads (default: 2)"))->check(CLI::Range(1, 64));
  cmd->add_option_function<std::string>(
      "--max-body-size",
      [so](const std::string& v) {
        auto bytes = parse_size(v);
        if (!bytes) throw CLI::ValidationError("--max-body-size", tr("a size such as 512M or 2G"));
        so->body_limit = static_cast<std::size_t>(*bytes);
      },
      tr("Largest request body accepted; larger ones get 413 (default: 16M)"));
  cmd->add_option("--max-connections", so->max_connections,
                  tr("Connections open at once (default: from the descriptor limit)"))
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  cmd->add_option("--timeout", so->timeout_seconds, tr("Seconds a client may take to send a request (default: 30)"))
      ->check(CLI::Range(1, 3600));
  cmd->callback([&c, so] {
    so->db = c.db;
    so->allow_list = c.allow_list;
    so->quiet = c.quiet;
    c.rc = server::run(*so);
  });
}

}  // namespace glossa::cli
