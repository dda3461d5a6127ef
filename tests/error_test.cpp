#include <gtest/gtest.h>

#include <glossa/error.hpp>
#include <set>
#include <string>

using namespace glossa;

TEST(error, every_code_has_a_distinct_stable_name) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(errc::too_long); ++i) {
    auto name = std::string(to_string(static_cast<errc>(i)));
    EXPECT_NE(name, "unknown") << i;
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(to_string(errc::invalid_utf8), "invalid_utf8");
  EXPECT_EQ(static_cast<int>(errc::store_busy), 11);  // codes are never renumbered
}

TEST(error, location_formats_what_is_known) {
  EXPECT_EQ((location{"a.json", 3, 14, "/documents/0"}).to_string(), "a.json:3:14 (/documents/0)");
  EXPECT_EQ((location{"a.json", 0, 0, {}}).to_string(), "a.json");
  EXPECT_EQ((location{{}, 0, 0, "unit-1"}).to_string(), "(unit-1)");
  EXPECT_TRUE(location{}.empty());
}

TEST(error, message_names_place_code_and_cause) {
  error e(errc::invalid_value, "not a date", location{"f.json", 2, 5, {}});
  EXPECT_EQ(e.to_string(), "f.json:2:5: invalid_value: not a date");
  EXPECT_FALSE(e.ok());
  EXPECT_TRUE(error{}.ok());
}

TEST(error, result_holds_value_or_error_and_misuse_throws) {
  result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_THROW((void)good.err(), bad_result_access);

  result<int> bad = error(errc::not_found, "missing");
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.err().code, errc::not_found);
  EXPECT_THROW((void)bad.value(), bad_result_access);
  EXPECT_THROW((void)result<int>(error{}), bad_result_access);

  status s;
  EXPECT_TRUE(s.ok());
  status f = error(errc::io_error, "x");
  EXPECT_EQ(f.err().code, errc::io_error);
}
