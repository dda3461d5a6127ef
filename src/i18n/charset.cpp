#include "i18n/charset.hpp"

#include <unicode/ucnv.h>

#include "i18n/icu_util.hpp"

namespace glossa::detail {

result<std::string> to_utf8(std::string_view bytes, const char* charset) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(charset, &st);
  if (U_FAILURE(st)) return error(errc::invalid_argument, std::string("unknown encoding '") + charset + "'");
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), cnv, st);
  ucnv_close(cnv);
  if (U_FAILURE(st)) return error(errc::invalid_utf8, std::string("bytes that are not valid ") + charset);
  std::string out = from_icu(u);
  if (out.rfind("\xEF\xBB\xBF", 0) == 0) out.erase(0, 3);
  return out;
}

}  // namespace glossa::detail
