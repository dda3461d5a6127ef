// Round-trip fidelity (docs/xliff.md): what the import makes of files that
// Glossa exported and a translator's tool gave back, each built by mutating
// a real export: unedited, states changed, codes dropped, revisions
// stripped, sources rewritten, target languages respelled.
#include <gtest/gtest.h>

#include <glossa/engine.hpp>
#include <glossa/xliff.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace glossa;

namespace {

engine examples_engine() {
  engine e = test::memory_engine();
  auto r = e.import_content_files(test::example_files());
  if (!r) throw std::runtime_error(r.err().to_string());
  return e;
}

const char* fixture = R"({"documents": [
  {"type": "page", "key": "about", "source_locale": "en",
   "fields": {"title": "About us", "slug": "about", "summary": "Who we are",
              "body": "<p>We <b>protect</b> land and <i>water</i>.</p>"}},
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

std::string export_text(engine& e, const std::string& locale, xliff_version v, export_scope scope,
                        std::vector<std::string> documents = {}) {
  std::ostringstream out;
  xliff_export_options o;
  o.locale = locale;
  o.version = v;
  o.scope = scope;
  o.documents = std::move(documents);
  auto r = e.export_xliff(o, out);
  if (!r) throw std::runtime_error(r.err().to_string());
  return out.str();
}

// Content, translations and the length of every document's history.
std::string fingerprint(engine& e) {
  std::string out = *e.export_content();
  auto docs = e.storage().list_documents();
  for (const auto& d : *docs) out += d.key + ":" + std::to_string(e.history(d.key)->size()) + ";";
  return out;
}

const unit_report& unit_named(const xliff_import_report& r, const std::string& id) {
  for (const auto& u : r.units)
    if (u.id == id) return u;
  throw std::runtime_error("no unit " + id);
}

const translation* stored(engine& e, const std::string& key, const std::string& field, const std::string& locale,
                          std::string* revision = nullptr) {
  static document d;
  d = *e.storage().find_document(key);
  const auto* f = d.find(field);
  if (revision) *revision = f->revision;
  return f->find(locale);
}

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The span of unit `id`'s element in an export: <trans-unit> or <unit>.
std::pair<std::size_t, std::size_t> unit_span(const std::string& x, const std::string& id) {
  auto at = x.find("id=\"" + id + "\"");
  if (at == std::string::npos) throw std::runtime_error("no unit " + id + " in the export");
  auto begin = x.rfind('<', at);
  bool v12 = x.compare(begin, 11, "<trans-unit") == 0;
  auto end = x.find(v12 ? "</trans-unit>" : "</unit>", at);
  return {begin, end};
}

// Replaces the content of unit `id`'s <target> with `content`; a unit
// exported without one gets one after its <source>, as a tool adds it.
std::string with_target(std::string x, const std::string& id, const std::string& content) {
  auto [begin, end] = unit_span(x, id);
  auto open = x.find("<target", begin);
  if (open > end) return x.insert(x.find("</source>", begin) + 9, "<target>" + content + "</target>");
  auto inner = x.find('>', open) + 1;
  if (x[inner - 2] == '/') return x.replace(open, inner - open, "<target>" + content + "</target>");
  auto close = x.find("</target>", inner);
  return x.replace(inner, close - inner, content);
}

std::string target_of(const std::string& x, const std::string& id) {
  auto [begin, end] = unit_span(x, id);
  auto open = x.find("<target", begin);
  if (open > end) return {};
  auto inner = x.find('>', open) + 1;
  return x.substr(inner, x.find("</target>", inner) - inner);
}

// Sets the state a tool gives unit `id` (1.2: state on <target>, approved
// removed; 2.x: state on <segment>).
std::string with_state(std::string x, const std::string& id, const std::string& state) {
  auto [begin, end] = unit_span(x, id);
  std::string unit = x.substr(begin, end - begin);
  bool v12 = unit.rfind("<trans-unit", 0) == 0;
  unit = std::regex_replace(unit, std::regex(" approved=\"yes\""), "");
  if (v12)
    unit = std::regex_replace(unit, std::regex("<target( state=\"[^\"]*\")?>"), "<target state=\"" + state + "\">");
  else
    unit = std::regex_replace(unit, std::regex("<segment( state=\"[^\"]*\")?>"), "<segment state=\"" + state + "\">");
  return x.replace(begin, end - begin, unit);
}

std::string without_revisions(std::string x) {
  for (auto at = x.find(" glossa:rev=\""); at != std::string::npos; at = x.find(" glossa:rev=\"", at))
    x.erase(at, x.find('"', at + 13) + 1 - at);
  return x;
}

constexpr xliff_version all_versions[] = {xliff_version::v1_2, xliff_version::v2_0, xliff_version::v2_1,
                                          xliff_version::v2_2};

}  // namespace

// 1. An unedited export imported back changes nothing and writes no
// history: every unit that had a target is unchanged, every other one
// untranslated. Over the whole example store, every version, both scopes,
// with and without glossa:rev (which tools drop).
TEST(xliff_fidelity, an_unedited_round_trip_is_a_no_op) {
  engine e = examples_engine();
  const std::string before = fingerprint(e);
  for (const std::string locale : {"ar", "es", "fr"})
    for (auto v : all_versions)
      for (auto scope : {export_scope::all, export_scope::todo})
        for (bool strip : {false, true}) {
          std::string what = locale + " " + std::string(to_string(v)) + " " + std::string(to_string(scope)) +
                             (strip ? " without glossa:rev" : "");
          std::string x = export_text(e, locale, v, scope);
          if (strip) x = without_revisions(x);
          auto r = e.import_xliff(x, "rt.xlf");
          ASSERT_TRUE(r) << what << ": " << r.err().to_string();
          std::size_t targets = count_of(x, "<target");
          EXPECT_EQ(r->count(unit_outcome::unchanged), targets) << what << "\n" << to_json(*r);
          EXPECT_EQ(r->count(unit_outcome::untranslated), r->units.size() - targets) << what;
          EXPECT_TRUE(r->all_taken()) << what;
          EXPECT_EQ(r->batch, 0) << what;
          if (scope == export_scope::all) {
            EXPECT_GT(targets, 100u) << what;
          }
          ASSERT_EQ(fingerprint(e), before) << what << ": the store changed";
        }
}

// 1. The messages that used to come back rewritten: text outside the
// plural, two plurals. Edited once, they export and import again unchanged.
TEST(xliff_fidelity, edited_messages_export_their_targets_again) {
  engine e = examples_engine();
  std::string x = export_text(e, "es", xliff_version::v1_2, export_scope::all, {"organization"});
  ASSERT_NE(x.find("organization.staff_summary:staff.one:stations.one"), std::string::npos);
  std::string edited = std::regex_replace(x, std::regex("miembros del personal"), "personas");
  auto r = e.import_xliff(edited, "edited.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_GT(r->count(unit_outcome::applied), 0u);
  std::string again = export_text(e, "es", xliff_version::v1_2, export_scope::all, {"organization"});
  EXPECT_EQ(count_of(again, "<target"), count_of(x, "<target"));
  auto same = e.import_xliff(again, "again.xlf");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->count(unit_outcome::unchanged), count_of(again, "<target"));
}

// 2 and 3. The state rule (docs/xliff.md, "States"), every cell: the state
// stored and whether it is stale, the state the file gives, whether the
// target changed -> the outcome, the state stored after, and whether the
// translation is then bound to the current source.
TEST(xliff_fidelity, the_state_table_cell_by_cell) {
  using ts = translation_state;
  using uo = unit_outcome;
  enum class in_file { not_done, translated, reviewed, final_ };
  struct cell {
    ts stored;
    bool stale;
    in_file file;
    bool changed;
    uo outcome;
    ts after;
    bool current_after;
  };
  const auto N = ts::fresh, T = ts::translated, R = ts::reviewed, F = ts::final_;
  const auto nd = in_file::not_done, ft = in_file::translated, fr = in_file::reviewed, ff = in_file::final_;
  const auto un = uo::unchanged, ap = uo::applied, pr = uo::protected_;
  const std::vector<cell> table = {
      // unchanged target, current translation: only a raised state counts
      {N, false, nd, false, un, N, true},
      {N, false, ft, false, ap, T, true},
      {N, false, fr, false, ap, R, true},
      {N, false, ff, false, ap, F, true},
      {T, false, nd, false, un, T, true},
      {T, false, ft, false, un, T, true},
      {T, false, fr, false, ap, R, true},
      {T, false, ff, false, ap, F, true},
      {R, false, nd, false, un, R, true},
      {R, false, ft, false, un, R, true},
      {R, false, fr, false, un, R, true},
      {R, false, ff, false, ap, F, true},
      {F, false, nd, false, un, F, true},
      {F, false, ft, false, un, F, true},
      {F, false, fr, false, un, F, true},
      {F, false, ff, false, un, F, true},
      // unchanged target, stale translation: exported as not done; a done state confirms it
      {N, true, nd, false, un, N, false},
      {N, true, ft, false, ap, T, true},
      {N, true, fr, false, ap, R, true},
      {N, true, ff, false, ap, F, true},
      {T, true, nd, false, un, T, false},
      {T, true, ft, false, ap, T, true},
      {T, true, fr, false, ap, R, true},
      {T, true, ff, false, ap, F, true},
      {R, true, nd, false, un, R, false},
      {R, true, ft, false, ap, T, true},
      {R, true, fr, false, ap, R, true},
      {R, true, ff, false, ap, F, true},
      {F, true, nd, false, un, F, false},
      {F, true, ft, false, ap, T, true},
      {F, true, fr, false, ap, R, true},
      {F, true, ff, false, ap, F, true},
      // changed target, current translation: a done state is kept, else translated; protection
      {N, false, nd, true, ap, T, true},
      {N, false, ft, true, ap, T, true},
      {N, false, fr, true, ap, R, true},
      {N, false, ff, true, ap, F, true},
      {T, false, nd, true, ap, T, true},
      {T, false, ft, true, ap, T, true},
      {T, false, fr, true, ap, R, true},
      {T, false, ff, true, ap, F, true},
      {R, false, nd, true, pr, R, true},
      {R, false, ft, true, pr, R, true},
      {R, false, fr, true, ap, R, true},
      {R, false, ff, true, ap, F, true},
      {F, false, nd, true, pr, F, true},
      {F, false, ft, true, pr, F, true},
      {F, false, fr, true, pr, F, true},
      {F, false, ff, true, ap, F, true},
      // changed target, stale translation: the rework the export asked for, never protected
      {N, true, nd, true, ap, T, true},
      {N, true, ft, true, ap, T, true},
      {N, true, fr, true, ap, R, true},
      {N, true, ff, true, ap, F, true},
      {T, true, nd, true, ap, T, true},
      {T, true, ft, true, ap, T, true},
      {T, true, fr, true, ap, R, true},
      {T, true, ff, true, ap, F, true},
      {R, true, nd, true, ap, T, true},
      {R, true, ft, true, ap, T, true},
      {R, true, fr, true, ap, R, true},
      {R, true, ff, true, ap, F, true},
      {F, true, nd, true, ap, T, true},
      {F, true, ft, true, ap, T, true},
      {F, true, fr, true, ap, R, true},
      {F, true, ff, true, ap, F, true},
  };
  ASSERT_EQ(table.size(), 64u);
  for (auto v : {xliff_version::v1_2, xliff_version::v2_1}) {
    bool v2 = v != xliff_version::v1_2;
    for (const auto& c : table) {
      engine e = fixture_engine();
      ASSERT_TRUE(e.set_translation("about", "summary", "fr", "Qui nous sommes", c.stored));
      if (c.stale) {
        ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "about",
            "fields": {"summary": "Who we are today"}}]})",
                                     "edit.json"));
      }
      std::string x = export_text(e, "fr", v, export_scope::all, {"about"});
      const char* states[] = {v2 ? "initial" : "new", "translated", v2 ? "reviewed" : "signed-off", "final"};
      x = with_state(x, "about.summary", states[static_cast<int>(c.file)]);
      if (c.changed) x = with_target(x, "about.summary", "Qui nous sommes aujourd’hui");
      std::string what = std::string(to_string(v)) + ": stored " + std::string(to_string(c.stored)) +
                         (c.stale ? " stale" : " current") + ", file " + states[static_cast<int>(c.file)] +
                         (c.changed ? ", changed" : ", unchanged");
      auto r = e.import_xliff(x, "cell.xlf");
      ASSERT_TRUE(r) << what << ": " << r.err().to_string();
      EXPECT_EQ(unit_named(*r, "about.summary").outcome, c.outcome) << what;
      std::string revision;
      const translation* t = stored(e, "about", "summary", "fr", &revision);
      ASSERT_NE(t, nullptr) << what;
      EXPECT_EQ(t->state, c.after) << what;
      EXPECT_EQ(t->source_revision == revision, c.current_after) << what;
      bool took_new_text = c.changed && c.outcome == uo::applied;
      EXPECT_EQ(t->text, took_new_text ? "Qui nous sommes aujourd’hui" : "Qui nous sommes") << what;
    }
  }
}

// 2. The example store's stale Arabic stays stale through an untouched
// todo export (coverage's stale count does not move).
TEST(xliff_fidelity, stale_stays_stale_unless_the_translator_touched_it) {
  engine e = examples_engine();
  auto stale_count = [&] {
    coverage_options o;
    o.locales = {"ar"};
    auto c = e.coverage(o);
    std::size_t n = 0;
    for (const auto& row : c->totals)
      if (row.locale == "ar") n += row.counts.units[static_cast<std::size_t>(unit_status::stale)];
    return n;
  };
  std::size_t before = stale_count();
  ASSERT_GT(before, 0u);
  for (auto v : all_versions) {
    auto r = e.import_xliff(export_text(e, "ar", v, export_scope::todo), "todo.xlf");
    ASSERT_TRUE(r) << r.err().to_string();
    EXPECT_EQ(r->count(unit_outcome::applied), 0u);
    EXPECT_EQ(stale_count(), before) << to_string(v);
  }
}

// 3. A todo export asks for the rework of stale reviewed and final
// translations: done, it is applied, not "protected".
TEST(xliff_fidelity, the_rework_a_todo_export_asked_for_is_accepted) {
  for (auto v : all_versions)
    for (auto state : {translation_state::reviewed, translation_state::final_}) {
      engine e = fixture_engine();
      ASSERT_TRUE(e.set_translation("about", "summary", "fr", "Qui nous sommes", state));
      ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "about",
          "fields": {"summary": "Who we are today"}}]})",
                                   "edit.json"));
      std::string x = export_text(e, "fr", v, export_scope::todo, {"about"});
      ASSERT_NE(x.find("about.summary"), std::string::npos);
      x = with_target(x, "about.summary", "Qui nous sommes aujourd’hui");
      auto r = e.import_xliff(x, "todo.xlf");
      ASSERT_TRUE(r) << r.err().to_string();
      EXPECT_EQ(unit_named(*r, "about.summary").outcome, unit_outcome::applied) << to_string(v);
      std::string revision;
      const translation* t = stored(e, "about", "summary", "fr", &revision);
      EXPECT_EQ(t->text, "Qui nous sommes aujourd’hui");
      EXPECT_EQ(t->source_revision, revision);
    }
}

// 5. One bad unit does not sink a file, in any version: the same mistake
// inside one unit's target gives the same outcome in 1.2, 2.0, 2.1 and 2.2,
// and the file's other units are judged as usual.
TEST(xliff_fidelity, one_bad_unit_is_refused_alone_in_every_version) {
  struct mistake {
    std::string name, code;
    std::string (*apply)(const std::string& target, bool v2);
  };
  const std::vector<mistake> mistakes = {
      {"dropped code", "inline_codes",
       [](const std::string& t, bool v2) {
         return std::regex_replace(
             t, std::regex(v2 ? "<pc id=\"2\"[^>]*>([^<]*)</pc>" : "<g id=\"2\"[^>]*>([^<]*)</g>"), "$1");
       }},
      {"duplicated code", "inline_codes",
       [](const std::string& t, bool v2) {
         std::smatch m;
         std::regex_search(t, m, std::regex(v2 ? "<pc id=\"2\"[^>]*>[^<]*</pc>" : "<g id=\"2\"[^>]*>[^<]*</g>"));
         return t.substr(0, t.rfind('<')) + " " + m.str() + t.substr(t.rfind('<'));
       }},
      {"extra code", "inline_codes",
       [](const std::string& t, bool v2) { return (v2 ? "<ph id=\"99\"/>" : "<x id=\"99\"/>") + t; }},
      {"emptied target", "empty_target", [](const std::string&, bool) { return std::string(); }},
  };
  for (const auto& m : mistakes)
    for (auto v : all_versions) {
      bool v2 = v != xliff_version::v1_2;
      engine e = fixture_engine();
      ASSERT_TRUE(e.set_translation("about", "body", "fr", "<p>Nous <b>protégeons</b> la terre et <i>l’eau</i>.</p>",
                                    translation_state::translated));
      std::string x = export_text(e, "fr", v, export_scope::all, {"about"});
      x = with_target(x, "about.body", m.apply(target_of(x, "about.body"), v2));
      x = with_target(x, "about.title", "À propos de nous");
      std::string what = m.name + " in " + std::string(to_string(v));
      auto r = e.import_xliff(x, "bad.xlf");
      ASSERT_TRUE(r) << what << ": refused whole: " << r.err().to_string();
      EXPECT_EQ(unit_named(*r, "about.body").outcome, unit_outcome::refused) << what;
      EXPECT_EQ(unit_named(*r, "about.body").code(), m.code) << what << ": " << unit_named(*r, "about.body").message;
      EXPECT_EQ(unit_named(*r, "about.title").outcome, unit_outcome::applied) << what;
      EXPECT_EQ(stored(e, "about", "title", "fr")->text, "À propos de nous") << what;
      EXPECT_EQ(stored(e, "about", "body", "fr")->text, "<p>Nous <b>protégeons</b> la terre et <i>l’eau</i>.</p>");
      if (v2 && m.name != "extra code") {
        auto validation = validate_xliff(x, "bad.xlf");  // still invalid XLIFF, as validate says
        EXPECT_FALSE(validation.valid()) << what;
      }
    }
}

// 6. Without glossa:rev, the unit's <source> says what it was made from.
TEST(xliff_fidelity, a_stripped_revision_is_recovered_from_the_source) {
  for (auto v : all_versions) {
    for (bool strip : {false, true}) {
      engine e = fixture_engine();
      std::string x = export_text(e, "fr", v, export_scope::todo, {"about"});
      // The source changes after the export; the translator works on the old file.
      ASSERT_TRUE(e.import_content(R"({"documents": [{"type": "page", "key": "about",
          "fields": {"summary": "Who we are today"}}]})",
                                   "edit.json"));
      if (strip) x = without_revisions(x);
      std::string unit_start = x.substr(unit_span(x, "about.summary").first, 200);
      bool has_target = unit_start.find("<target") != std::string::npos;
      if (!has_target) {  // no translation was exported: add the translator's target after the source
        auto [b, end] = unit_span(x, "about.summary");
        auto src_end = x.find("</source>", b) + 9;
        x.insert(src_end, "<target>Qui nous sommes</target>");
      }
      auto r = e.import_xliff(x, "old.xlf");
      ASSERT_TRUE(r) << r.err().to_string();
      const auto& u = unit_named(*r, "about.summary");
      EXPECT_EQ(u.outcome, unit_outcome::stale)
          << to_string(v) << (strip ? " stripped: " : ": ") << u.code() << " " << u.message;
      std::string revision;
      const translation* t = stored(e, "about", "summary", "fr", &revision);
      ASSERT_NE(t, nullptr);
      EXPECT_NE(t->source_revision, revision);  // bound to the old source, not the new
    }
  }
}

TEST(xliff_fidelity, a_source_that_is_no_source_of_the_field_is_refused) {
  for (auto v : all_versions)
    for (bool strip : {false, true}) {
      engine e = fixture_engine();
      ASSERT_TRUE(e.set_translation("about", "summary", "fr", "Qui nous sommes", translation_state::translated));
      std::string x = export_text(e, "fr", v, export_scope::all, {"about", "job-1"});
      if (strip) x = without_revisions(x);
      x = std::regex_replace(x, std::regex("<source>Who we are</source>"), "<source>Who we were</source>");
      x = with_target(x, "about.summary", "Qui nous étions");
      auto [b, end] = unit_span(x, "job-1.positions_text:count.many");
      x.replace(x.find("posts", b), 5, "jobs");  // one variant's source of a message
      auto r = e.import_xliff(x, "src.xlf");
      ASSERT_TRUE(r) << r.err().to_string();
      const auto& u = unit_named(*r, "about.summary");
      std::string what = std::string(to_string(v)) + (strip ? " stripped" : "");
      EXPECT_EQ(u.code(), "source_mismatch") << what << ": " << u.message;
      EXPECT_NE(u.message.find("Who we were"), std::string::npos) << u.message;
      EXPECT_NE(u.message.find("Who we are"), std::string::npos) << u.message;
      EXPECT_EQ(unit_named(*r, "job-1.positions_text:count.many").code(), "source_mismatch") << what;
      EXPECT_EQ(unit_named(*r, "job-1.positions_text:count.one").code(), "source_mismatch") << what;
      EXPECT_EQ(stored(e, "about", "summary", "fr")->text, "Qui nous sommes");
    }
}

// 6. What tools do to a source without changing it: whitespace reflowed,
// codes respelled (<bpt>/<ept> for <g>), CDATA, character references.
TEST(xliff_fidelity, a_respelled_source_still_matches) {
  engine e = fixture_engine();
  std::string x = without_revisions(export_text(e, "fr", xliff_version::v1_2, export_scope::todo, {"about"}));
  auto [b, end] = unit_span(x, "about.body");
  auto s = x.find("<source>", b), se = x.find("</source>", s) + 9;
  std::string source = x.substr(s, se - s);
  // <g id="N"> ... </g> as <bpt id="N"/> ... <ept id="N"/>, each end paired with its start.
  std::string respelled;
  std::vector<std::string> open;
  for (std::size_t i = 0; i < source.size();) {
    if (source.compare(i, 6, "<g id=") == 0) {
      auto q = source.find('"', i + 7);
      open.push_back(source.substr(i + 7, q - i - 7));
      respelled += "<bpt id=\"" + open.back() + "\">&lt;b&gt;</bpt>";
      i = source.find('>', i) + 1;
    } else if (source.compare(i, 4, "</g>") == 0) {
      respelled += "<ept id=\"" + open.back() + "\">&lt;/b&gt;</ept>";
      open.pop_back();
      i += 4;
    } else {
      respelled += source[i++];
    }
  }
  respelled = std::regex_replace(respelled, std::regex(" land"), "\n      l&#97;nd");  // reflowed, a reference
  ASSERT_NE(respelled, source);
  x.replace(s, se - s, respelled);
  auto r = e.import_xliff(x, "respelled.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_NE(unit_named(*r, "about.body").code(), "source_mismatch") << unit_named(*r, "about.body").message;
}

// 7. Target languages as tools respell them.
TEST(xliff_fidelity, target_languages_resolve_to_configured_locales) {
  struct spelling {
    std::string tag;
    std::string locale;  // where it goes; empty: refused whole
    std::size_t warnings;
  };
  for (auto v : {xliff_version::v1_2, xliff_version::v2_0})
    for (const auto& s : std::vector<spelling>{{"es", "es", 0},
                                               {"ES", "es", 0},
                                               {"es-ES", "es", 1},
                                               {"es-Latn", "es", 1},
                                               {"es_ES", "es", 2},
                                               {"es-MX", "es-MX", 0},
                                               {"de", "", 0},
                                               {"de-CH", "", 0}}) {
      engine e = fixture_engine();
      std::string x = export_text(e, "es", v, export_scope::todo, {"about"});
      x = std::regex_replace(
          x, std::regex(v == xliff_version::v1_2 ? "target-language=\"es\"" : "trgLang=\"es\""),
          v == xliff_version::v1_2 ? "target-language=\"" + s.tag + "\"" : "trgLang=\"" + s.tag + "\"");
      x = with_target(x, "about.title", "Sobre nosotros");
      std::string what = s.tag + " in " + std::string(to_string(v));
      auto r = e.import_xliff(x, "lang.xlf");
      if (s.locale.empty()) {
        ASSERT_FALSE(r) << what;
        EXPECT_EQ(r.err().code, errc::unknown_locale) << what;
        EXPECT_NE(r.err().message.find("--locale"), std::string::npos);
        xliff_import_options o;  // --locale says where it goes
        o.locale = "es";
        auto told = e.import_xliff(x, "lang.xlf", o);
        ASSERT_TRUE(told) << what << ": " << told.err().to_string();
        EXPECT_EQ(told->locale, "es");
        EXPECT_EQ(told->warnings.size(), 1u) << what;  // another language than es
        EXPECT_EQ(stored(e, "about", "title", "es")->text, "Sobre nosotros");
        continue;
      }
      ASSERT_TRUE(r) << what << ": " << r.err().to_string();
      EXPECT_EQ(r->locale, s.locale) << what;
      EXPECT_EQ(r->warnings.size(), s.warnings) << what;
      EXPECT_EQ(unit_named(*r, "about.title").outcome, unit_outcome::applied) << what;
      ASSERT_NE(stored(e, "about", "title", s.locale), nullptr) << what;
      if (s.tag == "es_ES") {
        auto validation = validate_xliff(x, "lang.xlf");
        ASSERT_FALSE(validation.valid());  // not xs:language: validate still says so
      }
    }
}

// 8. A report for every file, refused or not.
TEST(xliff_fidelity, reports_carry_the_error_of_a_refused_file) {
  xliff_import_report refused;
  refused.file = "bad.xlf";
  refused.file_error = error(errc::invalid_content, "not well-formed XML: x", location{"bad.xlf", 3, 7, {}});
  xliff_import_report fine;
  fine.file = "good.xlf";
  fine.locale = "fr";
  EXPECT_FALSE(refused.all_taken());
  EXPECT_TRUE(fine.all_taken());
  std::string one = to_json(refused);
  EXPECT_NE(one.find("\"error\": {\"code\": \"invalid_content\""), std::string::npos) << one;
  EXPECT_NE(one.find("\"line\": 3, \"column\": 7"), std::string::npos) << one;
  std::string both = to_json(std::vector<xliff_import_report>{refused, fine});
  EXPECT_EQ(both.front(), '[');
  EXPECT_NE(both.find("\"error\": null"), std::string::npos);
}
