// Files as the commands read and write them.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "glossa/error.hpp"

namespace glossa::shell {

/// Reads an input file whole ("-": standard input) within the process-wide
/// limit (set_max_input_bytes, --max-input-size). Errors as detail::read_file.
result<std::string> read_input(const std::string& path);

/// Reads an allow-list file (qa.hpp, parse_allow_list). Errors: those of
/// read_input, invalid_utf8 (file:line).
result<std::vector<std::string>> read_allow_list(const std::string& path);

/// Writes `path` with what `produce` writes. A path that is not a regular
/// file (a device, a FIFO, a socket) is written through, never replaced. A
/// regular file (or a new one) is replaced atomically: a uniquely named
/// temporary file in the same directory, synced, with the old file's mode
/// and owner, renamed over it. A symbolic link is followed: the file it
/// names is replaced and the link kept. Errors: io_error naming the path;
/// whatever `produce` returns (the old file is then left as it was).
status write_file(const std::string& path, const std::function<status(std::ostream&)>& produce);

}  // namespace glossa::shell
