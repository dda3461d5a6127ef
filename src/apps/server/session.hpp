// Connections: a listener that caps how many are open and backs off when the
// process runs out of descriptors, and a session per connection that reads
// the headers first (so that a write is authorized, and a smuggled body
// refused, before any body is read).
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <memory>
#include <mutex>
#include <string>

#include "apps/server/routes.hpp"
#include "apps/server/version_gate.hpp"

namespace glossa::server {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

/// The access log: one line per request, buffered, written at least every
/// second and when the server stops. Thread-safe.
class access_log {
 public:
  explicit access_log(bool on) : on_(on) {}
  void add(std::string line);
  void flush();

 private:
  bool on_;
  std::mutex mu_;
  std::string pending_;
};

/// What sessions share: the server's context, the pool heavy requests run
/// on, the log, the count of open connections, and the version gate of a
/// store several servers share (null for one of this server's own).
struct shared_state {
  server_context ctx;
  net::thread_pool heavy{1};
  access_log log;
  std::atomic<std::size_t> connections{0};
  std::unique_ptr<version_gate> gate;
  explicit shared_state(server_context c)
      : ctx(std::move(c)),
        log(!ctx.opts.quiet),
        gate(version_gate::needed(ctx) ? std::make_unique<version_gate>(ctx) : nullptr) {}
};

/// The refusal of a request whose framing is unsafe or unread (no Host in
/// HTTP/1.1, a transfer coding other than a final chunked, Transfer-Encoding
/// beside Content-Length), with the connection to be closed; or nothing.
std::optional<response> refuse_framing(const http::request_header<>& h);

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& ioc, tcp::endpoint ep, shared_state& state);
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void accept();
  void stop();
  /// A session ended: accepting resumes if the cap had stopped it.
  void released();

 private:
  void on_accept(beast::error_code ec, tcp::socket s);
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  shared_state& state_;
  net::steady_timer backoff_;
  std::chrono::milliseconds delay_{0};
  std::atomic<bool> paused_{false}, stopped_{false};
};

}  // namespace glossa::server
