// XLIFF import, the judging: what a file's units of one field mean against
// what the store holds. The rules are written in docs/xliff.md; this is
// where they live in code. No store access: a field's facts are read first
// (xliff_import.cpp), so the judging can run beside the write.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/xliff/inline.hpp"
#include "formats/xliff/reader.hpp"
#include "glossa/content.hpp"
#include "glossa/model.hpp"
#include "glossa/qa.hpp"
#include "glossa/xliff.hpp"

namespace glossa::detail {

class termbases;

/// The units of one field in a file: one, or one per message variant.
struct field_units {
  std::string key, field;
  std::vector<std::size_t> units;  ///< indexes into the file's units, in file order
};

/// The configured locale a target language goes to (docs/xliff.md, "Target
/// languages"): itself when configured, else its nearest configured parent
/// of the same language; '_' is read as '-'. Errors: invalid_locale,
/// unknown_locale. `warnings` (may be null) gets what the translator should know.
result<std::string> configured_locale(const std::string& written, std::vector<std::string>* warnings);

/// A file's units grouped by field (KEY.FIELD).
struct unit_groups {
  std::vector<field_units> groups;  ///< in the order the file first names each field
  std::vector<std::string> keys;    ///< documents, in the order the file first names them
  std::unordered_map<std::string, std::vector<std::size_t>> groups_of;  ///< document key -> its groups
};

/// Groups the units of `doc` by field, and settles in `report` (sized to
/// the units) what can be judged unit by unit: an id that is not KEY.FIELD
/// (unknown), an unreadable unit, a unit in another language than the file
/// (refused). Every other unit is left refused with no reason: pending
/// until its field is judged.
unit_groups group_units(const xliff::document_in& doc, xliff_import_report& report);

/// What the store knows of a field, read before its units are judged.
struct field_facts {
  std::string type, source_locale;
  const field_def* def = nullptr;
  std::string revision;                  ///< the field's current source revision
  std::string made_from;                 ///< the revision the file's units were made from
  std::string source_text;               ///< the source at made_from
  std::vector<xliff::variant> variants;  ///< source_text split for the target locale
  std::optional<translation> current;    ///< the stored translation into the target locale
  bool usable = false;                   ///< false: the field's units are decided already
};

/// A refusal of a whole field's units: the outcome, a stable code, a message.
struct field_refusal {
  field_refusal(unit_outcome o, unit_reason r, std::string m, std::string c = {})
      : outcome(o), reason(r), message(std::move(m)), check(std::move(c)) {}
  unit_outcome outcome;
  unit_reason reason;
  std::string message;
  std::string check;  ///< with reason qa: the check
};

/// Finds the source the units were made from (docs/xliff.md, "Sources"):
/// the revision the file names, else the current source, else the newest
/// earlier source that the units' sources equal. Fills made_from, source_text and
/// variants of `facts`, or returns why the units cannot be judged.
/// `named_text`: the source of the revision the file names (nullopt: not in
/// the store's history; unused when it names none).
/// `earlier` reads the field's earlier sources, (revision, text), oldest
/// first; it is called only when the current source does not match.
std::optional<field_refusal> find_source(
    field_facts& facts, const field_units& g, const std::vector<xliff::unit_in>& units, const std::string& current_text,
    const std::string& named_revision, const std::optional<std::string>& named_text,
    const std::function<std::vector<std::pair<std::string, std::string>>()>& earlier, const std::string& locale);

/// The state a file gives a target (xliff::done_state() of its state
/// attribute: nullopt when not done), with 1.2 `approved="yes"` counting as
/// signed-off.
std::optional<translation_state> file_state(std::optional<translation_state> done, bool approved);

/// The state the export wrote for a stored translation: nullopt when it
/// wrote a not-done state (the translation is new, or stale against the
/// revision the file was made from).
std::optional<translation_state> exported_state(const translation& t, const std::string& made_from);

/// The rule of docs/xliff.md, "States", for a field whose units are all
/// acceptable: what happens to it.
struct state_decision {
  unit_outcome outcome = unit_outcome::unchanged;           ///< unchanged, applied (stored) or protected_
  translation_state state = translation_state::translated;  ///< when stored
};
/// `exported`: exported_state() of the stored translation, nullopt when the
/// export wrote no target or a not-done state; `in_file`: file_state();
/// `changed`: a target differs from what the export wrote; `stored_current`:
/// the stored translation is made from the field's current source.
state_decision decide_state(std::optional<translation_state> exported, std::optional<translation_state> in_file,
                            bool changed, const translation* stored, bool stored_current, bool overwrite_final);

/// File-wide settings of the judging.
struct judge_settings {
  std::string locale;  ///< the target locale
  bool v2 = false;
  bool overwrite_final = false;
  std::string author;
  std::string file_name;
  const qa_options* qa = nullptr;
  /// The termbases the checks read (with `qa`); none: no terminology.
  termbases* terms = nullptr;
  /// Problems the validator found inside a unit's target content, by unit id.
  const std::unordered_map<std::string, const xliff_problem*>* target_problems = nullptr;
};

/// Judges one field's units: sets each unit's outcome in `report` (indexes
/// as in `g.units`) and returns the translation to store, if any. Takes the
/// targets out of `units`.
std::optional<translation_input> judge_field(const field_units& g, const field_facts& facts,
                                             std::vector<xliff::unit_in>& units, xliff_import_report& report,
                                             const judge_settings& settings);

/// Outcome of a unit not judged yet (and so refusable by its field).
bool pending(const unit_report& u) noexcept;

/// Refuses every pending unit of `g`.
void refuse_field(const field_units& g, xliff_import_report& report, const field_refusal& why);

}  // namespace glossa::detail
