// The XLIFF import report is written directly, not through a JSON tree (a
// line per unit of files with hundreds of thousands of units); its layout
// must stay that of pretty_json, which every other report uses.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/json_output.hpp"
#include "glossa/xliff.hpp"

using namespace glossa;

namespace {
xliff_import_report sample() {
  xliff_import_report r;
  r.batch = 7;
  r.file = "jobs \"fr\".xlf";
  r.version = "1.2";
  r.locale = "fr";
  r.warnings = {"target-language 'fr_FR' read as 'fr'", "second"};
  unit_report applied;
  applied.id = "job-1.title";
  applied.line = 12;
  applied.outcome = unit_outcome::applied;
  qa_finding warning;
  warning.check = "punctuation";
  warning.message = "ends with ':' — the source does not";
  applied.warnings = {warning};
  unit_report refused;
  refused.id = "job-1.body";
  refused.line = 20;
  refused.outcome = unit_outcome::refused;
  refused.reason = unit_reason::inline_codes;
  refused.message = "code <g id=\"1\"> is missing";
  unit_report untranslated;
  untranslated.id = "job-2.title";
  untranslated.outcome = unit_outcome::untranslated;
  r.units = {applied, refused, untranslated};
  return r;
}
}  // namespace

TEST(report_json, the_import_report_is_laid_out_as_pretty_json) {
  for (auto detail : {report_detail::full, report_detail::summary}) {
    std::string written = to_json(sample(), detail);
    boost::json::value parsed = boost::json::parse(written);
    EXPECT_EQ(written, detail::pretty_json(parsed));
    const auto& units = parsed.at("units").as_array();
    EXPECT_EQ(units.size(), detail == report_detail::full ? 3u : 2u);
    EXPECT_EQ(parsed.at("counts").at("refused").as_int64(), 1);
    EXPECT_EQ(units.back().at("code"), nullptr);
  }
  auto empty = sample();
  empty.units.clear();
  std::string written = to_json(empty);
  EXPECT_EQ(written, detail::pretty_json(boost::json::parse(written)));
}
