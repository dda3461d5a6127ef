// A data file's XML as the TMX and TBX readers take it: decoded to UTF-8
// from what its BOM or declaration says, checked well-formed by the XML
// layer's own pass (an error names the file, line and column), then parsed
// by pugixml.
#pragma once

#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "glossa/error.hpp"

namespace glossa::xml {

struct xml_file {
  std::optional<std::string> decoded;  ///< the UTF-8 text, when the file was in another encoding
  std::string_view text;               ///< the UTF-8 text the tree was parsed from
  pugi::xml_document tree;
};

/// Parses `bytes` (which must outlive the result) with pugixml's `options`.
/// Errors: invalid_utf8, invalid_argument (unknown encoding), invalid_content (not well-formed).
result<std::unique_ptr<xml_file>> parse_xml_file(std::string_view bytes, std::string_view file, unsigned options);

}  // namespace glossa::xml
