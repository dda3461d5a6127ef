// glossa content import FILE...: creates or updates documents from content JSON.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/output.hpp"

namespace glossa::cli {

void add_content_import(CLI::App& parent, context& c) {
  struct options {
    std::vector<std::string> files;
    bool dry_run = false;
    std::string format = "text", author = "glossa";
  };
  auto o = std::make_shared<options>();
  auto* cmd =
      parent.add_subcommand("import", tr("Create or update documents from content JSON files, in one transaction"));
  cmd->add_option("files", o->files, tr("Content JSON files ('-' for standard input)"))->required();
  cmd->add_flag("--dry-run", o->dry_run, tr("Validate and report what would change; write nothing"));
  cmd->add_option("--format", o->format, tr("Report format: text or json (default: text)"))
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--author", o->author, tr("Author recorded in history (default: glossa)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, !o->dry_run, [&](engine& e) -> int {
      write_options w;
      w.author = o->author;
      w.origin = "content-import";
      w.dry_run = o->dry_run;
      auto r = e.import_content_files(o->files, w);
      if (!r) return fail(r.err());
      print_warnings(r->warnings, c.quiet);
      std::cout << (o->format == "json" ? to_json(*r) : shell::render_text(*r));
      return 0;
    });
  });
}

}  // namespace glossa::cli
