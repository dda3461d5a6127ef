// Sentence segmentation: ICU's sentence break (UAX #29) for the locale, with
// the abbreviations of locales/abbreviations.json (and CLDR's) after which a
// sentence does not end, and ranges that no break may split (an inline code
// pair). What translation memory pairs and `--segment sentences` exports.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace glossa::detail {

/// One sentence of a text: bytes [begin, end), without the white space that
/// follows it (which belongs to no sentence).
struct sentence_span {
  std::size_t begin = 0, end = 0;
  bool operator==(const sentence_span&) const = default;
};

/// Splits text into sentences in one locale's rules. Building the ICU
/// iterator is the expensive part: build one and reuse it. Not thread-safe.
class sentence_splitter {
 public:
  explicit sentence_splitter(std::string_view locale);
  ~sentence_splitter();
  sentence_splitter(sentence_splitter&&) noexcept;
  sentence_splitter& operator=(sentence_splitter&&) noexcept;

  /// The sentences of `text` (valid UTF-8), in order; none for a text of
  /// white space only. No break falls strictly inside a range of
  /// `keep_together` (byte offsets, [first, second)).
  std::vector<sentence_span> split(std::string_view text,
                                   const std::vector<std::pair<std::size_t, std::size_t>>& keep_together = {});

 private:
  struct impl;  // ICU's filtered break iterator
  std::unique_ptr<impl> impl_;
};

/// The abbreviations Glossa adds for a locale's language (its first subtag).
std::vector<std::string_view> abbreviations_for(std::string_view locale);

}  // namespace glossa::detail
