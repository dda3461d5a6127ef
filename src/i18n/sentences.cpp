#include "i18n/sentences.hpp"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <boost/json.hpp>
#include <map>
#include <string>

#include "core/utf8.hpp"
#include "i18n/icu_util.hpp"

namespace glossa::detail {

extern const std::string_view builtin_abbreviations_json;

namespace {

using abbreviation_table = std::map<std::string, std::vector<std::string>, std::less<>>;

// locales/abbreviations.json, built in; read once.
const abbreviation_table& abbreviations() {
  static const abbreviation_table table = [] {
    abbreviation_table t;
    auto doc = boost::json::parse(builtin_abbreviations_json);
    for (const auto& [language, words] : doc.at("languages").as_object())
      for (const auto& w : words.as_array()) t[std::string(language)].emplace_back(w.as_string());
    return t;
  }();
  return table;
}

std::string_view language_of(std::string_view locale) { return locale.substr(0, locale.find_first_of("-_")); }

// Is a break at byte `at` strictly inside a kept range?
bool inside(std::size_t at, const std::vector<std::pair<std::size_t, std::size_t>>& keep) {
  for (const auto& [first, last] : keep)
    if (at > first && at < last) return true;
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Is the code point that ends at byte `end` (> 0) a letter or digit?
bool letter_before(std::string_view text, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  std::size_t at = start;
  return u_isalnum(static_cast<UChar32>(decode_utf8(text, at))) != 0;
}

}  // namespace

std::vector<std::string_view> abbreviations_for(std::string_view locale) {
  std::vector<std::string_view> out;
  if (auto it = abbreviations().find(language_of(locale)); it != abbreviations().end())
    for (const auto& w : it->second) out.emplace_back(w);
  return out;
}

// ICU's filter takes an abbreviation with an inner full stop ("e.g.") only
// as far as its first one, so Glossa's own are checked here, whole.
struct sentence_splitter::impl {
  std::unique_ptr<icu::BreakIterator> it;  // with CLDR's exceptions
  std::vector<std::string_view> abbreviations;

  // Does the text before a break at `at` end with an abbreviation that
  // starts a word?
  bool after_abbreviation(std::string_view text, std::size_t at) const {
    while (at > 0 && is_space(text[at - 1])) --at;
    std::string_view before = text.substr(0, at);
    for (auto a : abbreviations) {
      if (before.size() < a.size() || before.substr(before.size() - a.size()) != a) continue;
      std::size_t start = before.size() - a.size();
      if (start == 0 || !letter_before(before, start)) return true;
    }
    return false;
  }
};

sentence_splitter::sentence_splitter(std::string_view locale) : impl_(std::make_unique<impl>()) {
  impl_->abbreviations = abbreviations_for(locale);
  icu::Locale loc = icu_locale(locale);
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> plain(icu::BreakIterator::createSentenceInstance(loc, st));
  if (U_FAILURE(st)) return;
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> filter(icu::FilteredBreakIteratorBuilder::createInstance(loc, st));
  if (U_FAILURE(st)) {  // no CLDR exceptions for this language: ours alone
    st = U_ZERO_ERROR;
    filter.reset(icu::FilteredBreakIteratorBuilder::createEmptyInstance(st));
  }
  if (U_FAILURE(st)) {
    impl_->it = std::move(plain);
    return;
  }
  st = U_ZERO_ERROR;
  impl_->it.reset(filter->wrapIteratorWithFilter(plain.release(), st));
  if (U_FAILURE(st)) impl_->it.reset();
}

sentence_splitter::~sentence_splitter() = default;
sentence_splitter::sentence_splitter(sentence_splitter&&) noexcept = default;
sentence_splitter& sentence_splitter::operator=(sentence_splitter&&) noexcept = default;

std::vector<sentence_span> sentence_splitter::split(std::string_view text,
                                                    const std::vector<std::pair<std::size_t, std::size_t>>& keep) {
  // Breaks in UTF-16 offsets, turned into byte offsets by walking the text once.
  std::vector<std::size_t> bytes_at_breaks;
  if (impl_ && impl_->it && !text.empty()) {
    icu::UnicodeString u = to_icu(text);
    impl_->it->setText(u);
    std::vector<int32_t> breaks;
    for (int32_t b = impl_->it->next(); b != icu::BreakIterator::DONE; b = impl_->it->next()) breaks.push_back(b);
    std::size_t byte = 0, unit = 0, next = 0;
    while (next < breaks.size()) {
      if (static_cast<int32_t>(unit) == breaks[next]) {
        if (byte == text.size() || (!inside(byte, keep) && !impl_->after_abbreviation(text, byte)))
          bytes_at_breaks.push_back(byte);
        ++next;
        continue;
      }
      if (byte >= text.size()) break;
      unit += decode_utf8(text, byte) > 0xFFFF ? 2 : 1;  // advances byte
    }
  }
  if (bytes_at_breaks.empty() || bytes_at_breaks.back() != text.size()) bytes_at_breaks.push_back(text.size());
  std::vector<sentence_span> out;
  std::size_t begin = 0;
  for (auto end : bytes_at_breaks) {
    std::size_t b = begin, e = end;
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
    if (b < e) out.push_back({b, e});
    begin = end;
  }
  return out;
}

}  // namespace glossa::detail
