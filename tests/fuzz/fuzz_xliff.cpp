// Fuzz target: XLIFF files of every version through the reader, the
// validator and a dry-run import into a store holding the example content.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/xliff/reader.hpp"
#include "fuzz_support.hpp"
#include "glossa/engine.hpp"
#include "glossa/xliff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto report = glossa::validate_xliff(bytes, "fuzz.xlf");
  (void)report.valid();
  auto doc = glossa::xliff::read_xliff(std::string_view(bytes), "fuzz.xlf");
  if (doc)
    for (const auto& u : doc->units) (void)glossa::xliff::display_text(u.source_content);
  glossa::xliff_import_options o;
  o.dry_run = true;  // judged, checked and written, then rolled back: the next input sees the same store
  auto r = glossa::fuzz::example_engine().import_xliff(std::move(bytes), "fuzz.xlf", o);
  if (r) (void)glossa::to_json(*r);
  return 0;
}
