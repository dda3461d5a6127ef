// glossa schema show: the store's content schema as JSON (the built-in one
// when there is no store yet).
#include <iostream>

#include "apps/cli/command.hpp"

namespace glossa::cli {

void add_schema_show(CLI::App& parent, context& c) {
  auto* cmd = parent.add_subcommand("show", tr("Print the store's content schema as JSON"));
  cmd->callback([&c] {
    store_options o;
    o.create_if_missing = false;
    o.read_only = true;
    if (auto st = open_store(store_uri(c.db), o); !st && st.err().code == errc::not_found) {
      std::cout << content_schema::builtin().to_json() << "\n";  // what a new store would get
      return;
    }
    c.rc = with_engine(c, false, [](engine& e) -> int {
      auto schema = e.schema();
      if (!schema) return fail(schema.err());
      std::cout << schema->to_json() << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
