// The termbase on every backend: TBX in (TBX 2008 as csv2tbx and CAT tools
// write it, TBX v3) and out, entries added and undone, the "terminology"
// check on French, Spanish and Arabic translations with inflected terms,
// forbidden terms refusing a write or an XLIFF unit, do-not-translate terms
// serving as the allow-identical list, and terms in XLIFF exports.
#include <gtest/gtest.h>

#include <glossa/engine.hpp>
#include <sstream>

#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {

// What Translate Toolkit 3.8.4's csv2tbx wrote for a CSV with a notes column
// (its header row becomes an entry; its target language is "xx").
const char* csv2tbx_output = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="en">
    <martifHeader>
        <fileDesc>
            <sourceDesc>
                <p>Translate Toolkit</p>
            </sourceDesc>
        </fileDesc>
    </martifHeader>
    <text>
        <body>
            <termEntry id="source">
                <langSet xml:lang="en"><tig><term>source</term></tig></langSet>
                <langSet xml:lang="xx"><tig><term>target</term></tig></langSet>
                <note>notes</note>
            </termEntry>
            <termEntry id="job opening">
                <langSet xml:lang="en"><tig><term>job opening</term></tig></langSet>
                <langSet xml:lang="xx"><tig><term>avis de vacance</term></tig></langSet>
                <note>Published on the careers page</note>
            </termEntry>
            <termEntry id="duty station">
                <langSet xml:lang="en"><tig><term>duty station</term></tig></langSet>
                <langSet xml:lang="xx"><tig><term>lieu d’affectation</term></tig></langSet>
            </termEntry>
        </body>
    </text>
</martif>
)";

// TBX-Basic as a CAT tool writes it: statuses, a definition, a deprecated
// term marked as an error, a term not to translate, an ntig.
const char* basic_fr = R"(<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
 <martifHeader><fileDesc><sourceDesc><p>memoQ</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="c1">
   <descrip type="definition">A published vacancy.</descrip>
   <langSet xml:lang="en-US"><tig><term>job opening</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
   <langSet xml:lang="fr-FR">
    <tig><term>poste vacant</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <tig><term>avis de vacance</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>offre d'emploi</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>vacance de poste</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
     <note>glossa:severity=error</note></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <descrip type="Translation needed">no</descrip>
   <langSet xml:lang="en-US"><tig><term>IALCO</term></tig></langSet>
  </termEntry>
  <termEntry id="c3">
   <langSet xml:lang="fr-FR"><tig><term>orphelin</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
)";

const char* v3_es = R"(<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
 <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="e1">
   <langSec xml:lang="en"><termSec><term>job opening</term></termSec></langSec>
   <langSec xml:lang="es"><termSec><term>anuncio de vacante</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>
)";

const char* content = R"({"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "jobs", "source_locale": "en", "fields": {
   "title": "Job openings at IALCO", "slug": "jobs",
   "body": "<p>Every job opening names its duty station.</p>"}}]})";

term plain(std::string text, term_status s = term_status::preferred, bool error = false) {
  return {std::move(text), s, error, {}, {}};
}

class terms_on : public test::on_each_backend {
 protected:
  void SetUp() override {
    on_each_backend::SetUp();
    e_ = std::make_unique<engine>(std::move(store_));
    ASSERT_TRUE(e_->import_content(content, "c.json"));
  }
  std::vector<term_entry> terms(const char* target, const char* source = "en") {
    auto r = e_->terms(source, target);
    EXPECT_TRUE(r) << r.err().to_string();
    return r ? *r : std::vector<term_entry>{};
  }
  terms_import_report import(const char* tbx, const char* file, terms_import_options o = {}) {
    auto r = e_->import_terms(tbx, file, o);
    EXPECT_TRUE(r) << r.err().to_string();
    return r ? *r : terms_import_report{};
  }
  // The terminology findings of setting a translation of jobs.FIELD.
  std::vector<std::string> findings(const char* field, const char* locale, const char* text) {
    document_input in;
    in.type = "page";
    in.key = "jobs";
    in.source_locale = "en";
    in.translations.push_back({field, locale, text, translation_state::translated, std::nullopt, {}, {}});
    auto r = e_->write({in});
    std::vector<std::string> out;
    if (!r) {
      out.push_back("refused: " + r.err().message);
      return out;
    }
    for (const auto& f : r->warnings)
      if (f.check == "terminology") out.push_back(f.message);
    return out;
  }
  std::unique_ptr<engine> e_;
};

}  // namespace

TEST_P(terms_on, csv2tbx_output_imports_with_its_header_row_left_out) {
  terms_import_options o;
  auto refused = e_->import_terms(csv2tbx_output, "glossary.tbx", o);
  ASSERT_FALSE(refused);  // "xx" is not a language Glossa can take: it asks for the target
  EXPECT_NE(refused.err().message.find("target"), std::string::npos) << refused.err().to_string();
  EXPECT_EQ(refused.err().where.file, "glossary.tbx");
  o.target_locale = "fr";
  auto r = import(csv2tbx_output, "glossary.tbx", o);
  EXPECT_EQ(r.source_locale, "en");
  EXPECT_EQ(r.target_locale, "fr");
  EXPECT_EQ(r.entries, 2u);
  EXPECT_EQ(r.added, 2u);
  EXPECT_GT(r.batch, 0);
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_NE(r.notes[0].find("\"xx\" read as fr"), std::string::npos) << r.notes[0];
  EXPECT_NE(r.notes[1].find("line 13"), std::string::npos) << r.notes[1];
  auto t = terms("fr");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].source.at(0).text, "job opening");
  EXPECT_EQ(t[0].target.at(0).text, "avis de vacance");
  EXPECT_EQ(t[0].note, "Published on the careers page");
  EXPECT_EQ(t[1].target.at(0).text, "lieu d\u2019affectation");
  auto again = import(csv2tbx_output, "glossary.tbx", o);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.duplicates, 2u);
  EXPECT_EQ(again.batch, 0);
}

TEST_P(terms_on, tbx_basic_statuses_definitions_and_do_not_translate_are_read) {
  auto r = import(basic_fr, "memoq.tbx");
  EXPECT_EQ(r.source_locale, "en");  // regional tags read as the working languages
  EXPECT_EQ(r.target_locale, "fr");
  EXPECT_EQ(r.added, 2u);  // c3 has no English term
  ASSERT_EQ(r.notes.size(), 3u);
  EXPECT_EQ(r.notes[0], "en-US read as en (the locale Glossa works in)");
  EXPECT_EQ(r.notes[1], "fr-FR read as fr (the locale Glossa works in)");
  EXPECT_NE(r.notes[2].find("line 20"), std::string::npos) << r.notes[2];
  auto t = terms("fr");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].concept_id, "c1");
  EXPECT_EQ(t[0].definition, "A published vacancy.");
  EXPECT_EQ(t[0].source.at(0).part_of_speech, "noun");
  ASSERT_EQ(t[0].target.size(), 4u);  // preferred first, then admitted, then forbidden
  EXPECT_EQ(t[0].target[0].text, "avis de vacance");
  EXPECT_EQ(t[0].target[1].text, "offre d'emploi");
  EXPECT_EQ(t[0].target[1].status, term_status::admitted);
  EXPECT_EQ(t[0].target[2].status, term_status::forbidden);
  EXPECT_FALSE(t[0].target[2].error);
  EXPECT_EQ(t[0].target[3].text, "vacance de poste");
  EXPECT_TRUE(t[0].target[3].error);
  EXPECT_TRUE(t[1].do_not_translate);
  EXPECT_EQ(t[1].target.at(0).text, "IALCO");
  // Out as TBX-Basic and back: the same entries.
  std::ostringstream out;
  terms_export_options x;
  x.target_locale = "fr";
  auto n = e_->export_terms(x, out);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2u);
  std::string tbx = out.str();
  EXPECT_NE(tbx.find("<martif type=\"TBX-Basic\" xml:lang=\"en\">"), std::string::npos);
  EXPECT_LT(tbx.find("<langSet xml:lang=\"en\">"), tbx.find("<langSet xml:lang=\"fr\">"));
  ASSERT_TRUE(e_->undo_terms(r.batch));
  EXPECT_TRUE(terms("fr").empty());
  auto back = import(tbx.c_str(), "glossa.tbx");
  EXPECT_EQ(back.added, 2u);
  auto u = terms("fr");
  ASSERT_EQ(u.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(u[i].definition, t[i].definition);
    EXPECT_EQ(u[i].do_not_translate, t[i].do_not_translate);
    ASSERT_EQ(u[i].target.size(), t[i].target.size());
    for (std::size_t k = 0; k < t[i].target.size(); ++k) {
      EXPECT_EQ(u[i].target[k].text, t[i].target[k].text);
      EXPECT_EQ(u[i].target[k].status, t[i].target[k].status);
      EXPECT_EQ(u[i].target[k].error, t[i].target[k].error);
    }
  }
}

TEST_P(terms_on, an_exported_termbase_imported_again_is_all_duplicates) {
  terms_import_options o;
  o.target_locale = "fr";
  import(csv2tbx_output, "glossary.tbx", o);  // concept ids with spaces, which TBX ids cannot hold
  import(basic_fr, "memoq.tbx");
  std::ostringstream out;
  terms_export_options x;
  x.target_locale = "fr";
  ASSERT_TRUE(e_->export_terms(x, out));
  auto again = import(out.str().c_str(), "glossa.tbx");
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.duplicates, 4u);
  // The JSON listing posted back (as the HTTP API takes it) is all duplicates too.
  auto listed = terms_from_json(to_json(terms("fr")));
  ASSERT_TRUE(listed) << listed.err().to_string();
  auto added = e_->add_terms(*listed, "terms", true);
  ASSERT_TRUE(added) << added.err().to_string();
  EXPECT_EQ(added->duplicates, 4u);
  EXPECT_EQ(added->batch, 0);
  EXPECT_FALSE(terms_from_json(R"([{"source": [{"text": "a", "status": "banned"}]}])"));
  EXPECT_FALSE(terms_from_json(R"({"source": []})"));
  // Read strictly, each refusal saying where: a wrong type is not read as absent, nor a misspelt key ignored.
  auto refused = [](const char* json) {
    auto r = terms_from_json(json);
    return r ? std::string("accepted") : r.err().message;
  };
  EXPECT_EQ(refused(R"([{"source": [{"text": "a"}]}, {"source": [{"text": "b"}], "do_not_translate": "yes"}])"),
            "entry 2: \"do_not_translate\" must be true or false");
  EXPECT_EQ(refused(R"([{"source": [{"text": "a"}], "do_not_transalte": true}])"),
            "entry 1: unknown key \"do_not_transalte\"");
  EXPECT_EQ(refused(R"([{"source": [{"text": "a"}], "target": [{"text": "b"}, {"text": "c", "note": 3}]}])"),
            "entry 1, target term 2: \"note\" must be a string");
  EXPECT_EQ(refused(R"([{"source": [{"text": "a", "severity": "fatal"}]}])"),
            "entry 1, source term 1: a term's severity must be warning or error");
  EXPECT_EQ(refused(R"([{"source": [{"text": "a"}], "do_not_translate": true}])"), "accepted");
  EXPECT_EQ(refused(("[{\"" + std::string(5000, 'k') + "\": 1}]").c_str()),
            "entry 1: unknown key \"" + std::string(40, 'k') + "...\"");
}

TEST_P(terms_on, tbx_v3_in_the_dct_style_and_a_target_the_file_lacks) {
  const char* dct = R"(<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic" type="TBX-Basic" style="dct" xml:lang="en">
 <text><body><conceptEntry id="e1"><basic:definition>A published vacancy.</basic:definition>
  <langSec xml:lang="en"><termSec><term>job opening</term></termSec></langSec>
  <langSec xml:lang="fr"><termSec><term>poste vacant</term>
   <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
   <termSec><term>avis de vacance</term><basic:partOfSpeech>noun</basic:partOfSpeech></termSec></langSec>
 </conceptEntry></body></text></tbx>)";
  import(dct, "dct.tbx");
  auto t = terms("fr");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].definition, "A published vacancy.");
  ASSERT_EQ(t[0].target.size(), 2u);
  EXPECT_EQ(t[0].target[0].text, "avis de vacance");
  EXPECT_EQ(t[0].target[0].part_of_speech, "noun");
  EXPECT_EQ(t[0].target[1].status, term_status::forbidden);
  terms_import_options o;
  o.target_locale = "es";  // the file's other language is French, a language: not read as Spanish
  auto r = e_->import_terms(dct, "dct.tbx", o);
  ASSERT_FALSE(r);
  EXPECT_NE(r.err().message.find("no terms in es (its other languages: fr)"), std::string::npos) << r.err().message;
}

TEST_P(terms_on, tbx_v3_imports_and_batches_undo_once) {
  auto r = import(v3_es, "v3.tbx");
  EXPECT_EQ(r.target_locale, "es");
  ASSERT_EQ(terms("es").size(), 1u);
  auto undone = e_->undo_terms(r.batch);
  ASSERT_TRUE(undone);
  EXPECT_EQ(undone->removed, 1u);
  EXPECT_TRUE(terms("es").empty());
  auto twice = e_->undo_terms(r.batch);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.err().code, errc::invalid_argument);
  EXPECT_EQ(e_->undo_terms(9999).err().code, errc::not_found);
  auto as_xliff = e_->undo_batch(r.batch);  // an XLIFF undo of a terms batch names the right command
  ASSERT_FALSE(as_xliff);
  EXPECT_NE(as_xliff.err().message.find("terms undo"), std::string::npos);
  terms_import_options dry;
  dry.dry_run = true;
  auto d = import(v3_es, "v3.tbx", dry);
  EXPECT_EQ(d.added, 1u);
  EXPECT_EQ(d.batch, 0);
  EXPECT_TRUE(terms("es").empty());
}

TEST_P(terms_on, bad_tbx_is_refused_with_its_place_and_changes_nothing) {
  struct bad {
    const char* text;
    const char* says;
    std::uint32_t line;
  };
  const bad cases[] = {
      {"<tmx version=\"1.4\"><body/></tmx>", "not TBX", 1},
      {"<martif xml:lang=\"en\"><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>a</term>"
       "\n<termNote type=\"administrativeStatus\">approved</termNote></tig></langSet>"
       "<langSet xml:lang=\"fr\"><tig><term>b</term></tig></langSet></termEntry></body></text></martif>",
       "administrative status", 3},
      {"<martif xml:lang=\"en\"><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>a</term></tig></langSet>"
       "<langSet xml:lang=\"fr\"><tig><term>b</term></tig></langSet><langSet xml:lang=\"es\"><tig><term>c</term>"
       "</tig></langSet></termEntry></body></text></martif>",
       "several target languages (fr, es)", 1},
      {"<martif xml:lang=\"en\"><text><body>\n\n<termEntry></body></text></martif>", "well-formed", 3},
      {"<martif xml:lang=\"en\"><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>a\x7f</term></tig>"
       "</langSet><langSet xml:lang=\"fr\"><tig><term>b</term></tig></langSet></termEntry></body></text></martif>",
       "control character", 1},
  };
  for (const auto& c : cases) {
    auto r = e_->import_terms(c.text, "bad.tbx");
    ASSERT_FALSE(r) << c.says;
    EXPECT_NE(r.err().to_string().find(c.says), std::string::npos) << r.err().to_string();
    EXPECT_EQ(r.err().where.file, "bad.tbx");
    EXPECT_EQ(r.err().where.line, c.line) << c.says;
  }
  terms_import_options o;
  o.target_locale = "de";  // not a locale this organization works in
  EXPECT_EQ(e_->import_terms(v3_es, "v3.tbx", o).err().code, errc::unknown_locale);
  EXPECT_TRUE(terms("fr").empty());
  EXPECT_TRUE(terms("es").empty());
  term_entry empty;
  empty.source_locale = "en";
  empty.target_locale = "fr";
  EXPECT_EQ(e_->add_terms({empty}).err().code, errc::invalid_argument);  // no source term
  empty.source = {plain("eau\uffff")};  // XML 1.0 cannot carry U+FFFF: an export would break
  EXPECT_EQ(e_->add_terms({empty}).err().code, errc::invalid_argument);
  empty.source = {plain("a")};
  empty.target_locale = "en";
  EXPECT_EQ(e_->add_terms({empty}).err().code, errc::invalid_argument);  // one language
}

// French: plurals on each word, elision; a forbidden term warns, or refuses
// where the termbase says it is an error.
TEST_P(terms_on, french_translations_are_checked_against_inflected_terms) {
  term_entry e;
  e.source_locale = "en";
  e.target_locale = "fr";
  e.source = {plain("job opening")};
  e.target = {plain("avis de vacance"), plain("offre d'emploi", term_status::admitted),
              plain("poste vacant", term_status::forbidden), plain("vacance de poste", term_status::forbidden, true)};
  term_entry station = e;
  station.source = {plain("duty station")};
  station.target = {plain("lieu d'affectation")};
  auto one_pair = e_->add_terms({e, station});
  ASSERT_TRUE(one_pair);
  EXPECT_EQ(one_pair->target_locale, "fr");
  EXPECT_TRUE(one_pair->notes.empty());
  // Entries of two pairs in one batch: no one pair is named, each is said with its count.
  term_entry arabic = station;
  arabic.target_locale = "ar";
  arabic.target = {plain("مركز العمل")};
  auto two_pairs = e_->add_terms({arabic, station}, "terms", /*dry_run=*/true);
  ASSERT_TRUE(two_pairs);
  EXPECT_EQ(two_pairs->target_locale, "");
  EXPECT_EQ(two_pairs->notes, (std::vector<std::string>{"1 entry en > ar", "1 entry en > fr"}));
  using list = std::vector<std::string>;
  EXPECT_EQ(findings("body", "fr", "<p>Chaque avis de vacance indique son lieu d\u2019affectation.</p>"), list{});
  EXPECT_EQ(findings("title", "fr", "Les avis de vacances de l\u2019IALCO"), list{});  // plural of each word
  EXPECT_EQ(findings("title", "fr", "Offres d\u2019emploi à l\u2019IALCO"), list{});   // admitted, elided
  EXPECT_EQ(findings("body", "fr", "<p>Chaque annonce indique ses lieux d'affectation.</p>"),
            list{"the source has \u201cjob opening\u201d: the termbase translates it as \u201cavis de vacance\u201d or "
                 "\u201coffre d'emploi\u201d"});
  // A forbidden term inside the term the source asks for is that term, not the forbidden one.
  term_entry post = e;
  post.source = {plain("vacancy notice")};
  post.target = {plain("avis de vacance de poste"), plain("poste", term_status::forbidden, true)};
  auto post_batch = e_->add_terms({post});
  ASSERT_TRUE(post_batch);
  document_input in;
  in.type = "page";
  in.key = "jobs";
  in.source_locale = "en";
  in.fields.push_back({"title", "Job openings: each vacancy notice at IALCO", {}});
  ASSERT_TRUE(e_->write({in}));
  EXPECT_EQ(findings("title", "fr", "Avis de vacance : chaque avis de vacance de poste à l'IALCO"), list{});
  auto outside = findings("title", "fr", "Avis de vacance : chaque poste à l'IALCO");
  ASSERT_EQ(outside.size(), 1u);  // "poste" stands alone: refused
  EXPECT_NE(outside[0].find("refused: jobs.title (fr): terminology: \u201cposte\u201d is a forbidden term"),
            std::string::npos)
      << outside[0];
  in.fields = {{"title", "Job openings at IALCO", {}}};
  ASSERT_TRUE(e_->write({in}));
  // A forbidden term inside a longer forbidden one: the longer is reported.
  EXPECT_EQ(findings("title", "fr", "Avis de vacance, postes vacants à l'IALCO"),
            list{"\u201cposte vacant\u201d is a forbidden term: use \u201cavis de vacance\u201d or \u201coffre "
                 "d'emploi\u201d"});
  ASSERT_TRUE(e_->undo_terms(post_batch->batch));
  EXPECT_EQ(findings("title", "fr", "Avis de vacance et postes vacants à l'IALCO"),
            list{"\u201cposte vacant\u201d is a forbidden term: use \u201cavis de vacance\u201d or \u201coffre "
                 "d'emploi\u201d"});
  auto refused = findings("title", "fr", "Avis de vacance : vacances de poste à l'IALCO");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_NE(refused[0].find("refused: jobs.title (fr): terminology: \u201cvacance de poste\u201d is a forbidden term"),
            std::string::npos)
      << refused[0];
  auto stored = e_->storage().find_document("jobs");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->find("title")->find("fr")->text, "Avis de vacance et postes vacants à l'IALCO");
}

TEST_P(terms_on, spanish_and_arabic_translations_are_checked_too) {
  term_entry es;
  es.source_locale = "en";
  es.target_locale = "es";
  es.source = {plain("job opening")};
  es.target = {plain("anuncio de vacante")};
  term_entry ar = es;
  ar.target_locale = "ar";
  ar.source = {plain("duty station")};
  ar.target = {plain("\u0645\u0631\u0643\u0632 \u0627\u0644\u0639\u0645\u0644")};  // مركز العمل
  ASSERT_TRUE(e_->add_terms({es}));
  ASSERT_TRUE(e_->add_terms({ar}));
  using list = std::vector<std::string>;
  EXPECT_EQ(findings("title", "es", "Anuncios de vacantes en la IALCO"), list{});  // plural of each word
  EXPECT_EQ(
      findings("title", "es", "Puestos en la IALCO"),
      list{"the source has \u201cjob opening\u201d: the termbase translates it as \u201canuncio de vacante\u201d"});
  // وبمركز العمل: the conjunction and the preposition attached to the term.
  EXPECT_EQ(findings("body", "ar",
                     "<p>\u064a\u0630\u0643\u0631 \u0643\u0644 \u0625\u0639\u0644\u0627\u0646 \u0648\u0628\u0645\u0631"
                     "\u0643\u0632 \u0627\u0644\u0639\u0645\u0644.</p>"),
            list{});
  EXPECT_EQ(
      findings("body", "ar",
               "<p>\u064a\u0630\u0643\u0631 \u0643\u0644 \u0625\u0639\u0644\u0627\u0646 "
               "\u0645\u0643\u0627\u0646 \u0627\u0644\u0639\u0645\u0644.</p>"),
      list{"the source has \u201cduty station\u201d: the termbase translates it as \u201c\u0645\u0631\u0643\u0632 "
           "\u0627\u0644\u0639\u0645\u0644\u201d"});
}

// A term not to translate: the translation keeps it, and a translation
// identical to a source made of such terms is not reported as identical.
TEST_P(terms_on, do_not_translate_terms_serve_as_the_allow_identical_list) {
  auto qa_of_title = [&](const char* title) {
    document_input in;
    in.type = "page";
    in.key = "jobs";
    in.source_locale = "en";
    in.fields.push_back({"title", title, {}});
    EXPECT_TRUE(e_->write({in}));
    return findings("title", "fr", title);
  };
  using list = std::vector<std::string>;
  EXPECT_EQ(qa_of_title("IALCO"), list{});
  auto before = e_->qa("fr", "jobs");
  ASSERT_TRUE(before);
  bool reported = false;
  for (const auto& f : *before) reported = reported || f.check == "identical";
  EXPECT_TRUE(reported);  // no termbase yet: "IALCO" = "IALCO" is reported
  term_entry dnt;
  dnt.source_locale = "en";
  dnt.target_locale = "fr";
  dnt.source = {plain("IALCO")};
  dnt.do_not_translate = true;
  ASSERT_TRUE(e_->add_terms({dnt}));
  auto after = e_->qa("fr", "jobs");
  ASSERT_TRUE(after);
  for (const auto& f : *after) EXPECT_NE(f.check, "identical") << f.message;
  EXPECT_EQ(qa_of_title("Job openings at IALCO"), list{});
  EXPECT_EQ(findings("title", "fr", "Avis de vacance à l'OICTA"),
            list{"\u201cIALCO\u201d is not to be translated: the translation should have it as it is"});
}

TEST_P(terms_on, exports_carry_the_units_terms_and_imports_judge_them) {
  term_entry e;
  e.source_locale = "en";
  e.target_locale = "fr";
  e.source = {plain("duty station")};
  e.target = {plain("lieu d'affectation"), plain("poste d'affectation", term_status::forbidden, true)};
  e.definition = "Where a staff member works.";
  ASSERT_TRUE(e_->add_terms({e}));
  xliff_export_options o;
  o.locale = "fr";
  o.scope = export_scope::all;
  o.documents = {"jobs"};
  o.version = xliff_version::v2_1;
  std::ostringstream out;
  auto r = e_->export_xliff(o, out);
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->termed_units, 1u);  // the body has the term; the title and slug do not
  std::string x = out.str();
  auto body = x.find("<unit id=\"jobs.body\"");
  auto gls = x.find("<gls:glossEntry id=\"g");
  ASSERT_NE(gls, std::string::npos);
  EXPECT_GT(gls, body);
  EXPECT_NE(x.find("<gls:term source=\"glossa\">duty station</gls:term><gls:translation id=\"g"), std::string::npos);
  EXPECT_NE(x.find(">Where a staff member works. Do not use: poste d'affectation.</gls:definition>"),
            std::string::npos);
  o.version = xliff_version::v1_2;
  std::ostringstream out12;
  ASSERT_TRUE(e_->export_xliff(o, out12));
  std::string y = out12.str();
  EXPECT_NE(y.find("<note from=\"glossa-terms\" annotates=\"source\">Term: duty station = lieu d'affectation. Where a "
                   "staff member works. Do not use: poste d'affectation.</note>"),
            std::string::npos);
  o.terms = false;
  std::ostringstream none;
  ASSERT_TRUE(e_->export_xliff(o, none));
  EXPECT_EQ(none.str().find("glossa-terms"), std::string::npos);
  // A translator's target with the forbidden term: the unit is refused, the others apply.
  ASSERT_EQ(y.find("<target", y.find("<trans-unit id=\"jobs.body\"")),
            y.find("<target", y.find("<trans-unit id=\"jobs.slug\"")));
  y.insert(y.find("</source>", y.find("<trans-unit id=\"jobs.body\"")) + 9,
           "<target state=\"translated\"><g id=\"1\" ctype=\"x-html-p\">Chaque poste d'affectation.</g></target>");
  auto imported = e_->import_xliff(y, "fr.xlf");
  ASSERT_TRUE(imported) << imported.err().to_string();
  bool refused = false;
  for (const auto& u : imported->units)
    if (u.id == "jobs.body") {
      refused = u.outcome == unit_outcome::refused && u.check == "terminology";
      EXPECT_TRUE(refused) << u.message << to_string(u.outcome) << "\n" << y;
    }
  EXPECT_TRUE(refused);
}

INSTANTIATE_TEST_SUITE_P(every_backend, terms_on, ::testing::ValuesIn(test::backend_uris()), test::backend_name);
