// Fuzz target: field text to XLIFF inline codes and back (ICU messages and
// rich text), the value checks, and the QA checks of a translation.
// Input: one byte picks the kind, the rest splits at the first 0xFF into
// source and target.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "formats/xliff/inline.hpp"
#include "glossa/qa.hpp"
#include "i18n/values.hpp"
#include "i18n/words.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  using glossa::field_kind;
  const field_kind kinds[] = {field_kind::text, field_kind::rich_text, field_kind::message};
  glossa::field_def def;
  def.name = "f";
  def.kind = kinds[data[0] % 3];
  def.translatable = true;
  if (data[0] & 0x80) def.max_length = 40;
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  auto split = rest.find('\xFF');
  std::string source = rest.substr(0, split), target = split == std::string::npos ? source : rest.substr(split + 1);
  if (glossa::detail::check_text(source, def)) return 0;  // only valid sources reach the exchange
  for (const char* locale : {"ar", "fr", "en"}) {
    auto variants = glossa::xliff::to_variants(source, def.kind, locale);
    if (!variants) continue;
    std::map<std::string, glossa::xliff::content> targets;
    for (const auto& v : *variants) targets[v.suffix] = v.source;
    auto back = glossa::xliff::from_variants(*variants, targets, def.kind);
    if (back) (void)glossa::detail::check_text(*back, def);
    auto aligned = glossa::xliff::align_translation(target, def.kind, *variants, locale);
    if (aligned)
      for (const auto& v : *variants)
        if (auto t = aligned->find(v.suffix); t != aligned->end())
          (void)glossa::xliff::check_codes(v.source, t->second);
    (void)glossa::check_translation(def, source, target, "en", locale);
  }
  (void)glossa::detail::visible_source(source, def.kind);
  return 0;
}
