// glossa content export: every document with its translations, as content JSON.
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_content_export(CLI::App& parent, context& c) {
  struct options {
    std::string output, type;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("export", tr("Write every document with its translations as content JSON"));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->add_option("--type", o->type, tr("Only documents of this type"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      auto out = e.export_content(o->type);
      return out ? write_output(o->output, *out) : fail(out.err());
    });
  });
}

}  // namespace glossa::cli
