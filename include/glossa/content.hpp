// The content JSON format: how source content and translations come into and
// out of Glossa (`glossa content import` / `export`). Format described in docs/content-format.md.
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
