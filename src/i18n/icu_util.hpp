// The one place where ICU's UErrorCode becomes a glossa::error, and the
// UTF-8 <-> UTF-16 conversions the ICU layer needs. ICU types stay in src/.
#pragma once

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <memory>
#include <string>
#include <string_view>

#include "glossa/error.hpp"

namespace glossa::detail {

/// error(code, "<what>: <ICU error name>") when `status` is a failure.
error icu_error(UErrorCode status, errc code, std::string_view what);

inline icu::UnicodeString to_icu(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}
inline std::string from_icu(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

/// The ICU locale of a BCP 47 tag; the root locale when it does not parse.
icu::Locale icu_locale(std::string_view tag);
/// ICU's word break (UAX #29) for `locale`; nullptr when ICU cannot make one.
std::unique_ptr<icu::BreakIterator> word_break(std::string_view locale);

/// True when `code` is an ISO 4217 currency code ICU knows (current or historic).
bool is_iso_currency(std::string_view code);
/// True when `zone` is an IANA time zone ID ICU knows ("Europe/Zurich").
bool is_known_time_zone(std::string_view zone);
/// User-perceived characters (extended grapheme clusters, UAX #29): what a
/// reader counts. "مُدِير" is 6 code points and 4 characters.
std::size_t count_graphemes(std::string_view utf8);

}  // namespace glossa::detail
