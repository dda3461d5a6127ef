// Translation memory: what the store's translations offer to new work.
// Every translation offered is a field-level pair; rich text whose blocks
// (p, li) line up on both sides adds a pair per block, and a block or text
// whose sentences (ICU sentence break plus the abbreviations of
// locales/abbreviations.json) line up adds a pair per sentence. Inline codes
// stay codes. docs/translation-memory.md has the rules.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "glossa/model.hpp"

namespace glossa {

/// Options of engine::export_tm (TMX 1.4b).
struct tm_export_options {
  std::string locale;  ///< target locale (required)
  /// The states a translation must be in to be offered; default: translated, reviewed and final
  /// (a "new" translation is nobody's answer yet).
  std::vector<translation_state> states{translation_state::translated, translation_state::reviewed,
                                        translation_state::final_};
  /// Default true: a stale translation is offered with the source text it was made from (found in
  /// history), marked stale; false leaves stale translations out.
  bool stale = true;
  /// Called after each document with (done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct tm_export_summary {
  std::size_t units = 0;                              ///< <tu> elements written
  std::size_t fields = 0, blocks = 0, sentences = 0;  ///< units by level
  std::size_t stale = 0;                              ///< units from stale translations
  std::size_t duplicates = 0;  ///< pairs left out because the same source and target were written already
};

}  // namespace glossa
