// The XML layer (decoding, then formats/xml/well_formed.cpp) over the W3C XML
// Conformance Test Suite in GLOSSA_CORPUS_DIR/xmlconf (its SOURCES.md
// describes the test list). XML 1.0 Fifth Edition tests only: those marked
// for XML 1.1, Namespaces 1.1 or earlier editions alone are not this layer's.
//
//   not-wf   must be refused, except where the error lies in an external
//            entity, which a non-validating processor need not read (and
//            Glossa never does): those are listed and counted apart.
//   valid, invalid   are well-formed: accepted, except by Glossa's policy
//            (an internal DTD subset; an entity only an external DTD could
//            declare; a document read without namespaces, NAMESPACE="no",
//            which Glossa always applies): counted apart, each by reason.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "formats/xliff/reader.hpp"
#include "formats/xml/well_formed.hpp"

namespace fs = std::filesystem;

namespace {

struct conformance_test {
  std::string id, type, entities, uri, sections;
  bool namespaces = true;
};

bool fifth_edition_xml10(pugi::xml_node t) {
  std::string version = t.attribute("VERSION").value();
  std::string rec = t.attribute("RECOMMENDATION").value();
  std::string edition = t.attribute("EDITION").value();
  if (!version.empty() && version.find("1.0") == std::string::npos) return false;
  if (rec == "XML1.1" || rec == "NS1.1") return false;
  return edition.empty() || edition.find('5') != std::string::npos;
}

void collect(pugi::xml_node cases, const std::string& base, std::vector<conformance_test>& out) {
  std::string here = base + cases.attribute("xml:base").value();
  for (auto c : cases.children()) {
    if (std::string_view(c.name()) == "TESTCASES") collect(c, here, out);
    if (std::string_view(c.name()) != "TEST" || !fifth_edition_xml10(c)) continue;
    std::string type = c.attribute("TYPE").value();
    if (type != "not-wf" && type != "valid" && type != "invalid") continue;
    out.push_back({c.attribute("ID").value(), type, c.attribute("ENTITIES").value(), here + c.attribute("URI").value(),
                   c.attribute("SECTIONS").value(), std::string_view(c.attribute("NAMESPACE").value()) != "no"});
  }
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A DOCTYPE with an internal subset, as the text says ("<!DOCTYPE ... [").
bool has_internal_subset(std::string_view bytes) {
  auto d = bytes.find("<!DOCTYPE");
  if (d == std::string_view::npos) return false;
  auto bracket = bytes.find('[', d), close = bytes.find('>', d);
  return bracket != std::string_view::npos && bracket < close;
}

// What the XML layer says of a file. A refusal by policy (an internal
// subset, an entity only the unread DTD declares) is told apart by its
// message, which does not say "not well-formed XML".
struct verdict {
  bool refused = false;
  bool by_policy = false;
  std::string message;
  bool internal_subset = false;  // in the decoded text
};

verdict check(const std::string& bytes) {
  std::string_view view = bytes;
  auto decoded = glossa::xliff::decode_xml(view, "t.xml");
  if (!decoded) return {true, false, decoded.err().message};
  std::string_view text = *decoded ? std::string_view(**decoded) : view;
  auto bad = glossa::xml::check_well_formed(text);
  if (!bad) return {};
  EXPECT_EQ(bad->code, glossa::errc::invalid_content);
  EXPECT_TRUE(bad->where.offset && *bad->where.offset <= text.size());
  bool policy =
      std::string_view(bad->message).substr(0, glossa::xml::not_well_formed.size()) != glossa::xml::not_well_formed;
  return {true, policy, bad->message, has_internal_subset(text)};
}

}  // namespace

TEST(xml_conformance, w3c_suite_fifth_edition) {
  const fs::path root = fs::path(GLOSSA_CORPUS_DIR) / "xmlconf";
  const fs::path list = root / "xmlconf-flattened.xml";
  if (!fs::exists(list)) {
    std::string why = "W3C XML conformance suite not found at " + list.string();
    const char* ci = std::getenv("CI");
    if (ci && std::string_view(ci) == "true") FAIL() << why;
    GTEST_SKIP() << why;
  }
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(list.c_str()));
  std::vector<conformance_test> tests;
  collect(doc.child("TESTSUITE"), "", tests);
  ASSERT_GT(tests.size(), 1500u);

  std::map<std::string, std::vector<std::string>> apart;  // reason -> test ids
  std::size_t refused = 0, by_policy = 0, accepted = 0;
  for (const auto& t : tests) {
    fs::path file = root / "xmlconf" / t.uri;
    ASSERT_TRUE(fs::exists(file)) << t.id << ": " << file;
    std::string bytes = slurp(file);
    verdict v = check(bytes);
    if (t.type == "not-wf") {
      if (v.refused) {
        ++refused;
        if (v.by_policy && v.internal_subset) ++by_policy;
        continue;
      }
      // Only an external entity (the DTD or an entity it declares) holds the error.
      if ((t.entities == "parameter" || t.entities == "general" || t.entities == "both") &&
          !has_internal_subset(bytes)) {
        apart["not-wf in an external entity, which Glossa never reads"].push_back(t.id);
        continue;
      }
      ADD_FAILURE() << t.id << " (" << t.uri << ", " << t.sections << ") is not well-formed but was accepted";
      continue;
    }
    if (!v.refused) {
      ++accepted;
      continue;
    }
    if (v.by_policy && v.internal_subset)
      apart["internal DTD subset (refused by policy)"].push_back(t.id);
    else if (v.by_policy)
      apart["entity declared in the external DTD (not read)"].push_back(t.id);
    else if (!t.namespaces)
      apart["not namespace-well-formed, NAMESPACE=\"no\""].push_back(t.id);
    else
      ADD_FAILURE() << t.id << " (" << t.type << ", " << t.uri << ") is well-formed but was refused: " << v.message;
  }
  std::cout << "[xml_conformance] " << tests.size() << " XML 1.0 tests: " << refused << " not-wf refused ("
            << refused - by_policy << " by a well-formedness check, " << by_policy
            << " for their internal DTD subset), " << accepted << " well-formed accepted";
  for (const auto& [reason, ids] : apart) {
    std::cout << "; " << ids.size() << " apart: " << reason;
    if (std::getenv("GLOSSA_LIST_APART")) {
      std::cout << " [";
      for (const auto& id : ids) std::cout << ' ' << id;
      std::cout << " ]";
    }
  }
  std::cout << std::endl;
}
