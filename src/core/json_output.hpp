// Deterministic, human-readable JSON output (2-space indent, members in
// insertion order, shortest round-trip doubles).
#pragma once
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace glossa::detail {
std::string pretty_json(const boost::json::value& v);

/// Appends `s` (UTF-8) as a JSON string literal: quotes, backslashes and
/// control characters escaped, everything else as is. For writers that build
/// large documents directly rather than through a JSON tree.
void append_json_string(std::string& out, std::string_view s);
}  // namespace glossa::detail
