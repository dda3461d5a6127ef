// The XLIFF rules checked by two threads (the reader's validator thread and
// the reading thread, which takes a share of the <file> elements) give the
// same findings, in the same order, as one thread checking everything.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "formats/xliff/reader.hpp"
#include "formats/xliff/validator.hpp"

using namespace glossa;

namespace {

std::vector<std::size_t> newlines_of(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') out.push_back(i);
  return out;
}

// The findings as "LINE RULE", checked by one thread, or by two sharing the files.
std::vector<std::string> check(const std::string& text, const std::string& version, bool two_threads) {
  std::string buffer = text;
  auto newlines = newlines_of(buffer);
  auto facts = xliff::scan_text(buffer, newlines);
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_utf8));
  std::vector<xliff::finding> found;
  if (two_threads) {
    xliff::validation v(doc, newlines, std::move(facts), version);
    std::thread helper([&] { v.help(); });
    v.run();
    helper.join();
    found = v.take();
  } else {
    found = xliff::validate_document(doc, newlines, std::move(facts), version);
  }
  std::vector<std::string> out;
  for (const auto& f : found) out.push_back(std::to_string(f.line) + " " + f.rule);
  return out;
}
std::vector<std::string> one_thread(const std::string& text, const std::string& version) {
  return check(text, version, false);
}
std::vector<std::string> two_threads(const std::string& text, const std::string& version) {
  return check(text, version, true);
}

// `files` <file> elements, every third with a duplicate unit id.
std::string v12(int files) {
  std::string x = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n";
  for (int f = 0; f < files; ++f) {
    x += "<file original=\"f" + std::to_string(f) + "\" source-language=\"en\" datatype=\"plaintext\"><body>\n";
    x += "<trans-unit id=\"u\"><source>a</source></trans-unit>\n";
    if (f % 3 == 0) x += "<trans-unit id=\"u\"><source>b</source></trans-unit>\n";
    x += "</body></file>\n";
  }
  return x + "</xliff>\n";
}

// The same in 2.0, with findings of the root between the files: a repeated
// file id and an element <xliff> does not allow.
std::string v20(int files) {
  std::string x =
      "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
      "srcLang=\"en\">\n";
  for (int f = 0; f < files; ++f) {
    x += "<file id=\"f" + std::to_string(f % 5 == 4 ? 0 : f) + "\">\n";
    x += "<unit id=\"u\"><segment><source>a</source></segment></unit>\n";
    if (f % 3 == 0) x += "<unit id=\"u\"><segment><source>b</source></segment></unit>\n";
    x += "</file>\n";
    if (f % 7 == 6) x += "<unit id=\"stray\"><segment><source>c</source></segment></unit>\n";
  }
  return x + "</xliff>\n";
}

}  // namespace

TEST(validation, two_threads_find_what_one_finds_in_the_same_order_1_2) {
  for (int files : {1, 2, 40}) {
    auto one = one_thread(v12(files), "1.2");
    ASSERT_FALSE(one.empty());
    EXPECT_EQ(two_threads(v12(files), "1.2"), one) << files << " files";
  }
  // Document order: the duplicate ids of the first and the fourth file.
  auto found = one_thread(v12(4), "1.2");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "5 unit_id_unique");
  EXPECT_EQ(found[1], "15 unit_id_unique");
}

TEST(validation, two_threads_find_what_one_finds_in_the_same_order_2_0) {
  for (int files : {1, 8, 40}) {
    auto one = one_thread(v20(files), "2.0");
    ASSERT_FALSE(one.empty());
    EXPECT_EQ(two_threads(v20(files), "2.0"), one) << files << " files";
  }
  // The root's findings (a repeated file id, a stray <unit>) stay between
  // the files' own: every finding in document order.
  auto found = two_threads(v20(10), "2.0");
  bool file_id = false, stray = false;
  int last = 0;
  for (const auto& f : found) {
    int line = std::stoi(f.substr(0, f.find(' ')));
    EXPECT_GE(line, last) << f;
    last = line;
    file_id = file_id || f.find("file_id_unique") != std::string::npos;
    stray = stray || f.find("xliff_children") != std::string::npos;
  }
  EXPECT_TRUE(file_id);
  EXPECT_TRUE(stray);
  EXPECT_GT(found.size(), 5u);
}

TEST(validation, the_reader_reports_the_findings_of_every_file) {
  std::vector<xliff_problem> problems;
  auto doc = xliff::read_xliff(v12(40), "t.xlf", true, &problems);
  ASSERT_TRUE(doc);
  EXPECT_EQ(problems.size(), 14u);  // files 0, 3, ..., 39
  for (std::size_t i = 1; i < problems.size(); ++i) EXPECT_LT(problems[i - 1].line, problems[i].line);
}

// A <trans-unit> directly in <xliff> is out of place; each <file> has its own
// ids, and a stray unit is compared with no file's ids nor with strays before a file.
TEST(validation, stray_units_outside_any_file_are_reported_as_out_of_place) {
  std::string x =
      "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
      "<trans-unit id=\"b\"><source>stray</source></trans-unit>\n"
      "<file original=\"f\" source-language=\"en\" datatype=\"plaintext\"><body>\n"
      "<trans-unit id=\"a\"><source>a</source></trans-unit>\n"
      "</body></file>\n"
      "<trans-unit id=\"a\"><source>stray</source></trans-unit>\n"
      "<trans-unit id=\"b\"><source>stray</source></trans-unit>\n"
      "</xliff>\n";
  auto one = one_thread(x, "1.2");
  EXPECT_EQ(two_threads(x, "1.2"), one);
  // Each stray unit is out of place; none is a duplicate (the two "b" are on
  // either side of a file, and "a" is not in the file's scope).
  EXPECT_EQ(one, (std::vector<std::string>{"3 xliff_children", "7 xliff_children", "8 xliff_children"}));
}
