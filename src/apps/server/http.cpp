#include "apps/server/http.hpp"

#include <boost/json.hpp>

#include "core/sha256.hpp"
#include "core/utf8.hpp"
#include "glossa/version.hpp"

namespace glossa::server {

http::status status_for(errc code) noexcept {
  switch (code) {
    case errc::ok:
      return http::status::ok;
    case errc::not_found:
      return http::status::not_found;
    case errc::invalid_locale:
    case errc::unknown_locale:
    case errc::invalid_argument:
    case errc::unknown_type:
    case errc::unknown_field:
    case errc::not_a_file:
      return http::status::bad_request;
    case errc::invalid_utf8:
    case errc::json_syntax:
    case errc::invalid_content:
    case errc::invalid_value:
    case errc::invalid_schema:
    case errc::control_character:
    case errc::too_long:
    case errc::invalid_xliff:
    case errc::qa_failed:
      return http::status::unprocessable_entity;
    case errc::too_large:
      return http::status::payload_too_large;
    case errc::store_busy:
    case errc::store_unavailable:
      return http::status::service_unavailable;
    case errc::cancelled:
    case errc::io_error:
    case errc::store_error:
    case errc::store_version:
      return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s, bool plus_is_space, bool& ok) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        ok = false;
        continue;
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}
}  // namespace

target parse_target(std::string_view t) {
  target out;
  auto q = t.find('?');
  std::string_view path = t.substr(0, q), query = q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
  std::size_t i = 0;
  while (i <= path.size()) {
    auto slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) {
      std::string seg = decode(path.substr(i, slash - i), false, out.ok);
      // No traversal, no separators hidden in encoded segments.
      if (seg == "." || seg == ".." || seg.find('/') != std::string::npos || seg.find('\0') != std::string::npos)
        out.ok = false;
      out.path.push_back(std::move(seg));
    }
    i = slash + 1;
  }
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    auto eq = pair.find('=');
    out.query[decode(pair.substr(0, eq), true, out.ok)] =
        eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1), true, out.ok);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return out;
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  while (!s.empty()) {
    auto bad = detail::find_invalid_utf8(s);
    if (!bad) {
      out += s;
      break;
    }
    out += s.substr(0, *bad);
    out += "\uFFFD";
    s.remove_prefix(*bad + 1);
  }
  return out;
}

response problem(const request& req, http::status status, std::string_view code, std::string detail) {
  boost::json::object o{{"type", "about:blank"},
                        {"title", std::string(http::obsolete_reason(status))},
                        {"status", static_cast<int>(status)},
                        {"code", valid_utf8(code)},
                        {"detail", valid_utf8(detail)}};
  response res{status, req.version()};
  res.set(http::field::content_type, "application/problem+json");
  if (status == http::status::service_unavailable) res.set(http::field::retry_after, "1");
  res.body() = boost::json::serialize(o);
  return res;
}

response problem(const request& req, const error& e) {
  return problem(req, status_for(e.code), to_string(e.code), e.to_string());
}

std::string etag_of(std::string_view body) { return "\"" + detail::sha256_hex(body).substr(0, 32) + "\""; }

bool none_match(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view tag) {
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    return tag;
  };
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*" || (!item.empty() && opaque(item) == opaque(etag))) return true;
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
  }
  return false;
}

response ok_answer(const request& req, std::string body, std::string_view content_type, const std::string& lang,
                   std::string etag) {
  if (etag.empty()) etag = etag_of(body);
  auto headers = [&](response& r) {
    r.set(http::field::etag, etag);
    if (!lang.empty()) {
      r.set(http::field::content_language, lang);
      r.set(http::field::vary, "Accept-Language");
    }
  };
  if (none_match(req[http::field::if_none_match], etag)) {
    response not_modified{http::status::not_modified, req.version()};
    headers(not_modified);
    return not_modified;
  }
  response res{http::status::ok, req.version()};
  res.set(http::field::content_type, content_type);
  headers(res);
  res.body() = std::move(body);
  return res;
}

void finish(const request& req, response& res) {
  res.set(http::field::server, "glossa/" GLOSSA_VERSION_STRING);
  if (res.result() == http::status::not_modified) {  // no payload, and no length that contradicts the representation's
    res.body().clear();
    res.erase(http::field::content_length);
    return;
  }
  res.prepare_payload();
  if (req.method() == http::verb::head) res.body().clear();  // the GET's headers, Content-Length included
}

}  // namespace glossa::server
