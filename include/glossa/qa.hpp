// Quality checks of translations: each finding has a stable check id, a
// severity, where it is, and a message that says what to fix.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"

namespace glossa {

enum class qa_severity { warning, error };
std::string_view to_string(qa_severity s) noexcept;  ///< "warning", "error"

struct qa_finding {
  std::string check;  ///< placeholders, markup, message_syntax, plural_categories, bidi_override,
                      ///< bidi_unbalanced, bidi_unisolated, numbers, punctuation, length,
                      ///< whitespace, identical, urls
  qa_severity severity = qa_severity::warning;
  std::string document, field, locale;
  std::string message;
};

/// Settings of the checks.
struct qa_options {
  /// Names and terms that stay the same in every language ("IALCO", "Nairobi"):
  /// a translation identical to its source is not reported when the source's
  /// letters are all inside these terms. Default: none.
  std::vector<std::string> allow_identical;
};

/// Reads an allow-list file: one term per line, UTF-8; blank lines and lines
/// starting with '#' are skipped. Errors: io_error, invalid_utf8 (file:line).
result<std::vector<std::string>> read_allow_list(const std::string& path);

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

/// True when a finding has severity error.
bool has_errors(const std::vector<qa_finding>& findings) noexcept;

/// [{"check", "severity", "document", "field", "locale", "message"}]
std::string to_json(const std::vector<qa_finding>& findings);

}  // namespace glossa
