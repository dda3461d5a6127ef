// JSON forms of Glossa's results: the documented contracts that the CLI's
// `--format json` and the HTTP API print. Member names never change meaning;
// new members may be added.
#pragma once

#include <string>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/results.hpp"

namespace glossa {

/// {"key", "type", "requested_locale", "source_locale", "lang", "dir", "fields": [{"name", "kind",
///  "translatable", "text", "locale", "fallback", "fallback_reason", "stale", "hidden", "state",
///  "formatted", "lang", "dir"}]}
std::string to_json(const localized_document& doc);

/// {"dry_run", "changed", "created", "updated", "unchanged", "fields_changed",
///  "translations_changed", "documents": [{"key", "outcome", "fields_changed", "translations_changed", "file"}],
///  "warnings": [quality findings as in qa.hpp]}
std::string to_json(const write_report& report);

/// [{"id", "at", "document", "field", "locale", "action", "old_text", "new_text",
///   "old_state", "new_state", "old_revision", "new_revision", "author", "origin"}]
std::string to_json(const std::vector<history_entry>& entries);

/// [{"key", "type", "source_locale", "updated_at"}]
std::string to_json(const std::vector<document_summary>& documents);

/// [{"tag", "name", "autonym", "dir", "fallback": [...]}]
std::string to_json(const std::vector<locale_info>& locales);

/// [{"key", "type", "title", "lang", "dir", "fallback"}]
std::string to_json(const std::vector<localized_summary>& documents);

/// {"locale", "dir", "documents": [localized documents as above]}
std::string to_json(const std::vector<localized_document>& bundle, std::string_view locale, text_direction dir);

/// Options of the HTML preview. Each member documents its default.
struct html_options {
  bool all_fields = false;  ///< default: false, fields not for readers (a slug) are left out
};

/// One document as an HTML fragment: <article lang=… dir=…>; each field
/// under its label (<h3 class="label">, with lang/dir where the label's
/// language differs), in an element with its own lang/dir where it differs;
/// rich text as markup, plain text escaped, and left-to-right values inside
/// right-to-left text in <bdi>.
std::string to_html(const localized_document& doc, const html_options& options = {});

/// A complete HTML page around to_html(): doctype, <html lang dir>, charset, title.
std::string to_html_page(const localized_document& doc, const html_options& options = {});

/// [{"check", "severity", "document", "field", "locale", "message"}]
std::string to_json(const std::vector<qa_finding>& findings);
/// {"error": {"code", "message", "file", "line", "column", "path"}}
std::string to_json(const error& err);

}  // namespace glossa
