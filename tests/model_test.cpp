#include <gtest/gtest.h>

#include <glossa/model.hpp>

using namespace glossa;

TEST(model, kind_and_state_names_round_trip) {
  for (auto k : {field_kind::text, field_kind::rich_text, field_kind::message, field_kind::date, field_kind::datetime,
                 field_kind::number, field_kind::money, field_kind::enumeration, field_kind::locale_list})
    EXPECT_EQ(parse_field_kind(to_string(k)), k);
  EXPECT_EQ(to_string(field_kind::enumeration), "enum");
  EXPECT_FALSE(parse_field_kind("string"));
  EXPECT_TRUE(is_textual(field_kind::message));
  EXPECT_FALSE(is_textual(field_kind::money));

  EXPECT_EQ(to_string(translation_state::fresh), "new");
  EXPECT_EQ(to_string(translation_state::final_), "final");
  EXPECT_EQ(parse_translation_state("reviewed"), translation_state::reviewed);
  EXPECT_FALSE(parse_translation_state("done"));
  EXPECT_LT(translation_state::fresh, translation_state::translated);
  EXPECT_LT(translation_state::reviewed, translation_state::final_);
}

TEST(model, revision_is_a_content_hash) {
  // First 16 hex digits of SHA-256("abc") (FIPS 180-2 test vector).
  EXPECT_EQ(revision_of("abc"), "ba7816bf8f01cfea");
  EXPECT_EQ(revision_of("Programme Officer"), revision_of("Programme Officer"));
  EXPECT_NE(revision_of("Programme Officer"), revision_of("Programme officer"));
}

TEST(model, staleness_is_derived_from_revisions) {
  field f{"title", "New text", revision_of("New text"), {}};
  translation t{"fr", "Ancien texte", translation_state::reviewed, revision_of("Old text"), "a", "manual", ""};
  EXPECT_TRUE(is_stale(f, t));
  t.source_revision = f.revision;
  EXPECT_FALSE(is_stale(f, t));
}

TEST(model, structured_values_parse_from_canonical_form) {
  auto m = parse_money("84500.00 CHF");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->amount, "84500.00");
  EXPECT_EQ(m->currency, "CHF");
  EXPECT_FALSE(parse_money("84500"));
  auto dt = parse_datetime("2026-12-15T17:00:00[Europe/Zurich]");
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->local, "2026-12-15T17:00:00");
  EXPECT_EQ(dt->time_zone, "Europe/Zurich");
  EXPECT_FALSE(parse_datetime("2026-12-15T17:00:00"));
  EXPECT_EQ(split_locale_list("ar,en,fr"), (std::vector<std::string>{"ar", "en", "fr"}));
  EXPECT_TRUE(split_locale_list("").empty());
}

TEST(model, keys) {
  EXPECT_TRUE(is_valid_key("job-2026-001"));
  EXPECT_TRUE(is_valid_key("organization"));
  EXPECT_FALSE(is_valid_key(""));
  EXPECT_FALSE(is_valid_key("Job"));
  EXPECT_FALSE(is_valid_key("-job"));
  EXPECT_FALSE(is_valid_key("a/../b"));
  EXPECT_FALSE(is_valid_key("a b"));
  EXPECT_FALSE(is_valid_key(std::string(129, 'a')));
}

TEST(schema, builtin_declares_organization_page_and_job) {
  const auto& s = content_schema::builtin();
  ASSERT_NE(s.find("organization"), nullptr);
  ASSERT_NE(s.find("page"), nullptr);
  const type_def* job = s.find("job");
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(s.find("vacancy"), nullptr);
  const field_def* closing = job->find("closing");
  ASSERT_NE(closing, nullptr);
  EXPECT_EQ(closing->kind, field_kind::datetime);
  EXPECT_TRUE(closing->required);
  const field_def* title = job->find("title");
  ASSERT_NE(title, nullptr);
  EXPECT_TRUE(title->translatable);
  EXPECT_TRUE(title->max_length.has_value());
  EXPECT_FALSE(title->description.empty());
  EXPECT_EQ(job->find("salary")->kind, field_kind::money);
  EXPECT_EQ(job->find("required_languages")->kind, field_kind::locale_list);
  EXPECT_EQ(job->find("positions_text")->kind, field_kind::message);
  EXPECT_FALSE(job->find("grade")->values.empty());
}

TEST(schema, a_new_type_is_data) {
  auto s = content_schema::parse(R"({"format": "glossa-schema", "version": 1, "types": [
      {"name": "event", "fields": [{"name": "title", "kind": "text", "translatable": true, "required": true},
                                   {"name": "starts", "kind": "datetime"}]}]})");
  ASSERT_TRUE(s) << s.err().to_string();
  ASSERT_NE(s->find("event"), nullptr);
  EXPECT_EQ(s->find("event")->fields.size(), 2u);
  // to_json is canonical: parsing it back gives the same JSON.
  auto again = content_schema::parse(s->to_json());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->to_json(), s->to_json());
  EXPECT_EQ(content_schema::parse(content_schema::builtin().to_json())->to_json(), content_schema::builtin().to_json());
}

TEST(schema, invalid_schemas_are_refused_with_position) {
  struct bad_case {
    const char* json;
    const char* says;
  };
  for (
      auto c : {
          bad_case{R"({"format": "glossa-schema", "version": 1, "types": []})", "non-empty array"},
          bad_case{R"({"format": "x", "version": 1, "types": []})", "glossa-schema"},
          bad_case{"{\"format\": \"glossa-schema\", \"version\": 1, \"types\": [\n {\"name\": \"t\", \"fields\": [\n"
                   "  {\"name\": \"d\", \"kind\": \"date\", \"translatable\": true}]}]}",
                   "only text, rich_text and message"},
          bad_case{
              R"({"format": "glossa-schema", "version": 1, "types": [{"name": "t", "fields": [{"name": "e", "kind": "enum"}]}]})",
              "needs \"values\""},
          bad_case{
              R"({"format": "glossa-schema", "version": 1, "types": [{"name": "t", "fields": [{"name": "a", "kind": "colour"}]}]})",
              "kind must be one of"},
          bad_case{
              R"({"format": "glossa-schema", "version": 1, "types": [{"name": "t", "fields": [{"name": "a", "kind": "text"}, {"name": "a", "kind": "text"}]}]})",
              "declared twice"},
      }) {
    auto s = content_schema::parse(c.json, "schema.json");
    ASSERT_FALSE(s) << c.json;
    EXPECT_EQ(s.err().code, errc::invalid_schema);
    EXPECT_NE(s.err().message.find(c.says), std::string::npos) << s.err().message;
    EXPECT_EQ(s.err().where.file, "schema.json");
    EXPECT_GT(s.err().where.line, 0u);
  }
  auto third = content_schema::parse(
      "{\"format\": \"glossa-schema\", \"version\": 1, \"types\": [\n {\"name\": \"t\", \"fields\": [\n"
      "  {\"name\": \"d\", \"kind\": \"date\", \"translatable\": true}]}]}");
  EXPECT_EQ(third.err().where.line, 3u);
  EXPECT_EQ(third.err().where.path, "/types/0/fields/0/translatable");
  auto syntax = content_schema::parse("{\"format\": ");
  EXPECT_EQ(syntax.err().code, errc::json_syntax);
}
