// glossa store upgrade: brings a store made by an earlier Glossa up to date.
#include <iostream>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_store_upgrade(CLI::App& parent, context& c) {
  auto* cmd = parent.add_subcommand("upgrade", tr("Upgrade a store made by an earlier Glossa (schema, labels)"));
  cmd->callback([&c] {
    // Opening it for writing migrates it and writes its labels.
    c.rc = with_engine(c, false, [&](engine&) {
      if (!c.quiet) std::cerr << shell::fill(tr("{1} is up to date"), redacted_store_uri(c.db)) << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
