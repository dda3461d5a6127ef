// Use case: a TMX file into the store's imported memory, as a batch, and
// its undo.
#include <algorithm>
#include <unordered_set>

#include "core/clock.hpp"
#include "core/utf8.hpp"
#include "engine/memory.hpp"
#include "engine/write.hpp"
#include "formats/tmx/tmx_reader.hpp"
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"

namespace glossa {

namespace {

// The file's units into each target locale, read before anything is written.
struct read_locale {
  std::string locale;
  tmx::document_in units;
};

// The locales to read: those asked for (configured ones, each once), else
// the working locales (not regional variants) but the file's source language.
result<std::vector<std::string>> target_locales(const std::vector<std::string>& asked, std::string_view source) {
  std::vector<std::string> out;
  if (!asked.empty()) {
    for (const auto& l : asked) {
      auto c = canonical_locale(l);
      if (!c) return c.err();
      if (!locale_config::builtin().find(*c)) return error(errc::unknown_locale, *c + " is not a configured locale");
      if (std::find(out.begin(), out.end(), *c) == out.end()) out.push_back(std::move(*c));
    }
    return out;
  }
  auto source_language = canonical_locale(source);
  for (const auto& s : locale_config::builtin().locales)
    if (s.tag.find('-') == std::string::npos && (!source_language || language_of(*source_language) != s.tag))
      out.push_back(s.tag);
  return out;
}

// What the store takes from a unit: a source language that is a BCP 47
// tag (made canonical), and no control character in its text, which XML
// allows (DEL, U+0080..U+009F) and content import refuses.
status check_unit(tmx::unit_in& u, std::string_view file) {
  location at{std::string(file), static_cast<std::uint32_t>(u.line), 0, {}};
  auto c = canonical_locale(u.source_locale);
  if (!c)
    return error(errc::invalid_content,
                 "the <tu>'s source language \"" + u.source_locale + "\" is not a BCP 47 language tag", at);
  u.source_locale = *c;
  for (const auto* side : {&u.source, &u.target})
    for (const auto& p : *side)
      if (!p.is_code && detail::find_control_character(p.text))
        return error(errc::invalid_content,
                     std::string("a control character in the <tu>'s ") + (side == &u.source ? "source" : "target"), at);
  return {};
}

result<std::vector<read_locale>> read_file(std::string_view bytes, std::string_view file,
                                           const tm_import_options& options, std::string& source_locale) {
  // A first read with no target finds the source language and checks every
  // unit has its source.
  auto first = tmx::read_tmx(bytes, file, "");
  if (!first) return first.err();
  source_locale = first->source_locale;
  auto locales = target_locales(options.locales, source_locale);
  if (!locales) return locales.err();
  std::vector<read_locale> out;
  for (const auto& l : *locales) {
    auto units = tmx::read_tmx(bytes, file, l);
    if (!units) return units.err();
    for (auto& u : units->units)
      if (auto bad = check_unit(u, file); !bad) return bad.err();
    out.push_back({l, std::move(*units)});
  }
  return out;
}

tm_entry_row entry_of(const tmx::unit_in& u, const std::string& locale, const tm_import_options& options,
                      const std::string& now) {
  tm_entry_row e;
  e.source_locale = u.source_locale;
  e.target_locale = locale;
  e.source = detail::encode_tm_text(u.source);
  e.target = detail::encode_tm_text(u.target);
  e.author = u.author.empty() ? options.author : u.author;
  e.changed_at = u.changed_at.empty() ? now : u.changed_at;
  e.pair_key = detail::tm_pair_key(u.source_locale, locale, u.source, u.target);
  return e;
}

}  // namespace

result<tm_import_report> engine::import_tm(std::string_view bytes, std::string_view file,
                                           const tm_import_options& options) {
  tm_import_report report;
  report.file = std::string(file);
  auto read = read_file(bytes, file, options, report.source_locale);
  if (!read) return read.err();
  const std::string now = detail::utc_now();
  status written = store_->transact(!options.dry_run, [&](store_transaction& tx) -> status {
    std::int64_t batch = tx.begin_batch("tm-import", file, options.author);
    for (const auto& [locale, doc] : *read) {
      if (doc.units.empty()) continue;  // the file has no such language
      auto& counts = report.locales.emplace_back();
      counts.locale = locale;
      counts.units = doc.units.size();
      for (const auto& u : doc.units) {
        bool added = tx.insert_tm_entry(entry_of(u, locale, options, now));
        ++(added ? counts.added : counts.duplicates);
      }
      report.added += counts.added;
      report.duplicates += counts.duplicates;
    }
    tx.end_batch(report.added > 0);
    if (report.added > 0 && !options.dry_run) report.batch = batch;
    return {};
  });
  if (!written) return written.err();
  return report;
}

result<tm_undo_report> engine::undo_tm(std::int64_t batch, const std::string& author) {
  auto r = detail::undo_added_rows(*store_, batch, {"tm-import"}, "is not a TMX import", "tm-undo", author,
                                   [](store_transaction& tx, std::int64_t b) { return tx.delete_tm_entries(b); });
  if (!r) return r.err();
  return tm_undo_report{r->first, r->second};
}

}  // namespace glossa
