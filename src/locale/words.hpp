// Word counting with ICU word boundaries (UAX #29): a word is a segment whose
// rule status is a letter, number, kana or ideograph run; punctuation and
// spaces are not words. Markup and placeholders are removed by the caller.
#pragma once
#include <cstddef>
#include <string_view>

namespace glossa::detail {
/// Words of `text` (UTF-8) in `locale`'s word-break rules.
std::size_t count_words(std::string_view text, std::string_view locale);
}  // namespace glossa::detail
