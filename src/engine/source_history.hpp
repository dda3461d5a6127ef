// The source text a translation was made from, found by its revision: the
// current value, or an older one from history. Shared by the QA walk, the
// write-path checks and XLIFF import.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "glossa/model.hpp"
#include "glossa/store.hpp"

namespace glossa::detail {
/// nullopt when the store never had that revision of the field; the
/// store's error when it cannot read the field's history.
result<std::optional<std::string>> source_at(store& st, std::string_view key, const field& f, const std::string& rev);
}  // namespace glossa::detail
