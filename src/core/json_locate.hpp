// Maps a JSON pointer back to a position in the JSON text it came from.
// Boost.JSON values carry no positions; errors found after parsing (an unknown
// field, a bad date) use this to name line:column. Only used on the error path.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace glossa::detail {

/// Byte offset of the value at `pointer` ("/documents/3/fields/title") in the
/// well-formed JSON `text`; the deepest resolvable prefix when part of the path
/// does not exist; 0 for "".
std::size_t json_locate(std::string_view text, std::string_view pointer) noexcept;

/// The first member name that appears twice in one object of well-formed JSON
/// `text` (Boost.JSON keeps one silently): its byte offset and the name.
struct duplicate_key {
  std::size_t offset = 0;
  std::string name;
};
std::optional<duplicate_key> find_duplicate_key(std::string_view text);

/// Escapes one JSON pointer token ("~" -> "~0", "/" -> "~1").
std::string json_pointer_token(std::string_view token);

}  // namespace glossa::detail
