#include "locale/words.hpp"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>

#include "locale/icu_util.hpp"

namespace glossa::detail {

std::size_t count_words(std::string_view text, std::string_view locale) {
  if (text.empty()) return 0;
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(locale.data(), static_cast<int32_t>(locale.size())), st);
  st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(loc, st));
  if (U_FAILURE(st)) return 0;
  icu::UnicodeString u = to_icu(text);
  it->setText(u);
  std::size_t words = 0;
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next())
    if (it->getRuleStatus() != UBRK_WORD_NONE) ++words;
  return words;
}

}  // namespace glossa::detail
