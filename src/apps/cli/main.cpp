// glossa: the command-line shell over glossa::core. Parses arguments, calls the
// engine, prints data to stdout and messages to stderr, maps errors to exit codes.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "apps/server/server.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"
#include "apps/shell/messages.hpp"
#include "apps/shell/output.hpp"
#include "core/clock.hpp"
#include "glossa/glossa.hpp"

namespace {
using namespace glossa;
using shell::fill;
using shell::tr;
using shell::trn;

struct settings {
  std::string db = "glossa.db";
  std::string allow_list;  // terms that may stay identical to the source (QA)
  bool quiet = false;
};

int fail(const error& e) {
  std::cerr << "glossa: " << tr("error") << ": " << e.to_string() << "\n";
  return shell::exit_code_for(e.code);
}

// Opens the store. Reading commands never create one.
result<engine> open_engine(const settings& s, bool create) {
  store_options opts;
  opts.create_if_missing = create;
  auto st = open_store("sqlite:" + s.db, opts);
  if (!st) {
    if (st.err().code == errc::not_found)
      return error(errc::not_found,
                   "no store at '" + s.db +
                       "': create one with `glossa content import FILE...` or point --db / GLOSSA_DB at one");
    return st.err();
  }
  engine e(std::move(*st));
  // A store made before labels existed gets its English labels now (a
  // write that changes nothing when they are there).
  if (auto labels = e.ensure_labels(); !labels) return labels.err();
  if (!s.allow_list.empty()) {
    auto terms = shell::read_allow_list(s.allow_list);
    if (!terms) return terms.err();
    e.set_qa_options({std::move(*terms)});
  }
  return e;
}

// "512M", "2G", "64K" or plain bytes (binary multiples).
std::optional<std::uint64_t> parse_size(const std::string& v) {
  if (v.empty() || v[0] < '0' || v[0] > '9') return std::nullopt;  // no sign, no spaces: "-1" must not mean "no limit"
  std::size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(v, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = v.substr(used);
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (unit == "B") unit.clear();
  if (!unit.empty() && unit.back() == 'B') unit.pop_back();  // "MB", "GB"
  if (unit.size() == 2 && unit[1] == 'I') unit.pop_back();   // "MiB"
  int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : unit == "T" ? 40 : -1;
  if (shift < 0 || n == 0 || n > (~0ull >> shift)) return std::nullopt;
  return static_cast<std::uint64_t>(n) << shift;
}

// Quality warnings of a write, on stderr: the write went through.
void print_warnings(const std::vector<qa_finding>& warnings, bool quiet) {
  if (quiet) return;
  for (const auto& f : warnings)
    std::cerr << "glossa: " << tr("warning") << ": " << f.document << "." << f.field << " [" << f.locale << "] "
              << f.check << ": " << f.message << "\n";
}

// Streams output to a file through a temporary beside it, renamed on success:
// a failed export never leaves half a file. "-" or empty: standard output.
// Writes an output file. "-" is standard output. A path that is not a
// regular file (a device such as /dev/null, a FIFO, a socket) is written
// through as it is: replacing it would put a regular file in its place (run
// as root, `-o /dev/null` would break every other program). A regular file,
// or a new one, is replaced atomically: written to a uniquely named file in
// its directory, synced, given the old one's mode and owner, then renamed
// over it; a symbolic link is followed and the file it names is replaced.
int write_streamed(const std::string& path, const std::function<status(std::ostream&)>& produce) {
  if (path.empty() || path == "-") {
    auto st = produce(std::cout);
    std::cout.flush();
    if (st && !std::cout) st = error(errc::io_error, "cannot write to standard output");
    return st ? 0 : fail(st.err());
  }
  auto r = shell::write_file(path, produce);
  return r ? 0 : fail(r.err());
}

int write_output(const std::string& path, const std::string& data) {
  return write_streamed(path, [&](std::ostream& out) -> status {
    out << data;
    return {};
  });
}

// Progress on stderr, only for a terminal and without --quiet.
class progress_meter {
 public:
  progress_meter(bool quiet, std::string what) : on_(!quiet && isatty(2)), what_(std::move(what)) {}
  void operator()(std::size_t done, std::size_t total) {
    if (on_) std::cerr << "\r" << what_ << " " << done << "/" << total << std::flush;
  }
  void finish() {
    if (on_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool on_;
  std::string what_;
};

// One file of `xliff import`: the text report is printed as it comes (rendered
// while the write commits); a JSON one is returned for the caller to print.
// A file refused whole comes back with its error (printed on stderr too).
xliff_import_report import_one_xliff(engine& e, const std::string& path, xliff_import_options o, bool quiet,
                                     bool json) {
  auto refused = [&](const error& err) {
    std::cerr << "glossa: " << tr("error") << ": " << err.to_string() << "\n";
    xliff_import_report r;
    r.file = path;
    r.file_error = err;
    return r;
  };
  auto bytes = shell::read_input(path);
  if (!bytes) return refused(bytes.err());
  progress_meter meter(quiet, "importing " + path);
  o.progress = [&](std::size_t done, std::size_t total) { meter(done, total); };
  std::string rendered;
  std::int64_t rendered_batch = -1;
  if (!json)
    o.judged = [&](const xliff_import_report& r) {
      rendered = shell::render_text(r);
      rendered_batch = r.batch;
    };
  auto r = e.import_xliff(std::move(*bytes), path, o);
  meter.finish();
  if (!r) return refused(r.err());
  if (!json) {
    if (rendered_batch != r->batch) rendered = shell::render_text(*r);
    std::cout << rendered;
  }
  return std::move(*r);
}

}  // namespace

int main(int argc, char** argv) {
  shell::init_messages(argc, argv);
  CLI::App app{
      "Glossa: multilingual content and translation management.\n"
      "Stores an organization's pages and job openings with their translations\n"
      "(ar, en, fr, es...), and tells what is missing, stale or unreviewed.",
      "glossa"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("glossa ") + GLOSSA_VERSION_STRING);
  std::string ui_lang_option;
  app.add_option("--ui-lang", ui_lang_option,
                 tr("Language of Glossa's own messages: ar, en, fr, es (default: $LANGUAGE, $LC_MESSAGES, $LANG)"));
  settings s;
  app.add_option("--db", s.db, tr("Store file (default: $GLOSSA_DB, else ./glossa.db)"))->envname("GLOSSA_DB");
  app.add_flag("-q,--quiet", s.quiet, tr("Print no progress or summary messages on stderr"));
  app.add_option_function<std::string>(
         "--max-input-size",
         [](const std::string& v) {
           auto bytes = parse_size(v);
           if (!bytes) throw CLI::ValidationError("--max-input-size", tr("a size such as 512M or 2G"));
           set_max_input_bytes(*bytes);
         },
         tr("Largest input file accepted, e.g. 512M or 2G; larger files are refused before they are read (default: "
            "1G)"))
      ->envname("GLOSSA_MAX_INPUT_SIZE");
  app.add_option(
         "--allow-identical", s.allow_list,
         tr("File of names and terms that stay the same in every language (one per line), for the 'identical' check"))
      ->envname("GLOSSA_QA_ALLOW");

  int rc = 0;

  // --- content -------------------------------------------------------------
  // --- store -------------------------------------------------------------------
  auto* store_cmd = app.add_subcommand("store", tr("Look after the store itself"));
  store_cmd->require_subcommand(1);
  auto* upgrade =
      store_cmd->add_subcommand("upgrade", tr("Upgrade a store made by an earlier Glossa (schema, labels)"));
  upgrade->callback([&] {
    auto e = open_engine(s, false);  // opening it for writing migrates it and writes its labels
    if (!e) {
      rc = fail(e.err());
      return;
    }
    if (!s.quiet) std::cerr << shell::fill(tr("{1} is up to date"), s.db) << "\n";
  });

  auto* content = app.add_subcommand("content", tr("Import or export source content and translations (JSON)"));
  content->require_subcommand(1);
  std::vector<std::string> import_files;
  bool dry_run = false;
  std::string import_format = "text", author = "glossa";
  auto* c_import =
      content->add_subcommand("import", tr("Create or update documents from content JSON files, in one transaction"));
  c_import->add_option("files", import_files, tr("Content JSON files ('-' for standard input)"))->required();
  c_import->add_flag("--dry-run", dry_run, tr("Validate and report what would change; write nothing"));
  c_import->add_option("--format", import_format, tr("Report format: text or json (default: text)"))
      ->check(CLI::IsMember({"text", "json"}));
  c_import->add_option("--author", author, tr("Author recorded in history (default: glossa)"));
  c_import->callback([&] {
    auto e = open_engine(s, !dry_run);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    write_options w;
    w.author = author;
    w.origin = "content-import";
    w.dry_run = dry_run;
    auto r = e->import_content_files(import_files, w);
    if (!r) {
      rc = fail(r.err());
      return;
    }
    print_warnings(r->warnings, s.quiet);
    if (import_format == "json")
      std::cout << to_json(*r);
    else
      std::cout << shell::render_text(*r);
  });

  std::string export_path, export_type;
  auto* c_export = content->add_subcommand("export", tr("Write every document with its translations as content JSON"));
  c_export->add_option("-o,--output", export_path, tr("Output file (default: standard output)"));
  c_export->add_option("--type", export_type, tr("Only documents of this type"));
  c_export->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    auto out = e->export_content(export_type);
    if (!out) {
      rc = fail(out.err());
      return;
    }
    rc = write_output(export_path, *out);
  });

  // --- schema ----------------------------------------------------------------
  auto* schema_cmd = app.add_subcommand("schema", tr("Show the content schema (document types and fields)"));
  schema_cmd->require_subcommand(1);
  auto* schema_show = schema_cmd->add_subcommand("show", tr("Print the store's content schema as JSON"));
  schema_show->callback([&] {
    store_options o;
    o.create_if_missing = false;
    auto st = open_store("sqlite:" + s.db, o);
    const content_schema* schema = &content_schema::builtin();
    std::optional<content_schema> stored;
    if (st) {
      auto sc = (*st)->schema();
      if (!sc) {
        rc = fail(sc.err());
        return;
      }
      stored = std::move(*sc);
      schema = &*stored;
    } else if (st.err().code != errc::not_found) {
      rc = fail(st.err());
      return;
    }
    std::cout << schema->to_json() << "\n";
  });

  // --- translation -------------------------------------------------------------
  auto* translation_cmd = app.add_subcommand("translation", tr("Edit translations"));
  translation_cmd->require_subcommand(1);
  std::string t_key, t_field, t_locale, t_text, t_state = "translated";
  auto* t_set = translation_cmd->add_subcommand("set", tr("Set one field's translation into one locale"));
  t_set->add_option("key", t_key, tr("Document key"))->required();
  t_set->add_option("field", t_field, tr("Field name"))->required();
  t_set->add_option("locale", t_locale, tr("Locale (BCP 47, e.g. fr, ar, es-MX)"))->required();
  t_set->add_option("text", t_text, tr("Translated text ('-' reads it from standard input)"))->required();
  t_set->add_option("--state", t_state, tr("new, translated, reviewed or final (default: translated)"))
      ->check(CLI::IsMember({"new", "translated", "reviewed", "final"}));
  t_set->add_option("--author", author, tr("Author recorded in history (default: glossa)"));
  t_set->callback([&] {
    if (t_text == "-") {
      auto in = shell::read_input("-");
      if (!in) {
        rc = fail(in.err());
        return;
      }
      t_text = std::move(*in);
      while (!t_text.empty() && t_text.back() == '\n') t_text.pop_back();
    }
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    write_options w;
    w.author = author;
    w.origin = "manual";
    auto r = e->set_translation(t_key, t_field, t_locale, t_text, *parse_translation_state(t_state), w);
    if (!r) {
      rc = fail(r.err());
      return;
    }
    print_warnings(r->warnings, s.quiet);
    if (!s.quiet)
      std::cerr << (r->changed() ? tr("translation saved") : tr("unchanged: the store already holds this translation"))
                << "\n";
  });

  // --- xliff -------------------------------------------------------------------
  auto* xliff_cmd = app.add_subcommand("xliff", tr("Exchange XLIFF files with translators"));
  xliff_cmd->require_subcommand(1);
  std::string x_locale, x_version = "1.2", x_scope = "todo", x_type, x_out;
  std::vector<std::string> x_docs;
  auto* x_export = xliff_cmd->add_subcommand("export", tr("Write the fields that need work in one locale as XLIFF"));
  x_export->add_option("-l,--locale", x_locale, tr("Target locale (BCP 47)"))->required();
  x_export->add_option("--version", x_version, tr("XLIFF version: 1.2, 2.0, 2.1 or 2.2 (default: 1.2)"))
      ->check(CLI::IsMember({"1.2", "2.0", "2.1", "2.2"}));
  x_export->add_option("--scope", x_scope, tr("missing, stale, todo (missing + stale + new) or all (default: todo)"))
      ->check(CLI::IsMember({"missing", "stale", "todo", "all"}));
  x_export->add_option("--type", x_type, tr("Only documents of this type"));
  x_export->add_option("--document", x_docs, tr("Only these documents (repeatable)"));
  x_export->add_option("-o,--output", x_out, tr("Output file (default: standard output)"));
  bool x_words = false;
  x_export->add_flag("--words", x_words, tr("Count the source words of the exported units (ICU word boundaries)"));
  x_export->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    xliff_export_options o;
    o.locale = x_locale;
    o.version = *parse_xliff_version(x_version);
    o.scope = *parse_export_scope(x_scope);
    o.type = x_type;
    o.documents = x_docs;
    o.count_words = x_words;
    progress_meter meter(s.quiet, "exporting");
    o.progress = [&](std::size_t done, std::size_t total) { meter(done, total); };
    rc = write_streamed(x_out, [&](std::ostream& out) -> status {
      auto r = e->export_xliff(o, out);
      if (!r) return r.err();
      meter.finish();
      if (!s.quiet)
        std::cerr << trn("exported {1} unit", "exported {1} units", r->units)
                  << (x_words ? " (" + trn("{1} source word", "{1} source words", r->words) + ")" : "") << "\n";
      return {};
    });
  });

  std::vector<std::string> xi_files;
  bool xi_dry = false, xi_strict = false, xi_overwrite = false;
  std::string xi_report = "text";
  auto* x_import = xliff_cmd->add_subcommand("import", tr("Import translated XLIFF files; report every unit"));
  x_import->add_option("files", xi_files, tr("XLIFF files"))->required();
  x_import->add_flag("--dry-run", xi_dry, tr("Report what would happen; change nothing"));
  x_import->add_flag("--strict", xi_strict, tr("One refused unit refuses the whole file"));
  x_import->add_flag("--overwrite-final", xi_overwrite, tr("Let lower states replace reviewed/final translations"));
  x_import
      ->add_option("--report", xi_report,
                   tr("text, json, or summary (JSON with the counts and only the units not applied or unchanged; "
                      "default: text)"))
      ->check(CLI::IsMember({"text", "json", "summary"}));
  x_import->add_option("--author", author, tr("Author recorded in history (default: xliff)"));
  std::string xi_locale;
  x_import->add_option("-l,--locale", xi_locale,
                       tr("Import into this locale, whatever the files' target language (default: the file's, "
                          "resolved against the configured locales)"));
  x_import->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    xliff_import_options o;
    o.dry_run = xi_dry;
    o.strict = xi_strict;
    o.overwrite_final = xi_overwrite;
    o.author = author == "glossa" ? "xliff" : author;
    o.locale = xi_locale;
    bool json = xi_report != "text";
    report_detail detail = xi_report == "summary" ? report_detail::summary : report_detail::full;
    // Each file is its own import: one refused whole changes nothing and the
    // others go on. The exit code is the first whole refusal's, else 9 when
    // a unit was refused. JSON: one report object for one file, an array of
    // them for several (a refused file's report carries its error).
    std::vector<xliff_import_report> reports;
    for (const auto& path : xi_files) {
      auto r = import_one_xliff(*e, path, o, s.quiet, json);
      if (r.file_error && rc == shell::exit_ok) rc = shell::exit_code_for(r.file_error->code);
      if (!r.file_error && !r.all_taken() && rc == shell::exit_ok) rc = shell::exit_refused_units;
      if (json) reports.push_back(std::move(r));
    }
    if (json) std::cout << (reports.size() == 1 ? to_json(reports.front(), detail) : to_json(reports, detail));
  });

  std::vector<std::string> xv_files;
  std::string xv_format = "text";
  auto* x_validate =
      xliff_cmd->add_subcommand("validate", tr("Check XLIFF files: structure and processing requirements"));
  x_validate->add_option("files", xv_files, tr("XLIFF files"))->required();
  x_validate->add_option("--format", xv_format, tr("text or json (default: text)"))
      ->check(CLI::IsMember({"text", "json"}));
  x_validate->callback([&] {
    bool all_valid = true;
    std::string json_out = "[";
    for (const auto& path : xv_files) {
      auto bytes = shell::read_input(path);
      if (!bytes) {
        rc = fail(bytes.err());
        return;
      }
      auto r = validate_xliff(*bytes, path);
      all_valid = all_valid && r.valid();
      if (xv_format == "json") {
        json_out += (json_out.size() > 1 ? "," : "") + to_json(r);
        continue;
      }
      for (const auto& p : r.problems)
        std::cout << path << ":" << p.line << ": " << p.rule << ": " << p.message << "\n";
      std::cout << path << ": " << (r.valid() ? "valid" : "INVALID")
                << (r.version.empty() ? "" : " (XLIFF " + r.version + ")")
                << (r.valid() ? "" : ", " + std::to_string(r.problems.size()) + " problem(s)") << "\n";
    }
    if (xv_format == "json") std::cout << json_out << "]\n";
    if (!all_valid) rc = shell::exit_invalid_xliff;
  });

  std::int64_t undo_id = 0;
  auto* x_undo = xliff_cmd->add_subcommand("undo", tr("Restore what an XLIFF import batch replaced"));
  x_undo->add_option("batch", undo_id, tr("Batch id (printed by xliff import)"))->required();
  x_undo->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    write_options w;
    w.author = author;
    w.origin = "undo";
    auto r = e->undo_batch(undo_id, w);
    if (!r) {
      rc = fail(r.err());
      return;
    }
    // Batch ids stay plain digits: they are typed back into `xliff undo`.
    std::cout << shell::fill(tr("batch {1} undone (as batch {2})"), std::to_string(undo_id), std::to_string(r->batch))
              << ": " << trn("{1} translation restored", "{1} translations restored", r->translations_changed) << "\n";
  });

  // --- coverage ----------------------------------------------------------------
  std::vector<std::string> cv_locales;
  std::string cv_type, cv_by = "locale", cv_format = "table", cv_out;
  double cv_fail_under = -1;
  bool cv_by_words = false;
  std::size_t cv_list_limit = 0;
  auto* cov =
      app.add_subcommand("coverage", tr("What is missing, stale or unreviewed, per locale, in units and words"));
  cov->add_option("-l,--locale", cv_locales, tr("Locales to report (default: ar, en, fr, es)"));
  cov->add_option("--type", cv_type, tr("Only documents of this type"));
  cov->add_option("--by", cv_by, tr("Rows per locale, type, document or field (default: locale)"))
      ->check(CLI::IsMember({"locale", "type", "document", "field"}));
  cov->add_option("--format", cv_format,
                  tr("table, json, csv or html (default: table); html is the dashboard, in the --ui-lang language"))
      ->check(CLI::IsMember({"table", "json", "csv", "html"}));
  cov->add_option("-o,--output", cv_out, tr("Output file (default: standard output)"));
  cov->add_option("--fail-under", cv_fail_under, tr("Exit with code 11 when a locale is below this percentage"))
      ->check(CLI::Range(0.0, 100.0));
  cov->add_flag("--by-words", cv_by_words, tr("Judge --fail-under by source words instead of units"));
  cov->add_option("--list-limit", cv_list_limit,
                  tr("html: units listed per status and language, the rest counted (default: 0, all)"));
  cov->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    coverage_options o;
    o.locales = cv_locales;
    o.type = cv_type;
    o.by = cv_by == "type"       ? coverage_grouping::type
           : cv_by == "document" ? coverage_grouping::document
           : cv_by == "field"    ? coverage_grouping::field
                                 : coverage_grouping::locale;
    if (cv_format == "html") {  // the dashboard: the document matrix and the lists of what needs work
      o.by = coverage_grouping::document;
      o.list_items = true;
    }
    auto r = e->coverage(o);
    if (!r) {
      rc = fail(r.err());
      return;
    }
    std::string out;
    if (cv_format == "html") {
      dashboard_options d;
      d.ui_locale = shell::ui_language();
      d.translate = [](const char* msgid) { return tr(msgid); };
      d.translate_plural = [](const char* one, const char* many, std::size_t n) {
        return shell::ntr_in(shell::ui_language(), one, many, static_cast<long long>(n));
      };
      d.generated_at = detail::utc_now();
      d.list_limit = cv_list_limit;
      d.more_hint = tr("List them all with --list-limit 0.");
      out = to_html(*r, d);
    } else {
      out = cv_format == "json" ? to_json(*r) : cv_format == "csv" ? to_csv(*r) : shell::render_text(*r);
    }
    rc = write_output(cv_out, out);
    if (rc == 0 && cv_fail_under >= 0) {
      for (const auto& t : r->totals)
        if (t.counts.percent(cv_by_words) < cv_fail_under) {
          std::cerr << "glossa: "
                    << shell::fill(tr("{1} is below {2}%"), t.locale, std::to_string(static_cast<int>(cv_fail_under)))
                    << "\n";
          rc = shell::exit_coverage_below;
        }
    }
  });

  // --- qa ----------------------------------------------------------------------
  std::string qa_locale, qa_doc, qa_format = "text";
  auto* qa_cmd = app.add_subcommand(
      "qa", tr("Check stored translations: placeholders, plurals, bidi, numbers, punctuation, length"));
  qa_cmd->add_option("-l,--locale", qa_locale, tr("Only this locale"));
  qa_cmd->add_option("--document", qa_doc, tr("Only this document"));
  qa_cmd->add_option("--format", qa_format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  qa_cmd->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    auto findings = e->qa(qa_locale, qa_doc);
    if (!findings) {
      rc = fail(findings.err());
      return;
    }
    if (qa_format == "json")
      std::cout << to_json(*findings);
    else
      for (const auto& f : *findings)
        std::cout << f.document << "." << f.field << " [" << f.locale << "] " << to_string(f.severity) << " " << f.check
                  << ": " << f.message << "\n";
    if (has_errors(*findings)) rc = shell::exit_qa_errors;
  });

  // --- serve -------------------------------------------------------------------
  server::options so;
  auto* serve = app.add_subcommand("serve", tr("Serve localized documents over HTTP (JSON API)"));
  serve->add_option("--host", so.host, tr("Address to listen on (default: 127.0.0.1)"));
  serve->add_option("--port", so.port, tr("Port (default: 8080; 0 picks a free one)"));
  serve->add_option("--token-file", so.token_file,
                    tr("File holding the bearer token for writes (default: none, read-only)"));
  serve->add_option("--threads", so.threads, tr("I/O threads (default: 2)"))->check(CLI::Range(1, 64));
  serve->add_option_function<std::string>(
      "--max-body-size",
      [&](const std::string& v) {
        auto bytes = parse_size(v);
        if (!bytes) throw CLI::ValidationError("--max-body-size", tr("a size such as 512M or 2G"));
        so.body_limit = static_cast<std::size_t>(*bytes);
      },
      tr("Largest request body accepted; larger ones get 413 (default: 16M)"));
  serve
      ->add_option("--max-connections", so.max_connections,
                   tr("Connections open at once (default: from the descriptor limit)"))
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
  serve->add_option("--timeout", so.timeout_seconds, tr("Seconds a client may take to send a request (default: 30)"))
      ->check(CLI::Range(1, 3600));
  serve->callback([&] {
    so.db = s.db;
    so.allow_list = s.allow_list;
    so.quiet = s.quiet;
    rc = server::run(so);
  });

  // --- get ---------------------------------------------------------------------
  std::string g_key, g_locale, g_format = "text", g_stale = "fallback";
  std::vector<std::string> g_fallback;
  auto* get = app.add_subcommand("get", tr("Print a document in one locale, with fallback"));
  get->add_option("key", g_key, tr("Document key"))->required();
  std::string g_accept;
  get->add_option("-l,--locale", g_locale, tr("Requested locale (BCP 47)"));
  get->add_option("--accept-language", g_accept,
                  tr("Negotiate the locale from an Accept-Language list (when --locale is not given)"));
  get->add_option("--fallback", g_fallback, tr("Fallback chain after the locale (default: parent locales, then en)"))
      ->delimiter(',');
  get->add_option("--format", g_format, tr("text, json or html (default: text)"))
      ->check(CLI::IsMember({"text", "json", "html"}));
  get->add_option("--stale", g_stale, tr("Stale translations: serve, fallback or hide (default: fallback)"))
      ->check(CLI::IsMember({"serve", "fallback", "hide"}));
  bool g_all_fields = false;
  get->add_flag("--all-fields", g_all_fields, tr("HTML: also the fields readers never see (such as a slug)"));
  get->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    if (g_locale.empty() && g_accept.empty()) {
      rc = fail(error(errc::invalid_argument, "give --locale or --accept-language"));
      return;
    }
    localize_options o;
    o.locale = g_locale;
    o.accept_language = g_accept;
    o.fallback = g_fallback;
    o.stale = *parse_stale_policy(g_stale);
    auto d = e->localize(g_key, o);
    if (!d) {
      rc = fail(d.err());
      return;
    }
    html_options h;
    h.all_fields = g_all_fields;
    std::cout << (g_format == "json" ? to_json(*d) : g_format == "html" ? to_html_page(*d, h) : shell::render_text(*d));
  });

  // --- list ----------------------------------------------------------------------
  std::string l_type, l_format = "text", l_locale;
  auto* list =
      app.add_subcommand("list", tr("List documents (with --locale: localized titles in that locale's order)"));
  list->add_option("--type", l_type, tr("Only documents of this type"));
  list->add_option("-l,--locale", l_locale, tr("Show titles in this locale, sorted by its collation"));
  list->add_option("--format", l_format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  list->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    if (!l_locale.empty()) {
      localize_options o;
      o.locale = l_locale;
      auto docs = e->list_localized(l_type, o);
      if (!docs) {
        rc = fail(docs.err());
        return;
      }
      if (l_format == "json") {
        std::cout << to_json(*docs);
        return;
      }
      for (const auto& d : *docs)
        std::cout << d.key << "\t" << d.title << (d.fallback ? "\t(" + d.lang + ")" : "") << "\n";
      return;
    }
    auto docs = e->storage().list_documents(l_type);
    if (!docs) {
      rc = fail(docs.err());
      return;
    }
    std::cout << (l_format == "json" ? to_json(*docs) : shell::render_text(*docs));
  });

  // --- bundle --------------------------------------------------------------------
  std::string b_locale, b_type, b_out, b_stale = "fallback";
  auto* bundle = app.add_subcommand(
      "bundle", tr("Write every document of a locale as one JSON file (for static site generators)"));
  bundle->add_option("-l,--locale", b_locale, tr("Locale (BCP 47)"))->required();
  bundle->add_option("--type", b_type, tr("Only documents of this type"));
  bundle->add_option("--format", g_format, tr("json (the only format)"))->check(CLI::IsMember({"json"}));
  bundle->add_option("--stale", b_stale, tr("Stale translations: serve, fallback or hide (default: fallback)"))
      ->check(CLI::IsMember({"serve", "fallback", "hide"}));
  bundle->add_option("-o,--output", b_out, tr("Output file (default: standard output)"));
  bundle->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    localize_options o;
    o.locale = b_locale;
    o.stale = *parse_stale_policy(b_stale);
    auto docs = e->bundle(b_type, o);
    if (!docs) {
      rc = fail(docs.err());
      return;
    }
    auto f = formatter::for_locale(b_locale);
    if (!f) {
      rc = fail(f.err());
      return;
    }
    rc = write_output(b_out, to_json(*docs, (*f)->locale(), (*f)->direction()));
  });

  // --- history -------------------------------------------------------------------
  std::string h_key, h_field, h_format = "text";
  auto* history = app.add_subcommand("history", tr("Show every change to a document's source values and translations"));
  history->add_option("key", h_key, tr("Document key"))->required();
  history->add_option("field", h_field, tr("Only this field"));
  history->add_option("--format", h_format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  history->callback([&] {
    auto e = open_engine(s, false);
    if (!e) {
      rc = fail(e.err());
      return;
    }
    auto h = e->history(h_key, h_field);
    if (!h) {
      rc = fail(h.err());
      return;
    }
    std::cout << (h_format == "json" ? to_json(*h) : shell::render_text(*h));
  });

  // Global options (--db, -q) are accepted after the command too: `glossa get X --db f`.
  app.fallthrough();
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    for (auto* leaf : sub->get_subcommands([](CLI::App*) { return true; })) leaf->fallthrough();
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return shell::exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "glossa: internal error: " << e.what() << "\n";
    return shell::exit_internal;
  }
  return rc;
}
