// Each QA check with a case that must find it and one that must not, across
// the four working languages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <glossa/qa.hpp>
#include <glossa/report.hpp>

using namespace glossa;

namespace {
field_def field(field_kind kind, std::optional<std::size_t> max = std::nullopt) {
  field_def f;
  f.name = "f";
  f.kind = kind;
  f.translatable = true;
  f.max_length = max;
  return f;
}

bool finds(const std::vector<qa_finding>& v, const std::string& check, qa_severity sev) {
  return std::any_of(v.begin(), v.end(), [&](const qa_finding& f) { return f.check == check && f.severity == sev; });
}

struct qa_case {
  const char* name;
  field_kind kind;
  const char* source;
  const char* target;
  const char* locale;
  const char* check;
  qa_severity severity;
  bool expected;  // true: the check must fire; false: it must not
};

void PrintTo(const qa_case& c, std::ostream* os) { *os << c.name; }

class qa_checks : public ::testing::TestWithParam<qa_case> {};

TEST_P(qa_checks, fire_exactly_when_they_should) {
  const auto& c = GetParam();
  auto def = field(c.kind, c.check == std::string("length") ? std::optional<std::size_t>(10) : std::nullopt);
  auto findings = check_translation(def, c.source, c.target, "en", c.locale);
  EXPECT_EQ(finds(findings, c.check, c.severity), c.expected) << to_json(findings);
  for (const auto& f : findings) {
    EXPECT_FALSE(f.message.empty());
    EXPECT_EQ(f.locale, c.locale);
    EXPECT_EQ(f.field, "f");
  }
}

using k = field_kind;
constexpr auto E = qa_severity::error;
constexpr auto W = qa_severity::warning;

INSTANTIATE_TEST_SUITE_P(
    qa, qa_checks,
    ::testing::Values(
        // placeholders and message syntax
        qa_case{"ph_missing_fr", k::message, "Hello {name}", "Bonjour", "fr", "placeholders", E, true},
        qa_case{"ph_renamed_es", k::message, "Hello {name}", "Hola {nombre}", "es", "placeholders", E, true},
        qa_case{"ph_ok_ar", k::message, "Hello {name}", "مرحبا {name}", "ar", "placeholders", E, false},
        qa_case{"ph_ok_en", k::message, "Hello {name}", "Hi {name}", "en", "placeholders", E, false},
        qa_case{"ph_ar_pos", k::message, "Apply for the {title} position before {deadline}.",
                "قدّم طلبك لشغل وظيفة {title} في أقرب وقت.", "ar", "placeholders", E, true},
        qa_case{"ph_en_pos", k::message, "{count} vacancies are open in {city}.",
                "{count} vacancies are open in {location}.", "en", "placeholders", E, true},
        qa_case{"ph_fr_neg", k::message, "Apply for the {title} position before {deadline}.",
                "Postulez au poste de {title} avant le {deadline}.", "fr", "placeholders", E, false},
        qa_case{"ph_es_neg", k::message, "Apply for the {title} position before {deadline}.",
                "Presente su candidatura al puesto de {title} antes del {deadline}.", "es", "placeholders", E, false},
        qa_case{"syntax_fr", k::message, "{n, plural, one {x} other {y}}", "{n, plural, one {x} other {y}", "fr",
                "message_syntax", E, true},
        qa_case{"syntax_ar_pos", k::message, "The deadline for applications is {deadline}.",
                "آخر موعد لتقديم الطلبات هو {deadline.", "ar", "message_syntax", E, true},
        qa_case{"syntax_ar_neg", k::message, "{count, plural, one {# vacancy is open} other {# vacancies are open}}",
                "{count, plural, zero {لا توجد وظائف شاغرة} one {توجد وظيفة شاغرة واحدة} two {توجد وظيفتان شاغرتان} "
                "few {توجد # وظائف شاغرة} many {توجد # وظيفة شاغرة} other {توجد # وظيفة شاغرة}}",
                "ar", "message_syntax", E, false},
        qa_case{"syntax_en_pos", k::message, "{count, plural, one {# vacancy} other {# vacancies}} in {city}",
                "{count, plural, one {# opening} other {# openings}} in {city", "en", "message_syntax", E, true},
        qa_case{"syntax_en_neg", k::message, "{count, plural, one {# vacancy} other {# vacancies}} in {city}",
                "{count, plural, one {# opening} other {# openings}} in {city}", "en", "message_syntax", E, false},
        qa_case{"syntax_fr_neg", k::message, "{count, plural, one {# position is open} other {# positions are open}}",
                "{count, plural, one {# poste est à pourvoir} many {# de postes sont à pourvoir} other {# postes sont "
                "à pourvoir}}",
                "fr", "message_syntax", E, false},
        qa_case{"syntax_es_pos", k::message, "{count, plural, one {# position is open} other {# positions are open}}",
                "{count, plural, one {Queda # puesto vacante} many {Quedan # de puestos vacantes} other {Quedan # "
                "puestos vacantes}",
                "es", "message_syntax", E, true},
        qa_case{"syntax_es_neg", k::message, "{count, plural, one {# position is open} other {# positions are open}}",
                "{count, plural, one {Queda # puesto vacante} many {Quedan # de puestos vacantes} other {Quedan # "
                "puestos vacantes}}",
                "es", "message_syntax", E, false},
        // plural categories
        qa_case{"plural_ar_missing", k::message, "{n, plural, one {# job} other {# jobs}}",
                "{n, plural, one {وظيفة} other {# وظيفة}}", "ar", "plural_categories", E, true},
        qa_case{"plural_ar_ok", k::message, "{n, plural, one {# job} other {# jobs}}",
                "{n, plural, zero {لا} one {واحدة} two {اثنتان} few {# وظائف} many {# وظيفة} other {# وظيفة}}", "ar",
                "plural_categories", E, false},
        qa_case{"plural_fr_many_missing", k::message, "{n, plural, one {# job} other {# jobs}}",
                "{n, plural, one {# poste} other {# postes}}", "fr", "plural_categories", E, true},
        qa_case{"plural_es_ok", k::message, "{n, plural, one {# job} other {# jobs}}",
                "{n, plural, one {# puesto} many {# de puestos} other {# puestos}}", "es", "plural_categories", E,
                false},
        qa_case{"plural_en_extra", k::message, "{n, plural, one {# job} other {# jobs}}",
                "{n, plural, one {# post} few {# posts} other {# posts}}", "en", "plural_categories", E, true},
        // Explicit =0 selectors are always allowed on top of the locale's categories.
        qa_case{"plural_en_neg", k::message, "{count, plural, one {# job opening} other {# job openings}}",
                "{count, plural, =0 {No open positions} one {# open position} other {# open positions}}", "en",
                "plural_categories", E, false},
        qa_case{"plural_fr_neg", k::message, "{count, plural, one {# job opening} other {# job openings}}",
                "{count, plural, one {# poste à pourvoir} many {# de postes à pourvoir} other {# postes à pourvoir}}",
                "fr", "plural_categories", E, false},
        qa_case{"plural_es_pos", k::message, "{count, plural, one {# job opening} other {# job openings}}",
                "{count, plural, one {# puesto vacante} other {# puestos vacantes}}", "es", "plural_categories", E,
                true},
        // markup
        qa_case{"markup_lost_fr", k::rich_text, "<p>A <b>B</b></p>", "<p>A B</p>", "fr", "markup", E, true},
        qa_case{"markup_href_changed_es", k::rich_text, "<p><a href=\"https://example.org/a\">x</a></p>",
                "<p><a href=\"https://example.org/b\">x</a></p>", "es", "markup", E, true},
        qa_case{"markup_reordered_ar", k::rich_text, "<p><b>A</b> <i>B</i></p>", "<p><i>ب</i> <b>أ</b></p>", "ar",
                "markup", E, false},
        qa_case{"markup_broken_en", k::rich_text, "<p>A</p>", "<p>A", "en", "markup", E, true},
        qa_case{"markup_ar_pos", k::rich_text,
                "<p>Read the <a href=\"https://jobs.example.org/terms\">terms of employment</a> before applying.</p>",
                "<p>يرجى قراءة شروط التوظيف قبل التقديم.</p>", "ar", "markup", E, true},
        qa_case{"markup_en_neg", k::rich_text, "<p>Applications must reach us <b>by 15 May 2026</b>.</p>",
                "<p>Applications must be received <b>no later than 15 May 2026</b>.</p>", "en", "markup", E, false},
        qa_case{"markup_fr_neg", k::rich_text,
                "<p>Read the <a href=\"https://jobs.example.org/terms\">terms of employment</a> before applying.</p>",
                "<p>Veuillez lire les <a href=\"https://jobs.example.org/terms\">conditions d’emploi</a> avant de "
                "postuler.</p>",
                "fr", "markup", E, false},
        qa_case{
            "markup_es_neg", k::rich_text,
            "<p>Read the <a href=\"https://jobs.example.org/terms\">terms of employment</a> before applying.</p>",
            "<p>Lea las <a href=\"https://jobs.example.org/terms\">condiciones de empleo</a> antes de postularse.</p>",
            "es", "markup", E, false},
        // bidi
        qa_case{"bidi_override_ar", k::text, "Ref", "مرجع \u202Eabc", "ar", "bidi_override", E, true},
        qa_case{"bidi_override_fr", k::text, "Ref", "Réf", "fr", "bidi_override", E, false},
        qa_case{"bidi_override_ar_neg", k::text, "Vacancy notice VA/2026/014",
                "إعلان الوظيفة الشاغرة \u2068VA/2026/014\u2069", "ar", "bidi_override", E, false},
        qa_case{"bidi_override_en_pos", k::text, "Vacancy notice VA/2026/014", "Vacancy notice \u202EVA/2026/014\u202C",
                "en", "bidi_override", E, true},
        qa_case{"bidi_override_en_neg", k::text, "Vacancy notice VA/2026/014", "Job opening VA/2026/014", "en",
                "bidi_override", E, false},
        qa_case{"bidi_override_fr_pos", k::text, "Vacancy notice VA/2026/014",
                "Avis de vacance \u202DVA/2026/014\u202C", "fr", "bidi_override", E, true},
        qa_case{"bidi_override_es_pos", k::text, "Vacancy notice VA/2026/014", "Convocatoria \u202EVA/2026/014\u202C",
                "es", "bidi_override", E, true},
        qa_case{"bidi_override_es_neg", k::text, "Vacancy notice VA/2026/014", "Convocatoria VA/2026/014", "es",
                "bidi_override", E, false},
        qa_case{"bidi_unbalanced_ar", k::text, "Ref X", "مرجع \u2068X", "ar", "bidi_unbalanced", E, true},
        qa_case{"bidi_balanced_ar", k::text, "Ref X", "مرجع \u2068X\u2069", "ar", "bidi_unbalanced", E, false},
        qa_case{"bidi_unbalanced_en_pos", k::text, "Vacancy VA/2026/014 closes on 15 May.",
                "Vacancy \u2068VA/2026/014 closes on 15 May.", "en", "bidi_unbalanced", E, true},
        qa_case{"bidi_unbalanced_en_neg", k::text, "Vacancy VA/2026/014 closes on 15 May.",
                "Vacancy \u2068VA/2026/014\u2069 closes on 15 May.", "en", "bidi_unbalanced", E, false},
        qa_case{"bidi_unbalanced_fr_pos", k::text, "Vacancy VA/2026/014 closes on 15 May.",
                "L’avis \u202BVA/2026/014 sera clos le 15 mai.", "fr", "bidi_unbalanced", E, true},
        qa_case{"bidi_unbalanced_fr_neg", k::text, "Vacancy VA/2026/014 closes on 15 May.",
                "L’avis \u2068VA/2026/014\u2069 sera clos le 15 mai.", "fr", "bidi_unbalanced", E, false},
        qa_case{"bidi_unbalanced_es_pos", k::text, "Vacancy VA/2026/014 closes on 15 May.",
                "La convocatoria VA/2026/014\u2069 cierra el 15 de mayo.", "es", "bidi_unbalanced", E, true},
        qa_case{"bidi_unbalanced_es_neg", k::text, "Vacancy VA/2026/014 closes on 15 May.",
                "La convocatoria \u2066VA/2026/014\u2069 cierra el 15 de mayo.", "es", "bidi_unbalanced", E, false},
        qa_case{"bidi_unisolated_ar", k::text, "Ref VA/2026/014", "المرجع VA/2026/014", "ar", "bidi_unisolated", W,
                true},
        qa_case{"bidi_isolated_ar", k::text, "Ref VA/2026/014", "المرجع \u2068VA/2026/014\u2069", "ar",
                "bidi_unisolated", W, false},
        // bidi_unisolated only fires in right-to-left locales: en, fr and es get negatives only, with the very
        // kind of unisolated Latin reference (and e-mail) that fires in Arabic.
        qa_case{"bidi_ltr_fr", k::text, "Ref VA/2026/014", "Réf. VA/2026/014", "fr", "bidi_unisolated", W, false},
        qa_case{"bidi_unisolated_en_neg", k::text, "Send your application for VA/2026/014 to jobs@example.org",
                "Send your application for VA/2026/014 to jobs@example.org", "en", "bidi_unisolated", W, false},
        qa_case{"bidi_unisolated_es_neg", k::text, "Send your application for VA/2026/014 to jobs@example.org",
                "Envíe su candidatura para VA/2026/014 a jobs@example.org", "es", "bidi_unisolated", W, false},
        // numbers (Arabic-Indic equal to Latin; grouping allowed)
        qa_case{"numbers_ar_indic_ok", k::text, "97 countries, 2,380 staff", "٩٧ بلدا و٢٬٣٨٠ موظفا", "ar", "numbers", W,
                false},
        qa_case{"numbers_fr_grouping_ok", k::text, "2,380 staff", "2\u202F380 membres", "fr", "numbers", W, false},
        qa_case{"numbers_es_changed", k::text, "41 stations", "14 destinos", "es", "numbers", W, true},
        qa_case{"numbers_en_missing", k::text, "In 1979", "Long ago", "en", "numbers", W, true},
        qa_case{"numbers_ar_pos", k::text, "The organization employs 2,380 staff in 97 countries.",
                "تضم المنظمة ٢٣٨٠ موظفًا في ٧٩ بلدًا.", "ar", "numbers", W, true},
        qa_case{"numbers_fr_pos", k::text, "Applications close on 15 May 2026.",
                "Les candidatures sont closes le 16 mai 2026.", "fr", "numbers", W, true},
        qa_case{"numbers_es_neg", k::text, "The position offers an annual salary of USD 84,500.",
                "El puesto ofrece un sueldo anual de 84.500 USD.", "es", "numbers", W, false},
        qa_case{"numbers_en_neg", k::text, "The organization has 2,380 staff in 97 countries.",
                "The organization employs 2,380 people across 97 countries.", "en", "numbers", W, false},
        // punctuation per locale
        qa_case{"punct_fr_space", k::text, "Why?", "Pourquoi?", "fr", "punctuation", W, true},
        qa_case{"punct_fr_ok", k::text, "Why?", "Pourquoi\u202F?", "fr", "punctuation", W, false},
        qa_case{"punct_fr_quotes", k::text, "\"x\"", "«x»", "fr", "punctuation", W, true},
        qa_case{"punct_es_opening", k::text, "Why?", "Por qué?", "es", "punctuation", W, true},
        qa_case{"punct_es_ok", k::text, "Why?", "\u00BFPor qué?", "es", "punctuation", W, false},
        qa_case{"punct_ar_latin", k::text, "Why?", "لماذا?", "ar", "punctuation", W, true},
        qa_case{"punct_ar_ok", k::text, "Why?", "لماذا؟", "ar", "punctuation", W, false},
        qa_case{"punct_ar_latin_comma", k::text, "Hello, yes", "مرحبا, نعم", "ar", "punctuation", W, true},
        qa_case{"punct_ar_comma_after_latin", k::text, "See VA/1, now", "انظر VA/1, الآن", "ar", "punctuation", W,
                false},
        qa_case{"punct_final_lost_en", k::text, "It works.", "It works", "en", "punctuation", W, true},
        // English has no language-specific rule; only the sentence-final one applies.
        qa_case{"punct_en_neg", k::text, "Applications close on 15 May 2026.",
                "The application period ends on 15 May 2026.", "en", "punctuation", W, false},
        qa_case{"punct_fr_neg_quotes_colon", k::text, "Deadline for the \"Programme Officer\" post: 15 May.",
                "Date limite pour le poste de «\u202Fchargé de programme\u202F»\u202F: 15 mai.", "fr", "punctuation", W,
                false},
        // length, whitespace, identical, urls
        qa_case{"length_fr", k::text, "Short", "Beaucoup trop long", "fr", "length", E, true},
        qa_case{"length_ar_ok", k::text, "Short", "قصير", "ar", "length", E, false},
        // 9 user-perceived characters with their vowel marks (15 code points): within 10.
        qa_case{"length_ar_graphemes_ok", k::text, "Short", "مُدِيرٌ مُدِيرٌ", "ar", "length", E, false},
        qa_case{"length_ar_graphemes_over", k::text, "Short", "مُدِيرٌ مُدِيرٌ مُ", "ar", "length", E, true},
        qa_case{"length_es_markup_not_counted", k::rich_text, "<p>Short</p>", "<p><b>Corto</b></p>", "es", "length", E,
                false},
        qa_case{"length_es_visible_too_long", k::rich_text, "<p>Short</p>", "<p><b>Demasiado largo</b></p>", "es",
                "length", E, true},
        qa_case{"length_en_pos", k::text, "Officer", "Programme Officer", "en", "length", E, true},
        qa_case{"length_en_neg", k::text, "Job openings", "Vacancies", "en", "length", E, false},
        // Exactly 10 characters: at the limit, not over it.
        qa_case{"length_fr_neg", k::text, "Apply", "Candidater", "fr", "length", E, false},
        qa_case{"whitespace_double_es", k::text, "A B", "A  B", "es", "whitespace", W, true},
        qa_case{"whitespace_trailing_fr", k::text, "A", "A ", "fr", "whitespace", W, true},
        qa_case{"whitespace_ok_ar", k::text, "A B", "أ ب", "ar", "whitespace", W, false},
        qa_case{"whitespace_ar_pos", k::text, "Deadline: 15 May 2026", "الموعد النهائي:  ١٥ مايو ٢٠٢٦", "ar",
                "whitespace", W, true},
        qa_case{"whitespace_en_pos", k::text, "Open positions", "Open positions ", "en", "whitespace", W, true},
        qa_case{"whitespace_en_neg", k::text, "Deadline: ", "Closing date: ", "en", "whitespace", W, false},
        qa_case{"whitespace_fr_neg", k::text, "Deadline: ", "Date limite\u00A0: ", "fr", "whitespace", W, false},
        qa_case{"whitespace_es_neg", k::text, "Deadline: ", "Fecha límite: ", "es", "whitespace", W, false},
        qa_case{"identical_fr", k::text, "Programme Officer", "Programme Officer", "fr", "identical", W, true},
        qa_case{"identical_ar_ok", k::text, "Officer", "موظف", "ar", "identical", W, false},
        qa_case{"identical_ar_pos", k::text, "Human Resources Officer", "Human Resources Officer", "ar", "identical", W,
                true},
        qa_case{"identical_fr_neg", k::text, "Human Resources Officer", "Chargé des ressources humaines", "fr",
                "identical", W, false},
        qa_case{"identical_es_pos", k::text, "Data Analyst", "Data Analyst", "es", "identical", W, true},
        qa_case{"identical_es_neg", k::text, "Data Analyst", "Analista de datos", "es", "identical", W, false},
        // Identical but without letters (a telephone number): nothing to translate.
        qa_case{"identical_es_phone_neg", k::text, "+41 22 555 01 00", "+41 22 555 01 00", "es", "identical", W, false},
        // identical never fires for en: the target language is the source language, so an unchanged text is expected.
        qa_case{"identical_en_neg", k::text, "Programme Officer", "Programme Officer", "en", "identical", W, false},
        qa_case{"url_changed_es", k::text, "See https://example.org/jobs", "Ver https://example.org/empleos", "es",
                "urls", E, true},
        qa_case{"email_kept_ar", k::text, "Write to jobs@example.org.", "راسلونا على jobs@example.org.", "ar", "urls",
                E, false},
        qa_case{"email_changed_fr", k::text, "Write to jobs@example.org", "Écrire à emplois@example.org", "fr", "urls",
                E, true},
        qa_case{"urls_ar_pos", k::text, "Apply online at https://jobs.example.org/apply.",
                "قدّموا طلباتكم عبر الإنترنت على https://jobs.example.org/تقديم.", "ar", "urls", E, true},
        qa_case{"urls_en_pos", k::text, "Questions? Write to recruitment@example.org.",
                "Any questions? Write to recruiting@example.org.", "en", "urls", E, true},
        qa_case{"urls_en_neg", k::text, "See all vacancies at https://jobs.example.org.",
                "All vacancies are listed at https://jobs.example.org.", "en", "urls", E, false},
        qa_case{"urls_fr_neg", k::text, "Apply online at https://jobs.example.org/apply.",
                "Postulez en ligne sur https://jobs.example.org/apply.", "fr", "urls", E, false},
        qa_case{"urls_es_neg", k::text, "Write to jobs@example.org or visit https://jobs.example.org.",
                "Escriba a jobs@example.org o visite https://jobs.example.org.", "es", "urls", E, false}),
    [](const ::testing::TestParamInfo<qa_case>& p) { return std::string(p.param.name); });

}  // namespace

TEST(qa, allow_list_silences_identical_only_for_listed_names) {
  field_def def;
  def.name = "f";
  def.kind = field_kind::text;
  def.translatable = true;
  qa_options opts;
  opts.allow_identical = {"Nairobi", "Kenya", "IALCO"};
  auto check = [&](const char* s, const char* t, const char* l) {
    return finds(check_translation(def, s, t, "en", l, opts), "identical", W);
  };
  EXPECT_FALSE(check("Nairobi, Kenya", "Nairobi, Kenya", "es"));
  EXPECT_FALSE(check("IALCO", "IALCO", "fr"));
  EXPECT_TRUE(check("Nairobi office", "Nairobi office", "fr"));  // "office" is not a name
  EXPECT_TRUE(check("Dakar, Senegal", "Dakar, Senegal", "es"));  // not listed
  EXPECT_TRUE(
      finds(check_translation(def, "Nairobi, Kenya", "Nairobi, Kenya", "en", "es"), "identical", W));  // no list
}

TEST(qa, allow_list_skips_comments_and_blank_lines_and_rejects_bad_utf8) {
  auto terms = parse_allow_list("# names\n\nNairobi \r\n  Bogotá\n", "allow.txt");
  ASSERT_TRUE(terms) << terms.err().to_string();
  EXPECT_EQ(*terms, (std::vector<std::string>{"Nairobi", "Bogotá"}));
  auto bad = parse_allow_list("ok\nbad\xC3\n", "bad.txt");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().code, errc::invalid_utf8);
  EXPECT_EQ(bad.err().where.file, "bad.txt");
  EXPECT_EQ(bad.err().where.line, 2u);
}
