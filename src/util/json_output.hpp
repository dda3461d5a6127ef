// Deterministic, human-readable JSON output (2-space indent, members in
// insertion order, shortest round-trip doubles).
#pragma once
#include <string>
#include <boost/json/value.hpp>

namespace glossa::detail {
std::string pretty_json(const boost::json::value& v);
}  // namespace glossa::detail
