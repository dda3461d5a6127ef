// validate_xliff: decoding and parsing shared with the reader, then the
// version's rules (validator.cpp).
#include <boost/json.hpp>

#include "core/json_output.hpp"
#include "formats/xliff/reader.hpp"
#include "formats/xliff/validator.hpp"
#include "glossa/xliff.hpp"

namespace glossa {

xliff_validation_report validate_xliff(std::string_view bytes, std::string_view file_name) {
  xliff_validation_report report;
  report.file = file_name;
  // The reader refuses what is not XLIFF at all (encoding, DOCTYPE entities,
  // well-formedness, root, version) with a located error: that is the finding.
  std::vector<xliff_problem> problems;
  auto read = xliff::read_xliff(bytes, file_name, false, &problems);
  if (!read) {
    const error& e = read.err();
    std::string rule = e.code == errc::invalid_utf8                             ? "encoding"
                       : e.message.rfind("not well-formed", 0) == 0             ? "xml_well_formed"
                       : e.message.find("internal subset") != std::string::npos ? "doctype_internal_subset"
                       : e.message.find("reads no DTD") != std::string::npos    ? "dtd_entity"
                       : e.message.find("root element") != std::string::npos    ? "root_xliff"
                       : e.message.find("nested deeper") != std::string::npos   ? "nesting_depth"
                       : e.message.rfind("too many attributes", 0) == 0         ? "attribute_limit"
                                                                                : "xliff_version";
    report.problems.push_back({rule, e.message, e.where.line, e.where.column, {}, false});
    return report;
  }
  report.version = read->version;
  report.problems = std::move(problems);
  return report;
}

std::string to_json(const xliff_validation_report& r) {
  namespace json = boost::json;
  json::array problems;
  for (const auto& p : r.problems)
    problems.emplace_back(json::object{{"rule", p.rule},
                                       {"message", p.message},
                                       {"line", p.line},
                                       {"column", p.column},
                                       {"unit", p.unit.empty() ? json::value(nullptr) : json::value(p.unit)},
                                       {"in_target", p.in_target}});
  json::object o{{"file", r.file}, {"version", r.version}, {"valid", r.valid()}};
  o["problems"] = std::move(problems);
  return detail::pretty_json(o);
}

}  // namespace glossa
