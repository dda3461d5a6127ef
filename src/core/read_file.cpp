// Reading one input file whole, within a size limit.
#include "core/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace glossa {

namespace {
error too_large(const std::string& path, std::uint64_t size, std::uint64_t limit) {
  return error(errc::too_large,
               (size ? "the input has " + std::to_string(size) + " bytes; " : std::string("the input is ")) +
                   "over the limit of " + std::to_string(limit) + " bytes (raise it with --max-input-size)",
               location{path, 0, 0, {}});
}
}  // namespace

namespace {
// Reads a stream (a pipe, a FIFO, a terminal, standard input) to its end,
// refusing it as soon as it passes the limit: its size is not known ahead.
result<std::string> read_stream(int fd, const std::string& name, std::uint64_t limit) {
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return error(errc::io_error, std::string("cannot read: ") + std::strerror(errno), location{name, 0, 0, {}});
    if (n == 0) return data;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > limit) return too_large(name, 0, limit);
  }
}

struct fd_closer {
  int fd;
  ~fd_closer() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

namespace detail {
result<std::string> read_file(const std::string& path, std::uint64_t limit) {
  if (path == "-") return read_stream(0, "-", limit);
  // Opened without blocking (a FIFO with no writer yet would block the open),
  // then judged by what it is, not by its name.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return error(errc::io_error, std::string("cannot open: ") + std::strerror(errno), location{path, 0, 0, {}});
  fd_closer closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return error(errc::io_error, std::string("cannot read: ") + std::strerror(errno), location{path, 0, 0, {}});
  bool stream = S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || (S_ISCHR(st.st_mode) && ::isatty(fd));
  if (!S_ISREG(st.st_mode) && !stream)
    return error(errc::not_a_file,
                 S_ISDIR(st.st_mode) ? "a directory, not a file" : "a device that is not a stream, not a file",
                 location{path, 0, 0, {}});
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // from here on, reads wait for data
  if (stream) return read_stream(fd, path, limit);
  // A regular file is read in one piece at its size: a growing buffer would
  // hold up to twice the file. One over the limit is refused from its size,
  // before anything is allocated or read.
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limit) return too_large(path, size, limit);
  std::string data(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < data.size()) {
    ssize_t n = ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return error(errc::io_error, "cannot read the file", location{path, 0, 0, {}});
    got += static_cast<std::size_t>(n);
  }
  return data;
}
}  // namespace detail

}  // namespace glossa
