#pragma once
#include <string>
namespace glossa::detail {
/// Current UTC time as "2026-11-26T13:27:12.123Z".
std::string utc_now();
}  // namespace glossa::detail
