// SHA-256 (FIPS 180-4), for content revisions. Not for secrets.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace glossa::detail {
std::array<std::uint8_t, 32> sha256(std::string_view data) noexcept;
/// Lowercase hex of the digest.
std::string sha256_hex(std::string_view data);
}  // namespace glossa::detail
