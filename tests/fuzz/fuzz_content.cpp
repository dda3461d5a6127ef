// Fuzz target: content JSON files through the parser and validator, then a
// dry-run write into a store holding the example content.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "glossa/content.hpp"
#include "glossa/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto docs = glossa::parse_content(bytes, "fuzz.json", glossa::content_schema::builtin());
  if (!docs) return 0;
  glossa::write_options o;
  o.dry_run = true;
  (void)glossa::fuzz::example_engine().write(*docs, o);
  return 0;
}
