// JSON of an XLIFF import report (docs/xliff.md has the contract).
#include <array>
#include <string>
#include <vector>

#include "core/json_output.hpp"
#include "glossa/xliff.hpp"

namespace glossa {

namespace {

// Written directly, not through a JSON tree: a report has a line per unit of
// files with hundreds of thousands of units. The layout is pretty_json's.
class report_writer {
 public:
  explicit report_writer(std::size_t units) { out_.reserve(256 + units * 200); }

  void head(const xliff_import_report& r) {
    out_ += "{\n";
    member("  ", "batch");
    out_ += std::to_string(r.batch) + ",\n";
    string_member("  ", "file", r.file, ",\n");
    string_member("  ", "version", r.version, ",\n");
    string_member("  ", "locale", r.locale, ",\n");
    member("  ", "warnings");
    out_ += "[";
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
      out_ += i ? ", " : "";
      detail::append_json_string(out_, r.warnings[i]);
    }
    out_ += "],\n";
    member("  ", "error");
    file_error(r);
    out_ += ",\n";
  }

  void counts(const std::vector<unit_report>& units) {
    member("  ", "counts");
    std::array<std::size_t, 8> counts{};
    for (const auto& u : units) ++counts[static_cast<std::size_t>(u.outcome)];
    out_ += "{";
    bool first = true;
    for (auto o :
         {unit_outcome::applied, unit_outcome::unchanged, unit_outcome::stale, unit_outcome::refused,
          unit_outcome::protected_, unit_outcome::unknown, unit_outcome::untranslated, unit_outcome::prefilled}) {
      out_ += first ? "\n" : ",\n";
      first = false;
      member("    ", to_string(o));
      out_ += std::to_string(counts[static_cast<std::size_t>(o)]);
    }
    out_ += "\n  },\n";
  }

  void units(const std::vector<unit_report>& units, report_detail detail) {
    member("  ", "units");
    out_ += "[";
    bool listed = false;
    for (const auto& u : units) {
      if (detail == report_detail::summary &&
          (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged))
        continue;
      out_ += listed ? ",\n    {\n" : "\n    {\n";
      listed = true;
      unit(u);
    }
    out_ += listed ? "\n  ]" : "]";
    out_ += "\n}\n";
  }

  std::string take() { return std::move(out_); }

 private:
  void member(std::string_view indent, std::string_view key) {
    out_ += indent;
    detail::append_json_string(out_, key);
    out_ += ": ";
  }
  // A string member; an empty `null_if_empty` string is written null.
  void string_member(std::string_view indent, std::string_view key, const std::string& value, std::string_view end,
                     bool null_if_empty = false) {
    member(indent, key);
    if (null_if_empty && value.empty())
      out_ += "null";
    else
      detail::append_json_string(out_, value);
    out_ += end;
  }

  void file_error(const xliff_import_report& r) {
    if (!r.file_error) {
      out_ += "null";
      return;
    }
    const error& e = *r.file_error;
    out_ += "{\"code\": ";
    detail::append_json_string(out_, to_string(e.code));
    out_ += ", \"message\": ";
    detail::append_json_string(out_, e.message);
    out_ += ", \"file\": ";
    detail::append_json_string(out_, e.where.file.empty() ? r.file : e.where.file);
    out_ += ", \"line\": " + std::to_string(e.where.line) + ", \"column\": " + std::to_string(e.where.column) + "}";
  }

  void unit(const unit_report& u) {
    string_member("      ", "id", u.id, ",\n");
    member("      ", "line");
    out_ += std::to_string(u.line) + ",\n";
    string_member("      ", "outcome", std::string(to_string(u.outcome)), ",\n");
    string_member("      ", "code", u.code(), ",\n", true);
    string_member("      ", "message", u.message, ",\n", true);
    member("      ", "warnings");
    if (u.warnings.empty()) out_ += "[]";
    for (std::size_t k = 0; k < u.warnings.size(); ++k) {
      out_ += k ? ",\n        {\n" : "[\n        {\n";
      string_member("          ", "check", u.warnings[k].check, ",\n");
      string_member("          ", "message", u.warnings[k].message, "\n        }");
    }
    if (!u.warnings.empty()) out_ += "\n      ]";
    out_ += "\n    }";
  }

  std::string out_;
};

}  // namespace

std::string to_json(const xliff_import_report& r, report_detail detail) {
  report_writer w(r.units.size());
  w.head(r);
  w.counts(r.units);
  w.units(r.units, detail);
  return w.take();
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
