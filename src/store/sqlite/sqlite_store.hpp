// The embedded default backend.
#pragma once
#include <memory>
#include <string_view>
#include "glossa/store.hpp"

namespace glossa::sqlite_store {
/// `target` is a file path or ":memory:".
result<std::unique_ptr<store>> open(std::string_view uri, std::string_view target, const store_options& options);
}  // namespace glossa::sqlite_store
