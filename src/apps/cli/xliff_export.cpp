// glossa xliff export --locale L: the fields that need work, as XLIFF.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_xliff_export(CLI::App& parent, context& c) {
  struct options {
    std::string locale, version = "1.2", scope = "todo", type, output, prefill = "none", segment = "units";
    std::vector<std::string> documents;
    bool words = false, tm = false, no_terms = false;
    double tm_min = 75;
    std::size_t tm_limit = 3;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("export", tr("Write the fields that need work in one locale as XLIFF"));
  cmd->add_option("-l,--locale", o->locale, tr("Target locale (BCP 47)"))->required();
  cmd->add_option("--version", o->version, tr("XLIFF version: 1.2, 2.0, 2.1 or 2.2 (default: 1.2)"))
      ->check(CLI::IsMember({"1.2", "2.0", "2.1", "2.2"}));
  cmd->add_option("--scope", o->scope, tr("missing, stale, todo (missing + stale + new) or all (default: todo)"))
      ->check(CLI::IsMember({"missing", "stale", "todo", "all"}));
  cmd->add_option("--type", o->type, tr("Only documents of this type"));
  cmd->add_option("--document", o->documents, tr("Only these documents (repeatable)"));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->add_flag("--words", o->words, tr("Count the source words of the exported units (ICU word boundaries)"));
  cmd->add_flag("--tm", o->tm, tr("Add the translation memory's best matches to each unit"));
  cmd->add_option("--tm-min", o->tm_min, tr("With --tm: lowest match score, 1 to 100 (default: 75)"));
  cmd->add_option("--tm-limit", o->tm_limit, tr("With --tm: matches per unit, 1 to 100 (default: 3)"));
  cmd->add_option("--prefill", o->prefill,
                  tr("Put the memory's in-context (context) or also exact (exact) matches into targets without a "
                     "current translation, marked for review (default: none)"))
      ->check(CLI::IsMember({"none", "context", "exact"}));
  cmd->add_option("--segment", o->segment,
                  tr("units, or sentences: cut each unit into sentence segments, with matches per segment "
                     "(default: units)"))
      ->check(CLI::IsMember({"units", "sentences"}));
  cmd->add_flag("--no-terms", o->no_terms,
                tr("Leave out the termbase's entries (default: each unit carries those its source has)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      xliff_export_options x;
      x.terms = !o->no_terms;
      x.locale = o->locale;
      x.version = *parse_xliff_version(o->version);
      x.scope = *parse_export_scope(o->scope);
      x.type = o->type;
      x.documents = o->documents;
      x.count_words = o->words;
      x.tm = o->tm;
      x.tm_min_score = o->tm_min;
      x.tm_limit = o->tm_limit;
      x.prefill = *parse_prefill_mode(o->prefill);
      x.segment = *parse_segmentation(o->segment);
      progress_meter meter(c.quiet, "exporting");
      x.progress = [&](std::size_t done, std::size_t total) { meter(done, total); };
      return write_streamed(o->output, [&](std::ostream& out) -> status {
        auto r = e.export_xliff(x, out);
        if (!r) return r.err();
        meter.finish();
        if (!c.quiet)
          std::cerr << trn("exported {1} unit", "exported {1} units", r->units)
                    << (o->words ? " (" + trn("{1} source word", "{1} source words", r->words) + ")" : "") << "\n";
        if (!c.quiet && o->tm)
          std::cerr << trn("{1} unit with matches", "{1} units with matches", r->matched_units) << ": " << r->in_context
                    << " " << tr("in context") << ", " << r->exact << " " << tr("exact") << ", " << r->fuzzy << " "
                    << tr("fuzzy") << ", " << r->previous_versions << " " << tr("previous versions") << "\n";
        if (!c.quiet && x.prefill != prefill_mode::none)
          std::cerr << trn("{1} target prefilled", "{1} targets prefilled", r->prefilled) << "\n";
        return {};
      });
    });
  });
}

}  // namespace glossa::cli
