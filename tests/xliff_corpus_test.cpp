// The shared XLIFF corpus through validate_xliff: every file listed in
// xliff/validation-results.tsv against the verdict recorded there (the
// corpus' SOURCES.md explains the columns and codes).
//
//   suite "invalid" / "reject"    must be reported invalid, with a rule and a message;
//   suite "valid" (valid, in-out) must be reported valid;
//   tool files, schema-valid      must be reported valid (1.1, 1.2t, 2.0m, 2.1m or 2.2m = V);
//   tool files, not well-formed   must be reported invalid (NWF, NSERR);
//   other tool files              must only not crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <glossa/engine.hpp>
#include <glossa/xliff.hpp>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/read_file.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

// Files whose recorded expectation the validator deliberately does not meet.
// Each must still be reported invalid, by the rule named here.
struct known_deviation {
  std::string_view path;
  std::string_view rule;
  std::string_view reason;
};

constexpr std::array<known_deviation, 9> known_deviations{{
    // A suite defect (SOURCES.md, "upstream defects"): the file is not well-formed.
    {"xliff2/oasis-xliff22-test-suite/modules/valid/Good-pgs_plural.xlf", "xml_well_formed",
     "binds pgs: to no namespace and never closes a <target>: no XML parser accepts it"},
    // Schema-valid tool output that breaks XLIFF 2 processing requirements
    // the XSDs cannot express; the official 2.1 Schematron reports each too.
    {"xliff2/omegat/ex.9.5.xlf", "target_requires_trglang", "has <target> elements but no trgLang on <xliff>"},
    {"xliff2/symfony/resources-2.0-name.xlf", "target_requires_trglang",
     "has <target> elements but no trgLang on <xliff>"},
    {"xliff2/matecat/test-empty-unit-2.0.xliff", "source_lang_matches_srclang",
     "xml:lang 'hu-HU' on <source> with srcLang 'en' (and 'ar-SA' on <target> with trgLang 'fr')"},
    {"xliff2/okapi/filters-xliff2/test01.xlf", "fs_subfs_requires_fs", "fs:subFs on <file> and <unit> without fs:fs"},
    {"xliff2/okapi/filters-xliff2/test02.xlf", "fs_subfs_requires_fs", "fs:subFs on <file> and <unit> without fs:fs"},
    {"xliff2/okapi/filters-xliff2/roundtrips/test02_input.xlf", "fs_subfs_requires_fs",
     "fs:subFs on <file> and <unit> without fs:fs"},
    {"xliff2/okapi/filters-xliff2/roundtrips/test02_output.xlf", "order_unique",
     "two targets of unit tu1 take order 1 (one implicitly); also fs:subFs without fs:fs"},
    {"xliff2/matecat/size-restriction.xliff", "slr_restriction_pattern",
     "slr:sizeRestriction=\"\" is not a size restriction ('*', 'N', 'N,M' or 'N,*')"},
}};

const known_deviation* deviation_of(const std::string& path) {
  auto it =
      std::find_if(known_deviations.begin(), known_deviations.end(), [&](const auto& d) { return d.path == path; });
  return it == known_deviations.end() ? nullptr : &*it;
}

enum class category { suite_invalid, suite_valid, tool_schema_valid, tool_not_well_formed, tool_other };
constexpr std::array category_names{"suite invalid/reject", "suite valid", "tool files, schema-valid",
                                    "tool files, not well-formed", "other tool files"};

// validation-results.tsv, read by column name so added columns do not matter.
class results_table {
 public:
  explicit results_table(std::istream& in) {
    std::string line;
    if (std::getline(in, line)) {
      auto names = split(line);
      for (std::size_t i = 0; i < names.size(); ++i) columns_[names[i]] = i;
    }
    while (std::getline(in, line))
      if (!line.empty()) rows_.push_back(split(line));
  }

  std::size_t size() const { return rows_.size(); }
  bool has_column(const std::string& name) const { return columns_.count(name) != 0; }

  std::string field(std::size_t row, const std::string& column) const {
    const auto& r = rows_[row];
    std::size_t i = columns_.at(column);
    return i < r.size() ? r[i] : std::string();
  }

  category category_of(std::size_t row) const {
    std::string expectation = field(row, "suite_expectation");
    if (expectation == "invalid" || expectation == "reject") return category::suite_invalid;
    if (expectation == "valid") return category::suite_valid;
    std::string wellformed = field(row, "wellformed");
    if (wellformed == "NWF" || wellformed == "NSERR") return category::tool_not_well_formed;
    // Only the schemas of the file's own version are filled in; the others are "-".
    for (const char* schema : {"1.1", "1.2t", "2.0m", "2.1m", "2.2m"})
      if (field(row, schema) == "V") return category::tool_schema_valid;
    return category::tool_other;
  }

 private:
  static std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream s(line);
    std::string f;
    while (std::getline(s, f, '\t')) out.push_back(f);
    return out;
  }

  std::map<std::string, std::size_t> columns_;
  std::vector<std::vector<std::string>> rows_;
};

std::string verdict(const glossa::xliff_validation_report& r) {
  if (r.valid()) return "valid";
  std::string s = "invalid, " + std::to_string(r.problems.size()) + " problem(s):";
  for (std::size_t i = 0; i < r.problems.size() && i < 3; ++i) {
    const auto& p = r.problems[i];
    s += "\n    " + p.rule + " (line " + std::to_string(p.line) + "): " + p.message;
  }
  return s;
}

bool has_rule(const glossa::xliff_validation_report& r, std::string_view rule) {
  return std::any_of(r.problems.begin(), r.problems.end(), [&](const auto& p) { return p.rule == rule; });
}

bool problems_are_named(const glossa::xliff_validation_report& r) {
  return !r.problems.empty() && std::all_of(r.problems.begin(), r.problems.end(),
                                            [](const auto& p) { return !p.rule.empty() && !p.message.empty(); });
}

struct tally {
  std::size_t checked = 0, matched = 0, deviations = 0;
};

}  // namespace

TEST(xliff_corpus, verdicts_match_validation_results) {
  const fs::path corpus = fs::path(GLOSSA_CORPUS_DIR) / "xliff";
  const fs::path tsv = corpus / "validation-results.tsv";
  if (!fs::exists(tsv)) {
    std::string why = "XLIFF corpus not found at " + tsv.string() +
                      ": configure with -DGLOSSA_CORPUS_DIR=<dir holding xliff/validation-results.tsv>";
    const char* ci = std::getenv("CI");
    if (ci && std::string_view(ci) == "true") FAIL() << why;
    GTEST_SKIP() << why;
  }
  std::ifstream in(tsv);
  results_table table(in);
  for (const char* column : {"path", "wellformed", "suite_expectation", "1.1", "1.2t", "2.0m", "2.1m", "2.2m"})
    ASSERT_TRUE(table.has_column(column)) << tsv << " has no column '" << column << "'";
  ASSERT_GT(table.size(), 0u) << tsv << " lists no files";

  std::array<tally, category_names.size()> tallies{};
  std::size_t deviations_seen = 0;
  for (std::size_t row = 0; row < table.size(); ++row) {
    const std::string path = table.field(row, "path");
    const category cat = table.category_of(row);
    tally& t = tallies[static_cast<std::size_t>(cat)];
    ++t.checked;
    auto bytes = glossa::detail::read_file((corpus / path).string(), glossa::max_input_bytes());
    if (!bytes) {
      ADD_FAILURE() << path << ": listed in validation-results.tsv but unreadable: " << bytes.err().message;
      continue;
    }
    const auto report = glossa::validate_xliff(*bytes, path);

    if (const known_deviation* d = deviation_of(path)) {
      ++deviations_seen;
      ++t.deviations;
      if (!has_rule(report, d->rule))
        ADD_FAILURE() << path << ": listed as a known deviation (" << d->reason << ")\n  expected: invalid by rule "
                      << d->rule << "\n  actual:   " << verdict(report);
      continue;
    }
    if (cat == category::tool_other) continue;  // reaching here without crashing is the check
    const bool expect_valid = cat == category::suite_valid || cat == category::tool_schema_valid;
    if (expect_valid ? report.valid() : problems_are_named(report)) {
      ++t.matched;
      continue;
    }
    ADD_FAILURE() << path << " (" << category_names[static_cast<std::size_t>(cat)]
                  << ")\n  expected: " << (expect_valid ? "valid" : "invalid, each problem with a rule and a message")
                  << "\n  actual:   " << verdict(report);
  }
  EXPECT_EQ(deviations_seen, known_deviations.size())
      << "a known deviation names a file validation-results.tsv does not list";

  std::cout << "[xliff_corpus]";
  for (std::size_t i = 0; i < tallies.size(); ++i) {
    const tally& t = tallies[i];
    std::cout << (i ? "; " : " ") << category_names[i] << ": " << t.checked << " checked";
    if (static_cast<category>(i) != category::tool_other) std::cout << ", " << t.matched << " matched";
    if (t.deviations) std::cout << ", " << t.deviations << " known deviation(s)";
  }
  std::cout << std::endl;
}

// Every file the suites call invalid, and every file under xliff/invalid/, is
// refused by `xliff import` with a message naming the file, and none changes
// a store holding the example content.
TEST(xliff_corpus, invalid_files_are_refused_and_change_nothing) {
  const fs::path corpus = fs::path(GLOSSA_CORPUS_DIR) / "xliff";
  const fs::path tsv = corpus / "validation-results.tsv";
  if (!fs::exists(tsv)) {
    std::string why = "XLIFF corpus not found at " + tsv.string();
    const char* ci = std::getenv("CI");
    if (ci && std::string_view(ci) == "true") FAIL() << why;
    GTEST_SKIP() << why;
  }
  std::vector<std::string> files;
  {
    std::ifstream in(tsv);
    results_table table(in);
    for (std::size_t row = 0; row < table.size(); ++row)
      if (table.category_of(row) == category::suite_invalid) files.push_back(table.field(row, "path"));
  }
  for (const auto& f : fs::recursive_directory_iterator(corpus / "invalid"))
    if (f.is_regular_file()) files.push_back(fs::relative(f.path(), corpus).string());
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  ASSERT_GT(files.size(), 400u);

  auto st = glossa::open_store("sqlite::memory:");
  ASSERT_TRUE(st);
  glossa::engine e(std::move(*st));
  ASSERT_TRUE(e.import_content_files(glossa::test::example_files()));
  auto fingerprint = [&] {
    std::string out = *e.export_content();
    auto docs = e.storage().list_documents();
    for (const auto& d : *docs) out += d.key + ":" + std::to_string(e.history(d.key)->size()) + ";";
    return out;
  };
  const std::string before = fingerprint();
  std::size_t refused = 0, per_unit = 0;
  for (const auto& path : files) {
    auto bytes = glossa::detail::read_file((corpus / path).string(), glossa::max_input_bytes());
    ASSERT_TRUE(bytes) << path;
    // A file whose every violation lies inside units' target content is read,
    // and those units are refused (docs/xliff.md, "One bad unit").
    auto validation = glossa::validate_xliff(*bytes, path);
    bool only_in_targets = !validation.problems.empty();
    for (const auto& p : validation.problems) only_in_targets = only_in_targets && p.in_target;
    auto r = e.import_xliff(std::move(*bytes), path);
    if (std::getenv("GLOSSA_DEBUG_CORPUS")) std::cerr << path << ": " << (r ? "imported" : r.err().to_string()) << "\n";
    if (r && only_in_targets) {
      ++per_unit;
      for (const auto& p : validation.problems)
        for (const auto& u : r->units)
          if (u.id == p.unit) {
            EXPECT_TRUE(u.outcome == glossa::unit_outcome::refused || u.outcome == glossa::unit_outcome::unknown)
                << path << ": unit " << u.id << " is " << glossa::to_string(u.outcome);
          }
      continue;
    }
    EXPECT_FALSE(only_in_targets) << path << ": refused whole for a problem inside a target: " << r.err().to_string();
    if (r) {
      ADD_FAILURE() << path << ": imported (" << r->units.size() << " units), not refused";
      continue;
    }
    ++refused;
    EXPECT_FALSE(r.err().message.empty()) << path;
    EXPECT_EQ(r.err().where.file, path);
  }
  EXPECT_EQ(fingerprint(), before) << "an invalid file changed the store";
  EXPECT_GT(per_unit, 0u);
  EXPECT_EQ(refused + per_unit, files.size());
  std::cout << "[xliff_corpus] " << refused << " of " << files.size()
            << " invalid files refused whole by xliff import, " << per_unit
            << " with per-unit refusals (every violation inside a target)" << std::endl;
}
