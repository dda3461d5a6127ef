// The translation memory as TMX (include/glossa/memory.hpp): the pairs a
// translation offers at field, block and sentence level, inline codes as
// TMX codes, which states are offered, stale translations with the source
// they were made from, and each pair once.
#include <gtest/gtest.h>

#include <glossa/engine.hpp>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "store_fixture.hpp"
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

// TMX import: an agency's memory into the store, as a batch that tm undo
// takes back, on every backend.
class tm_import : public test::on_each_backend {
 protected:
  // The store's entries into `locale`, as "source => target" of their encoded texts.
  std::vector<std::string> entries(engine& e, const std::string& locale) {
    std::vector<std::string> out;
    EXPECT_TRUE(e.storage().for_each_tm_entry(locale, [&](const tm_entry_row& r) {
      out.push_back(r.source_locale + ":" + r.source + " => " + r.target + " @" + r.author);
      return true;
    }));
    return out;
  }
};

// What one store exports, another imports: every unit an entry, and its
// own export then writes the same pairs, codes and all.
TEST_P(tm_import, glossa_reads_back_the_memory_it_writes) {
  auto from = test::memory_engine();
  ASSERT_TRUE(from.import_content(content, "c.json"));
  tm_export_options o;
  o.locale = "fr";
  tm_export_summary exported;
  std::string tmx = export_tm(from, o, &exported);

  engine e(std::move(store_));
  auto r = e.import_tm(tmx, "memory.tmx");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->source_locale, "en");
  ASSERT_EQ(r->locales.size(), 1u);  // fr; the other working locales are not in the file
  EXPECT_EQ(r->locales[0].locale, "fr");
  EXPECT_EQ(r->added, exported.units);
  EXPECT_EQ(r->duplicates, 0u);
  EXPECT_GT(r->batch, 0);
  EXPECT_EQ(entries(e, "fr").size(), exported.units);
  EXPECT_TRUE(entries(e, "es").empty());

  tm_export_summary again;
  pugi::xml_document a, b;
  auto first = read_tmx(tmx, a), second = read_tmx(export_tm(e, o, &again), b);
  EXPECT_EQ(again.imported, exported.units);
  ASSERT_EQ(first.size(), second.size());
  for (const auto& u : first) {
    auto other = find(second, u.source);
    ASSERT_NE(other, nullptr) << u.source;
    EXPECT_EQ(other->target, u.target);
  }

  // The same file again adds nothing: every pair is there already.
  auto twice = e.import_tm(tmx, "memory.tmx");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->added, 0u);
  EXPECT_EQ(twice->duplicates, exported.units);
  EXPECT_EQ(twice->batch, 0);
}

TEST_P(tm_import, an_import_is_undone_as_a_batch_and_only_by_tm_undo) {
  engine e(std::move(store_));
  ASSERT_TRUE(e.import_content(content, "c.json"));
  const char* agency = R"(<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" segtype="sentence" datatype="plaintext" adminlang="en"
 creationtool="agency" creationtoolversion="1" o-tmf="x"/><body>
<tu creationid="ANA" creationdate="20250301T101500Z"><tuv xml:lang="en-US"><seg>Apply online.</seg></tuv>
 <tuv xml:lang="fr-FR"><seg>Postulez en ligne.</seg></tuv><tuv xml:lang="es-ES"><seg>Postule en línea.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Closing date</seg></tuv><tuv xml:lang="es-ES"><seg>Fecha de cierre</seg></tuv></tu>
</body></tmx>)";
  tm_import_options dry;
  dry.dry_run = true;
  auto tried = e.import_tm(agency, "agency.tmx", dry);
  ASSERT_TRUE(tried) << tried.err().to_string();
  EXPECT_EQ(tried->added, 3u);
  EXPECT_EQ(tried->batch, 0);
  EXPECT_TRUE(entries(e, "").empty());  // a dry run writes nothing

  auto r = e.import_tm(agency, "agency.tmx");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->added, 3u);  // fr 1, es 2: regional forms taken by the working locales
  EXPECT_EQ(entries(e, "fr"), std::vector<std::string>{"en-US:Apply online. => Postulez en ligne. @ANA"});
  EXPECT_EQ(entries(e, "es").size(), 2u);

  auto wrong = e.undo_batch(r->batch);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.err().code, errc::invalid_argument);
  EXPECT_NE(wrong.err().message.find("tm undo"), std::string::npos);
  auto undone = e.undo_tm(r->batch);
  ASSERT_TRUE(undone) << undone.err().to_string();
  EXPECT_EQ(undone->removed, 3u);
  EXPECT_TRUE(entries(e, "").empty());
  EXPECT_EQ(e.undo_tm(r->batch).err().code, errc::invalid_argument);  // undone already
  EXPECT_EQ(e.undo_tm(999).err().code, errc::not_found);
  EXPECT_EQ(e.undo_tm(undone->batch).err().code, errc::invalid_argument);     // an undo is not a TMX import
  EXPECT_EQ(e.undo_batch(undone->batch).err().code, errc::invalid_argument);  // nor one xliff undo restores
  // And after the undo, the same file comes in again.
  auto back = e.import_tm(agency, "agency.tmx");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->added, 3u);
}

// A file broken anywhere is refused where it breaks, and nothing is stored:
// not the units before the break either.
TEST_P(tm_import, a_bad_file_is_refused_with_its_place_and_changes_nothing) {
  engine e(std::move(store_));
  struct bad {
    const char* name;
    std::string text;
    errc code;
    std::uint32_t line;
  };
  std::string head = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n";
  std::string good = "<tu><tuv xml:lang=\"en\"><seg>Yes</seg></tuv><tuv xml:lang=\"fr\"><seg>Oui</seg></tuv></tu>\n";
  std::vector<bad> cases{
      {"unpaired code",
       head + good +
           "<tu><tuv xml:lang=\"en\"><seg>A <bpt i=\"1\">&lt;b&gt;</bpt>B</seg></tuv>"
           "<tuv xml:lang=\"fr\"><seg>A B</seg></tuv></tu>\n</body></tmx>",
       errc::invalid_content, 4},
      {"no source", head + good + "\n<tu><tuv xml:lang=\"fr\"><seg>Non</seg></tuv></tu></body></tmx>",
       errc::invalid_content, 5},
      {"not well-formed", head + good + "<tu><tuv xml:lang=\"en\"><seg>A</tuv></tu></body></tmx>",
       errc::invalid_content, 4},
      {"not UTF-8", head + good + "<tu><tuv xml:lang=\"en\"><seg>\xC3(</seg></tuv></tu></body></tmx>",
       errc::invalid_utf8, 4},
      {"control character",
       head + good +
           "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"fr\"><seg>B\xC2\x85"
           "C</seg></tuv></tu>"
           "</body></tmx>",
       errc::invalid_content, 4},
      {"bad language",
       head + good +
           "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv></tu>"
           "<tu srclang=\"12\"><tuv xml:lang=\"12\"><seg>X</seg></tuv><tuv xml:lang=\"fr\"><seg>Y</seg>"
           "</tuv></tu></body></tmx>",
       errc::invalid_content, 4},
  };
  for (const auto& c : cases) {
    auto r = e.import_tm(c.text, "bad.tmx");
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.err().code, c.code) << c.name << ": " << r.err().to_string();
    EXPECT_EQ(r.err().where.file, "bad.tmx") << c.name;
    EXPECT_EQ(r.err().where.line, c.line) << c.name << ": " << r.err().to_string();
  }
  EXPECT_TRUE(entries(e, "").empty());
  tm_import_options klingon;
  klingon.locales = {"not a locale!"};
  EXPECT_EQ(e.import_tm(head + good + "</body></tmx>", "ok.tmx", klingon).err().code, errc::invalid_locale);
  klingon.locales = {"de"};  // a tag, but no working locale of the store
  EXPECT_EQ(e.import_tm(head + good + "</body></tmx>", "ok.tmx", klingon).err().code, errc::unknown_locale);
  klingon.locales = {"fr", "FR"};  // one locale, read once
  auto once = e.import_tm(head + good + "</body></tmx>", "ok.tmx", klingon);
  ASSERT_TRUE(once) << once.err().to_string();
  EXPECT_EQ(once->locales.size(), 1u);
  EXPECT_EQ(once->added, 1u);
}

// An entry is its text and the markup its codes stand for, whatever ids a
// tool gave them: a pair the store's translations give is written once, and
// two pairs that differ only in a code's markup are two entries.
TEST_P(tm_import, a_pair_is_one_entry_whatever_its_code_ids) {
  engine e(std::move(store_));
  ASSERT_TRUE(e.import_content(content, "c.json"));
  tm_export_options o;
  o.locale = "fr";
  tm_export_summary before;
  export_tm(e, o, &before);
  const char* agency = R"(<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>Read the <bpt i="7">&lt;strong&gt;</bpt>vacancy notice<ept i="7">&lt;/strong&gt;</ept>. Then apply online.</seg></tuv>
<tuv xml:lang="fr"><seg>Lisez l’<bpt i="7">&lt;strong&gt;</bpt>avis de vacance<ept i="7">&lt;/strong&gt;</ept>. Puis postulez en ligne.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Press <ph>{0}</ph></seg></tuv><tuv xml:lang="fr"><seg>Appuyez sur <ph>{0}</ph></seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Press <ph>%s</ph></seg></tuv><tuv xml:lang="fr"><seg>Appuyez sur <ph>%s</ph></seg></tuv></tu>
</body></tmx>)";
  auto r = e.import_tm(agency, "agency.tmx");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->added, 3u);  // the memory of the store's translations is not in tm_entries
  tm_export_summary after;
  export_tm(e, o, &after);
  EXPECT_EQ(after.imported, 2u);  // the block pair is the store's own, written once
  EXPECT_EQ(after.units, before.units + 2);
  EXPECT_EQ(after.duplicates, before.duplicates + 1);
}

INSTANTIATE_TEST_SUITE_P(every_backend, tm_import, ::testing::ValuesIn(test::backend_uris()), test::backend_name);
