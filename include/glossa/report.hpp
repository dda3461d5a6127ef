// JSON forms of Glossa's results: the documented contracts that the CLI's
// `--format json` and the HTTP API print. Member names never change meaning;
// new members may be added.
#pragma once

#include <string>
#include <vector>

#include "glossa/engine.hpp"
#include "glossa/error.hpp"
#include "glossa/store.hpp"

namespace glossa {

/// {"key", "type", "requested_locale", "source_locale", "lang", "dir", "fields": [{"name", "kind",
///  "translatable", "text", "locale", "fallback", "fallback_reason", "stale", "hidden", "state",
///  "formatted", "lang", "dir"}]}
std::string to_json(const localized_document& doc);

/// {"dry_run", "changed", "created", "updated", "unchanged", "fields_changed",
///  "translations_changed", "documents": [{"key", "outcome", "fields_changed", "translations_changed", "file"}]}
std::string to_json(const write_report& report);

/// [{"id", "at", "document", "field", "locale", "action", "old_text", "new_text",
///   "old_state", "new_state", "old_revision", "new_revision", "author", "origin"}]
std::string to_json(const std::vector<history_entry>& entries);

/// [{"key", "type", "source_locale", "updated_at"}]
std::string to_json(const std::vector<document_summary>& documents);

/// {"error": {"code", "message", "file", "line", "column", "path"}}
std::string to_json(const error& err);

}  // namespace glossa
