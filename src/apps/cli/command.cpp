#include "apps/cli/command.hpp"

#include <unistd.h>

#include <iostream>

#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"

namespace glossa::cli {

int fail(const error& e) {
  std::cerr << "glossa: " << tr("error") << ": " << e.to_string() << "\n";
  return shell::exit_code_for(e.code);
}

int with_engine(const context& c, bool create, const std::function<int(engine&)>& use) {
  store_options opts;
  opts.create_if_missing = create;
  auto st = open_store(store_uri(c.db), opts);
  if (!st && st.err().code == errc::not_found)
    return fail(error(errc::not_found, "no store at '" + redacted_store_uri(c.db) +
                                           "': create one with `glossa content import FILE...` or point --db / "
                                           "GLOSSA_DB at one"));
  if (!st) return fail(st.err());
  engine e(std::move(*st));
  // A store made before labels existed gets its English labels now (a
  // write that changes nothing when they are there).
  if (auto labels = e.ensure_labels(); !labels) return fail(labels.err());
  if (!c.allow_list.empty()) {
    auto terms = shell::read_allow_list(c.allow_list);
    if (!terms) return fail(terms.err());
    e.set_qa_options({std::move(*terms)});
  }
  return use(e);
}

std::optional<std::uint64_t> parse_size(const std::string& v) {
  if (v.empty() || v[0] < '0' || v[0] > '9') return std::nullopt;  // no sign, no spaces: "-1" must not mean "no limit"
  std::size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(v, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = v.substr(used);
  for (auto& ch : unit) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (unit == "B") unit.clear();
  if (!unit.empty() && unit.back() == 'B') unit.pop_back();  // "MB", "GB"
  if (unit.size() == 2 && unit[1] == 'I') unit.pop_back();   // "MiB"
  int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : unit == "T" ? 40 : -1;
  if (shift < 0 || n == 0 || n > (~0ull >> shift)) return std::nullopt;
  return static_cast<std::uint64_t>(n) << shift;
}

void print_warnings(const std::vector<qa_finding>& warnings, bool quiet) {
  if (quiet) return;
  for (const auto& f : warnings)
    std::cerr << "glossa: " << tr("warning") << ": " << f.document << "." << f.field << " [" << f.locale << "] "
              << f.check << ": " << f.message << "\n";
}

int write_streamed(const std::string& path, const std::function<status(std::ostream&)>& produce) {
  if (path.empty() || path == "-") {
    auto st = produce(std::cout);
    std::cout.flush();
    if (st && !std::cout) st = error(errc::io_error, "cannot write to standard output");
    return st ? 0 : fail(st.err());
  }
  auto r = shell::write_file(path, produce);
  return r ? 0 : fail(r.err());
}

int import_each(const std::vector<std::string>& files, bool json,
                const std::function<result<std::string>(const std::string& bytes, const std::string& path)>& import) {
  int rc = shell::exit_ok;
  bool several = json && files.size() > 1, first = true;
  if (several) std::cout << "[\n";  // one report per file read, in an array
  for (const auto& path : files) {
    auto bytes = shell::read_input(path);
    auto r = bytes ? import(*bytes, path) : result<std::string>(bytes.err());
    if (!r) {
      std::cerr << "glossa: " << tr("error") << ": " << r.err().to_string() << "\n";
      if (rc == shell::exit_ok) rc = shell::exit_code_for(r.err().code);
      continue;
    }
    if (json) std::cout << (first ? "" : ",\n") << *r;
    first = first && !json;
  }
  if (several) std::cout << "\n]\n";
  return rc;
}

int write_output(const std::string& path, const std::string& data) {
  return write_streamed(path, [&](std::ostream& out) -> status {
    out << data;
    return {};
  });
}

progress_meter::progress_meter(bool quiet, std::string what) : on_(!quiet && isatty(2)), what_(std::move(what)) {}

void progress_meter::operator()(std::size_t done, std::size_t total) {
  if (on_) std::cerr << "\r" << what_ << " " << done << "/" << total << std::flush;
}

void progress_meter::finish() {
  if (on_) std::cerr << "\r\033[K" << std::flush;
}

}  // namespace glossa::cli
