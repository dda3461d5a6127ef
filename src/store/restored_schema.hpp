// What a store copy's restore() of the meta table brings: the source's
// content schema, which the target takes once the copy commits.
#pragma once

#include <optional>

#include "glossa/store.hpp"

namespace glossa::detail {

/// The content schema among the meta rows of `meta`, if any.
std::optional<content_schema> schema_in(const table_chunk& meta);

}  // namespace glossa::detail
