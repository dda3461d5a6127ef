// The stages of an XLIFF import on their own: grouping a file's units by
// field (engine/xliff_judge.hpp) and the writer thread (engine/import_writer.hpp).
// The import as a whole is tested in xliff_test.cpp and xliff_fidelity_test.cpp.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/import_writer.hpp"
#include "engine/xliff_judge.hpp"
#include "formats/xliff/reader.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {
engine example_engine() {
  engine e = test::memory_engine();
  auto r = e.import_content_files(test::example_files());
  if (!r) throw std::runtime_error(r.err().to_string());
  return e;
}

std::string export_fr(engine& e) {
  xliff_export_options o;
  o.locale = "fr";
  o.scope = export_scope::all;
  std::ostringstream out;
  if (auto r = e.export_xliff(o, out); !r) throw std::runtime_error(r.err().to_string());
  return out.str();
}

// A real export with one unit's id broken and a second <file> in Spanish.
std::string mutated_export(engine& e, std::string& broken_id) {
  std::string x = export_fr(e);
  auto at = x.find("<trans-unit id=\"") + 16;
  auto end = x.find('"', at);
  broken_id = x.substr(at, end - at);
  x.replace(at, end - at, "no-dot-here");
  auto file_end = x.rfind("</file>") + 7;
  x.insert(file_end,
           "\n<file original=\"more\" source-language=\"en\" target-language=\"es\" datatype=\"plaintext\"><body>"
           "<trans-unit id=\"organization.name\"><source>x</source><target>y</target></trans-unit></body></file>");
  return x;
}
}  // namespace

TEST(import_stages, units_are_grouped_by_field_and_lone_faults_settled_first) {
  engine e = example_engine();
  std::string broken;
  auto doc = xliff::read_xliff(mutated_export(e, broken), "fr.xlf", false);
  ASSERT_TRUE(doc) << doc.err().to_string();
  xliff_import_report report;
  report.units.resize(doc->units.size());
  auto g = detail::group_units(*doc, report);
  std::size_t pending = 0;
  for (std::size_t i = 0; i < doc->units.size(); ++i) {
    const auto& u = report.units[i];
    EXPECT_EQ(u.id, doc->units[i].id);
    if (u.id == "no-dot-here") {
      EXPECT_EQ(u.outcome, unit_outcome::unknown);
      EXPECT_EQ(u.reason, unit_reason::unknown_unit);
    } else if (doc->languages.at(doc->units[i].language) == "es") {
      EXPECT_EQ(u.reason, unit_reason::wrong_language) << u.id;
    } else {
      EXPECT_EQ(u.outcome, unit_outcome::refused) << u.id;  // pending until judged
      EXPECT_EQ(u.reason, unit_reason::none) << u.id;
      ++pending;
    }
  }
  // Every pending unit is in exactly one group, the group of its KEY.FIELD;
  // the variants of a plural message share one group.
  std::size_t grouped = 0;
  bool saw_variants = false;
  for (const auto& group : g.groups) {
    for (auto i : group.units) {
      std::string id = doc->units[i].id;
      EXPECT_EQ(id.substr(0, id.find(':')), group.key + "." + group.field);
    }
    saw_variants = saw_variants || group.units.size() > 1;
    grouped += group.units.size();
  }
  EXPECT_EQ(grouped, pending);
  EXPECT_TRUE(saw_variants) << "the example content has plural messages";
  // Documents in the order the file first names them, each with its groups.
  ASSERT_FALSE(g.keys.empty());
  EXPECT_EQ(g.keys.front(), g.groups.front().key);
  std::size_t listed = 0;
  for (const auto& key : g.keys) {
    for (auto gi : g.groups_of.at(key)) EXPECT_EQ(g.groups[gi].key, key);
    listed += g.groups_of.at(key).size();
  }
  EXPECT_EQ(listed, g.groups.size());
}

namespace {
document_input french_title(const std::string& key, const std::string& text) {
  document_input in;
  in.key = key;
  in.type = "page";
  translation_input t;
  t.field = "title";
  t.locale = "fr";
  t.text = text;
  t.state = translation_state::translated;
  in.translations.push_back(t);
  return in;
}

write_options batch_options(bool dry_run = false) {
  write_options w;
  w.batch_kind = "xliff-import";
  w.dry_run = dry_run;
  return w;
}
}  // namespace

TEST(import_stages, the_writer_commits_what_it_was_handed_once_finished) {
  engine e = example_engine();
  std::int64_t batch = 0;
  std::optional<result<write_report>> written;
  {
    detail::import_writer w(e.storage(), batch_options());
    ASSERT_TRUE(w.put(french_title("page-our-values", "Nos valeurs (revu)")));
    ASSERT_TRUE(w.put(french_title("page-how-we-work", "Comment nous travaillons (revu)")));
    batch = w.batch();  // known as the write begins, before it commits
    EXPECT_GT(batch, 0);
    w.finish();
    written = w.wait();
  }
  ASSERT_TRUE(written && *written) << (written ? written->err().to_string() : "nothing written");
  EXPECT_EQ((*written)->translations_changed, 2u);
  EXPECT_EQ((*written)->batch, batch);
  EXPECT_EQ(e.storage().find_document("page-our-values")->find("title")->find("fr")->text, "Nos valeurs (revu)");
}

TEST(import_stages, an_abandoned_dry_or_failed_write_keeps_nothing) {
  engine e = example_engine();
  std::string before = *e.export_content();
  {  // abandoned after a document was handed over: rolled back
    detail::import_writer w(e.storage(), batch_options());
    ASSERT_TRUE(w.put(french_title("page-our-values", "Abandonné")));
    EXPECT_GT(w.batch(), 0);
    w.abandon();
  }
  EXPECT_EQ(*e.export_content(), before);
  {  // a dry run reports, keeps no batch and writes nothing
    detail::import_writer w(e.storage(), batch_options(/*dry_run=*/true));
    ASSERT_TRUE(w.put(french_title("page-our-values", "Essai")));
    EXPECT_EQ(w.batch(), 0);
    w.finish();
    auto r = w.wait();
    ASSERT_TRUE(r && *r);
    EXPECT_EQ((*r)->translations_changed, 1u);
  }
  EXPECT_EQ(*e.export_content(), before);
  {  // a document the store refuses fails the write, and all of it
    detail::import_writer w(e.storage(), batch_options());
    w.put(french_title("page-our-values", "Gardé ?"));
    w.put(french_title("no-such-page", "Fantôme"));
    w.finish();
    auto r = w.wait();
    ASSERT_TRUE(r);
    ASSERT_FALSE(*r);
    EXPECT_NE(r->err().message.find("no-such-page"), std::string::npos) << r->err().message;
  }
  EXPECT_EQ(*e.export_content(), before);
  {  // nothing handed over: no write at all
    detail::import_writer w(e.storage(), batch_options());
    w.finish();
    EXPECT_EQ(w.batch(), 0);
    EXPECT_FALSE(w.wait());
  }
}
