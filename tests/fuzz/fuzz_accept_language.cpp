// Fuzz target: Accept-Language lists and locale tags.
#include <cstddef>
#include <cstdint>
#include <string>

#include "glossa/format.hpp"
#include "glossa/locale.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  std::string chosen = glossa::negotiate_locale(s);
  if (!glossa::locale_config::builtin().find(chosen)) __builtin_trap();  // always a configured locale
  auto c = glossa::canonical_locale(s);
  if (c) (void)glossa::locale_config::builtin().chain(*c);
  return 0;
}
