#include "apps/shell/exit_codes.hpp"

namespace glossa::shell {
int exit_code_for(errc code) noexcept {
  switch (code) {
    case errc::ok:
      return exit_ok;
    case errc::io_error:
      return exit_io;
    case errc::invalid_utf8:
    case errc::json_syntax:
    case errc::invalid_content:
    case errc::unknown_type:
    case errc::unknown_field:
    case errc::invalid_value:
    case errc::invalid_locale:
    case errc::unknown_locale:
    case errc::not_a_file:
    case errc::invalid_schema:
    case errc::invalid_argument:
    case errc::control_character:
    case errc::too_long:
    case errc::too_large:
    case errc::qa_failed:
      return exit_invalid;
    case errc::invalid_xliff:
      return exit_invalid_xliff;
    case errc::not_found:
      return exit_not_found;
    case errc::store_error:
    case errc::store_version:
    case errc::store_unavailable:
      return exit_store;
    case errc::store_busy:
      return exit_busy;
    case errc::cancelled:
      return exit_cancelled;
  }
  return exit_internal;
}
}  // namespace glossa::shell
