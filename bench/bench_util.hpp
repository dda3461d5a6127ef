// What the XLIFF benches share: running the glossa program under GNU time,
// best-of-three timing, and the 100,000-field content made from
// gen_xliff.py's records (10 fields per document: 7 text, 2 rich_text, 1
// message), its export filled, and the baseline's walk of the filled file.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace bench {
using clock_type = std::chrono::steady_clock;

inline double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

struct run_result {
  double seconds = 0;
  long peak_kib = 0;
  int status = -1;
};

// Runs a program under GNU time, returns wall time, peak resident memory and
// exit status. (The child's own rusage would count the pages it shared with
// this big process between fork and exec; GNU time measures the program only.)
inline run_result run(const std::vector<std::string>& argv, const std::string& out_file = "/dev/null") {
  std::string mem_file = out_file == "/dev/null" ? "/tmp/glossa-bench-mem" : out_file + ".mem";
  auto t0 = clock_type::now();
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::fopen(out_file.c_str(), "w");
    if (f) dup2(fileno(f), 1);
    std::vector<std::string> full{"/usr/bin/time", "-f", "%M", "-o", mem_file};
    full.insert(full.end(), argv.begin(), argv.end());
    std::vector<char*> args;
    for (const auto& a : full) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  double secs = seconds_since(t0);
  long kib = 0;
  std::ifstream(mem_file) >> kib;
  return {secs, kib, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

constexpr int repeats = 3;

// The best of `repeats` runs of a command (and the highest peak memory).
template <class F>
run_result best_of(F&& f) {
  run_result best;
  for (int i = 0; i < repeats; ++i) {
    run_result r = f();
    if (i == 0 || r.seconds < best.seconds) {
      long peak = std::max(best.peak_kib, r.peak_kib);
      best = r;
      best.peak_kib = peak;
    } else {
      best.peak_kib = std::max(best.peak_kib, r.peak_kib);
    }
    if (r.status != 0) return r;
  }
  return best;
}

// The best wall time of `repeats` calls of an in-process step.
template <class F>
double best_seconds(F&& f) {
  double best = 0;
  for (int i = 0; i < repeats; ++i) {
    auto t0 = clock_type::now();
    f();
    double s = seconds_since(t0);
    if (i == 0 || s < best) best = s;
  }
  return best;
}

inline std::string escape_html(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  return o;
}
inline std::string escape_icu(const std::string& s) {  // keep {args}; quote apostrophes
  std::string o;
  for (char c : s) o += c == '\'' ? std::string("''") : std::string(1, c);
  return o;
}

inline std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr int fields_per_document = 10;

// The value of field `f` made from one record's text.
inline std::string field_value(int f, const std::string& text, std::size_t& with_codes) {
  if (f < 7) {
    with_codes += text.find('{') != std::string::npos;
    return text;
  }
  ++with_codes;
  if (f < 9) {
    auto space = text.find(' ', text.size() / 2);
    return "<p>" + escape_html(text.substr(0, space)) + " <b>" +
           escape_html(text.substr(space == std::string::npos ? text.size() : space)) + "</b></p>";
  }
  std::string value = escape_icu(text);
  if (value.find('{') == std::string::npos) value += " ({count} items)";
  return value;
}

struct records_content {
  std::string schema_json;  // type "item": f0..f9
  std::string content;      // Glossa content JSON, one document per 10 records
  std::size_t records = 0, with_codes = 0;
};

inline records_content content_from_records(const std::string& jsonl) {
  records_content out;
  out.schema_json = R"({"format": "glossa-schema", "version": 1, "types": [{"name": "item", "fields": [)";
  for (int f = 0; f < fields_per_document; ++f) {
    const char* kind = f < 7 ? "text" : f < 9 ? "rich_text" : "message";
    out.schema_json += std::string(f ? "," : "") + R"({"name": "f)" + std::to_string(f) + R"(", "kind": ")" + kind +
                       R"(", "translatable": true})";
  }
  out.schema_json += "]}]}";
  std::ifstream in(jsonl);
  std::string line;
  boost::json::array docs;
  boost::json::object fields;
  while (std::getline(in, line)) {
    std::string text(boost::json::parse(line).at("source").as_string());
    int f = static_cast<int>(out.records % fields_per_document);
    fields["f" + std::to_string(f)] = field_value(f, text, out.with_codes);
    if (++out.records % fields_per_document == 0) {
      docs.emplace_back(boost::json::object{{"type", "item"},
                                            {"key", "item-" + std::to_string(out.records / fields_per_document)},
                                            {"source_locale", "en"},
                                            {"fields", std::move(fields)}});
      fields = {};
    }
  }
  out.content = boost::json::serialize(boost::json::object{{"documents", std::move(docs)}});
  return out;
}

// Writes `to`: the XLIFF 1.2 file `from` with every target filled (target =
// source, inline codes included). Returns the number of units.
inline std::size_t fill_targets(const std::string& from, const std::string& to) {
  std::size_t units = 0;
  pugi::xml_document d;
  d.load_file(from.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
  for (auto tu : d.select_nodes("//trans-unit")) {
    auto src = tu.node().child("source");
    auto tgt = tu.node().insert_child_after("target", src);
    for (auto c : src.children()) tgt.append_copy(c);
    ++units;
  }
  d.save_file(to.c_str(), "", pugi::format_raw);
  return units;
}

// The baseline's parse and walk of a filled file: (unit id, target markup).
inline std::vector<std::pair<std::string, std::string>> walk_units(const std::string& filled) {
  std::vector<std::pair<std::string, std::string>> rows;
  pugi::xml_document d;
  d.load_file(filled.c_str(), pugi::parse_default | pugi::parse_ws_pcdata);
  for (auto tu : d.select_nodes("//trans-unit")) {
    std::ostringstream target;
    tu.node().child("target").print(target, "", pugi::format_raw);
    rows.emplace_back(tu.node().attribute("id").value(), target.str());
  }
  return rows;
}

}  // namespace bench
