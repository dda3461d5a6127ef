// Hostile input: every case is refused with a clear error (code, file, line
// where there is one) and leaves the store exactly as it was.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <glossa/content.hpp>
#include <glossa/engine.hpp>
#include <glossa/xliff.hpp>
#include <sstream>

#include "core/read_file.hpp"
#include "test_support.hpp"

using namespace glossa;

namespace {

engine examples() {
  engine e = test::memory_engine();
  auto r = e.import_content_files(test::example_files());
  if (!r) throw std::runtime_error(r.err().to_string());
  return e;
}

// Everything a refused input must not change: content, translations, history.
std::string fingerprint(engine& e) {
  std::string out = *e.export_content();
  auto docs = e.storage().list_documents();
  for (const auto& d : *docs) out += d.key + ":" + std::to_string(e.history(d.key)->size()) + ";";
  return out;
}

std::string xlf12(const std::string& body, const std::string& file_attrs = "original=\"x\"") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" "
         "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
         "<file " +
         file_attrs + " source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\n" + body +
         "\n</body></file></xliff>\n";
}

std::string unit(const std::string& id, const std::string& target, const std::string& source = "x") {
  return "<trans-unit id=\"" + id + "\"><source>" + source + "</source><target>" + target + "</target></trans-unit>";
}

// The English title of job-2026-003: the source its units must carry.
const std::string legal_officer = "Legal Officer (Privileges, Immunities and Host Country Agreements)";

struct refusal {
  std::string name, bytes, says;
  errc code;
  std::uint32_t line;  // 0: any
};

class hostile_xliff : public ::testing::Test {
 protected:
  engine e = examples();
  std::string before = fingerprint(e);
  void refuse(const refusal& c) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = e.import_xliff(c.bytes, c.name + ".xlf");
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_FALSE(r) << c.name << " was not refused";
    EXPECT_EQ(r.err().code, c.code) << c.name << ": " << r.err().to_string();
    EXPECT_NE(r.err().message.find(c.says), std::string::npos) << c.name << ": " << r.err().to_string();
    EXPECT_EQ(r.err().where.file, c.name + ".xlf");
    if (c.line) {
      EXPECT_EQ(r.err().where.line, c.line) << c.name << ": " << r.err().to_string();
    }
    EXPECT_EQ(fingerprint(e), before) << c.name << " changed the store";
    // Not a test of speed: a refusal that takes seconds means the input was processed, not refused.
    EXPECT_LT(ms, 20000) << c.name;
  }
};

}  // namespace

TEST_F(hostile_xliff, billion_laughs_is_refused_before_any_expansion) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i)
    bomb += " <!ENTITY lol" + std::to_string(i) + " \"" + [&] {
      std::string s;
      for (int k = 0; k < 10; ++k) s += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
      return s;
    }() + "\">\n";
  bomb +=
      "]>\n<xliff version=\"1.2\"><file><body><trans-unit "
      "id=\"a.b\"><source>&lol9;</source></trans-unit></body></file></xliff>";
  refuse({"billion_laughs", bomb, "internal subset", errc::invalid_content, 2});
}

TEST_F(hostile_xliff, external_entities_are_never_resolved) {
  std::string xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n" +
                    xlf12(unit("job-2026-003.title", "&x;")).substr(39);
  auto r = e.import_xliff(xxe, "xxe.xlf");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().message.find("root:"), std::string::npos);
  refuse({"xxe", xxe, "internal subset", errc::invalid_content, 2});
}

TEST_F(hostile_xliff, a_hundred_thousand_levels_of_nesting) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<group id=\"g" + std::to_string(i) + "\">";
  for (int i = 0; i < 100000; ++i) deep += "</group>";
  refuse({"nesting", xlf12(deep), "nested deeper", errc::invalid_content, 0});
}

TEST_F(hostile_xliff, a_million_attributes_on_one_element) {
  std::string attrs;
  attrs.reserve(16 * 1000000);
  for (int i = 0; i < 1000000; ++i) attrs += " a" + std::to_string(i) + "=\"\"";
  refuse({"attributes", xlf12(unit("job-2026-003.title", "Juriste"), "original=\"x\"" + attrs),
          "too many attributes on <file>", errc::invalid_content, 3});
}

TEST_F(hostile_xliff, truncated_files_are_refused_at_every_cut) {
  std::ostringstream x;
  xliff_export_options o;
  o.locale = "ar";
  o.documents = {"job-2026-019"};
  ASSERT_TRUE(e.export_xliff(o, x));
  std::string full = x.str();
  for (std::size_t cut :
       {std::size_t{10}, full.size() / 7, full.size() / 3, full.size() / 2, full.size() - 20, full.size() - 2}) {
    refuse({"truncated-" + std::to_string(cut), full.substr(0, cut), "", errc::invalid_content, 0});
  }
}

TEST_F(hostile_xliff, invalid_utf8_and_overlong_encodings) {
  refuse({"invalid_utf8", xlf12(unit("job-2026-003.title", "Jur\xFFiste")), "not valid UTF-8", errc::invalid_utf8, 4});
  // "\xC0\xAF" is an overlong '/': a decoder that accepts it lets "..\xC0\xAF" through as "../".
  refuse({"overlong", xlf12(unit("job-2026-003.title", "..\xC0\xAF..")), "not valid UTF-8", errc::invalid_utf8, 4});
  refuse({"surrogate", xlf12(unit("job-2026-003.title", "\xED\xA0\x80")), "not valid UTF-8", errc::invalid_utf8, 4});
}

TEST_F(hostile_xliff, nul_and_c0_controls_in_text) {
  refuse({"nul_raw", xlf12(unit("job-2026-003.title", std::string("Jur\0iste", 8))), "", errc::invalid_content, 0});
  refuse(
      {"c0_raw", xlf12(unit("job-2026-003.title", "Jur\x01iste")), "U+0001 is not allowed", errc::invalid_content, 4});
  // As character references they are well-formed XML 1.0 only for tab, LF, CR: the rest are refused.
  refuse({"nul_ref", xlf12(unit("job-2026-003.title", "Jur&#0;iste")), "&#0;", errc::invalid_content, 4});
  refuse({"c0_ref", xlf12(unit("job-2026-003.title", "Jur&#x1B;iste")), "&#x1B;", errc::invalid_content, 4});
}

TEST_F(hostile_xliff, utf16_without_a_byte_order_mark) {
  std::string utf8 = xlf12(unit("job-2026-003.title", "Juriste"));
  std::string utf16;
  for (char c : utf8) {
    utf16 += c;
    utf16 += '\0';
  }
  refuse({"utf16_le_no_bom", utf16, "byte-order mark", errc::invalid_utf8, 1});
}

TEST_F(hostile_xliff, ids_with_spaces_or_path_segments_touch_nothing) {
  auto r = e.import_xliff(xlf12(unit("job-2026-003.title/../../organization.name", "x") + "\n" +
                                unit("job 2026 003.title", "y") + "\n" + unit("../../etc/passwd", "z")),
                          "ids.xlf");
  // XLIFF 1.2 ids are free text, so the file is valid; no such id names a
  // Glossa unit, and none is applied.
  ASSERT_TRUE(r) << r.err().to_string();
  ASSERT_EQ(r->units.size(), 3u);
  for (const auto& u : r->units) EXPECT_EQ(u.outcome, unit_outcome::unknown) << u.id;
  EXPECT_EQ(fingerprint(e), before);
  auto slash = e.import_xliff(xlf12(unit("job-2026-003.title/../../organization.name", "x")), "slash.xlf");
  ASSERT_TRUE(slash) << slash.err().to_string();
  EXPECT_EQ(slash->units.at(0).outcome, unit_outcome::unknown);
  EXPECT_EQ(fingerprint(e), before);
}

TEST_F(hostile_xliff, original_paths_are_never_opened) {
  // `original` names the translator's source file; Glossa matches units by id
  // and never opens, creates or trusts that path.
  std::string target = "Juriste (privilèges, immunités et accords de siège)";
  auto r = e.import_xliff(
      xlf12(unit("job-2026-003.title", target, legal_officer), "original=\"../../../../../../tmp/glossa-escaped.txt\""),
      "original.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_NE(r->units.at(0).outcome, unit_outcome::refused) << r->units.at(0).message;
  EXPECT_FALSE(std::filesystem::exists("/tmp/glossa-escaped.txt"));
}

TEST_F(hostile_xliff, trojan_source_in_a_translation_is_refused) {
  auto r =
      e.import_xliff(xlf12(unit("job-2026-003.title", "Juriste \u202Eetsiruj\u202C", legal_officer)), "trojan.xlf");
  ASSERT_TRUE(r) << r.err().to_string();
  EXPECT_EQ(r->units.at(0).outcome, unit_outcome::refused);
  EXPECT_EQ(r->units.at(0).code(), "bidi_override");
  EXPECT_EQ(fingerprint(e), before);
}

TEST(hostile_content, invalid_utf8_controls_and_keys_are_refused) {
  engine e = examples();
  std::string before = fingerprint(e);
  struct bad {
    std::string name, json;
    errc code;
  };
  for (const auto& c : std::vector<bad>{
           {"overlong",
            "{\"documents\": [{\"type\": \"page\", \"key\": \"x\", \"source_locale\": \"en\", \"fields\": {\"title\": "
            "\"a\xC0\xAF\"}}]}",
            errc::invalid_utf8},
           {"nul",
            "{\"documents\": [{\"type\": \"page\", \"key\": \"x\", \"source_locale\": \"en\", \"fields\": {\"title\": "
            "\"a\\u0000b\"}}]}",
            errc::control_character},
           {"c0",
            "{\"documents\": [{\"type\": \"page\", \"key\": \"x\", \"source_locale\": \"en\", \"fields\": {\"title\": "
            "\"a\\u001bb\"}}]}",
            errc::control_character},
           {"key_traversal",
            "{\"documents\": [{\"type\": \"page\", \"key\": \"../etc\", \"source_locale\": \"en\", \"fields\": "
            "{\"title\": \"a\"}}]}",
            errc::invalid_value},
           {"key_space",
            "{\"documents\": [{\"type\": \"page\", \"key\": \"a b\", \"source_locale\": \"en\", \"fields\": "
            "{\"title\": \"a\"}}]}",
            errc::invalid_value},
           {"trojan",
            "{\"documents\": [{\"type\": \"organization\", \"key\": \"organization\", \"translations\": {\"fr\": "
            "{\"name\": \"a\\u202Eb\"}}}]}",
            errc::qa_failed},
           {"deep", std::string(100000, '[') + std::string(100000, ']'), errc::json_syntax},
       }) {
    auto r = e.import_content(c.json, c.name + ".json");
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.err().code, c.code) << c.name << ": " << r.err().to_string();
    EXPECT_EQ(r.err().where.file, c.name + ".json");
    EXPECT_GT(r.err().where.line, 0u) << c.name;
  }
  EXPECT_EQ(fingerprint(e), before);
}

TEST(hostile_files, a_file_over_the_size_limit_is_refused_before_it_is_read) {
  test::temp_dir dir;
  std::string path = dir.file("huge.xlf");
  {
    std::ofstream f(path, std::ios::binary);
    f << "<xliff/>";
  }
  std::filesystem::resize_file(path, 3ull << 30);  // sparse: 3 GiB on paper, nothing on disk
  auto r = detail::read_file(path, max_input_bytes());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.err().code, errc::too_large);
  EXPECT_EQ(r.err().where.file, path);
  struct reset_limit {
    ~reset_limit() { set_max_input_bytes(0); }  // back to the default, whatever happens below
  } reset;
  std::string small_path = dir.file("small.xlf");
  test::spit(small_path, "<xliff/>");
  EXPECT_TRUE(detail::read_file(small_path, max_input_bytes()));
  set_max_input_bytes(4);
  auto small = detail::read_file(small_path, max_input_bytes());
  ASSERT_FALSE(small);
  EXPECT_EQ(small.err().code, errc::too_large);
  set_max_input_bytes(0);
  EXPECT_EQ(max_input_bytes(), default_max_input_bytes);
}
