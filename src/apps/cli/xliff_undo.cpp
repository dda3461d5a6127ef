// glossa xliff undo BATCH: restores what an XLIFF import batch replaced.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_xliff_undo(CLI::App& parent, context& c) {
  auto batch = std::make_shared<std::int64_t>(0);
  auto* cmd = parent.add_subcommand("undo", tr("Restore what an XLIFF import batch replaced"));
  cmd->add_option("batch", *batch, tr("Batch id (printed by xliff import)"))->required();
  cmd->callback([&c, batch] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      write_options w;
      w.origin = "undo";
      auto r = e.undo_batch(*batch, w);
      if (!r) return fail(r.err());
      // Batch ids stay plain digits: they are typed back into `xliff undo`.
      std::cout << shell::fill(tr("batch {1} undone (as batch {2})"), std::to_string(*batch), std::to_string(r->batch))
                << ": " << trn("{1} translation restored", "{1} translations restored", r->translations_changed)
                << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
