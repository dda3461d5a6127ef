// The content model: document types and their fields (the content schema),
// documents with their source values, and translations with workflow state.
//
// Plain values, no I/O. Every text is UTF-8. Thread safety: these are
// ordinary value types; const access from several threads is safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glossa/error.hpp"

namespace glossa {

/// What a field holds. Only text-like kinds (text, rich_text, message) can be
/// translatable; the others are locale-neutral values formatted per locale.
enum class field_kind {
  text,         ///< plain text
  rich_text,    ///< HTML subset: p, br, b, strong, i, em, a href, ul, ol, li
  message,      ///< ICU MessageFormat with named arguments, plural and select
  date,         ///< calendar date, canonical "YYYY-MM-DD"
  datetime,     ///< local date-time in an IANA zone, canonical "YYYY-MM-DDTHH:MM:SS[Zone/Name]"
  number,       ///< decimal number, canonical JSON number text ("112", "0.5")
  money,        ///< amount + ISO 4217 currency, canonical "84500.00 CHF"
  enumeration,  ///< one of the field's declared `values`
  locale_list,  ///< BCP 47 tags, canonical "ar,en,fr"
};

/// Schema name of a kind: "text", "rich_text", ..., "enum", "locale_list".
std::string_view to_string(field_kind kind) noexcept;
/// Inverse of to_string; nullopt for an unknown name.
std::optional<field_kind> parse_field_kind(std::string_view name) noexcept;
/// True for text, rich_text and message.
bool is_textual(field_kind kind) noexcept;

/// Workflow state of a translation, ordered: new < translated < reviewed < final.
enum class translation_state { fresh = 0, translated = 1, reviewed = 2, final_ = 3 };
/// "new", "translated", "reviewed", "final".
std::string_view to_string(translation_state state) noexcept;
/// Inverse of to_string; nullopt for an unknown name.
std::optional<translation_state> parse_translation_state(std::string_view name) noexcept;

/// A field declared by a document type.
struct field_def {
  std::string name;                       ///< [a-z][a-z0-9_]*, unique within the type
  field_kind kind = field_kind::text;     ///< default: text
  bool translatable = false;              ///< default: false; only textual kinds may be true
  bool required = false;                  ///< default: false; required when a document is created
  std::optional<std::size_t> max_length;  ///< in characters (code points); default: no limit
  std::string description;                ///< context for translators; default: empty
  std::vector<std::string> values;        ///< allowed values of an `enum` field
  /// message fields: argument name -> field of the same document whose value
  /// fills it when the message is formatted ({"count": "positions"}). Default: none.
  std::vector<std::pair<std::string, std::string>> arguments;
  /// What readers call the field, in English ("Duty station"). Default: the
  /// name with '_' as a space and a capital ("Duty station" for duty_station).
  /// Translations live in the store, in label documents (label_key()).
  std::string label;
  /// enum fields: value -> its English label ("fixed_term" -> "Fixed-term
  /// appointment"). Default: the value as written.
  std::vector<std::pair<std::string, std::string>> value_labels;
  /// False for a field readers never see (a slug): previews leave it out.
  /// Default: true.
  bool for_readers = true;

  /// The English label of the field (`label` or its default).
  std::string label_or_default() const;
  /// The English label of one of an enum field's values.
  std::string value_label(std::string_view value) const;
};

/// Labels are content. For every document type T the schema holds a
/// generated type "labels_T" with one translatable text field per field of
/// T (same name) and per labelled enum value ("contract_type__fixed_term"),
/// and the store holds one document of it, keyed "labels.T", whose source
/// values are the English labels. It is translated, exported, counted and
/// falls back like any document.
std::string labels_type(std::string_view type);
std::string labels_key(std::string_view type);
/// The field of a labels document that holds the label of `field`, or of
/// its enum value `value`.
std::string label_field(std::string_view field, std::string_view value = {});

/// A document type: a name and its fields, in display order.
struct type_def {
  std::string name;
  std::string description;
  std::vector<field_def> fields;
  /// The labels type of another type (labels_type()): made by the schema, not written in it.
  std::string labels_of;

  /// The field named `name`, or nullptr.
  const field_def* find(std::string_view field_name) const noexcept;
};

/// The content schema: which document types exist and what fields they have.
/// Declared as data (JSON), so a new type needs no code.
class content_schema {
 public:
  std::vector<type_def> types;

  /// The type named `name`, or nullptr.
  const type_def* find(std::string_view type_name) const noexcept;

  /// Parses and validates a schema file (format "glossa-schema", version 1).
  /// Errors: invalid_utf8, json_syntax, invalid_schema, with file:line:column.
  static result<content_schema> parse(std::string_view json, std::string_view file_name = {});
  /// The schema Glossa ships (src/core/content-types.json): organization, page, job.
  static const content_schema& builtin();
  /// Canonical JSON of this schema; parse(to_json()) gives an equal schema.
  std::string to_json() const;
};

/// Content revision of a source text: 16 lowercase hex digits of its SHA-256.
/// Equal texts have equal revisions; a translation whose source_revision is
/// not its field's current revision is stale.
std::string revision_of(std::string_view source_text);

/// One translation of one field into one locale.
struct translation {
  std::string locale;  ///< canonical BCP 47 tag
  std::string text;    ///< UTF-8
  translation_state state = translation_state::fresh;
  std::string source_revision;  ///< revision of the source text it was made from
  std::string author;           ///< who made the last change
  std::string origin;           ///< "manual", "content:FILE", "xliff:BATCH"...
  std::string updated_at;       ///< UTC, ISO 8601 with milliseconds
};

/// A field of a stored document: its canonical source value and translations.
struct field {
  std::string name;
  std::string value;                      ///< canonical form for the field's kind
  std::string revision;                   ///< revision_of(value)
  std::vector<translation> translations;  ///< sorted by locale

  /// The translation into exactly `locale`, or nullptr.
  const translation* find(std::string_view locale) const noexcept;
};

/// True when `t` was made from an older source than `f` holds now.
inline bool is_stale(const field& f, const translation& t) noexcept { return t.source_revision != f.revision; }

/// A stored document.
struct document {
  std::string type;
  std::string key;            ///< unique across all types: [a-z0-9][a-z0-9._-]*
  std::string source_locale;  ///< locale of the source values
  std::vector<field> fields;  ///< in schema order
  std::string created_at;
  std::string updated_at;

  /// The field named `name`, or nullptr.
  const field* find(std::string_view field_name) const noexcept;
};

/// Parsed forms of the structured kinds; each parse returns nullopt unless
/// its argument is in canonical form.
struct money_value {
  std::string amount;
  std::string currency;
};
std::optional<money_value> parse_money(std::string_view canonical);
struct datetime_value {
  std::string local;
  std::string time_zone;
};  ///< "2026-12-15T17:00:00", "Europe/Geneva"
std::optional<datetime_value> parse_datetime(std::string_view canonical);
std::vector<std::string> split_locale_list(std::string_view canonical);

/// True when `key` is a valid document key.
bool is_valid_key(std::string_view key) noexcept;

// ---- Inputs: what a write asks to change ----------------------------------------

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

}  // namespace glossa
