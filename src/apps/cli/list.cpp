// glossa list: the documents, or with --locale their localized titles in
// that locale's order.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/output.hpp"

namespace glossa::cli {

namespace {
int list_localized(engine& e, const std::string& type, const std::string& locale, bool json) {
  localize_options o;
  o.locale = locale;
  auto docs = e.list_localized(type, o);
  if (!docs) return fail(docs.err());
  if (json) {
    std::cout << to_json(*docs);
    return 0;
  }
  for (const auto& d : *docs) std::cout << d.key << "\t" << d.title << (d.fallback ? "\t(" + d.lang + ")" : "") << "\n";
  return 0;
}
}  // namespace

void add_list(CLI::App& parent, context& c) {
  struct options {
    std::string type, format = "text", locale;
  };
  auto o = std::make_shared<options>();
  auto* cmd =
      parent.add_subcommand("list", tr("List documents (with --locale: localized titles in that locale's order)"));
  cmd->add_option("--type", o->type, tr("Only documents of this type"));
  cmd->add_option("-l,--locale", o->locale, tr("Show titles in this locale, sorted by its collation"));
  cmd->add_option("--format", o->format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      bool json = o->format == "json";
      if (!o->locale.empty()) return list_localized(e, o->type, o->locale, json);
      auto docs = e.list_documents(o->type);
      if (!docs) return fail(docs.err());
      std::cout << (json ? to_json(*docs) : shell::render_text(*docs));
      return 0;
    });
  });
}

}  // namespace glossa::cli
