// The XML layer's own check of a document before any parser builds a tree:
// every well-formedness constraint of XML 1.0 (Fifth Edition) and of
// Namespaces in XML 1.0 (Third Edition) that a non-validating processor
// checks without reading a DTD, in one read-only pass over the text.
//
// pugixml, which builds the tree afterwards, accepts much that XML forbids
// (a bare '&', '<' in an attribute value, a duplicate attribute, content
// after the root element); this pass is what makes Glossa refuse it.
//
// Glossa's policy on DTDs: a DOCTYPE that names an external DTD is read and
// the DTD never fetched; a DOCTYPE with an internal subset is refused (XLIFF
// never needs one, and it is where entity bombs live). With no DTD read, an
// entity other than the five predefined ones cannot be expanded, so a
// reference to one is refused too.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "glossa/error.hpp"

namespace glossa::xml {

/// What starts the message of an error for text that breaks XML 1.0 or
/// Namespaces in XML 1.0. A refusal by Glossa's DTD policy (an internal
/// subset, well-formed or not; an entity only the unread external DTD may
/// declare) says so without it.
inline constexpr std::string_view not_well_formed = "not well-formed XML: ";

/// Checks `text`: UTF-8 already validated, without a byte-order mark (its
/// encoding declaration is checked for syntax only). Stops at the first
/// problem: an invalid_content error, its `where.offset` the byte offset in
/// `text`. Runs in linear time and constant stack, whatever the nesting.
std::optional<error> check_well_formed(std::string_view text);

}  // namespace glossa::xml
