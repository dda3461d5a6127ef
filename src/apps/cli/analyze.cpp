// glossa analyze -l L: what an export would give a translator, by match band.
#include <cstdio>
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

namespace {

std::string band_name(match_band b) {
  switch (b) {
    case match_band::in_context:
      return tr("in context");
    case match_band::exact:
      return tr("exact");
    case match_band::repetition:
      return tr("repetitions");
    case match_band::fuzzy_95:
      return "95-99%";
    case match_band::fuzzy_85:
      return "85-94%";
    case match_band::fuzzy_75:
      return "75-84%";
    case match_band::no_match:
      return tr("new");
  }
  return {};
}

std::string table(const analysis_report& r) {
  std::string out = shell::fill(tr("{1}: {2} units in {3} documents (scope {4})"), r.locale, std::to_string(r.units),
                                std::to_string(r.documents), std::string(to_string(r.scope))) +
                    "\n";
  char line[160];
  auto row = [&](const std::string& name, std::size_t segments, std::size_t words) {
    double share = r.words ? 100.0 * double(words) / double(r.words) : 0.0;
    std::snprintf(line, sizeof line, "%-14s %10zu %10zu %8.1f%%\n", name.c_str(), segments, words, share);
    out += line;
  };
  std::snprintf(line, sizeof line, "%-14s %10s %10s %9s\n", tr("band").c_str(),
                (r.segment == segmentation::sentences ? tr("sentences") : tr("units")).c_str(), tr("words").c_str(),
                tr("share").c_str());
  out += line;
  for (const auto& b : r.bands) row(band_name(b.band), b.segments, b.words);
  row(tr("total"), r.segments, r.words);
  return out;
}

}  // namespace

void add_analyze(CLI::App& parent, context& c) {
  struct options {
    std::string locale, scope = "todo", type, segment = "units", format = "table", output;
    std::vector<std::string> documents;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand(
      "analyze", tr("Count the units and words an export would hold by match band (in context, exact, "
                    "repetitions, fuzzy, new)"));
  cmd->add_option("-l,--locale", o->locale, tr("Target locale (BCP 47)"))->required();
  cmd->add_option("--scope", o->scope, tr("missing, stale, todo (missing + stale + new) or all (default: todo)"))
      ->check(CLI::IsMember({"missing", "stale", "todo", "all"}));
  cmd->add_option("--type", o->type, tr("Only documents of this type"));
  cmd->add_option("--document", o->documents, tr("Only these documents (repeatable)"));
  cmd->add_option("--segment", o->segment, tr("units or sentences (default: units)"))
      ->check(CLI::IsMember({"units", "sentences"}));
  cmd->add_option("--format", o->format, tr("table, json or csv (default: table)"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      analysis_options x;
      x.locale = o->locale;
      x.scope = *parse_export_scope(o->scope);
      x.type = o->type;
      x.documents = o->documents;
      x.segment = *parse_segmentation(o->segment);
      progress_meter meter(c.quiet, "analyzing");
      x.progress = [&](std::size_t done, std::size_t total) { meter(done, total); };
      auto r = e.analyze(x);
      if (!r) return fail(r.err());
      meter.finish();
      return write_output(o->output, o->format == "json" ? to_json(*r) : o->format == "csv" ? to_csv(*r) : table(*r));
    });
  });
}

}  // namespace glossa::cli
