// glossa bundle --locale L: every document of a locale as one JSON file.
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_bundle(CLI::App& parent, context& c) {
  struct options {
    std::string locale, type, output, stale = "fallback", format = "json";
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand(
      "bundle", tr("Write every document of a locale as one JSON file (for static site generators)"));
  cmd->add_option("-l,--locale", o->locale, tr("Locale (BCP 47)"))->required();
  cmd->add_option("--type", o->type, tr("Only documents of this type"));
  cmd->add_option("--format", o->format, tr("json (the only format)"))->check(CLI::IsMember({"json"}));
  cmd->add_option("--stale", o->stale, tr("Stale translations: serve, fallback or hide (default: fallback)"))
      ->check(CLI::IsMember({"serve", "fallback", "hide"}));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      localize_options l;
      l.locale = o->locale;
      l.stale = *parse_stale_policy(o->stale);
      auto docs = e.bundle(o->type, l);
      if (!docs) return fail(docs.err());
      auto f = formatter::for_locale(o->locale);
      if (!f) return fail(f.err());
      return write_output(o->output, to_json(*docs, (*f)->locale(), (*f)->direction()));
    });
  });
}

}  // namespace glossa::cli
