// Errors about one place in a checked text (a value, a document): the check
// knows the byte offset; the reader of the file around the text turns it into
// a line and column.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "glossa/error.hpp"

namespace glossa::detail {

inline error error_at(errc code, std::string message, std::size_t offset) {
  location where;
  where.offset = offset;
  return error(code, std::move(message), std::move(where));
}

}  // namespace glossa::detail
