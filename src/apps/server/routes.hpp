// The server's routes: each one engine call. A session learns from the
// headers alone which route a request takes (to authorize a write before
// its body is read, and to know whether it runs off the I/O threads).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apps/server/http.hpp"
#include "apps/server/server.hpp"
#include "glossa/qa.hpp"

namespace glossa::server {

/// What every request of one server shares; read-only once serving.
struct server_context {
  options opts;
  std::string token;  ///< empty: a read-only server
  qa_options qa;
};

struct route;

/// The route a request takes. `r` is null when none: then `status` is 404,
/// or 405 with `allow` (the methods the path takes).
struct route_match {
  const route* r = nullptr;
  http::status status = http::status::ok;
  std::string allow;
  bool writes = false;  ///< needs the token; authorized before the body is read
  bool heavy = false;   ///< runs off the I/O threads (coverage, dashboard, exports, imports)
};
route_match match(http::verb method, const target& t);

/// The refusal of a write the request is not authorized for (401/403), or
/// nothing. Compares the token in constant time; the scheme is
/// case-insensitive (RFC 9110 11.1).
std::optional<response> refuse_write(const server_context& ctx, const request& req);

/// The calling thread's cached answer to a plain GET (HTTP/1.1, keep-alive,
/// no condition), as the bytes to send, when the store has not changed since
/// it was made (wire is null otherwise: then answer() answers, and caches);
/// with the store version read, for remember().
struct cache_probe {
  std::shared_ptr<const std::string> wire;
  std::size_t body_bytes = 0;  // of wire, for the access log
  std::optional<std::int64_t> version;
  std::optional<response> refusal;  // the store could not be opened or read: the answer
};
/// `known`, when given, is the store version read for this request (by a
/// version_gate); otherwise it is read here.
cache_probe cached_wire(const server_context& ctx, const request& req, const route_match& m,
                        const result<std::int64_t>* known = nullptr);

/// Whether the answer to `req` may come from the cache: a plain keep-alive
/// HTTP/1.1 GET, without a condition, of a route whose answers are cached.
bool cacheable(const request& req, const route_match& m);

/// Keeps in the calling thread's cache an answer computed on another thread
/// (a heavy route's) for the store version read before it was computed.
void remember(const request& req, const route_match& m, std::int64_t version, const response& res);

/// Answers a request whose body was read, on the calling thread (which has
/// its own store connections). Never throws: a store that cannot be opened
/// or is busy gives 503 with Retry-After, and its connection is opened anew
/// by the next request.
response answer(const server_context& ctx, const request& req, const route_match& m, const target& t);

}  // namespace glossa::server
