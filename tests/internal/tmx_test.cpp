// TMX: what Glossa writes reads back the same (codes, their pairing across
// the tuvs, dates, props), and bad files are refused with their place.
#include <gtest/gtest.h>

#include <sstream>

#include "formats/tmx/tmx_reader.hpp"
#include "formats/tmx/tmx_writer.hpp"

using namespace glossa;

namespace {

xliff::part text(std::string t) { return {false, std::move(t), {}}; }
xliff::part code(xliff::code::kind k, std::string id, std::string original, std::string ctype) {
  xliff::code c;
  c.type = k;
  c.id = std::move(id);
  c.original = std::move(original);
  c.ctype = std::move(ctype);
  return {true, {}, std::move(c)};
}

// Text and codes (kind and markup), without the ids each side numbers its own way.
std::string shape(const xliff::content& c) {
  std::string out;
  for (const auto& p : c)
    out += p.is_code ? "[" + std::to_string(static_cast<int>(p.c->type)) + p.c->original + "]" : p.text;
  return out;
}

std::string written(const std::vector<tmx::unit>& units) {
  std::ostringstream out;
  tmx::writer w(out, {"en", "block", "2026-12-02T09:30:00.000Z"});
  for (const auto& u : units) w.add(u);
  w.finish();
  return out.str();
}

}  // namespace

TEST(tmx, what_glossa_writes_reads_back) {
  using k = xliff::code::kind;
  tmx::unit u;
  u.source_locale = "en";
  u.target_locale = "ar";
  u.source = {text("Apply by "), code(k::open, "1", "<strong>", "bold"),
              text("15 May"),    code(k::close, "1", "</strong>", "bold"),
              text(" & sign"),   code(k::standalone, "2", "<br/>", "lb")};
  u.target = {text("قدّم طلبك قبل "),
              code(k::open, "1", "<strong>", "bold"),
              text("15 أيار/مايو"),
              code(k::close, "1", "</strong>", "bold"),
              code(k::standalone, "2", "<br/>", "lb"),
              text(" ووقّع")};
  u.created_at = u.changed_at = "2026-11-30T08:15:42.123Z";
  u.author = "amal";
  u.props = {{"x-glossa-document", "job-2026-003"}, {"x-glossa-field", "body"}};
  std::string file = written({u});
  EXPECT_NE(file.find(R"(<bpt i="1" type="bold">&lt;strong&gt;</bpt>)"), std::string::npos) << file;
  EXPECT_NE(file.find(R"(<ph x="2" type="lb">&lt;br/&gt;</ph>)"), std::string::npos) << file;
  EXPECT_NE(file.find(R"(creationdate="20261130T081542Z")"), std::string::npos) << file;

  auto read = tmx::read_tmx(file, "m.tmx", "ar");
  ASSERT_TRUE(read) << read.err().to_string();
  EXPECT_EQ(read->version, "1.4");
  EXPECT_EQ(read->source_locale, "en");
  ASSERT_EQ(read->units.size(), 1u);
  const auto& back = read->units[0];
  EXPECT_EQ(back.line, 5u);
  EXPECT_EQ(back.author, "amal");
  EXPECT_EQ(back.changed_at, "2026-11-30T08:15:42.000Z");  // TMX keeps seconds
  EXPECT_EQ(back.props, u.props);
  // Text and codes as written, and each code the same one on both sides.
  EXPECT_EQ(shape(back.source), shape(u.source));
  EXPECT_EQ(shape(back.target), shape(u.target));
  EXPECT_EQ(back.source[1].c->original, "<strong>");
  EXPECT_EQ(back.source[1].c->id, back.target[1].c->id);
  EXPECT_EQ(back.source[5].c->id, back.target[4].c->id);
  EXPECT_TRUE(xliff::check_codes(back.source, back.target).empty());
}

TEST(tmx, a_bare_language_takes_its_regional_forms) {
  const char* file = R"(<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en-US" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Apply <hi>online</hi>.</seg></tuv><tuv xml:lang="fr-FR"><seg>Postulez en ligne.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Only Spanish here.</seg></tuv><tuv xml:lang="es"><seg>Solo español.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Empty target.</seg></tuv><tuv xml:lang="fr-FR"><seg> </seg></tuv></tu>
</body></tmx>)";
  auto fr = tmx::read_tmx(file, "a.tmx", "fr");
  ASSERT_TRUE(fr) << fr.err().to_string();
  ASSERT_EQ(fr->units.size(), 1u);
  EXPECT_EQ(xliff::display_text(fr->units[0].source), "Apply online.");
  EXPECT_EQ(fr->units[0].target_locale, "fr-FR");
  EXPECT_EQ(fr->skipped, 2u);
  auto ca = tmx::read_tmx(file, "a.tmx", "fr-CA");  // a region asks for itself only
  ASSERT_TRUE(ca);
  EXPECT_TRUE(ca->units.empty());
}

TEST(tmx, bad_files_are_refused_where_they_break) {
  auto refused = [](const std::string& body, const std::string& why, std::uint32_t line) {
    std::string file =
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/>\n<body>\n" + body + "\n</body></tmx>";
    auto r = tmx::read_tmx(file, "bad.tmx", "fr");
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.err().code, errc::invalid_content);
    EXPECT_NE(r.err().message.find(why), std::string::npos) << r.err().message;
    EXPECT_EQ(r.err().where.file, "bad.tmx");
    EXPECT_EQ(r.err().where.line, line) << r.err().to_string();
  };
  refused(
      R"(<tu><tuv xml:lang="en"><seg>A <bpt i="1">&lt;b&gt;</bpt>B</seg></tuv><tuv xml:lang="fr"><seg>A</seg></tuv></tu>)",
      "has no <ept", 4);
  refused(
      "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv>\n<tuv xml:lang=\"fr\"><seg>B<ept i=\"2\">x</ept></seg></tuv></tu>",
      "without its <bpt>", 5);
  refused(R"(<tu><tuv xml:lang="de"><seg>A</seg></tuv><tuv xml:lang="fr"><seg>B</seg></tuv></tu>)",
          "without a <tuv> in its source language", 4);
  refused(R"(<tu><tuv xml:lang="en"><seg>A <b>B</b></seg></tuv><tuv xml:lang="fr"><seg>B</seg></tuv></tu>)",
          "<b> is not an inline element", 4);
  refused(R"(<tu><tuv xml:lang="en"><seg>A & B</seg></tuv></tu>)", "not well-formed", 4);
  auto xliff = tmx::read_tmx("<xliff version=\"1.2\"/>", "x.tmx", "fr");
  ASSERT_FALSE(xliff);
  EXPECT_NE(xliff.err().message.find("not TMX"), std::string::npos);
  auto old = tmx::read_tmx("<tmx version=\"2.0\"><header/><body/></tmx>", "v.tmx", "fr");
  ASSERT_FALSE(old);
  EXPECT_NE(old.err().message.find("version \"2.0\""), std::string::npos);
}

TEST(tmx, a_space_between_two_codes_survives) {
  using k = xliff::code::kind;
  tmx::unit u;
  u.source_locale = "en";
  u.target_locale = "fr";
  u.source = {text("Dear "), code(k::standalone, "1", "{first}", "x-icu-argument"), text(" "),
              code(k::standalone, "2", "{last}", "x-icu-argument"), text(",")};
  u.target = u.source;
  u.target[0] = text("Chère ");
  auto read = tmx::read_tmx(written({u}), "m.tmx", "fr");
  ASSERT_TRUE(read) << read.err().to_string();
  ASSERT_EQ(read->units.size(), 1u);
  EXPECT_EQ(shape(read->units[0].source), shape(u.source));
  EXPECT_EQ(shape(read->units[0].target), shape(u.target));
}

TEST(tmx, characters_xml_forbids_do_not_break_the_file) {
  tmx::unit u;
  u.source_locale = "en";
  u.target_locale = "fr";
  u.source = {text("Bell\x07 here")};
  u.target = {text("Cloche ici \xEF\xBF\xBE")};
  u.author = "bad\x01name";
  auto read = tmx::read_tmx(written({u}), "m.tmx", "fr");
  ASSERT_TRUE(read) << read.err().to_string();
  ASSERT_EQ(read->units.size(), 1u);
  EXPECT_EQ(read->units[0].author, "bad\xEF\xBF\xBDname");
  EXPECT_EQ(shape(read->units[0].source), "Bell\xEF\xBF\xBD here");
  EXPECT_EQ(shape(read->units[0].target), "Cloche ici \xEF\xBF\xBD");
}

TEST(tmx, deep_highlighting_is_refused_not_a_stack_overflow) {
  std::string seg;
  for (int i = 0; i < 100000; ++i) seg += "<hi>";
  seg += "x";
  for (int i = 0; i < 100000; ++i) seg += "</hi>";
  std::string file = "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>" + seg +
                     "</seg></tuv><tuv xml:lang=\"fr\"><seg>y</seg></tuv></tu></body></tmx>";
  auto r = tmx::read_tmx(file, "deep.tmx", "fr");
  ASSERT_FALSE(r);
  EXPECT_NE(r.err().message.find("nested more than"), std::string::npos) << r.err().message;
}
