// Finding a termbase's terms in text: words by ICU word break (UAX #29),
// compared after NFC and case folding, with the inflected forms each
// language allows:
//
// - every language: a term matches itself; Arabic drops its diacritics
//   (harakat, superscript alef) and tatweel, and reads أ إ آ as ا;
// - English: plural -s, -es, -y -> -ies on the last word, and the possessive 's;
// - French: plural -s, -x, -al -> -aux, on each word of the term, and an
//   elided article or pronoun before a word (l', d', qu', jusqu', ...);
// - Spanish: plural -s, -es, -z -> -ces, on each word, the stem compared
//   without accents when a plural ending was taken (canción, canciones);
// - Arabic: the first word of a term behind the attached particles: a
//   conjunction (و ف), then a preposition (ب ك ل), then the article ال,
//   written لل after ل; a term written with the article also matches
//   without it. Particles without the article before a stem of fewer than
//   three letters are not taken (بحر is not ب + حر), nor is a word that is
//   itself one of the termbase's terms taken as another term behind a
//   particle. Suffixes (ـين ـون ـات ـه) are not peeled: list such forms as
//   admitted terms. A strict term (a forbidden one, where a false hit
//   refuses a translation) takes no particle but with the article;
// - a term of several words matches the same words with the same
//   separators (white space runs as one space: "Secretary-General" is not
//   "Secretary General"), and punctuation a term starts or ends with must
//   be there ("C++" is not "C").
//
// docs/terminology.md gives the rules with examples.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace glossa::detail {

class term_finder {
 public:
  static constexpr std::size_t max_candidates = 200000;

  /// Terms in `locale` (a BCP 47 tag; its language chooses the rules).
  explicit term_finder(std::string_view locale);
  ~term_finder();
  term_finder(term_finder&&) noexcept;
  term_finder& operator=(term_finder&&) noexcept;

  /// Adds a term; returns its number (0, 1, ... in order of addition). A
  /// term without a word (punctuation only) is never found.
  std::size_t add(std::string_view term, bool strict = false);

  /// The numbers of the terms found in `text` (UTF-8), each once, ascending.
  std::vector<std::size_t> find(std::string_view text) const;

  /// Each place a term is found: the term's number and the words it spans,
  /// [begin, end) in the text's words, by place. A text on which the look-up
  /// has compared max_candidates terms (many terms sharing a first word, on
  /// a long text that repeats it) is looked at no further: real termbases
  /// and texts stay far below it, a hostile pair cannot make it quadratic.
  struct hit {
    std::size_t term, begin, end;
  };
  std::vector<hit> hits(std::string_view text) const;

  /// The words of `text` as this finder compares them (for tests and docs).
  std::vector<std::string> words(std::string_view text) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace glossa::detail
