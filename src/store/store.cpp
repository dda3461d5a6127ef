// The store factory: one place that knows which backends exist.
#include "glossa/store.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "store/postgresql/pg_store.hpp"
#include "store/restored_schema.hpp"
#include "store/shared_rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace glossa {

namespace detail {
// The content schema among meta rows a copy restores, if any.
std::optional<content_schema> schema_in(const table_chunk& meta) {
  std::size_t key = meta.columns.size(), value = meta.columns.size();
  for (std::size_t c = 0; c < meta.columns.size(); ++c) {
    if (meta.columns[c] == "key") key = c;
    if (meta.columns[c] == "value") value = c;
  }
  if (key == meta.columns.size() || value == meta.columns.size()) return std::nullopt;
  for (const auto& row : meta.rows)
    if (row[key] == "content_schema" && row[value])
      if (auto s = content_schema::parse(*row[value], "store:content_schema")) return std::move(*s);
  return std::nullopt;
}

void put_in_stored_order(document& doc, const std::vector<std::int64_t>& position) {
  std::vector<std::size_t> by(doc.fields.size());
  std::iota(by.begin(), by.end(), std::size_t(0));
  std::sort(by.begin(), by.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(position[a], doc.fields[a].name) < std::tie(position[b], doc.fields[b].name);
  });
  std::vector<field> sorted;
  sorted.reserve(by.size());
  for (auto k : by) {
    auto& f = doc.fields[k];
    std::sort(f.translations.begin(), f.translations.end(),
              [](const translation& a, const translation& b) { return a.locale < b.locale; });
    sorted.push_back(std::move(f));
  }
  doc.fields = std::move(sorted);
}

}  // namespace detail

std::string_view to_string(write_outcome outcome) noexcept {
  switch (outcome) {
    case write_outcome::created:
      return "created";
    case write_outcome::updated:
      return "updated";
    case write_outcome::unchanged:
      return "unchanged";
  }
  return "unchanged";
}

namespace {
bool is_postgresql(std::string_view uri) {
  return uri.substr(0, 13) == "postgresql://" || uri.substr(0, 11) == "postgres://";
}
}  // namespace

std::string store_uri(std::string_view db) {
  if (db.substr(0, 7) == "sqlite:" || is_postgresql(db)) return std::string(db);
  return "sqlite:" + std::string(db);
}

std::string redacted_store_uri(std::string_view uri) {
  std::string out(uri);
  // URI form: scheme://user:password@host...
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto at = out.find('@', scheme + 3);
    auto slash = out.find('/', scheme + 3);
    auto colon = out.find(':', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) && colon < at)
      out.replace(colon + 1, at - colon - 1, "***");
  }
  // password=... as a query parameter or a conninfo keyword.
  for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    auto start = p + 9;
    auto end = out.find_first_of("& ", start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
  }
  return out;
}

const std::vector<std::string>& store::carried_tables() {
  static const std::vector<std::string> tables{"meta",    "documents", "fields",     "translations",
                                               "batches", "history",   "tm_entries", "term_entries"};
  return tables;
}

status store::for_each_document_in(std::string_view type, std::string_view locale,
                                   const std::function<bool(document&)>& visit) {
  return for_each_document(type, [&](document& d) {
    if (!locale.empty())
      for (auto& f : d.fields) std::erase_if(f.translations, [&](const translation& t) { return t.locale != locale; });
    return visit(d);
  });
}

result<std::vector<field_tally>> store::field_tallies(std::string_view type) {
  using key_type = std::tuple<std::string, std::string, std::string, bool, std::string, int, bool>;
  std::map<key_type, field_tally> tallies;
  auto count = [&](const field_status& fs, std::string locale, translation_state state, bool current) {
    bool empty = fs.value.empty();
    auto [at, fresh] = tallies.try_emplace(
        key_type{fs.type, fs.field, fs.source_locale, empty, locale, static_cast<int>(state), current});
    field_tally& t = at->second;
    if (fresh) t = {fs.type, fs.field, fs.source_locale, empty, std::move(locale), state, current, 0, 0, 0, {}};
    ++t.count;
    t.words += fs.words.value_or(0);
    t.uncounted += fs.words ? 0 : 1;
    if (t.locale.empty() && (t.count == 1 || fs.document_key < t.first_document)) t.first_document = fs.document_key;
  };
  status walked = for_each_field_status(type, [&](const field_status& fs) {
    count(fs, {}, translation_state::fresh, true);
    for (const auto& t : fs.translations) count(fs, t.locale, t.state, t.current);
    return true;
  });
  if (!walked) return walked.err();
  std::vector<field_tally> out;
  out.reserve(tallies.size());
  for (auto& [key, t] : tallies) out.push_back(std::move(t));
  return out;
}

result<std::unique_ptr<store>> open_store(std::string_view uri, const store_options& options) {
  constexpr std::string_view sqlite_scheme = "sqlite:";
  if (uri.substr(0, sqlite_scheme.size()) == sqlite_scheme)
    return sqlite_store::open(uri, uri.substr(sqlite_scheme.size()), options);
  if (is_postgresql(uri)) return pg_store::open(uri, options);
  return error(errc::invalid_argument, "unknown store URI '" + redacted_store_uri(uri) +
                                           "' (expected sqlite:PATH, sqlite::memory: or postgresql://...)");
}

}  // namespace glossa
