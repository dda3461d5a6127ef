#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <glossa/engine.hpp>
#include <glossa/xliff.hpp>
#include <sstream>
#include <tuple>

#include "formats/xliff/reader.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {

const char* fixture = R"({"documents": [
  {"type": "page", "key": "about", "source_locale": "en",
   "fields": {"title": "About us", "slug": "about", "summary": "Who we are", "body": "<p>We <b>protect</b> land.</p>"},
   "translations": {"fr": {"title": {"text": "À propos", "state": "reviewed"}}}},
  {"type": "job", "key": "job-1", "source_locale": "en",
   "fields": {"title": "Analyst", "reference": "VA/1", "summary": "<p>Short</p>",
              "closing": {"local": "2026-12-15T17:00:00", "time_zone": "Asia/Amman"},
              "positions_text": "{count, plural, one {# post} other {# posts}}"}}]})";

engine fixture_engine() {
  engine e = test::memory_engine();
  auto r = e.import_content(fixture, "fixture.json");
  if (!r) throw std::runtime_error(r.err().to_string());
  return e;
}

std::string xlf12(const std::string& locale, const std::string& units, const std::string& extra_attrs = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" "
         "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
         "<file original=\"x\" source-language=\"en\" target-language=\"" +
         locale + "\" datatype=\"plaintext\"" + extra_attrs + "><body>\n" + units + "\n</body></file></xliff>\n";
}

std::string unit(const std::string& id, const std::string& source, const std::string& target,
                 const std::string& state = "") {
  return "<trans-unit id=\"" + id + "\"><source>" + source + "</source><target" +
         (state.empty() ? "" : " state=\"" + state + "\"") + ">" + target + "</target></trans-unit>\n";
}

std::string export_text(engine& e, const std::string& locale, xliff_version v = xliff_version::v1_2,
                        export_scope scope = export_scope::todo) {
  std::ostringstream out;
  xliff_export_options o;
  o.locale = locale;
  o.version = v;
  o.scope = scope;
  auto r = e.export_xliff(o, out);
  if (!r) throw std::runtime_error(r.err().to_string());
  return out.str();
}

const unit_report& outcome(const xliff_import_report& r, const std::string& id) {
  for (const auto& u : r.units)
    if (u.id == id) return u;
  throw std::runtime_error("no unit " + id);
}

std::string translation_of(engine& e, const std::string& key, const std::string& field, const std::string& locale) {
  auto d = e.storage().find_document(key);
  const translation* t = d->find(field)->find(locale);
  return t ? t->text : "<none>";
}

}  // namespace

TEST(xliff_export, ids_are_stable_and_scope_selects_units) {
  engine e = fixture_engine();
  std::string a = export_text(e, "fr");
  EXPECT_EQ(a, export_text(e, "fr"));  // same ids, same bytes
  EXPECT_NE(a.find("id=\"about.body\""), std::string::npos);
  EXPECT_EQ(a.find("id=\"about.title\""), std::string::npos);                      // translated and current: not todo
  EXPECT_EQ(a.find("about.slug"), std::string::npos);                              // not translatable
  EXPECT_NE(a.find("id=\"job-1.positions_text:count.many\""), std::string::npos);  // French 'many'
  EXPECT_NE(a.find("<g id=\"2\" ctype=\"bold\">protect</g>"), std::string::npos) << a;
  EXPECT_NE(a.find("glossa:rev=\""), std::string::npos);
  EXPECT_NE(a.find("maxwidth=\"300\" size-unit=\"x-glossa-grapheme\""), std::string::npos);
  EXPECT_NE(a.find("Plural form 'many'"), std::string::npos);
  std::string all = export_text(e, "fr", xliff_version::v1_2, export_scope::all);
  EXPECT_NE(all.find("<target state=\"signed-off\">À propos</target>"), std::string::npos) << all;
  EXPECT_EQ(export_text(e, "fr", xliff_version::v1_2, export_scope::stale).find("<trans-unit"), std::string::npos);
  std::string v2 = export_text(e, "ar", xliff_version::v2_0);
  EXPECT_NE(v2.find("srcLang=\"en\" trgLang=\"ar\""), std::string::npos);
  EXPECT_NE(
      v2.find(
          "<pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"e2\" dispStart=\"&lt;b&gt;\" canDelete=\"no\">protect</pc>"),
      std::string::npos)
      << v2;
  EXPECT_NE(v2.find("<data id=\"d2\">&lt;b&gt;</data>"), std::string::npos);
  EXPECT_NE(v2.find(":count.few"), std::string::npos);
}

TEST(xliff_export, refuses_bad_requests) {
  engine e = fixture_engine();
  std::ostringstream out;
  xliff_export_options o;
  o.locale = "klingon";
  EXPECT_EQ(e.export_xliff(o, out).err().code, errc::invalid_locale);
  o.locale = "fr";
  o.documents = {"nope"};
  EXPECT_EQ(e.export_xliff(o, out).err().code, errc::not_found);
  o.documents.clear();
  o.type = "vacancy";
  EXPECT_EQ(e.export_xliff(o, out).err().code, errc::unknown_type);
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "fr-page", "source_locale": "fr",
      "fields": {"title": "Bonjour", "slug": "s", "body": "<p>x</p>"}}]})",
                               "fr.json"));
  o.type.clear();
  o.locale = "ar";
  o.version = xliff_version::v2_0;
  EXPECT_EQ(e.export_xliff(o, out).err().code, errc::invalid_argument);
  o.version = xliff_version::v1_2;  // 1.2 has a source language per <file>
  std::ostringstream ok;
  EXPECT_TRUE(e.export_xliff(o, ok));
  EXPECT_NE(ok.str().find("source-language=\"fr\""), std::string::npos);
}

TEST(xliff_import, applies_text_markup_and_plural_units) {
  engine e = fixture_engine();
  std::string file = xlf12(
      "fr", unit("about.summary", "Who we are", "Qui nous sommes", "translated") +
                unit("about.body", "<g id=\"1\" ctype=\"x-html-p\">We <g id=\"2\" ctype=\"bold\">protect</g> land.</g>",
                     "<g id=\"1\">Nous <g id=\"2\">protégeons</g> les terres &amp; l’eau.</g>", "signed-off") +
                unit("job-1.positions_text:count.one", "<x id=\"1\"/> post", "<x id=\"1\"/> poste") +
                unit("job-1.positions_text:count.many", "<x id=\"1\"/> posts", "<x id=\"1\"/> de postes") +
                unit("job-1.positions_text:count.other", "<x id=\"1\"/> posts", "<x id=\"1\"/> postes"));
  auto r = e.import_xliff(file, "fr.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->version, "1.2");
  EXPECT_EQ(r->locale, "fr");
  EXPECT_EQ(r->count(unit_outcome::applied), 5u);
  EXPECT_GT(r->batch, 0);
  EXPECT_EQ(translation_of(e, "about", "body", "fr"), "<p>Nous <b>protégeons</b> les terres &amp; l’eau.</p>");
  EXPECT_EQ(translation_of(e, "job-1", "positions_text", "fr"),
            "{count, plural, one {# poste} many {# de postes} other {# postes}}");
  auto d = e.storage().find_document("about");
  EXPECT_EQ(d->find("body")->find("fr")->state, translation_state::reviewed);
  EXPECT_EQ(outcome(*r, "about.body").line, 5u);

  // The same file again: unchanged, no batch.
  auto again = e.import_xliff(file, "fr.xlf");
  EXPECT_EQ(again->count(unit_outcome::unchanged), 5u);
  EXPECT_EQ(again->batch, 0);
}

TEST(xliff_import, refuses_units_with_a_reason_and_applies_the_rest) {
  engine e = fixture_engine();
  std::string file =
      xlf12("fr", unit("about.summary", "Who we are", "Qui nous sommes") +
                      unit("about.body", "<g id=\"1\">We <g id=\"2\">protect</g> land.</g>",
                           "<g id=\"1\">Nous protégeons les terres.</g>") +
                      unit("job-1.summary", "<g id=\"1\">Short</g>", "<g id=\"1\">Court</g><x id=\"7\"/>") +
                      unit("job-1.title", "Analyst", "") + unit("ghost.title", "x", "y") +
                      unit("about.slug", "about", "a-propos") +
                      unit("job-1.positions_text:count.one", "<x id=\"1\"/> post", "<x id=\"1\"/> poste") +
                      unit("job-1.positions_text:count.other", "<x id=\"1\"/> posts", "<x id=\"1\"/> postes") +
                      unit("about.title", "About us", "À propos de nous", "translated"));
  auto r = e.import_xliff(file, "fr.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(outcome(*r, "about.summary").outcome, unit_outcome::applied);
  EXPECT_EQ(outcome(*r, "about.body").outcome, unit_outcome::refused);
  EXPECT_EQ(outcome(*r, "about.body").code(), "inline_codes");
  EXPECT_NE(outcome(*r, "about.body").message.find("is missing"), std::string::npos);
  EXPECT_EQ(outcome(*r, "job-1.summary").code(), "inline_codes");
  EXPECT_NE(outcome(*r, "job-1.summary").message.find("extra code"), std::string::npos);
  EXPECT_EQ(outcome(*r, "job-1.title").outcome, unit_outcome::untranslated);  // no translation, none given
  EXPECT_EQ(outcome(*r, "ghost.title").outcome, unit_outcome::unknown);
  EXPECT_EQ(outcome(*r, "about.slug").outcome, unit_outcome::unknown);
  EXPECT_EQ(outcome(*r, "job-1.positions_text:count.one").code(), "plural_missing");
  EXPECT_NE(outcome(*r, "job-1.positions_text:count.one").message.find("job-1.positions_text:count.many"),
            std::string::npos);
  EXPECT_EQ(outcome(*r, "about.title").outcome, unit_outcome::protected_);  // reviewed -> translated
  EXPECT_EQ(translation_of(e, "about", "summary", "fr"), "Qui nous sommes");
  EXPECT_EQ(translation_of(e, "about", "body", "fr"), "<none>");
  EXPECT_EQ(translation_of(e, "about", "title", "fr"), "À propos");

  xliff_import_options force;
  force.overwrite_final = true;
  auto forced =
      e.import_xliff(xlf12("fr", unit("about.title", "About us", "À propos de nous", "translated")), "f.xlf", force);
  EXPECT_EQ(outcome(*forced, "about.title").outcome, unit_outcome::applied);
}

TEST(xliff_import, content_checks_per_unit) {
  engine e = fixture_engine();
  std::string rlo = "\xE2\x80\xAE";  // U+202E RIGHT-TO-LEFT OVERRIDE
  auto r = e.import_xliff(xlf12("ar", unit("about.summary", "Who we are", "من " + rlo + "نحن") +
                                          unit("about.title", "About us", std::string(81, 'x'))),
                          "ar.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(outcome(*r, "about.summary").code(), "bidi_override");
  EXPECT_EQ(outcome(*r, "about.title").code(), "too_long");
  // A C0 control is not even well-formed XML 1.0: the file is refused whole.
  auto c0 = e.import_xliff(xlf12("ar", unit("job-1.title", "Analyst", "محلل\x01")), "c0.xlf");
  ASSERT_FALSE(c0);
  EXPECT_EQ(c0.err().code, errc::invalid_content);
  EXPECT_NE(c0.err().message.find("U+0001"), std::string::npos) << c0.err().to_string();
  auto wrong_lang = e.import_xliff(
      xlf12("fr",
            "<trans-unit id=\"about.summary\"><source>Who we are</source><target>x</target></trans-unit>"
            "</body></file><file original=\"y\" source-language=\"en\" target-language=\"es\" "
            "datatype=\"plaintext\"><body>"
            "<trans-unit id=\"job-1.title\"><source>Analyst</source><target>Analista</target></trans-unit>"),
      "mixed.xlf");
  ASSERT_TRUE(wrong_lang) << wrong_lang.err().to_string();
  EXPECT_EQ(outcome(*wrong_lang, "job-1.title").code(), "wrong_language");
  EXPECT_EQ(outcome(*wrong_lang, "about.summary").outcome, unit_outcome::applied);
  auto source_locale = e.import_xliff(xlf12("en", unit("about.summary", "Who we are", "Who are we")), "en.xlf");
  EXPECT_EQ(outcome(*source_locale, "about.summary").code(), "wrong_language");
}

// all_taken(): what the command's exit code 9 rests on. Applied, unchanged
// and stale units are taken; one refused, protected or unknown unit is not.
TEST(xliff_import, all_taken_is_false_as_soon_as_one_unit_is_not_taken) {
  engine e = fixture_engine();
  auto applied = e.import_xliff(xlf12("es", unit("about.title", "About us", "Sobre nosotros")), "a.xlf");
  ASSERT_TRUE(applied);
  EXPECT_TRUE(applied->all_taken());
  auto unchanged = e.import_xliff(xlf12("es", unit("about.title", "About us", "Sobre nosotros")), "a.xlf");
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->units.at(0).outcome, unit_outcome::unchanged);
  EXPECT_TRUE(unchanged->all_taken());
  auto unknown = e.import_xliff(
      xlf12("es", unit("about.title", "About us", "Sobre nosotros") + unit("ghost.title", "x", "y")), "u.xlf");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->all_taken());
  // A unit exported without a target and returned without one is untranslated: taken.
  auto untranslated = e.import_xliff(xlf12("es", unit("about.summary", "Who we are", "")), "r.xlf");
  ASSERT_TRUE(untranslated);
  EXPECT_EQ(untranslated->units.at(0).outcome, unit_outcome::untranslated);
  EXPECT_TRUE(untranslated->all_taken());
  // Deleting the text the export wrote is refused.
  auto refused = e.import_xliff(xlf12("es", unit("about.title", "About us", "")), "r.xlf");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->units.at(0).code(), "empty_target");
  EXPECT_FALSE(refused->all_taken());
  auto prot = e.import_xliff(xlf12("fr", unit("about.title", "About us", "Au sujet de nous")),
                             "p.xlf");  // fr title is reviewed
  ASSERT_TRUE(prot);
  EXPECT_EQ(prot->units.at(0).outcome, unit_outcome::protected_);
  EXPECT_FALSE(prot->all_taken());
}

TEST(xliff_import, stale_units_are_stored_stale) {
  engine e = fixture_engine();
  std::string exported = export_text(e, "es");
  // The source changes after the export.
  ASSERT_TRUE(e.import_content(
      R"({"documents": [{"type": "page", "key": "about", "fields": {"summary": "Who we are today"}}]})", "edit.json"));
  std::string filled = exported;
  auto pos = filled.find("<source>Who we are</source>");
  ASSERT_NE(pos, std::string::npos);
  filled.insert(pos + std::string("<source>Who we are</source>").size(), "<target>Quiénes somos</target>");
  auto r = e.import_xliff(filled, "es.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(outcome(*r, "about.summary").outcome, unit_outcome::stale);
  auto d = e.storage().find_document("about");
  const field* f = d->find("summary");
  ASSERT_NE(f->find("es"), nullptr);
  EXPECT_TRUE(is_stale(*f, *f->find("es")));
  EXPECT_EQ(f->find("es")->source_revision, revision_of("Who we are"));
}

TEST(xliff_import, strict_and_dry_run_change_nothing_and_undo_restores) {
  engine e = fixture_engine();
  std::string before = *e.export_content();
  std::string file =
      xlf12("fr", unit("about.summary", "Who we are", "Qui nous sommes") + unit("ghost.title", "x", "y"));
  xliff_import_options strict;
  strict.strict = true;
  auto s = e.import_xliff(file, "s.xlf", strict);
  ASSERT_TRUE(s);
  EXPECT_EQ(outcome(*s, "about.summary").outcome, unit_outcome::refused);
  EXPECT_EQ(outcome(*s, "about.summary").code(), "strict");
  EXPECT_EQ(s->batch, 0);
  EXPECT_EQ(*e.export_content(), before);
  xliff_import_options dry;
  dry.dry_run = true;
  auto d = e.import_xliff(file, "d.xlf", dry);
  EXPECT_EQ(outcome(*d, "about.summary").outcome, unit_outcome::applied);
  EXPECT_EQ(*e.export_content(), before);

  auto real = e.import_xliff(xlf12("fr", unit("about.summary", "Who we are", "Qui nous sommes") +
                                             unit("about.title", "About us", "À propos de nous", "final")),
                             "r.xlf");
  ASSERT_TRUE(real);
  ASSERT_GT(real->batch, 0);
  EXPECT_NE(*e.export_content(), before);
  auto undone = e.undo_batch(real->batch);
  ASSERT_TRUE(undone) << undone.err().to_string();
  EXPECT_EQ(undone->translations_changed, 2u);
  EXPECT_EQ(*e.export_content(), before);  // exactly what was there before
  auto h = e.history("about", "summary");
  EXPECT_EQ(h->back().action, "delete");
  EXPECT_EQ(e.undo_batch(real->batch).err().code, errc::invalid_argument);  // already undone
  EXPECT_EQ(e.undo_batch(9999).err().code, errc::not_found);

  // A batch whose translations changed later cannot be undone silently.
  auto b1 = e.import_xliff(xlf12("fr", unit("about.summary", "Who we are", "Qui sommes-nous")), "b1.xlf");
  auto b2 = e.import_xliff(xlf12("fr", unit("about.summary", "Who we are", "Qui sommes-nous ?")), "b2.xlf");
  EXPECT_EQ(e.undo_batch(b1->batch).err().code, errc::invalid_argument);
  EXPECT_TRUE(e.undo_batch(b2->batch));
  EXPECT_TRUE(e.undo_batch(b1->batch));
  EXPECT_EQ(*e.export_content(), before);
}

TEST(xliff_import, whole_file_errors_change_nothing) {
  engine e = fixture_engine();
  std::string before = *e.export_content();
  struct bad {
    std::string name, bytes;
    std::string says;
    std::uint32_t line;
  };
  std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n <!ENTITY a \"aaaaaaaaaa\">\n <!ENTITY b \"&a;&a;&a;&a;\">\n]>\n"
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/>";
  // The same behind a comment or a processing instruction that names the
  // root or a DOCTYPE: the prolog is walked, not searched.
  std::string xliff_root = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/>";
  std::string behind_comment =
      "<?xml version=\"1.0\"?>\n<!-- <xliff> -->\n<!DOCTYPE xliff [<!ENTITY a \"b\">]>\n" + xliff_root;
  std::string behind_pi =
      "<?xml version=\"1.0\"?>\n<?tool <xliff <!DOCTYPE?>\n<!DOCTYPE xliff [\n<!ENTITY a \"b\">]>\n" + xliff_root;
  for (const auto& c : std::vector<bad>{
           {"entity_bomb", bomb, "internal subset", 2},
           {"entity_behind_comment", behind_comment, "internal subset", 3},
           {"entity_behind_pi", behind_pi, "internal subset", 3},
           {"not_well_formed", "<xliff version=\"1.2\">\n<file>\n</xliff>", "not well-formed", 3},
           {"not_xliff", "<?xml version=\"1.0\"?>\n<html><body/></html>", "not an XLIFF file", 2},
           {"unknown_version", "<xliff version=\"3.0\" xmlns=\"urn:oasis:names:tc:xliff:document:3.0\"/>",
            "not one Glossa reads", 1},
           {"utf16_without_bom", std::string("<\0x\0l\0", 6), "byte-order mark", 1},
           {"bad_utf8", xlf12("fr", unit("about.summary", "Who", "Qui\xC3\x28")), "not valid UTF-8", 4},
       }) {
    auto r = e.import_xliff(c.bytes, c.name + ".xlf");
    ASSERT_FALSE(r) << c.name;
    EXPECT_NE(r.err().message.find(c.says), std::string::npos) << c.name << ": " << r.err().to_string();
    EXPECT_EQ(r.err().where.file, c.name + ".xlf");
    EXPECT_EQ(r.err().where.line, c.line) << c.name << ": " << r.err().to_string();
  }
  EXPECT_EQ(*e.export_content(), before);
}

// The write runs on its own thread while units are judged: when it cannot
// start (another writer holds the store), the import fails as a whole, with
// the store's error, and changes nothing.
TEST(xliff_import, a_busy_store_fails_the_import_and_changes_nothing) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  store_options quick;
  quick.busy_timeout_ms = 50;
  auto st = open_store("sqlite:" + path, quick);
  ASSERT_TRUE(st);
  engine e(std::move(*st));
  ASSERT_TRUE(e.import_content(fixture, "fixture.json"));
  std::string before = *e.export_content();
  std::string file = xlf12("es", unit("about.title", "About us", "Sobre nosotros") +
                                     unit("about.summary", "Who we are", "Quiénes somos") +
                                     unit("job-1.title", "Analyst", "Analista"));
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto busy = e.import_xliff(file, "es.xlf");
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.err().code, errc::store_busy) << busy.err().to_string();
  EXPECT_EQ(*e.export_content(), before);
  auto r = e.import_xliff(file, "es.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->count(unit_outcome::applied), 3u);
  EXPECT_NE(r->batch, 0);
}

// A file store reads what judging needs a thousand documents ahead, through a
// second connection, while the write runs; an in-memory store reads it all
// first. Same content, same file: the same outcome for every unit and the
// same translations stored, across the look-ahead's chunk boundaries, with
// stale units (source from history), an unknown document and a protected
// translation in the later chunks.
TEST(xliff_import, a_file_store_reading_ahead_judges_every_unit_as_a_memory_store_does) {
  constexpr int documents = 2100;  // look-ahead chunks of 1000, 1000 and 100 documents
  auto key = [](int i) { return "p-" + std::to_string(10000 + i); };
  std::string content = R"({"documents": [)";
  for (int i = 0; i < documents; ++i)
    content += std::string(i ? "," : "") + R"({"type": "page", "key": ")" + key(i) +
               R"(", "source_locale": "en", "fields": {"title": "Title )" + std::to_string(i) +
               R"(", "slug": "s", "body": "<p>Body</p>"}})";
  content += "]}";
  // Later chunks: sources edited after the file was made, and a reviewed translation.
  std::string edits = R"({"documents": [)";
  for (int i = 1500; i < 1510; ++i)
    edits += std::string(i > 1500 ? "," : "") + R"({"type": "page", "key": ")" + key(i) +
             R"(", "fields": {"title": "Title )" + std::to_string(i) + " (edited)\"}}";
  edits += R"(,{"type": "page", "key": ")" + key(2050) +
           R"(", "translations": {"fr": {"title": {"text": "Titre revu", "state": "reviewed"}}}}]})";

  std::string units;
  for (int i = 0; i < documents; ++i) {
    std::string source = "Title " + std::to_string(i);
    std::string rev = i >= 1500 && i < 1510 ? " glossa:rev=\"" + revision_of(source) + "\"" : "";
    units += "<trans-unit id=\"" + key(i) + ".title\"" + rev + "><source>" + source + "</source><target>Titre " +
             std::to_string(i) + "</target></trans-unit>\n";
    if (i == 1200) units += unit("ghost.title", "Ghost", "Fantôme");
  }
  std::string file = xlf12("fr", units, "");
  file.replace(file.find("<xliff "), 7, "<xliff xmlns:glossa=\"urn:glossa:xliff:1\" ");

  test::temp_dir dir;
  auto on_file = open_store("sqlite:" + dir.file("g.db"));
  ASSERT_TRUE(on_file);
  ASSERT_NE((*on_file)->reader(), nullptr);
  engine f(std::move(*on_file));
  engine m = test::memory_engine();
  ASSERT_EQ(m.storage().reader(), nullptr);
  for (engine* e : {&f, &m}) {
    ASSERT_TRUE(e->import_content(content, "content.json"));
    auto edited = e->import_content(edits, "edits.json");
    ASSERT_TRUE(edited) << edited.err().to_string();
  }
  auto rf = f.import_xliff(file, "fr.xlf");
  auto rm = m.import_xliff(file, "fr.xlf");
  ASSERT_TRUE(rf) << rf.err().to_string();
  ASSERT_TRUE(rm) << rm.err().to_string();
  EXPECT_EQ(rf->count(unit_outcome::applied), static_cast<std::size_t>(documents - 11));
  EXPECT_EQ(rf->count(unit_outcome::stale), 10u);
  EXPECT_EQ(rf->count(unit_outcome::protected_), 1u);
  EXPECT_EQ(rf->count(unit_outcome::unknown), 1u);
  EXPECT_EQ(outcome(*rf, key(1505) + ".title").outcome, unit_outcome::stale);
  EXPECT_EQ(outcome(*rf, key(2050) + ".title").outcome, unit_outcome::protected_);
  EXPECT_EQ(outcome(*rf, "ghost.title").code(), "unknown_document");
  EXPECT_NE(rf->batch, 0);
  ASSERT_EQ(rf->units.size(), rm->units.size());
  for (std::size_t i = 0; i < rf->units.size(); ++i) {
    const auto &a = rf->units[i], &b = rm->units[i];
    EXPECT_EQ(std::tie(a.id, a.line, a.outcome, a.reason, a.check, a.message),
              std::tie(b.id, b.line, b.outcome, b.reason, b.check, b.message))
        << a.id;
    EXPECT_EQ(a.warnings.size(), b.warnings.size()) << a.id;
  }
  for (int i = 0; i < documents; ++i) {
    auto a = f.storage().find_document(key(i)), b = m.storage().find_document(key(i));
    ASSERT_TRUE(a && b);
    const translation *ta = a->find("title")->find("fr"), *tb = b->find("title")->find("fr");
    ASSERT_TRUE(ta && tb) << key(i);
    EXPECT_EQ(std::tie(ta->text, ta->state, ta->source_revision), std::tie(tb->text, tb->state, tb->source_revision))
        << key(i);
  }
  EXPECT_EQ(f.storage().find_document(key(1505))->find("title")->find("fr")->source_revision,
            revision_of("Title 1505"));
}

namespace {
// Forwards everything to a real store. Its reader fails from its second
// look-up on: an import whose reading fails while its write runs. With
// `history_fails`, reading a field's history fails.
class forwarding_store : public store {
 public:
  explicit forwarding_store(std::unique_ptr<store> inner, bool is_reader = false)
      : inner_(std::move(inner)), is_reader_(is_reader) {}
  bool history_fails = false;
  const std::string& uri() const noexcept override { return inner_->uri(); }
  result<content_schema> schema() override { return inner_->schema(); }
  result<document> find_document(std::string_view key) override { return inner_->find_document(key); }
  result<std::vector<document_summary>> list_documents(std::string_view type) override {
    return inner_->list_documents(type);
  }
  status for_each_document(std::string_view type, const std::function<bool(document&)>& visit) override {
    return inner_->for_each_document(type, visit);
  }
  status for_each_field_status(std::string_view type, const std::function<bool(const field_status&)>& visit) override {
    return inner_->for_each_field_status(type, visit);
  }
  status for_each_tm_entry(std::string_view locale, const std::function<bool(const tm_entry_row&)>& visit) override {
    return inner_->for_each_tm_entry(locale, visit);
  }
  status for_each_term_entry(std::string_view source, std::string_view target,
                             const std::function<bool(const term_entry_row&)>& visit) override {
    return inner_->for_each_term_entry(source, target, visit);
  }
  status for_each_key(const std::vector<std::string>& keys,
                      const std::function<bool(const std::string&, const document*)>& visit) override {
    if (is_reader_ && ++look_ups_ > 1) return error(errc::store_error, "the disk went away");
    return inner_->for_each_key(keys, visit);
  }
  status transact(bool commit, const std::function<status(store_transaction&)>& work) override {
    return inner_->transact(commit, work);
  }
  std::unique_ptr<store> reader() override {
    auto r = inner_->reader();
    return r ? std::make_unique<forwarding_store>(std::move(r), true) : nullptr;
  }
  result<std::int64_t> version() override { return inner_->version(); }
  result<std::vector<std::string>> uncarried_tables() override { return inner_->uncarried_tables(); }
  status dump(const std::function<void(const table_chunk&)>& out, std::size_t chunk_rows) override {
    return inner_->dump(out, chunk_rows);
  }
  result<std::vector<history_entry>> history(std::string_view key, std::string_view field) override {
    if (history_fails) return error(errc::store_error, "the history is unreadable");
    return inner_->history(key, field);
  }

 private:
  std::unique_ptr<store> inner_;
  bool is_reader_;
  int look_ups_ = 0;
};
}  // namespace

// The second thousand cannot be read while the first is being written: the
// import fails with the store's error, its write is rolled back (no
// translation, no batch), and the store takes the next write.
TEST(xliff_import, a_look_up_failing_while_the_write_runs_fails_the_import_and_changes_nothing) {
  test::temp_dir dir;
  auto inner = open_store("sqlite:" + dir.file("g.db"));
  ASSERT_TRUE(inner);
  engine e(std::make_unique<forwarding_store>(std::move(*inner)));
  std::string content = R"({"documents": [)", units;
  for (int i = 0; i < 1200; ++i) {
    std::string key = "p-" + std::to_string(10000 + i);
    content += std::string(i ? "," : "") + R"({"type": "page", "key": ")" + key +
               R"(", "source_locale": "en", "fields": {"title": "Title", "slug": "s", "body": "<p>B</p>"}})";
    units += unit(key + ".title", "Title", "Titre");
  }
  content += "]}";
  ASSERT_TRUE(e.import_content(content, "content.json"));
  std::string before = *e.export_content();
  auto r = e.import_xliff(xlf12("fr", units), "fr.xlf");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::store_error);
  EXPECT_NE(r.err().message.find("the disk went away"), std::string::npos) << r.err().message;
  EXPECT_EQ(*e.export_content(), before);
  auto h = e.storage().history("p-10000", "title");
  ASSERT_TRUE(h);
  for (const auto& entry : *h) EXPECT_EQ(entry.locale, "") << "a translation entry was kept";
  // The store is usable: a small import (one look-up) goes through.
  auto ok = e.import_xliff(xlf12("fr", unit("p-10000.title", "Title", "Titre")), "one.xlf");
  ASSERT_TRUE(ok) << ok.err().to_string();
  EXPECT_EQ(ok->count(unit_outcome::applied), 1u);
}

// A stale translation is checked against the source it was made from, which
// only history holds: a store that cannot read it is an error, not a
// translation silently left unchecked or a revision taken as unknown.
TEST(xliff_import, a_history_the_store_cannot_read_is_its_error_not_an_unknown_revision) {
  test::temp_dir dir;
  auto inner = open_store("sqlite:" + dir.file("g.db"));
  ASSERT_TRUE(inner);
  auto owned = std::make_unique<forwarding_store>(std::move(*inner));
  forwarding_store* fs = owned.get();
  engine e(std::move(owned));
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "p", "source_locale": "en",
      "fields": {"title": "Old title", "slug": "p", "body": "<p>B</p>"}}]})",
                               "p.json"));
  ASSERT_TRUE(e.set_translation("p", "title", "fr", "Ancien titre", translation_state::translated));
  // A real export made before the source changed: it names the old revision.
  std::string file = export_text(e, "fr", xliff_version::v1_2, export_scope::all);
  auto at = file.find("Ancien titre</target>");
  ASSERT_NE(at, std::string::npos) << file;
  file.replace(at, std::string("Ancien titre").size(), "Titre revu");
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "p", "source_locale": "en",
      "fields": {"title": "New title", "slug": "p", "body": "<p>B</p>"}}]})",
                               "p2.json"));
  ASSERT_TRUE(e.qa("fr"));  // readable history: the stale translation is checked
  fs->history_fails = true;
  auto qa = e.qa("fr");
  ASSERT_FALSE(qa);
  EXPECT_EQ(qa.err().code, errc::store_error);
  std::string before = *e.export_content();
  auto r = e.import_xliff(file, "fr.xlf");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::store_error);
  EXPECT_EQ(*e.export_content(), before);
  fs->history_fails = false;
  auto ok = e.import_xliff(file, "fr.xlf");
  ASSERT_TRUE(ok) << ok.err().to_string();
}

TEST(xliff_import, whitespace_between_codes_survives_and_indentation_does_not_matter) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "p", "source_locale": "en",
      "fields": {"title": "T", "slug": "p", "body": "<p><b>A</b> <i>B</i></p>"}}]})",
                               "p.json"));
  std::string file =
      "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
      "  <file original=\"x\" source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\">\n"
      "    <body>\n      <trans-unit id=\"p.body\">\n"
      "        <source><g id=\"1\"><g id=\"2\">A</g> <g id=\"3\">B</g></g></source>\n"
      "        <target><g id=\"1\"><g id=\"3\">B</g>\t<!-- note --> <g id=\"2\">A</g></g></target>\n"
      "      </trans-unit>\n    </body>\n  </file>\n</xliff>\n";
  auto r = e.import_xliff(file, "ws.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(outcome(*r, "p.body").outcome, unit_outcome::applied) << to_json(*r);
  EXPECT_EQ(translation_of(e, "p", "body", "fr"), "<p><i>B</i>\t <b>A</b></p>");
  // A CR LF pair inside a target reads as one line feed, as XML requires.
  auto crlf = e.import_xliff(xlf12("es", unit("p.title", "T", "<![CDATA[x]]>\r\n")), "crlf.xlf");
  ASSERT_TRUE(crlf);
}

TEST(xliff_import, deep_nesting_is_refused_not_a_stack_overflow) {
  engine e = fixture_engine();
  std::string before = *e.export_content();
  const int n = 200000;
  std::string groups;
  for (int i = 0; i < n; ++i) groups += "<group>";
  for (int i = 0; i < n; ++i) groups += "</group>";
  auto deep = e.import_xliff(xlf12("fr", groups), "deep.xlf");
  ASSERT_FALSE(deep);
  EXPECT_NE(deep.err().message.find("nested deeper"), std::string::npos);
  std::string codes = "<trans-unit id=\"about.summary\"><source>Who we are</source><target>";
  for (int i = 0; i < n; ++i) codes += "<g id=\"1\">";
  codes += "x";
  for (int i = 0; i < n; ++i) codes += "</g>";
  codes += "</target></trans-unit>";
  auto inline_deep = e.import_xliff(xlf12("fr", codes), "deep-inline.xlf");
  ASSERT_FALSE(inline_deep);  // the reader marks the unit unreadable; the validator refuses the file whole
  EXPECT_EQ(inline_deep.err().code, errc::invalid_xliff);
  auto read = xliff::read_xliff(std::string_view(xlf12("fr", codes)), "deep-inline.xlf");
  ASSERT_TRUE(read) << read.err().to_string();
  ASSERT_TRUE(read->units.at(0).problem);
  EXPECT_NE(read->units.at(0).problem->find("nested deeper"), std::string::npos);
  EXPECT_EQ(*e.export_content(), before);
  auto v = validate_xliff(xlf12("fr", groups), "deep.xlf");
  ASSERT_FALSE(v.valid());
  EXPECT_EQ(v.problems.front().rule, "nesting_depth");
}

// Checks made on the raw text before the in-place parse: a DOCTYPE naming
// another root, also after a processing instruction holding '<' and a comment;
// characters XML forbids, raw or as references.
TEST(xliff_validate, raw_text_checks_see_the_file_as_written) {
  std::string body =
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
      "<file original=\"x\" source-language=\"en\" datatype=\"plaintext\"><body/></file></xliff>";
  auto rules = [](const xliff_validation_report& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.rule + "@" + std::to_string(p.line) + " ";
    return out;
  };
  auto plain = validate_xliff("<?xml version=\"1.0\"?>\n" + body, "ok.xlf");
  EXPECT_TRUE(plain.valid()) << rules(plain);
  auto other_root =
      validate_xliff("<?xml version=\"1.0\"?>\n<?tool a<b?>\n<!-- <x> -->\n<!DOCTYPE html>\n" + body, "doctype.xlf");
  EXPECT_EQ(rules(other_root), "doctype_root@4 ");
  auto own_root = validate_xliff("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff>\n" + body, "doctype-ok.xlf");
  EXPECT_TRUE(own_root.valid()) << rules(own_root);
  std::string with_reference = body;
  with_reference.replace(with_reference.find("<body/>"), 7,
                         "<body><trans-unit id=\"a\"><source>x&#1;y</source></trans-unit></body>");
  auto reference = validate_xliff("<?xml version=\"1.0\"?>\n\n" + with_reference, "ref.xlf");
  EXPECT_EQ(rules(reference), "xml_well_formed@3 ");
}

TEST(xliff_export, a_stale_target_missing_a_code_goes_out_without_target) {
  engine e = fixture_engine();
  ASSERT_TRUE(e.set_translation("about", "body", "ar", "<p>نحن <b>نحمي</b> الأرض.</p>", translation_state::reviewed));
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "about",
      "fields": {"body": "<p>We <b>protect</b> land.</p><p>And water.</p>"}}]})",
                               "edit.json"));
  for (auto v : {xliff_version::v1_2, xliff_version::v2_0}) {
    std::string x = export_text(e, "ar", v);
    EXPECT_NE(x.find("about.body"), std::string::npos);
    EXPECT_EQ(x.find("نحمي"), std::string::npos) << "the stale target lacks the new paragraph's codes";
    auto report = validate_xliff(x, "ar.xlf");
    EXPECT_TRUE(report.valid()) << to_json(report);
  }
}

TEST(xliff_import, reads_utf16_and_declared_legacy_encodings) {
  engine e = fixture_engine();
  // A byte-order mark and a declaration must agree (XML 4.3.3).
  std::string utf8 = xlf12("fr", unit("about.summary", "Who we are", "Qui êtes-vous"));
  utf8.replace(utf8.find("UTF-8"), 5, "UTF-16");
  std::string utf16 = "\xFF\xFE";
  for (unsigned char c : utf8) {  // ASCII + 'ê' (C3 AA) -> UTF-16LE by hand
    (void)c;
  }
  // Build UTF-16LE properly: decode the UTF-8 code points of this ASCII+Latin-1 text.
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    unsigned cp = static_cast<unsigned char>(utf8[i]);
    if (cp >= 0xC0) {
      cp = ((cp & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
      ++i;
    }
    utf16 += static_cast<char>(cp & 0xFF);
    utf16 += static_cast<char>(cp >> 8);
  }
  auto r = e.import_xliff(utf16, "utf16.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(outcome(*r, "about.summary").outcome, unit_outcome::applied);
  EXPECT_EQ(translation_of(e, "about", "summary", "fr"), "Qui êtes-vous");

  std::string latin =
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<xliff version=\"1.2\" "
      "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
      "<file original=\"x\" source-language=\"en\" target-language=\"es\" datatype=\"plaintext\"><body>"
      "<trans-unit id=\"about.summary\"><source>Who we are</source><target>Qui\xE9nes somos \x80</target></trans-unit>"
      "</body></file></xliff>";
  auto l = e.import_xliff(latin, "cp1252.xlf");
  ASSERT_TRUE(l) << l.err().to_string();
  EXPECT_EQ(translation_of(e, "about", "summary", "es"), "Quiénes somos €");
}

TEST(xliff_import, json_report_contract) {
  engine e = fixture_engine();
  auto r = e.import_xliff(xlf12("fr", unit("about.summary", "Who we are", "Qui") + unit("ghost.x", "a", "b")), "j.xlf");
  auto v = boost::json::parse(to_json(*r));
  EXPECT_EQ(v.at("file"), "j.xlf");
  EXPECT_EQ(v.at("version"), "1.2");
  EXPECT_EQ(v.at("locale"), "fr");
  EXPECT_EQ(v.at("counts").at("applied"), 1);
  EXPECT_EQ(v.at("counts").at("unknown"), 1);
  EXPECT_GT(v.at("batch").as_int64(), 0);
  const auto& u = v.at("units").as_array();
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(u[1].at("id"), "ghost.x");
  EXPECT_EQ(u[1].at("outcome"), "unknown");
  EXPECT_EQ(u[1].at("code"), "unknown_document");
  EXPECT_EQ(u[1].at("line"), 5);
}

TEST(xliff_round_trip, every_version_exports_and_imports_its_own_output) {
  for (auto v : {xliff_version::v1_2, xliff_version::v2_0, xliff_version::v2_1, xliff_version::v2_2}) {
    engine e = fixture_engine();
    // Translate into French by exporting everything with its current targets...
    ASSERT_TRUE(e.set_translation("about", "body", "fr", "<p>Nous <b>protégeons</b> la terre.</p>",
                                  translation_state::translated));
    ASSERT_TRUE(e.set_translation("job-1", "positions_text", "fr",
                                  "{count, plural, one {# poste} many {# de postes} other {# postes}}",
                                  translation_state::translated));
    std::string x = export_text(e, "fr", v, export_scope::all);
    // ... and importing it back: everything is unchanged.
    auto r = e.import_xliff(x, "rt.xlf");
    ASSERT_TRUE(r) << to_string(v) << ": " << r.err().to_string();
    EXPECT_EQ(r->version, to_string(v));
    // Fields nobody translated go out without a target and come back untranslated
    // (among them the labels, which nobody translated into French here).
    std::size_t labels = 0;
    for (const auto& u : r->units) labels += u.id.rfind("labels.", 0) == 0;
    EXPECT_GT(labels, 40u);
    EXPECT_EQ(r->count(unit_outcome::untranslated), 3u + labels) << to_string(v) << "\n" << to_json(*r);
    EXPECT_EQ(r->count(unit_outcome::refused), 0u) << to_string(v) << "\n" << to_json(*r);
    EXPECT_TRUE(r->all_taken());
    EXPECT_EQ(r->count(unit_outcome::applied), 0u) << to_string(v) << "\n" << to_json(*r);
    EXPECT_GE(r->count(unit_outcome::unchanged), 5u);
  }
}

TEST(xliff_import, quality_errors_refuse_the_unit_and_warnings_go_with_applied_units) {
  engine e = fixture_engine();
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "about",
    "fields": {"summary": "Write to jobs@example.org."}}]})",
                               "more.json"));
  std::string file = xlf12("es", unit("about.summary", "Write to jobs@example.org.", "Escriba a empleos@example.org.") +
                                     unit("about.title", "About us", "About us"));
  auto r = e.import_xliff(file, "q.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(outcome(*r, "about.summary").outcome, unit_outcome::refused);
  EXPECT_EQ(outcome(*r, "about.summary").code(), "qa:urls");
  EXPECT_EQ(translation_of(e, "about", "summary", "es"), "<none>");
  const auto& title = outcome(*r, "about.title");
  EXPECT_EQ(title.outcome, unit_outcome::applied);
  ASSERT_EQ(title.warnings.size(), 1u);
  EXPECT_EQ(title.warnings[0].check, "identical");
  auto json = boost::json::parse(to_json(*r));
  EXPECT_EQ(json.at("units").at(1).at("warnings").at(0).at("check").as_string(), "identical");
  EXPECT_EQ(json.at("units").at(0).at("warnings").as_array().size(), 0u);
}

// The report handed to `judged` (rendered while the write commits) is the one
// returned, batch included, in every mode.
TEST(xliff_import, the_judged_report_is_the_returned_report) {
  engine e = fixture_engine();
  auto judged_and_returned = [&](const std::string& file, xliff_import_options o) {
    int calls = 0;
    std::string seen;
    std::int64_t seen_batch = -1;
    o.judged = [&](const xliff_import_report& r) {
      ++calls;
      seen = to_json(r);
      seen_batch = r.batch;
    };
    auto r = e.import_xliff(file, "j.xlf", o);
    if (!r) throw std::runtime_error(r.err().to_string());
    EXPECT_EQ(calls, 1);
    return std::make_tuple(seen, seen_batch, to_json(*r), r->batch);
  };
  std::string mixed = xlf12("fr", unit("about.summary", "Who we are", "Qui sommes-nous") + unit("ghost.x", "a", "b") +
                                      unit("job-1.title", "Analyst", "Analyste\xE2\x80\xAE"));
  xliff_import_options plain, dry, strict;
  dry.dry_run = true;
  strict.strict = true;
  for (const auto& o : {dry, strict, plain}) {  // plain last: it writes
    auto [seen, seen_batch, returned, batch] = judged_and_returned(mixed, o);
    EXPECT_EQ(seen, returned);
    EXPECT_EQ(seen_batch, batch);
    if (!o.dry_run && !o.strict)
      EXPECT_GT(batch, 0);
    else
      EXPECT_EQ(batch, 0);
  }
  xliff_import_options strict_ok;
  strict_ok.strict = true;
  auto [seen, seen_batch, returned, batch] =
      judged_and_returned(xlf12("fr", unit("about.title", "About us", "À propos de nous", "final")), strict_ok);
  EXPECT_GT(batch, 0);
  EXPECT_EQ(seen_batch, batch);
  EXPECT_EQ(seen, returned);
  // Nothing to write: no batch seen, none returned.
  auto [seen2, seen_batch2, returned2, batch2] =
      judged_and_returned(xlf12("fr", unit("about.title", "About us", "À propos de nous", "final")), plain);
  EXPECT_EQ(batch2, 0);
  EXPECT_EQ(seen_batch2, 0);
  EXPECT_EQ(seen2, returned2);

  // A caller whose rendering fails gets its exception once the write has
  // ended; the write, which ran beside it, does not depend on it. Strict too.
  xliff_import_options failing;
  failing.judged = [](const xliff_import_report&) { throw std::runtime_error("cannot render"); };
  EXPECT_THROW(
      e.import_xliff(xlf12("fr", unit("about.summary", "Who we are", "Qui sommes-nous donc")), "f.xlf", failing),
      std::runtime_error);
  EXPECT_EQ(translation_of(e, "about", "summary", "fr"), "Qui sommes-nous donc");
  failing.strict = true;
  EXPECT_THROW(
      e.import_xliff(xlf12("fr", unit("about.summary", "Who we are", "Qui sommes-nous, enfin")), "f.xlf", failing),
      std::runtime_error);
  EXPECT_EQ(translation_of(e, "about", "summary", "fr"), "Qui sommes-nous, enfin");
}
