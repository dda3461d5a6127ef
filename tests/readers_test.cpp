// What readers see: the display order of money in right-to-left text,
// labels instead of identifiers, digits and grouping that agree between
// fields and messages, regional data, what counts as a fallback, what
// translators are told, and the document-level quality checks. Where
// display order matters, the test lays the final string out with ICU's bidi.
#include <gtest/gtest.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/ucurr.h>
#include <unicode/unistr.h>

#include <glossa/glossa.hpp>
#include <regex>
#include <sstream>

#include "test_support.hpp"

using namespace glossa;

namespace {

engine examples_engine() {
  engine e = test::memory_engine();
  auto r = e.import_content_files(test::example_files());
  if (!r) throw std::runtime_error(r.err().to_string());
  return e;
}

std::shared_ptr<const formatter> fmt(const std::string& tag) {
  auto f = formatter::for_locale(tag);
  if (!f) throw std::runtime_error(f.err().to_string());
  return *f;
}

const localized_field& field_of(const localized_document& d, const std::string& name) {
  for (const auto& f : d.fields)
    if (f.name == name) return f;
  throw std::runtime_error("no field " + name);
}

icu::UnicodeString u16(const std::string& s) { return icu::UnicodeString::fromUTF8(s); }

// Visual index of each logical position of `text` laid out in a paragraph
// of direction `rtl`.
std::vector<int32_t> visual_map(const icu::UnicodeString& text, bool rtl) {
  UErrorCode st = U_ZERO_ERROR;
  UBiDi* bidi = ubidi_open();
  ubidi_setPara(bidi, text.getBuffer(), text.length(), rtl ? UBIDI_RTL : UBIDI_LTR, nullptr, &st);
  std::vector<int32_t> map(static_cast<std::size_t>(text.length()));
  ubidi_getLogicalMap(bidi, map.data(), &st);
  ubidi_close(bidi);
  return map;
}

// Whether the characters [start, limit) of `text`, laid out right to left,
// stand together and read left to right as written ("US$", not "$US").
bool shows_in_logical_order(const icu::UnicodeString& text, int32_t start, int32_t limit) {
  auto map = visual_map(text, true);
  for (int32_t i = start; i + 1 < limit; ++i)
    if (map[static_cast<std::size_t>(i + 1)] != map[static_cast<std::size_t>(i)] + 1) return false;
  return true;
}

bool has_rtl_letter(const icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    auto d = u_charDirection(s.char32At(i));
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

}  // namespace

// 1. Every currency of ISO 4217 whose symbol has no right-to-left letter
// displays in logical order inside right-to-left text, in every Arabic
// locale Glossa serves; ICU's own output does not, for US$.
TEST(readers, money_in_right_to_left_text_keeps_its_symbol_whole) {
  UErrorCode st = U_ZERO_ERROR;
  UEnumeration* codes = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &st);
  std::vector<std::string> currencies;
  while (const char* c = uenum_next(codes, nullptr, &st)) currencies.emplace_back(c);
  uenum_close(codes);
  ASSERT_GT(currencies.size(), 150u);
  std::size_t latin = 0;
  for (const std::string locale : {"ar", "ar-EG", "ar-SA", "ar-u-nu-latn", "ar-MA"}) {
    auto f = fmt(locale);
    for (const auto& code : currencies) {
      auto shown = f->money("96210.00", code);
      ASSERT_TRUE(shown) << code;
      icu::UnicodeString text = u16(*shown);
      int32_t lri = text.indexOf(static_cast<UChar>(0x2066)), pdi = text.indexOf(static_cast<UChar>(0x2069));
      if (lri < 0) {  // no isolate: the symbol must be right-to-left itself
        icu::UnicodeString stripped = text;
        EXPECT_TRUE(has_rtl_letter(text)) << locale << " " << code << ": " << *shown;
        continue;
      }
      ++latin;
      ASSERT_LT(lri, pdi) << code;
      EXPECT_FALSE(has_rtl_letter(text.tempSubStringBetween(lri + 1, pdi))) << code;
      EXPECT_TRUE(shows_in_logical_order(text, lri + 1, pdi)) << locale << " " << code << ": " << *shown;
    }
  }
  EXPECT_GT(latin, 100u);
  // The layout test can fail: ICU's own US$ in Arabic shows as "$US".
  UErrorCode ust = U_ZERO_ERROR;
  icu::CurrencyUnit usd(u"USD", ust);
  auto raw =
      icu::number::NumberFormatter::withLocale(icu::Locale("ar")).unit(usd).formatDouble(96210, ust).toString(ust);
  int32_t at = raw.indexOf(u"US$");
  ASSERT_GE(at, 0);
  EXPECT_FALSE(shows_in_logical_order(raw, at, at + 3));
}

// 2. Labels: enum values and field names read as words, per locale.
TEST(readers, labels_name_fields_and_enum_values) {
  engine e = examples_engine();
  localize_options o;
  o.locale = "fr";
  auto d = e.localize("job-2026-003", o);
  ASSERT_TRUE(d) << d.err().to_string();
  EXPECT_EQ(field_of(*d, "contract_type").label, "Type de contrat");
  EXPECT_EQ(field_of(*d, "contract_type").formatted, "Engagement de durée déterminée");
  EXPECT_EQ(field_of(*d, "contract_type").text, "fixed_term");    // the value stays the value
  EXPECT_EQ(field_of(*d, "reference").formatted, "VA/2026/003");  // what applicants quote
  EXPECT_EQ(field_of(*d, "grade").formatted, "P-4");              // codes stay codes
  EXPECT_EQ(field_of(*d, "salary").label, "Traitement");
  std::string json = to_json(*d);
  EXPECT_NE(json.find("\"label\": \"Type de contrat\""), std::string::npos);

  // Labels fall back like text: es-MX has none of its own.
  o.locale = "es-MX";
  EXPECT_EQ(field_of(*e.localize("job-2026-003", o), "duty_station").label, "Lugar de destino");
  o.locale = "de";  // none in German: English
  auto de = e.localize("job-2026-003", o);
  EXPECT_EQ(field_of(*de, "contract_type").formatted, "Fixed-term appointment");
  EXPECT_EQ(field_of(*de, "contract_type").label_lang, "en");

  // The preview: each field under its label; the slug only when asked.
  o.locale = "ar";
  auto page = e.localize("page-how-we-work", o);
  ASSERT_TRUE(page);
  std::string html = to_html(*page);
  EXPECT_NE(html.find("<h3 class=\"label label-title\">العنوان</h3>"), std::string::npos) << html.substr(0, 400);
  EXPECT_EQ(html.find("field-slug"), std::string::npos);
  html_options all;
  all.all_fields = true;
  EXPECT_NE(to_html(*page, all).find("field-slug"), std::string::npos);
}

TEST(readers, labels_are_content_exported_counted_and_carried) {
  engine e = examples_engine();
  std::ostringstream x;
  xliff_export_options o;
  o.locale = "fr";
  o.scope = export_scope::all;
  ASSERT_TRUE(e.export_xliff(o, x));
  EXPECT_NE(x.str().find("id=\"labels.job.contract_type\""), std::string::npos);
  EXPECT_NE(x.str().find("id=\"labels.job.contract_type__fixed_term\""), std::string::npos);
  coverage_options c;
  c.by = coverage_grouping::type;
  auto cov = e.coverage(c);
  ASSERT_TRUE(cov);
  bool group = false;
  for (const auto& r : cov->rows) group = group || r.group == "labels_job";
  EXPECT_TRUE(group);
  auto content = e.export_content("labels_job");
  ASSERT_TRUE(content);
  EXPECT_NE(content->find("Type de contrat"), std::string::npos);
}

// A store made with a schema from before labels gets the English labels of
// the schema Glossa ships when it is next opened for writing.
TEST(readers, a_store_without_labels_gets_them) {
  std::string builtin = content_schema::builtin().to_json();
  std::string old = std::regex_replace(builtin, std::regex(R"(,"label":"[^"]*")"), "");
  old = std::regex_replace(old, std::regex(R"(,"labels":\{[^}]*\})"), "");
  ASSERT_EQ(old.find("\"label\""), std::string::npos);
  auto schema = content_schema::parse(old);
  ASSERT_TRUE(schema) << schema.err().to_string();
  store_options so;
  so.initial_schema = *schema;
  auto st = open_store("sqlite::memory:", so);
  ASSERT_TRUE(st);
  engine e(std::move(*st));
  auto made = e.ensure_labels();
  ASSERT_TRUE(made) << made.err().to_string();
  EXPECT_EQ(*made, 3u);  // organization, page, job
  EXPECT_EQ(*e.ensure_labels(), 0u);
  auto labels = e.storage().find_document("labels.job");
  ASSERT_TRUE(labels);
  EXPECT_EQ(labels->find("contract_type")->value, "Type of contract");
  EXPECT_EQ(labels->find("contract_type__fixed_term")->value, "Fixed-term appointment");
}

// 3. Numbers inside messages are formatted exactly as number fields are, for
// every configured locale and its Latin-digit form.
TEST(readers, numbers_in_messages_agree_with_number_fields) {
  std::vector<std::string> tags;
  for (const auto& s : locale_config::builtin().locales) {
    tags.push_back(s.tag);
    tags.push_back(s.tag + "-u-nu-latn");
  }
  for (const auto& tag : tags) {
    auto f = fmt(tag);
    for (double v : {0.0, 1.0, 2.0, 3.0, 11.0, 100.0, 1000.0, 2380.0, 12345.0, 1000000.0}) {
      std::string field = *f->number(std::to_string(static_cast<long long>(v)));
      for (const char* pattern :
           {"{n, plural, other {# x}}", "{n, number} x", "{n} x", "{n, selectordinal, other {# x}}"}) {
        auto m = f->message(pattern, {{"n", v}});
        ASSERT_TRUE(m) << tag << " " << pattern << ": " << m.err().to_string();
        std::string number = m->substr(0, m->rfind(" x"));
        // An isolate around Latin digits in right-to-left text is not part of the number.
        for (const char* mark : {"\u2068", "\u2069"})
          for (auto at = number.find(mark); at != std::string::npos; at = number.find(mark)) number.erase(at, 3);
        EXPECT_EQ(number, field) << tag << " " << pattern << " at " << v;
      }
    }
  }
}

TEST(readers, a_document_reads_its_numbers_one_way) {
  engine e = examples_engine();
  localize_options o;
  for (std::string locale : {"es", "ar-u-nu-latn", "ar"}) {
    o.locale = locale;
    auto d = e.localize("organization", o);
    ASSERT_TRUE(d);
    std::string staff = field_of(*d, "staff_count").formatted;
    std::string summary = field_of(*d, "staff_summary").formatted;
    EXPECT_NE(summary.find(staff), std::string::npos) << locale << ": " << staff << " / " << summary;
  }
}

// 4. Regional variants get their region's data, computed from ICU's own data
// for each Arabic region; a configured locale's digits apply to it alone.
TEST(readers, arabic_regions_get_their_regions_digits_and_months) {
  int32_t count = 0;
  const icu::Locale* all = icu::Locale::getAvailableLocales(count);
  std::size_t regions = 0, latin = 0;
  for (int32_t i = 0; i < count; ++i) {
    const icu::Locale& l = all[i];
    if (std::string(l.getLanguage()) != "ar" || !*l.getCountry() || *l.getScript()) continue;
    UErrorCode st = U_ZERO_ERROR;
    std::string tag = l.toLanguageTag<std::string>(st);
    const locale_settings* own = locale_config::builtin().find(tag);
    icu::Locale expected_locale(l);
    if (own && !own->digits.empty()) expected_locale.setKeywordValue("numbers", own->digits.c_str(), st);
    expected_locale.setKeywordValue("calendar", "gregorian", st);
    auto number = icu::number::NumberFormatter::withLocale(expected_locale).formatDecimal("1234567.5", st).toString(st);
    std::string expected_number;
    number.toUTF8String(expected_number);
    auto f = fmt(tag);
    EXPECT_EQ(*f->number("1234567.5"), expected_number) << tag;
    std::unique_ptr<icu::DateTimePatternGenerator> gen(
        icu::DateTimePatternGenerator::createInstance(expected_locale, st));
    icu::SimpleDateFormat df(gen->getBestPattern(u"yMMMMd", st), expected_locale, st);
    df.adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    UErrorCode cst = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> cal(
        icu::Calendar::createInstance(icu::TimeZone::createTimeZone("UTC"), expected_locale, cst));
    cal->clear();
    cal->set(2026, 2, 21);
    icu::UnicodeString date;
    df.format(cal->getTime(cst), date);
    std::string expected_date;
    date.toUTF8String(expected_date);
    EXPECT_EQ(*f->date("2026-03-21"), expected_date) << tag;
    ++regions;
    latin += expected_number.find('1') != std::string::npos;
  }
  EXPECT_GT(regions, 15u);
  EXPECT_GT(latin, 2u);  // the Maghreb writes Latin digits
  EXPECT_EQ(*fmt("ar-MA")->number("97"), "97");
  EXPECT_EQ(*fmt("ar")->number("97"), "\u0669\u0667");
  EXPECT_EQ(*fmt("ar-MA-u-nu-arab")->number("97"), "\u0669\u0667");  // -u-nu always wins
}

TEST(readers, formatters_are_shared_by_what_changes_formatting) {
  EXPECT_EQ(fmt("fr-x-00000001").get(), fmt("fr-x-00000002").get());
  EXPECT_EQ(fmt("fr-u-fw-mon").get(), fmt("fr").get());
  EXPECT_NE(fmt("fr-u-nu-arab").get(), fmt("fr").get());
  EXPECT_EQ(fmt("ar-MA").get()->locale(), "ar-MA");
}

// 5. Text in the reader's language from a parent locale is no fallback.
TEST(readers, same_language_is_not_a_fallback) {
  engine e = examples_engine();
  localize_options o;
  o.locale = "ar-EG";
  auto d = e.localize("job-2026-001", o);
  ASSERT_TRUE(d);
  std::size_t arabic = 0;
  for (const auto& f : d->fields) {
    if (!f.translatable) continue;
    if (language_of(f.locale) == "ar") {
      ++arabic;
      EXPECT_FALSE(f.fallback) << f.name;
      EXPECT_EQ(f.locale, "ar") << f.name;  // still says which locale supplied it
    } else {
      EXPECT_TRUE(f.fallback) << f.name;
    }
  }
  EXPECT_GT(arabic, 3u);
  coverage_options c;
  c.locales = {"es-MX"};
  auto cov = e.coverage(c);
  ASSERT_TRUE(cov);
  const auto& row = cov->totals.front();
  EXPECT_EQ(row.inherited_from, (std::vector<std::string>{"es"}));
  EXPECT_GT(row.counts.inherited, 100u);
  EXPECT_GT(row.counts.percent(), 80.0);
}

// 7. What translators are told: sizes as Glossa counts them, plural forms
// with their real ranges.
TEST(readers, translators_are_told_what_glossa_counts) {
  engine e = examples_engine();
  // 20 user-perceived characters, 32 code points: Arabic letters with vowel marks.
  std::string name =
      "\u0645\u064F\u0646\u064E\u0638\u0651\u064E\u0645\u064E\u0629\u064C "
      "\u0627\u0644\u062F\u0651\u064F\u0648\u064E\u0644\u0650"
      "\u064A\u0651\u064E\u0629 \u0644\u0650\u0644\u0623\u0631\u0636";
  ASSERT_TRUE(e.set_translation("organization", "short_name", "ar", name, translation_state::translated))
      << "20 graphemes fit a max_length of 20";
  for (auto v : {xliff_version::v1_2, xliff_version::v2_1}) {
    std::ostringstream x;
    xliff_export_options o;
    o.locale = "ar";
    o.version = v;
    o.scope = export_scope::all;
    o.documents = {"organization", "job-2026-001"};
    ASSERT_TRUE(e.export_xliff(o, x));
    std::string s = x.str();
    if (v == xliff_version::v1_2)
      EXPECT_NE(s.find("size-unit=\"x-glossa-grapheme\""), std::string::npos);
    else
      EXPECT_NE(s.find("generalProfile=\"urn:glossa:size:graphemes\""), std::string::npos);
    EXPECT_EQ(s.find("xliff:codepoints"), std::string::npos);
    EXPECT_EQ(s.find("size-unit=\"char\""), std::string::npos);
    // Arabic few and many, in the digits of ar.
    EXPECT_NE(
        s.find("few' of {count} in ar, used for \u0663\u2013\u0661\u0660, \u0661\u0660\u0663\u2013\u0661\u0661\u0660, "
               "\u0662\u0660\u0663\u2013\u0662\u0661\u0660, \u2026"),
        std::string::npos);
    EXPECT_NE(s.find("many' of {count} in ar, used for \u0661\u0661\u2013\u0669\u0669, "
                     "\u0661\u0661\u0661\u2013\u0661\u0669\u0669, "
                     "\u0662\u0661\u0661\u2013\u0662\u0669\u0669, \u2026"),
              std::string::npos);
  }
  std::ostringstream fr;
  xliff_export_options o;
  o.locale = "fr";
  o.scope = export_scope::all;
  o.documents = {"job-2026-001"};
  ASSERT_TRUE(e.export_xliff(o, fr));
  EXPECT_NE(fr.str().find("many' of {count} in fr, used for 1\u202F000\u202F000, 2\u202F000\u202F000, "
                          "1\u202F000\u202F000\u202F000, \u2026"),
            std::string::npos);
  EXPECT_NE(fr.str().find("other' of {count} in fr, used for 2 and more."), std::string::npos);
  EXPECT_NE(fr.str().find("\u00AB\u202F1\u202F000\u202F000 de postes\u202F\u00BB"), std::string::npos);
  EXPECT_NE(fr.str().find("de postes"), std::string::npos);
}

// 8. The checks of a whole document and of French and Spanish percents.
TEST(readers, quality_checks_for_what_readers_stumble_on) {
  engine e = examples_engine();
  auto before = e.qa("ar", "organization");
  ASSERT_TRUE(before);
  for (const auto& f : *before) EXPECT_NE(f.check, "digits") << f.message;
  auto d = e.storage().find_document("organization");
  std::string mission = d->find("mission")->find("ar")->text + " 97 \u0628\u0644\u062F\u064B\u0627.";
  ASSERT_TRUE(e.set_translation("organization", "mission", "ar", mission, translation_state::translated));
  auto after = e.qa("ar", "organization");
  ASSERT_TRUE(after);
  bool named = false;
  for (const auto& f : *after)
    if (f.check == "digits")  // both forms: the Latin 97 and one in Arabic-Indic digits (U+0660..U+0669, D9 A0..A9)
      named =
          f.message.find("\u00AB97\u00BB") != std::string::npos && f.message.find("\u00AB\xD9") != std::string::npos;
  EXPECT_TRUE(named);
  field_def def;
  def.name = "summary";
  def.kind = field_kind::text;
  def.translatable = true;
  auto fr = check_translation(def, "45 % of staff", "45 % du personnel", "en", "fr");
  EXPECT_TRUE(std::any_of(fr.begin(), fr.end(),
                          [](const qa_finding& f) { return f.message.find("no-break space") != std::string::npos; }));
  auto ok = check_translation(def, "45 % of staff", "45\u202F% du personnel", "en", "fr");
  EXPECT_TRUE(std::none_of(ok.begin(), ok.end(),
                           [](const qa_finding& f) { return f.message.find("before %") != std::string::npos; }));
}
