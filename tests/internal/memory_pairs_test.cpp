// The memory's pairs of one translation: levels, what lines up and what
// does not, codes kept whole across sentence splits.
#include <gtest/gtest.h>

#include "engine/memory.hpp"

using namespace glossa;
using namespace glossa::detail;

namespace {
std::vector<tm_pair> pairs(std::string_view source, std::string_view target, field_kind kind,
                           std::string_view locale = "fr") {
  tm_splitters split("en", locale);
  std::vector<tm_pair> out;
  memory_pairs(source, target, kind, locale, split, [&](tm_pair&& p) { out.push_back(std::move(p)); });
  return out;
}
std::size_t count(const std::vector<tm_pair>& ps, tm_level l) {
  std::size_t n = 0;
  for (const auto& p : ps) n += p.level == l;
  return n;
}
}  // namespace

TEST(memory_pairs, text_gives_its_field_and_its_sentences) {
  auto ps = pairs("Apply online. Interviews follow.", "Postulez en ligne. Les entretiens suivent.", field_kind::text);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].level, tm_level::field);
  EXPECT_EQ(xliff::display_text(ps[1].source), "Apply online.");
  EXPECT_EQ(xliff::display_text(ps[1].target), "Postulez en ligne.");
  EXPECT_EQ(xliff::display_text(ps[2].target), "Les entretiens suivent.");
  // Sentences that do not line up give no sentence pair.
  EXPECT_EQ(
      count(pairs("Apply online. Interviews follow.", "Postulez en ligne ; les entretiens suivent.", field_kind::text),
            tm_level::sentence),
      0u);
}

TEST(memory_pairs, blocks_pair_when_both_sides_have_the_same_blocks) {
  std::string src = "<p>First. Second.</p><ul><li>One<ul><li>Nested</li></ul></li><li>Two</li></ul>";
  std::string tgt = "<p>Premier. Deuxième.</p><ul><li>Un<ul><li>Imbriqué</li></ul></li><li>Deux</li></ul>";
  auto ps = pairs(src, tgt, field_kind::rich_text);
  EXPECT_EQ(count(ps, tm_level::field), 1u);
  EXPECT_EQ(count(ps, tm_level::block), 3u);  // the p and the two outer li; the nested list stays in its item
  EXPECT_EQ(count(ps, tm_level::sentence), 2u);
  // A translator who put the list before the paragraph: the same codes, other blocks: the field only.
  auto moved = pairs("<p>Apply.</p><ul><li>Now</li></ul>", "<ul><li>Maintenant</li></ul><p>Postulez.</p>",
                     field_kind::rich_text);
  EXPECT_EQ(count(moved, tm_level::block), 0u);
  EXPECT_EQ(count(moved, tm_level::field), 1u);
}

TEST(memory_pairs, a_code_pair_is_never_split_between_sentences) {
  tm_splitters split("en", "fr");
  auto c = xliff::to_variants("Read <b>the guide. Then</b> apply. Done.", field_kind::rich_text, "fr");
  ASSERT_TRUE(c);
  auto s = split_sentences(c->front().source, split.source);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(xliff::display_text(s[0]), "Read <b>the guide. Then</b> apply.");
  EXPECT_EQ(xliff::display_text(s[1]), "Done.");
}

TEST(memory_pairs, a_message_gives_a_pair_per_variant) {
  auto ps = pairs("{n, plural, one {# post is open} other {# posts are open}}",
                  "{n, plural, one {# Stelle ist offen} other {# Stellen sind offen}}", field_kind::message, "de");
  ASSERT_EQ(ps.size(), 2u);  // German: one and other
  EXPECT_EQ(ps[0].variant, ":n.one");
  EXPECT_EQ(ps[1].variant, ":n.other");
  EXPECT_EQ(ps[1].level, tm_level::field);
}

TEST(memory_pairs, a_translation_that_lost_a_code_offers_nothing) {
  EXPECT_TRUE(pairs("<p>Read <b>this</b>.</p>", "<p>Lisez ceci.</p>", field_kind::rich_text).empty());
}

// What --segment sentences cuts: the text between block tags, by sentence;
// the tags and the spaces between sentences are between segments, and the
// pieces joined are the source again.
TEST(segment_pieces, cut_at_block_tags_and_sentences_and_join_back) {
  sentence_splitter split("en");
  auto c = xliff::to_variants(
      "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p>"
      "<ul><li>Apply by 15 May.</li><li>*</li></ul>",
      field_kind::rich_text, "fr");
  ASSERT_TRUE(c);
  const auto& source = c->front().source;
  auto pieces = segment_pieces(source, split);
  ASSERT_EQ(pieces.size(), 7u);  // three segments; "*" has no word
  EXPECT_EQ(xliff::display_text(pieces[1]), "Read the <strong>vacancy notice</strong>.");
  EXPECT_EQ(xliff::display_text(pieces[2]), " ");
  EXPECT_EQ(xliff::display_text(pieces[3]), "Then apply online.");
  EXPECT_EQ(xliff::display_text(pieces[5]), "Apply by 15 May.");
  EXPECT_EQ(xliff::display_text(pieces[0]), "<p>");
  xliff::content joined;
  for (const auto& p : pieces) joined.insert(joined.end(), p.begin(), p.end());
  EXPECT_TRUE(xliff::same_content(joined, source, field_kind::text));
  EXPECT_EQ(xliff::display_text(joined), xliff::display_text(source));
  // One sentence, or none: one segment, or none at all.
  auto one = xliff::to_variants("Apply now", field_kind::text, "fr");
  EXPECT_EQ(segment_pieces(one->front().source, split).size(), 3u);
  auto none = xliff::to_variants("<p> </p>", field_kind::rich_text, "fr");
  EXPECT_EQ(segment_pieces(none->front().source, split).size(), 1u);
  EXPECT_EQ(source_segments(source, split).size(), 3u);
}
