// Translation memory: what the store's translations offer to new work.
// Every translation offered is a field-level pair; rich text whose blocks
// (p, li) line up on both sides adds a pair per block, and a block or text
// whose sentences (ICU sentence break plus the abbreviations of
// locales/abbreviations.json) line up adds a pair per sentence. Inline codes
// stay codes. docs/translation-memory.md has the rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "glossa/model.hpp"

namespace glossa {

/// Options of engine::export_tm (TMX 1.4b).
struct tm_export_options {
  std::string locale;  ///< target locale (required)
  /// The states a translation must be in to be offered; default: translated, reviewed and final
  /// (a "new" translation is nobody's answer yet).
  std::vector<translation_state> states{translation_state::translated, translation_state::reviewed,
                                        translation_state::final_};
  /// Default true: a stale translation is offered with the source text it was made from (found in
  /// history), marked stale; false leaves stale translations out.
  bool stale = true;
  /// Default false: a code's native code is the markup it stands for ("<strong>", "{0}"), as TMX
  /// says. true: the XLIFF 1.2 element a CAT tool sees in Glossa's XLIFF (<g id="1">, <x id="1"/>),
  /// for a tool that matches TMX codes against XLIFF tags by their name (OmegaT); a message one of
  /// whose variants shares its source with another target is then left out, every variant
  /// (tm_export_summary::ambiguous): the tool would put one form into all.
  bool xliff_codes = false;
  /// Called after each document with (done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct tm_export_summary {
  std::size_t units = 0;                              ///< <tu> elements written
  std::size_t fields = 0, blocks = 0, sentences = 0;  ///< units by level
  std::size_t stale = 0;                              ///< units from stale translations
  std::size_t imported = 0;                           ///< units from TMX imports (engine::import_tm)
  std::size_t duplicates = 0;  ///< pairs left out because the same source and target were written already
  /// With xliff_codes: message variants left out, their message having a variant whose source
  /// another target translates too (a CAT tool would put one form into every variant).
  std::size_t ambiguous = 0;
};

/// Options of engine::import_tm.
struct tm_import_options {
  /// The target locales to read from the file; default: every configured working locale (ar, en, fr,
  /// es) the file has besides its source language. A bare language takes the file's regional forms
  /// ("fr" reads "fr-FR" when the file has no "fr").
  std::vector<std::string> locales;
  std::string author = "tm";  ///< who imports (the batch's author; an entry without its own author gets it)
  bool dry_run = false;       ///< read and count, write nothing
};

/// What an import did in one target locale.
struct tm_import_locale {
  std::string locale;
  std::size_t units = 0;       ///< <tu>s with a source and a target in the locale
  std::size_t added = 0;       ///< entries stored
  std::size_t duplicates = 0;  ///< pairs the memory (or the file, before) holds already
};

struct tm_import_report {
  std::string file;
  std::string source_locale;  ///< the header's srclang
  std::int64_t batch = 0;     ///< the import's batch (for engine::undo_tm); 0 when nothing was stored
  std::size_t added = 0, duplicates = 0;
  std::vector<tm_import_locale> locales;
};

/// What engine::undo_tm did.
struct tm_undo_report {
  std::int64_t batch = 0;   ///< the undo's own batch
  std::size_t removed = 0;  ///< entries deleted
};

/// Options of engine::search_tm: fuzzy look-ups in the memory into one locale.
struct tm_search_options {
  std::string locale;                ///< target locale (required)
  std::string source_locale = "en";  ///< the queries' language; entries from other source languages are left out
  std::vector<std::string> queries;  ///< plain text (valid UTF-8)
  double min_score = 75;             ///< 1..100: the lowest similarity offered
  std::size_t limit = 5;             ///< 1..100: matches per query, best first
  /// As in tm_export_options: the states offered, and stale translations with their old source.
  std::vector<translation_state> states{translation_state::translated, translation_state::reviewed,
                                        translation_state::final_};
  bool stale = true;
};

/// One match: an entry of the memory and how close its source is to the query.
struct tm_match {
  /// Token-level similarity, 0..100: 100 * (1 - d / n), d the fewest tokens (words, punctuation,
  /// inline codes) to insert, delete or replace to turn one source into the other, n the longer's
  /// count of tokens. 100 is the same tokens (white space may differ).
  double score = 0;
  std::string source, target;  ///< plain text, each inline code as the markup it stands for
  std::string source_locale;
  std::string level;            ///< field, block or sentence; "" for an imported entry
  std::string document, field;  ///< where a stored translation is; "" for an imported entry
  std::string state;            ///< its workflow state; "" for an imported entry
  bool stale = false;           ///< the document's source has changed since; `source` is the old one
  std::int64_t batch = 0;       ///< the TMX import that brought an imported entry; 0 otherwise
  std::string author, changed_at;
};

struct tm_search_result {
  std::string query;
  std::vector<tm_match> matches;
};

struct tm_search_report {
  std::string locale, source_locale;
  std::size_t entries = 0;  ///< entries searched (the memory in this language pair)
  /// What the look-up held in memory: the entries' source and target texts (UTF-8 bytes), and
  /// the index over them (tokens, trigram postings, the token dictionary), without those texts.
  std::size_t text_bytes = 0, index_bytes = 0;
  std::vector<tm_search_result> results;  ///< one per query, in order
};

/// JSON of a report (for --report json and the HTTP API).
std::string to_json(const tm_import_report& report);
std::string to_json(const tm_search_report& report);

}  // namespace glossa
