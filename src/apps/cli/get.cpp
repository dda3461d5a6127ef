// glossa get KEY: one document in one locale, with fallback.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/output.hpp"

namespace glossa::cli {

void add_get(CLI::App& parent, context& c) {
  struct options {
    std::string key, locale, accept, format = "text", stale = "fallback";
    std::vector<std::string> fallback;
    bool all_fields = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("get", tr("Print a document in one locale, with fallback"));
  cmd->add_option("key", o->key, tr("Document key"))->required();
  cmd->add_option("-l,--locale", o->locale, tr("Requested locale (BCP 47)"));
  cmd->add_option("--accept-language", o->accept,
                  tr("Negotiate the locale from an Accept-Language list (when --locale is not given)"));
  cmd->add_option("--fallback", o->fallback, tr("Fallback chain after the locale (default: parent locales, then en)"))
      ->delimiter(',');
  cmd->add_option("--format", o->format, tr("text, json or html (default: text)"))
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("--stale", o->stale, tr("Stale translations: serve, fallback or hide (default: fallback)"))
      ->check(CLI::IsMember({"serve", "fallback", "hide"}));
  cmd->add_flag("--all-fields", o->all_fields, tr("HTML: also the fields readers never see (such as a slug)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      if (o->locale.empty() && o->accept.empty())
        return fail(error(errc::invalid_argument, "give --locale or --accept-language"));
      localize_options l;
      l.locale = o->locale;
      l.accept_language = o->accept;
      l.fallback = o->fallback;
      l.stale = *parse_stale_policy(o->stale);
      auto d = e.localize(o->key, l);
      if (!d) return fail(d.err());
      html_options h;
      h.all_fields = o->all_fields;
      std::cout << (o->format == "json"   ? to_json(*d)
                    : o->format == "html" ? to_html_page(*d, h)
                                          : shell::render_text(*d));
      return 0;
    });
  });
}

}  // namespace glossa::cli
