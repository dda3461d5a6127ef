#include "i18n/values.hpp"

#include <gtest/gtest.h>

using namespace glossa;
using namespace glossa::detail;

TEST(values, dates_and_times) {
  EXPECT_FALSE(check_date("2028-02-29"));
  EXPECT_TRUE(check_date("2026-02-29"));
  EXPECT_TRUE(check_date("1900-02-29"));
  EXPECT_FALSE(check_date("2000-02-29"));
  EXPECT_TRUE(check_date("2026-1-01"));
  EXPECT_TRUE(check_date("2026-04-31"));
  EXPECT_FALSE(check_local_datetime("2026-12-15T23:59:59"));
  EXPECT_TRUE(check_local_datetime("2026-12-15T24:00:00"));
  EXPECT_TRUE(check_local_datetime("2026-12-15 17:00:00"));
  EXPECT_FALSE(check_time_zone("Asia/Amman"));
  EXPECT_FALSE(check_time_zone("America/Panama"));
  EXPECT_TRUE(check_time_zone("Europe/Geneva"));
  EXPECT_TRUE(check_time_zone("Mars/Olympus"));
}

TEST(values, money_and_numbers) {
  EXPECT_FALSE(check_decimal("84500"));
  EXPECT_FALSE(check_decimal("-12.50"));
  EXPECT_TRUE(check_decimal("1,000"));
  EXPECT_TRUE(check_decimal("1e3"));
  EXPECT_TRUE(check_decimal(".5"));
  EXPECT_FALSE(check_currency("CHF"));
  EXPECT_FALSE(check_currency("JOD"));
  EXPECT_TRUE(check_currency("chf"));
  EXPECT_TRUE(check_currency("XYZ"));
}

TEST(values, messages_and_text) {
  EXPECT_FALSE(check_message_syntax("{count, plural, one {# post} other {# posts}}"));
  EXPECT_FALSE(check_message_syntax("{n, select, a {x} other {y}} and {m}"));
  auto bad = check_message_syntax("{count, plural, one {# post} other {# posts}");
  ASSERT_TRUE(bad);
  EXPECT_NE(bad->message.find("not a valid ICU message"), std::string::npos);
  field_def f;
  f.name = "t";
  f.kind = field_kind::text;
  f.max_length = 5;
  EXPECT_FALSE(check_text("مرحبا", f));  // 5 characters, 10 bytes
  EXPECT_FALSE(check_text("مرحباً", f));  // 6 code points, 5 characters: the tanween sits on its letter
  EXPECT_EQ(check_text("مرحبا!", f)->code, errc::too_long);
  f.kind = field_kind::rich_text;
  EXPECT_FALSE(check_text("<p><b>H&amp;llo</b></p>", f));  // markup is not read; an entity is one character
  EXPECT_EQ(check_text("<p><b>Hello!</b></p>", f)->code, errc::too_long);
  EXPECT_EQ(check_text("a\x7F", f)->code, errc::control_character);
  EXPECT_EQ(check_text("a\xFE", f)->code, errc::invalid_utf8);
}

TEST(values, canonical_values_by_kind) {
  field_def e;
  e.name = "grade";
  e.kind = field_kind::enumeration;
  e.values = {"P-3"};
  EXPECT_FALSE(check_canonical("P-3", e));
  EXPECT_TRUE(check_canonical("P-4", e));
  field_def m;
  m.kind = field_kind::money;
  EXPECT_FALSE(check_canonical("100.50 EUR", m));
  EXPECT_TRUE(check_canonical("100.50", m));
  field_def l;
  l.kind = field_kind::locale_list;
  EXPECT_FALSE(check_canonical("ar,en", l));
  EXPECT_TRUE(check_canonical("ar,EN", l));
  field_def d;
  d.kind = field_kind::datetime;
  EXPECT_FALSE(check_canonical("2026-12-15T17:00:00[Asia/Amman]", d));
  EXPECT_TRUE(check_canonical("2026-12-15T17:00:00", d));
}
