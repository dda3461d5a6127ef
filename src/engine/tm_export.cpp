// Use case: the translation memory into one locale, as TMX 1.4b.
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/clock.hpp"
#include "engine/memory.hpp"
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

bool is_variant(const detail::memory_entry& e) { return !e.batch && e.field.find(':') != std::string::npos; }

// The message a variant belongs to: its document and field, without the variant.
std::string message_of(const detail::memory_entry& e) {
  return e.document + '\x1F' + e.field.substr(0, e.field.find(':'));
}

// For a CAT tool: the messages one of whose variants has a source that
// another target translates too ("# posts are open" is the zero, two, few,
// many and other forms in Arabic). A tool given one source inserts one
// target, the wrong form for the others, and a message is imported whole:
// such messages are left out of its TMX, for the translator to do (their
// matches, each variant's own first, are in Glossa's XLIFF).
result<std::unordered_set<std::string>> ambiguous_messages(store& st, const std::string& locale,
                                                           const tm_export_options& o) {
  std::unordered_map<std::string, std::string> target_of;                 // source key -> target key
  std::unordered_map<std::string, std::vector<std::string>> messages_of;  // source key -> messages
  std::unordered_set<std::string> out;
  auto walked = detail::walk_memory(st, locale, {o.states, o.stale, {}}, [&](detail::memory_entry&& e) {
    if (!is_variant(e)) return true;
    auto key = detail::tm_content_key(e.source);
    auto target = detail::tm_content_key(e.target);
    auto [it, added] = target_of.try_emplace(key, target);
    if (!added && it->second != target) it->second.clear();  // several targets
    messages_of[key].push_back(message_of(e));
    return true;
  });
  if (!walked) return walked.err();
  for (const auto& [key, target] : target_of)
    if (target.empty())
      for (const auto& m : messages_of[key]) out.insert(m);
  return out;
}

}  // namespace

result<tm_export_summary> engine::export_tm(const tm_export_options& options, std::ostream& out) {
  auto locale = canonical_locale(options.locale);
  if (!locale) return locale.err();
  auto srclang = source_language(*store_, *locale);
  if (!srclang) return srclang.err();
  tmx::writer w(out, {*srclang, "block", detail::utc_now(), options.xliff_codes});
  std::unordered_set<std::string> ambiguous;
  if (options.xliff_codes) {
    auto found = ambiguous_messages(*store_, *locale, options);
    if (!found) return found.err();
    ambiguous = std::move(*found);
  }
  tm_export_summary summary;
  auto walked = detail::walk_memory(*store_, *locale, {options.states, options.stale, options.progress},
                                    [&](detail::memory_entry&& e) {
                                      if (!ambiguous.empty() && is_variant(e) && ambiguous.count(message_of(e))) {
                                        ++summary.ambiguous;
                                        return true;
                                      }
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
