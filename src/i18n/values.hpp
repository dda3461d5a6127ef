// Validation of field values by kind, shared by every input path (content
// import, translation set, XLIFF import). Offsets are byte offsets in the value.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "glossa/error.hpp"
#include "glossa/model.hpp"

namespace glossa::detail {

/// nullopt: valid; otherwise why not, with `where.offset` the byte offset in
/// the value when one place is at fault.
using check_result = std::optional<error>;

check_result check_date(std::string_view value);            ///< "YYYY-MM-DD", a real Gregorian date
check_result check_local_datetime(std::string_view value);  ///< "YYYY-MM-DDTHH:MM:SS"
check_result check_decimal(std::string_view value);         ///< "-?[0-9]+(\.[0-9]+)?"
check_result check_currency(std::string_view value);        ///< ISO 4217, known to ICU
check_result check_time_zone(std::string_view value);       ///< IANA zone ID known to ICU
check_result check_message_syntax(std::string_view value);  ///< ICU MessageFormat pattern

/// Text of a textual field, as source or translation: valid UTF-8, no control
/// characters, within max_length, well-formed markup (rich_text) or message
/// syntax (message).
check_result check_text(std::string_view text, const field_def& def);

}  // namespace glossa::detail

namespace glossa::detail {
/// A canonical value (as stored) of any kind: the check every write path runs
/// before anything reaches the store.
check_result check_canonical(std::string_view value, const field_def& def);
}  // namespace glossa::detail
