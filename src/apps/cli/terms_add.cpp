// glossa terms add SOURCE [TARGET] --target L: one entry into the termbase,
// as a batch of its own (glossa terms undo takes it back).
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/messages.hpp"

namespace glossa::cli {

void add_terms_add(CLI::App& parent, context& c) {
  struct options {
    std::string source_term, target_term, source = "en", target, definition, note, part_of_speech, severity = "warning",
                                          author = "terms";
    std::vector<std::string> admitted, forbidden;
    bool dnt = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("add", tr("Add an entry to the termbase"));
  cmd->add_option("term", o->source_term, tr("The source term"))->required();
  cmd->add_option("translation", o->target_term, tr("Its preferred translation"));
  cmd->add_option("--source", o->source, tr("Source locale (default: en)"));
  cmd->add_option("--target", o->target, tr("Target locale"))->required();
  cmd->add_option("--admitted", o->admitted, tr("A translation that may be used too (repeatable)"));
  cmd->add_option("--forbidden", o->forbidden, tr("A translation not to use (repeatable)"));
  cmd->add_option("--severity", o->severity,
                  tr("A forbidden term found in a translation is a warning or an error (default: warning)"))
      ->check(CLI::IsMember({"warning", "error"}));
  cmd->add_flag("--do-not-translate", o->dnt, tr("The term stays as it is in translations"));
  cmd->add_option("--definition", o->definition, tr("What the term means"));
  cmd->add_option("--note", o->note, tr("A note for translators"));
  cmd->add_option("--part-of-speech", o->part_of_speech, tr("noun, verb, adjective, adverb or other"))
      ->check(CLI::IsMember({"noun", "verb", "adjective", "adverb", "other"}));
  cmd->add_option("--author", o->author, tr("Author of the batch (default: terms)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, true, [&](engine& e) -> int {
      term_entry x;
      x.source_locale = o->source;
      x.target_locale = o->target;
      x.source.push_back({o->source_term, term_status::preferred, false, o->part_of_speech, {}});
      if (!o->target_term.empty()) x.target.push_back({o->target_term, term_status::preferred, false, {}, {}});
      for (const auto& a : o->admitted) x.target.push_back({a, term_status::admitted, false, {}, {}});
      for (const auto& f : o->forbidden)
        x.target.push_back({f, term_status::forbidden, o->severity == "error", {}, {}});
      x.do_not_translate = o->dnt;
      x.definition = o->definition;
      x.note = o->note;
      auto r = e.add_terms({x}, o->author);
      if (!r) return fail(r.err());
      std::cout << (r->added ? tr("entry added") : tr("the termbase has this entry already"));
      if (r->batch) std::cout << "; " << shell::fill(tr("batch {1}"), std::to_string(r->batch));
      std::cout << "\n";
      return 0;
    });
  });
}

}  // namespace glossa::cli
