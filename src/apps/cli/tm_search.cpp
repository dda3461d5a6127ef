// glossa tm search -l L TEXT...: fuzzy look-ups in the translation memory.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"
#include "core/utf8.hpp"

namespace glossa::cli {

namespace {

void print_text(const tm_search_report& r) {
  for (const auto& q : r.results) {
    std::cout << q.query << "\n";
    if (q.matches.empty()) std::cout << "  (" << tr("no match") << ")\n";
    for (const auto& m : q.matches) {
      char score[16];
      std::snprintf(score, sizeof score, "%6.2f", m.score);
      std::cout << "  " << score << "  " << m.source << "\n          " << m.target << "\n          ";
      if (m.batch)
        std::cout << shell::fill(tr("batch {1}"), std::to_string(m.batch));
      else
        std::cout << m.document << " " << m.field << " (" << m.level << ", " << m.state
                  << (m.stale ? ", " + tr("stale") : "") << ")";
      std::cout << "\n";
    }
  }
}

// One query per line of `path` ("-": standard input); blank lines skipped.
result<std::vector<std::string>> read_queries(const std::string& path) {
  auto bytes = shell::read_input(path);
  if (!bytes) return bytes.err();
  std::vector<std::string> out;
  std::size_t start = bytes->compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a byte order mark is no text
  std::uint32_t line_number = 0;
  while (start < bytes->size()) {
    std::size_t end = bytes->find('\n', start);
    if (end == std::string::npos) end = bytes->size();
    std::string line = bytes->substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++line_number;
    if (detail::find_invalid_utf8(line))
      return error(errc::invalid_utf8, "the line is not valid UTF-8", location{path, line_number, 0, {}});
    if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

}  // namespace

void add_tm_search(CLI::App& parent, context& c) {
  struct options {
    std::string locale, source_locale = "en", queries_file, format = "text";
    std::vector<std::string> queries;
    double min_score = 75;
    std::size_t limit = 5;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("search", tr("Find the memory's closest matches for texts (fuzzy look-up)"));
  cmd->add_option("texts", o->queries, tr("Texts to look up"));
  cmd->add_option("-l,--locale", o->locale, tr("Target locale (BCP 47)"))->required();
  cmd->add_option("--source-locale", o->source_locale, tr("Language of the texts (default: en)"));
  cmd->add_option("--queries", o->queries_file, tr("Also look up each line of this file (- for standard input)"));
  cmd->add_option("--min", o->min_score, tr("Lowest score offered, 1 to 100 (default: 75)"));
  cmd->add_option("--limit", o->limit, tr("Matches per text, 1 to 100 (default: 5)"));
  cmd->add_option("--format", o->format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {  // a look-up never creates a store
      tm_search_options x;
      x.locale = o->locale;
      x.source_locale = o->source_locale;
      x.min_score = o->min_score;
      x.limit = o->limit;
      x.queries = o->queries;
      if (!o->queries_file.empty()) {
        auto more = read_queries(o->queries_file);
        if (!more) return fail(more.err());
        x.queries.insert(x.queries.end(), more->begin(), more->end());
      }
      if (x.queries.empty()) {
        std::cerr << "glossa: " << tr("error") << ": " << tr("nothing to look up: give texts or --queries FILE")
                  << "\n";
        return shell::exit_usage;
      }
      auto r = e.search_tm(x);
      if (!r) return fail(r.err());
      if (o->format == "json")
        std::cout << to_json(*r) << "\n";
      else
        print_text(*r);
      return 0;
    });
  });
}

}  // namespace glossa::cli
