// Use case: fuzzy look-ups in the translation memory into one locale.
#include "core/utf8.hpp"
#include "engine/tm_matcher.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"

namespace glossa {

namespace {

status check(const tm_search_options& o) {
  if (auto bounds = detail::check_match_bounds(o.min_score, o.limit); !bounds) return bounds;
  for (std::size_t i = 0; i < o.queries.size(); ++i) {
    const auto& q = o.queries[i];
    std::string which = "query " + std::to_string(i + 1);
    if (detail::find_invalid_utf8(q)) return error(errc::invalid_argument, which + " is not valid UTF-8");
    if (q.find_first_not_of(" \t\r\n") == std::string::npos) return error(errc::invalid_argument, which + " is empty");
  }
  return {};
}

tm_match match_of(detail::memory_entry&& e, double score) {
  tm_match m;
  m.score = score;
  m.source = detail::plain_text(e.source);
  m.target = detail::plain_text(e.target);
  m.source_locale = std::move(e.source_locale);
  if (!e.batch) {
    m.level = std::string(to_string(e.level));
    m.state = std::string(to_string(e.state));
  }
  m.document = std::move(e.document);
  m.field = std::move(e.field);
  m.stale = e.stale;
  m.batch = e.batch;
  m.author = std::move(e.author);
  m.changed_at = std::move(e.changed_at);
  return m;
}

}  // namespace

result<tm_search_report> engine::search_tm(const tm_search_options& options) {
  auto locale = canonical_locale(options.locale);
  if (!locale) return locale.err();
  auto source_locale = canonical_locale(options.source_locale);
  if (!source_locale) return source_locale.err();
  if (auto ok = check(options); !ok) return ok.err();
  detail::tm_matcher matcher(*source_locale);
  auto walked = detail::walk_memory(*store_, *locale, {options.states, options.stale, {}, false, true},
                                    [&](detail::memory_entry&& e) {
                                      matcher.add(std::move(e));
                                      return true;
                                    });
  if (!walked) return walked.err();
  matcher.finish();
  tm_search_report report{*locale, *source_locale, matcher.size(), matcher.text_bytes(), matcher.index_bytes(), {}};
  for (const auto& q : options.queries) {
    xliff::content query{xliff::part{false, q, {}}};
    tm_search_result r{q, {}};
    for (const auto& f : matcher.find(query, options.min_score, options.limit))
      r.matches.push_back(match_of(matcher.entry(f.entry), f.score));
    report.results.push_back(std::move(r));
  }
  return report;
}

}  // namespace glossa
