#include "core/json_locate.hpp"

#include <gtest/gtest.h>

using namespace glossa::detail;

TEST(json_locate, finds_values_by_pointer) {
  std::string t = R"({"a": 1, "documents": [ {"k": "x"}, {"k": "y", "f": {"t/s": [10, 20]}} ]})";
  EXPECT_EQ(json_locate(t, ""), 0u);
  EXPECT_EQ(t.substr(json_locate(t, "/a"), 1), "1");
  EXPECT_EQ(t.substr(json_locate(t, "/documents/1/k"), 3), "\"y\"");
  EXPECT_EQ(t.substr(json_locate(t, "/documents/1/f/t~1s/1"), 2), "20");
  // Missing parts resolve to the deepest existing value.
  EXPECT_EQ(json_locate(t, "/documents/1/zzz"), json_locate(t, "/documents/1"));
  EXPECT_EQ(json_pointer_token("a/b~c"), "a~1b~0c");
}

TEST(json_locate, skips_strings_with_escapes_and_braces) {
  std::string t = R"({"s": "a \"}\" {[", "n": {"x": [1, {"y": "]"}]}, "z": true})";
  EXPECT_EQ(t.substr(json_locate(t, "/z"), 4), "true");
  EXPECT_EQ(t.substr(json_locate(t, "/n/x/1/y"), 3), "\"]\"");
}
