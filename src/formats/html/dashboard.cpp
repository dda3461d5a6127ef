// The coverage dashboard: one self-contained HTML page (inline CSS, no
// script, nothing fetched), in the UI language, right-to-left for Arabic.
// Layout uses logical CSS properties only, so one stylesheet serves both
// directions. Strings are English msgids marked N_() for the catalogs.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "formats/html/escape.hpp"
#include "glossa/coverage.hpp"
#include "glossa/format.hpp"

#define N_(s) s
// A plural pair for the catalogs (xgettext --keyword=NP_:1,2).
#define NP_(singular, plural) singular, plural

namespace glossa {

namespace {

// Whitespace runs (left where codes were) become one space.
std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (ws) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// An id fragment from a key: keys are [a-z0-9._-], locales [A-Za-z0-9-].
std::string anchor(std::string_view a, std::string_view b = {}) {
  std::string out(a);
  if (!b.empty()) out += "--" + std::string(b);
  return out;
}

constexpr const char* style = R"(
:root { --missing:#c0392b; --stale:#e67e22; --new:#8e9eb5; --translated:#82c785; --reviewed:#3d9a5b; --final:#1e6b3c; --source:#d5d8dc; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif; margin: 0; color: #1c2833; background: #fbfcfc; line-height: 1.45; }
header, main, footer { padding-inline: 1.5rem; max-width: 80rem; margin-inline: auto; }
header { padding-block: 1rem 0.5rem; border-block-end: 1px solid #d5d8dc; }
h1 { margin: 0 0 0.25rem; font-size: 1.6rem; }
h2 { margin-block: 1.75rem 0.75rem; font-size: 1.25rem; }
nav a { margin-inline-end: 1rem; }
.locales { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }
.locale { background: #fff; border: 1px solid #d5d8dc; border-radius: 6px; padding: 0.75rem 1rem; }
.locale h3 { margin: 0 0 0.5rem; font-size: 1.05rem; display: flex; justify-content: space-between; }
.percent { font-variant-numeric: tabular-nums; }
.bar { display: flex; height: 1.1rem; border-radius: 4px; overflow: hidden; background: #eaeded; }
.bar span { display: block; height: 100%; }
.s-missing { background: var(--missing); } .s-stale { background: var(--stale); } .s-new { background: var(--new); }
.s-translated { background: var(--translated); } .s-reviewed { background: var(--reviewed); } .s-final { background: var(--final); }
.s-source { background: var(--source); }
.figures { margin: 0.5rem 0 0; font-size: 0.9rem; color: #424949; }
.counts { margin-block-start: 0.4rem; font-size: 0.85rem; border-collapse: collapse; width: 100%; }
.counts td, .counts th { padding: 0.1rem 0.3rem; text-align: end; font-variant-numeric: tabular-nums; }
.counts th { text-align: start; font-weight: normal; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; margin-block: 0.75rem; font-size: 0.85rem; padding: 0; list-style: none; }
.legend li::before { content: ""; display: inline-block; inline-size: 0.8rem; block-size: 0.8rem; margin-inline-end: 0.3rem; border-radius: 2px; background: var(--c); vertical-align: -0.1rem; }
table.matrix { border-collapse: collapse; background: #fff; font-size: 0.9rem; }
.matrix th, .matrix td { border: 1px solid #d5d8dc; padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
.matrix td.cell { text-align: center; min-inline-size: 6.5rem; font-variant-numeric: tabular-nums; }
.matrix td.cell a { color: inherit; }
.matrix small, .items small { color: #566573; }
.work { background: #fff; border-collapse: collapse; font-size: 0.9rem; inline-size: 100%; }
.work th, .work td { border-block-end: 1px solid #eaeded; padding: 0.35rem 0.5rem; text-align: start; vertical-align: top; }
.work td.source { max-inline-size: 40rem; }
.tag { display: inline-block; padding: 0 0.4rem; border-radius: 3px; color: #fff; font-size: 0.8rem; }
:target { outline: 3px solid #2e86c1; }
footer { padding-block: 2rem; color: #566573; font-size: 0.85rem; }
)";

}  // namespace

std::string to_html(const coverage_report& report, const dashboard_options& options) {
  auto t = [&](const char* msgid) { return options.translate ? options.translate(msgid) : std::string(msgid); };
  auto tn = [&](const char* singular, const char* plural, std::size_t n) {
    return options.translate_plural ? options.translate_plural(singular, plural, n)
                                    : std::string(n == 1 ? singular : plural);
  };
  auto fmt = formatter::for_locale(options.ui_locale);
  std::shared_ptr<const formatter> f = fmt ? *fmt : *formatter::for_locale("en");
  auto num = [&](std::size_t n) {
    auto r = f->number(std::to_string(n));
    return r ? *r : std::to_string(n);
  };
  // Percents as CLDR rounds them, except that nothing short of complete
  // shows 100 and nothing above zero shows 0.
  auto pct = [&](double p) {
    double shown = p > 0 && p < 0.5 ? 1 : p < 100 && p >= 99.5 ? 99 : p;
    return f->percent(shown / 100);
  };
  auto fill = [](std::string s, const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string key = "{" + std::to_string(i + 1) + "}";
      if (auto at = s.find(key); at != std::string::npos) s.replace(at, key.size(), args[i]);
    }
    return s;
  };
  auto lang_name = [&](const std::string& tag) { return f->language_name(tag); };
  const char* status_labels[unit_status_count] = {N_("missing"),  N_("stale"), N_("new"),   N_("translated"),
                                                  N_("reviewed"), N_("final"), N_("source")};
  auto label = [&](unit_status s) { return t(status_labels[static_cast<std::size_t>(s)]); };
  // "4 missing" with the plural (and, in French, the gender of "unités") of its count.
  const char* counted_forms[unit_status_count][2] = {{NP_("{1} missing", "{1} missing")},
                                                     {NP_("{1} stale", "{1} stale")},
                                                     {NP_("{1} new", "{1} new")},
                                                     {NP_("{1} translated", "{1} translated")},
                                                     {NP_("{1} reviewed", "{1} reviewed")},
                                                     {NP_("{1} final", "{1} final")},
                                                     {NP_("{1} in the source language", "{1} in the source language")}};
  auto counted = [&](unit_status s, std::size_t n) {
    const auto& forms = counted_forms[static_cast<std::size_t>(s)];
    return fill(tn(forms[0], forms[1], n), {num(n)});
  };
  std::string dir(to_string(f->direction()));

  // Units needing work per (document, locale) and status, for the matrix links.
  std::map<std::pair<std::string, std::string>, std::array<std::size_t, unit_status_count>> todo;
  for (const auto& it : report.items) todo[{it.document, it.locale}][static_cast<std::size_t>(it.status)]++;
  // The items each work list shows (the first list_limit per status and
  // language), and so which matrix links have a row to go to.
  std::map<std::pair<unit_status, std::string>, std::vector<const coverage_item*>> lists;
  std::map<std::pair<unit_status, std::string>, std::size_t> list_sizes;  // before the limit
  std::set<std::string> listed;  // anchor ids of listed (status, document, locale)
  for (const auto& it : report.items) {
    if (it.status != unit_status::missing && it.status != unit_status::stale && it.status != unit_status::fresh)
      continue;
    auto& list = lists[{it.status, it.locale}];
    ++list_sizes[{it.status, it.locale}];
    if (options.list_limit && list.size() >= options.list_limit) continue;
    list.push_back(&it);
    listed.insert(std::string(to_string(it.status)) + "-" + anchor(it.document, it.locale));
  }

  std::string out;
  out.reserve(64 * 1024 + report.items.size() * 256);
  out += "<!DOCTYPE html>\n<html lang=\"" + detail::html_escape(f->locale()) + "\" dir=\"" + dir +
         "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + detail::html_escape(t(N_("Translation coverage"))) + "</title>\n<style>" + style +
         "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + detail::html_escape(t(N_("Translation coverage"))) + "</h1>\n<p>" +
         detail::html_escape(fill(
             t(N_("{1} in {2}")),
             {fill(tn(NP_("{1} document", "{1} documents"), report.titles.size()), {num(report.titles.size())}),
              fill(tn(NP_("{1} language", "{1} languages"), report.locales.size()), {num(report.locales.size())})})) +
         "</p>\n";
  out += "<nav><a href=\"#summary\">" + detail::html_escape(t(N_("By language"))) + "</a><a href=\"#matrix\">" +
         detail::html_escape(t(N_("Documents by language"))) + "</a>";
  out += "<a href=\"#list-missing\">" + detail::html_escape(t(N_("Missing"))) + "</a><a href=\"#list-stale\">" +
         detail::html_escape(t(N_("Stale"))) + "</a><a href=\"#list-new\">" + detail::html_escape(t(N_("New"))) +
         "</a>";
  out += "</nav>\n</header>\n<main>\n";

  // Per-locale summary with a bar split by status.
  out += "<section id=\"summary\">\n<h2>" + detail::html_escape(t(N_("By language"))) + "</h2>\n<ul class=\"legend\">";
  for (std::size_t i = 0; i < unit_status_count; ++i) {
    std::string name(to_string(static_cast<unit_status>(i)));
    out +=
        "<li style=\"--c: var(--" + name + ")\">" + detail::html_escape(label(static_cast<unit_status>(i))) + "</li>";
  }
  out += "</ul>\n<div class=\"locales\">\n";
  for (const auto& row : report.totals) {
    const auto& c = row.counts;
    std::size_t total = c.total_units();
    out += "<div class=\"locale\" id=\"locale-" + detail::html_escape(row.locale) + "\" data-locale=\"" +
           detail::html_escape(row.locale) + "\" data-percent=\"" + std::to_string(std::floor(c.percent() * 10) / 10) +
           "\">\n";
    out += "<h3><span><bdi>" + detail::html_escape(lang_name(row.locale)) + "</bdi> <small dir=\"ltr\">" +
           detail::html_escape(row.locale) + "</small></span><span class=\"percent\">" +
           detail::html_escape(pct(c.percent())) + "</span></h3>\n";
    out += "<div class=\"bar\" role=\"img\" aria-label=\"" +
           detail::html_escape(fill(t(N_("{1} done")), {pct(c.percent())})) + "\">";
    for (std::size_t i = 0; i < unit_status_count; ++i) {
      if (c.units[i] == 0 || total == 0) continue;
      std::string name(to_string(static_cast<unit_status>(i)));
      char width[32];
      std::snprintf(width, sizeof width, "%.3f", 100.0 * static_cast<double>(c.units[i]) / static_cast<double>(total));
      out += "<span class=\"s-" + name + "\" data-status=\"" + name + "\" style=\"inline-size:" + width +
             "%\" title=\"" + detail::html_escape(counted(static_cast<unit_status>(i), c.units[i])) + "\"></span>";
    }
    std::size_t done = total - c.units[0] - c.units[1] - c.units[2];
    std::size_t done_words = c.total_words() - c.words[0] - c.words[1] - c.words[2];
    std::string units_done =
        fill(tn(NP_("{1} of {2} units done", "{1} of {2} units done"), done), {num(done), num(total)});
    std::string words_done = fill(tn(NP_("{1} of {2} words done", "{1} of {2} words done"), done_words),
                                  {num(done_words), num(c.total_words())});
    std::string fallback =
        fill(tn(NP_("{1} read in another language", "{1} read in another language"), c.fallback_units()),
             {num(c.fallback_units())});
    out += "</div>\n<p class=\"figures\">" +
           detail::html_escape(fill(t(N_("{1}; {2}")), {fill(t(N_("{1}, {2}")), {units_done, words_done}), fallback})) +
           "</p>\n";
    out += "<table class=\"counts\"><tr><th></th><th>" + detail::html_escape(t(N_("units"))) + "</th><th>" +
           detail::html_escape(t(N_("words"))) + "</th></tr>";
    for (std::size_t i = 0; i < unit_status_count; ++i) {
      if (c.units[i] == 0) continue;
      auto s = static_cast<unit_status>(i);
      std::string cell = detail::html_escape(label(s));
      if (s == unit_status::missing || s == unit_status::stale || s == unit_status::fresh)
        cell = "<a href=\"#list-" + std::string(to_string(s)) + "-" + detail::html_escape(row.locale) + "\">" + cell +
               "</a>";
      out += "<tr data-status=\"" + std::string(to_string(s)) + "\"><th>" + cell + "</th><td>" + num(c.units[i]) +
             "</td><td>" + num(c.words[i]) + "</td></tr>";
    }
    out += "</table>\n</div>\n";
  }
  out += "</div>\n</section>\n";

  // The document x locale matrix.
  out += "<section id=\"matrix\">\n<h2>" + detail::html_escape(t(N_("Documents by language"))) +
         "</h2>\n<table class=\"matrix\">\n<thead><tr><th>" + detail::html_escape(t(N_("Document"))) + "</th>";
  for (const auto& l : report.locales) out += "<th><bdi>" + detail::html_escape(lang_name(l)) + "</bdi></th>";
  out += "</tr></thead>\n<tbody>\n";
  std::map<std::string, const coverage_report::title*> titles;
  std::vector<std::string> order;
  for (const auto& title : report.titles) {
    order.push_back(title.document);
    titles[title.document] = &title;
  }
  std::map<std::pair<std::string, std::string>, const coverage_row*> cells;
  for (const auto& r : report.rows) cells[{r.group, r.locale}] = &r;
  for (const auto& key : order) {
    out += "<tr id=\"doc-" + detail::html_escape(anchor(key)) + "\" data-document=\"" + detail::html_escape(key) +
           "\"><th><span dir=\"ltr\">" + detail::html_escape(key) + "</span>";
    if (!titles[key]->text.empty())
      out += "<br><small lang=\"" + detail::html_escape(titles[key]->locale) + "\" dir=\"auto\">" +
             detail::html_escape(titles[key]->text) + "</small>";
    out += "</th>";
    for (const auto& l : report.locales) {
      auto it = cells.find({key, l});
      if (it == cells.end()) {
        out += "<td class=\"cell\"></td>";
        continue;
      }
      const auto& c = it->second->counts;
      double p = c.percent();
      std::size_t done = c.total_units() - c.units[0] - c.units[1] - c.units[2];
      // Red (0%) through amber to green (100%); text stays dark on every shade.
      int hue = static_cast<int>(p * 1.2);
      out += "<td class=\"cell\" data-locale=\"" + detail::html_escape(l) + "\" data-percent=\"" +
             std::to_string(std::floor(p * 10) / 10) + "\" style=\"background:hsl(" + std::to_string(hue) +
             ",65%,80%)\"><span class=\"percent\">" + detail::html_escape(pct(p)) + "</span><br><small>" + num(done) +
             "/" + num(c.total_units()) + "</small>";
      auto td = todo.find({key, l});
      if (td != todo.end())
        for (auto s : {unit_status::missing, unit_status::stale, unit_status::fresh}) {
          auto n = td->second[static_cast<std::size_t>(s)];
          if (!n) continue;
          std::string id = std::string(to_string(s)) + "-" + anchor(key, l);
          if (!listed.count(id)) id = "list-" + std::string(to_string(s)) + "-" + l;  // past the list's limit
          out += "<br><a href=\"#" + detail::html_escape(id) + "\">" + detail::html_escape(counted(s, n)) + "</a>";
        }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</section>\n";

  // Lists of what needs work, per status, then locale, then document.
  const std::map<unit_status, const char*> headings{{unit_status::missing, N_("Missing translations")},
                                                    {unit_status::stale, N_("Stale translations (the source changed)")},
                                                    {unit_status::fresh, N_("New translations, not yet translated")}};
  for (auto s : {unit_status::missing, unit_status::stale, unit_status::fresh}) {
    std::string name(to_string(s));
    out +=
        "<section id=\"list-" + name + "\" class=\"items\">\n<h2>" + detail::html_escape(t(headings.at(s))) + "</h2>\n";
    bool any = false;
    for (const auto& l : report.locales) {
      const auto& list = lists[{s, l}];
      if (list.empty()) continue;
      any = true;
      std::size_t all = list_sizes[{s, l}];
      out += "<h3 id=\"list-" + name + "-" + detail::html_escape(l) + "\"><bdi>" + detail::html_escape(lang_name(l)) +
             "</bdi> (" + num(all) + ")</h3>\n";
      out += "<table class=\"work\" data-status=\"" + name + "\" data-locale=\"" + detail::html_escape(l) +
             "\">\n<thead><tr><th>" + detail::html_escape(t(N_("Document"))) + "</th><th>" +
             detail::html_escape(t(N_("Field"))) + "</th><th>" + detail::html_escape(t(N_("words"))) + "</th><th>" +
             detail::html_escape(t(N_("Source text"))) + "</th></tr></thead>\n<tbody>\n";
      std::string previous;
      for (const auto* it : list) {
        std::string id;
        if (it->document != previous) id = " id=\"" + name + "-" + detail::html_escape(anchor(it->document, l)) + "\"";
        previous = it->document;
        out += "<tr" + id + " data-document=\"" + detail::html_escape(it->document) + "\" data-field=\"" +
               detail::html_escape(it->field) + "\"><td><a href=\"#doc-" + detail::html_escape(anchor(it->document)) +
               "\" dir=\"ltr\">" + detail::html_escape(it->document) + "</a></td><td dir=\"ltr\">" +
               detail::html_escape(it->field) + "</td><td>" + num(it->words) + "</td><td class=\"source\" lang=\"" +
               detail::html_escape(it->source_locale) + "\" dir=\"auto\">" + detail::html_escape(collapse(it->source)) +
               "</td></tr>\n";
      }
      out += "</tbody>\n</table>\n";
      if (all > list.size())
        out +=
            "<p class=\"more\" data-status=\"" + name + "\" data-locale=\"" + detail::html_escape(l) + "\">" +
            detail::html_escape(fill(
                tn(NP_("{1} more unit is not listed here.", "{1} more units are not listed here."), all - list.size()),
                {num(all - list.size())})) +
            (options.more_hint.empty() ? "" : " " + detail::html_escape(options.more_hint)) + "</p>\n";
    }
    if (!any) out += "<p>" + detail::html_escape(t(N_("Nothing here."))) + "</p>\n";
    out += "</section>\n";
  }
  out += "</main>\n<footer>" + detail::html_escape(t(N_("Generated by Glossa")));
  if (!options.generated_at.empty())
    out += " <span dir=\"ltr\">" + detail::html_escape(options.generated_at) + "</span>";
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace glossa
