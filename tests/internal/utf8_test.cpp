#include "core/utf8.hpp"

#include <gtest/gtest.h>

using namespace glossa::detail;

TEST(utf8, accepts_well_formed_text) {
  EXPECT_FALSE(find_invalid_utf8("plain ascii"));
  EXPECT_FALSE(find_invalid_utf8("Genève — مرحبا — 𝄞"));
  EXPECT_FALSE(find_invalid_utf8(""));
}

TEST(utf8, finds_the_first_ill_formed_byte) {
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("a\xC0\xAF"), 1u);         // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);      // overlong 3-byte
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xE2\x82"), 2u);        // truncated
  EXPECT_EQ(find_invalid_utf8("\x80"), 0u);              // stray continuation
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

// The scan goes sixteen bytes at a time: a control is found at every offset,
// whatever block it falls in, and a C2 lead byte is judged by the byte after
// it even when that byte begins the next block.
TEST(utf8, control_characters_found_at_every_offset_of_long_text) {
  const std::string base = "Le poste — الوظيفة ¿Qué? \t\n";  // tab, newline, C2 BF: none is a control
  std::string text;
  while (text.size() < 80) text += base;
  ASSERT_FALSE(find_control_character(text));
  for (std::string control :
       {std::string("\x01"), std::string("\x7F"), std::string("\xC2\x9F"), std::string(1, '\0')}) {
    for (std::size_t at = 0; at <= text.size(); ++at) {
      if (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;  // inside a character
      std::string t = text.substr(0, at) + control + text.substr(at);
      auto found = find_control_character(t);
      ASSERT_TRUE(found) << "control at " << at;
      EXPECT_EQ(*found, at);
    }
  }
  for (std::size_t at = 0; at + 1 < 40; ++at) {
    std::string t(40, 'a');
    t[at] = '\xC2';
    t[at + 1] = '\xA0';  // U+00A0, not a control
    EXPECT_FALSE(find_control_character(t)) << "C2 A0 at " << at;
  }
}
