// glossa translation set KEY FIELD LOCALE TEXT: sets one translation.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/files.hpp"

namespace glossa::cli {

void add_translation_set(CLI::App& parent, context& c) {
  struct options {
    std::string key, field, locale, text, state = "translated", author = "glossa";
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("set", tr("Set one field's translation into one locale"));
  cmd->add_option("key", o->key, tr("Document key"))->required();
  cmd->add_option("field", o->field, tr("Field name"))->required();
  cmd->add_option("locale", o->locale, tr("Locale (BCP 47, e.g. fr, ar, es-MX)"))->required();
  cmd->add_option("text", o->text, tr("Translated text ('-' reads it from standard input)"))->required();
  cmd->add_option("--state", o->state, tr("new, translated, reviewed or final (default: translated)"))
      ->check(CLI::IsMember({"new", "translated", "reviewed", "final"}));
  cmd->add_option("--author", o->author, tr("Author recorded in history (default: glossa)"));
  cmd->callback([&c, o] {
    if (o->text == "-") {
      auto in = shell::read_input("-");
      if (!in) {
        c.rc = fail(in.err());
        return;
      }
      o->text = std::move(*in);
      while (!o->text.empty() && o->text.back() == '\n') o->text.pop_back();
    }
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      write_options w;
      w.author = o->author;
      w.origin = "manual";
      auto r = e.set_translation(o->key, o->field, o->locale, o->text, *parse_translation_state(o->state), w);
      if (!r) return fail(r.err());
      print_warnings(r->warnings, c.quiet);
      if (!c.quiet)
        std::cerr << (r->changed() ? tr("translation saved")
                                   : tr("unchanged: the store already holds this translation"))
                  << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
