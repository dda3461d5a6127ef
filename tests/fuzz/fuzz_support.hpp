// Shared by the fuzz targets: one store with the example content, made once
// per process in the temp directory.
#pragma once
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "glossa/engine.hpp"

namespace glossa::fuzz {

inline const std::string& example_store_path() {
  static const std::string path = [] {
    auto p = std::filesystem::temp_directory_path() / ("glossa-fuzz-" + std::to_string(getpid()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
    auto st = open_store("sqlite:" + p.string());
    if (!st) throw std::runtime_error(st.err().to_string());
    engine e(std::move(*st));
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(GLOSSA_SOURCE_DIR "/examples/content"))
      if (f.path().extension() == ".json") files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    auto r = e.import_content_files(files);
    if (!r) throw std::runtime_error(r.err().to_string());
    static const std::string remove_at_exit = p.string();
    std::atexit([] {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(remove_at_exit + suffix);
    });
    return p.string();
  }();
  return path;
}

inline engine& example_engine() {
  static engine e = [] {
    auto st = open_store("sqlite:" + example_store_path());
    if (!st) throw std::runtime_error(st.err().to_string());
    return engine(std::move(*st));
  }();
  return e;
}

}  // namespace glossa::fuzz
