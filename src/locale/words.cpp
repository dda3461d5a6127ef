#include "locale/words.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>

#include "locale/icu_util.hpp"

namespace glossa::detail {

word_counter::word_counter(std::string_view locale) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(icu::StringPiece(locale.data(), static_cast<int32_t>(locale.size())), st);
  st = U_ZERO_ERROR;
  it_.reset(icu::BreakIterator::createWordInstance(loc, st));
  if (U_FAILURE(st)) it_.reset();
}

word_counter::~word_counter() = default;
word_counter::word_counter(word_counter&&) noexcept = default;
word_counter& word_counter::operator=(word_counter&&) noexcept = default;

std::size_t word_counter::count(std::string_view text) {
  if (!it_ || text.empty()) return 0;
  icu::UnicodeString u = to_icu(text);
  it_->setText(u);
  std::size_t words = 0;
  for (int32_t end = it_->next(); end != icu::BreakIterator::DONE; end = it_->next())
    if (it_->getRuleStatus() != UBRK_WORD_NONE) ++words;
  return words;
}

std::size_t count_words(std::string_view text, std::string_view locale) { return word_counter(locale).count(text); }

}  // namespace glossa::detail
