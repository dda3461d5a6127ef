// HTTP pieces of the server that know nothing of Glossa's routes: request
// targets, problem answers, validators (ETag, If-None-Match), and the last
// touches every answer gets (HEAD, 304).
#pragma once

#include <boost/beast/http.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"

namespace glossa::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// The HTTP status of each error code. Exhaustive: a new code fails to
/// compile (-Wswitch, warnings are errors in CI) until it is mapped here.
http::status status_for(errc code) noexcept;

/// Path segments and query of a request target, %-decoded ('+' as space in
/// the query). `ok` is false for a bad escape, "." or "..", an encoded '/'
/// or NUL: such a target is refused.
struct target {
  std::vector<std::string> path;
  std::map<std::string, std::string> query;
  bool ok = true;
};
target parse_target(std::string_view t);

/// An RFC 9457 application/problem+json answer with a stable code. The body
/// is always valid JSON: bytes that are not UTF-8 (a client's path echoed in
/// `detail`) are replaced by U+FFFD.
response problem(const request& req, http::status status, std::string_view code, std::string detail);
/// The same from an error; a 503 carries Retry-After.
response problem(const request& req, const error& e);

/// A strong ETag of a representation: its SHA-256, quoted.
std::string etag_of(std::string_view body);
/// Whether an If-None-Match header matches `etag` (RFC 9110 13.1.2: a list
/// of tags compared weakly, W/ prefixes ignored, or "*").
bool none_match(std::string_view if_none_match, std::string_view etag);

/// A 200 answer with `body`, its content type, an ETag (computed when not
/// given) and, for a localized answer, Content-Language and Vary; or a 304
/// when the request's If-None-Match matches.
response ok_answer(const request& req, std::string body, std::string_view content_type, const std::string& lang = {},
                   std::string etag = {});

/// The last touches: Server, Content-Length as the representation's (also
/// for HEAD, whose body is then dropped), none on a 304.
void finish(const request& req, response& res);

/// Replaces bytes that are not valid UTF-8 with U+FFFD.
std::string valid_utf8(std::string_view s);

}  // namespace glossa::server
