// The embedded default backend.
#pragma once
#include <cstddef>
#include <memory>
#include <string_view>

#include "glossa/store.hpp"

namespace glossa::sqlite_store {
/// `target` is a file path or ":memory:".
result<std::unique_ptr<store>> open(std::string_view uri, std::string_view target, const store_options& options);
/// How many WAL checkpoints the stores of this process have handed to a
/// thread of their own after a large commit (for tests).
std::size_t background_checkpoints() noexcept;
}  // namespace glossa::sqlite_store
