#include "formats/xliff/inline.hpp"

#include <gtest/gtest.h>

#include "i18n/message_ast.hpp"
#include "i18n/plurals.hpp"

using namespace glossa;
using namespace glossa::xliff;

namespace {
std::vector<std::string> suffixes(const std::vector<variant>& v) {
  std::vector<std::string> out;
  for (const auto& x : v) out.push_back(x.suffix);
  return out;
}
content with_text(const content& c, const std::string& text) {
  content out;
  for (const auto& p : c)
    if (p.is_code) out.push_back(p);
  out.insert(out.begin(), part{false, text, {}});
  return out;
}
}  // namespace

TEST(inline_codes, rich_text_becomes_paired_and_standalone_codes) {
  auto v =
      to_variants(R"(<p>Read <a href="https://example.org/x?a=1&amp;b=2">the <b>rules</b></a> &amp; apply.<br/></p>)",
                  field_kind::rich_text, "fr");
  ASSERT_TRUE(v);
  ASSERT_EQ(v->size(), 1u);
  const content& c = v->front().source;
  EXPECT_EQ(display_text(c), "<p>Read <a>the <b>rules</b></a> & apply.<br/></p>");
  // The href is in the native data only, never in what the translator edits.
  int codes = 0;
  for (const auto& p : c) codes += p.is_code;
  EXPECT_EQ(codes, 7);
  EXPECT_EQ(c[0].c->type, code::kind::open);
  EXPECT_EQ(c[0].c->ctype, "x-html-p");
  EXPECT_EQ(c.back().c->id, c[0].c->id);  // </p> closes <p>

  // A translation that reorders the codes is rebuilt with the original markup.
  auto aligned = align_translation(
      R"(<p>Lisez <a href="https://example.org/x?a=1&amp;b=2">les <b>règles</b></a> et postulez.<br/></p>)",
      field_kind::rich_text, *v, "fr");
  ASSERT_TRUE(aligned);
  auto back = from_variants(*v, *aligned, field_kind::rich_text);
  ASSERT_TRUE(back) << back.err().message;
  EXPECT_EQ(*back,
            R"(<p>Lisez <a href="https://example.org/x?a=1&amp;b=2">les <b>règles</b></a> et postulez.<br/></p>)");
}

TEST(inline_codes, code_checks_allow_reordering_but_not_loss_or_invention) {
  auto v = to_variants("<p><b>A</b> and <i>B</i></p>", field_kind::rich_text, "ar");
  const content& src = v->front().source;
  content reordered;  // <p><i>B</i> و <b>A</b></p>
  auto code_of = [&](const std::string& disp) {
    for (const auto& p : src)
      if (p.is_code && p.c->disp == disp) return p;
    throw std::runtime_error(disp);
  };
  for (const char* d : {"<p>", "<i>"}) reordered.push_back(code_of(d));
  reordered.push_back(part{false, "ب", {}});
  reordered.push_back(code_of("</i>"));
  reordered.push_back(part{false, " و ", {}});
  reordered.push_back(code_of("<b>"));
  reordered.push_back(part{false, "أ", {}});
  reordered.push_back(code_of("</b>"));
  reordered.push_back(code_of("</p>"));
  EXPECT_EQ(check_codes(src, reordered), "");

  content missing = reordered;
  missing.erase(missing.begin() + 1);  // drop <i>
  EXPECT_NE(check_codes(src, missing).find("is closed out of order"), std::string::npos);
  content lost(reordered.begin(), reordered.begin() + 4);
  lost.push_back(code_of("</p>"));
  EXPECT_NE(check_codes(src, lost).find("is missing"), std::string::npos);
  content invented = reordered;
  part extra = code_of("<b>");
  extra.c->id = "99";
  extra.c->type = code::kind::standalone;
  invented.push_back(extra);
  EXPECT_NE(check_codes(src, invented).find("extra code"), std::string::npos);
  content twice = reordered;
  twice.insert(twice.begin() + 3, code_of("</i>"));
  EXPECT_FALSE(check_codes(src, twice).empty());
}

TEST(inline_codes, plural_message_uses_the_target_locales_categories) {
  const char* msg = "{count, plural, one {# position is open} other {# positions are open}}";
  auto ar = to_variants(msg, field_kind::message, "ar");
  ASSERT_TRUE(ar);
  EXPECT_EQ(suffixes(*ar), (std::vector<std::string>{":count.zero", ":count.one", ":count.two", ":count.few",
                                                     ":count.many", ":count.other"}));
  EXPECT_EQ(display_text((*ar)[0].source), "# positions are open");  // zero: English has no zero form: other
  EXPECT_EQ(display_text((*ar)[1].source), "# position is open");
  auto fr = to_variants(msg, field_kind::message, "fr");
  EXPECT_EQ(suffixes(*fr), (std::vector<std::string>{":count.one", ":count.many", ":count.other"}));
  auto ja = to_variants(msg, field_kind::message, "ja");
  EXPECT_EQ(suffixes(*ja), (std::vector<std::string>{":count.other"}));
  EXPECT_EQ(detail::plural_categories("es"), (std::vector<std::string>{"one", "many", "other"}));
  EXPECT_EQ(detail::plural_categories("en"), (std::vector<std::string>{"one", "other"}));
}

TEST(inline_codes, arabic_variants_reassemble_into_a_valid_message) {
  const char* msg = "{count, plural, one {# position is open} other {# positions are open}}";
  auto ar = to_variants(msg, field_kind::message, "ar");
  std::map<std::string, std::string> words{{":count.zero", "لا توجد وظائف شاغرة"}, {":count.one", "وظيفة شاغرة واحدة"},
                                           {":count.two", "وظيفتان شاغرتان"},      {":count.few", "{#} وظائف شاغرة"},
                                           {":count.many", "{#} وظيفة شاغرة"},     {":count.other", "{#} وظيفة شاغرة"}};
  std::map<std::string, content> targets;
  for (const auto& v : *ar) {
    content c;
    std::string w = words[v.suffix];
    auto pos = w.find("{#}");
    if (pos == std::string::npos) {
      c.push_back(part{false, w, {}});  // the count may be dropped: "وظيفتان" says two by itself
    } else {
      c.push_back(v.source.front());  // the # code
      c.push_back(part{false, w.substr(pos + 3), {}});
    }
    targets[v.suffix] = c;
  }
  auto text = from_variants(*ar, targets, field_kind::message);
  ASSERT_TRUE(text) << text.err().message;
  EXPECT_EQ(*text,
            "{count, plural, zero {لا توجد وظائف شاغرة} one {وظيفة شاغرة واحدة} two {وظيفتان شاغرتان} "
            "few {# وظائف شاغرة} many {# وظيفة شاغرة} other {# وظيفة شاغرة}}");
  EXPECT_TRUE(detail::parse_message(*text));
  // A variant left out cannot be reassembled.
  targets.erase(":count.few");
  auto incomplete = from_variants(*ar, targets, field_kind::message);
  ASSERT_FALSE(incomplete);
  EXPECT_NE(incomplete.err().message.find(":count.few"), std::string::npos);
}

TEST(inline_codes, nested_selectors_and_arguments) {
  const char* msg =
      "{staff, plural, one {# person} other {# people}} work in {stations, plural, one {# station} other {# "
      "stations}}, "
      "led by {name}.";
  auto fr = to_variants(msg, field_kind::message, "fr");
  ASSERT_TRUE(fr);
  ASSERT_EQ(fr->size(), 9u);  // 3 x 3 French categories
  EXPECT_EQ((*fr)[0].suffix, ":staff.one:stations.one");
  EXPECT_EQ(display_text((*fr)[0].source), "# person work in # station, led by {name}.");
  std::map<std::string, content> same;
  for (const auto& v : *fr) same[v.suffix] = v.source;
  auto text = from_variants(*fr, same, field_kind::message);
  ASSERT_TRUE(text) << text.err().message;
  // Full sentences at the leaves; the outer count is named, the inner one is #.
  EXPECT_NE(
      text->find(
          "{staff, plural, one {{stations, plural, one {{staff, number} person work in # station, led by {name}.}"),
      std::string::npos)
      << *text;
  auto tree = detail::parse_message(*text);
  ASSERT_TRUE(tree);
  EXPECT_EQ(detail::message_arguments(*tree), (std::vector<std::string>{"name", "staff", "stations"}));
}

TEST(inline_codes, literal_braces_and_apostrophes_survive_reassembly) {
  auto v = to_variants("{n, plural, one {# item} other {# items}}", field_kind::message, "en");
  std::map<std::string, content> t;
  for (const auto& x : *v) t[x.suffix] = with_text(x.source, "l'{objet} #");
  auto text = from_variants(*v, t, field_kind::message);
  ASSERT_TRUE(text);
  EXPECT_TRUE(detail::parse_message(*text)) << *text;
  EXPECT_NE(text->find("l''"), std::string::npos) << *text;
}

TEST(inline_codes, message_display_length_counts_the_longest_form) {
  auto tree = detail::parse_message("{n, plural, one {short} other {a much longer form}} end");
  ASSERT_TRUE(tree);
  EXPECT_EQ(detail::message_display_length(*tree), std::string("a much longer form end").size());
}

#include "i18n/words.hpp"

TEST(word_count, icu_word_boundaries_without_markup) {
  using glossa::detail::count_words;
  EXPECT_EQ(count_words("Programme Officer, Groundwater Governance", "en"), 4u);
  EXPECT_EQ(count_words("2,380 staff in 41 duty stations.", "en"), 6u);  // numbers are words, punctuation is not
  EXPECT_EQ(count_words("مسؤول البرامج في عمّان", "ar"), 4u);
  EXPECT_EQ(count_words("", "fr"), 0u);
  auto v = to_variants("<p>Read <b>the</b> rules</p>", field_kind::rich_text, "fr");
  EXPECT_EQ(count_words(display_text(v->front().source, false), "en"), 3u);  // tags are not words
}
