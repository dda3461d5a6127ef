// What every command of the `glossa` program shares: the global settings, the
// exit code being built, opening the engine, writing outputs, messages.
// Each command is a file of its own (add_*), registered in main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "apps/shell/messages.hpp"
#include "glossa/glossa.hpp"

namespace glossa::cli {

using shell::tr;
using shell::trn;

/// The global options and the exit code of the run.
struct context {
  std::string db = "glossa.db";
  std::string allow_list;  ///< terms that may stay identical to the source (QA)
  bool quiet = false;
  int rc = 0;
};

/// Prints the error on stderr; returns its exit code.
int fail(const error& e);

/// Opens the engine on the store (`create`: a missing store is created;
/// reading commands never create one), brings an older store's labels up to
/// date and applies the allow list, then runs `use`. Returns its exit code,
/// or the failure's.
int with_engine(const context& c, bool create, const std::function<int(engine&)>& use);

/// "512M", "2G", "64K" or plain bytes (binary multiples); nullopt when not a size.
std::optional<std::uint64_t> parse_size(const std::string& v);

/// Quality warnings of a write, on stderr (unless quiet): the write went through.
void print_warnings(const std::vector<qa_finding>& warnings, bool quiet);

/// Reads and imports each of `files` in turn ("-": standard input):
/// `import(bytes, path)` answers the file's report as JSON when `json`,
/// else prints it as text and answers "". A file that fails is said on
/// stderr and the others go on; the JSON reports of several files are
/// written as an array. Returns the exit code of the first failure, or 0.
int import_each(const std::vector<std::string>& files, bool json,
                const std::function<result<std::string>(const std::string& bytes, const std::string& path)>& import);

/// Writes an output file ("-" or empty: standard output) from `produce`;
/// see shell::write_file. Returns an exit code.
int write_streamed(const std::string& path, const std::function<status(std::ostream&)>& produce);
int write_output(const std::string& path, const std::string& data);

/// Progress on stderr, only for a terminal and without --quiet.
class progress_meter {
 public:
  progress_meter(bool quiet, std::string what);
  void operator()(std::size_t done, std::size_t total);
  void finish();

 private:
  bool on_;
  std::string what_;
};

// The commands, one file each. `parent` is the program or the command group.
void add_store_upgrade(CLI::App& parent, context& c);
void add_store_copy(CLI::App& parent, context& c);
void add_content_import(CLI::App& parent, context& c);
void add_content_export(CLI::App& parent, context& c);
void add_schema_show(CLI::App& parent, context& c);
void add_translation_set(CLI::App& parent, context& c);
void add_xliff_export(CLI::App& parent, context& c);
void add_xliff_import(CLI::App& parent, context& c);
void add_xliff_validate(CLI::App& parent, context& c);
void add_xliff_undo(CLI::App& parent, context& c);
void add_tm_export(CLI::App& parent, context& c);
void add_tm_import(CLI::App& parent, context& c);
void add_tm_undo(CLI::App& parent, context& c);
void add_tm_search(CLI::App& parent, context& c);
void add_terms_import(CLI::App& parent, context& c);
void add_terms_undo(CLI::App& parent, context& c);
void add_terms_export(CLI::App& parent, context& c);
void add_terms_add(CLI::App& parent, context& c);
void add_terms_list(CLI::App& parent, context& c);
void add_coverage(CLI::App& parent, context& c);
void add_analyze(CLI::App& parent, context& c);
void add_qa(CLI::App& parent, context& c);
void add_serve(CLI::App& parent, context& c);
void add_get(CLI::App& parent, context& c);
void add_list(CLI::App& parent, context& c);
void add_bundle(CLI::App& parent, context& c);
void add_history(CLI::App& parent, context& c);

}  // namespace glossa::cli
