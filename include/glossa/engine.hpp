// The engine: Glossa's use cases, shared by the CLI, the HTTP server and any
// program linking glossa::core. Front ends parse arguments and print; the
// engine does the work.
//
// An engine owns its store and is not thread-safe; use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/analysis.hpp"
#include "glossa/coverage.hpp"
#include "glossa/error.hpp"
#include "glossa/format.hpp"
#include "glossa/memory.hpp"
#include "glossa/model.hpp"
#include "glossa/qa.hpp"
#include "glossa/store.hpp"
#include "glossa/terms.hpp"
#include "glossa/xliff.hpp"

namespace glossa {

/// Who writes and why; recorded on every translation and history entry.
struct write_options {
  std::string author = "glossa";  ///< default: "glossa"
  std::string origin = "manual";  ///< default: "manual"; e.g. "content:FILE", "xliff:BATCH"
  bool dry_run = false;           ///< default: false; true computes the report, then rolls back
  /// Non-empty: record this write as a batch of that kind ("xliff-import"), so it can be undone.
  std::string batch_kind;  ///< default: no batch
  std::string batch_file;  ///< file the batch came from; default: empty
  /// Called after each document with (done, total); returning false cancels the
  /// write, which then changes nothing and fails with errc::cancelled. Default: none.
  std::function<bool(std::size_t, std::size_t)> progress;
  /// Called inside the write's transaction as soon as its batch is recorded,
  /// with the batch id (a batch that ends up changing nothing is deleted
  /// again before the commit). Default: none.
  std::function<void(std::int64_t)> batch_started;
};

/// What to serve when the requested locale's translation is stale.
enum class stale_policy {
  serve,     ///< serve the stale translation, flagged stale
  fallback,  ///< skip it and fall back along the chain (default)
  hide,      ///< serve nothing for that field
};
std::string_view to_string(stale_policy policy) noexcept;
std::optional<stale_policy> parse_stale_policy(std::string_view name) noexcept;

struct localize_options {
  std::string locale;                 ///< requested BCP 47 tag; empty: negotiate from accept_language
  std::string accept_language;        ///< HTTP Accept-Language list, used when `locale` is empty
  std::vector<std::string> fallback;  ///< chain after `locale`; default: the configured chain (locales/locales.json)
  stale_policy stale = stale_policy::fallback;  ///< default: fallback
};

/// What a store copy carried: rows per table, in the order copied.
struct copy_report {
  std::vector<std::pair<std::string, std::size_t>> rows;
};

class engine {
 public:
  /// Takes ownership of an open store.
  explicit engine(std::unique_ptr<store> storage);
  ~engine();
  engine(engine&&) noexcept;
  engine& operator=(engine&&) noexcept;

  store& storage() noexcept { return *store_; }

  /// Settings of the quality checks that every write path runs (default: none).
  void set_qa_options(qa_options options) { qa_options_ = std::move(options); }
  const qa_options& qa_settings() const noexcept { return qa_options_; }

  /// Creates the labels documents the schema calls for that the store lacks
  /// (model.hpp, labels_type()), with their English labels, and completes
  /// those missing a field; labels already stored are never overwritten.
  /// write() calls it first; the command-line program and the server call
  /// it when they open a store for writing, so that a store made by an
  /// earlier Glossa gets its labels then. Returns how many it wrote.
  result<std::size_t> ensure_labels();

  /// Writes parsed documents in one transaction after running the quality
  /// checks on every translation they set: an error-level finding refuses the
  /// write (errc::qa_failed, located at the translation); warnings come back
  /// in the report. Every front end's content write goes through here.
  result<write_report> write(const std::vector<document_input>& documents, const write_options& options = {});

  /// Reads, validates, checks (see write()) and imports content files ("-"
  /// reads standard input) in one transaction: if any file is bad, nothing is
  /// written. Errors carry the file name and line:column.
  result<write_report> import_content_files(const std::vector<std::string>& paths, const write_options& options = {});
  /// Same as import_content_files for text already in memory.
  result<write_report> import_content(std::string_view bytes, std::string_view file_name,
                                      const write_options& options = {});

  /// Writes a content file that names only the document `key` (an HTTP PUT
  /// of that document). Errors: those of import_content, and
  /// invalid_argument when the file names another document.
  result<write_report> write_document(std::string_view key, std::string_view bytes, std::string_view file_name,
                                      const write_options& options = {});

  /// Every document (of `type`, all when empty) as a content file.
  result<std::string> export_content(std::string_view type = {});

  /// Copies everything this engine's store holds (documents, fields,
  /// translations, the full history, batches, the content schema) into
  /// `target`'s store, which must hold none of it: one transaction on the
  /// target, then a check that both hold the same (rows per table, the
  /// content export and the coverage report). `progress(table, rows)` is
  /// called as rows go. Errors: invalid_argument (a target that is not
  /// empty, a source holding a table the copy does not carry), store_error
  /// (the check found a difference), or the stores' own.
  result<copy_report> copy_store_to(engine& target,
                                    const std::function<void(const std::string&, std::size_t)>& progress = {});

  /// The configured locales (locales/locales.json), named in `ui_locale`
  /// and in their own language, by CLDR.
  std::vector<locale_info> locales(std::string_view ui_locale) const;

  /// A document in one locale with fallback. Errors: not_found, invalid_locale.
  result<localized_document> localize(std::string_view key, const localize_options& options);

  /// Documents of `type` (all when empty) with their titles in the requested
  /// locale, sorted by that locale's collation.
  result<std::vector<localized_summary>> list_localized(std::string_view type, const localize_options& options);

  /// Every document (of `type`, all when empty) localized, in key order: a
  /// bundle for static site generators.
  result<std::vector<localized_document>> bundle(std::string_view type, const localize_options& options);

  /// Coverage of the store: units and source words per locale and status,
  /// optionally per type, document or field. Errors: invalid_locale, unknown_type.
  result<coverage_report> coverage(const coverage_options& options);

  /// Runs every QA check on the stored translations (of `locale` and of
  /// document `key` when given), in key order. A stale translation is checked
  /// against the source it was made from.
  result<std::vector<qa_finding>> qa(std::string_view locale = {}, std::string_view key = {});

  /// Sets one translation (validated and checked like an import). Errors:
  /// not_found, unknown_field, invalid_value (field not translatable, source
  /// locale), invalid_locale, invalid_utf8, control_character, too_long, qa_failed.
  result<write_report> set_translation(std::string_view key, std::string_view field, std::string_view locale,
                                       std::string_view text, translation_state state,
                                       const write_options& options = {});

  /// Writes an XLIFF file of the fields that need work in one locale, one
  /// document at a time. Errors: invalid_locale, unknown_type, not_found (a
  /// --document key), invalid_argument (2.x export of documents with different
  /// source locales: 2.x files have one source language).
  result<xliff_export_summary> export_xliff(const xliff_export_options& options, std::ostream& out);

  /// Writes the translation memory into one locale as TMX 1.4b: the pairs
  /// of every translation offered (memory.hpp), each written once, with its
  /// document, field, level and state as <prop>s. Errors: invalid_locale.
  result<tm_export_summary> export_tm(const tm_export_options& options, std::ostream& out);

  /// Reads a TMX file (1.1 to 1.4b) into the store's imported memory, as
  /// one batch that undo_tm takes back; a pair the memory holds already is
  /// counted, not stored twice. Nothing is written unless the whole file
  /// reads. Errors: invalid_utf8, invalid_content (with line and column:
  /// not TMX, a <tu> without its source, codes that do not pair, a language
  /// that is not a BCP 47 tag), invalid_locale (options.locales).
  result<tm_import_report> import_tm(std::string_view bytes, std::string_view file,
                                     const tm_import_options& options = {});

  /// Fuzzy look-ups in the memory (store pairs and imported entries) into
  /// options.locale: for each query, the entries whose source scores at
  /// least options.min_score, best first. Builds the look-up index from the
  /// store on each call. Errors: invalid_locale, invalid_argument (a score
  /// or limit out of range, a query that is not valid UTF-8 or is empty).
  result<tm_search_report> search_tm(const tm_search_options& options);
  /// What an XLIFF export of options.scope would hold, by match band: its
  /// units (or sentences) and source words, against the memory into
  /// options.locale as `xliff export --tm` finds it. Builds the look-up index
  /// on each call. Errors: invalid_locale, unknown_type, not_found.
  result<analysis_report> analyze(const analysis_options& options);

  /// Deletes the memory entries a TMX import added. Errors: not_found (no
  /// such batch), invalid_argument (not a TMX import, or undone already).
  result<tm_undo_report> undo_tm(std::int64_t batch, const std::string& author = "tm");

  /// Reads a TBX file (TBX-Basic: TBX 2008 or v3) into the termbase of one
  /// language pair, as one batch that undo_terms takes back; an entry the
  /// termbase holds already is counted, not stored twice. Nothing is written
  /// unless the whole file reads. Errors: invalid_utf8, invalid_content (with
  /// line and column: not TBX, no target language or several, an unknown
  /// administrative status), unknown_locale (a locale Glossa is not set up for).
  result<terms_import_report> import_terms(std::string_view bytes, std::string_view file,
                                           const terms_import_options& options = {});
  /// Adds entries (each with a source term, in one pair) as one batch.
  /// Errors: invalid_argument (no source term, a term that is not valid
  /// UTF-8 or has a control character), unknown_locale.
  result<terms_import_report> add_terms(const std::vector<term_entry>& entries, const std::string& author = "terms",
                                        bool dry_run = false);
  /// The termbase's entries from `source_locale` into `target_locale`, in
  /// the order they were added. Errors: invalid_locale.
  result<std::vector<term_entry>> terms(std::string_view source_locale, std::string_view target_locale);
  /// Writes the termbase of one pair as TBX-Basic (TBX 2008). Returns the
  /// entries written. Errors: invalid_locale.
  result<std::size_t> export_terms(const terms_export_options& options, std::ostream& out);
  /// Deletes the entries a terms import or addition brought. Errors:
  /// not_found, invalid_argument (not a terms batch, or undone already).
  result<terms_undo_report> undo_terms(std::int64_t batch, const std::string& author = "terms");

  /// Imports a translated XLIFF file: every unit gets an outcome; acceptable
  /// units are applied in one transaction (all or nothing with `strict`).
  /// Error-level quality findings refuse their unit (code "qa:CHECK");
  /// warnings are listed on the unit.
  /// Errors (nothing changed): the file is not well-formed XML, has a DOCTYPE
  /// with entities, is not XLIFF, is a version Glossa does not read, has an
  /// element with more than 256 attributes or nested too deep (invalid_content),
  /// or breaks its version's rules (invalid_xliff, with the first rule and line).
  /// The bytes are taken by value (hand them over with std::move): the reader
  /// parses a copy in place and the validator the original, so the file is
  /// held about three times, plus the two parses, while it is read.
  result<xliff_import_report> import_xliff(std::string bytes, std::string_view file_name,
                                           const xliff_import_options& options = {});

  /// Restores exactly what an XLIFF import batch replaced. Errors: not_found
  /// (no such batch), invalid_argument (already undone, or a later change
  /// touched the same translations: undo that first).
  result<write_report> undo_batch(std::int64_t batch, const write_options& options = {});

  /// History of a document or one of its fields, oldest first.
  result<std::vector<history_entry>> history(std::string_view key, std::string_view field = {});

  /// Documents of one type (all types when empty), ordered by key.
  result<std::vector<document_summary>> list_documents(std::string_view type = {});

  /// The content schema of the store.
  result<content_schema> schema();

 private:
  std::unique_ptr<store> store_;
  qa_options qa_options_;
};

/// Default limit on the size of one input file: 1 GiB.
inline constexpr std::uint64_t default_max_input_bytes = 1ull << 30;
/// Sets the process-wide limit on one input file (import_content_files, the CLI; 0: the default).
void set_max_input_bytes(std::uint64_t bytes) noexcept;
std::uint64_t max_input_bytes() noexcept;

}  // namespace glossa
