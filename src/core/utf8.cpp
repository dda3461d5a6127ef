#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace glossa::detail {

namespace {
// Length of the well-formed sequence at bytes[i], or 0 (Unicode Table 3-7).
std::size_t sequence_length(std::string_view b, std::size_t i) noexcept {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(b[k]); };
  unsigned char c = at(i);
  std::size_t n = b.size() - i;
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < n && at(i + k) >= lo && at(i + k) <= hi;
  };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // no surrogates
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view bytes) noexcept {
  std::size_t i = 0;
  while (i < bytes.size()) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= bytes.size()) {
      std::uint64_t word;
      std::memcpy(&word, bytes.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= bytes.size()) break;
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = sequence_length(bytes, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

char32_t decode_utf8(std::string_view t, std::size_t& i) noexcept {
  auto u = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(t[k])); };
  char32_t c = u(i);
  if (c < 0x80) {
    i += 1;
    return c;
  }
  if (c < 0xE0 && i + 1 < t.size()) {
    char32_t r = ((c & 0x1F) << 6) | (u(i + 1) & 0x3F);
    i += 2;
    return r;
  }
  if (c < 0xF0 && i + 2 < t.size()) {
    char32_t r = ((c & 0x0F) << 12) | ((u(i + 1) & 0x3F) << 6) | (u(i + 2) & 0x3F);
    i += 3;
    return r;
  }
  if (i + 3 < t.size()) {
    char32_t r = ((c & 0x07) << 18) | ((u(i + 1) & 0x3F) << 12) | ((u(i + 2) & 0x3F) << 6) | (u(i + 3) & 0x3F);
    i += 4;
    return r;
  }
  i = t.size();
  return 0xFFFD;
}

std::optional<std::size_t> find_control_character(std::string_view text) noexcept {
  // Byte-wise, no decoding: C0 controls and DEL are single bytes, C1 controls
  // (U+0080..U+009F) are C2 80..C2 9F; in UTF-8 a C2 byte always starts a character.
  auto control_at = [&](std::size_t i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20) return b != '\t' && b != '\n' && b != '\r';
    if (b == 0x7F) return true;
    return b == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
           static_cast<unsigned char>(text[i + 1]) >= 0x80;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time past blocks with no candidate (a byte below 0x20,
  // DEL or C2); a block with one is looked at byte by byte.
  const __m128i space = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F), c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  for (; i + 16 <= text.size(); i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(x, space), space);  // x <= 0x1F
    __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, c2)));
    if (_mm_movemask_epi8(hit) == 0) continue;
    for (std::size_t k = i; k < i + 16; ++k)
      if (control_at(k)) return k;
  }
#endif
  for (; i < text.size(); ++i)
    if (control_at(i)) return i;
  return std::nullopt;
}

std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t n = 0;
  for (char ch : text)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

line_column line_column_at(std::string_view text, std::size_t offset) noexcept {
  line_column lc;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80)
      ++lc.column;
  }
  return lc;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace glossa::detail
