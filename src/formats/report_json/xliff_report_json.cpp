// JSON of an XLIFF import report (docs/xliff.md has the contract).
#include <string>
#include <vector>

#include "core/json_output.hpp"
#include "glossa/xliff.hpp"

namespace glossa {

// Written directly, not through a JSON tree: a report has a line per unit of
// files with hundreds of thousands of units. The layout is pretty_json's.
std::string to_json(const xliff_import_report& r, report_detail detail) {
  using detail::append_json_string;
  std::string out;
  out.reserve(256 + r.units.size() * 200);
  auto member = [&](std::string_view indent, std::string_view key) {
    out += indent;
    append_json_string(out, key);
    out += ": ";
  };
  auto optional_string = [&](const std::string& s) {
    if (s.empty())
      out += "null";
    else
      append_json_string(out, s);
  };
  out += "{\n";
  member("  ", "batch");
  out += std::to_string(r.batch);
  out += ",\n";
  member("  ", "file");
  append_json_string(out, r.file);
  out += ",\n";
  member("  ", "version");
  append_json_string(out, r.version);
  out += ",\n";
  member("  ", "locale");
  append_json_string(out, r.locale);
  out += ",\n";
  member("  ", "warnings");
  out += "[";
  for (std::size_t i = 0; i < r.warnings.size(); ++i) {
    out += i ? ", " : "";
    append_json_string(out, r.warnings[i]);
  }
  out += "],\n";
  member("  ", "error");
  if (!r.file_error) {
    out += "null";
  } else {
    const error& e = *r.file_error;
    out += "{\"code\": ";
    append_json_string(out, to_string(e.code));
    out += ", \"message\": ";
    append_json_string(out, e.message);
    out += ", \"file\": ";
    append_json_string(out, e.where.file.empty() ? r.file : e.where.file);
    out += ", \"line\": " + std::to_string(e.where.line) + ", \"column\": " + std::to_string(e.where.column) + "}";
  }
  out += ",\n";
  member("  ", "counts");
  std::array<std::size_t, 7> counts{};
  for (const auto& u : r.units) ++counts[static_cast<std::size_t>(u.outcome)];
  out += "{";
  bool first = true;
  for (auto o : {unit_outcome::applied, unit_outcome::unchanged, unit_outcome::stale, unit_outcome::refused,
                 unit_outcome::protected_, unit_outcome::unknown, unit_outcome::untranslated}) {
    out += first ? "\n" : ",\n";
    first = false;
    member("    ", to_string(o));
    out += std::to_string(counts[static_cast<std::size_t>(o)]);
  }
  out += "\n  },\n";
  member("  ", "units");
  out += "[";
  bool listed = false;
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& u = r.units[i];
    if (detail == report_detail::summary &&
        (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged))
      continue;
    out += listed ? ",\n    {\n" : "\n    {\n";
    listed = true;
    member("      ", "id");
    append_json_string(out, u.id);
    out += ",\n";
    member("      ", "line");
    out += std::to_string(u.line);
    out += ",\n";
    member("      ", "outcome");
    append_json_string(out, to_string(u.outcome));
    out += ",\n";
    member("      ", "code");
    optional_string(u.code());
    out += ",\n";
    member("      ", "message");
    optional_string(u.message);
    out += ",\n";
    member("      ", "warnings");
    if (u.warnings.empty()) out += "[]";
    for (std::size_t k = 0; k < u.warnings.size(); ++k) {
      out += k ? ",\n        {\n" : "[\n        {\n";
      member("          ", "check");
      append_json_string(out, u.warnings[k].check);
      out += ",\n";
      member("          ", "message");
      append_json_string(out, u.warnings[k].message);
      out += "\n        }";
    }
    if (!u.warnings.empty()) out += "\n      ]";
    out += "\n    }";
  }
  out += listed ? "\n  ]" : "]";
  out += "\n}\n";
  return out;
}

std::string to_json(const std::vector<xliff_import_report>& reports, report_detail detail) {
  std::string out = "[";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    out += i ? ",\n" : "\n";
    std::string one = to_json(reports[i], detail);
    one.pop_back();  // its newline
    out += one;
  }
  out += reports.empty() ? "]\n" : "\n]\n";
  return out;
}

}  // namespace glossa
