#include <gtest/gtest.h>

#include <glossa/content.hpp>

#include "test_support.hpp"

using namespace glossa;

namespace {
const content_schema& schema() { return content_schema::builtin(); }

// A job document with `extra` spliced into its fields; a field named in
// `extra` replaces the default one (JSON keys must stay unique).
std::string job_with(const std::string& fields_extra, const std::string& doc_extra = "") {
  auto given = [&](const char* name) {
    return fields_extra.find(std::string("\"") + name + "\"") != std::string::npos;
  };
  std::string fields = "\"reference\": \"VA/1\"";
  if (!given("title")) fields += ", \"title\": \"Data Analyst\"";
  fields += ",\n";
  if (!given("closing"))
    fields += "              \"closing\": {\"local\": \"2026-12-15T17:00:00\", \"time_zone\": \"Asia/Amman\"},\n";
  else
    fields += "\n";
  return "{\"format\": \"glossa-content\", \"version\": 1, \"documents\": [\n"
         "  {\"type\": \"job\", \"key\": \"job-1\", \"source_locale\": \"en\"" +
         doc_extra +
         ",\n"
         "   \"fields\": {" +
         fields + "              \"summary\": \"<p>Short</p>\"" + fields_extra + "}}]}";
}

error parse_error(const std::string& json) {
  auto r = parse_content(json, "in.json", schema());
  if (r) return error{};
  return r.err();
}
}  // namespace

TEST(content, parses_every_kind_into_canonical_values) {
  auto r = parse_content(job_with(R"(, "salary": {"amount": "84500.50", "currency": "CHF"}, "positions": 3,
      "grade": "P-3", "posted_on": "2026-11-02", "required_languages": ["en", "fr-ca"],
      "positions_text": "{count, plural, one {# post} other {# posts}}")"),
                         "in.json", schema());
  ASSERT_TRUE(r) << r.err().to_string();
  ASSERT_EQ(r->size(), 1u);
  const auto& d = (*r)[0];
  EXPECT_EQ(d.type, "job");
  EXPECT_EQ(d.key, "job-1");
  EXPECT_EQ(d.source_locale, "en");
  auto value = [&](const std::string& name) {
    for (const auto& f : d.fields)
      if (f.name == name) return f.value;
    return std::string("<absent>");
  };
  EXPECT_EQ(value("closing"), "2026-12-15T17:00:00[Asia/Amman]");
  EXPECT_EQ(value("salary"), "84500.50 CHF");
  EXPECT_EQ(value("positions"), "3");
  EXPECT_EQ(value("required_languages"), "en,fr-CA");
  EXPECT_EQ(value("posted_on"), "2026-11-02");
  location where = d.fields.front().where;
  EXPECT_EQ(where.file, "in.json");
  EXPECT_EQ(where.path, "/documents/0/fields/reference");
  EXPECT_EQ(where.line, 0u);  // resolved only when an error needs it
  resolve_location(where, job_with(""));
  EXPECT_EQ(where.line, 3u);
  EXPECT_GT(where.column, 1u);
}

TEST(content, translations_default_to_translated_and_current_revision) {
  auto r = parse_content(job_with("", R"(, "translations": {"FR": {"title": "Analyste de données",
      "summary": {"text": "<p>Bref</p>", "state": "reviewed", "source_revision": "0123456789abcdef", "author": "amina"}}})"),
                         "in.json", schema());
  ASSERT_TRUE(r) << r.err().to_string();
  const auto& t = (*r)[0].translations;
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].locale, "fr");
  EXPECT_EQ(t[0].state, translation_state::translated);
  EXPECT_FALSE(t[0].source_revision);
  EXPECT_EQ(t[1].state, translation_state::reviewed);
  EXPECT_EQ(t[1].source_revision, "0123456789abcdef");
  EXPECT_EQ(t[1].author, "amina");
}

struct bad_input {
  std::string name;
  std::string json;
  errc code;
  std::uint32_t line;   // expected line of the error (0: don't check)
  std::string pointer;  // expected JSON pointer ("" : don't check)
  std::string says;     // the message must contain this
};

// Test names and failure messages show the case name, not the bytes.
void PrintTo(const bad_input& c, std::ostream* os) { *os << c.name; }

class content_errors : public ::testing::TestWithParam<bad_input> {};

TEST_P(content_errors, are_refused_with_file_line_column_and_cause) {
  const auto& c = GetParam();
  error e = parse_error(c.json);
  ASSERT_FALSE(e.ok()) << c.name << " was accepted";
  EXPECT_EQ(e.code, c.code) << e.to_string();
  EXPECT_EQ(e.where.file, "in.json");
  EXPECT_GT(e.where.line, 0u) << e.to_string();
  EXPECT_GT(e.where.column, 0u) << e.to_string();
  if (c.line) {
    EXPECT_EQ(e.where.line, c.line) << e.to_string();
  }
  if (!c.pointer.empty()) {
    EXPECT_EQ(e.where.path, c.pointer) << e.to_string();
  }
  EXPECT_NE(e.message.find(c.says), std::string::npos) << e.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    content, content_errors,
    ::testing::Values(
        bad_input{"malformed_json", "{\"documents\": [\n  {\"type\": \"job\",,}]}", errc::json_syntax, 2, "",
                  "malformed JSON"},
        bad_input{"truncated_json", "{\"documents\": [", errc::json_syntax, 1, "", "malformed JSON"},
        bad_input{"trailing_garbage", "{\"documents\": []} x", errc::json_syntax, 1, "", "malformed JSON"},
        bad_input{"invalid_utf8", job_with(", \"department\": \"Fin\xC3\x28nce\""), errc::invalid_utf8, 5, "",
                  "not valid UTF-8"},
        bad_input{"overlong_utf8", job_with(", \"department\": \"\xC0\xAF\""), errc::invalid_utf8, 5, "",
                  "not valid UTF-8"},
        bad_input{"not_an_object", "[1, 2]", errc::invalid_content, 1, "", "JSON object"},
        bad_input{"documents_missing", "{\"format\": \"glossa-content\"}", errc::invalid_content, 1, "/documents",
                  "\"documents\""},
        bad_input{"wrong_format", "{\"format\": \"xliff\", \"documents\": []}", errc::invalid_content, 1, "/format",
                  "glossa-content"},
        bad_input{"unknown_type", "{\"documents\": [\n {\"type\": \"vacancy\", \"key\": \"v\"}]}", errc::unknown_type,
                  2, "/documents/0/type", "unknown document type 'vacancy'"},
        bad_input{"unknown_field", job_with(",\n \"salry\": 3"), errc::unknown_field, 6, "/documents/0/fields/salry",
                  "has no field 'salry'"},
        bad_input{"unknown_member", job_with("", ", \"colour\": 1"), errc::invalid_content, 2, "/documents/0/colour",
                  "unknown member"},
        bad_input{"bad_key", "{\"documents\": [{\"type\": \"job\", \"key\": \"Job 1\"}]}", errc::invalid_value, 1,
                  "/documents/0/key", "key 'Job 1'"},
        bad_input{"date_not_a_date", job_with(",\n \"posted_on\": \"15/12/2026\""), errc::invalid_value, 6,
                  "/documents/0/fields/posted_on", "not a date"},
        bad_input{"impossible_date", job_with(", \"posted_on\": \"2026-02-29\""), errc::invalid_value, 5, "",
                  "not a calendar date"},
        bad_input{"datetime_without_zone", job_with(", \"closing\": \"2026-12-15T17:00:00\""), errc::invalid_value, 0,
                  "", "must be an object"},
        bad_input{"unknown_time_zone",
                  job_with(", \"closing\": {\"local\": \"2026-12-15T17:00:00\", \"time_zone\": \"Europe/Geneva\"}"),
                  errc::invalid_value, 5, "/documents/0/fields/closing/time_zone", "not an IANA time zone"},
        bad_input{"unknown_currency", job_with(", \"salary\": {\"amount\": \"100\", \"currency\": \"EUX\"}"),
                  errc::invalid_value, 5, "/documents/0/fields/salary/currency", "ISO 4217"},
        bad_input{"amount_not_decimal", job_with(", \"salary\": {\"amount\": \"1,000\", \"currency\": \"EUR\"}"),
                  errc::invalid_value, 5, "/documents/0/fields/salary/amount", "not a decimal"},
        bad_input{"number_as_string", job_with(", \"positions\": \"two\""), errc::invalid_value, 5, "", "JSON number"},
        bad_input{"enum_value", job_with(", \"grade\": \"P-9\""), errc::invalid_value, 5, "",
                  "not a value of field 'grade'"},
        bad_input{"unknown_locale_in_list", job_with(", \"required_languages\": [\"en\", \"klingon\"]"),
                  errc::invalid_locale, 5, "/documents/0/fields/required_languages/1", "klingon"},
        bad_input{"unknown_source_locale",
                  "{\"documents\": [{\"type\": \"job\", \"key\": \"j\", \"source_locale\": \"xx\"}]}",
                  errc::invalid_locale, 1, "/documents/0/source_locale", "xx"},
        bad_input{"unknown_translation_locale", job_with("", ", \"translations\": {\"en_GB\": {\"title\": \"x\"}}"),
                  errc::invalid_locale, 2, "/documents/0/translations/en_GB", "en_GB"},
        bad_input{"control_character", job_with(", \"department\": \"Fin\\u0007ance\""), errc::control_character, 5, "",
                  "control character"},
        bad_input{"too_long", job_with(", \"title\": \"" + std::string(101, 'x') + "\""), errc::too_long, 5, "",
                  "allows 100"},
        bad_input{"duplicate_key", job_with(", \"department\": \"A\",\n \"department\": \"B\""), errc::invalid_content,
                  6, "", "'department' appears twice"},
        bad_input{"rich_text_bad_tag", job_with(", \"responsibilities\": \"<ul><li>ok</li><script>x</script></ul>\""),
                  errc::invalid_value, 5, "", "<script> is not allowed"},
        bad_input{"rich_text_unbalanced", job_with(", \"responsibilities\": \"<p>open <b>bold</p>\""),
                  errc::invalid_value, 5, "", "</p> closes <b>"},
        bad_input{"rich_text_attribute", job_with(", \"responsibilities\": \"<p onclick=\\\"x()\\\">a</p>\""),
                  errc::invalid_value, 5, "", "not allowed on <p>"},
        bad_input{"message_syntax", job_with(", \"positions_text\": \"{count, plural, one {# post} other {# posts}\""),
                  errc::invalid_value, 5, "", "not a valid ICU message"},
        bad_input{"translation_of_untranslatable", job_with("", ", \"translations\": {\"fr\": {\"reference\": \"x\"}}"),
                  errc::invalid_value, 2, "/documents/0/translations/fr/reference", "not translatable"},
        bad_input{"translation_bad_state",
                  job_with("", ", \"translations\": {\"fr\": {\"title\": {\"text\": \"x\", \"state\": \"done\"}}}"),
                  errc::invalid_value, 2, "/documents/0/translations/fr/title/state", "state must be one of"},
        bad_input{"translation_empty", job_with("", ", \"translations\": {\"fr\": {\"title\": \"\"}}"),
                  errc::invalid_value, 2, "", "empty"}),
    [](const ::testing::TestParamInfo<bad_input>& param) { return param.param.name; });

TEST(content, error_column_points_at_the_bad_character_inside_a_string) {
  // "\n" escapes before the control character must not shift the column.
  std::string json =
      "{\"documents\": [{\"type\": \"page\", \"key\": \"p\", \"source_locale\": \"en\", "
      "\"fields\": {\"title\": \"ab\\ncd\\u0001\"}}]}";
  auto r = parse_content(json, "in.json", schema());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::control_character);
  EXPECT_EQ(r.err().where.column, json.find("\\u0001") + 1);
}

TEST(content, example_files_are_valid) {
  auto files = test::example_files();
  ASSERT_GE(files.size(), 4u);
  std::size_t docs = 0;
  for (const auto& f : files) {
    auto r = parse_content(test::slurp(f), f, schema());
    ASSERT_TRUE(r) << r.err().to_string();
    docs += r->size();
  }
  EXPECT_GE(docs, 23u);
}

TEST(content, writer_output_parses_back_to_the_same_values) {
  document d{"job", "job-1", "en", {}, "", ""};
  d.fields.push_back({"title",
                      "Analyst",
                      revision_of("Analyst"),
                      {{"ar", "محلل", translation_state::translated, revision_of("Analyst"), "amal", "manual", ""},
                       {"fr", "Analyste", translation_state::final_, "0123456789abcdef", "luc", "manual", ""}}});
  d.fields.push_back({"closing", "2026-12-15T17:00:00[Asia/Amman]", "", {}});
  d.fields.push_back({"salary", "84500.50 CHF", "", {}});
  d.fields.push_back({"positions", "2", "", {}});
  d.fields.push_back({"required_languages", "ar,en", "", {}});
  std::string json = write_content({d}, schema());
  EXPECT_NE(json.find("\"time_zone\": \"Asia/Amman\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"positions\": 2"), std::string::npos) << json;
  EXPECT_NE(json.find("\"required_languages\": [\"ar\", \"en\"]"), std::string::npos) << json;
  auto back = parse_content(json, "out.json", schema());
  ASSERT_TRUE(back) << back.err().to_string();
  ASSERT_EQ(back->size(), 1u);
  const auto& in = (*back)[0];
  ASSERT_EQ(in.fields.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(in.fields[i].value, d.fields[i].value);
  ASSERT_EQ(in.translations.size(), 2u);
  EXPECT_EQ(in.translations[0].locale, "ar");
  EXPECT_EQ(in.translations[1].state, translation_state::final_);
  EXPECT_EQ(in.translations[1].source_revision, "0123456789abcdef");
  EXPECT_EQ(in.translations[1].author, "luc");
}
