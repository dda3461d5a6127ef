// glossa terms list --target L: the termbase of one language pair, as a table or JSON.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"

namespace glossa::cli {

namespace {
std::string joined(const std::vector<term>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ", ";
    out += t.text;
    if (t.status != term_status::preferred)
      out += " (" + std::string(to_string(t.status)) + (t.error ? ", error" : "") + ")";
  }
  return out;
}
}  // namespace

void add_terms_list(CLI::App& parent, context& c) {
  struct options {
    std::string source = "en", target, format = "table";
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("list", tr("List the termbase of one language pair"));
  cmd->add_option("--source", o->source, tr("Source locale (default: en)"));
  cmd->add_option("--target", o->target, tr("Target locale"))->required();
  cmd->add_option("--format", o->format, tr("table or json (default: table)"))->check(CLI::IsMember({"table", "json"}));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      auto r = e.terms(o->source, o->target);
      if (!r) return fail(r.err());
      if (o->format == "json") {
        std::cout << to_json(*r);
        return 0;
      }
      for (const auto& x : *r)
        std::cout << x.id << "\t" << joined(x.source) << "\t" << joined(x.target)
                  << (x.do_not_translate ? "\t" + tr("do not translate") : std::string()) << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
