#include "core/rich_text.hpp"

#include <gtest/gtest.h>

using namespace glossa::detail;

TEST(rich_text, tokenizes_the_subset) {
  std::vector<rich_token> t;
  auto p = tokenize_rich_text(
      R"(<p>Hello <b>world</b> &amp; <a href="https://example.org/?a=1&amp;b=2">link</a><br/></p><ul><li>x</li></ul>)",
      t);
  ASSERT_FALSE(p) << p->message;
  ASSERT_GE(t.size(), 10u);
  EXPECT_EQ(t[0].type, rich_token::kind::open);
  EXPECT_EQ(t[0].name, "p");
  EXPECT_EQ(t[1].type, rich_token::kind::text);
  EXPECT_EQ(t[1].raw, "Hello ");
  auto a = std::find_if(t.begin(), t.end(), [](const rich_token& x) { return x.name == "a"; });
  ASSERT_NE(a, t.end());
  EXPECT_EQ(a->href, "https://example.org/?a=1&b=2");
  auto br = std::find_if(t.begin(), t.end(), [](const rich_token& x) { return x.name == "br"; });
  EXPECT_EQ(br->type, rich_token::kind::empty);
}

TEST(rich_text, refuses_what_is_outside_the_subset) {
  std::vector<rich_token> t;
  struct c {
    const char* in;
    const char* says;
    std::size_t offset;
  };
  for (auto x : {c{"<p>a</p><div>b</div>", "<div> is not allowed", 8}, c{"<p>a", "never closed", 4},
                 c{"<b><i>x</b></i>", "</b> closes <i>", 7}, c{"a & b", "&amp;", 2}, c{"1 < 2", "&lt;", 2},
                 c{"<a>x</a>", "needs an href", 0}, c{"<p class=\"x\">y</p>", "not allowed on <p>", 3},
                 c{"</p>", "closes nothing", 0}, c{"<p/>", "cannot be empty-element", 0}}) {
    auto p = tokenize_rich_text(x.in, t);
    ASSERT_TRUE(p) << x.in;
    EXPECT_NE(p->message.find(x.says), std::string::npos) << x.in << ": " << p->message;
    EXPECT_EQ(p->where.offset, std::optional<std::size_t>(x.offset)) << x.in;
  }
}
