// Reading one input file whole, within a size limit.
#pragma once

#include <cstdint>
#include <string>

#include "glossa/error.hpp"

namespace glossa {

namespace detail {
/// Reads a whole file ("-" for standard input). A regular file is refused
/// from its size, before it is read; a stream (standard input, /dev/stdin, a
/// FIFO, a process substitution, a terminal) is read to its end and refused
/// as soon as it passes `limit` bytes. Errors: io_error naming the file;
/// too_large; not_a_file for a directory or a device that is not a stream
/// (/dev/zero, a disk), at once.
result<std::string> read_file(const std::string& path, std::uint64_t limit);
}  // namespace detail

}  // namespace glossa
