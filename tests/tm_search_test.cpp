// Fuzzy look-ups in the translation memory (engine::search_tm), on every
// backend: store pairs and imported entries, token-level scores in which
// inline codes count, equal scores ordered by characters, the states and
// stale translations offered, and what is refused. Then the same matches in
// XLIFF exports (--tm): in context, exact and fuzzy, in 1.2 and 2.x.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <glossa/engine.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {

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
   "body": {"text": "<p>Nous tenons à l’intégrité.</p>", "state": "new"}}}}]})";

const char* agency = R"(<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-GB" segtype="sentence" datatype="plaintext" adminlang="en"
 creationtool="agency" creationtoolversion="1" o-tmf="x"/><body>
<tu><tuv xml:lang="en-GB"><seg>Apply by 15 June.</seg></tuv><tuv xml:lang="fr-FR"><seg>Postulez avant le 15 juin.</seg></tuv></tu>
<tu><tuv xml:lang="en-GB"><seg>Press <ph x="1">{0}</ph> to continue.</seg></tuv><tuv xml:lang="fr-FR"><seg>Appuyez sur <ph x="1">{0}</ph> pour continuer.</seg></tuv></tu>
</body></tmx>)";

class tm_search : public test::on_each_backend {
 protected:
  void SetUp() override {
    on_each_backend::SetUp();
    e_ = std::make_unique<engine>(std::move(store_));
    ASSERT_TRUE(e_->import_content(content, "c.json"));
    auto r = e_->import_tm(agency, "agency.tmx");
    ASSERT_TRUE(r) << r.err().to_string();
    batch_ = r->batch;
  }
  std::vector<tm_match> search(const std::string& query, double min_score = 75, std::size_t limit = 5) {
    tm_search_options o;
    o.locale = "fr";
    o.queries = {query};
    o.min_score = min_score;
    o.limit = limit;
    auto r = e_->search_tm(o);
    EXPECT_TRUE(r) << r.err().to_string();
    if (!r || r->results.size() != 1) return {};
    EXPECT_EQ(r->results[0].query, query);
    return r->results[0].matches;
  }
  std::unique_ptr<engine> e_;
  std::int64_t batch_ = 0;
};

}  // namespace

TEST_P(tm_search, an_exact_match_scores_100_and_says_where_it_comes_from) {
  auto m = search("How to apply");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].score, 100);
  EXPECT_EQ(m[0].target, "Comment postuler");
  EXPECT_EQ(m[0].document, "apply");
  EXPECT_EQ(m[0].field, "title");
  EXPECT_EQ(m[0].level, "field");
  EXPECT_EQ(m[0].state, "final");
  EXPECT_EQ(m[0].batch, 0);
  EXPECT_FALSE(m[0].stale);
  // Imported: its batch, no document.
  m = search("Apply by 15 June.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].score, 100);
  EXPECT_EQ(m[0].batch, batch_);
  EXPECT_EQ(m[0].source_locale, "en-GB");
  EXPECT_TRUE(m[0].document.empty());
  EXPECT_TRUE(m[0].level.empty());
}

TEST_P(tm_search, a_fuzzy_score_counts_tokens_and_codes) {
  // Apply | by | 16 | May | . : one token of five differs.
  auto m = search("Apply by 16 May.", 60);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_DOUBLE_EQ(m[0].score, 80);
  EXPECT_EQ(m[0].source, "Apply by 15 May.");  // ties with "15 June": closer in characters
  EXPECT_EQ(m[0].target, "Postulez avant le 15 mai.");
  EXPECT_EQ(m[0].level, "block");
  EXPECT_DOUBLE_EQ(m[1].score, 60);  // 16 and June: two of five
  EXPECT_EQ(m[1].source, "Apply by 15 June.");
  // Equal token scores ordered by characters, whatever came first.
  m = search("Apply by 15 Juni.");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].source, "Apply by 15 June.");
  EXPECT_EQ(m[1].source, "Apply by 15 May.");
  EXPECT_EQ(m[0].score, m[1].score);
  // The code is a token: a query without it misses one of six.
  m = search("Press to continue.", 50);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_DOUBLE_EQ(m[0].score, 100.0 * 4 / 5);
  EXPECT_EQ(m[0].source, "Press {0} to continue.");
  EXPECT_EQ(m[0].target, "Appuyez sur {0} pour continuer.");
  // The sentence inside a block with codes: "Then apply online." is found at sentence level.
  m = search("Then apply online!");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].source, "Then apply online.");
  EXPECT_EQ(m[0].level, "sentence");
  EXPECT_DOUBLE_EQ(m[0].score, 75);
}

TEST_P(tm_search, the_threshold_and_the_limit_hold) {
  EXPECT_TRUE(search("Apply by 16 May.", 81).empty());
  EXPECT_EQ(search("Apply by 16 May.", 50, 1).size(), 1u);
  EXPECT_TRUE(search("Something else entirely").empty());
}

TEST_P(tm_search, new_translations_are_not_offered_and_stale_ones_say_so) {
  EXPECT_TRUE(search("We value integrity.").empty());  // its translation is "new"
  ASSERT_TRUE(e_->import_content(R"({"format": "glossa-content", "version": 1, "documents": [
    {"type": "page", "key": "values", "source_locale": "en", "fields": {"title": "Our core values",
     "slug": "values", "body": "<p>We value integrity.</p>"}}]})",
                                 "edit.json"));
  auto m = search("Our values");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].stale);
  EXPECT_EQ(m[0].source, "Our values");  // the source it was made from
  tm_search_options o;
  o.locale = "fr";
  o.queries = {"Our values"};
  o.stale = false;
  auto r = e_->search_tm(o);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->results[0].matches.empty());
}

TEST_P(tm_search, an_undone_import_is_no_longer_found) {
  auto m = search("Apply by 15 June.");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].batch, batch_);
  ASSERT_TRUE(e_->undo_tm(batch_));
  m = search("Apply by 15 June.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].source, "Apply by 15 May.");
  EXPECT_TRUE(search("Press to continue.", 50).empty());
}

TEST_P(tm_search, bad_options_are_refused) {
  tm_search_options o;
  o.locale = "fr";
  o.queries = {"How to apply"};
  o.min_score = 0;
  EXPECT_EQ(e_->search_tm(o).err().code, errc::invalid_argument);
  o.min_score = 75;
  o.limit = 0;
  EXPECT_EQ(e_->search_tm(o).err().code, errc::invalid_argument);
  o.limit = 5;
  o.queries = {"  "};
  EXPECT_EQ(e_->search_tm(o).err().code, errc::invalid_argument);
  o.queries = {"caf\xC3"};
  EXPECT_EQ(e_->search_tm(o).err().code, errc::invalid_argument);
  o.queries = {"How to apply"};
  o.locale = "not a locale!";
  EXPECT_FALSE(e_->search_tm(o));
  o.locale = "fr";
  o.source_locale = "es";  // no entry has Spanish sources
  auto r = e_->search_tm(o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->entries, 0u);
  EXPECT_TRUE(r->results[0].matches.empty());
}

INSTANTIATE_TEST_SUITE_P(every_backend, tm_search, ::testing::ValuesIn(test::backend_uris()), test::backend_name);

namespace {

// A new page that repeats "apply": its title word for word, its body with one date changed.
const char* repeat = R"({"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "apply-2", "source_locale": "en", "fields": {
   "title": "How to apply", "slug": "apply-2",
   "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 16 May.</li></ul>"}}]})";

// An unedited file changes nothing: no unit is applied (a dry run says so).
void expect_no_op(engine& e, const std::string& xlf) {
  xliff_import_options dry;
  dry.dry_run = true;
  auto r = e.import_xliff(xlf, "tm.xlf", dry);
  ASSERT_TRUE(r) << r.err().to_string();
  for (const auto& u : r->units) EXPECT_NE(u.outcome, unit_outcome::applied) << u.id;
}

std::string export_xliff(engine& e, xliff_version v, export_scope scope, xliff_export_summary* summary = nullptr) {
  xliff_export_options o;
  o.locale = "fr";
  o.version = v;
  o.scope = scope;
  o.tm = true;
  std::ostringstream out;
  auto r = e.export_xliff(o, out);
  EXPECT_TRUE(r) << r.err().to_string();
  if (r && summary) *summary = *r;
  return out.str();
}

}  // namespace

TEST(xliff_tm, a_new_document_gets_exact_and_fuzzy_matches_in_its_units) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(repeat, "r.json"));
  xliff_export_summary s;
  std::string xlf = export_xliff(e, xliff_version::v1_2, export_scope::todo, &s);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xlf.c_str()));
  auto unit = [&](const char* id) {
    return doc.select_node(("//trans-unit[@id='" + std::string(id) + "']").c_str()).node();
  };
  auto title = unit("apply-2.title").child("alt-trans");
  ASSERT_TRUE(title);
  EXPECT_STREQ(title.attribute("match-quality").value(), "100");
  EXPECT_STREQ(title.attribute("origin").value(), "glossa:apply/title");
  EXPECT_STREQ(title.child("target").text().get(), "Comment postuler");
  EXPECT_STREQ(title.child("target").attribute("xml:lang").value(), "fr");
  // The body: the "apply" body less one token, its codes written as codes.
  auto body = unit("apply-2.body").child("alt-trans");
  ASSERT_TRUE(body);
  int quality = std::atoi(body.attribute("match-quality").value());
  EXPECT_GE(quality, 75);
  EXPECT_LT(quality, 100);
  EXPECT_STREQ(body.attribute("origin").value(), "glossa:apply/body");
  EXPECT_TRUE(body.child("target").child("g")) << xlf;
  EXPECT_EQ(s.exact, 1u);
  EXPECT_GE(s.fuzzy, 1u);
  EXPECT_EQ(s.in_context, 0u);
  EXPECT_GE(s.matched_units, 2u);
  expect_no_op(e, xlf);  // the unedited file changes nothing
}

TEST(xliff_tm, a_translated_field_has_its_own_translation_in_context_first) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(repeat, "r.json"));
  ASSERT_TRUE(e.set_translation("apply-2", "title", "fr", "Pour postuler", translation_state::translated));
  xliff_export_summary s;
  std::string xlf = export_xliff(e, xliff_version::v2_1, export_scope::all, &s);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xlf.c_str()));
  auto unit = doc.select_node("//*[local-name()='unit'][@id='apply.title']").node();
  ASSERT_TRUE(unit);
  auto first = unit.child("mtc:matches").child("mtc:match");
  ASSERT_TRUE(first) << xlf;
  EXPECT_STREQ(first.attribute("type").value(), "icm");
  EXPECT_STREQ(first.attribute("similarity").value(), "100");
  EXPECT_STREQ(first.attribute("ref").value(), "#s1");
  EXPECT_STREQ(unit.child("segment").attribute("id").value(), "s1");
  EXPECT_STREQ(first.child("target").text().get(), "Comment postuler");
  // "apply-2" has the same title: an exact match, after the one in context.
  auto second = first.next_sibling("mtc:match");
  ASSERT_TRUE(second);
  EXPECT_STREQ(second.attribute("type").value(), "tm");
  EXPECT_STREQ(second.attribute("origin").value(), "glossa:apply-2/title");
  EXPECT_STREQ(second.child("target").text().get(), "Pour postuler");
  EXPECT_GE(s.in_context, 2u);
  // Codes of a match come with their own originalData.
  auto body = doc.select_node("//*[local-name()='unit'][@id='apply.body']").node();
  auto match = body.child("mtc:matches").child("mtc:match");
  ASSERT_TRUE(match.child("originalData").child("data")) << xlf;
  expect_no_op(e, xlf);
}

TEST(xliff_tm, bad_match_options_are_refused) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  xliff_export_options o;
  o.locale = "fr";
  o.tm = true;
  o.tm_limit = 0;
  std::ostringstream out;
  auto r = e.export_xliff(o, out);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::invalid_argument);
}

TEST(xliff_tm, codes_are_the_same_token_only_for_the_same_markup) {
  auto e = test::memory_engine();
  // Two links that differ only in their address: the codes differ, so the match is not exact.
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "a", "source_locale": "en", "fields": {"title": "A", "slug": "a",
     "body": "<p>See <a href=\"https://example.org/jobs/8\">the details</a> here.</p>"},
    "translations": {"fr": {"body": {"text": "<p>Voir <a href=\"https://example.org/jobs/8\">les détails</a> ici.</p>", "state": "translated"}}}},
   {"type": "page", "key": "b", "source_locale": "en", "fields": {"title": "B", "slug": "b",
     "body": "<p>See <a href=\"https://example.org/jobs/336\">the details</a> here.</p>"}}]})",
                               "links.json"));
  xliff_export_options o;
  o.locale = "fr";
  o.tm = true;
  o.documents = {"b"};
  std::ostringstream out;
  auto r = e.export_xliff(o, out);
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->exact, 0u);
  EXPECT_GE(r->fuzzy, 1u);
}

TEST(xliff_tm, the_same_pair_in_two_documents_is_in_context_in_each) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "a", "source_locale": "en", "fields": {"title": "Apply now", "slug": "a", "body": "<p>A.</p>"},
    "translations": {"fr": {"title": {"text": "Postulez", "state": "translated"}}}},
   {"type": "page", "key": "b", "source_locale": "en", "fields": {"title": "Apply now", "slug": "b", "body": "<p>B.</p>"},
    "translations": {"fr": {"title": {"text": "Postulez", "state": "translated"}}}}]})",
                               "twice.json"));
  xliff_export_summary s;
  std::string xlf = export_xliff(e, xliff_version::v1_2, export_scope::all, &s);
  EXPECT_EQ(s.in_context, 2u) << xlf;
  EXPECT_EQ(s.exact, 0u);  // each repeats the other's pair: left out
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xlf.c_str()));
  auto b = doc.select_node("//trans-unit[@id='b.title']/alt-trans").node();
  EXPECT_STREQ(b.attribute("match-quality").value(), "101");
  EXPECT_STREQ(b.attribute("origin").value(), "glossa:b/title");
}

TEST(xliff_tm, any_author_comes_back_whole) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  write_options w;
  w.author = "eve\x1Fmallory";
  ASSERT_TRUE(e.set_translation("values", "title", "fr", "Nos valeurs", translation_state::reviewed, w));
  tm_search_options o;
  o.locale = "fr";
  o.queries = {"Our values"};
  auto r = e.search_tm(o);
  ASSERT_TRUE(r) << r.err().to_string();
  ASSERT_EQ(r->results[0].matches.size(), 1u);
  EXPECT_EQ(r->results[0].matches[0].author, "eve\x1Fmallory");
  EXPECT_EQ(r->results[0].matches[0].source_locale, "en");
}

namespace {

std::string export_with(engine& e, xliff_version v, export_scope scope, prefill_mode prefill, bool tm,
                        xliff_export_summary* summary = nullptr) {
  xliff_export_options o;
  o.locale = "fr";
  o.version = v;
  o.scope = scope;
  o.tm = tm;
  o.prefill = prefill;
  std::ostringstream out;
  auto r = e.export_xliff(o, out);
  EXPECT_TRUE(r) << r.err().to_string();
  if (r && summary) *summary = *r;
  return out.str();
}

// The stored translation of a unit, as a full 1.2 export writes it: "state: text", or "" for none.
std::string stored(engine& e, const std::string& id) {
  pugi::xml_document doc;
  std::string xlf = export_with(e, xliff_version::v1_2, export_scope::all, prefill_mode::none, false);
  doc.load_string(xlf.c_str());
  auto target = doc.select_node(("//trans-unit[@id='" + id + "']/target").c_str()).node();
  if (!target) return "";
  return std::string(target.attribute("state").value()) + ": " + target.text().get();
}

const xliff_import_report import_file(engine& e, const std::string& xlf) {
  auto r = e.import_xliff(xlf, "prefilled.xlf", {});
  EXPECT_TRUE(r) << r.err().to_string();
  return r ? *r : xliff_import_report{};
}

unit_outcome outcome_of(const xliff_import_report& r, const std::string& id) {
  for (const auto& u : r.units)
    if (u.id == id) return u.outcome;
  ADD_FAILURE() << "no unit " << id;
  return unit_outcome::unknown;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

}  // namespace

// A new page repeats the title of "apply": prefill=exact puts its
// translation into the target, marked for review and recorded in the unit;
// returned untouched it stores nothing, confirmed or edited it is the
// translator's work.
TEST(xliff_prefill, an_exact_match_is_prefilled_and_stored_only_when_the_translator_takes_it) {
  for (auto v : {xliff_version::v1_2, xliff_version::v2_1}) {
    SCOPED_TRACE(to_string(v));
    auto e = test::memory_engine();
    ASSERT_TRUE(e.import_content(content, "c.json"));
    ASSERT_TRUE(e.import_content(repeat, "r.json"));
    xliff_export_summary s;
    std::string xlf = export_with(e, v, export_scope::todo, prefill_mode::exact, false, &s);
    EXPECT_EQ(s.prefilled, 1u) << xlf;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xlf.c_str()));
    bool v12 = v == xliff_version::v1_2;
    auto unit =
        doc.select_node(v12 ? "//trans-unit[@id='apply-2.title']" : "//*[local-name()='unit'][@id='apply-2.title']")
            .node();
    ASSERT_TRUE(unit) << xlf;
    EXPECT_EQ(std::string(unit.attribute("glossa:prefill").value()).size(), 16u);
    auto target = v12 ? unit.child("target") : unit.child("segment").child("target");
    EXPECT_STREQ(target.text().get(), "Comment postuler");
    if (v12) {
      EXPECT_STREQ(target.attribute("state").value(), "needs-review-translation");
      EXPECT_STREQ(target.attribute("state-qualifier").value(), "exact-match");
    } else {
      EXPECT_STREQ(unit.child("segment").attribute("state").value(), "initial");
      EXPECT_STREQ(unit.child("segment").attribute("subState").value(), "glossa:prefill-exact");
    }
    EXPECT_FALSE(unit.child("alt-trans") || unit.child("mtc:matches"));  // no --tm: no matches written
    // A fuzzy match alone is never prefilled.
    auto body = doc.select_node(v12 ? "//trans-unit[@id='apply-2.body']/target"
                                    : "//*[local-name()='unit'][@id='apply-2.body']/*/*[local-name()='target']");
    EXPECT_FALSE(body);
    // Untouched: nothing stored.
    auto r = import_file(e, xlf);
    EXPECT_EQ(outcome_of(r, "apply-2.title"), unit_outcome::prefilled);
    EXPECT_EQ(r.count(unit_outcome::prefilled), 1u);
    EXPECT_EQ(r.count(unit_outcome::applied), 0u);
    EXPECT_EQ(stored(e, "apply-2.title"), "");
    // Edited but not confirmed: the translator's text, stored as translated.
    std::string edited = replace(xlf, ">Comment postuler<", ">Postuler<");
    r = import_file(e, edited);
    EXPECT_EQ(outcome_of(r, "apply-2.title"), unit_outcome::applied);
    EXPECT_EQ(stored(e, "apply-2.title"), "translated: Postuler");
    // Confirmed as it was (the state raised): stored with the file's state.
    auto e2 = test::memory_engine();
    ASSERT_TRUE(e2.import_content(content, "c.json"));
    ASSERT_TRUE(e2.import_content(repeat, "r.json"));
    std::string confirmed =
        v12 ? replace(xlf, "state=\"needs-review-translation\" state-qualifier=\"exact-match\"", "state=\"translated\"")
            : replace(xlf, "state=\"initial\" subState=\"glossa:prefill-exact\"", "state=\"reviewed\"");
    r = import_file(e2, confirmed);
    EXPECT_EQ(outcome_of(r, "apply-2.title"), unit_outcome::applied);
    EXPECT_EQ(stored(e2, "apply-2.title"), v12 ? "translated: Comment postuler" : "signed-off: Comment postuler");
  }
}

TEST(xliff_prefill, context_takes_only_the_units_own_field_and_bad_modes_are_refused) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(repeat, "r.json"));
  xliff_export_summary s;
  std::string xlf = export_with(e, xliff_version::v1_2, export_scope::todo, prefill_mode::context, true, &s);
  EXPECT_EQ(s.prefilled, 0u);  // "How to apply" is exact, but from another page
  EXPECT_EQ(xlf.find("glossa:prefill="), std::string::npos);
  EXPECT_EQ(to_string(prefill_mode::exact), "exact");
  ASSERT_TRUE(parse_prefill_mode("context"));
  auto bad = parse_prefill_mode("fuzzy");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().code, errc::invalid_argument);
}

// A stale unit carries its previous version: the old source and its
// translation, first, whatever their score. When the source changed only
// where tokens do not see (spacing), that is an in-context match at 100,
// which prefill=context puts into the target.
TEST(xliff_prefill, a_stale_unit_carries_its_previous_version) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "apply", "source_locale": "en", "fields": {
     "title": "How to  apply", "slug": "apply",
     "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 20 June at noon.</li></ul>"}}]})",
                               "edited.json"));
  for (auto v : {xliff_version::v1_2, xliff_version::v2_1}) {
    SCOPED_TRACE(to_string(v));
    xliff_export_summary s;
    std::string xlf = export_with(e, v, export_scope::stale, prefill_mode::context, true, &s);
    EXPECT_EQ(s.previous_versions, 2u) << xlf;
    EXPECT_EQ(s.prefilled, 1u) << xlf;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xlf.c_str()));
    bool v12 = v == xliff_version::v1_2;
    auto body =
        doc.select_node(v12 ? "//trans-unit[@id='apply.body']" : "//*[local-name()='unit'][@id='apply.body']").node();
    ASSERT_TRUE(body) << xlf;
    auto match = v12 ? body.child("alt-trans") : body.child("mtc:matches").child("mtc:match");
    ASSERT_TRUE(match) << xlf;
    EXPECT_STREQ(match.attribute("origin").value(), "previous-version");
    if (v12) {
      EXPECT_STREQ(match.attribute("alttranstype").value(), "previous-version");
      EXPECT_LT(std::atoi(match.attribute("match-quality").value()), 100);
    } else {
      EXPECT_STREQ(match.attribute("type").value(), "idm");
    }
    std::ostringstream source;
    match.child("source").print(source, "", pugi::format_raw);
    EXPECT_NE(source.str().find("Apply by 15 May."), std::string::npos) << source.str();
    std::ostringstream target;
    match.child("target").print(target, "", pugi::format_raw);
    EXPECT_NE(target.str().find("Postulez avant le 15 mai."), std::string::npos) << target.str();
    // The title: respaced only, so its previous version is in context and prefilled.
    auto title =
        doc.select_node(v12 ? "//trans-unit[@id='apply.title']" : "//*[local-name()='unit'][@id='apply.title']").node();
    auto target_node = v12 ? title.child("target") : title.child("segment").child("target");
    EXPECT_STREQ(target_node.text().get(), "Comment postuler");
    if (v12) {
      EXPECT_STREQ(target_node.attribute("state-qualifier").value(), "id-match");
    }
    auto r = import_file(e, xlf);
    EXPECT_EQ(outcome_of(r, "apply.title"), unit_outcome::prefilled) << to_json(r);
    expect_no_op(e, xlf);
  }
}

// An exact match with inline codes takes the unit's own code ids, so that
// the target is valid against its source and comes back as prefilled.
TEST(xliff_prefill, a_prefilled_target_carries_the_units_codes) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "apply-3", "source_locale": "en", "fields": {
     "title": "Apply", "slug": "apply-3",
     "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 15 May.</li></ul>"}}]})",
                               "r3.json"));
  for (auto v : {xliff_version::v1_2, xliff_version::v2_2}) {
    SCOPED_TRACE(to_string(v));
    std::string xlf = export_with(e, v, export_scope::todo, prefill_mode::exact, true);
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xlf.c_str()));
    bool v12 = v == xliff_version::v1_2;
    auto unit =
        doc.select_node(v12 ? "//trans-unit[@id='apply-3.body']" : "//*[local-name()='unit'][@id='apply-3.body']")
            .node();
    auto segment = v12 ? unit : unit.child("segment");
    std::ostringstream target;
    segment.child("target").print(target, "", pugi::format_raw);
    EXPECT_NE(target.str().find("Postulez avant le 15 mai."), std::string::npos) << xlf;
    // The target's codes are the source's, id for id.
    std::vector<std::string> source_ids, target_ids;
    for (auto n : segment.child("source").select_nodes(".//*[@id]"))
      source_ids.push_back(n.node().attribute("id").value());
    for (auto n : segment.child("target").select_nodes(".//*[@id]"))
      target_ids.push_back(n.node().attribute("id").value());
    EXPECT_EQ(source_ids, target_ids) << target.str();
    EXPECT_EQ(source_ids.size(), 4u);
    auto r = import_file(e, xlf);
    EXPECT_EQ(outcome_of(r, "apply-3.body"), unit_outcome::prefilled) << to_json(r);
    EXPECT_EQ(r.count(unit_outcome::refused), 0u) << to_json(r);
  }
}

namespace {

std::string export_segmented(engine& e, xliff_version v, const std::vector<std::string>& documents,
                             prefill_mode prefill = prefill_mode::none) {
  xliff_export_options o;
  o.locale = "fr";
  o.version = v;
  o.scope = export_scope::all;
  o.tm = true;
  o.prefill = prefill;
  o.segment = segmentation::sentences;
  o.documents = documents;
  std::ostringstream out;
  auto r = e.export_xliff(o, out);
  EXPECT_TRUE(r) << r.err().to_string();
  return out.str();
}

// The stored French text of a field, from the content export.
std::string stored_text(engine& e, const std::string& key, const std::string& field) {
  auto json = e.export_content();
  if (!json) return "";
  auto doc = boost::json::parse(*json);
  for (const auto& d : doc.at("documents").as_array())
    if (d.at("key").as_string() == key) {
      const auto* t = d.as_object().if_contains("translations");
      if (!t || !t->as_object().if_contains("fr")) return "";
      const auto* f = t->at("fr").as_object().if_contains(field);
      return f ? std::string(f->at("text").as_string()) : "";
    }
  return "";
}

const char* french_body =
    "<p>Lisez l’<strong>avis de vacance</strong>. Puis postulez en ligne.</p><ul><li>Postulez avant le 16 "
    "mai.</li></ul>";

}  // namespace

// --segment sentences: apply-2's body is three segments (a paragraph of
// two sentences, a list item), each with its own matches; a translator
// fills the segments, and the import joins them into the field.
TEST(xliff_segment, segments_carry_their_matches_and_come_back_joined) {
  for (auto v : {xliff_version::v1_2, xliff_version::v2_1}) {
    SCOPED_TRACE(to_string(v));
    auto e = test::memory_engine();
    ASSERT_TRUE(e.import_content(content, "c.json"));
    ASSERT_TRUE(e.import_content(repeat, "r.json"));
    std::string xlf = export_segmented(e, v, {"apply-2"});
    bool v12 = v == xliff_version::v1_2;
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(xlf.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
    auto unit =
        doc.select_node(v12 ? "//trans-unit[@id='apply-2.body']" : "//*[local-name()='unit'][@id='apply-2.body']")
            .node();
    ASSERT_TRUE(unit) << xlf;
    std::string s1, s2, s3;
    if (v12) {
      EXPECT_EQ(unit.child("seg-source").select_nodes("mrk[@mtype='seg']").size(), 3u) << xlf;
      auto first = unit.select_node("alt-trans[@mid='1']").node();
      EXPECT_STREQ(first.attribute("match-quality").value(), "100");
      EXPECT_STREQ(unit.select_node("alt-trans[@mid='3']").node().attribute("match-quality").value(), "80");
      // The translator's target: the seg-source with each segment translated.
      std::ostringstream seg;
      for (auto c : unit.child("seg-source").children()) c.print(seg, "", pugi::format_raw);
      std::string target = seg.str();
      for (auto [from, to] :
           std::vector<std::pair<std::string, std::string>>{{"Read the <g id=\"2\" ctype=\"bold\">vacancy notice</g>.",
                                                             "Lisez l’<g id=\"2\" ctype=\"bold\">avis de vacance</g>."},
                                                            {"Then apply online.", "Puis postulez en ligne."},
                                                            {"Apply by 16 May.", "Postulez avant le 16 mai."}})
        target = replace(target, from, to);
      xlf = replace(xlf, "</seg-source>", "</seg-source>\n<target state=\"translated\">" + target + "</target>");
    } else {
      EXPECT_EQ(unit.select_nodes("*[local-name()='segment']").size(), 3u);
      EXPECT_EQ(unit.child("mtc:matches").select_nodes("*[@ref='#s3']").size(), 1u);
      // The body's segments (after its matches, which repeat their sources) get targets.
      std::size_t at = xlf.find("<segment id=\"s1\"", xlf.find("<unit id=\"apply-2.body\""));
      std::string head = xlf.substr(0, at);
      xlf = xlf.substr(at);
      xlf = replace(xlf, "<segment id=\"s1\">", "<segment id=\"s1\" state=\"translated\">");
      xlf = replace(xlf, "<segment id=\"s2\">", "<segment id=\"s2\" state=\"translated\">");
      xlf = replace(xlf, "<segment id=\"s3\">", "<segment id=\"s3\" state=\"translated\">");
      xlf = replace(xlf, "canDelete=\"no\">vacancy notice</pc>.</source>",
                    "canDelete=\"no\">vacancy notice</pc>.</source><target>Lisez l’<pc id=\"2\" dataRefStart=\"d2\" "
                    "dataRefEnd=\"e2\">avis de vacance</pc>.</target>");
      xlf = replace(xlf, "<source>Then apply online.</source>",
                    "<source>Then apply online.</source><target>Puis postulez en ligne.</target>");
      xlf = head + xlf;
      // A unit with a segment left untranslated (no target, or an empty one) is refused whole,
      // naming the segment.
      auto empty = import_file(
          e, replace(xlf, "<source>Apply by 16 May.</source>", "<source>Apply by 16 May.</source><target/>"));
      EXPECT_EQ(outcome_of(empty, "apply-2.body"), unit_outcome::refused) << to_json(empty);
      auto half = import_file(e, xlf);
      EXPECT_EQ(outcome_of(half, "apply-2.body"), unit_outcome::refused) << to_json(half);
      bool named = false;
      for (const auto& u : half.units) named = named || u.message.find("'s3'") != std::string::npos;
      EXPECT_TRUE(named) << to_json(half);
      xlf = replace(xlf, "<source>Apply by 16 May.</source>",
                    "<source>Apply by 16 May.</source><target>Postulez avant le 16 mai.</target>");
    }
    auto r = import_file(e, xlf);
    EXPECT_EQ(outcome_of(r, "apply-2.body"), unit_outcome::applied) << to_json(r);
    EXPECT_EQ(stored_text(e, "apply-2", "body"), french_body);
  }
}

TEST(xliff_segment, an_unedited_segmented_file_changes_nothing_and_exact_segments_prefill) {
  for (auto v : {xliff_version::v1_2, xliff_version::v2_0, xliff_version::v2_2}) {
    SCOPED_TRACE(to_string(v));
    auto e = test::memory_engine();
    ASSERT_TRUE(e.import_content(content, "c.json"));
    ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
     {"type": "page", "key": "apply-3", "source_locale": "en", "fields": {"title": "Apply", "slug": "apply-3",
       "body": "<p>Then apply online. Read the <strong>vacancy notice</strong>.</p><ul><li>Apply by 15 May.</li></ul>"}}]})",
                                 "r3.json"));
    // Every sentence of apply-3's body is a sentence of the memory, in another order: prefilled.
    std::string xlf = export_segmented(e, v, {}, prefill_mode::exact);
    EXPECT_NE(xlf.find("glossa:prefill="), std::string::npos) << xlf;
    auto r = import_file(e, xlf);
    EXPECT_EQ(outcome_of(r, "apply-3.body"), unit_outcome::prefilled) << to_json(r);
    EXPECT_EQ(r.count(unit_outcome::applied), 0u) << to_json(r);
    EXPECT_EQ(r.count(unit_outcome::refused), 0u) << to_json(r);
    expect_no_op(e, xlf);
    // Confirmed, the joined target is stored.
    std::string confirmed =
        v == xliff_version::v1_2
            ? replace(xlf, "state=\"needs-review-translation\" state-qualifier=\"exact-match\"", "state=\"translated\"")
            : xlf;
    if (v != xliff_version::v1_2)
      for (std::size_t at;
           (at = confirmed.find("state=\"initial\" subState=\"glossa:prefill-exact\"")) != std::string::npos;)
        confirmed.replace(at, 47, "state=\"translated\"");
    r = import_file(e, confirmed);
    EXPECT_EQ(outcome_of(r, "apply-3.body"), unit_outcome::applied) << to_json(r);
    EXPECT_EQ(stored_text(e, "apply-3", "body"),
              "<p>Puis postulez en ligne. Lisez l’<strong>avis de vacance</strong>.</p><ul><li>Postulez avant le 15 "
              "mai.</li></ul>");
  }
}

// A new opening repeats job-2026-001's positions message: each Arabic plural
// form is prefilled with its own translation (five come from one English
// "other"), and a translator who edits one form imports the whole message,
// the untouched forms as they were prefilled.
TEST(xliff_prefill, each_plural_form_gets_its_own_and_the_message_comes_back_whole) {
  auto e = test::memory_engine();
  for (const auto& f : test::example_files()) ASSERT_TRUE(e.import_content(test::slurp(f), f));
  auto docs = boost::json::parse(test::slurp(test::source_dir() + "/examples/content/10-en.json"));
  boost::json::object job;
  for (const auto& d : docs.at("documents").as_array())
    if (d.at("key").as_string() == "job-2026-001") job = d.as_object();
  job["key"] = "job-2026-900";
  job.erase("translations");
  ASSERT_TRUE(
      e.import_content(boost::json::serialize(boost::json::object{
                           {"format", "glossa-content"}, {"version", 1}, {"documents", boost::json::array{job}}}),
                       "new.json"));
  xliff_export_options o;
  o.locale = "ar";
  o.documents = {"job-2026-900"};
  o.prefill = prefill_mode::exact;
  std::ostringstream out;
  ASSERT_TRUE(e.export_xliff(o, out));
  std::string xlf = out.str();
  o.documents = {"job-2026-001"};
  o.scope = export_scope::all;
  o.prefill = prefill_mode::none;
  std::ostringstream ref;
  ASSERT_TRUE(e.export_xliff(o, ref));
  pugi::xml_document mine, theirs;
  ASSERT_TRUE(mine.load_string(xlf.c_str()));
  ASSERT_TRUE(theirs.load_string(ref.str().c_str()));
  for (const char* form : {"zero", "one", "two", "few", "many", "other"}) {
    std::string id = std::string("positions_text:count.") + form;
    auto got = mine.select_node(("//trans-unit[@id='job-2026-900." + id + "']/target").c_str()).node();
    auto want = theirs.select_node(("//trans-unit[@id='job-2026-001." + id + "']/target").c_str()).node();
    std::ostringstream g, w;
    got.print(g, "", pugi::format_raw);
    want.first_child().print(w, "", pugi::format_raw);
    EXPECT_NE(g.str().find(w.str()), std::string::npos) << form << ": " << g.str() << " instead of " << w.str();
  }
  // The "one" form edited, the others untouched: the message is applied whole.
  auto at = xlf.find("job-2026-900.positions_text:count.one");
  ASSERT_NE(at, std::string::npos);
  auto target = xlf.find("<target", at), end = xlf.find("</target>", target);
  xlf.replace(target, end - target, "<target state=\"translated\">توجد وظيفة واحدة شاغرة");
  auto r = import_file(e, xlf);
  EXPECT_EQ(outcome_of(r, "job-2026-900.positions_text:count.one"), unit_outcome::applied) << to_json(r);
  EXPECT_EQ(outcome_of(r, "job-2026-900.positions_text:count.zero"), unit_outcome::applied) << to_json(r);
  EXPECT_EQ(outcome_of(r, "job-2026-900.department"), unit_outcome::prefilled);
}

// A stale unit whose old pair another field repeats word for word still has
// its previous version (the memory gives each stale field its own).
TEST(xliff_prefill, a_previous_version_that_another_field_repeats_is_still_there) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "apply-b", "source_locale": "en", "fields": {"title": "How to apply", "slug": "apply-b",
     "body": "<p>B.</p>"}, "translations": {"fr": {"title": {"text": "Comment postuler", "state": "translated"}}}}]})",
                               "b.json"));
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
   {"type": "page", "key": "apply-b", "source_locale": "en", "fields": {"title": "How to  apply", "slug": "apply-b",
     "body": "<p>B.</p>"}}]})",
                               "b2.json"));
  xliff_export_summary s;
  std::string xlf = export_with(e, xliff_version::v1_2, export_scope::stale, prefill_mode::context, true, &s);
  EXPECT_EQ(s.previous_versions, 1u) << xlf;
  EXPECT_EQ(s.prefilled, 1u) << xlf;
  EXPECT_NE(xlf.find("state-qualifier=\"id-match\""), std::string::npos) << xlf;
}
