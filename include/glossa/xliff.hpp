// XLIFF exchange with translators: export what needs work, import what comes
// back with a per-unit report, undo an import batch.
//
// Versions: 1.2 (default; what OmegaT, Trados and memoQ read best) and 2.0,
// 2.1, 2.2. One <file> per document, one unit per translatable field (one per
// plural/select variant for messages), ids "KEY.FIELD[:arg.category...]".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/results.hpp"

namespace glossa {

enum class xliff_version { v1_2, v2_0, v2_1, v2_2 };
/// "1.2", "2.0", "2.1", "2.2".
std::string_view to_string(xliff_version v) noexcept;
std::optional<xliff_version> parse_xliff_version(std::string_view s) noexcept;

/// Which fields an export contains.
enum class export_scope {
  missing,  ///< no translation into the locale
  stale,    ///< a translation made from an older source
  todo,     ///< missing + stale + state "new" (default)
  all,      ///< every translatable field
};
std::string_view to_string(export_scope s) noexcept;
std::optional<export_scope> parse_export_scope(std::string_view s) noexcept;

/// How an export or an analysis cuts sources: one segment per unit, or one
/// per sentence (ICU sentence break with per-language exceptions).
enum class segmentation { units, sentences };
/// "units", "sentences".
std::string_view to_string(segmentation s) noexcept;
/// Errors: invalid_argument (naming the values).
result<segmentation> parse_segmentation(std::string_view s);

/// Which matches of the memory an export puts into targets.
enum class prefill_mode { none, context, exact };
/// "none", "context", "exact".
std::string_view to_string(prefill_mode m) noexcept;
/// Errors: invalid_argument (naming the values).
result<prefill_mode> parse_prefill_mode(std::string_view s);

struct xliff_export_options {
  std::string locale;                           ///< target locale (required)
  xliff_version version = xliff_version::v1_2;  ///< default: 1.2
  export_scope scope = export_scope::todo;      ///< default: todo
  std::string type;                             ///< only this document type; default: all
  std::vector<std::string> documents;           ///< only these keys; default: all
  bool count_words = false;                     ///< default: false; true fills summary.words (costs ICU word breaking)
  /// Default false; true adds the translation memory's best matches to each unit (1.2 <alt-trans>,
  /// 2.x the matches module): in-context, exact and fuzzy, as `tm search` finds them.
  bool tm = false;
  double tm_min_score = 75;  ///< with tm: the lowest score offered (1..100)
  std::size_t tm_limit = 3;  ///< with tm: the most matches per unit (1..100)
  /// Default none. context: a unit without a current target (none, or a stale one) gets the memory's
  /// in-context match (100, from the same document and field) as its target; exact: or else its best
  /// exact match. The target is marked not done and the unit records what was prefilled, so that
  /// the import can tell it untouched (docs/xliff.md, "Prefilled targets").
  prefill_mode prefill = prefill_mode::none;
  /// Default units. sentences: a unit of two sentences or more is cut into segments (the text
  /// between block tags, by sentence; 1.2 <seg-source> with <mrk mtype="seg">, 2.x a <segment> each),
  /// with matches and prefill per segment; the import joins them back.
  segmentation segment = segmentation::units;
  /// Default true: each unit carries the termbase's entries whose source term its source has (2.x
  /// the glossary module, 1.2 a <note> per term); false leaves them out.
  bool terms = true;
  /// Called after each document with (done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct xliff_export_summary {
  std::size_t files = 0;  ///< <file> elements (documents with at least one unit)
  std::size_t units = 0;
  /// With options.count_words: source words of the exported units (ICU word boundaries in the source
  /// locale; markup and placeholders not counted; each plural variant counted).
  std::size_t words = 0;
  /// With options.tm: units given at least one match, and the matches by kind.
  std::size_t matched_units = 0, in_context = 0, exact = 0, fuzzy = 0;
  /// With options.tm: previous versions offered (one per stale unit, or per segment of a segmented one).
  std::size_t previous_versions = 0;
  /// With options.prefill: targets filled from the memory.
  std::size_t prefilled = 0;
  /// With options.terms: units given terms, and the terms given (one per entry and unit).
  std::size_t termed_units = 0, terms = 0;
};

/// One unit's fate in an import (docs/xliff.md has the rules).
enum class unit_outcome {
  applied,       ///< stored, bound to the current source
  unchanged,     ///< the target is the one the export wrote and its state was not raised: nothing stored
  stale,         ///< stored, bound to the older source revision the unit was made from
  refused,       ///< not stored; `code` and `message` say why
  protected_,    ///< would overwrite a current reviewed/final translation with a lower state
  unknown,       ///< no such document or field
  untranslated,  ///< exported without a target and returned without one (or empty): nothing to do, not a refusal
  prefilled,     ///< the target the export prefilled from the memory, untouched and not confirmed: nothing stored
};
std::string_view to_string(unit_outcome o) noexcept;

/// Why a unit was refused, protected or unknown (docs/xliff.md lists them).
/// to_string() gives the stable id reports carry; a new reason fails to
/// compile until it has one.
enum class unit_reason {
  none,               ///< applied, unchanged, stale, untranslated or prefilled: nothing to explain
  unknown_unit,       ///< the id is not KEY.FIELD
  unknown_document,   ///< no such document
  unknown_field,      ///< the document has no such translatable field
  unreadable,         ///< the unit's content cannot be read
  wrong_language,     ///< the target language is the document's source locale
  unknown_revision,   ///< the file names a source revision the store never had
  source_mismatch,    ///< the unit's source is none the store had
  duplicate_unit,     ///< the same unit twice in the file
  empty_target,       ///< the translator deleted the text the export wrote
  inline_codes,       ///< codes missing, added, reordered or broken
  control_character,  ///< a control character in the target
  bidi_override,      ///< a bidi override or embedding in the target
  extra_variant,      ///< a plural variant the target locale does not have
  plural_missing,     ///< a plural variant the target locale needs is missing
  sibling_refused,    ///< another variant of the same message was refused
  invalid_message,    ///< the rebuilt ICU message is not valid
  invalid_markup,     ///< the rebuilt text is not valid for its field
  too_long,           ///< longer than the field allows
  qa,                 ///< an error-level quality check (unit_report::check names it)
  protected_,         ///< would replace a reviewed or final translation with a lower state
  strict,             ///< --strict, and other units of the file were refused
};
std::string_view to_string(unit_reason r) noexcept;

struct unit_report {
  std::string id;
  std::uint32_t line = 0;
  unit_outcome outcome = unit_outcome::refused;
  unit_reason reason = unit_reason::none;  ///< why, when refused/protected/unknown
  std::string check;                       ///< with reason qa: the quality check that refused it
  std::string message;                     ///< what to fix
  /// The stable reason id: to_string(reason), "qa:CHECK" for a quality
  /// check, empty for none.
  std::string code() const;
  std::vector<qa_finding> warnings;  ///< quality warnings on an applied unit
};

struct xliff_import_report;

struct xliff_import_options {
  bool dry_run = false;          ///< default: false
  bool strict = false;           ///< default: false; true: one refused unit refuses the file
  bool overwrite_final = false;  ///< default: false; true lets lower states replace current reviewed/final ones
  std::string author = "xliff";  ///< default: "xliff"
  /// The locale the file's targets go into, whatever its target language
  /// says. Default: empty, the file's target language resolved against the
  /// configured locales (docs/xliff.md, "Target languages").
  std::string locale;
  /// Called after each document is judged with (done, total). Default: none.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Called once every unit is judged, with the report as it will be
  /// returned, while the write commits (with `strict`: after it): a caller can
  /// render it meanwhile. Its `batch` is the batch being written (0 for a dry
  /// run or when nothing is written); the returned report's batch is the one
  /// that counts (a write that changed nothing keeps no batch): render again
  /// when they differ. The import can still fail after this call: only a
  /// returned report was applied. It runs beside the write, so it must not use
  /// the engine or its store. An exception from it does not stop the write: it
  /// is rethrown once the write has ended (a failed write's error comes
  /// first). Not called when the write failed before every unit was judged.
  /// Default: none.
  std::function<void(const xliff_import_report&)> judged;
};

struct xliff_import_report {
  std::int64_t batch = 0;  ///< history batch id (0 for a dry run or when nothing was written)
  std::string file;
  std::string version;  ///< detected: "1.2", "2.0"...
  std::string locale;   ///< the locale the targets went into
  /// What the import did about the file as a whole that the translator
  /// should know ("target-language 'es_ES' read as es-ES", "es-ES is not
  /// configured: imported into es").
  std::vector<std::string> warnings;
  std::vector<unit_report> units;
  /// Set by a front end when the file was refused whole (the import's error):
  /// then no unit was judged and nothing changed.
  std::optional<error> file_error;
  std::size_t count(unit_outcome o) const noexcept;
  /// True when no unit was refused, protected or unknown (every one applied,
  /// unchanged, stale or untranslated) and the file was not refused whole.
  /// One pass over the units.
  bool all_taken() const noexcept;
};

/// {"batch", "file", "version", "locale", "warnings": [...], "error": null or
/// {"code", "message", "file", "line", "column"}, "counts": {...},
/// "units": [{"id", "line", "outcome", "code", "message", "warnings"}]}
/// How much of a report to write: every unit, or the counts and only the
/// units that were not applied or unchanged (a large import's report stays
/// the size of what needs attention).
enum class report_detail { full, summary };
std::string to_json(const xliff_import_report& report, report_detail detail = report_detail::full);
/// Several files' reports as one JSON array.
std::string to_json(const std::vector<xliff_import_report>& reports, report_detail detail = report_detail::full);

/// A rule an XLIFF file breaks.
struct xliff_problem {
  std::string rule;     ///< stable id: "xml_well_formed", "unit_id_unique", "ec_start_ref"...
  std::string message;  ///< what is wrong
  std::uint32_t line = 0;
  std::uint32_t column = 0;  ///< 0 when unknown
  std::string unit;          ///< id of the unit it lies in; empty outside units
  /// It lies in (or is about) that unit's target content only: an import
  /// refuses that unit and judges the others.
  bool in_target = false;
};

struct xliff_validation_report {
  std::string file;
  std::string version;                  ///< detected version, empty when not XLIFF
  std::vector<xliff_problem> problems;  ///< empty: valid
  bool valid() const noexcept { return problems.empty(); }
};

/// Validates an XLIFF file: encoding, well-formedness, the version's structure
/// and its processing requirements. Never fails: whatever is wrong, including
/// "not XML" or "not XLIFF", is a problem in the report.
xliff_validation_report validate_xliff(std::string_view bytes, std::string_view file_name);

/// {"file", "version", "valid", "problems": [{"rule", "message", "line"}]}
std::string to_json(const xliff_validation_report& report);

}  // namespace glossa
