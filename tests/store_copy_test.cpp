// `store copy`: everything a store holds moves to the other backend and
// back, row for row (ids included), checked; a store holding a table the
// copy does not carry, or a target that is not empty, is refused.
#include <gtest/gtest.h>

#include <glossa/engine.hpp>
#include <glossa/store.hpp>
#include <sstream>

#include "postgres_support.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace glossa;
using namespace glossa::test;

namespace {

engine open_engine(const std::string& uri) {
  auto s = open_store(uri);
  if (!s) throw std::runtime_error(s.err().to_string());
  return engine(std::move(*s));
}

// Every row of every carried table, in order, as text.
std::vector<table_chunk> rows_of(store& st) {
  std::vector<table_chunk> out;
  auto read = st.dump([&](const table_chunk& c) {
    if (out.empty() || out.back().table != c.table) out.push_back({c.table, c.columns, {}});
    out.back().rows.insert(out.back().rows.end(), c.rows.begin(), c.rows.end());
  });
  if (!read) throw std::runtime_error(read.err().to_string());
  return out;
}

void expect_same_rows(store& a, store& b) {
  auto ra = rows_of(a), rb = rows_of(b);
  ASSERT_EQ(ra.size(), rb.size());
  for (std::size_t t = 0; t < ra.size(); ++t) {
    EXPECT_EQ(ra[t].table, rb[t].table);
    EXPECT_EQ(ra[t].columns, rb[t].columns) << ra[t].table;
    ASSERT_EQ(ra[t].rows.size(), rb[t].rows.size()) << ra[t].table;
    EXPECT_TRUE(ra[t].rows == rb[t].rows) << ra[t].table << " rows differ";
  }
}

// The example content, a translation edited twice, an XLIFF batch undone:
// every table has rows.
void fill_example(engine& e) {
  ASSERT_TRUE(e.import_content_files(example_files()));
  for (const char* text : {"Organisation A", "Organisation B"})
    ASSERT_TRUE(e.set_translation("organization", "name", "fr", text, translation_state::reviewed));
  xliff_export_options o;
  o.locale = "fr";
  o.scope = export_scope::all;
  std::ostringstream out;
  ASSERT_TRUE(e.export_xliff(o, out));
  std::string xlf = out.str();
  auto at = xlf.find(">Organisation B<");
  ASSERT_NE(at, std::string::npos);
  xlf.replace(at + 1, 14, "Organisation D");
  auto imported = e.import_xliff(xlf, "fr.xlf");
  ASSERT_TRUE(imported) << imported.err().to_string();
  ASSERT_GT(imported->batch, 0);
  ASSERT_TRUE(e.undo_batch(imported->batch));
  auto tm = e.import_tm(R"(<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence" datatype="plaintext" adminlang="en"
 creationtool="test" creationtoolversion="1" o-tmf="test"/><body>
<tu><tuv xml:lang="en"><seg>Apply <bpt i="1">&lt;b&gt;</bpt>online<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
<tuv xml:lang="fr"><seg>Postulez <bpt i="1">&lt;b&gt;</bpt>en ligne<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
</body></tmx>)",
                        "agency.tmx");
  ASSERT_TRUE(tm) << tm.err().to_string();
  ASSERT_EQ(tm->added, 1u);
  term_entry t;
  t.source_locale = "en";
  t.target_locale = "fr";
  t.source = {{"duty station", term_status::preferred, false, "noun", {}}};
  t.target = {{"lieu d’affectation", term_status::preferred, false, {}, {}},
              {"poste", term_status::forbidden, true, {}, "trop vague"}};
  ASSERT_TRUE(e.add_terms({t}));
}

}  // namespace

TEST(store_copy, the_example_store_goes_to_postgresql_and_back_row_for_row) {
  temp_dir dir;
  postgres_database db;
  engine sqlite = open_engine("sqlite:" + dir.file("a.db"));
  fill_example(sqlite);
  engine pg = open_engine(db.uri);
  auto there = sqlite.copy_store_to(pg);
  ASSERT_TRUE(there) << there.err().to_string();
  for (const auto& [table, n] : there->rows) {
    EXPECT_GT(n, 0u) << table;
  }
  expect_same_rows(sqlite.storage(), pg.storage());
  engine back = open_engine("sqlite:" + dir.file("b.db"));
  auto home = pg.copy_store_to(back);
  ASSERT_TRUE(home) << home.err().to_string();
  expect_same_rows(sqlite.storage(), back.storage());
  // Both copies go on: ids continue after the copied ones.
  for (engine* e : {&pg, &back}) {
    ASSERT_TRUE(e->set_translation("organization", "name", "es", "Organización C", translation_state::translated));
    EXPECT_EQ(e->storage().history("organization", "name")->back().new_text, "Organización C");
    term_entry t;
    t.target_locale = "es";
    t.source_locale = "en";
    t.source = {{"duty station", term_status::preferred, false, {}, {}}};
    t.target = {{"lugar de destino", term_status::preferred, false, {}, {}}};
    auto added = e->add_terms({t});
    ASSERT_TRUE(added) << added.err().to_string();
    EXPECT_EQ(e->terms("en", "es")->size(), 1u);
    EXPECT_EQ(e->terms("en", "fr")->at(0).target.at(1).note, "trop vague");
  }
}

// Rows arrive in chunks: a batch names the later batch that undid it, which
// may come in the next chunk. One row per chunk, into each backend.
TEST(store_copy, rows_may_name_rows_of_a_later_chunk) {
  temp_dir dir;
  postgres_database db;
  engine source = open_engine("sqlite:" + dir.file("a.db"));
  fill_example(source);
  for (std::string uri : {db.uri, "sqlite:" + dir.file("b.db")}) {
    engine target = open_engine(uri);
    auto r = target.storage().transact(true, [&](store_transaction& tx) -> status {
      return source.storage().dump([&](const table_chunk& chunk) { tx.restore(chunk); }, 1);
    });
    ASSERT_TRUE(r) << uri << ": " << r.err().to_string();
    expect_same_rows(source.storage(), target.storage());
  }
}

// Column names come from the other store and go into SQL: only plain names.
TEST(store_copy, a_column_name_that_is_not_plain_is_refused) {
  temp_dir dir;
  postgres_database db;
  for (std::string uri : {db.uri, "sqlite:" + dir.file("b.db")}) {
    engine target = open_engine(uri);
    auto r = target.storage().transact(true, [&](store_transaction& tx) -> status {
      tx.restore({"meta", {"key", "value\") VALUES ('x','y'); DROP TABLE history; --"}, {{"k", "v"}}});
      return {};
    });
    ASSERT_FALSE(r) << uri;
    EXPECT_EQ(r.err().code, errc::invalid_argument) << uri;
    EXPECT_TRUE(target.storage().uncarried_tables());
  }
  EXPECT_EQ(postgres_query(db.uri, "SELECT count(*) FROM history"), "0");
}

TEST(store_copy, refuses_a_target_that_is_not_empty) {
  temp_dir dir;
  postgres_database db;
  engine sqlite = open_engine("sqlite:" + dir.file("a.db"));
  ASSERT_TRUE(sqlite.import_content_files(example_files()));
  engine pg = open_engine(db.uri);
  ASSERT_TRUE(write(pg.storage(), {page("already", "Here")}));
  auto r = sqlite.copy_store_to(pg);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::invalid_argument);
  EXPECT_EQ(pg.storage().list_documents()->size(), 1u);
}

// The copy works from the store's own list of tables: a table it would not
// carry makes it refuse, on either backend.
TEST(store_copy, a_table_the_copy_does_not_carry_is_refused) {
  temp_dir dir;
  postgres_database db;
  for (std::string uri : {"sqlite:" + dir.file("a.db"), db.uri}) {
    engine e = open_engine(uri);
    auto none = e.storage().uncarried_tables();
    ASSERT_TRUE(none) << none.err().to_string();
    EXPECT_TRUE(none->empty()) << uri << ": " << (none->empty() ? "" : none->front());
  }
  postgres_query(db.uri, "CREATE TABLE termbase(id bigint PRIMARY KEY, term text)");
  engine pg = open_engine(db.uri);
  engine target = open_engine("sqlite:" + dir.file("b.db"));
  auto r = pg.copy_store_to(target);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::invalid_argument);
  EXPECT_NE(r.err().message.find("termbase"), std::string::npos) << r.err().message;
}

// A generated store of 100,000 fields, both directions.
TEST(store_copy, a_store_of_100000_fields_goes_both_ways) {
  temp_dir dir;
  postgres_database db;
  engine sqlite = open_engine("sqlite:" + dir.file("big.db"));
  std::size_t n = 0;
  constexpr std::size_t documents = 33'334;  // three fields each
  auto w = write_each(sqlite.storage(), [&](document_input& next) {
    if (n == documents) return false;
    next = page("page-" + std::to_string(n), "Title " + std::to_string(n),
                "<p>Body of page " + std::to_string(n) + "</p>");
    if (n % 3 == 0) {
      translation_input t;
      t.field = "title";
      t.locale = "ar";
      t.text = "عنوان " + std::to_string(n);
      next.translations.push_back(t);
    }
    ++n;
    return true;
  });
  ASSERT_TRUE(w) << w.err().to_string();
  engine pg = open_engine(db.uri);
  auto there = sqlite.copy_store_to(pg);
  ASSERT_TRUE(there) << there.err().to_string();
  EXPECT_EQ(there->rows[2].second, documents * 3);  // fields
  engine back = open_engine("sqlite:" + dir.file("back.db"));
  ASSERT_TRUE(pg.copy_store_to(back));
  expect_same_rows(sqlite.storage(), back.storage());
}
