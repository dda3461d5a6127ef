// Quality checks of translations: each finding has a stable check id, a
// severity, where it is, and a message that says what to fix.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "glossa/model.hpp"

namespace glossa {

enum class qa_severity { warning, error };
std::string_view to_string(qa_severity s) noexcept;  ///< "warning", "error"

struct qa_finding {
  std::string check;     ///< placeholders, markup, message_syntax, plural_categories, bidi_override,
                         ///< bidi_unbalanced, bidi_unisolated, numbers, punctuation, length,
                         ///< whitespace, identical, urls
  qa_severity severity = qa_severity::warning;
  std::string document, field, locale;
  std::string message;
};

/// Every check of one translation against its source. `def` gives the kind
/// and max_length; locales are canonical BCP 47 tags.
std::vector<qa_finding> check_translation(const field_def& def, std::string_view source, std::string_view target,
                                          std::string_view source_locale, std::string_view target_locale);

/// [{"check", "severity", "document", "field", "locale", "message"}]
std::string to_json(const std::vector<qa_finding>& findings);

}  // namespace glossa
