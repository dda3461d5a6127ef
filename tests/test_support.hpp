// Helpers shared by the tests: temporary directories, the example content.
#pragma once

#include <filesystem>
#include <fstream>
#include <glossa/glossa.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace glossa::test {

namespace fs = std::filesystem;

/// A fresh directory under the system temp dir, removed with its content.
class temp_dir {
 public:
  temp_dir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("glossa-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const fs::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

inline std::string source_dir() { return GLOSSA_SOURCE_DIR; }

/// The example content files, in import order.
inline std::vector<std::string> example_files() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(source_dir() + "/examples/content"))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

inline engine memory_engine() {
  auto st = open_store("sqlite::memory:");
  if (!st) throw std::runtime_error(st.err().to_string());
  return engine(std::move(*st));
}

}  // namespace glossa::test
