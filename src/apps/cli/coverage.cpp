// glossa coverage: what is missing, stale or unreviewed, per locale, as a
// table, JSON, CSV or the HTML dashboard.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/output.hpp"
#include "core/clock.hpp"

namespace glossa::cli {

namespace {
struct options {
  std::vector<std::string> locales;
  std::string type, by = "locale", format = "table", output;
  double fail_under = -1;
  bool by_words = false;
  std::size_t list_limit = 0;
};

std::string dashboard(const coverage_report& r, const options& o) {
  dashboard_options d;
  d.ui_locale = shell::ui_language();
  d.translate = [](const char* msgid) { return tr(msgid); };
  d.translate_plural = [](const char* one, const char* many, std::size_t n) {
    return shell::ntr_in(shell::ui_language(), one, many, static_cast<long long>(n));
  };
  d.generated_at = detail::utc_now();
  d.list_limit = o.list_limit;
  d.more_hint = tr("List them all with --list-limit 0.");
  return to_html(r, d);
}

// 11 when a locale is below --fail-under (named on stderr), else 0.
int judge(const coverage_report& r, const options& o) {
  int rc = 0;
  if (o.fail_under < 0) return rc;
  for (const auto& t : r.totals)
    if (t.counts.percent(o.by_words) < o.fail_under) {
      std::cerr << "glossa: "
                << shell::fill(tr("{1} is below {2}%"), t.locale, std::to_string(static_cast<int>(o.fail_under)))
                << "\n";
      rc = shell::exit_coverage_below;
    }
  return rc;
}
}  // namespace

void add_coverage(CLI::App& parent, context& c) {
  auto o = std::make_shared<options>();
  auto* cmd =
      parent.add_subcommand("coverage", tr("What is missing, stale or unreviewed, per locale, in units and words"));
  cmd->add_option("-l,--locale", o->locales, tr("Locales to report (default: ar, en, fr, es)"));
  cmd->add_option("--type", o->type, tr("Only documents of this type"));
  cmd->add_option("--by", o->by, tr("Rows per locale, type, document or field (default: locale)"))
      ->check(CLI::IsMember({"locale", "type", "document", "field"}));
  cmd->add_option("--format", o->format,
                  tr("table, json, csv or html (default: table); html is the dashboard, in the --ui-lang language"))
      ->check(CLI::IsMember({"table", "json", "csv", "html"}));
  cmd->add_option("-o,--output", o->output, tr("Output file (default: standard output)"));
  cmd->add_option("--fail-under", o->fail_under, tr("Exit with code 11 when a locale is below this percentage"))
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--by-words", o->by_words, tr("Judge --fail-under by source words instead of units"));
  cmd->add_option("--list-limit", o->list_limit,
                  tr("html: units listed per status and language, the rest counted (default: 0, all)"));
  cmd->callback([&c, o] {
    c.rc = with_engine(c, false, [&](engine& e) -> int {
      coverage_options x;
      x.locales = o->locales;
      x.type = o->type;
      x.by = *parse_coverage_grouping(o->by);
      if (o->format == "html") {  // the dashboard: the document matrix and the lists of what needs work
        x.by = coverage_grouping::document;
        x.list_items = true;
      }
      auto r = e.coverage(x);
      if (!r) return fail(r.err());
      std::string out = o->format == "html"   ? dashboard(*r, *o)
                        : o->format == "json" ? to_json(*r)
                        : o->format == "csv"  ? to_csv(*r)
                                              : shell::render_text(*r);
      int rc = write_output(o->output, out);
      return rc != 0 ? rc : judge(*r, *o);
    });
  });
}

}  // namespace glossa::cli
