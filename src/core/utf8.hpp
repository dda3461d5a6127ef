// UTF-8 validation and position helpers used at every input boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace glossa::detail {

/// Offset of the first byte that is not part of well-formed UTF-8 (overlong
/// forms, surrogates and code points above U+10FFFF are ill-formed), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes) noexcept;

/// Offset of the first control character in valid UTF-8 text: C0 controls
/// other than TAB, LF and CR, DEL, and C1 controls (U+0080..U+009F); or nullopt.
std::optional<std::size_t> find_control_character(std::string_view text) noexcept;

/// Number of code points in valid UTF-8 text.
std::size_t count_code_points(std::string_view text) noexcept;

/// Decodes the code point at `offset` of valid UTF-8 text; advances `offset`.
char32_t decode_utf8(std::string_view text, std::size_t& offset) noexcept;

/// Appends the UTF-8 form of `cp` (a Unicode scalar value; anything else
/// becomes U+FFFD) to `out`.
void append_utf8(std::string& out, char32_t cp);

struct line_column {
  std::uint32_t line = 1, column = 1;
};
/// 1-based line and column (in code points) of byte `offset` in `text`.
line_column line_column_at(std::string_view text, std::size_t offset) noexcept;

}  // namespace glossa::detail
