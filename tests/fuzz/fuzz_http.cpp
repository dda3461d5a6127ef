// Fuzz target: raw HTTP/1.1 requests through Beast's parser and Glossa's
// routing, answered from a store holding the example content.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "apps/server/server.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const glossa::server::options opts = [] {
    glossa::server::options o;
    o.db = glossa::fuzz::example_store_path();
    o.quiet = true;
    o.body_limit = 64 * 1024;
    return o;
  }();
  auto answer = glossa::server::answer_raw(opts, std::string_view(reinterpret_cast<const char*>(data), size));
  if (answer.status < 100 || answer.status > 599) __builtin_trap();
  if (answer.status >= 500 && answer.status != 503 && answer.status != 501)
    __builtin_trap();  // a request must never make the server fail
  // A problem body is always JSON, whatever bytes the request echoed into it.
  if (answer.content_type == "application/problem+json") {
    boost::system::error_code ec;
    auto v = boost::json::parse(answer.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("code")) __builtin_trap();
  }
  return 0;
}
