// glossa terms import FILE...: TBX files into the termbase, each its own
// batch; glossa terms undo BATCH takes one back.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"

namespace glossa::cli {

namespace {
void print_text(const terms_import_report& r, bool dry_run) {
  for (const auto& n : r.notes) std::cerr << r.file << ": " << tr("note") << ": " << n << "\n";
  std::cout << r.file << " (" << r.source_locale << " > " << r.target_locale
            << "): " << trn("{1} entry added", "{1} entries added", r.added) << ", "
            << trn("{1} duplicate", "{1} duplicates", r.duplicates);
  if (r.batch) std::cout << "; " << shell::fill(tr("batch {1}"), std::to_string(r.batch));
  if (dry_run) std::cout << " (" << tr("dry run: nothing written") << ")";
  std::cout << "\n";
}
}  // namespace

void add_terms_import(CLI::App& parent, context& c) {
  struct options {
    std::vector<std::string> files;
    std::string source, target, author = "terms", report = "text";
    bool dry_run = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("import", tr("Import TBX files into the termbase, each as a batch"));
  cmd->add_option("files", o->files, tr("TBX files (TBX-Basic: TBX 2008 <martif> or TBX v3 <tbx>)"))->required();
  cmd->add_option("--source", o->source, tr("Source locale of the terms (default: the file's)"));
  cmd->add_option("--target", o->target,
                  tr("Target locale of the terms (default: the file's one other language; needed for csv2tbx's "
                     "\"xx\")"));
  cmd->add_option("--author", o->author, tr("Author of the batch (default: terms)"));
  cmd->add_flag("--dry-run", o->dry_run, tr("Report what would happen; change nothing"));
  cmd->add_option("--report", o->report, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, !o->dry_run, [&](engine& e) -> int {
      terms_import_options x;
      x.source_locale = o->source;
      x.target_locale = o->target;
      x.author = o->author;
      x.dry_run = o->dry_run;
      bool json = o->report == "json";
      return import_each(o->files, json, [&](const std::string& bytes, const std::string& path) -> result<std::string> {
        auto r = e.import_terms(bytes, path, x);
        if (!r) return r.err();
        if (json) return to_json(*r);
        print_text(*r, o->dry_run);
        return std::string();
      });
    });
  });
}

void add_terms_undo(CLI::App& parent, context& c) {
  auto batch = std::make_shared<std::int64_t>(0);
  auto* cmd = parent.add_subcommand("undo", tr("Remove the entries a terms import or addition brought"));
  cmd->add_option("batch", *batch, tr("Batch id (printed by terms import and terms add)"))->required();
  cmd->callback([&c, batch] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      auto r = e.undo_terms(*batch);
      if (!r) return fail(r.err());
      std::cout << shell::fill(tr("batch {1} undone (as batch {2})"), std::to_string(*batch), std::to_string(r->batch))
                << ": " << trn("{1} entry removed", "{1} entries removed", r->removed) << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
