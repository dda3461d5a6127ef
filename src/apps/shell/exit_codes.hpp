// The CLI's exit codes: one table, documented in docs/cli.md. Never renumbered.
#pragma once
#include "glossa/error.hpp"

namespace glossa::shell {
enum exit_code : int {
  exit_ok = 0,               ///< success
  exit_internal = 1,         ///< internal error (a bug: please report it)
  exit_usage = 2,            ///< bad command line
  exit_io = 3,               ///< a file could not be read or written
  exit_invalid = 4,          ///< invalid input: malformed JSON/UTF-8, schema violation, bad value or locale
  exit_not_found = 5,        ///< no such document, field or store
  exit_store = 6,            ///< the store cannot be used (corrupt, not a Glossa store, newer version)
  exit_busy = 7,             ///< the store is locked by another writer; retry
  exit_cancelled = 8,        ///< cancelled; nothing was written
  exit_refused_units = 9,    ///< an XLIFF import refused units (without --strict the others were applied)
  exit_invalid_xliff = 10,   ///< xliff validate found a file invalid; xliff import refused an invalid file
  exit_coverage_below = 11,  ///< coverage --fail-under: a locale is below the threshold
  exit_qa_errors = 12,       ///< qa found errors (warnings alone exit 0)
};
int exit_code_for(errc code) noexcept;
}  // namespace glossa::shell
