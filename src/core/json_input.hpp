// Reading JSON input with positions: UTF-8 is validated first, syntax errors
// and later semantic errors are reported as file:line:column.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "glossa/error.hpp"

namespace glossa::detail {

/// Parses JSON text. Errors: invalid_utf8, json_syntax (with line:column).
result<boost::json::value> parse_json(std::string_view bytes, std::string_view file);

/// Location (file:line:column + pointer) of the value at `pointer` in `bytes`.
location locate(std::string_view bytes, std::string_view file, std::string pointer);

/// Location of byte `offset` in `bytes`.
location locate_offset(std::string_view bytes, std::string_view file, std::size_t offset);

}  // namespace glossa::detail
