#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <glossa/report.hpp>

#include "test_support.hpp"

using namespace glossa;
namespace json = boost::json;

TEST(report, localized_document_json_contract) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "p", "source_locale": "en",
      "fields": {"title": "T", "slug": "p", "body": "<p>B</p>"}, "translations": {"ar": {"title": "ع"}}}]})",
                               "x"));
  localize_options o;
  o.locale = "ar";
  auto v = json::parse(to_json(*e.localize("p", o)));
  EXPECT_EQ(v.at("key"), "p");
  EXPECT_EQ(v.at("requested_locale"), "ar");
  const auto& fields = v.at("fields").as_array();
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].at("name"), "title");
  EXPECT_EQ(fields[0].at("text"), "ع");
  EXPECT_EQ(fields[0].at("locale"), "ar");
  EXPECT_EQ(fields[0].at("fallback"), false);
  EXPECT_EQ(fields[0].at("state"), "translated");
  EXPECT_EQ(fields[1].at("locale"), nullptr);  // slug: locale-neutral
  EXPECT_EQ(fields[2].at("fallback"), true);
  EXPECT_EQ(fields[2].at("fallback_reason"), "missing");
}

TEST(report, write_report_and_history_json) {
  engine e = test::memory_engine();
  auto r = e.import_content(R"({"documents": [{"type": "page", "key": "p", "source_locale": "en",
      "fields": {"title": "T", "slug": "p", "body": "<p>B</p>"}}]})",
                            "x.json");
  auto v = json::parse(to_json(*r));
  EXPECT_EQ(v.at("created"), 1);
  EXPECT_EQ(v.at("changed"), true);
  EXPECT_EQ(v.at("documents").at(0).at("outcome"), "created");
  EXPECT_EQ(v.at("documents").at(0).at("file"), "x.json");
  auto h = json::parse(to_json(*e.history("p")));
  ASSERT_EQ(h.as_array().size(), 3u);
  EXPECT_EQ(h.at(0).at("action"), "create");
  EXPECT_EQ(h.at(0).at("old_text"), nullptr);
  EXPECT_EQ(h.at(0).at("locale"), nullptr);
  auto err = json::parse(to_json(error(errc::invalid_value, "bad", location{"f", 2, 3, "/a"})));
  EXPECT_EQ(err.at("error").at("code"), "invalid_value");
  EXPECT_EQ(err.at("error").at("line"), 2);
  EXPECT_EQ(err.at("error").at("path"), "/a");
}
