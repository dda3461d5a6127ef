// What an export would give a translator to do, by match band: the way
// agencies quote. `glossa analyze`, GET /v1/analysis/{locale}.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/xliff.hpp"

namespace glossa {

/// Where each source segment is matched, best first. A segment counts in the
/// first band it qualifies for (docs/translation-memory.md, "Analysis").
enum class match_band {
  in_context,  ///< the unit's own current translation, or its previous version at 100
  exact,       ///< 100 from elsewhere in the memory
  repetition,  ///< the same tokens as a segment earlier in the same analysis
  fuzzy_95,    ///< 95..99.99
  fuzzy_85,    ///< 85..94.99
  fuzzy_75,    ///< 75..84.99
  no_match,    ///< below 75, or no match: new words
};
/// "in-context", "exact", "repetitions", "95-99", "85-94", "75-84", "new".
std::string_view to_string(match_band b) noexcept;

struct analysis_options {
  std::string locale;                       ///< target locale (required)
  export_scope scope = export_scope::todo;  ///< the units an export of this scope would hold
  std::string type;                         ///< only documents of this type; default: all
  std::vector<std::string> documents;       ///< only these keys; default: all
  segmentation segment = segmentation::units;
  /// Called after each document with (done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct band_tally {
  match_band band = match_band::no_match;
  std::size_t segments = 0;  ///< units, or sentences with segmentation::sentences
  std::size_t words = 0;     ///< source words, as `xliff export --words` counts them
};

struct analysis_report {
  std::string locale;
  export_scope scope = export_scope::todo;
  segmentation segment = segmentation::units;
  std::size_t documents = 0;      ///< documents with at least one unit
  std::size_t units = 0;          ///< units an export would hold
  std::vector<band_tally> bands;  ///< every band, in match_band order
  std::size_t segments = 0, words = 0;
};

/// JSON and CSV (band,segments,words, then a total row) of a report.
std::string to_json(const analysis_report& report);
std::string to_csv(const analysis_report& report);

}  // namespace glossa
