// glossa analyze (engine::analyze) on every backend: each unit or sentence of
// what an export would hold, counted in the first band it qualifies for
// (in context, exact, repetitions, 95-99, 85-94, 75-84, new), with its
// source words as `--words` counts them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <glossa/engine.hpp>

#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {

// "apply" and "values" are translated into French ("values" body only as new);
// "apply-2" repeats "apply": its title word for word, its body with one date
// changed; "notice" and "notice-2" say a sentence the memory does not hold,
// as a title (text) twice and once as a paragraph (rich text: its tags are
// tokens of the unit, not of the sentence).
const char* content = R"({"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "apply", "source_locale": "en", "fields": {
   "title": "How to apply", "slug": "apply",
   "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 15 May.</li></ul>"},
  "translations": {"fr": {
   "title": {"text": "Comment postuler", "state": "final"},
   "body": {"text": "<p>Lisez l’<strong>avis de vacance</strong>. Puis postulez en ligne.</p><ul><li>Postulez avant le 15 mai.</li></ul>", "state": "reviewed"}}}},
 {"type": "page", "key": "values", "source_locale": "en", "fields": {
   "title": "Our values", "slug": "values", "body": "<p>We value integrity.</p>"},
  "translations": {"fr": {
   "title": {"text": "Nos valeurs", "state": "translated"},
   "body": {"text": "<p>Nous tenons à l’intégrité.</p>", "state": "new"}}}},
 {"type": "page", "key": "apply-2", "source_locale": "en", "fields": {
   "title": "How to apply", "slug": "apply-2",
   "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 16 May.</li></ul>"}},
 {"type": "page", "key": "notice", "source_locale": "en", "fields": {
   "title": "Closing dates are final.", "slug": "notice",
   "body": "<p>Closing dates are final.</p>"}},
 {"type": "page", "key": "notice-2", "source_locale": "en", "fields": {
   "title": "Closing dates are final.", "slug": "notice-2", "body": "<p>Late applications are not considered.</p>"}}]})";

class analysis : public test::on_each_backend {
 protected:
  void SetUp() override {
    on_each_backend::SetUp();
    e_ = std::make_unique<engine>(std::move(store_));
    ASSERT_TRUE(e_->import_content(content, "c.json"));
  }
  analysis_report analyze(export_scope scope, segmentation segment = segmentation::units) {
    analysis_options o;
    o.locale = "fr";
    o.scope = scope;
    o.segment = segment;
    o.type = "page";  // not the labels' documents the store also holds
    auto r = e_->analyze(o);
    EXPECT_TRUE(r) << r.err().to_string();
    return r ? *r : analysis_report{};
  }
  static const band_tally& band(const analysis_report& r, match_band b) {
    return r.bands.at(static_cast<std::size_t>(b));
  }
  std::unique_ptr<engine> e_;
};

}  // namespace

TEST_P(analysis, units_fall_into_the_first_band_they_qualify_for) {
  auto r = analyze(export_scope::todo);
  // todo: values.body (new), the titles and bodies of apply-2, notice and notice-2.
  EXPECT_EQ(r.units, 7u);
  EXPECT_EQ(r.documents, 4u);
  ASSERT_EQ(r.bands.size(), 7u);
  EXPECT_EQ(band(r, match_band::in_context).segments, 0u);
  EXPECT_EQ(band(r, match_band::exact).segments, 1u);  // "How to apply"
  EXPECT_EQ(band(r, match_band::exact).words, 3u);
  // apply-2.body: one token of the block "Apply by 15 May." differs, in a body of many.
  std::size_t fuzzy = band(r, match_band::fuzzy_95).segments + band(r, match_band::fuzzy_85).segments +
                      band(r, match_band::fuzzy_75).segments;
  EXPECT_EQ(fuzzy, 1u);
  // notice-2's title repeats notice's; the paragraph is another unit. New: "We value
  // integrity." (a new translation is not offered), notice's title and body, notice-2's body.
  EXPECT_EQ(band(r, match_band::repetition).segments, 1u);
  EXPECT_EQ(band(r, match_band::repetition).words, 4u);
  EXPECT_EQ(band(r, match_band::no_match).segments, 4u);
  std::size_t segments = 0, words = 0;
  for (const auto& b : r.bands) {
    segments += b.segments;
    words += b.words;
  }
  EXPECT_EQ(segments, r.segments);
  EXPECT_EQ(words, r.words);
  EXPECT_EQ(r.segments, r.units);
}

TEST_P(analysis, sentences_are_matched_one_by_one_and_count_the_same_words) {
  auto units = analyze(export_scope::todo);
  auto r = analyze(export_scope::todo, segmentation::sentences);
  EXPECT_EQ(r.words, units.words);  // the same words, cut differently
  // apply-2.body: "Read the vacancy notice." and "Then apply online." are sentences of the
  // memory (exact); "Apply by 16 May." is the block "Apply by 15 May." less one token of five.
  EXPECT_EQ(band(r, match_band::exact).segments, 3u);
  EXPECT_EQ(band(r, match_band::fuzzy_75).segments, 1u);
  EXPECT_EQ(band(r, match_band::fuzzy_75).words, 4u);
  // A paragraph of one sentence stays whole, as the export writes it: its tags are tokens, so
  // it repeats no title.
  EXPECT_EQ(band(r, match_band::repetition).segments, 1u);
  EXPECT_GT(r.segments, units.segments);
}

TEST_P(analysis, translated_units_are_in_context_and_a_stale_one_is_not) {
  auto r = analyze(export_scope::all);
  // Current and offered: apply's title and body, values' title.
  EXPECT_EQ(band(r, match_band::in_context).segments, 3u);
  ASSERT_TRUE(e_->import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "apply", "source_locale": "en", "fields": {"title": "How to apply today", "slug": "apply",
     "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 15 May.</li></ul>"}}]})",
                                 "edit.json"));
  r = analyze(export_scope::all);
  EXPECT_EQ(band(r, match_band::in_context).segments, 2u);
  // Its previous version "How to apply" is 3 tokens of 4: 75.
  auto stale = analyze(export_scope::stale);
  EXPECT_EQ(stale.units, 1u);
  EXPECT_EQ(band(stale, match_band::fuzzy_75).segments, 1u);
}

TEST_P(analysis, reports_as_json_and_csv_and_refuses_what_it_cannot_analyze) {
  auto r = analyze(export_scope::todo);
  auto j = boost::json::parse(to_json(r)).as_object();
  EXPECT_EQ(j.at("locale").as_string(), "fr");
  EXPECT_EQ(j.at("scope").as_string(), "todo");
  EXPECT_EQ(j.at("segment").as_string(), "units");
  ASSERT_EQ(j.at("bands").as_array().size(), 7u);
  EXPECT_EQ(j.at("bands").as_array()[1].as_object().at("band").as_string(), "exact");
  EXPECT_EQ(j.at("bands").as_array()[1].as_object().at("segments").as_int64(), 1);
  EXPECT_EQ(j.at("total").as_object().at("words").as_int64(), static_cast<std::int64_t>(r.words));
  std::string csv = to_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\r')), "band,segments,words");
  EXPECT_NE(csv.find("\r\nrepetitions,1,4\r\n"), std::string::npos) << csv;
  analysis_options o;
  o.locale = "fr";
  o.documents = {"nope"};
  auto missing = e_->analyze(o);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.err().code, errc::not_found);
  o.documents.clear();
  o.locale = "not a locale!";
  EXPECT_FALSE(e_->analyze(o));
  EXPECT_EQ(to_string(match_band::fuzzy_85), "85-94");
  EXPECT_FALSE(parse_segmentation("paragraphs"));
}

INSTANTIATE_TEST_SUITE_P(every_backend, analysis, ::testing::ValuesIn(test::backend_uris()), test::backend_name);
