// The store factory: one place that knows which backends exist.
#include "glossa/store.hpp"

#include "store/sqlite/sqlite_store.hpp"

namespace glossa {

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

result<std::unique_ptr<store>> open_store(std::string_view uri, const store_options& options) {
  constexpr std::string_view sqlite_scheme = "sqlite:";
  if (uri.substr(0, sqlite_scheme.size()) == sqlite_scheme)
    return sqlite_store::open(uri, uri.substr(sqlite_scheme.size()), options);
  return error(errc::invalid_argument,
               "unknown store URI '" + std::string(uri) + "' (expected sqlite:PATH or sqlite::memory:)");
}

}  // namespace glossa
