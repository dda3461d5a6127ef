// glossa store copy FROM TO: moves a store to another backend (SQLite file
// <-> PostgreSQL), everything it holds, then checks both hold the same.
#include <unistd.h>

#include <iostream>
#include <memory>
#include <utility>

#include "apps/cli/command.hpp"

namespace glossa::cli {

namespace {

// Opens one side; the source must exist, the target may be created.
result<std::unique_ptr<store>> open_side(const std::string& db, bool create) {
  store_options o;
  o.create_if_missing = create;
  auto st = open_store(store_uri(db), o);
  if (!st && st.err().code == errc::not_found)
    return error(errc::not_found, "no store at '" + redacted_store_uri(db) + "'");
  return st;
}

int copy(const context& c, const std::string& from, const std::string& to) {
  auto source = open_side(from, false);
  if (!source) return fail(source.err());
  auto target = open_side(to, true);
  if (!target) return fail(target.err());
  engine src(std::move(*source)), dst(std::move(*target));
  bool on_terminal = !c.quiet && isatty(2);
  auto report = src.copy_store_to(dst, [&](const std::string& table, std::size_t rows) {
    if (on_terminal) std::cerr << "\r\033[K" << shell::fill(tr("copying {1}: {2} rows"), table, std::to_string(rows));
  });
  if (on_terminal) std::cerr << "\r\033[K";
  if (!report) return fail(report.err());
  if (!c.quiet) {
    for (const auto& [table, rows] : report->rows) std::cerr << table << "\t" << rows << "\n";
    std::cerr << shell::fill(tr("copied {1} to {2}; both hold the same documents, history and coverage"),
                             redacted_store_uri(from), redacted_store_uri(to))
              << "\n";
  }
  return 0;
}

}  // namespace

void add_store_copy(CLI::App& parent, context& c) {
  auto* cmd = parent.add_subcommand(
      "copy", tr("Copy a whole store to another one (SQLite file or postgresql:// URI), which must be empty"));
  auto sides = std::make_shared<std::pair<std::string, std::string>>();
  cmd->add_option("from", sides->first, tr("The store to copy"))->required();
  cmd->add_option("to", sides->second, tr("The new store: a new SQLite file or an empty PostgreSQL database"))
      ->required();
  cmd->callback([&c, sides] { c.rc = copy(c, sides->first, sides->second); });
}

}  // namespace glossa::cli
