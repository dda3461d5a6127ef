// The store conformance suite: persistence only (what is written is read
// back, transactions are all or nothing, snapshots and readers), written
// once against the store interface and run on every backend
// (store_fixture.hpp). The rules of a write are in write_test.cpp.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <glossa/store.hpp>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "store/sqlite/sqlite_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace glossa;
using namespace glossa::test;

class store_conformance : public on_each_backend {};

TEST_P(store_conformance, creates_and_reads_a_document) {
  auto r = write(st(), {page("about", "About us")});
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->created, 1u);
  EXPECT_EQ(r->fields_changed, 3u);
  auto d = st().find_document("about");
  ASSERT_TRUE(d) << d.err().to_string();
  EXPECT_EQ(d->type, "page");
  EXPECT_EQ(d->source_locale, "en");
  ASSERT_EQ(d->fields.size(), 3u);
  EXPECT_EQ(d->fields[0].name, "title");  // schema order: title, slug, ..., body
  EXPECT_EQ(d->fields[1].name, "slug");
  EXPECT_EQ(d->fields[2].name, "body");
  EXPECT_EQ(d->fields[0].revision, revision_of("About us"));
  EXPECT_FALSE(d->created_at.empty());
  auto missing = st().find_document("nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.err().code, errc::not_found);
}

TEST_P(store_conformance, lists_and_visits_documents_by_type_in_key_order) {
  ASSERT_TRUE(write(st(), {page("b-page", "B"), page("a-page", "A")}));
  auto all = st().list_documents();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].key, "a-page");
  EXPECT_TRUE(st().list_documents("job")->empty());
  std::vector<std::string> seen;
  ASSERT_TRUE(st().for_each_document("page", [&](const document& d) {
    seen.push_back(d.key);
    return false;  // stop after the first
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"a-page"}));
}

// A whole-store walk reads documents in bulk; what it visits must be what
// find_document reads one by one: fields in schema order, translations by
// locale, documents of other types and without translations included.
TEST_P(store_conformance, visiting_documents_reads_what_find_document_reads) {
  document_input job;
  job.type = "job";
  job.key = "job-1";
  job.source_locale = "en";
  job.fields = {{"title", "Clerk", {}},
                {"reference", "VA/1", {}},
                {"duty_station", "Geneva", {}},
                {"closing", "2026-12-15T17:00:00[Asia/Amman]", {}},
                {"summary", "<p>Files.</p>", {}}};
  // Written body before title, locales out of order: the walk must sort as find_document does.
  auto created =
      write(st(), {page("c-page", "C", "<p>See <b>this</b></p>"), job, page("a-page", "A"), page("b-page", "B")});
  ASSERT_TRUE(created) << created.err().to_string();
  ASSERT_TRUE(write(
      st(), {translate("c-page", "body", "fr", "<p>Voir <b>ceci</b></p>"), translate("c-page", "title", "es", "C es"),
             translate("c-page", "title", "ar", "ج"), translate("c-page", "title", "fr", "C fr")}));
  document_input job_fr;
  job_fr.type = "job";
  job_fr.key = "job-1";
  job_fr.translations.push_back({"duty_station", "fr", "Genève", translation_state::reviewed, {}, {}, {}});
  ASSERT_TRUE(write(st(), {job_fr}));
  auto dump = [](const document& d) {
    std::string out = d.key + "|" + d.type + "|" + d.source_locale + "|" + d.created_at + "|" + d.updated_at + "\n";
    for (const auto& f : d.fields) {
      out += "  " + f.name + "=" + f.value + "@" + f.revision + "\n";
      for (const auto& t : f.translations)
        out += "    " + t.locale + ":" + t.text + ":" + std::string(to_string(t.state)) + ":" + t.source_revision +
               ":" + t.author + ":" + t.origin + ":" + t.updated_at + "\n";
    }
    return out;
  };
  for (std::string type : {"", "page", "job"}) {
    std::vector<std::string> keys;
    ASSERT_TRUE(st().for_each_document(type, [&](const document& d) {
      keys.push_back(d.key);
      auto one = st().find_document(d.key);
      EXPECT_TRUE(one) << d.key;
      if (one) {
        EXPECT_EQ(dump(d), dump(*one));
      }
      return true;
    }));
    auto expected = type == "job"    ? std::vector<std::string>{"job-1"}
                    : type == "page" ? std::vector<std::string>{"a-page", "b-page", "c-page"}
                                     : std::vector<std::string>{"a-page", "b-page", "c-page", "job-1"};
    EXPECT_EQ(keys, expected) << "type '" << type << "'";
  }
  // A walk into one locale: the same documents and fields, only that locale's translations.
  for (std::string locale : {"fr", "es", "de"}) {
    std::vector<std::string> keys;
    ASSERT_TRUE(st().for_each_document_in("", locale, [&](const document& d) {
      keys.push_back(d.key);
      auto one = st().find_document(d.key);
      EXPECT_TRUE(one) << d.key;
      if (one) {
        for (auto& f : one->fields)
          std::erase_if(f.translations, [&](const translation& t) { return t.locale != locale; });
        EXPECT_EQ(dump(d), dump(*one)) << locale;
      }
      return true;
    }));
    EXPECT_EQ(keys, (std::vector<std::string>{"a-page", "b-page", "c-page", "job-1"})) << locale;
  }
  auto c = st().find_document("c-page");
  ASSERT_TRUE(c);
  ASSERT_EQ(c->fields.size(), 3u);
  EXPECT_EQ(c->fields[0].name, "title");  // schema order: title, slug, body
  EXPECT_EQ(c->fields[2].name, "body");
  ASSERT_EQ(c->fields[0].translations.size(), 3u);
  EXPECT_EQ(c->fields[0].translations[0].locale, "ar");
  EXPECT_EQ(c->fields[0].translations[2].locale, "fr");
}

// A backend may count field_tallies where its rows are (PostgreSQL does):
// it must count what the default, walking for_each_field_status, counts.
TEST_P(store_conformance, tallies_count_what_a_walk_of_the_fields_counts) {
  auto edited = page("b-page", "B", "");  // an empty body
  ASSERT_TRUE(write(st(), {page("c-page", "C", "<p>See <b>this</b></p>"), page("a-page", "A"), edited}));
  ASSERT_TRUE(write(st(), {translate("c-page", "body", "fr", "<p>Voir <b>ceci</b></p>", translation_state::reviewed),
                           translate("c-page", "title", "fr", "C fr"), translate("a-page", "title", "fr", "A fr"),
                           translate("a-page", "body", "ar", "<p>نص</p>", translation_state::final_)}));
  ASSERT_TRUE(write(st(), {page("a-page", "A, edited")}));  // a-page's fr title goes stale
  auto sorted = [](std::vector<field_tally> v) {
    std::sort(v.begin(), v.end(), [](const field_tally& a, const field_tally& b) {
      return std::tie(a.type, a.field, a.source_locale, a.empty_source, a.locale, a.state, a.current) <
             std::tie(b.type, b.field, b.source_locale, b.empty_source, b.locale, b.state, b.current);
    });
    return v;
  };
  for (std::string type : {"", "page", "job"}) {
    auto counted = st().field_tallies(type);
    auto walked = st().store::field_tallies(type);
    ASSERT_TRUE(counted && walked) << type;
    EXPECT_EQ(sorted(*counted), sorted(*walked)) << "type '" << type << "'";
  }
  auto all = sorted(*st().field_tallies(""));
  auto find = [&](const std::string& field, const std::string& locale, bool current) {
    for (const auto& t : all)
      if (t.type == "page" && t.field == field && t.locale == locale && t.current == current) return t;
    return field_tally{};
  };
  EXPECT_EQ(find("title", "", true).count, 3u);
  EXPECT_EQ(find("title", "", true).first_document, "a-page");
  EXPECT_EQ(find("title", "fr", true).count, 1u);   // c-page
  EXPECT_EQ(find("title", "fr", false).count, 1u);  // a-page, stale
  EXPECT_EQ(find("body", "ar", true).state, translation_state::final_);
  EXPECT_GT(find("body", "fr", true).words, 0u);
}

// for_each_key reads a few keys one by one and many a thousand at a time:
// either way each key gets what find_document gives (fields by position,
// translations by locale), in the order asked, with nullptr for a missing key.
TEST_P(store_conformance, visiting_keys_reads_what_find_document_reads_in_the_order_asked) {
  std::vector<document_input> docs;
  for (int i = 0; i < 1200; ++i) docs.push_back(page("p" + std::to_string(i), "Title " + std::to_string(i)));
  ASSERT_TRUE(write(st(), docs));
  std::vector<document_input> tr;
  for (int i = 0; i < 1200; i += 7) {
    tr.push_back(translate("p" + std::to_string(i), "title", "fr", "Titre " + std::to_string(i)));
    tr.push_back(translate("p" + std::to_string(i), "title", "ar", "عنوان " + std::to_string(i)));
    tr.push_back(translate("p" + std::to_string(i), "body", "es", "<p>Cuerpo</p>"));
  }
  ASSERT_TRUE(write(st(), tr));
  auto render = [](const document* d) {
    if (!d) return std::string("none");
    std::string out = d->key + "|" + d->type + "|" + d->source_locale + "|" + d->created_at + "|" + d->updated_at;
    for (const auto& f : d->fields) {
      out += "\n " + f.name + "=" + f.value + "@" + f.revision;
      for (const auto& t : f.translations)
        out += "\n  " + t.locale + ":" + t.text + ":" + std::string(to_string(t.state)) + ":" + t.source_revision +
               ":" + t.author + ":" + t.origin + ":" + t.updated_at;
    }
    return out;
  };
  for (std::size_t count : {std::size_t(5), std::size_t(1500)}) {
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < count; ++i)
      keys.push_back("p" + std::to_string((i * 37) % 1300));  // some missing, some twice
    keys.push_back("p7");
    std::size_t seen = 0;
    auto walked = st().for_each_key(keys, [&](const std::string& key, const document* d) {
      EXPECT_EQ(key, keys[seen]);
      auto expected = st().find_document(key);
      EXPECT_EQ(render(d), expected ? render(&*expected) : "none") << key;
      ++seen;
      return true;
    });
    ASSERT_TRUE(walked) << walked.err().to_string();
    EXPECT_EQ(seen, keys.size());
  }
  // A visit that returns false stops the walk.
  std::vector<std::string> many;
  for (int i = 0; i < 1200; ++i) many.push_back("p" + std::to_string(i));
  std::size_t visited = 0;
  ASSERT_TRUE(st().for_each_key(many, [&](const std::string&, const document*) { return ++visited < 1100; }));
  EXPECT_EQ(visited, 1100u);
}

// reader(): a second, read-only handle that another thread can read through
// while this one writes. It sees what was committed, never the write in
// progress; an in-memory store has none (its content is its connection's).
TEST_P(store_conformance, a_reader_sees_what_was_committed_not_the_write_in_progress) {
  ASSERT_TRUE(write(st(), {page("a", "A")}));
  auto reader = st().reader();
  if (GetParam() == "sqlite::memory:") {
    EXPECT_EQ(reader, nullptr);
    return;
  }
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->uri(), st().uri());
  ASSERT_TRUE(reader->find_document("a"));
  std::optional<bool> seen_during;  // whether the reader saw the translation before the commit
  std::size_t given = 0;
  auto r = write_each(st(), [&](document_input& next) {
    if (given == 1) {  // "a" is written, not committed
      auto d = reader->find_document("a");
      seen_during = d && d->find("title")->find("fr") != nullptr;
    }
    if (given++ == 1) return false;
    next = translate("a", "title", "fr", "Un");
    return true;
  });
  ASSERT_TRUE(r) << r.err().to_string();
  ASSERT_TRUE(seen_during.has_value());
  EXPECT_FALSE(*seen_during);
  auto after = reader->find_document("a");
  ASSERT_TRUE(after);
  ASSERT_NE(after->find("title")->find("fr"), nullptr);
  EXPECT_EQ(after->find("title")->find("fr")->text, "Un");
  // Read-only: it cannot write.
  auto w = write(*reader, {translate("a", "title", "fr", "Deux")});
  ASSERT_FALSE(w);
  EXPECT_EQ(w.err().code, errc::store_error);
  EXPECT_EQ(st().find_document("a")->find("title")->find("fr")->text, "Un");
}

TEST_P(store_conformance, keeps_its_schema) {
  auto s = st().schema();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->to_json(), content_schema::builtin().to_json());
}

// --- The write transaction: rows in, rows out, all or nothing ---------------

namespace {
// A page "a" with its title, written through one transaction.
void add_page(store_transaction& tx, const std::string& key, const std::string& title) {
  std::int64_t id = tx.insert_document(key, "page", "en");
  tx.insert_field(id, "title", 0, title, revision_of(title), 2);
  tx.record({key, "title", "", "create", std::nullopt, title, {}, {}, std::nullopt, revision_of(title), "t", "test"});
}
}  // namespace

TEST_P(store_conformance, a_transaction_commits_everything_or_nothing) {
  ASSERT_TRUE(st().transact(true, [](store_transaction& tx) -> status {
    add_page(tx, "kept", "Kept");
    return {};
  }));
  std::string before = snapshot(st());
  // An error from the work, a dry run and an exception each leave nothing.
  auto refused = st().transact(true, [](store_transaction& tx) -> status {
    add_page(tx, "lost", "Lost");
    return error(errc::invalid_value, "the engine said no");
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.err().code, errc::invalid_value);
  EXPECT_TRUE(st().transact(false, [](store_transaction& tx) -> status {
    add_page(tx, "dry", "Dry");
    return {};
  }));
  EXPECT_THROW(st().transact(true,
                             [](store_transaction& tx) -> status {
                               add_page(tx, "thrown", "Thrown");
                               throw std::runtime_error("the producer failed");
                             }),
               std::runtime_error);
  EXPECT_EQ(snapshot(st()), before);
  // A failure of the store itself comes back as its error: a second
  // document with the same key breaks the key's uniqueness.
  auto dup = st().transact(true, [](store_transaction& tx) -> status {
    add_page(tx, "kept", "Again");
    return {};
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.err().code, errc::store_error);
  EXPECT_EQ(snapshot(st()), before);
  EXPECT_TRUE(st().transact(true, [](store_transaction& tx) -> status {
    add_page(tx, "next", "Next");
    return {};
  }));
  EXPECT_TRUE(st().find_document("next"));
}

TEST_P(store_conformance, a_transaction_reads_its_own_writes) {
  auto done = st().transact(true, [&](store_transaction& tx) -> status {
    add_page(tx, "a", "Title");
    auto doc = tx.find_document_row("a");
    EXPECT_TRUE(doc && doc->type == "page" && doc->source_locale == "en");
    auto title = tx.find_field(doc->id, "title");
    EXPECT_TRUE(title && title->value == "Title" && title->revision == revision_of("Title"));
    EXPECT_FALSE(tx.find_field(doc->id, "body"));
    tx.insert_translation("fr", {title->id, "Titre", translation_state::translated, title->revision}, "t", "test");
    auto fr = tx.find_translation("a", "title", "fr");  // an insert the store may still hold back
    EXPECT_TRUE(fr && fr->text == "Titre" && fr->state == translation_state::translated);
    tx.update_translation("fr", {title->id, "Titre revu", translation_state::reviewed, title->revision}, "t", "x");
    auto rows = tx.fields_with_translation(doc->id, "fr");
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows.size() == 1 && rows[0].second && rows[0].second->text == "Titre revu");
    EXPECT_TRUE(tx.fields_with_translation(doc->id, "es").at(0).second == std::nullopt);
    tx.update_field(title->id, "New title", revision_of("New title"), 2);
    EXPECT_EQ(tx.find_field(doc->id, "title")->value, "New title");
    tx.insert_translation("es", {title->id, "Título", translation_state::fresh, title->revision}, "t", "test");
    tx.delete_translation(title->id, "es");
    EXPECT_FALSE(tx.find_translation("a", "title", "es"));
    return {};
  });
  ASSERT_TRUE(done) << done.err().to_string();
  auto d = st().find_document("a");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->find("title")->value, "New title");
  ASSERT_NE(d->find("title")->find("fr"), nullptr);
  EXPECT_EQ(d->find("title")->find("fr")->text, "Titre revu");
  EXPECT_EQ(d->find("title")->find("fr")->origin, "x");
  EXPECT_EQ(d->find("title")->find("es"), nullptr);
}

TEST_P(store_conformance, history_is_kept_as_recorded_and_a_batch_holds_its_entries) {
  std::int64_t batch = 0, dropped = 0;
  auto done = st().transact(true, [&](store_transaction& tx) -> status {
    add_page(tx, "a", "Title");  // before the batch: in no batch
    auto f = tx.find_field(tx.find_document_row("a")->id, "title");
    batch = tx.begin_batch("xliff-import", "fr.xlf", "amina");
    tx.insert_translation("fr", {f->id, "Un", translation_state::translated, f->revision}, "amina", "xliff");
    tx.record({"a", "title", "fr", "create", std::nullopt, "Un", std::nullopt, translation_state::translated,
               std::nullopt, f->revision, "amina", "xliff"});
    tx.update_translation("fr", {f->id, "Deux", translation_state::reviewed, f->revision}, "amina", "xliff");
    tx.record({"a", "title", "fr", "update", "Un", "Deux", translation_state::translated, translation_state::reviewed,
               f->revision, f->revision, "amina", "xliff"});
    tx.end_batch(true);
    dropped = tx.begin_batch("xliff-import", "empty.xlf", "amina");
    tx.end_batch(false);
    EXPECT_FALSE(tx.find_batch(dropped));
    auto changes = tx.batch_changes(batch);  // newest first, texts as recorded
    EXPECT_EQ(changes.size(), 2u);
    if (changes.size() == 2) {
      EXPECT_EQ(changes[0].action, "update");
      EXPECT_EQ(changes[0].old_text, std::optional<std::string>("Un"));
      EXPECT_EQ(changes[0].new_text, "Deux");
      EXPECT_EQ(changes[1].action, "create");
      EXPECT_EQ(changes[1].new_text, "Un");
      EXPECT_EQ(changes[1].new_state, translation_state::translated);
    }
    return {};
  });
  ASSERT_TRUE(done) << done.err().to_string();
  auto h = st().history("a", "title");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 3u);
  EXPECT_EQ((*h)[0].batch, 0);
  EXPECT_EQ((*h)[1].batch, batch);
  EXPECT_EQ((*h)[1].new_text, "Un");
  EXPECT_EQ((*h)[2].author, "amina");
  std::int64_t undo = 0;
  auto undone = st().transact(true, [&](store_transaction& tx) -> status {
    EXPECT_EQ(tx.find_batch(batch)->undone_by, std::nullopt);
    undo = tx.begin_batch("undo", "undo of batch", "amina");
    tx.end_batch(true);
    tx.mark_undone(batch, undo);
    return {};
  });
  ASSERT_TRUE(undone) << undone.err().to_string();
  ASSERT_TRUE(st().transact(false, [&](store_transaction& tx) -> status {
    EXPECT_EQ(tx.find_batch(batch)->undone_by, std::optional<std::int64_t>(undo));
    EXPECT_EQ(tx.find_batch(batch)->kind, "xliff-import");
    return {};
  }));
}

INSTANTIATE_TEST_SUITE_P(every_backend, store_conformance, ::testing::ValuesIn(backend_uris()), backend_name);

// --- SQLite-specific behaviour -------------------------------------------------

namespace {
void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << statement;
}
int sql_int(const std::string& path, const std::string& query) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, query.c_str(), -1, &s, nullptr);
  int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}
}  // namespace

// A write that leaves over 1,000 pages in the WAL has them copied into the
// database file (checkpointed) on a thread of the store's own, while the
// caller goes on: the file grows without the store being closed, the store
// stays usable meanwhile, and closing it waits for the copy.
TEST(sqlite_store, a_large_write_is_checkpointed_in_the_background) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  auto st = open_store("sqlite:" + path);
  ASSERT_TRUE(st);
  ASSERT_TRUE(write(**st, {page("seed", "Seed")}));
  auto file_size = [&] { return std::filesystem::file_size(path); };
  auto before = file_size();
  auto handed_over = sqlite_store::background_checkpoints();
  std::vector<document_input> many;
  std::string body = "<p>" + std::string(2000, 'x') + "</p>";
  for (int i = 0; i < 3000; ++i) many.push_back(page("p" + std::to_string(i), "Title " + std::to_string(i), body));
  ASSERT_TRUE(write(**st, many));                                      // some 6 MB: about 1,500 pages
  EXPECT_EQ(sqlite_store::background_checkpoints(), handed_over + 1);  // not in the committing call
  // The store is still open: only a checkpoint moves the pages into the file.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (file_size() < before + 4'000'000 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(file_size(), before + 4'000'000);
  // Usable meanwhile and after: another large write, and reads.
  for (auto& d : many) d.fields[0].value += " (2)";
  ASSERT_TRUE(write(**st, many));
  EXPECT_EQ((*st)->find_document("p2999")->find("title")->value, "Title 2999 (2)");
  st->reset();  // waits for the copy, then closes: the WAL is gone
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  auto again = open_store("sqlite:" + path);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->find_document("p0")->find("title")->value, "Title 0 (2)");
}

TEST(sqlite_store, uses_wal_foreign_keys_and_versioned_migrations) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  {
    auto s = open_store("sqlite:" + path);
    ASSERT_TRUE(s);
    ASSERT_TRUE(write(**s, {page("a", "A")}));
  }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  sqlite3_step(st);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_GE(sql_int(path, "PRAGMA user_version"), 1);
  EXPECT_EQ(sql_int(path, "SELECT count(*) FROM history"), 3);
  // History is append-only at the database level too.
  sqlite3_open(path.c_str(), &db);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM history", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE history SET new_text = 'x'", nullptr, nullptr, nullptr), SQLITE_OK);
  // Foreign keys: a translation cannot point at a missing field (the store turns them on per connection).
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  EXPECT_NE(sqlite3_exec(db,
                         "INSERT INTO translations(field_id, locale, text, state, source_revision, author, origin, "
                         "updated_at) VALUES (9999, 'fr', 'x', 1, 'r', 'a', 'o', 't')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(sql_int(path, "SELECT count(*) FROM history"), 3);
}

// Undoes migrations 6, 5 and 3 on a closed store: schema 2 as an older Glossa
// left it (4 rebuilt history with the same columns).
static void back_to_schema_2(const std::string& path) {
  sql(path,
      "DROP TABLE term_entries; DROP TABLE tm_entries; ALTER TABLE batches DROP COLUMN first_history; ALTER TABLE "
      "batches DROP COLUMN "
      "last_history; "
      "CREATE INDEX history_by_batch ON history(batch_id) WHERE batch_id IS NOT NULL; PRAGMA user_version = 2");
}

// Schema 3 replaced the index on history.batch_id with each batch's range of
// history ids. A store made before it gets the ranges of its batches, and
// those batches can still be undone.
TEST(sqlite_store, migration_gives_older_batches_their_history_range) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  std::int64_t batch = 0;
  {
    auto s = open_store("sqlite:" + path);
    ASSERT_TRUE(s);
    ASSERT_TRUE(write(**s, {page("a", "A"), page("b", "B")}));
    write_options w;
    w.batch_kind = "xliff-import";
    auto r = write(**s, {translate("a", "title", "fr", "Un"), translate("b", "title", "fr", "Bé")}, w);
    ASSERT_TRUE(r);
    batch = r->batch;
    ASSERT_TRUE(write(**s, {translate("a", "title", "es", "Uno")}));  // history after the batch, in no batch
  }
  back_to_schema_2(path);
  ASSERT_EQ(sql_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'history_by_batch'"), 1);
  {
    auto s = open_store("sqlite:" + path);
    ASSERT_TRUE(s) << s.err().to_string();
    EXPECT_EQ(sql_int(path, "PRAGMA user_version"), 6);  // the latest schema
    EXPECT_EQ(sql_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'history_by_batch'"), 0);
    EXPECT_EQ(sql_int(path, "SELECT first_history FROM batches WHERE id = " + std::to_string(batch)),
              sql_int(path, "SELECT min(id) FROM history WHERE batch_id = " + std::to_string(batch)));
    EXPECT_EQ(sql_int(path, "SELECT last_history - first_history FROM batches WHERE id = " + std::to_string(batch)), 1);
    auto undone = undo(**s, batch);
    ASSERT_TRUE(undone) << undone.err().to_string();
    EXPECT_EQ(undone->translations_changed, 2u);
    auto a = (*s)->find_document("a");
    EXPECT_EQ(a->find("title")->find("fr"), nullptr);
    EXPECT_EQ(a->find("title")->find("es")->text, "Uno");  // not the batch's: left alone
    // The undo is a batch too, with its own range.
    EXPECT_EQ(
        sql_int(path, "SELECT last_history - first_history FROM batches WHERE id = " + std::to_string(undone->batch)),
        1);
    // A batch without a range (an older Glossa, still running, wrote it after
    // the upgrade) is looked for in the whole history.
    write_options w;
    w.batch_kind = "xliff-import";
    auto later = write(**s, {translate("b", "title", "de", "Bee")}, w);
    ASSERT_TRUE(later);
    sql(path,
        "UPDATE batches SET first_history = NULL, last_history = NULL WHERE id = " + std::to_string(later->batch));
    auto undone_later = undo(**s, later->batch);
    ASSERT_TRUE(undone_later) << undone_later.err().to_string();
    EXPECT_EQ(undone_later->translations_changed, 1u);
    EXPECT_EQ((*s)->find_document("b")->find("title")->find("de"), nullptr);
  }
}

// A read-only connection cannot upgrade an older store: it says so and how to
// upgrade it, and the store is left as it was; a writable open upgrades it.
TEST(sqlite_store, a_read_only_open_of_an_older_store_says_how_to_upgrade_it) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  {
    auto s = open_store("sqlite:" + path);
    ASSERT_TRUE(s);
    ASSERT_TRUE(write(**s, {page("a", "A")}));
  }
  back_to_schema_2(path);
  store_options ro;
  ro.read_only = true;
  auto r = open_store("sqlite:" + path, ro);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::store_version);
  EXPECT_NE(r.err().message.find("schema version 2 is older"), std::string::npos) << r.err().message;
  EXPECT_NE(r.err().message.find("open it once for writing"), std::string::npos) << r.err().message;
  EXPECT_EQ(sql_int(path, "PRAGMA user_version"), 2);
  ASSERT_TRUE(open_store("sqlite:" + path));
  EXPECT_EQ(sql_int(path, "PRAGMA user_version"), 6);  // the latest schema
  auto again = open_store("sqlite:" + path, ro);
  ASSERT_TRUE(again) << again.err().to_string();
  EXPECT_EQ((*again)->find_document("a")->find("title")->value, "A");
}

// Schema 4: the entry that creates a translation keeps no copy of the text
// (the translation holds it); history still shows it, and the entry that
// replaces or deletes it keeps it. Undo reads it the same way.
TEST(sqlite_store, a_created_translation_is_stored_once_and_history_still_shows_it) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  auto s = open_store("sqlite:" + path);
  ASSERT_TRUE(s);
  ASSERT_TRUE(write(**s, {page("a", "A")}));
  write_options w;
  w.batch_kind = "xliff-import";
  auto created = write(**s, {translate("a", "title", "fr", "Un")}, w);
  ASSERT_TRUE(created);
  EXPECT_EQ(sql_int(path, "SELECT count(*) FROM history WHERE locale = 'fr' AND new_text IS NULL"), 1);
  EXPECT_EQ(sql_int(path, "SELECT count(*) FROM history WHERE new_text IS NULL"), 1);  // source entries keep theirs
  auto h = (*s)->history("a", "title");
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[1].action, "create");
  EXPECT_EQ((*h)[1].new_text, "Un");  // from the translation

  auto updated = write(**s, {translate("a", "title", "fr", "Une")}, w);
  ASSERT_TRUE(updated);
  h = (*s)->history("a", "title");
  ASSERT_EQ(h->size(), 3u);
  EXPECT_EQ((*h)[1].new_text, "Un");  // from the update's old_text: the translation is "Une" now
  EXPECT_EQ((*h)[2].old_text, "Un");
  EXPECT_EQ((*h)[2].new_text, "Une");

  // Undo in order: the update, then the creation (which must still be "Un").
  ASSERT_TRUE(undo(**s, updated->batch));
  EXPECT_EQ((*s)->find_document("a")->find("title")->find("fr")->text, "Un");
  auto undone = undo(**s, created->batch);
  ASSERT_TRUE(undone) << undone.err().to_string();
  EXPECT_EQ((*s)->find_document("a")->find("title")->find("fr"), nullptr);
  h = (*s)->history("a", "title");
  ASSERT_EQ(h->size(), 5u);
  EXPECT_EQ((*h)[1].new_text, "Un");
  EXPECT_EQ((*h)[4].action, "delete");
  EXPECT_EQ((*h)[4].old_text, "Un");  // the deleted text is kept
  EXPECT_EQ((*h)[4].new_text, "");

  // A creation whose translation changed since cannot be undone silently.
  auto again = write(**s, {translate("a", "title", "fr", "Deux")}, w);
  ASSERT_TRUE(again);
  ASSERT_TRUE(write(**s, {translate("a", "title", "fr", "Trois")}));
  auto refused = undo(**s, again->batch);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.err().code, errc::invalid_argument);
  EXPECT_EQ((*s)->history("a", "title")->at(5).new_text, "Deux");

  // The database itself refuses a text-less entry that is not a translation's creation.
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  EXPECT_NE(sqlite3_exec(
                db,
                "INSERT INTO history(at, document_key, field, locale, action, new_text, new_revision, author, origin) "
                "VALUES ('t', 'a', 'title', '', 'create', NULL, 'r', 'x', 'y')",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

TEST(sqlite_store, refuses_a_newer_store_and_foreign_databases) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  ASSERT_TRUE(open_store("sqlite:" + path));
  sql(path, "PRAGMA user_version = 999");
  auto newer = open_store("sqlite:" + path);
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.err().code, errc::store_version);

  std::string other = dir.file("other.db");
  sql(other, "CREATE TABLE customers(id INTEGER)");
  auto foreign = open_store("sqlite:" + other);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.err().code, errc::store_error);
  EXPECT_NE(foreign.err().message.find("not a Glossa store"), std::string::npos);

  std::string junk = dir.file("junk.db");
  test::spit(junk, std::string(4096, 'x'));
  auto j = open_store("sqlite:" + junk);
  ASSERT_FALSE(j);
  EXPECT_EQ(j.err().code, errc::store_error);

  store_options no_create;
  no_create.create_if_missing = false;
  auto missing = open_store("sqlite:" + dir.file("missing.db"), no_create);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.err().code, errc::not_found);
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));

  auto scheme = open_store("mysql://x");
  ASSERT_FALSE(scheme);
  EXPECT_EQ(scheme.err().code, errc::invalid_argument);
}

TEST(sqlite_store, a_busy_store_is_reported_as_busy) {
  test::temp_dir dir;
  std::string path = dir.file("g.db");
  ASSERT_TRUE(open_store("sqlite:" + path));
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  store_options quick;
  quick.busy_timeout_ms = 50;
  auto s = open_store("sqlite:" + path, quick);
  ASSERT_TRUE(s);
  auto r = write(**s, {page("a", "A")});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::store_busy);
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_TRUE(write(**s, {page("a", "A")}));
}

TEST(sqlite_store, data_survives_reopening) {
  test::temp_dir dir;
  std::string uri = "sqlite:" + dir.file("g.db");
  {
    auto s = open_store(uri);
    ASSERT_TRUE(write(**s, {page("a", "A"), translate("a", "title", "ar", "أ")}));
  }
  auto s = open_store(uri);
  auto d = (*s)->find_document("a");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->find("title")->find("ar")->text, "أ");
}
