// glossa tm import FILE...: TMX files into the store's imported memory, each
// its own batch (glossa tm undo BATCH takes one back).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"

namespace glossa::cli {

namespace {
void print_text(const tm_import_report& r, bool dry_run) {
  std::cout << r.file << ": " << trn("{1} entry added", "{1} entries added", r.added) << ", "
            << trn("{1} duplicate", "{1} duplicates", r.duplicates);
  for (const auto& l : r.locales) std::cout << " [" << l.locale << " " << l.added << "/" << l.units << "]";
  // Batch ids stay plain digits: they are typed back into `tm undo`.
  if (r.batch) std::cout << "; " << shell::fill(tr("batch {1}"), std::to_string(r.batch));
  if (dry_run) std::cout << " (" << tr("dry run: nothing written") << ")";
  std::cout << "\n";
}
}  // namespace

void add_tm_import(CLI::App& parent, context& c) {
  struct options {
    std::vector<std::string> files, locales;
    std::string author = "tm", report = "text";
    bool dry_run = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("import", tr("Import TMX files into the translation memory, each as a batch"));
  cmd->add_option("files", o->files, tr("TMX files (1.1 to 1.4b)"))->required();
  cmd->add_option("-l,--locale", o->locales,
                  tr("Read this target locale (repeatable; default: every working locale the file has)"));
  cmd->add_option("--author", o->author, tr("Author of the batch and of entries without one (default: tm)"));
  cmd->add_flag("--dry-run", o->dry_run, tr("Report what would happen; change nothing"));
  cmd->add_option("--report", o->report, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    // A store may begin with an agency's memory, before any content: a real
    // import creates it (a dry run writes nothing, so it does not).
    c.rc = with_engine(c, !o->dry_run, [&](engine& e) -> int {
      tm_import_options x;
      x.locales = o->locales;
      x.author = o->author;
      x.dry_run = o->dry_run;
      bool json = o->report == "json";
      return import_each(o->files, json, [&](const std::string& bytes, const std::string& path) -> result<std::string> {
        auto r = e.import_tm(bytes, path, x);
        if (!r) return r.err();
        if (json) return to_json(*r);
        print_text(*r, o->dry_run);
        return std::string();
      });
    });
  });
}

void add_tm_undo(CLI::App& parent, context& c) {
  auto batch = std::make_shared<std::int64_t>(0);
  auto* cmd = parent.add_subcommand("undo", tr("Remove the entries a TMX import batch added"));
  cmd->add_option("batch", *batch, tr("Batch id (printed by tm import)"))->required();
  cmd->callback([&c, batch] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      auto r = e.undo_tm(*batch);
      if (!r) return fail(r.err());
      std::cout << shell::fill(tr("batch {1} undone (as batch {2})"), std::to_string(*batch), std::to_string(r->batch))
                << ": " << trn("{1} entry removed", "{1} entries removed", r->removed) << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
