// XLIFF reader: any version Glossa reads (1.0, 1.1, 1.2, 2.0, 2.1, 2.2), any
// encoding XML allows (UTF-8, UTF-16 with BOM, declared legacy encodings), into
// units with inline content. Hostile input is refused before it is parsed:
// DOCTYPEs declaring entities, UTF-16 without a byte-order mark.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/xliff/inline.hpp"
#include "glossa/error.hpp"
#include "glossa/xliff.hpp"

namespace glossa::xliff {

struct unit_in {
  std::string id;
  std::uint32_t line = 0;
  std::string target_language;    ///< of the enclosing <file> (1.x) or root (2.x)
  std::string revision;           ///< glossa:rev, empty when absent
  content source;                 ///< only when read with_source
  /// The source as the import compares it (source_key() of its content),
  /// always read: codes by id and kind, whitespace runs collapsed.
  std::string source_key;
  std::optional<content> target;  ///< nullopt: no <target>
  std::string state;              ///< raw state attribute of target (1.x) or segment (2.x)
  bool approved = false;          ///< 1.x approved="yes" on the trans-unit
  std::string problem;            ///< why the unit could not be read (unknown inline element...)
};

struct document_in {
  std::string version;            ///< "1.0", "1.1", "1.2", "2.0", "2.1", "2.2"
  std::string source_language;
  std::string target_language;    ///< root (2.x) or first <file> (1.x)
  std::vector<unit_in> units;
};

/// Decodes `bytes` to UTF-8 following the BOM or the XML declaration. Returns
/// nullopt when `bytes` already are UTF-8 (after an optional BOM, which
/// `bytes` then no longer includes): no copy is made.
/// Errors: invalid_utf8 (undecodable, or UTF-16 without BOM), invalid_argument (unknown encoding).
result<std::optional<std::string>> decode_xml(std::string_view& bytes, std::string_view file);

/// Reads an XLIFF document. Errors (with file:line:column): invalid_utf8,
/// invalid_content (not well-formed, DOCTYPE with entities, not XLIFF, unread version).
/// `with_source` false skips the <source> content (an import judges targets
/// against the stored source, and saves the memory). With `problems`, the
/// rules of the file's version are checked on the same parse and what they
/// find is appended there (the document is read all the same).
result<document_in> read_xliff(std::string_view bytes, std::string_view file, bool with_source = true,
                               std::vector<xliff_problem>* problems = nullptr);
/// Same, parsing in place in `bytes` (which it consumes): no copy of the file.
result<document_in> read_xliff(std::string&& bytes, std::string_view file, bool with_source = true,
                               std::vector<xliff_problem>* problems = nullptr);

}  // namespace glossa::xliff
