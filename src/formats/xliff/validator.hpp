// XLIFF validation beyond well-formedness: the structure of each version and
// the processing requirements schemas cannot express (id uniqueness per
// scope, startRef/isolated pairing, canReorder/canCopy/canDelete, fragment
// identifiers, state/subState, modules). Used by `glossa xliff validate`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace glossa::xliff {

/// One broken rule: a stable rule id (snake_case), what is wrong, and where.
struct finding {
  std::string rule;
  std::string message;
  std::uint32_t line = 0;  ///< 1-based, 0 when unknown
};

/// Checks a document parsed from `text` (UTF-8; pugixml offsets index it) with
/// pugi::parse_default | pugi::parse_ws_pcdata. `version` is the detected
/// version ("1.0", "1.1", "1.2", "2.0", "2.1", "2.2"). Returns every finding,
/// empty when the document is valid.
std::vector<finding> validate_document(const pugi::xml_document& doc, std::string_view text, const std::string& version);

}  // namespace glossa::xliff
