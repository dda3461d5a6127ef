// glossa tm export --locale L: the translation memory into one locale, as TMX 1.4b.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_tm_export(CLI::App& parent, context& c) {
  struct options {
    std::string locale, output, codes = "native";
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
  cmd->add_option("--codes", o->codes,
                  tr("native: inline codes as the markup they stand for (default); xliff: as the XLIFF 1.2 "
                     "elements of Glossa's XLIFF, for CAT tools such as OmegaT"))
      ->check(CLI::IsMember({"native", "xliff"}));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      tm_export_options x;
      x.xliff_codes = o->codes == "xliff";
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
        if (!c.quiet && r->ambiguous)
          std::cerr << trn("left out {1} variant of messages whose forms share a source",
                           "left out {1} variants of messages whose forms share a source", r->ambiguous)
                    << "\n";
        return {};
      });
    });
  });
}

}  // namespace glossa::cli
