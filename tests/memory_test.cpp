// The translation memory as TMX (include/glossa/memory.hpp): the pairs a
// translation offers at field, block and sentence level, inline codes as
// TMX codes, which states are offered, stale translations with the source
// they were made from, and each pair once.
#include <gtest/gtest.h>

#include <glossa/engine.hpp>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "test_support.hpp"

using namespace glossa;

namespace {

const char* content = R"({"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "apply", "source_locale": "en", "fields": {
   "title": "How to apply", "slug": "apply",
   "body": "<p>Read the <strong>vacancy notice</strong>. Then apply online.</p><ul><li>Apply by 15 May.</li><li>Bring documents, e.g. Your passport.</li></ul>"},
  "translations": {"fr": {
   "title": {"text": "Comment postuler", "state": "final"},
   "body": {"text": "<p>Lisez l’<strong>avis de vacance</strong>. Puis postulez en ligne.</p><ul><li>Postulez avant le 15 mai.</li><li>Apportez vos documents, p. ex. Votre passeport.</li></ul>", "state": "reviewed"}}}},
 {"type": "page", "key": "values", "source_locale": "en", "fields": {
   "title": "How to apply", "slug": "values", "body": "<p>We value integrity.</p>"},
  "translations": {"fr": {
   "title": {"text": "Comment postuler", "state": "translated"},
   "body": {"text": "<p>Nous tenons à l’intégrité.</p>", "state": "new"}}}}]})";

struct tu {
  std::map<std::string, std::string> props;
  std::string source, target;  // the <seg>s as XML
};

std::string inner_xml(pugi::xml_node seg) {
  std::ostringstream s;
  for (auto c : seg.children()) c.print(s, "", pugi::format_raw);
  return s.str();
}

std::vector<tu> read_tmx(const std::string& text, pugi::xml_document& doc) {
  auto parsed = doc.load_string(text.c_str());
  EXPECT_TRUE(parsed) << parsed.description();
  std::vector<tu> out;
  for (auto u : doc.select_nodes("/tmx/body/tu")) {
    tu one;
    for (auto p : u.node().children("prop")) one.props[p.attribute("type").value()] = p.text().get();
    auto tuvs = u.node().children("tuv");
    auto it = tuvs.begin();
    one.source = inner_xml(it->child("seg"));
    one.target = inner_xml((++it)->child("seg"));
    out.push_back(one);
  }
  return out;
}

std::string export_tm(engine& e, tm_export_options o, tm_export_summary* summary = nullptr) {
  std::ostringstream out;
  auto r = e.export_tm(o, out);
  EXPECT_TRUE(r) << r.err().to_string();
  if (r && summary) *summary = *r;
  return out.str();
}

const tu* find(const std::vector<tu>& units, std::string_view source) {
  for (const auto& u : units)
    if (u.source == source) return &u;
  return nullptr;
}

}  // namespace

TEST(memory, a_translation_offers_its_field_blocks_and_sentences) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  tm_export_options o;
  o.locale = "fr";
  tm_export_summary s;
  pugi::xml_document doc;
  auto units = read_tmx(export_tm(e, o, &s), doc);
  EXPECT_STREQ(doc.child("tmx").attribute("version").value(), "1.4");
  EXPECT_STREQ(doc.child("tmx").child("header").attribute("srclang").value(), "en");
  EXPECT_EQ(s.units, units.size());

  auto title = find(units, "How to apply");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->target, "Comment postuler");
  EXPECT_EQ(title->props.at("x-glossa-level"), "field");
  EXPECT_EQ(title->props.at("x-glossa-document"), "apply");  // written once: the second is a duplicate
  EXPECT_EQ(s.duplicates, 1u);

  // The block with its codes: <strong> as a bpt/ept pair sharing i.
  auto block = find(
      units,
      R"(Read the <bpt i="1" type="bold">&lt;strong&gt;</bpt>vacancy notice<ept i="1">&lt;/strong&gt;</ept>. Then apply online.)");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->props.at("x-glossa-level"), "block");
  EXPECT_EQ(
      block->target,
      R"(Lisez l’<bpt i="1" type="bold">&lt;strong&gt;</bpt>avis de vacance<ept i="1">&lt;/strong&gt;</ept>. Puis postulez en ligne.)");
  // Its sentences, paired one to one; the abbreviation does not end one.
  auto then = find(units, "Then apply online.");
  ASSERT_NE(then, nullptr);
  EXPECT_EQ(then->target, "Puis postulez en ligne.");
  EXPECT_EQ(then->props.at("x-glossa-level"), "sentence");
  auto item = find(units, "Bring documents, e.g. Your passport.");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->target, "Apportez vos documents, p. ex. Votre passeport.");
  EXPECT_EQ(item->props.at("x-glossa-level"), "block");
  EXPECT_EQ(item->props.at("x-glossa-state"), "reviewed");
  EXPECT_EQ(s.fields, 2u);  // the two fields of "apply"; the other title is a duplicate, the new body not offered
  EXPECT_EQ(s.blocks, 3u);
  EXPECT_EQ(s.sentences, 2u);
  EXPECT_EQ(find(units, "We value integrity."), nullptr);  // state new: not offered by default
}

TEST(memory, the_states_offered_are_chosen) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  tm_export_options o;
  o.locale = "fr";
  o.states = {translation_state::fresh};
  pugi::xml_document doc;
  auto units = read_tmx(export_tm(e, o), doc);
  ASSERT_NE(find(units, "We value integrity."), nullptr);
  EXPECT_EQ(find(units, "How to apply"), nullptr);
}

TEST(memory, a_stale_translation_comes_with_the_source_it_was_made_from) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(content, "c.json"));
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
    {"type": "page", "key": "apply", "source_locale": "en", "fields": {"title": "How to apply for a post",
     "slug": "apply", "body": "<p>Read the notice.</p>"}}]})",
                               "edit.json"));
  tm_export_options o;
  o.locale = "fr";
  tm_export_summary s;
  pugi::xml_document doc;
  auto units = read_tmx(export_tm(e, o, &s), doc);
  // The body's translation pairs with the body it was made from, not with "Read the notice."
  auto then = find(units, "Then apply online.");
  ASSERT_NE(then, nullptr);
  EXPECT_EQ(then->target, "Puis postulez en ligne.");
  EXPECT_EQ(then->props.count("x-glossa-stale"), 1u);
  EXPECT_EQ(find(units, "Read the notice."), nullptr);
  EXPECT_EQ(find(units, "How to apply for a post"), nullptr);
  EXPECT_GT(s.stale, 0u);
  auto current = find(units, "How to apply");  // still current in "values"
  ASSERT_NE(current, nullptr);
  EXPECT_EQ(current->props.count("x-glossa-stale"), 0u);
  o.stale = false;
  units = read_tmx(export_tm(e, o), doc);
  EXPECT_EQ(find(units, "Then apply online."), nullptr);
}

TEST(memory, an_unknown_locale_is_refused) {
  auto e = test::memory_engine();
  tm_export_options o;
  o.locale = "not a locale";
  std::ostringstream out;
  auto r = e.export_tm(o, out);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::invalid_locale);
}

TEST(memory, the_same_pair_from_two_source_languages_is_written_twice) {
  auto e = test::memory_engine();
  ASSERT_TRUE(e.import_content(R"({"format": "glossa-content", "version": 1, "documents": [
    {"type": "page", "key": "en-page", "source_locale": "en", "fields": {"title": "Hotel", "slug": "a",
     "body": "<p>x</p>"}, "translations": {"ar": {"title": {"text": "فندق", "state": "final"}}}},
    {"type": "page", "key": "fr-page", "source_locale": "fr", "fields": {"title": "Hotel", "slug": "b",
     "body": "<p>x</p>"}, "translations": {"ar": {"title": {"text": "فندق", "state": "final"}}}}]})",
                               "c.json"));
  tm_export_options o;
  o.locale = "ar";
  tm_export_summary s;
  pugi::xml_document doc;
  auto units = read_tmx(export_tm(e, o, &s), doc);
  EXPECT_EQ(s.duplicates, 0u);
  EXPECT_EQ(units.size(), 2u);
  EXPECT_STREQ(doc.child("tmx").child("header").attribute("srclang").value(), "*all*");
}
