// glossa tm export --locale L: the translation memory into one locale, as TMX 1.4b.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_tm_export(CLI::App& parent, context& c) {
  struct options {
    std::string locale, output;
    std::vector<std::string> states{"translated", "reviewed", "final"};
    bool no_stale = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("export", tr("Write the translation memory into one locale as TMX 1.4b"));
  cmd->add_option("-l,--locale", o->locale, tr("Target locale (BCP 47)"))->required();
  cmd->add_option("--state", o->states,
                  tr("Offer translations in these states (repeatable; default: translated, reviewed, final)"))
      ->check(CLI::IsMember({"new", "translated", "reviewed", "final"}));
  cmd->add_flag("--no-stale", o->no_stale,
                tr("Leave out stale translations (default: offered with the source they were made from)"));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      tm_export_options x;
      x.locale = o->locale;
      x.states.clear();
      for (const auto& s : o->states) x.states.push_back(*parse_translation_state(s));
      x.stale = !o->no_stale;
      progress_meter meter(c.quiet, "exporting");
      x.progress = [&](std::size_t done, std::size_t total) { meter(done, total); };
      return write_streamed(o->output, [&](std::ostream& out) -> status {
        auto r = e.export_tm(x, out);
        if (!r) return r.err();
        meter.finish();
        if (!c.quiet)
          std::cerr << trn("exported {1} translation unit", "exported {1} translation units", r->units) << " ("
                    << r->fields << " " << tr("fields") << ", " << r->blocks << " " << tr("blocks") << ", "
                    << r->sentences << " " << tr("sentences") << ", " << r->imported << " " << tr("imported") << ")\n";
        return {};
      });
    });
  });
}

}  // namespace glossa::cli
