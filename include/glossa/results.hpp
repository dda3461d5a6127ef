// Glossa's results: what a write did, history, listings, localized
// documents and quality findings. Plain values that the engine returns, the
// store records and the formats write out (report.hpp, xliff.hpp); no logic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"

namespace glossa {

enum class text_direction { ltr, rtl };
std::string_view to_string(text_direction d) noexcept;  ///< "ltr", "rtl"

enum class qa_severity { warning, error };
std::string_view to_string(qa_severity s) noexcept;  ///< "warning", "error"

struct qa_finding {
  std::string check;  ///< placeholders, markup, message_syntax, plural_categories, bidi_override,
                      ///< bidi_unbalanced, bidi_unisolated, numbers, punctuation, length,
                      ///< whitespace, identical, urls
  qa_severity severity = qa_severity::warning;
  std::string document, field, locale;
  std::string message;
};

/// True when a finding has severity error.
bool has_errors(const std::vector<qa_finding>& findings) noexcept;

/// What a write did to one document.
enum class write_outcome { created, updated, unchanged };
std::string_view to_string(write_outcome outcome) noexcept;

struct document_report {
  std::string key;
  write_outcome outcome = write_outcome::unchanged;
  std::size_t fields_changed = 0;        ///< source values created or changed
  std::size_t translations_changed = 0;  ///< translations created or changed
  std::string file;                      ///< where the input came from, if known
};

struct write_report {
  std::vector<document_report> documents;  ///< in input order
  std::size_t created = 0, updated = 0, unchanged = 0;
  std::size_t fields_changed = 0, translations_changed = 0;
  bool dry_run = false;
  std::int64_t batch = 0;  ///< id of the recorded batch, 0 when none
  /// Warnings of the quality checks on the translations written (engine writes only).
  std::vector<qa_finding> warnings;
  bool changed() const noexcept { return fields_changed + translations_changed > 0; }
};

/// One line of history: a source value or translation as it was before and after.
struct history_entry {
  std::int64_t id = 0;
  std::string at;  ///< UTC, ISO 8601 with milliseconds
  std::string document_key;
  std::string field;
  std::string locale;  ///< empty for the source value
  std::string action;  ///< "create", "update" or "delete" (an undo removing a created translation)
  std::optional<std::string> old_text;
  std::string new_text;                                   ///< empty for "delete"
  std::optional<translation_state> old_state, new_state;  ///< translations only
  std::optional<std::string> old_revision;                ///< source: old revision; translation: old source_revision
  std::string new_revision;
  std::string author;
  std::string origin;
  std::int64_t batch = 0;  ///< batch the change belongs to, 0 when none
};

/// A short description of a document, for listings.
struct document_summary {
  std::string key;
  std::string type;
  std::string source_locale;
  std::string updated_at;
};

/// One field as a reader in the requested locale gets it.
struct localized_field {
  std::string name;
  std::string label;        ///< what readers call the field, in the requested locale (falling back like text)
  std::string label_lang;   ///< language of `label`
  bool for_readers = true;  ///< false for a field readers never see (a slug): previews leave it out
  field_kind kind = field_kind::text;
  bool translatable = false;
  std::string text;    ///< translation, source text, or canonical value (non-translatable)
  std::string locale;  ///< locale the text is in; empty for locale-neutral values
  /// True when the text is in another language than the requested locale's
  /// (ar text for ar-EG is not a fallback; en text for ar is).
  bool fallback = false;
  std::string fallback_reason;             ///< "missing" or "stale" when fallback; otherwise empty
  bool stale = false;                      ///< the served text is a stale translation (policy serve)
  bool hidden = false;                     ///< nothing served (policy hide)
  std::optional<translation_state> state;  ///< state of the served translation
  /// What a reader sees: dates, numbers, money and locale lists formatted for
  /// the requested locale; an enum value as its label; messages formatted
  /// with their bound arguments (RTL messages isolate left-to-right arguments
  /// in U+2068...U+2069); text as is.
  std::string formatted;
  std::string lang;  ///< language of `formatted` (BCP 47)
  text_direction dir = text_direction::ltr;
};

struct localized_document {
  std::string key;
  std::string type;
  std::string requested_locale;  ///< canonical form of the request (negotiated from Accept-Language when asked)
  std::string source_locale;
  text_direction dir = text_direction::ltr;  ///< of the requested locale
  std::vector<localized_field> fields;       ///< in schema order; absent values left out
};

/// A document in a listing: its localized title.
struct localized_summary {
  std::string key;
  std::string type;
  std::string title;  ///< formatted title (field "title", else "name"); the key when it has neither
  std::string lang;   ///< language of the title
  text_direction dir = text_direction::ltr;
  bool fallback = false;
};

/// A configured locale, as a language menu shows it.
struct locale_info {
  std::string tag;
  std::string name;     ///< in the language the list was asked in ("arabe (Égypte)")
  std::string autonym;  ///< in its own language ("العربية (مصر)")
  text_direction dir = text_direction::ltr;
  std::vector<std::string> fallback;  ///< its fallback chain, itself first
};

}  // namespace glossa
