// Word counting with ICU word boundaries (UAX #29): a word is a segment whose
// rule status is a letter, number, kana or ideograph run; punctuation and
// spaces are not words. Markup and placeholders are removed by the caller.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/model.hpp"

namespace glossa::detail {

/// Counts words in one locale's word-break rules. Building the ICU break
/// iterator is the expensive part, so a counter is built once and reused
/// (e.g. for every unit of an export). Not thread-safe.
class word_counter {
 public:
  explicit word_counter(std::string_view locale);
  ~word_counter();
  word_counter(word_counter&&) noexcept;
  word_counter& operator=(word_counter&&) noexcept;
  std::size_t count(std::string_view text);
  /// The tokens of `text` (valid UTF-8) in order: its words and each other
  /// segment that is not white space (punctuation, a symbol, a private-use
  /// character standing for an inline code), as byte ranges of `text`.
  void tokens(std::string_view text, std::vector<std::string_view>& out);

 private:
  struct impl;  // ICU's break iterator
  std::unique_ptr<impl> impl_;
};

/// What a reader of a source value reads, markup and placeholders as spaces:
/// the text words are counted on. Rich text without its tags (entities
/// decoded); a message's `other` form (the last branch when it has none).
std::string visible_source(std::string_view value, field_kind kind);
/// The same for showing to people: a message keeps its arguments and '#'
/// ("# positions are open"), as translators see them.
std::string shown_source(std::string_view value, field_kind kind);

/// True when `text` (valid UTF-8) has a letter (Unicode Alphabetic).
bool has_letter(std::string_view text);

/// One-off count (builds a counter).
std::size_t count_words(std::string_view text, std::string_view locale);

}  // namespace glossa::detail
