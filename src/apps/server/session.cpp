#include "apps/server/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>
#include <iostream>

#include "apps/shell/messages.hpp"

namespace glossa::server {

namespace {
using shell::tr;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

void access_log::add(std::string line) {
  if (!on_) return;
  std::lock_guard lock(mu_);
  pending_ += line;
  if (pending_.size() > (1 << 16)) {  // a burst: do not hold it all
    std::cerr << pending_ << std::flush;
    pending_.clear();
  }
}

void access_log::flush() {
  std::lock_guard lock(mu_);
  if (pending_.empty()) return;
  std::cerr << pending_ << std::flush;
  pending_.clear();
}

std::optional<response> refuse_framing(const http::request_header<>& h) {
  request req;
  req.version(h.version());
  auto bad = [&](http::status status, std::string_view code, std::string detail) {
    response r = problem(req, status, code, std::move(detail));
    r.keep_alive(false);
    return r;
  };
  // HTTP/1.1 must name its host (RFC 9112 3.2).
  if (h.version() >= 11 && h.find(http::field::host) == h.end())
    return bad(http::status::bad_request, "bad_request", tr("an HTTP/1.1 request must carry a Host header"));
  // The only transfer coding taken is chunked, and it must come last (RFC 9112
  // 6.1): anything else would let a body be read as the next request.
  auto te = h.find(http::field::transfer_encoding);
  if (te == h.end()) return std::nullopt;
  if (h.find(http::field::content_length) != h.end())
    return bad(http::status::bad_request, "bad_request", tr("Transfer-Encoding and Content-Length together"));
  std::string_view list = te->value();
  std::vector<std::string> codings;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view c = list.substr(0, comma);
    while (!c.empty() && (c.front() == ' ' || c.front() == '\t')) c.remove_prefix(1);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
    if (!c.empty()) codings.push_back(lower(c.substr(0, c.find(';'))));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  if (codings.empty() || codings.back() != "chunked")
    return bad(http::status::bad_request, "bad_request", tr("the last transfer coding must be chunked"));
  if (codings.size() > 1)
    return bad(http::status::not_implemented, "not_implemented",
               tr("transfer codings other than chunked are not taken"));
  return std::nullopt;
}

namespace {

// The answer to a request that could not be read: too large (413, 431) or malformed (400).
response unreadable(beast::error_code ec) {
  request req;
  req.version(11);
  response res = ec == http::error::body_limit
                     ? problem(req, http::status::payload_too_large, "too_large", ec.message())
                 : ec == http::error::header_limit
                     ? problem(req, http::status::request_header_fields_too_large, "too_large", ec.message())
                     : problem(req, http::status::bad_request, "bad_request", ec.message());
  res.keep_alive(false);
  return res;
}

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, shared_state& state, std::shared_ptr<listener> owner)
      : stream_(std::move(socket)), state_(state), owner_(std::move(owner)) {}
  ~session() {
    --state_.connections;
    owner_->released();
  }
  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  const options& opts() const { return state_.ctx.opts; }

  void read_header() {
    header_.emplace();
    header_->header_limit(16 * 1024);
    header_->body_limit(opts().body_limit);
    stream_.expires_after(std::chrono::seconds(opts().timeout_seconds));  // slow or idle clients are dropped
    http::async_read_header(stream_, buffer_, *header_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted)
      return close();
    if (ec) return respond({}, unreadable(ec));
    const auto& h = header_->get();
    request head(http::request_header<>(h.base()));
    if (auto refused = refuse_framing(h.base())) return respond(head, std::move(*refused));
    target_ = parse_target(h.target());
    bool body_pending = !header_->is_done();
    auto refuse = [&](response res) {
      if (body_pending) res.keep_alive(false);  // the body is not read: the connection cannot go on
      respond(head, std::move(res));
    };
    if (!target_.ok)
      return refuse(problem(head, http::status::bad_request, "bad_target", tr("malformed or unsafe request path")));
    match_ = match(h.method(), target_);
    if (!match_.r) return refuse(answer(state_.ctx, head, match_, target_));
    // A write is authorized from its headers, before its body is read: an
    // unauthorized client cannot make the server hold a large body.
    if (match_.writes)
      if (auto denied = refuse_write(state_.ctx, head)) return refuse(std::move(*denied));
    if (!body_pending) return run(std::move(head));
    if (lower(h[http::field::expect]) == "100-continue") {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, h.version());
      return http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
        if (wec) return self->close();
        self->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    body_.emplace(std::move(*header_));
    body_->body_limit(opts().body_limit);
    http::async_read(stream_, buffer_, *body_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec == beast::error::timeout || ec == net::error::operation_aborted) return self->close();
      if (ec) return self->respond({}, unreadable(ec));
      self->run(self->body_->release());
    });
  }

  // A request answered from the cache on a shared store waits for the
  // version gate (no round trip on this thread); any other goes on at once.
  void run(request req) {
    if (!state_.gate || !cacheable(req, match_)) return run_at(std::move(req), nullptr);
    auto shared = std::make_shared<request>(std::move(req));
    state_.gate->after(started_, [self = shared_from_this(), shared](result<std::int64_t> version) {
      net::post(self->stream_.get_executor(),
                [self, shared, version = std::move(version)] { self->run_at(std::move(*shared), &version); });
    });
  }

  // Light requests are answered here; heavy ones on the server's pool, so
  // that a dashboard being computed does not hold documents and /healthz.
  void run_at(request req, const result<std::int64_t>* version) {
    auto cached = cached_wire(state_.ctx, req, match_, version);
    if (cached.wire) return send(req, std::move(cached.wire), cached.body_bytes);
    if (cached.refusal) return respond(req, std::move(*cached.refusal));
    if (!match_.heavy) return respond(req, answer(state_.ctx, req, match_, target_));
    stream_.expires_never();
    auto shared = std::make_shared<request>(std::move(req));
    net::post(state_.heavy, [self = shared_from_this(), shared, version = cached.version] {
      auto res = std::make_shared<response>(answer(self->state_.ctx, *shared, self->match_, self->target_));
      net::post(self->stream_.get_executor(), [self, shared, res, version] {
        // Kept here too, so that the next such request is sent from this thread.
        if (version) remember(*shared, self->match_, *version, *res);
        self->respond(*shared, std::move(*res));
      });
    });
  }

  void respond(const request& req, response res) {
    if (res.keep_alive()) res.keep_alive(req.keep_alive() && req.version() >= 10);
    finish(req, res);
    log(req, res);
    auto shared = std::make_shared<response>(std::move(res));
    stream_.expires_after(std::chrono::seconds(opts().timeout_seconds));  // the answer gets its own window
    http::async_write(stream_, *shared, [self = shared_from_this(), shared](beast::error_code wec, std::size_t) {
      if (wec || !shared->keep_alive()) return self->close();
      self->read_header();
    });
  }

  // A cached answer, as its bytes: no headers to build, no body to copy.
  void send(const request& req, std::shared_ptr<const std::string> wire, std::size_t body_bytes) {
    log(req, 200, body_bytes);
    stream_.expires_after(std::chrono::seconds(opts().timeout_seconds));
    // Asio's transfer_all writes 64 KiB per call; a large answer (a bundle, the
    // dashboard) goes in 512 KiB writes: fewer calls, and still no single
    // copy long enough to hold the thread's other clients.
    auto in_large_writes = [](const beast::error_code& ec, std::size_t) -> std::size_t { return ec ? 0 : 512 * 1024; };
    net::async_write(stream_, net::buffer(*wire), in_large_writes,
                     [self = shared_from_this(), wire](beast::error_code wec, std::size_t) {
                       if (wec) return self->close();
                       self->read_header();
                     });
  }

  void log(const request& req, const response& res) { log(req, res.result_int(), res.payload_size().value_or(0)); }
  void log(const request& req, unsigned status, std::size_t bytes) {
    auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
    std::string line(req.method_string());
    line += ' ';
    line += valid_utf8(req.target());
    line += ' ' + std::to_string(status) + ' ' + std::to_string(bytes) + "B " + std::to_string(us) + "us\n";
    state_.log.add(std::move(line));
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  shared_state& state_;
  std::shared_ptr<listener> owner_;
  std::optional<http::request_parser<http::empty_body>> header_;
  std::optional<http::request_parser<http::string_body>> body_;
  target target_;
  route_match match_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

listener::listener(net::io_context& ioc, tcp::endpoint ep, shared_state& state)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(state), backoff_(acceptor_.get_executor()) {
  acceptor_.open(ep.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(ep);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

void listener::accept() {
  if (stopped_) return;
  // At the cap, stop accepting (the kernel's backlog holds new clients) until
  // a connection ends. Checked again after pausing: one may just have ended.
  if (state_.connections.load() >= state_.ctx.opts.max_connections) {
    paused_ = true;
    if (state_.connections.load() >= state_.ctx.opts.max_connections) return;
    paused_ = false;
  }
  acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
    self->on_accept(ec, std::move(s));
  });
}

void listener::on_accept(beast::error_code ec, tcp::socket s) {
  if (ec == net::error::operation_aborted || stopped_) return;
  if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec.value() == ENFILE ||
      ec.value() == EMFILE) {
    // Out of descriptors: wait, longer each time (to 1 s), instead of asking
    // again at once and spinning a core while connections hold them all.
    delay_ = std::min<std::chrono::milliseconds>(
        std::chrono::seconds(1), std::max<std::chrono::milliseconds>(delay_ * 2, std::chrono::milliseconds(10)));
    backoff_.expires_after(delay_);
    backoff_.async_wait([self = shared_from_this()](beast::error_code) { self->accept(); });
    return;
  }
  delay_ = std::chrono::milliseconds(0);
  if (!ec) {
    ++state_.connections;
    std::make_shared<session>(std::move(s), state_, shared_from_this())->start();
  }
  accept();
}

void listener::released() {
  if (paused_.exchange(false)) net::post(acceptor_.get_executor(), [self = shared_from_this()] { self->accept(); });
}

void listener::stop() {
  stopped_ = true;
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
    self->backoff_.cancel();
  });
}

}  // namespace glossa::server
