#include "apps/shell/output.hpp"

#include <algorithm>

#include "apps/shell/messages.hpp"

#define N_(s) s  // marked for the catalogs (locales/update-pot.sh)

namespace glossa::shell {

namespace {
std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}
// One line per value: newlines in text are shown as spaces.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}
}  // namespace

std::string render_text(const localized_document& doc) {
  std::string out =
      doc.key + " (" + doc.type + ") in " + doc.requested_locale + ", " + std::string(to_string(doc.dir)) + "\n";
  std::size_t width = 0;
  for (const auto& f : doc.fields) width = std::max(width, f.name.size());
  for (const auto& f : doc.fields) {
    std::string tag;
    if (!f.translatable)
      tag = "";
    else if (f.hidden)
      tag = "[" + f.locale + " stale, hidden]";
    else if (f.fallback)
      tag = "[" + f.locale + " fallback: " + (f.fallback_reason.empty() ? "missing" : f.fallback_reason) + "]";
    else if (f.stale)
      tag = "[" + f.locale + " STALE]";
    else
      tag = "[" + f.locale + "]";
    out += "  " + pad(f.name, width + 1) + pad(tag, 22) + (f.hidden ? "" : one_line(f.formatted)) + "\n";
  }
  return out;
}

std::string render_text(const write_report& r) {
  std::string out = std::to_string(r.documents.size()) + " documents: " + std::to_string(r.created) + " created, " +
                    std::to_string(r.updated) + " updated, " + std::to_string(r.unchanged) + " unchanged\n";
  if (!r.changed()) {
    out += r.dry_run ? "dry run: nothing would change\n" : "nothing changed: the store already holds this content\n";
  } else {
    out += std::string(r.dry_run ? "dry run, nothing written; would change " : "changed ") +
           std::to_string(r.fields_changed) + " source values and " + std::to_string(r.translations_changed) +
           " translations\n";
  }
  return out;
}

std::string render_text(const std::vector<history_entry>& entries) {
  std::string out;
  for (const auto& h : entries) {
    out += "#" + std::to_string(h.id) + " " + h.at + " " + h.field + " " + (h.locale.empty() ? "source" : h.locale) +
           " " + h.action + " by " + h.author + " (" + h.origin + ")";
    if (h.new_state) {
      out += " state ";
      if (h.old_state) out += std::string(to_string(*h.old_state)) + " -> ";
      out += to_string(*h.new_state);
    }
    out += " rev " + (h.old_revision ? *h.old_revision + " -> " : std::string()) + h.new_revision + "\n";
    if (h.old_text) out += "    - " + one_line(*h.old_text) + "\n";
    out += "    + " + one_line(h.new_text) + "\n";
  }
  if (entries.empty()) out = "no history\n";
  return out;
}

std::string render_text(const std::vector<document_summary>& documents) {
  std::string out;
  for (const auto& d : documents)
    out += pad(d.key, 24) + pad(d.type, 14) + d.source_locale + "  " + d.updated_at + "\n";
  return out;
}

std::string render_text(const xliff_import_report& r) {
  std::string out;
  for (const auto& w : r.warnings) out += r.file + ": warning: " + w + "\n";
  for (const auto& u : r.units) {
    if (u.outcome == unit_outcome::applied || u.outcome == unit_outcome::unchanged ||
        u.outcome == unit_outcome::untranslated || u.outcome == unit_outcome::prefilled)
      continue;
    out += r.file + ":" + std::to_string(u.line) + ": " + u.id + ": " + std::string(to_string(u.outcome));
    if (u.reason != unit_reason::none) out += " [" + u.code() + "]";
    if (!u.message.empty()) out += ": " + u.message;
    out += "\n";
  }
  for (const auto& u : r.units)
    for (const auto& w : u.warnings)
      out += r.file + ":" + std::to_string(u.line) + ": " + u.id + ": warning [" + w.check + "]: " + w.message + "\n";
  out += r.file + " (XLIFF " + r.version + ", " + r.locale + "):";
  for (auto o : {unit_outcome::applied, unit_outcome::unchanged, unit_outcome::stale, unit_outcome::untranslated,
                 unit_outcome::prefilled, unit_outcome::refused, unit_outcome::protected_, unit_outcome::unknown})
    if (auto n = r.count(o)) out += " " + std::to_string(n) + " " + std::string(to_string(o));
  if (r.units.empty()) out += " no units";
  out += r.batch ? "; batch " + std::to_string(r.batch) + " (undo with: glossa xliff undo " + std::to_string(r.batch) +
                       ")\n"
                 : "; nothing written\n";
  return out;
}

std::string render_text(const coverage_report& r) {
  // Columns padded by code points, so Arabic or accented group names keep the table aligned.
  auto cell = [](const std::string& v, std::size_t width, bool right) {
    std::size_t cps = 0;
    for (unsigned char c : v) cps += (c & 0xC0) != 0x80;
    std::string pad(width > cps ? width - cps : 0, ' ');
    return right ? pad + v : v + pad;
  };
  std::size_t gw = 5;
  for (const auto& row : r.rows) gw = std::max(gw, row.group.size());
  // Headings in the UI language; the column widths fit the longest of them.
  const char* status_names[unit_status_count] = {N_("missing"),  N_("stale"), N_("new"),   N_("translated"),
                                                 N_("reviewed"), N_("final"), N_("source")};
  std::vector<std::string> heads{tr(N_("group")), tr(N_("locale")), tr(N_("units")),
                                 tr(N_("words")), tr(N_("done%")),  tr(N_("words%"))};
  for (const char* s : status_names) heads.push_back(tr(s));
  heads.push_back(tr(N_("fallback")));
  auto width = [&](std::size_t i, std::size_t at_least) {
    std::size_t cps = 0;
    for (unsigned char c : heads[i]) cps += (c & 0xC0) != 0x80;
    return std::max(at_least, cps + 2);
  };
  gw = std::max(gw, width(0, 0) - 2);
  std::vector<std::size_t> w{gw, width(1, 6), width(2, 7), width(3, 8), width(4, 8), width(5, 8)};
  for (std::size_t i = 0; i < unit_status_count; ++i) w.push_back(width(6 + i, 11));
  w.push_back(width(6 + unit_status_count, 10));
  std::string out = cell(heads[0], w[0], false) + "  " + cell(heads[1], w[1], false);
  for (std::size_t i = 2; i < heads.size(); ++i) out += cell(heads[i], w[i], true);
  out += "\n";
  auto line = [&](const coverage_row& row) {
    char p1[32], p2[32];
    std::snprintf(p1, sizeof p1, "%.1f", row.counts.percent());
    std::snprintf(p2, sizeof p2, "%.1f", row.counts.percent(true));
    out += cell(row.group.empty() ? tr(N_("(all)")) : row.group, w[0], false) + "  " + cell(row.locale, w[1], false) +
           cell(std::to_string(row.counts.total_units()), w[2], true) +
           cell(std::to_string(row.counts.total_words()), w[3], true) + cell(p1, w[4], true) + cell(p2, w[5], true);
    for (std::size_t i = 0; i < unit_status_count; ++i)
      out += cell(std::to_string(row.counts.units[i]), w[6 + i], true);
    out += cell(std::to_string(row.counts.fallback_units()), w.back(), true) + "\n";
  };
  for (const auto& row : r.totals) line(row);
  for (const auto& row : r.rows) line(row);
  return out;
}

}  // namespace glossa::shell
