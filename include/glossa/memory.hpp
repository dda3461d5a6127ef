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
  /// Called after each document with (done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct tm_export_summary {
  std::size_t units = 0;                              ///< <tu> elements written
  std::size_t fields = 0, blocks = 0, sentences = 0;  ///< units by level
  std::size_t stale = 0;                              ///< units from stale translations
  std::size_t imported = 0;                           ///< units from TMX imports (engine::import_tm)
  std::size_t duplicates = 0;  ///< pairs left out because the same source and target were written already
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

/// JSON of a report (for --report json and the HTTP API).
std::string to_json(const tm_import_report& report);

}  // namespace glossa
