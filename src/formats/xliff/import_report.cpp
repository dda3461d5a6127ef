// The XLIFF import report's own functions: outcome and reason names, counts.
#include <algorithm>
#include <string>

#include "glossa/xliff.hpp"

namespace glossa {

std::string_view to_string(unit_outcome o) noexcept {
  switch (o) {
    case unit_outcome::applied:
      return "applied";
    case unit_outcome::unchanged:
      return "unchanged";
    case unit_outcome::stale:
      return "stale";
    case unit_outcome::refused:
      return "refused";
    case unit_outcome::protected_:
      return "protected";
    case unit_outcome::unknown:
      return "unknown";
    case unit_outcome::untranslated:
      return "untranslated";
    case unit_outcome::prefilled:
      return "prefilled";
  }
  return "refused";
}

std::string_view to_string(unit_reason r) noexcept {
  switch (r) {
    case unit_reason::none:
      return "";
    case unit_reason::unknown_unit:
      return "unknown_unit";
    case unit_reason::unknown_document:
      return "unknown_document";
    case unit_reason::unknown_field:
      return "unknown_field";
    case unit_reason::unreadable:
      return "unreadable";
    case unit_reason::wrong_language:
      return "wrong_language";
    case unit_reason::unknown_revision:
      return "unknown_revision";
    case unit_reason::source_mismatch:
      return "source_mismatch";
    case unit_reason::duplicate_unit:
      return "duplicate_unit";
    case unit_reason::empty_target:
      return "empty_target";
    case unit_reason::inline_codes:
      return "inline_codes";
    case unit_reason::control_character:
      return "control_character";
    case unit_reason::bidi_override:
      return "bidi_override";
    case unit_reason::extra_variant:
      return "extra_variant";
    case unit_reason::plural_missing:
      return "plural_missing";
    case unit_reason::sibling_refused:
      return "sibling_refused";
    case unit_reason::invalid_message:
      return "invalid_message";
    case unit_reason::invalid_markup:
      return "invalid_markup";
    case unit_reason::too_long:
      return "too_long";
    case unit_reason::qa:
      return "qa";
    case unit_reason::protected_:
      return "protected";
    case unit_reason::strict:
      return "strict";
  }
  return "";
}

std::string unit_report::code() const {
  if (reason == unit_reason::qa) return "qa:" + check;
  return std::string(to_string(reason));
}

std::size_t xliff_import_report::count(unit_outcome o) const noexcept {
  return static_cast<std::size_t>(
      std::count_if(units.begin(), units.end(), [&](const unit_report& u) { return u.outcome == o; }));
}

bool xliff_import_report::all_taken() const noexcept {
  return !file_error && std::all_of(units.begin(), units.end(), [](const unit_report& u) {
    return u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged ||
           u.outcome == unit_outcome::stale || u.outcome == unit_outcome::untranslated ||
           u.outcome == unit_outcome::prefilled;
  });
}

}  // namespace glossa
