#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <glossa/coverage.hpp>
#include <glossa/engine.hpp>
#include <set>

#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {
std::size_t units(const coverage_row& r, unit_status s) { return r.counts.units[static_cast<std::size_t>(s)]; }
const coverage_row& total(const coverage_report& r, const std::string& locale) {
  for (const auto& t : r.totals)
    if (t.locale == locale) return t;
  throw std::runtime_error(locale);
}
}  // namespace

TEST(coverage, hand_computed_fixture) {
  engine e = test::memory_engine();
  // Two pages: 3 translatable fields with a source each (title, summary, body) = 6 units.
  // fr: title reviewed, summary stale, body new; es: title final; ar: nothing.
  ASSERT_TRUE(e.import_content(R"({"documents": [
    {"type": "page", "key": "a", "source_locale": "en",
     "fields": {"title": "Our work", "slug": "a", "summary": "Short text here", "body": "<p>Two <b>words</b></p>"},
     "translations": {"fr": {"title": {"text": "Notre travail", "state": "reviewed"},
                             "summary": {"text": "Texte", "source_revision": "0000000000000000"},
                             "body": {"text": "<p>Deux <b>mots</b></p>", "state": "new"}},
                      "es": {"title": {"text": "Nuestro trabajo", "state": "final"}}}},
    {"type": "page", "key": "b", "source_locale": "en",
     "fields": {"title": "Values", "slug": "b", "summary": "One two three four", "body": "<p>x</p>"}}]})",
                               "f.json"));
  coverage_options o;
  o.locales = {"fr", "es", "ar", "en"};
  auto r = e.coverage(o);
  ASSERT_TRUE(r) << r.err().to_string();
  const auto& fr = total(*r, "fr");
  EXPECT_EQ(fr.counts.total_units(), 6u);
  EXPECT_EQ(units(fr, unit_status::reviewed), 1u);
  EXPECT_EQ(units(fr, unit_status::stale), 1u);
  EXPECT_EQ(units(fr, unit_status::fresh), 1u);
  EXPECT_EQ(units(fr, unit_status::missing), 3u);
  EXPECT_DOUBLE_EQ(fr.counts.percent(), 100.0 / 6);
  EXPECT_EQ(fr.counts.fallback_units(), 4u);  // missing + stale
  // Words: "Our work"=2, "Short text here"=3, "Two words"=2 (markup excluded), "Values"=1, "One two three four"=4,
  // "x"=1.
  EXPECT_EQ(fr.counts.total_words(), 13u);
  EXPECT_EQ(fr.counts.words[static_cast<std::size_t>(unit_status::reviewed)], 2u);
  EXPECT_DOUBLE_EQ(fr.counts.percent(true), 100.0 * 2 / 13);
  EXPECT_EQ(units(total(*r, "es"), unit_status::final_), 1u);
  EXPECT_EQ(total(*r, "ar").counts.percent(), 0.0);
  EXPECT_EQ(units(total(*r, "en"), unit_status::source), 6u);
  EXPECT_EQ(total(*r, "en").counts.percent(), 100.0);

  // Labels make rows of their own, apart from the content's totals.
  auto content_rows = [](const coverage_report& c) {
    return static_cast<std::size_t>(std::count_if(
        c.rows.begin(), c.rows.end(), [](const coverage_row& row) { return row.group.rfind("labels", 0) != 0; }));
  };
  EXPECT_EQ(r->rows.size(), 4u);  // by locale: the group "labels" in each locale
  EXPECT_EQ(r->rows.front().group, "labels");
  EXPECT_GT(r->rows.front().counts.total_units(), 40u);
  o.by = coverage_grouping::document;
  auto by_doc = e.coverage(o);
  ASSERT_EQ(content_rows(*by_doc), 8u);  // 2 documents x 4 locales
  EXPECT_EQ(by_doc->rows.size(), 20u);   // and 3 labels documents x 4 locales
  EXPECT_EQ(by_doc->rows[0].group, "a");
  EXPECT_EQ(by_doc->rows[0].locale, "fr");
  EXPECT_EQ(units(by_doc->rows[0], unit_status::missing), 0u);
  EXPECT_EQ(units(by_doc->rows[4], unit_status::missing), 3u);  // b in fr
  o.by = coverage_grouping::field;
  EXPECT_EQ(content_rows(*e.coverage(o)), 24u);  // 6 fields x 4 locales

  auto v = boost::json::parse(to_json(*r));
  EXPECT_EQ(v.at("totals").at(0).at("locale"), "fr");
  EXPECT_EQ(v.at("totals").at(0).at("units"), 6);
  EXPECT_EQ(v.at("totals").at(0).at("counts").at("stale").at("units"), 1);
  std::string csv = to_csv(*r);
  EXPECT_EQ(
      csv.substr(0, csv.find('\r')),
      "group,locale,units,words,percent,percent_words,fallback,missing,stale,new,translated,reviewed,final,source");
  EXPECT_NE(csv.find("(all),fr,6,13,16.67,15.38,4,3,1,1,0,1,0,0"), std::string::npos) << csv;

  coverage_options bad;
  bad.locales = {"klingon"};
  EXPECT_EQ(e.coverage(bad).err().code, errc::invalid_locale);
  bad.locales.clear();
  bad.type = "vacancy";
  EXPECT_EQ(e.coverage(bad).err().code, errc::unknown_type);
}

TEST(coverage, example_content_matches_its_description) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content_files(test::example_files()));
  auto r = e.coverage({});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->locales, (std::vector<std::string>{"en", "fr", "es", "ar"}));
  EXPECT_EQ(total(*r, "fr").counts.percent(), 100.0);
  EXPECT_EQ(total(*r, "en").counts.percent(), 100.0);
  const auto& ar = total(*r, "ar");
  EXPECT_EQ(units(ar, unit_status::stale), 6u);  // the six fields 50-en-updates.json revised
  EXPECT_EQ(ar.counts.total_units() - units(ar, unit_status::missing), 100u);  // 100 Arabic translations
  EXPECT_EQ(total(*r, "es").counts.total_units() - units(total(*r, "es"), unit_status::missing), 139u);
}

// Word counts are kept with each field value (schema 2). A store whose counts
// are missing (written by schema 1) gives the same figures: coverage counts
// the words itself then.
TEST(coverage, same_figures_with_or_without_stored_word_counts) {
  auto path = (std::filesystem::temp_directory_path() / "glossa-coverage-words.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::string stored, counted;
  {
    auto st = open_store("sqlite:" + path);
    ASSERT_TRUE(st) << st.err().to_string();
    engine e(std::move(*st));
    ASSERT_TRUE(e.import_content_files(test::example_files()));
    coverage_options o;
    o.by = coverage_grouping::field;
    stored = to_json(*e.coverage(o));
    stored += to_json(*e.coverage({}));  // by locale: from the store's tallies
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE fields SET words = NULL", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_GT(sqlite3_changes(db), 100);
  sqlite3_close(db);
  {
    auto st = open_store("sqlite:" + path);
    engine e(std::move(*st));
    coverage_options o;
    o.by = coverage_grouping::field;
    counted = to_json(*e.coverage(o));
    counted += to_json(*e.coverage({}));  // tallies without word counts: the fields are walked
  }
  EXPECT_EQ(stored, counted);
  EXPECT_NE(stored.find("\"words\": "), std::string::npos);
}

// The dashboard lists at most list_limit units per status and language, says
// how many it left out, and every link on the page goes to an id on it.
TEST(coverage, dashboard_lists_are_limited_and_links_resolve) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content_files(test::example_files()));
  coverage_options o;
  o.by = coverage_grouping::document;
  o.list_items = true;
  auto r = e.coverage(o);
  ASSERT_TRUE(r) << r.err().to_string();
  std::size_t missing_ar = 0;
  for (const auto& it : r->items) missing_ar += it.locale == "ar" && it.status == unit_status::missing;
  ASSERT_GT(missing_ar, 7u);

  dashboard_options d;
  d.list_limit = 7;
  std::string html = to_html(*r, d);
  auto section = [&](const std::string& open) {
    auto at = html.find(open);
    return at == std::string::npos ? std::string() : html.substr(at, html.find("</table>", at) - at);
  };
  std::string ar_missing = section("<table class=\"work\" data-status=\"missing\" data-locale=\"ar\"");
  std::size_t rows = 0;
  for (auto at = ar_missing.find("<tr "); at != std::string::npos; at = ar_missing.find("<tr ", at + 1)) ++rows;
  EXPECT_EQ(rows, 7u);
  EXPECT_NE(html.find("<p class=\"more\" data-status=\"missing\" data-locale=\"ar\">" + std::to_string(missing_ar - 7) +
                      " more units"),
            std::string::npos);

  std::set<std::string> ids;
  for (auto at = html.find(" id=\""); at != std::string::npos; at = html.find(" id=\"", at + 1))
    ids.insert(html.substr(at + 5, html.find('"', at + 5) - at - 5));
  std::size_t links = 0;
  for (auto at = html.find("href=\"#"); at != std::string::npos; at = html.find("href=\"#", at + 1), ++links) {
    std::string id = html.substr(at + 7, html.find('"', at + 7) - at - 7);
    EXPECT_TRUE(ids.count(id)) << "link to #" << id << " has no target";
  }
  EXPECT_GT(links, 40u);

  d.list_limit = 0;  // no limit: every unit listed, nothing said to be left out
  std::string all = to_html(*r, d);
  EXPECT_EQ(all.find("class=\"more\""), std::string::npos);
  EXPECT_GT(all.size(), html.size());
}

// A report by locale or by type is counted from the store's tallies (in the
// database, on PostgreSQL); a report that lists items walks every field.
// Both give the same figures on every backend: stale translations, every
// state, an empty source, labels, a source in another language.
class coverage_on_each_backend : public test::on_each_backend {};

TEST_P(coverage_on_each_backend, tallied_and_walked_figures_agree) {
  engine e(std::move(store_));
  ASSERT_TRUE(e.import_content_files(test::example_files()));
  auto added = e.import_content(R"({"documents": [
    {"type": "page", "key": "0-first", "source_locale": "fr",
     "fields": {"title": "Nos valeurs", "slug": "v", "summary": "", "body": "<p>Un <b>deux</b> trois</p>"},
     "translations": {"en": {"title": {"text": "Our values", "state": "final"},
                             "body": {"text": "<p>One <b>two</b></p>", "source_revision": "0000000000000000"}},
                      "ar": {"title": {"text": "قيمنا", "state": "new"}}}}]})",
                                "more.json");
  ASSERT_TRUE(added) << added.err().to_string();
  for (auto by : {coverage_grouping::locale, coverage_grouping::type}) {
    coverage_options tallied;
    tallied.by = by;
    coverage_options walked = tallied;
    walked.list_items = true;
    auto a = e.coverage(tallied);
    auto b = e.coverage(walked);
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(b->items.empty());
    b->items.clear();
    b->titles.clear();
    EXPECT_EQ(to_json(*a), to_json(*b)) << to_string(by);
    EXPECT_GT(units(total(*a, "en"), unit_status::stale), 0u);
    EXPECT_GT(units(total(*a, "ar"), unit_status::fresh), 0u);
    EXPECT_GT(units(total(*a, "fr"), unit_status::source), 0u);
    EXPECT_GT(a->rows.size(), 0u);
  }
  // A locale asked for twice ("fr" and "FR") is one column, tallied or walked.
  coverage_options twice;
  twice.locales = {"fr", "ar", "FR"};
  coverage_options walked = twice;
  walked.list_items = true;
  auto a = e.coverage(twice);
  auto b = e.coverage(walked);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->locales, (std::vector<std::string>{"fr", "ar"}));
  b->items.clear();
  b->titles.clear();
  EXPECT_EQ(to_json(*a), to_json(*b));
}

INSTANTIATE_TEST_SUITE_P(every_backend, coverage_on_each_backend, ::testing::ValuesIn(test::backend_uris()),
                         test::backend_name);
