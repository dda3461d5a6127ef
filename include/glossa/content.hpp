// The content JSON format: how source content and translations come into and
// out of Glossa (`glossa content import` / `export`). Format described in README.md.
//
//   {"format": "glossa-content", "version": 1,
//    "documents": [{"type": "job", "key": "job-2026-001", "source_locale": "en",
//                   "fields": {"title": "...", "closing": {"local": "...", "time_zone": "..."}},
//                   "translations": {"fr": {"title": {"text": "...", "state": "reviewed"}}}}]}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"

namespace glossa {

/// A source value to set, in canonical form, with where it came from.
struct field_input {
  std::string name;
  std::string value;
  location where;
};

/// A translation to set. Without a source_revision it is taken to be made
/// from the field's current source text (after this write).
struct translation_input {
  std::string field;
  std::string locale;
  std::string text;
  translation_state state = translation_state::translated;  ///< default: translated
  std::optional<std::string> source_revision;               ///< default: current revision
  std::string author;                                       ///< default: the writer's author
  location where;
};

/// One document of a content file: create it, or update the values it names.
/// Fields it does not name stay as they are.
struct document_input {
  std::string type;
  std::string key;
  std::string source_locale;  ///< required to create; must match to update
  std::vector<field_input> fields;
  std::vector<translation_input> translations;
  location where;
};

/// Parses a content file and validates it against `schema`: document types and
/// fields exist, values are of their field's kind (dates, currencies, time
/// zones, enum values, locale tags), texts are valid UTF-8 without control
/// characters. Errors name file:line:column and the JSON pointer.
result<std::vector<document_input>> parse_content(std::string_view bytes, std::string_view file_name,
                                                  const content_schema& schema);

/// Fills in line and column of a location that has a file and a JSON pointer
/// but no line yet (inputs carry only pointers until an error needs more),
/// given the bytes of that file.
void resolve_location(location& where, std::string_view bytes);

/// Writes documents as a content file. Deterministic: documents in the given
/// order, fields in schema order, translations by locale; every translation
/// with its state, source_revision and author, so parse + store + write gives
/// the same bytes back.
std::string write_content(const std::vector<document>& documents, const content_schema& schema);

}  // namespace glossa
