// Golden tests of the locale services. Expected strings are CLDR 42 / ICU 72
// data written out by hand (with the invisible characters spelled as escapes),
// not captured from our own output:
//   U+202F NARROW NO-BREAK SPACE  French grouping          "\u202F"
//   U+00A0 NO-BREAK SPACE         before % and currency    "\u00A0"
//   U+066B/U+066C                 Arabic decimal/grouping
//   U+200F RIGHT-TO-LEFT MARK     Arabic currency prefix
//   U+061C ARABIC LETTER MARK     after the Arabic percent sign
#include <gtest/gtest.h>

#include <atomic>
#include <glossa/format.hpp>
#include <thread>

using namespace glossa;

namespace {
std::shared_ptr<const formatter> fmt(const char* tag) {
  auto f = formatter::for_locale(tag);
  if (!f) throw std::runtime_error(f.err().to_string());
  return *f;
}
}  // namespace

TEST(locale_config, builtin_chains) {
  const auto& c = locale_config::builtin();
  EXPECT_EQ(c.default_locale, "en");
  ASSERT_NE(c.find("ar"), nullptr);
  EXPECT_EQ(c.find("ar")->name, "العربية");
  EXPECT_EQ(c.chain("ar-EG"), (std::vector<std::string>{"ar-EG", "ar", "en"}));
  EXPECT_EQ(c.chain("fr-CA"), (std::vector<std::string>{"fr-CA", "fr", "en"}));
  EXPECT_EQ(c.chain("es-MX"), (std::vector<std::string>{"es-MX", "es", "en"}));
  EXPECT_EQ(c.chain("fr-BE"), (std::vector<std::string>{"fr-BE", "fr", "en"}));  // nearest configured parent
  EXPECT_EQ(c.chain("de"), (std::vector<std::string>{"de", "en"}));
  EXPECT_EQ(c.chain("en"), (std::vector<std::string>{"en"}));
  auto bad = locale_config::parse(R"({"format": "glossa-locales", "locales": [{"tag": "xx-klingon"}]})", "l.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.err().code, errc::invalid_locale);
  EXPECT_EQ(bad.err().where.path, "/locales/0/tag");
}

TEST(format, numbers_follow_cldr_per_locale) {
  EXPECT_EQ(*fmt("en")->number("1234.5"), "1,234.5");
  EXPECT_EQ(*fmt("en")->number("-0.25"), "-0.25");
  EXPECT_EQ(*fmt("fr")->number("1234.5"), "1\u202F234,5");
  EXPECT_EQ(*fmt("fr")->number("1234567"), "1\u202F234\u202F567");
  EXPECT_EQ(*fmt("es")->number("1234"), "1234");  // Spanish: no grouping below 10 000
  EXPECT_EQ(*fmt("es")->number("12345"), "12.345");
  EXPECT_EQ(*fmt("es")->number("1234.5"), "1234,5");
  EXPECT_EQ(*fmt("ar")->number("1234.5"), "\u0661\u066C\u0662\u0663\u0664\u066B\u0665");  // Arabic-Indic digits
  EXPECT_EQ(*fmt("ar-u-nu-latn")->number("1234.5"), "1,234.5");
  EXPECT_EQ(*fmt("ar-EG")->number("2380"), "\u0662\u066C\u0663\u0668\u0660");
  EXPECT_EQ(fmt("en")->number("1,234").err().code, errc::invalid_value);
}

TEST(format, percents) {
  EXPECT_EQ(fmt("en")->percent(0.45), "45%");
  EXPECT_EQ(fmt("fr")->percent(0.45), "45\u00A0%");
  EXPECT_EQ(fmt("es")->percent(0.36), "36\u00A0%");
  EXPECT_EQ(fmt("ar")->percent(0.45), "\u0664\u0665\u066A\u061C");
}

TEST(format, money) {
  EXPECT_EQ(*fmt("en")->money("84500", "USD"), "$84,500.00");
  EXPECT_EQ(*fmt("en")->money("84500", "CHF"), "CHF\u00A084,500.00");
  EXPECT_EQ(*fmt("fr")->money("84500", "EUR"), "84\u202F500,00\u00A0\u20AC");
  EXPECT_EQ(*fmt("fr")->money("84500", "USD"), "84\u202F500,00\u00A0$US");
  EXPECT_EQ(*fmt("es")->money("84500", "EUR"), "84.500,00\u00A0\u20AC");
  EXPECT_EQ(*fmt("es")->money("1200", "USD"), "1200,00\u00A0US$");
  EXPECT_EQ(*fmt("ar")->money("84500", "USD"),
            "\u200F\u0668\u0664\u066C\u0665\u0660\u0660\u066B\u0660\u0660\u00A0\u2066US$\u2069");
  EXPECT_EQ(fmt("en")->money("1", "EUX").err().code, errc::invalid_value);
}

TEST(format, dates_are_gregorian_even_for_ar_sa) {
  EXPECT_EQ(*fmt("en")->date("2026-12-15"), "December 15, 2026");
  EXPECT_EQ(*fmt("fr")->date("2026-12-15"), "15 d\u00E9cembre 2026");
  EXPECT_EQ(*fmt("es")->date("2026-12-15"), "15 de diciembre de 2026");
  EXPECT_EQ(*fmt("ar")->date("2026-12-15"),
            "\u0661\u0665 \u062F\u064A\u0633\u0645\u0628\u0631 \u0662\u0660\u0662\u0666");
  // ar-SA's CLDR default calendar is islamic-umalqura; ours is Gregorian unless asked.
  EXPECT_EQ(*fmt("ar-SA")->date("2026-12-15"), *fmt("ar")->date("2026-12-15"));
  EXPECT_NE(*fmt("ar-SA-u-ca-islamic-umalqura")->date("2026-12-15"), *fmt("ar")->date("2026-12-15"));
  EXPECT_EQ(fmt("en")->date("2026-02-30").err().code, errc::invalid_value);
}

TEST(format, date_times_in_the_fields_zone_across_dst) {
  // Europe/Zurich changes to summer time on 2026-03-29.
  EXPECT_EQ(*fmt("en")->datetime("2026-03-28T12:00:00", "Europe/Zurich"), "March 28, 2026 at 12:00\u202FPM GMT+1");
  EXPECT_EQ(*fmt("en")->datetime("2026-03-29T12:00:00", "Europe/Zurich"), "March 29, 2026 at 12:00\u202FPM GMT+2");
  EXPECT_EQ(*fmt("fr")->datetime("2026-12-15T17:00:00", "Europe/Zurich"), "15 d\u00E9cembre 2026 \u00E0 17:00 UTC+1");
  EXPECT_EQ(*fmt("es")->datetime("2026-03-29T12:00:00", "Europe/Madrid"), "29 de marzo de 2026, 12:00 CEST");
  EXPECT_EQ(fmt("en")->datetime("2026-12-15T17:00:00", "Europe/Geneva").err().code, errc::invalid_value);
}

TEST(format, lists_and_language_names) {
  const std::vector<std::string> langs{"Arabic", "English", "French", "Spanish"};
  EXPECT_EQ(fmt("en")->list(langs), "Arabic, English, French, and Spanish");
  EXPECT_EQ(fmt("fr")->list({"arabe", "anglais", "français", "espagnol"}), "arabe, anglais, français et espagnol");
  EXPECT_EQ(fmt("es")->list({"árabe", "inglés", "francés", "español"}), "árabe, inglés, francés y español");
  EXPECT_EQ(fmt("ar")->list({"العربية", "الإنجليزية", "الفرنسية"}), "العربية والإنجليزية والفرنسية");
  EXPECT_EQ(fmt("fr")->language_name("ar"), "arabe");
  EXPECT_EQ(fmt("es")->language_name("fr"), "francés");
  EXPECT_EQ(fmt("ar")->language_name("en"), "الإنجليزية");
  EXPECT_EQ(fmt("en")->language_name("es"), "Spanish");
}

TEST(format, plural_categories_at_every_boundary) {
  auto ar = fmt("ar");
  const std::pair<double, const char*> arabic[] = {{0, "zero"},    {1, "one"},     {2, "two"},   {3, "few"},
                                                   {10, "few"},    {11, "many"},   {99, "many"}, {100, "other"},
                                                   {101, "other"}, {102, "other"}, {103, "few"}, {111, "many"}};
  for (auto [n, cat] : arabic) EXPECT_EQ(ar->plural_category(n), cat) << n;
  EXPECT_EQ(fmt("fr")->plural_category(0), "one");
  EXPECT_EQ(fmt("fr")->plural_category(2), "other");
  EXPECT_EQ(fmt("fr")->plural_category(1000000), "many");
  EXPECT_EQ(fmt("es")->plural_category(1000000), "many");
  EXPECT_EQ(fmt("es")->plural_category(0), "other");
  EXPECT_EQ(fmt("en")->plural_category(1), "one");
  EXPECT_EQ(fmt("en")->plural_category(0), "other");
}

TEST(format, messages_with_plural_and_select) {
  const char* ar_msg =
      "{count, plural, zero {لا وظائف} one {وظيفة واحدة} two {وظيفتان} few {# وظائف} many {# وظيفة} other {# وظيفة}}";
  EXPECT_EQ(*fmt("ar")->message(ar_msg, {{"count", 0.0}}), "لا وظائف");
  EXPECT_EQ(*fmt("ar")->message(ar_msg, {{"count", 2.0}}), "وظيفتان");
  EXPECT_EQ(*fmt("ar")->message(ar_msg, {{"count", 3.0}}), "\u0663 وظائف");
  EXPECT_EQ(*fmt("ar")->message(ar_msg, {{"count", 11.0}}), "\u0661\u0661 وظيفة");
  const char* fr_msg = "{count, plural, one {# poste} many {# de postes} other {# postes}}";
  EXPECT_EQ(*fmt("fr")->message(fr_msg, {{"count", 1.0}}), "1 poste");
  EXPECT_EQ(*fmt("fr")->message(fr_msg, {{"count", 1000000.0}}), "1\u202F000\u202F000 de postes");
  EXPECT_EQ(*fmt("es")->message("{g, select, f {Bienvenida} other {Bienvenido}}, {name}",
                                {{"g", std::string("f")}, {"name", std::string("Ana")}}),
            "Bienvenida, Ana");
  EXPECT_EQ(fmt("en")->message("{count, plural, one {x}", {}).err().code, errc::invalid_value);
}

TEST(format, direction_and_shared_thread_safe_instances) {
  EXPECT_EQ(fmt("ar")->direction(), text_direction::rtl);
  EXPECT_EQ(fmt("ar-EG")->direction(), text_direction::rtl);
  EXPECT_EQ(fmt("fr")->direction(), text_direction::ltr);
  EXPECT_EQ(fmt("fr").get(), fmt("fr").get());  // built once, shared
  EXPECT_EQ(formatter::for_locale("klingon").err().code, errc::invalid_locale);
  // The same formatter used from several threads gives the same answers.
  auto fr = fmt("fr");
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (*fr->number("1234.5") != "1\u202F234,5") ++wrong;
        if (*fr->date("2026-12-15") != "15 d\u00E9cembre 2026") ++wrong;
        if (*fr->message("{n, plural, one {# poste} other {# postes}}", {{"n", 2.0}}) != "2 postes") ++wrong;
        if (fr->compare("cote", "côte") >= 0) ++wrong;  // the shared collator
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(format, collation_orders_like_a_reader_expects) {
  std::vector<std::string> es{"oca", "ñu", "nube", "Nápoles"};
  fmt("es")->sort(es, [](const std::string& s) -> std::string_view { return s; });
  EXPECT_EQ(es, (std::vector<std::string>{"Nápoles", "nube", "ñu", "oca"}));  // ñ is a letter after n
  std::vector<std::string> fr{"côte", "cote", "coté", "côté"};
  fmt("fr")->sort(fr, [](const std::string& s) -> std::string_view { return s; });
  EXPECT_EQ(fr.front(), "cote");
  EXPECT_EQ(fr.back(), "côté");
  std::vector<std::string> ar{"تونس", "القاهرة", "بيروت", "عمّان"};
  fmt("ar")->sort(ar, [](const std::string& s) -> std::string_view { return s; });
  EXPECT_EQ(ar, (std::vector<std::string>{"القاهرة", "بيروت", "تونس", "عمّان"}));  // alif, ba, ta, ain
  EXPECT_LT(fmt("es")->compare("nube", "ñu"), 0);
  EXPECT_GT(fmt("es")->compare("oca", "ñu"), 0);
}

TEST(format, intervals_relative_days_and_regions) {
  EXPECT_EQ(*fmt("en")->date_interval("2026-12-01", "2026-12-15"), "December 1\u2009\u2013\u200915, 2026");
  EXPECT_EQ(*fmt("fr")->date_interval("2026-12-01", "2026-12-15"), "1\u201315 d\u00E9cembre 2026");
  EXPECT_EQ(*fmt("es")->date_interval("2026-12-01", "2026-12-15"), "1\u201315 de diciembre de 2026");
  EXPECT_EQ(*fmt("en")->relative_days("2026-12-12", "2026-12-15"), "in 3 days");
  EXPECT_EQ(*fmt("en")->relative_days("2026-12-12", "2026-12-13"), "tomorrow");
  EXPECT_EQ(*fmt("fr")->relative_days("2026-12-12", "2026-12-15"), "dans 3 jours");
  EXPECT_EQ(*fmt("es")->relative_days("2026-12-12", "2026-12-11"), "ayer");
  EXPECT_EQ(*fmt("ar")->relative_days("2026-12-12", "2026-12-15"), "خلال \u0663 أيام");
  EXPECT_EQ(*fmt("en")->relative_days("2026-12-31", "2027-01-02"), "in 2 days");  // across a year
  EXPECT_EQ(fmt("fr")->region_name("EG"), "\u00C9gypte");
  EXPECT_EQ(fmt("ar")->region_name("EG"), "مصر");
  EXPECT_EQ(fmt("es")->region_name("CH"), "Suiza");
}

#include <unicode/ubidi.h>
#include <unicode/unistr.h>

namespace {
// The left-to-right runs of `text` laid out in a right-to-left paragraph, in
// visual order, as UTF-8 strings (isolate controls removed).
std::vector<std::string> ltr_runs(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  UErrorCode st = U_ZERO_ERROR;
  UBiDi* bidi = ubidi_open();
  ubidi_setPara(bidi, u.getBuffer(), u.length(), UBIDI_RTL, nullptr, &st);
  std::vector<std::string> out;
  int32_t runs = ubidi_countRuns(bidi, &st);
  for (int32_t i = 0; i < runs; ++i) {
    int32_t start = 0, length = 0;
    if (ubidi_getVisualRun(bidi, i, &start, &length) != UBIDI_LTR) continue;
    std::string s;
    icu::UnicodeString run = u.tempSubString(start, length);
    run.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2068)), "");
    run.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2069)), "");
    run.trim().toUTF8String(s);
    if (!s.empty()) out.push_back(s);
  }
  ubidi_close(bidi);
  return out;
}
}  // namespace

TEST(bidi, embedded_references_and_amounts_keep_their_order_in_arabic) {
  auto ar = fmt("ar");
  auto text = ar->message("يُرجى ذكر المرجع {ref} عند التقديم؛ الراتب {salary} سنويًا، والبريد {email}.",
                          {{"ref", std::string("VA/2026/014")},
                           {"salary", std::string("USD 84,500")},
                           {"email", std::string("jobs@ialco.example.org")}});
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("\u2068VA/2026/014\u2069"), std::string::npos);
  EXPECT_NE(text->find("\u2068USD 84,500\u2069"), std::string::npos);
  // Laid out right to left, each embedded value is one intact left-to-right
  // run, and the runs appear right to left in reading order: the reference
  // (read first) is the rightmost, so it comes last in visual order.
  auto runs = ltr_runs(*text);
  EXPECT_EQ(runs, (std::vector<std::string>{"jobs@ialco.example.org", "USD 84,500", "VA/2026/014"}));
}

TEST(bidi, latin_digit_numbers_in_arabic_messages_are_isolated) {
  auto latn = fmt("ar-u-nu-latn");
  auto m =
      latn->message("{count, plural, one {وظيفة واحدة} other {# وظيفة}} برقم {n}", {{"count", 12.0}, {"n", 2026.0}});
  ASSERT_TRUE(m) << m.err().to_string();
  EXPECT_EQ(*m, "\u206812\u2069 وظيفة برقم \u20682,026\u2069");
  // Arabic-Indic digits need no isolation.
  auto arab = fmt("ar")->message("{count, plural, one {وظيفة واحدة} other {# وظيفة}}", {{"count", 12.0}});
  EXPECT_EQ(*arab, "\u0661\u0662 وظيفة");
}
