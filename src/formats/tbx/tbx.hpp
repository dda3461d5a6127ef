// TBX, the termbase exchange format (ISO 30042), in its TBX-Basic dialect.
// Read: TBX 2008 (<martif>, termEntry/langSet/tig or ntig, as Translate
// Toolkit's csv2tbx, memoQ and Trados write it) and TBX v3 (<tbx>,
// conceptEntry/langSec/termSec). Written: TBX 2008, the one Translate
// Toolkit's reader takes, the source <langSet> first and the preferred term
// first (it reads by position).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/terms.hpp"

namespace glossa::tbx {

struct entry_in {
  term_entry entry;  ///< source_locale and target_locale as asked (or found)
  std::size_t line = 0;
};

struct document_in {
  std::string source_locale, target_locale;  ///< the pair read (canonical tags)
  std::vector<entry_in> entries;
  std::vector<std::string> notes;  ///< what the reader decided, each naming its line
};

/// Reads a TBX document into entries of one language pair. `source_locale`
/// and `target_locale` ("" for the file's) are canonical tags when given.
/// The source is the root's xml:lang, else the first <langSet>'s; the
/// target the one other language. A <langSet> in a language that is not a
/// tag ("xx", csv2tbx's placeholder) is the target when `target_locale` is
/// given and the entry has no other. Errors (invalid_content, with file,
/// line and column): XML that is not well-formed, a root other than <martif>
/// or <tbx>, several target languages and none chosen, an administrative
/// status it does not know, a term with a control character.
result<document_in> read_tbx(std::string_view bytes, std::string_view file, std::string_view source_locale,
                             std::string_view target_locale);

/// Writes entries of one language pair as TBX-Basic (TBX 2008 <martif>).
void write_tbx(std::ostream& out, const std::vector<term_entry>& entries, std::string_view source_locale,
               std::string_view target_locale);

}  // namespace glossa::tbx
