#include "apps/server/server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "glossa/glossa.hpp"
#include "apps/cli/messages.hpp"
#include "util/sha256.hpp"

namespace glossa::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

namespace {
using cli::tr;

// One table: error codes to HTTP statuses.
http::status status_for(errc code) {
  switch (code) {
    case errc::not_found: return http::status::not_found;
    case errc::invalid_locale:
    case errc::unknown_locale:
    case errc::invalid_argument:
    case errc::unknown_type:
    case errc::unknown_field: return http::status::bad_request;
    case errc::invalid_utf8:
    case errc::json_syntax:
    case errc::invalid_content:
    case errc::invalid_value:
    case errc::invalid_schema:
    case errc::control_character:
    case errc::too_long:
    case errc::invalid_xliff:
    case errc::qa_failed: return http::status::unprocessable_entity;
    case errc::too_large: return http::status::payload_too_large;
    case errc::store_busy: return http::status::service_unavailable;
    default: return http::status::internal_server_error;
  }
}

struct context {
  options opts;
  std::string token;
  qa_options qa;
};

// Each I/O thread has its own store connections (a store is not thread-safe):
// a read-only one for reads, a read-write one opened on the first write.
engine& thread_engine(const context& ctx, bool write = false) {
  thread_local std::unique_ptr<engine> reader, writer;
  auto& e = write ? writer : reader;
  if (!e) {
    store_options so;
    so.create_if_missing = false;
    so.read_only = !write;
    auto st = open_store("sqlite:" + ctx.opts.db, so);
    if (!st) throw std::runtime_error(st.err().to_string());
    e = std::make_unique<engine>(std::move(*st));
    e->set_qa_options(ctx.qa);
  }
  return *e;
}

response problem(const request& req, http::status status, std::string_view code, std::string detail) {
  boost::json::object o{{"type", "about:blank"},
                        {"title", std::string(http::obsolete_reason(status))},
                        {"status", static_cast<int>(status)},
                        {"code", code},
                        {"detail", detail}};
  response res{status, req.version()};
  res.set(http::field::content_type, "application/problem+json");
  res.body() = boost::json::serialize(o);
  return res;
}

response problem(const request& req, const error& e) { return problem(req, status_for(e.code), to_string(e.code), e.to_string()); }

// Path and query of a request target, decoded (%XX, '+').
struct target {
  std::vector<std::string> path;
  std::map<std::string, std::string> query;
  bool ok = true;
};

std::string decode(std::string_view s, bool& ok) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (s[i] == '%') {
      ok = false;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

target parse_target(std::string_view t) {
  target out;
  auto q = t.find('?');
  std::string_view path = t.substr(0, q), query = q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
  std::size_t i = 0;
  while (i <= path.size()) {
    auto slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) {
      std::string seg = decode(path.substr(i, slash - i), out.ok);
      // No traversal, no separators hidden in encoded segments.
      if (seg == "." || seg == ".." || seg.find('/') != std::string::npos || seg.find('\0') != std::string::npos) out.ok = false;
      out.path.push_back(std::move(seg));
    }
    i = slash + 1;
  }
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    out.query[decode(pair.substr(0, eq), out.ok)] = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1), out.ok);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return out;
}

response json_response(const request& req, std::string body, const std::string& lang = {}, std::string etag = {}) {
  response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "application/json; charset=utf-8");
  if (!lang.empty()) {
    res.set(http::field::content_language, lang);
    res.set(http::field::vary, "Accept-Language");
  }
  // A strong validator: the same representation gives the same tag.
  if (etag.empty()) etag = "\"" + detail::sha256_hex(body).substr(0, 32) + "\"";
  res.set(http::field::etag, etag);
  if (req[http::field::if_none_match] == etag) {
    response not_modified{http::status::not_modified, req.version()};
    not_modified.set(http::field::etag, etag);
    if (!lang.empty()) {
      not_modified.set(http::field::content_language, lang);
      not_modified.set(http::field::vary, "Accept-Language");
    }
    return not_modified;
  }
  res.body() = std::move(body);
  return res;
}

std::optional<response> check_write_access(const context& ctx, const request& req) {
  if (ctx.token.empty()) return problem(req, http::status::forbidden, "read_only", tr("this server has no token configured: writes are disabled"));
  auto auth = req[http::field::authorization];
  if (auth.empty()) {
    auto r = problem(req, http::status::unauthorized, "unauthorized", tr("writes need 'Authorization: Bearer <token>'"));
    r.set(http::field::www_authenticate, "Bearer");
    return r;
  }
  if (auth != "Bearer " + ctx.token) return problem(req, http::status::forbidden, "forbidden", tr("the token is not valid"));
  return std::nullopt;
}

localize_options localization(const request& req, const target& t) {
  localize_options o;
  if (auto it = t.query.find("locale"); it != t.query.end()) o.locale = it->second;
  else o.accept_language = std::string(req[http::field::accept_language]);
  if (auto it = t.query.find("stale"); it != t.query.end())
    if (auto p = parse_stale_policy(it->second)) o.stale = *p;
  return o;
}

// Answers to GET requests, per thread, while the store has not changed: the
// same document in the same locale is computed once, not on every request.
struct cached_answer {
  std::string body, lang, etag;
};
struct answer_cache {
  std::int64_t version = -1;
  std::size_t bytes = 0;
  std::unordered_map<std::string, cached_answer> answers;
};

response handle_uncached(const context& ctx, const request& req);

response handle(const context& ctx, const request& req) {
  // Documents, lists, bundles and locales are cached; exports and coverage
  // (large, and keyed by arbitrary query strings) are computed each time.
  bool cacheable = req.method() == http::verb::get && req.target().starts_with("/v1/") && !req.target().starts_with("/v1/xliff") &&
                   !req.target().starts_with("/v1/coverage");
  if (!cacheable) return handle_uncached(ctx, req);
  thread_local answer_cache cache;
  auto version = thread_engine(ctx).storage().version();
  if (!version || *version != cache.version) {
    cache.answers.clear();
    cache.bytes = 0;
    cache.version = version ? *version : -1;
  }
  std::string key = std::string(req.target()) + "\n" + std::string(req[http::field::accept_language]);
  if (auto it = cache.answers.find(key); it != cache.answers.end()) {
    return json_response(req, it->second.body, it->second.lang, it->second.etag);
  }
  response res = handle_uncached(ctx, req);
  // Bounded by entries and bytes: unknown query parameters make new keys.
  constexpr std::size_t max_entries = 4096, max_bytes = 64 * 1024 * 1024;
  if (res.result() == http::status::ok && cache.answers.size() < max_entries && cache.bytes + res.body().size() <= max_bytes) {
    cache.bytes += res.body().size() + key.size();
    cache.answers[key] = {res.body(), std::string(res[http::field::content_language]), std::string(res[http::field::etag])};
  }
  return res;
}

// Coverage options from a query: locale=ar,fr (or repeated), type=, by=locale|type|document|field.
result<coverage_options> coverage_request(const target& t) {
  coverage_options o;
  if (auto it = t.query.find("locale"); it != t.query.end()) {
    std::string_view list = it->second;
    while (!list.empty()) {
      auto comma = list.find(',');
      if (comma != 0) o.locales.emplace_back(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  if (auto it = t.query.find("type"); it != t.query.end()) o.type = it->second;
  if (auto it = t.query.find("by"); it != t.query.end()) {
    const std::string& by = it->second;
    if (by == "locale") o.by = coverage_grouping::locale;
    else if (by == "type") o.by = coverage_grouping::type;
    else if (by == "document") o.by = coverage_grouping::document;
    else if (by == "field") o.by = coverage_grouping::field;
    else return error(errc::invalid_argument, "by must be locale, type, document or field");
  }
  return o;
}

// The UI language asked for (?lang=) or negotiated from Accept-Language
// among Glossa's UI languages.
std::string ui_language_of(const request& req, const target& t) {
  std::string lang;
  if (auto it = t.query.find("lang"); it != t.query.end()) lang = it->second;
  else lang = negotiate_locale(req[http::field::accept_language]);
  lang = lang.substr(0, lang.find('-'));
  return lang == "ar" || lang == "fr" || lang == "es" ? lang : "en";
}

response dashboard(const context& ctx, const request& req, const target& t) {
  std::string lang = ui_language_of(req, t);
  auto o = coverage_request(t);
  if (!o) return problem(req, o.err());
  o->by = coverage_grouping::document;
  o->list_items = true;
  auto r = thread_engine(ctx).coverage(*o);
  if (!r) return problem(req, r.err());
  dashboard_options d;
  d.ui_locale = lang;
  d.translate = [&](const char* msgid) { return cli::tr_in(lang, msgid); };
  d.translate_plural = [&](const char* one, const char* many, std::size_t n) {
    return cli::ntr_in(lang, one, many, static_cast<long long>(n));
  };
  response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.set(http::field::content_language, lang);
  res.set(http::field::vary, "Accept-Language");
  // Nothing on the page is fetched: no script, no remote style, no frames.
  res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.body() = to_html(*r, d);
  return res;
}

response handle_uncached(const context& ctx, const request& req) {
  target t = parse_target(req.target());
  if (!t.ok) return problem(req, http::status::bad_request, "bad_target", tr("malformed or unsafe request path"));
  const auto& p = t.path;
  bool get = req.method() == http::verb::get || req.method() == http::verb::head;
  try {
    if (get && p == std::vector<std::string>{"healthz"}) return json_response(req, R"({"status":"ok"})");
    if (get && p == std::vector<std::string>{"dashboard"}) return dashboard(ctx, req, t);
    if (p.size() < 2 || p[0] != "v1") return problem(req, http::status::not_found, "not_found", tr("no such route"));
    bool writes = req.method() == http::verb::put || req.method() == http::verb::post;
    engine& e = thread_engine(ctx, writes);
    if (get && p.size() == 2 && p[1] == "locales") {
      std::string lang = ui_language_of(req, t);
      return json_response(req, to_json(e.locales(lang)), lang);
    }
    if (p[1] == "documents" && p.size() == 3) {
      if (get) {
        auto opts = localization(req, t);
        auto d = e.localize(p[2], opts);
        if (!d) return problem(req, d.err());
        return json_response(req, to_json(*d), d->requested_locale);
      }
      if (req.method() == http::verb::put) {
        if (auto denied = check_write_access(ctx, req)) return *denied;
        // The body is a content file; it may only touch this document.
        auto docs = parse_content(req.body(), "request body", *e.storage().schema());
        if (!docs) return problem(req, docs.err());
        for (const auto& d : *docs)
          if (d.key != p[2]) return problem(req, http::status::bad_request, "key_mismatch", cli::fill(tr("the body names document '{1}', not '{2}'"), d.key, p[2]));
        write_options w;
        w.author = "http";
        w.origin = "http";
        auto r = e.write(*docs, w);
        if (!r) return problem(req, r.err());
        response res{http::status::ok, req.version()};
        res.set(http::field::content_type, "application/json; charset=utf-8");
        res.body() = to_json(*r);
        return res;
      }
    }
    if (get && p[1] == "documents" && p.size() == 2) {
      auto opts = localization(req, t);
      std::string type = t.query.count("type") ? t.query.at("type") : "";
      auto list = e.list_localized(type, opts);
      if (!list) return problem(req, list.err());
      std::string lang = opts.locale.empty() ? negotiate_locale(opts.accept_language) : opts.locale;
      return json_response(req, to_json(*list), lang);
    }
    if (get && p[1] == "coverage" && p.size() == 2) {
      auto o = coverage_request(t);
      if (!o) return problem(req, o.err());
      auto r = e.coverage(*o);
      if (!r) return problem(req, r.err());
      return json_response(req, to_json(*r));
    }
    if (get && p[1] == "bundles" && p.size() == 3) {
      localize_options o = localization(req, t);
      o.locale = p[2];
      auto f = formatter::for_locale(p[2]);
      if (!f) return problem(req, f.err());
      auto docs = e.bundle(t.query.count("type") ? t.query.at("type") : "", o);
      if (!docs) return problem(req, docs.err());
      return json_response(req, to_json(*docs, (*f)->locale(), (*f)->direction()), (*f)->locale());
    }
    if (get && p[1] == "xliff" && p.size() == 3) {
      xliff_export_options o;
      o.locale = p[2];
      if (auto v = t.query.find("version"); v != t.query.end()) {
        auto pv = parse_xliff_version(v->second);
        if (!pv) return problem(req, http::status::bad_request, "bad_version", tr("version must be 1.2, 2.0, 2.1 or 2.2"));
        o.version = *pv;
      }
      if (auto sc = t.query.find("scope"); sc != t.query.end()) {
        auto ps = parse_export_scope(sc->second);
        if (!ps) return problem(req, http::status::bad_request, "bad_scope", tr("scope must be missing, stale, todo or all"));
        o.scope = *ps;
      }
      std::ostringstream out;
      auto r = e.export_xliff(o, out);
      if (!r) return problem(req, r.err());
      response res{http::status::ok, req.version()};
      res.set(http::field::content_type, "application/xliff+xml; charset=utf-8");
      res.body() = std::move(out).str();
      return res;
    }
    if (req.method() == http::verb::post && p[1] == "xliff" && p.size() == 2) {
      if (auto denied = check_write_access(ctx, req)) return *denied;
      xliff_import_options o;
      o.author = "http";
      o.strict = t.query.count("strict") != 0;
      o.dry_run = t.query.count("dry_run") != 0;
      if (auto l = t.query.find("locale"); l != t.query.end()) o.locale = l->second;
      auto r = e.import_xliff(req.body(), "request body", o);
      if (!r) return problem(req, r.err());
      response res{http::status::ok, req.version()};
      res.set(http::field::content_type, "application/json; charset=utf-8");
      res.body() = to_json(*r);
      return res;
    }
    return problem(req, get || req.method() == http::verb::put || req.method() == http::verb::post ? http::status::not_found
                                                                                                  : http::status::method_not_allowed,
                   "not_found", tr("no such route"));
  } catch (const std::exception& ex) {
    return problem(req, http::status::internal_server_error, "internal", ex.what());
  }
}

// The answer to a request that could not be read: too large (413, 431) or malformed (400).
response unreadable(const request& req, beast::error_code ec) {
  response res = ec == http::error::body_limit     ? problem(req, http::status::payload_too_large, "too_large", ec.message())
                 : ec == http::error::header_limit ? problem(req, http::status::request_header_fields_too_large, "too_large", ec.message())
                                                   : problem(req, http::status::bad_request, "bad_request", ec.message());
  res.keep_alive(false);
  return res;
}

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, const context& ctx) : stream_(std::move(socket)), ctx_(ctx) {}
  void start() { net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); }); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(ctx_.opts.body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(ctx_.opts.timeout_seconds));  // slow or idle clients are dropped
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) return close();
    auto started = std::chrono::steady_clock::now();
    request req;
    response res;
    if (ec) {
      req.version(11);
      res = unreadable(req, ec);
    } else {
      req = parser_->release();
      res = handle(ctx_, req);
      res.keep_alive(req.keep_alive());
    }
    res.set(http::field::server, "glossa/" GLOSSA_VERSION_STRING);
    if (req.method() == http::verb::head) res.body().clear();
    res.prepare_payload();
    if (!ctx_.opts.quiet) log(req, res, started);
    auto shared = std::make_shared<response>(std::move(res));
    stream_.expires_after(std::chrono::seconds(ctx_.opts.timeout_seconds));  // the answer gets its own window
    http::async_write(stream_, *shared, [self = shared_from_this(), shared](beast::error_code wec, std::size_t) {
      if (wec || !shared->keep_alive()) return self->close();
      self->read();
    });
  }

  void log(const request& req, const response& res, std::chrono::steady_clock::time_point started) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    std::ostringstream line;
    line << req.method_string() << " " << req.target() << " " << res.result_int() << " " << res.body().size() << "B " << us << "us\n";
    std::cerr << line.str();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const context& ctx_;
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& ioc, tcp::endpoint ep, const context& ctx) : ioc_(ioc), acceptor_(net::make_strand(ioc)), ctx_(ctx) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) std::make_shared<session>(std::move(s), self->ctx_)->start();
      self->accept();
    });
  }
  void stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  const context& ctx_;
};

}  // namespace

int run(const options& opts) {
  context ctx{opts, {}, {}};
  if (!opts.token_file.empty()) {
    std::ifstream in(opts.token_file);
    std::getline(in, ctx.token);
    while (!ctx.token.empty() && (ctx.token.back() == '\r' || ctx.token.back() == ' ')) ctx.token.pop_back();
    if (!in && ctx.token.empty()) {
      std::cerr << "glossa: " << tr("error") << ": " << opts.token_file << ": " << tr("cannot read the token file") << "\n";
      return 3;
    }
  }
  if (!opts.allow_list.empty()) {
    auto terms = read_allow_list(opts.allow_list);
    if (!terms) {
      std::cerr << "glossa: " << tr("error") << ": " << terms.err().to_string() << "\n";
      return 4;
    }
    ctx.qa.allow_identical = std::move(*terms);
  }
  {  // Fail early, with a clear message, when there is no store.
    store_options so;
    so.create_if_missing = false;
    auto st = open_store("sqlite:" + opts.db, so);
    if (!st) {
      std::cerr << "glossa: " << tr("error") << ": " << st.err().to_string() << "\n";
      return st.err().code == errc::not_found ? 5 : 6;
    }
    engine e(std::move(*st));  // a store made before labels existed gets its English labels
    if (auto labels = e.ensure_labels(); !labels)
      std::cerr << "glossa: " << tr("warning") << ": " << labels.err().to_string() << "\n";
  }
  net::io_context ioc{opts.threads};
  beast::error_code ec;
  auto address = net::ip::make_address(opts.host, ec);
  if (ec) {
    std::cerr << "glossa: " << tr("error") << ": " << cli::fill(tr("'{1}' is not an IP address"), opts.host) << "\n";
    return 2;
  }
  std::shared_ptr<listener> l;
  try {
    l = std::make_shared<listener>(ioc, tcp::endpoint{address, opts.port}, ctx);
  } catch (const std::exception& ex) {
    std::cerr << "glossa: " << tr("error") << ": " << cli::fill(tr("cannot listen on {1}"), opts.host + ":" + std::to_string(opts.port)) << ": " << ex.what() << "\n";
    return 3;
  }
  l->accept();
  std::cout << "glossa: " << cli::fill(tr("serving {1} on {2}"), opts.db, "http://" + opts.host + ":" + std::to_string(l->port()))
            << (ctx.token.empty() ? " (" + tr("read-only") + ")" : "") << std::endl;
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    l->stop();  // stop accepting; the loop ends when the open exchanges do
    ioc.stop();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < opts.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  std::cout << "glossa: " << tr("stopped") << std::endl;
  return 0;
}

exchange answer_raw(const options& opts, std::string_view raw) {
  context ctx{opts, {}, {}};
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
    res = unreadable(req, ec ? ec : beast::error_code(http::error::partial_message));
  } else {
    req = parser.release();
    res = handle(ctx, req);
  }
  return {res.result_int(), std::move(res.body())};
}

}  // namespace glossa::server
