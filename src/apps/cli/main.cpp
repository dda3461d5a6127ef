// glossa: the command-line shell over glossa::core. Each command is a file
// of this folder; this one parses the global options, registers the
// commands and runs the one asked for. Data goes to stdout, messages to
// stderr, errors become exit codes (apps/shell/exit_codes.hpp).
#include <iostream>

#if GLOSSA_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"

using namespace glossa;
using namespace glossa::cli;

namespace {

void add_global_options(CLI::App& app, context& c) {
  app.set_version_flag("--version", std::string("glossa ") + GLOSSA_VERSION_STRING);
  static std::string ui_lang;  // read by shell::init_messages before parsing; listed here for --help
  app.add_option("--ui-lang", ui_lang,
                 tr("Language of Glossa's own messages: ar, en, fr, es (default: $LANGUAGE, $LC_MESSAGES, $LANG)"));
  app.add_option("--db", c.db,
                 tr("Store: an SQLite file, or a postgresql:// URI (default: $GLOSSA_DB, else ./glossa.db)"))
      ->envname("GLOSSA_DB");
  app.add_flag("-q,--quiet", c.quiet, tr("Print no progress or summary messages on stderr"));
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
         "--allow-identical", c.allow_list,
         tr("File of names and terms that stay the same in every language (one per line), for the 'identical' check"))
      ->envname("GLOSSA_QA_ALLOW");
}

CLI::App& group(CLI::App& app, const char* name, const std::string& description) {
  auto* g = app.add_subcommand(name, description);
  g->require_subcommand(1);
  return *g;
}

void add_commands(CLI::App& app, context& c) {
  auto& store_group = group(app, "store", tr("Look after the store itself"));
  add_store_upgrade(store_group, c);
  add_store_copy(store_group, c);
  auto& content = group(app, "content", tr("Import or export source content and translations (JSON)"));
  add_content_import(content, c);
  add_content_export(content, c);
  add_schema_show(group(app, "schema", tr("Show the content schema (document types and fields)")), c);
  add_translation_set(group(app, "translation", tr("Edit translations")), c);
  auto& xliff = group(app, "xliff", tr("Exchange XLIFF files with translators"));
  add_xliff_export(xliff, c);
  add_xliff_import(xliff, c);
  add_xliff_validate(xliff, c);
  add_xliff_undo(xliff, c);
  auto& tm = group(app, "tm", tr("Exchange the translation memory (TMX)"));
  add_tm_export(tm, c);
  add_tm_import(tm, c);
  add_tm_undo(tm, c);
  add_tm_search(tm, c);
  auto& terms = group(app, "terms", tr("Keep the termbase (TBX)"));
  add_terms_import(terms, c);
  add_terms_export(terms, c);
  add_terms_add(terms, c);
  add_terms_list(terms, c);
  add_terms_undo(terms, c);
  add_coverage(app, c);
  add_analyze(app, c);
  add_qa(app, c);
  add_serve(app, c);
  add_get(app, c);
  add_list(app, c);
  add_bundle(app, c);
  add_history(app, c);
  // Global options (--db, -q) are accepted after the command too: `glossa get X --db f`.
  app.fallthrough();
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    for (auto* leaf : sub->get_subcommands([](CLI::App*) { return true; })) leaf->fallthrough();
  }
}

}  // namespace

int main(int argc, char** argv) {
#if GLOSSA_TCMALLOC
  // Give freed spans back at once: an XLIFF import frees its parse (the file
  // and its tree) just before it judges, and tcmalloc would otherwise keep
  // them beside what judging allocates (peak of the 100,000-unit import:
  // 289 MB kept, 246 MB given back, no slower; docs/performance.md).
  MallocExtension::instance()->SetNumericProperty("tcmalloc.aggressive_memory_decommit", 1);
#endif
  shell::init_messages(argc, argv);
  CLI::App app{
      "Glossa: multilingual content and translation management.\n"
      "Stores an organization's pages and job openings with their translations\n"
      "(ar, en, fr, es...), and tells what is missing, stale or unreviewed.",
      "glossa"};
  app.require_subcommand(1);
  context c;
  add_global_options(app, c);
  add_commands(app, c);
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
  return c.rc;
}
