// glossa xliff import FILE...: translated XLIFF back in, with a report for
// every unit. Each file is its own import: one refused whole changes nothing
// and the others go on.
#include <iostream>
#include <memory>
#include <optional>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"
#include "apps/shell/output.hpp"

namespace glossa::cli {

namespace {
struct imported {
  xliff_import_report report;
  std::string json;  // rendered while the write committed, when asked for
};

// One file: the text report is printed as it comes (rendered while the
// write commits); a JSON one is returned for the caller to print, rendered
// the same way when `json_detail` is given. A file refused whole comes back
// with its error (printed on stderr too).
imported import_one(engine& e, const std::string& path, xliff_import_options o, bool quiet, bool json,
                    std::optional<report_detail> json_detail) {
  auto refused = [&](const error& err) {
    std::cerr << "glossa: " << tr("error") << ": " << err.to_string() << "\n";
    imported r;
    r.report.file = path;
    r.report.file_error = err;
    return r;
  };
  auto bytes = shell::read_input(path);
  if (!bytes) return refused(bytes.err());
  progress_meter meter(quiet, "importing " + path);
  o.progress = [&](std::size_t done, std::size_t total) { meter(done, total); };
  std::string rendered;
  std::int64_t rendered_batch = -1;
  if (!json || json_detail)
    o.judged = [&](const xliff_import_report& r) {
      rendered = json ? to_json(r, *json_detail) : shell::render_text(r);
      rendered_batch = r.batch;
    };
  auto r = e.import_xliff(std::move(*bytes), path, o);
  meter.finish();
  if (!r) return refused(r.err());
  if (rendered_batch != r->batch) rendered.clear();  // rendered before the batch was known
  if (!json) std::cout << (rendered.empty() ? shell::render_text(*r) : rendered);
  return {std::move(*r), json ? std::move(rendered) : std::string()};
}
}  // namespace

void add_xliff_import(CLI::App& parent, context& c) {
  struct options {
    std::vector<std::string> files;
    bool dry_run = false, strict = false, overwrite_final = false;
    std::string report = "text", author = "xliff", locale;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("import", tr("Import translated XLIFF files; report every unit"));
  cmd->add_option("files", o->files, tr("XLIFF files"))->required();
  cmd->add_flag("--dry-run", o->dry_run, tr("Report what would happen; change nothing"));
  cmd->add_flag("--strict", o->strict, tr("One refused unit refuses the whole file"));
  cmd->add_flag("--overwrite-final", o->overwrite_final, tr("Let lower states replace reviewed/final translations"));
  cmd->add_option("--report", o->report,
                  tr("text, json, or summary (JSON with the counts and only the units not applied or unchanged; "
                     "default: text)"))
      ->check(CLI::IsMember({"text", "json", "summary"}));
  cmd->add_option("--author", o->author, tr("Author recorded in history (default: xliff)"));
  cmd->add_option("-l,--locale", o->locale,
                  tr("Import into this locale, whatever the files' target language (default: the file's, "
                     "resolved against the configured locales)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      xliff_import_options x;
      x.dry_run = o->dry_run;
      x.strict = o->strict;
      x.overwrite_final = o->overwrite_final;
      x.author = o->author;
      x.locale = o->locale;
      bool json = o->report != "text";
      // The exit code is the first whole refusal's, else 9 when a unit was
      // refused. JSON: one report object for one file, an array of them for
      // several (a refused file's report carries its error).
      int rc = shell::exit_ok;
      report_detail detail = o->report == "summary" ? report_detail::summary : report_detail::full;
      // One file's JSON report is rendered while its write commits.
      auto early = json && o->files.size() == 1 ? std::optional(detail) : std::nullopt;
      std::vector<xliff_import_report> reports;
      std::string rendered;
      for (const auto& path : o->files) {
        auto [r, one] = import_one(e, path, x, c.quiet, json, early);
        if (r.file_error && rc == shell::exit_ok) rc = shell::exit_code_for(r.file_error->code);
        if (!r.file_error && !r.all_taken() && rc == shell::exit_ok) rc = shell::exit_refused_units;
        if (json) reports.push_back(std::move(r));
        rendered = std::move(one);
      }
      if (json && reports.size() == 1) std::cout << (rendered.empty() ? to_json(reports.front(), detail) : rendered);
      if (json && reports.size() != 1) std::cout << to_json(reports, detail);
      return rc;
    });
  });
}

}  // namespace glossa::cli
