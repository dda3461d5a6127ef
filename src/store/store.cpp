// The store factory: one place that knows which backends exist.
#include "glossa/store.hpp"

#include <algorithm>
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
  static const std::vector<std::string> tables{"meta", "documents", "fields", "translations", "batches", "history"};
  return tables;
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
