// Output files as the command writes them (see write_file).
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "glossa/error.hpp"

namespace glossa::cli {

/// Writes `path` with what `produce` writes. A path that is not a regular
/// file (a device, a FIFO, a socket) is written through, never replaced. A
/// regular file (or a new one) is replaced atomically: a uniquely named
/// temporary file in the same directory, synced, with the old file's mode
/// and owner, renamed over it. A symbolic link is followed: the file it
/// names is replaced and the link kept. Errors: io_error naming the path;
/// whatever `produce` returns (the old file is then left as it was).
status write_file(const std::string& path, const std::function<status(std::ostream&)>& produce);

}  // namespace glossa::cli
