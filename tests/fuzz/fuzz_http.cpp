// Fuzz target: raw HTTP/1.1 requests through Beast's parser and Glossa's
// routing, answered from a store holding the example content.
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
  if (answer.status >= 500 && answer.status != 503) __builtin_trap();  // a request must never make the server fail
  return 0;
}
