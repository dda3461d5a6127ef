// Locale tags: validation and canonical form (BCP 47).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"

namespace glossa {

/// Validates a BCP 47 tag and returns its canonical spelling ("fr-ca" -> "fr-CA",
/// "ES_mx" is refused: underscores are not BCP 47). The language subtag must be a
/// language ICU knows. Errors: invalid_locale.
result<std::string> canonical_locale(std::string_view tag);

/// The language subtag of a canonical tag: "ar-EG" -> "ar".
std::string language_of(std::string_view canonical_tag);

/// Default fallback chain of a canonical tag, most specific first, ending with
/// `last` unless already present: ("fr-CA", "en") -> {"fr-CA", "fr", "en"}.
std::vector<std::string> default_fallback_chain(std::string_view canonical_tag, std::string_view last = "en");

}  // namespace glossa
