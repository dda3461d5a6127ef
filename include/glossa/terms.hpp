// Terminology: a termbase per language pair. Each entry is a concept with its
// terms in the source language and in the target language; a target term is
// preferred, admitted or forbidden, and an entry may say its source term is
// not to be translated. Exchanged as TBX (TBX-Basic: TBX 2008 <martif> and
// TBX v3 <tbx> read, <martif> written). docs/terminology.md has the rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"

namespace glossa {

enum class term_status {
  preferred,  ///< the term to use (TBX preferredTerm-admn-sts; the default)
  admitted,   ///< a term that may be used too (admittedTerm-admn-sts)
  forbidden   ///< a term not to use (deprecatedTerm-admn-sts, supersededTerm-admn-sts)
};

std::string_view to_string(term_status s) noexcept;
std::optional<term_status> parse_term_status(std::string_view name) noexcept;

struct term {
  std::string text;  ///< the term, valid UTF-8, no control characters
  term_status status = term_status::preferred;
  /// A forbidden term found in a translation is an error (it refuses the
  /// translation), not a warning.
  bool error = false;
  std::string part_of_speech;  ///< TBX partOfSpeech: noun, verb, adjective, adverb, other; "" unknown
  std::string note;
};

/// One concept in one language pair.
struct term_entry {
  std::int64_t id = 0;     ///< its row in the store; 0 before it is stored
  std::string concept_id;  ///< the TBX termEntry id, "" when none
  std::string source_locale, target_locale;
  std::vector<term> source, target;  ///< preferred terms first
  std::string definition, note;
  /// The source term stays as it is in every translation ("IALCO"): the
  /// translation must have it, and a translation identical to its source
  /// is not reported for it (as with qa_options::allow_identical).
  bool do_not_translate = false;
  std::int64_t batch = 0;  ///< the import or addition that brought it
  std::string author, changed_at;
};

/// Options of engine::import_terms.
struct terms_import_options {
  /// The language pair; default: the file's source language (its xml:lang
  /// or first language), and its one other language. Needed for a file whose
  /// target language is not a language tag (csv2tbx writes "xx").
  std::string source_locale, target_locale;
  std::string author = "terms";  ///< who imports (the batch's author)
  bool dry_run = false;          ///< read and count, write nothing
};

struct terms_import_report {
  std::string file;
  std::string source_locale, target_locale;
  std::int64_t batch = 0;  ///< for engine::undo_terms; 0 when nothing was stored
  std::size_t entries = 0, added = 0, duplicates = 0;
  /// What the reader decided and the user may want to know, each naming its
  /// line ("line 12: a header row ... left out").
  std::vector<std::string> notes;
};

/// Options of engine::export_terms.
struct terms_export_options {
  std::string source_locale = "en";
  std::string target_locale;  ///< required
};

struct terms_undo_report {
  std::int64_t batch = 0;   ///< the undo's own batch
  std::size_t removed = 0;  ///< entries deleted
};

/// JSON of a report or of a termbase's entries (for --report json and the HTTP API).
std::string to_json(const terms_import_report& report);
std::string to_json(const std::vector<term_entry>& entries);
/// Entries from JSON shaped as to_json() writes them (id, batch, author and
/// changed_at are not read). Errors: invalid_argument, naming what is wrong.
result<std::vector<term_entry>> terms_from_json(std::string_view json);

}  // namespace glossa
