// Quality checks of translations: each finding has a stable check id, a
// severity, where it is, and a message that says what to fix.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"
#include "glossa/results.hpp"

namespace glossa {

/// Settings of the checks.
struct qa_options {
  /// Names and terms that stay the same in every language ("IALCO", "Nairobi"):
  /// a translation identical to its source is not reported when the source's
  /// letters are all inside these terms. Default: none.
  std::vector<std::string> allow_identical;
};

/// Parses an allow-list: one term per line, UTF-8; blank lines and lines
/// starting with '#' are skipped. Errors: invalid_utf8 (file_name:line).
result<std::vector<std::string>> parse_allow_list(std::string_view bytes, std::string_view file_name);

/// Every check of one translation against its source. `def` gives the kind
/// and max_length; locales are canonical BCP 47 tags.
std::vector<qa_finding> check_translation(const field_def& def, std::string_view source, std::string_view target,
                                          std::string_view source_locale, std::string_view target_locale,
                                          const qa_options& options = {});

/// The checks of a whole document in one locale, across its fields: in
/// right-to-left locales (Arabic), numbers written in two digit systems
/// (Arabic-Indic in one place, Latin in another: what a formatted number
/// field shows counts, through `shown`) are a warning naming both forms.
/// Codes such as "P-3" or "VA/2026/001" are not numbers here.
std::vector<qa_finding> check_document(const type_def& type, const document& d, std::string_view locale,
                                       const std::function<std::string(const field_def&, const field&)>& shown);

}  // namespace glossa
