// glossa terms export --target L: the termbase of one language pair as TBX-Basic.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_terms_export(CLI::App& parent, context& c) {
  struct options {
    std::string source = "en", target, output;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("export", tr("Write the termbase of one language pair as TBX-Basic"));
  cmd->add_option("--source", o->source, tr("Source locale (default: en)"));
  cmd->add_option("--target", o->target, tr("Target locale"))->required();
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      terms_export_options x;
      x.source_locale = o->source;
      x.target_locale = o->target;
      return write_streamed(o->output, [&](std::ostream& out) -> status {
        auto r = e.export_terms(x, out);
        if (!r) return r.err();
        if (!c.quiet) std::cerr << trn("exported {1} entry", "exported {1} entries", *r) << "\n";
        return {};
      });
    });
  });
}

}  // namespace glossa::cli
