// The rules of a write, on every backend: what is valid, what changed, what
// history records, what a batch holds, dry runs and cancellation. The engine
// applies them (src/engine/write.cpp) through the store's transaction.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store_fixture.hpp"

using namespace glossa;
using namespace glossa::test;

class write_rules : public on_each_backend {};

TEST_P(write_rules, writing_the_same_input_twice_changes_nothing) {
  std::vector<document_input> in{page("about", "About us"), translate("about", "title", "fr", "À propos")};
  ASSERT_TRUE(write(st(), in));
  std::string before = snapshot(st());
  auto again = write(st(), in);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(again->unchanged, 1u);  // two inputs naming one document fold into one
  EXPECT_EQ(snapshot(st()), before);
}

TEST_P(write_rules, a_source_edit_keeps_translations_and_makes_them_stale) {
  ASSERT_TRUE(write(
      st(), {page("about", "About us"), translate("about", "title", "fr", "À propos", translation_state::reviewed)}));
  auto d = st().find_document("about");
  EXPECT_FALSE(is_stale(*d->find("title"), *d->find("title")->find("fr")));

  ASSERT_TRUE(write(st(), {page("about", "About the organization")}));
  d = st().find_document("about");
  const field* title = d->find("title");
  ASSERT_NE(title->find("fr"), nullptr);
  EXPECT_EQ(title->find("fr")->text, "À propos");
  EXPECT_EQ(title->find("fr")->state, translation_state::reviewed);
  EXPECT_TRUE(is_stale(*title, *title->find("fr")));

  auto h = st().history("about", "title");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 3u);  // source create, fr create, source update
  EXPECT_EQ((*h)[2].action, "update");
  EXPECT_EQ((*h)[2].old_text, "About us");
  EXPECT_EQ((*h)[2].new_text, "About the organization");
  EXPECT_EQ((*h)[2].old_revision, revision_of("About us"));
  EXPECT_EQ((*h)[1].locale, "fr");
  EXPECT_EQ((*h)[1].new_state, translation_state::reviewed);

  // Re-translating makes it current again; the old text stays in history.
  ASSERT_TRUE(write(st(), {translate("about", "title", "fr", "À propos de l’organisation")}));
  d = st().find_document("about");
  EXPECT_FALSE(is_stale(*d->find("title"), *d->find("title")->find("fr")));
  h = st().history("about", "title");
  EXPECT_EQ(h->back().old_text, "À propos");
  EXPECT_EQ(h->back().old_state, translation_state::reviewed);
  EXPECT_EQ(h->back().new_state, translation_state::translated);
}

// One input that changes a source, adds a field and translates both: the
// translations are made from the sources of the same input (a store that
// reads documents ahead must not answer from what it read before).
TEST_P(write_rules, a_translation_follows_the_source_changed_in_the_same_input) {
  ASSERT_TRUE(write(st(), {page("about", "About us")}));
  auto in = page("about", "About the organization");
  in.fields.push_back({"summary", "Who we are.", {}});
  in.translations = translate("about", "title", "fr", "À propos de l’organisation").translations;
  in.translations.push_back(translate("about", "summary", "fr", "Qui nous sommes.").translations[0]);
  auto written = write(st(), {page("other", "Other"), in});
  ASSERT_TRUE(written) << written.err().to_string();
  auto d = st().find_document("about");
  ASSERT_NE(d->find("summary"), nullptr);
  ASSERT_NE(d->find("summary")->find("fr"), nullptr);
  EXPECT_EQ(d->find("summary")->find("fr")->text, "Qui nous sommes.");
  EXPECT_FALSE(is_stale(*d->find("title"), *d->find("title")->find("fr")));
  EXPECT_FALSE(is_stale(*d->find("summary"), *d->find("summary")->find("fr")));
}

// A document translated, then again in a later group of the same write
// after another translation was changed in between: the second sees the
// first (a store reading ahead must not lose a translation waiting to be
// written, nor insert it twice).
TEST_P(write_rules, a_document_written_twice_in_one_import_sees_its_first_write) {
  ASSERT_TRUE(write(st(), {page("a", "A"), translate("a", "title", "fr", "A (fr)"), page("k", "K")}));
  std::vector<document_input> in{translate("k", "title", "fr", "K (fr)")};
  for (int i = 0; i < 300; ++i) in.push_back(page("filler-" + std::to_string(i), "Filler"));
  in.push_back(translate("a", "title", "fr", "A, changed (fr)"));
  in.push_back(translate("k", "title", "fr", "K (fr)"));
  std::size_t next = 0;
  auto written = write_each(st(), [&](document_input& d) {
    if (next == in.size()) return false;
    d = in[next++];
    return true;
  });
  ASSERT_TRUE(written) << written.err().to_string();
  auto k = st().find_document("k");
  ASSERT_NE(k->find("title")->find("fr"), nullptr);
  EXPECT_EQ(k->find("title")->find("fr")->text, "K (fr)");
  auto h = st().history("k", "title");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->size(), 2u);  // the source's creation and one translation, not two
}

TEST_P(write_rules, explicit_source_revision_is_kept) {
  auto t = translate("about", "title", "ar", "من نحن");
  t.translations[0].source_revision = revision_of("Old title");
  ASSERT_TRUE(write(st(), {page("about", "About us"), t}));
  auto d = st().find_document("about");
  EXPECT_TRUE(is_stale(*d->find("title"), *d->find("title")->find("ar")));
}

TEST_P(write_rules, one_bad_document_refuses_the_whole_write) {
  ASSERT_TRUE(write(st(), {page("existing", "Existing")}));
  std::string before = snapshot(st());
  struct bad_case {
    std::string name;
    document_input doc;
    errc code;
  };
  document_input no_locale = page("new-one", "New");
  no_locale.source_locale.clear();
  document_input missing_required = page("new-two", "New");
  missing_required.fields.pop_back();  // body is required
  document_input wrong_type = page("existing", "Existing");
  wrong_type.type = "job";
  document_input unknown_field = page("new-three", "x");
  unknown_field.fields.push_back({"colour", "red", {}});
  document_input bad_date = page("new-four", "x");
  bad_date.fields.push_back({"last_reviewed", "2026-13-01", {}});
  document_input untranslatable = translate("existing", "slug", "fr", "x");
  document_input no_source = translate("existing", "summary", "fr", "Résumé");
  document_input into_source = translate("existing", "title", "en", "x");
  document_input control = translate("existing", "title", "fr", std::string("a\x01") + "b");
  document_input unknown_doc = translate("ghost", "title", "fr", "x");
  for (auto& c : std::vector<bad_case>{{"no_locale", no_locale, errc::invalid_content},
                                       {"missing_required", missing_required, errc::invalid_content},
                                       {"wrong_type", wrong_type, errc::invalid_value},
                                       {"unknown_field", unknown_field, errc::unknown_field},
                                       {"bad_date", bad_date, errc::invalid_value},
                                       {"untranslatable", untranslatable, errc::invalid_value},
                                       {"no_source", no_source, errc::not_found},
                                       {"into_source", into_source, errc::invalid_value},
                                       {"control", control, errc::control_character},
                                       {"unknown_doc", unknown_doc, errc::invalid_content}}) {
    // A good document first: it must be rolled back with the bad one.
    auto r = write(st(), {page("good", "Good"), translate("existing", "title", "fr", "Existant"), c.doc});
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.err().code, c.code) << c.name << ": " << r.err().to_string();
    EXPECT_EQ(snapshot(st()), before) << c.name;
  }
}

TEST_P(write_rules, cancelling_and_dry_run_write_nothing) {
  ASSERT_TRUE(write(st(), {page("a", "A")}));
  std::string before = snapshot(st());
  write_options cancel;
  cancel.progress = [](std::size_t done, std::size_t) { return done < 2; };
  auto r = write(st(), {page("b", "B"), page("c", "C"), page("d", "D")}, cancel);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::cancelled);
  EXPECT_EQ(snapshot(st()), before);

  write_options dry;
  dry.dry_run = true;
  auto d = write(st(), {page("b", "B"), page("a", "A changed")}, dry);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->dry_run);
  EXPECT_EQ(d->created, 1u);
  EXPECT_EQ(d->updated, 1u);
  EXPECT_EQ(snapshot(st()), before);
}

// A write stores its new translations and history rows several at a time; a
// field translated twice in one input is still stored in order: created, then
// updated, and an undo takes both back.
TEST_P(write_rules, one_input_translating_a_field_twice_keeps_both_steps) {
  ASSERT_TRUE(write(st(), {page("a", "A"), page("b", "B")}));
  document_input in = translate("a", "title", "fr", "Un");
  in.translations.push_back(in.translations.front());
  in.translations.back().text = "Un bis";
  translation_input body;
  body.field = "body";
  body.locale = "fr";
  body.text = "<p>Corps</p>";
  in.translations.push_back(body);
  write_options w;
  w.batch_kind = "xliff-import";
  auto r = write(st(), {in, translate("b", "title", "fr", "Bé")}, w);
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->translations_changed, 4u);
  auto a = st().find_document("a");
  EXPECT_EQ(a->find("title")->find("fr")->text, "Un bis");
  EXPECT_EQ(a->find("body")->find("fr")->text, "<p>Corps</p>");
  auto h = st().history("a", "title");
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 3u);  // the source, then the two translation steps
  EXPECT_EQ((*h)[1].action, "create");
  EXPECT_EQ((*h)[1].new_text, "Un");
  EXPECT_EQ((*h)[2].action, "update");
  EXPECT_EQ((*h)[2].old_text, std::optional<std::string>("Un"));
  EXPECT_EQ((*h)[2].new_text, "Un bis");
  EXPECT_EQ((*h)[2].batch, r->batch);
  auto undone = undo(st(), r->batch);
  ASSERT_TRUE(undone) << undone.err().to_string();
  EXPECT_EQ(undone->translations_changed, 4u);
  a = st().find_document("a");
  EXPECT_EQ(a->find("title")->find("fr"), nullptr);
  EXPECT_EQ(a->find("body")->find("fr"), nullptr);
  EXPECT_EQ(st().find_document("b")->find("title")->find("fr"), nullptr);
}

// write_each: documents produced while the write runs, one transaction.
TEST_P(write_rules, write_each_applies_inputs_as_they_come_in_one_transaction) {
  ASSERT_TRUE(write(st(), {page("a", "A"), page("b", "B")}));
  // Two translations of one field in one stream: the second sees the first.
  write_options w;
  w.batch_kind = "xliff-import";
  auto stream = [&](std::vector<document_input> inputs) {  // hands the inputs over one by one
    std::size_t given = 0;
    return write_each(
        st(),
        [&](document_input& next) {
          if (given == inputs.size()) return false;
          next = inputs[given++];
          return true;
        },
        w);
  };
  auto r = stream({translate("a", "title", "fr", "Un"), translate("b", "title", "fr", "Bé"),
                   translate("a", "title", "fr", "Un bis")});
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->translations_changed, 3u);
  EXPECT_EQ(r->documents.size(), 3u);
  EXPECT_NE(r->batch, 0);
  EXPECT_EQ(st().find_document("a")->find("title")->find("fr")->text, "Un bis");
  auto h = st().history("a", "title");
  ASSERT_TRUE(h);
  ASSERT_GE(h->size(), 2u);
  EXPECT_EQ(h->back().old_text, std::optional<std::string>("Un"));
  ASSERT_TRUE(undo(st(), r->batch));
  EXPECT_EQ(st().find_document("a")->find("title")->find("fr"), nullptr);

  // One bad input refuses the whole stream, and so does a producer that fails.
  std::string undone = snapshot(st());
  auto bad = stream({translate("a", "title", "fr", "Un"), translate("ghost", "title", "fr", "?"),
                     translate("b", "title", "fr", "Bé")});
  ASSERT_FALSE(bad);
  EXPECT_EQ(snapshot(st()), undone);
  std::size_t given = 0;
  EXPECT_THROW(write_each(
                   st(),
                   [&](document_input& next) {
                     if (given++ == 1) throw std::runtime_error("the producer failed");
                     next = translate("a", "title", "fr", "Un");
                     return true;
                   },
                   w),
               std::runtime_error);
  EXPECT_EQ(snapshot(st()), undone);
  EXPECT_TRUE(write(st(), {translate("b", "title", "fr", "Bé")}));  // the store is usable after
}

TEST_P(write_rules, records_author_and_origin) {
  write_options w;
  w.author = "amina";
  w.origin = "content:fr.json";
  ASSERT_TRUE(write(st(), {page("a", "A")}));
  ASSERT_TRUE(write(st(), {translate("a", "title", "fr", "Un")}, w));
  auto d = st().find_document("a");
  const translation* t = d->find("title")->find("fr");
  EXPECT_EQ(t->author, "amina");
  EXPECT_EQ(t->origin, "content:fr.json");
  EXPECT_EQ(st().history("a", "title")->back().author, "amina");
  auto h = st().history("ghost");
  ASSERT_FALSE(h);
  EXPECT_EQ(h.err().code, errc::not_found);
}

INSTANTIATE_TEST_SUITE_P(every_backend, write_rules, ::testing::ValuesIn(backend_uris()), backend_name);
