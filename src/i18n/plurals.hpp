// Plural categories of a locale: the one place they are computed and kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace glossa::detail {

/// The CLDR plural categories of the locale's cardinal numbers, in the order
/// zero, one, two, few, many, other (Arabic: all six; English: one, other).
/// Kept per locale after the first call (up to 256 locales). Thread-safe.
std::vector<std::string> plural_categories(std::string_view locale);

}  // namespace glossa::detail
