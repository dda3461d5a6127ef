// glossa history KEY [FIELD]: every change to a document, oldest first.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/output.hpp"

namespace glossa::cli {

void add_history(CLI::App& parent, context& c) {
  struct options {
    std::string key, field, format = "text";
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("history", tr("Show every change to a document's source values and translations"));
  cmd->add_option("key", o->key, tr("Document key"))->required();
  cmd->add_option("field", o->field, tr("Only this field"));
  cmd->add_option("--format", o->format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      auto h = e.history(o->key, o->field);
      if (!h) return fail(h.err());
      std::cout << (o->format == "json" ? to_json(*h) : shell::render_text(*h));
      return 0;
    });
  });
}

}  // namespace glossa::cli
