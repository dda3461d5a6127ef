// glossa qa: every quality check on the stored translations.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"

namespace glossa::cli {

void add_qa(CLI::App& parent, context& c) {
  struct options {
    std::string locale, document, format = "text";
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand(
      "qa", tr("Check stored translations: placeholders, plurals, bidi, numbers, punctuation, length"));
  cmd->add_option("-l,--locale", o->locale, tr("Only this locale"));
  cmd->add_option("--document", o->document, tr("Only this document"));
  cmd->add_option("--format", o->format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      auto findings = e.qa(o->locale, o->document);
      if (!findings) return fail(findings.err());
      if (o->format == "json")
        std::cout << to_json(*findings);
      else
        for (const auto& f : *findings)
          std::cout << f.document << "." << f.field << " [" << f.locale << "] " << to_string(f.severity) << " "
                    << f.check << ": " << f.message << "\n";
      return has_errors(*findings) ? shell::exit_qa_errors : shell::exit_ok;
    });
  });
}

}  // namespace glossa::cli
