// Conversion of text in other encodings (UTF-16 files a CAT tool wrote) to
// UTF-8, through ICU's converters.
#pragma once

#include <string>
#include <string_view>

#include "glossa/error.hpp"

namespace glossa::detail {

/// `bytes` in `charset` (an ICU converter name: "UTF-16LE", "UTF-16BE") as
/// UTF-8, a leading byte-order mark dropped. Errors: invalid_argument for a
/// charset ICU does not know, invalid_utf8 for bytes that are not valid in it.
result<std::string> to_utf8(std::string_view bytes, const char* charset);

}  // namespace glossa::detail
