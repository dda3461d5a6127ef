#include <gtest/gtest.h>

#include "util/utf8.hpp"

using namespace glossa::detail;

TEST(utf8, accepts_well_formed_text) {
  EXPECT_FALSE(find_invalid_utf8("plain ascii"));
  EXPECT_FALSE(find_invalid_utf8("Genève — مرحبا — 𝄞"));
  EXPECT_FALSE(find_invalid_utf8(""));
}

TEST(utf8, finds_the_first_ill_formed_byte) {
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("a\xC0\xAF"), 1u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);       // overlong 3-byte
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);      // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xE2\x82"), 2u);         // truncated
  EXPECT_EQ(find_invalid_utf8("\x80"), 0u);               // stray continuation
}

TEST(utf8, control_characters_and_positions) {
  EXPECT_FALSE(find_control_character("tab\tnewline\ncr\r"));
  EXPECT_EQ(find_control_character(std::string("a\0b", 3)), 1u);
  EXPECT_EQ(find_control_character("é\x1B"), 2u);
  EXPECT_EQ(find_control_character("a\xC2\x85"), 1u);  // NEL, a C1 control
  EXPECT_EQ(count_code_points("مرحبا"), 5u);
  auto lc = line_column_at("ab\nمرحبا x", 14);
  EXPECT_EQ(lc.line, 2u);
  EXPECT_EQ(lc.column, 7u);  // five Arabic letters and a space before 'x'
}
