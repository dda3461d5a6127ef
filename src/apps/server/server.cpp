// glossa serve: startup (token, store, limits), the I/O threads, shutdown.
// Connections are in session.cpp, routes in routes.cpp, HTTP pieces in http.cpp.
#include "apps/server/server.hpp"

#include <sys/resource.h>

#include <boost/asio/signal_set.hpp>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "apps/server/session.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"
#include "apps/shell/messages.hpp"
#include "glossa/glossa.hpp"

namespace glossa::server {

namespace {
using shell::tr;

void say_error(const std::string& what) { std::cerr << "glossa: " << tr("error") << ": " << what << "\n"; }

// The token: the file's first line, without surrounding whitespace. Exit
// codes: 3 unreadable, 4 empty or shorter than min_token_bytes.
int read_token(const std::string& path, std::string& token) {
  std::ifstream in(path);
  if (!in) {
    say_error(path + ": " + tr("cannot read the token file"));
    return shell::exit_io;
  }
  std::getline(in, token);
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!token.empty() && blank(token.back())) token.pop_back();
  while (!token.empty() && blank(token.front())) token.erase(0, 1);
  if (token.empty()) {
    say_error(path + ": " + tr("the token file holds no token; write one of at least 16 bytes"));
    return shell::exit_invalid;
  }
  if (token.size() < min_token_bytes) {
    say_error(
        path + ": " +
        shell::fill(tr("the token is {1} bytes long; a token must have at least 16"), std::to_string(token.size())));
    return shell::exit_invalid;
  }
  return shell::exit_ok;
}

// The store, checked before serving. A read-only server opens it read-only
// and changes nothing in the file; one that takes writes opens it for
// writing, which upgrades it and gives it its labels. Exit codes:
// exit_not_found no store, exit_store unusable (or in need of an upgrade a
// read-only server cannot do).
int check_store(const options& opts, bool writable) {
  store_options so;
  so.create_if_missing = false;
  so.read_only = !writable;
  auto st = open_store(store_uri(opts.db), so);
  if (!st) {
    std::string why = st.err().to_string();
    if (st.err().code == errc::store_version && !writable)
      why += "; " + shell::fill(tr("upgrade it with `glossa --db {1} store upgrade`"), redacted_store_uri(opts.db));
    say_error(why);
    return st.err().code == errc::not_found ? shell::exit_not_found : shell::exit_store;
  }
  if (!writable) return shell::exit_ok;
  engine e(std::move(*st));
  if (auto labels = e.ensure_labels(); !labels)
    std::cerr << "glossa: " << tr("warning") << ": " << labels.err().to_string() << "\n";
  return shell::exit_ok;
}

// Connections at most: the descriptors the process may open, less those
// its store connections (a file, its WAL and shared memory, per connection,
// two connections per thread and the heavy pool's) and the process need.
std::size_t connection_cap(const options& opts) {
  if (opts.max_connections) return opts.max_connections;
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return 1024;
  auto reserve = static_cast<rlim_t>(32 + 6 * (opts.threads + 1));
  return r.rlim_cur > reserve + 4 ? static_cast<std::size_t>(r.rlim_cur - reserve) : 4;
}

}  // namespace

int run(const options& given) {
  server_context ctx{given, {}, {}};
  ctx.opts.max_connections = connection_cap(given);
  if (!given.token_file.empty())
    if (int rc = read_token(given.token_file, ctx.token)) return rc;
  if (!given.allow_list.empty()) {
    auto terms = shell::read_allow_list(given.allow_list);
    if (!terms) {
      say_error(terms.err().to_string());
      return shell::exit_invalid;
    }
    ctx.qa.allow_identical = std::move(*terms);
  }
  if (int rc = check_store(given, !ctx.token.empty())) return rc;
  beast::error_code ec;
  auto address = net::ip::make_address(given.host, ec);
  if (ec) {
    say_error(shell::fill(tr("'{1}' is not an IP address"), given.host));
    return shell::exit_usage;
  }
  // Declared before the I/O context, so that it outlives the sessions whose
  // handlers the context still holds when it is destroyed.
  shared_state state(ctx);
  net::io_context ioc{given.threads};
  std::shared_ptr<listener> l;
  try {
    l = std::make_shared<listener>(ioc, tcp::endpoint{address, given.port}, state);
  } catch (const std::exception& ex) {
    say_error(shell::fill(tr("cannot listen on {1}"), given.host + ":" + std::to_string(given.port)) + ": " +
              ex.what());
    return shell::exit_io;
  }
  l->accept();
  std::cout << "glossa: "
            << shell::fill(tr("serving {1} on {2}"), redacted_store_uri(given.db),
                           "http://" + given.host + ":" + std::to_string(l->port()))
            << (ctx.token.empty() ? " (" + tr("read-only") + ")" : "") << std::endl;
  // The access log is written at least every second.
  net::steady_timer flusher(ioc);
  std::function<void(beast::error_code)> tick = [&](beast::error_code e) {
    if (e) return;
    state.log.flush();
    flusher.expires_after(std::chrono::seconds(1));
    flusher.async_wait(tick);
  };
  tick({});
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    l->stop();  // stop accepting; the loop ends when the open exchanges do
    flusher.cancel();
    ioc.stop();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < given.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  state.gate.reset();  // the sessions still waiting for it end while the context lives
  state.heavy.join();
  state.log.flush();
  std::cout << "glossa: " << tr("stopped") << std::endl;
  return shell::exit_ok;
}

exchange answer_raw(const options& opts, std::string_view raw) {
  server_context ctx{opts, {}, {}};
  http::request_parser<http::string_body> parser;
  parser.body_limit(opts.body_limit);
  parser.header_limit(16 * 1024);
  parser.eager(true);
  beast::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_done() && used < raw.size()) {
    std::size_t n = parser.put(net::buffer(raw.data() + used, raw.size() - used), ec);
    if (n == 0 && !ec) break;
    used += n;
  }
  if (ec == http::error::need_more) ec = {};  // the input ended: let put_eof judge what is missing
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  request req;
  response res;
  if (ec || !parser.is_done()) {
    req.version(11);
    res = problem(req, http::status::bad_request, "bad_request", ec ? ec.message() : "partial message");
  } else {
    req = parser.release();
    target t = parse_target(req.target());
    route_match m = match(req.method(), t);
    if (auto refused = refuse_framing(req.base()))
      res = std::move(*refused);
    else if (!t.ok)
      res = problem(req, http::status::bad_request, "bad_target", tr("malformed or unsafe request path"));
    else if (auto denied = m.r && m.writes ? refuse_write(ctx, req) : std::nullopt)
      res = std::move(*denied);
    else
      res = answer(ctx, req, m, t);
  }
  finish(req, res);
  return {res.result_int(), std::string(res[http::field::content_type]), std::move(res.body())};
}

}  // namespace glossa::server
