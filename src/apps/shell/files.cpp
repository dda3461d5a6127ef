#include "apps/shell/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/read_file.hpp"
#include "glossa/engine.hpp"
#include "glossa/qa.hpp"

namespace glossa::shell {

result<std::string> read_input(const std::string& path) { return detail::read_file(path, max_input_bytes()); }

result<std::vector<std::string>> read_allow_list(const std::string& path) {
  auto bytes = read_input(path);
  if (!bytes) return bytes.err();
  return parse_allow_list(*bytes, path);
}

namespace {
error io(const std::string& path, const std::string& what) {
  return error(errc::io_error, what + ": " + std::strerror(errno), location{path, 0, 0, {}});
}

// The file a path names, links followed ("out.xlf" -> "/data/x/out.xlf"), or
// the path itself when it names nothing yet.
std::string resolved(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf)) return buf;
  return path;
}

// Writes through a path that is not a regular file: a device, a FIFO.
status write_through(const std::string& path, const std::function<status(std::ostream&)>& produce) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return io(path, "cannot open for writing");
  status st = produce(out);
  out.flush();
  if (st && !out) return error(errc::io_error, "cannot write", location{path, 0, 0, {}});
  return st;
}
}  // namespace

status write_file(const std::string& given, const std::function<status(std::ostream&)>& produce) {
  std::string path = resolved(given);
  struct stat old {};
  bool exists = ::stat(path.c_str(), &old) == 0;
  if (exists && !S_ISREG(old.st_mode)) return write_through(given, produce);
  auto slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  std::string tmp = dir + "/." + path.substr(slash == std::string::npos ? 0 : slash + 1) + ".XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return io(given, "cannot create a file beside it");
  auto discard = [&](status why) {
    ::unlink(tmp.c_str());
    return why;
  };
  status st;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      ::close(fd);
      return discard(io(given, "cannot write beside it"));
    }
    st = produce(out);
    out.flush();
    if (st && !out) st = error(errc::io_error, "cannot write the file", location{given, 0, 0, {}});
  }
  if (!st) {
    ::close(fd);
    return discard(st);
  }
  // The new file takes the old one's mode and owner; a new one gets the
  // mode the umask gives (mkstemp makes it 0600).
  mode_t mode = exists ? old.st_mode & 07777 : [] {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  bool ok = ::fchmod(fd, mode) == 0 && (!exists || ::fchown(fd, old.st_uid, old.st_gid) == 0 || errno == EPERM) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return discard(io(given, "cannot finish the file"));
  if (::rename(tmp.c_str(), path.c_str()) != 0) return discard(io(given, "cannot replace the file"));
  return {};
}

}  // namespace glossa::shell
