// Use case: the translation memory into one locale, as TMX 1.4b.
#include <set>

#include "core/clock.hpp"
#include "engine/memory_walk.hpp"
#include "formats/tmx/tmx_writer.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"

namespace glossa {

namespace {

tmx::unit unit_of(detail::memory_entry&& e, const std::string& locale) {
  tmx::unit u;
  u.source_locale = std::move(e.source_locale);
  u.target_locale = locale;
  u.source = std::move(e.source);
  u.target = std::move(e.target);
  u.changed_at = u.created_at = e.changed_at;
  u.author = std::move(e.author);
  if (e.batch) {
    u.props = {{"x-glossa-batch", std::to_string(e.batch)}};
    return u;
  }
  if (e.level == detail::tm_level::sentence) u.segtype = "sentence";
  u.props = {{"x-glossa-document", std::move(e.document)},
             {"x-glossa-field", std::move(e.field)},
             {"x-glossa-level", std::string(to_string(e.level))},
             {"x-glossa-state", std::string(to_string(e.state))}};
  if (e.stale) u.props.emplace_back("x-glossa-stale", "the source has changed since");
  return u;
}

void count(tm_export_summary& s, const detail::memory_entry& e) {
  ++s.units;
  if (e.batch) {
    ++s.imported;
    return;
  }
  s.stale += e.stale;
  ++(e.level == detail::tm_level::field ? s.fields : e.level == detail::tm_level::block ? s.blocks : s.sentences);
}

// The header's srclang: the one source locale of the documents translated
// into `locale` and of the imported entries, or "*all*" (TMX's word for several).
result<std::string> source_language(store& st, const std::string& locale) {
  auto docs = st.list_documents("");
  if (!docs) return docs.err();
  std::set<std::string> sources;
  for (const auto& d : *docs)
    if (d.source_locale != locale) sources.insert(d.source_locale);
  auto read = st.for_each_tm_entry(locale, [&](const tm_entry_row& e) {
    sources.insert(e.source_locale);
    return sources.size() < 2;
  });
  if (!read) return read.err();
  return sources.size() == 1 ? *sources.begin() : std::string("*all*");
}

}  // namespace

result<tm_export_summary> engine::export_tm(const tm_export_options& options, std::ostream& out) {
  auto locale = canonical_locale(options.locale);
  if (!locale) return locale.err();
  auto srclang = source_language(*store_, *locale);
  if (!srclang) return srclang.err();
  tmx::writer w(out, {*srclang, "block", detail::utc_now()});
  tm_export_summary summary;
  auto walked = detail::walk_memory(*store_, *locale, {options.states, options.stale, options.progress},
                                    [&](detail::memory_entry&& e) {
                                      count(summary, e);
                                      w.add(unit_of(std::move(e), *locale));
                                      return static_cast<bool>(out);
                                    });
  if (!walked) return walked.err();
  summary.duplicates = *walked;
  w.finish();
  if (!out) return error(errc::io_error, "cannot write the TMX output");
  return summary;
}

}  // namespace glossa
