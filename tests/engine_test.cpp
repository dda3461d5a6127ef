#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <glossa/engine.hpp>
#include <glossa/report.hpp>

#include "test_support.hpp"

using namespace glossa;

namespace {
const localized_field& field_of(const localized_document& d, const std::string& name) {
  for (const auto& f : d.fields)
    if (f.name == name) return f;
  throw std::runtime_error("no field " + name);
}

engine examples_engine() {
  engine e = test::memory_engine();
  auto r = e.import_content_files(test::example_files());
  if (!r) throw std::runtime_error(r.err().to_string());
  return e;
}

localize_options in(const std::string& locale, stale_policy stale = stale_policy::fallback) {
  localize_options o;
  o.locale = locale;
  o.stale = stale;
  return o;
}

const char* small = R"({"documents": [{"type": "page", "key": "about", "source_locale": "en",
  "fields": {"title": "About us", "slug": "about", "summary": "Who we are", "body": "<p>Hello</p>"},
  "translations": {"fr": {"title": {"text": "À propos", "state": "reviewed"}},
                   "ar": {"title": {"text": "من نحن", "source_revision": "0000000000000000"},
                          "summary": "من نحن باختصار"}}}]})";
}  // namespace

TEST(engine, localize_serves_translation_source_or_fallback_and_says_which) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(small, "small.json"));

  auto fr = e.localize("about", in("fr"));
  ASSERT_TRUE(fr) << fr.err().to_string();
  EXPECT_EQ(fr->requested_locale, "fr");
  EXPECT_EQ(field_of(*fr, "title").text, "À propos");
  EXPECT_EQ(field_of(*fr, "title").locale, "fr");
  EXPECT_FALSE(field_of(*fr, "title").fallback);
  EXPECT_EQ(field_of(*fr, "title").state, translation_state::reviewed);
  EXPECT_EQ(field_of(*fr, "body").text, "<p>Hello</p>");
  EXPECT_EQ(field_of(*fr, "body").locale, "en");
  EXPECT_TRUE(field_of(*fr, "body").fallback);
  EXPECT_EQ(field_of(*fr, "body").fallback_reason, "missing");
  EXPECT_FALSE(field_of(*fr, "slug").translatable);
  EXPECT_EQ(field_of(*fr, "slug").text, "about");

  // Regional request: fr-CA -> fr -> en.
  auto ca = e.localize("about", in("fr-ca"));
  EXPECT_EQ(ca->requested_locale, "fr-CA");
  EXPECT_EQ(field_of(*ca, "title").locale, "fr");
  EXPECT_FALSE(field_of(*ca, "title").fallback);  // French for a reader of French: no fallback

  // English is the source: never a fallback.
  auto en = e.localize("about", in("en"));
  EXPECT_FALSE(field_of(*en, "title").fallback);
  EXPECT_EQ(field_of(*en, "title").text, "About us");
}

TEST(engine, stale_policy_decides_what_a_stale_translation_gives) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(small, "small.json"));
  auto fb = e.localize("about", in("ar"));
  EXPECT_EQ(field_of(*fb, "title").text, "About us");
  EXPECT_TRUE(field_of(*fb, "title").fallback);
  EXPECT_EQ(field_of(*fb, "title").fallback_reason, "stale");
  EXPECT_EQ(field_of(*fb, "summary").text, "من نحن باختصار");  // current translation

  auto serve = e.localize("about", in("ar", stale_policy::serve));
  EXPECT_EQ(field_of(*serve, "title").text, "من نحن");
  EXPECT_TRUE(field_of(*serve, "title").stale);
  EXPECT_FALSE(field_of(*serve, "title").fallback);

  auto hide = e.localize("about", in("ar", stale_policy::hide));
  EXPECT_TRUE(field_of(*hide, "title").hidden);
  EXPECT_FALSE(field_of(*hide, "summary").hidden);
}

TEST(engine, explicit_fallback_chain) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(small, "small.json"));
  localize_options o = in("es");
  o.fallback = {"fr"};
  auto d = e.localize("about", o);
  ASSERT_TRUE(d);
  EXPECT_EQ(field_of(*d, "title").locale, "fr");
  EXPECT_EQ(field_of(*d, "body").locale, "en");  // chain exhausted: the source
  o.fallback = {"klingon"};
  EXPECT_EQ(e.localize("about", o).err().code, errc::invalid_locale);
  EXPECT_EQ(e.localize("about", in("xx")).err().code, errc::invalid_locale);
  EXPECT_EQ(e.localize("nope", in("fr")).err().code, errc::not_found);
}

TEST(engine, example_content_has_the_promised_coverage_and_stale_arabic) {
  engine e = examples_engine();
  auto docs = e.storage().list_documents();
  ASSERT_TRUE(docs);
  std::size_t jobs = 0, orgs = 0;
  for (const auto& d : *docs) {
    jobs += d.type == "job";
    orgs += d.type == "organization";
  }
  EXPECT_EQ(jobs, 20u);
  EXPECT_EQ(orgs, 1u);
  // Count translatable fields and their translations per locale.
  std::map<std::string, std::size_t> current, stale;
  std::size_t units = 0;
  auto schema = e.storage().schema();
  ASSERT_TRUE(e.storage().for_each_document("", [&](const document& d) {
    const type_def* t = schema->find(d.type);
    for (const auto& f : d.fields) {
      if (!t->find(f.name)->translatable) continue;
      ++units;
      for (const auto& tr : f.translations) (is_stale(f, tr) ? stale : current)[tr.locale]++;
    }
    return true;
  }));
  ASSERT_GT(units, 100u);
  EXPECT_EQ(current["fr"] + stale["fr"], units);  // French complete
  EXPECT_EQ(stale["fr"], 0u);
  double es = double(current["es"] + stale["es"]) / double(units);
  double ar = double(current["ar"] + stale["ar"]) / double(units);
  EXPECT_GT(es, 0.70);
  EXPECT_LT(es, 0.95);
  EXPECT_GT(ar, 0.50);
  EXPECT_LT(ar, 0.75);
  EXPECT_GE(stale["ar"], 3u);  // a few Arabic translations made from an older source
  EXPECT_EQ(stale["es"], 0u);
}

TEST(engine, import_is_idempotent_and_export_round_trips_exactly) {
  engine e = examples_engine();
  auto again = e.import_content_files(test::example_files());
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(again->created + again->updated, 0u);

  auto exported = e.export_content();
  ASSERT_TRUE(exported);
  engine copy = test::memory_engine();
  auto r = copy.import_content(*exported, "export.json");
  ASSERT_TRUE(r) << r.err().to_string();
  auto exported_again = copy.export_content();
  ASSERT_TRUE(exported_again);
  EXPECT_EQ(*exported_again, *exported);
  // Importing an export into the store it came from changes nothing.
  auto same = e.import_content(*exported, "export.json");
  ASSERT_TRUE(same);
  EXPECT_FALSE(same->changed());
  // Type filter.
  auto jobs = e.export_content("job");
  ASSERT_TRUE(jobs);
  EXPECT_EQ(jobs->find("\"type\": \"organization\""), std::string::npos);
  EXPECT_EQ(e.export_content("vacancy").err().code, errc::unknown_type);
}

TEST(engine, one_bad_file_refuses_the_whole_import) {
  test::temp_dir dir;
  std::string bad = dir.file("bad.json");
  test::spit(bad, "{\"documents\": [\n{\"type\": \"job\", \"key\": \"j\", \"fields\": {\"grade\": \"Z\"}}]}");
  engine e = test::memory_engine();
  auto files = test::example_files();
  files.push_back(bad);
  auto r = e.import_content_files(files);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().where.file, bad);
  EXPECT_EQ(r.err().where.line, 2u);
  EXPECT_TRUE(e.storage().list_documents()->empty());
  auto missing = e.import_content_files({dir.file("missing.json")});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.err().code, errc::io_error);
  EXPECT_EQ(missing.err().where.file, dir.file("missing.json"));
}

TEST(engine, set_translation_validates_and_records_history) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(small, "small.json"));
  write_options w;
  w.author = "layla";
  auto r = e.set_translation("about", "body", "ar", "<p>مرحبا</p>", translation_state::reviewed, w);
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->translations_changed, 1u);
  auto d = e.localize("about", in("ar"));
  EXPECT_EQ(field_of(*d, "body").text, "<p>مرحبا</p>");
  EXPECT_EQ(field_of(*d, "body").state, translation_state::reviewed);
  auto h = e.history("about", "body");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->back().locale, "ar");
  EXPECT_EQ(h->back().author, "layla");
  // Same again: unchanged.
  EXPECT_FALSE(e.set_translation("about", "body", "ar", "<p>مرحبا</p>", translation_state::reviewed, w)->changed());

  EXPECT_EQ(e.set_translation("about", "slug", "fr", "x", translation_state::translated).err().code,
            errc::invalid_value);
  EXPECT_EQ(e.set_translation("about", "nope", "fr", "x", translation_state::translated).err().code,
            errc::unknown_field);
  EXPECT_EQ(e.set_translation("nope", "title", "fr", "x", translation_state::translated).err().code, errc::not_found);
  EXPECT_EQ(e.set_translation("about", "title", "xx", "x", translation_state::translated).err().code,
            errc::invalid_locale);
  EXPECT_EQ(e.set_translation("about", "title", "fr", "bad\xFF", translation_state::translated).err().code,
            errc::invalid_utf8);
  EXPECT_EQ(e.set_translation("about", "body", "fr", "<p>unclosed", translation_state::translated).err().code,
            errc::invalid_value);
  EXPECT_EQ(e.set_translation("about", "title", "fr", std::string(81, 'x'), translation_state::translated).err().code,
            errc::too_long);
  EXPECT_EQ(e.history("about", "nope").err().code, errc::unknown_field);
}

TEST(engine, errors_found_by_the_store_still_name_line_and_column) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(small, "small.json"));
  // Translating into the source locale is only detectable against the stored document.
  auto r = e.import_content(
      "{\"documents\": [\n\n  {\"type\": \"page\", \"key\": \"about\",\n"
      "   \"translations\": {\"en\": {\"title\": \"x\"}}}]}",
      "late.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::invalid_value);
  EXPECT_EQ(r.err().where.file, "late.json");
  EXPECT_EQ(r.err().where.line, 4u);
  EXPECT_EQ(r.err().where.path, "/documents/0/translations/en/title");
}

TEST(engine, localize_formats_values_for_the_reader_and_negotiates) {
  engine e = examples_engine();
  localize_options ar;
  ar.accept_language = "ar-EG,ar;q=0.9,en;q=0.5";
  auto d = e.localize("job-2026-002", ar);
  ASSERT_TRUE(d) << d.err().to_string();
  EXPECT_EQ(d->requested_locale, "ar-EG");
  EXPECT_EQ(d->dir, text_direction::rtl);
  EXPECT_EQ(field_of(*d, "positions").formatted, "\u0662");            // 2 in Arabic-Indic digits
  EXPECT_EQ(field_of(*d, "salary").text, "19850 USD");                 // canonical value kept
  EXPECT_EQ(field_of(*d, "salary").formatted.rfind("\u200F", 0), 0u);  // RLM-led Arabic currency pattern
  EXPECT_EQ(field_of(*d, "title").dir, text_direction::rtl);
  EXPECT_EQ(field_of(*d, "title").lang, "ar");
  // The message is formatted in its own language with the bound argument (positions = 2: the Arabic dual).
  const auto& msg = field_of(*d, "positions_text");
  EXPECT_NE(msg.formatted, msg.text);
  EXPECT_EQ(msg.formatted.find('{'), std::string::npos) << msg.formatted;

  localize_options fr;
  fr.locale = "fr";
  auto org = e.localize("organization", fr);
  EXPECT_EQ(field_of(*org, "founded").formatted, "21 mars 1979");
  EXPECT_EQ(field_of(*org, "working_languages").formatted, "arabe, anglais, fran\u00E7ais et espagnol");
  EXPECT_EQ(field_of(*org, "staff_count").formatted, "2\u202F380");
  EXPECT_NE(field_of(*org, "staff_summary").formatted.find("2\u202F380"), std::string::npos);
  EXPECT_EQ(field_of(*org, "staff_summary").dir, text_direction::ltr);

  localize_options none;
  none.accept_language = "de-CH,de;q=0.9";
  EXPECT_EQ(e.localize("organization", none)->requested_locale, "en");  // nothing matches: the default
}

TEST(engine, rtl_messages_isolate_left_to_right_arguments) {
  EXPECT_EQ(isolate_if_needed("INT/2026/014", text_direction::rtl), "\u2068INT/2026/014\u2069");
  EXPECT_EQ(isolate_if_needed("مرحبا", text_direction::rtl), "مرحبا");
  EXPECT_EQ(isolate_if_needed("القاهرة", text_direction::ltr), "\u2068القاهرة\u2069");
  EXPECT_EQ(isolate_if_needed("123", text_direction::rtl), "123");  // no strong character: left alone
  auto ar = *formatter::for_locale("ar");
  auto m = ar->message("المرجع {ref}", {{"ref", std::string("VA/2026/014")}});
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, "المرجع \u2068VA/2026/014\u2069");
}

TEST(engine, listing_bundle_and_html) {
  engine e = examples_engine();
  localize_options es;
  es.locale = "es";
  auto list = e.list_localized("job", es);
  ASSERT_TRUE(list) << list.err().to_string();
  ASSERT_EQ(list->size(), 20u);
  auto f = *formatter::for_locale("es");
  for (std::size_t i = 1; i < list->size(); ++i)
    EXPECT_LE(f->compare((*list)[i - 1].title, (*list)[i].title), 0) << (*list)[i].title;
  auto untranslated =
      std::find_if(list->begin(), list->end(), [](const localized_summary& s) { return s.key == "job-2026-020"; });
  EXPECT_TRUE(untranslated->fallback);
  EXPECT_EQ(untranslated->lang, "en");

  auto bundle = e.bundle("", es);
  ASSERT_TRUE(bundle);
  EXPECT_EQ(bundle->size(), 26u);  // 23 documents and the labels of their 3 types
  auto v = boost::json::parse(to_json(*bundle, "es", text_direction::ltr));
  EXPECT_EQ(v.at("locale"), "es");
  EXPECT_EQ(v.at("documents").as_array().size(), 26u);
  EXPECT_EQ(v.at("documents").at(0).at("dir"), "ltr");

  localize_options ar;
  ar.locale = "ar";
  std::string html = to_html(*e.localize("job-2026-002", ar));
  EXPECT_EQ(html.rfind("<article class=\"glossa-document glossa-job\" lang=\"ar\" dir=\"rtl\"", 0), 0u) << html;
  EXPECT_NE(html.find("<bdi>VA/2026/002</bdi>"), std::string::npos);
  EXPECT_NE(html.find("<ul><li>"), std::string::npos);  // rich text as markup
  std::string fallback_html = to_html(*e.localize("job-2026-020", ar));
  EXPECT_NE(fallback_html.find("lang=\"en\" dir=\"ltr\" data-fallback=\"missing\""), std::string::npos);
}

TEST(engine, every_write_path_runs_the_quality_checks) {
  engine e = test::memory_engine();
  ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "about", "source_locale": "en",
    "fields": {"title": "About us", "slug": "about", "summary": "See https://example.org/about", "body": "<p>Hello</p>"}}]})",
                               "a.json"));
  // translation set: a Trojan Source override is refused, nothing written.
  auto bad = e.set_translation("about", "title", "ar", "من \u202Enحن", translation_state::translated);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().code, errc::qa_failed);
  EXPECT_NE(bad.err().message.find("bidi_override"), std::string::npos) << bad.err().message;
  EXPECT_EQ(e.storage().find_document("about")->find("title")->find("ar"), nullptr);
  // A warning does not refuse; it comes back with the report.
  auto warned = e.set_translation("about", "title", "fr", "About us", translation_state::translated);
  ASSERT_TRUE(warned) << warned.err().to_string();
  ASSERT_EQ(warned->warnings.size(), 1u);
  EXPECT_EQ(warned->warnings[0].check, "identical");
  EXPECT_EQ(warned->warnings[0].document, "about");
  // The allow-list silences names.
  e.set_qa_options({{"About", "us"}});
  EXPECT_TRUE(e.set_translation("about", "title", "es", "About us", translation_state::translated)->warnings.empty());

  // content import: a changed URL refuses the whole file, located at the translation.
  const char* changed_url =
      "{\"documents\": [{\"type\": \"page\", \"key\": \"about\",\n"
      "  \"translations\": {\"es\": {\n"
      "    \"summary\": \"Vea https://example.org/acerca\"}}}]}";
  auto r = e.import_content(changed_url, "es.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::qa_failed);
  EXPECT_EQ(r.err().where.file, "es.json");
  EXPECT_EQ(r.err().where.line, 3u);
  EXPECT_NE(r.err().message.find("urls"), std::string::npos);
  EXPECT_EQ(e.storage().find_document("about")->find("summary")->find("es"), nullptr);

  // A source revision the store never had does not skip the checks that need no source.
  auto forged = e.import_content(R"({"documents": [{"type": "page", "key": "about",
    "translations": {"fr": {"title": {"text": "À \u202Epropos", "source_revision": "0000000000000000"}}}}]})",
                                 "forged.json");
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.err().code, errc::qa_failed);
  EXPECT_NE(forged.err().message.find("bidi_override"), std::string::npos) << forged.err().message;
  auto forged_ok = e.import_content(R"({"documents": [{"type": "page", "key": "about",
    "translations": {"de": {"title": {"text": "Über uns", "source_revision": "0000000000000000"}}}}]})",
                                    "forged-ok.json");
  EXPECT_TRUE(forged_ok) << forged_ok.err().to_string();

  // A translation in the same file as a new source is checked against that new source.
  auto both = e.import_content(R"({"documents": [{"type": "page", "key": "about",
    "fields": {"summary": "See https://example.org/acerca"},
    "translations": {"es": {"summary": "Vea https://example.org/acerca"}}}]})",
                               "both.json");
  EXPECT_TRUE(both) << both.err().to_string();
}
