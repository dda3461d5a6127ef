// The translation memory's fuzzy look-up. Sources are sequences of symbols
// (the caller's tokens: words, punctuation and inline codes, each one
// number), indexed by their symbol trigrams; a query is answered with the
// sources whose similarity reaches a threshold. Similarity is Levenshtein
// distance d over the symbols, 100 * (1 - d / max(length of query, length
// of source)): what OmegaT and Translate Toolkit compute, over tokens or
// characters. Equal scores are ordered by a second score the caller gives
// (e.g. the same similarity over characters), then by the order of add().
//
// How a look-up stays fast: a candidate must have a length within the
// window the threshold allows (at 75, between 3/4 and 4/3 of the query's),
// and share enough of the query's distinct trigrams (each edit destroys at
// most three of them, so a source within distance d shares at least
// g - 3d of the query's g; a source that must share t of them shares one of
// the g - t + 1 rarest, so the postings of the t - 1 most common trigrams,
// "{ name }" in every other text, are searched, not walked; trigrams are
// found through a directory by their top bits); only those are compared, best counts first,
// each with a distance bounded by what could still beat the results so far,
// after a count of the symbols the two have in common (an alignment with d
// edits keeps at least max(m, n) - d of them), which long texts need: at
// 75, a text of n symbols may be n/4 edits away, more than its trigrams
// can tell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace glossa::detail {

class fuzzy_index {
 public:
  struct match {
    std::uint32_t id = 0;  ///< what add() was given
    double score = 0;      ///< 0..100
  };

  /// Adds a source under `id`, returned with each match. Call finish()
  /// after the last one, before find().
  void add(std::u32string_view symbols, std::uint32_t id);
  /// Builds the postings of what was added; called once.
  void finish();

  /// The best `limit` sources scoring at least `min_score` (1..100), best
  /// first; among equal scores the higher `tiebreak(id)`, then the one
  /// added first.
  std::vector<match> find(std::u32string_view query, double min_score, std::size_t limit,
                          const std::function<double(std::uint32_t)>& tiebreak = {}) const;

  std::size_t size() const noexcept { return ids_.size(); }
  /// Bytes held: symbols, postings, and the tables that find them.
  std::size_t memory_bytes() const noexcept;

 private:
  struct candidate {
    std::uint32_t number, shared;
  };

  std::u32string_view symbols_of(std::uint32_t number) const;
  void renumber_by_length();
  std::size_t fewest_shared(std::size_t m, std::size_t g, std::size_t low, std::size_t high, double min_score) const;
  std::vector<candidate> candidates(std::u32string_view q, const std::vector<std::uint32_t>& grams,
                                    double min_score) const;

  std::u32string symbols_;               ///< every source's symbols, back to back
  std::vector<std::uint64_t> ends_;      ///< where source n ends in symbols_
  std::vector<std::uint32_t> ids_;       ///< the caller's id per source
  char32_t max_symbol_ = 0;              ///< the largest symbol added (a query's larger ones match nothing)
  std::vector<std::uint16_t> distinct_;  ///< distinct trigrams per source (at most 65535)
  // Postings, once finished: the sorted trigrams, where each one's sources start in sources_.
  std::vector<std::uint32_t> grams_;
  std::vector<std::uint64_t> starts_;
  /// Where the trigrams whose top directory_bits_ bits are b start in grams_: directory_[b].
  std::vector<std::uint32_t> directory_{0, 0, 0};
  int directory_bits_ = 1;
  std::vector<std::uint32_t> sources_;
  std::vector<std::uint64_t> pending_;  ///< trigram << 32 | source, until finish()
  /// Sources by length, each length's by distinct trigrams ascending: the few
  /// whose trigrams an edit budget can wipe out are found here, not in the postings.
  std::vector<std::vector<std::uint32_t>> by_length_;
  /// Once finished, sources are numbered by length: those of length n are
  /// the numbers from first_of_length_[n] up to first_of_length_[n + 1].
  std::vector<std::uint32_t> first_of_length_;
  std::vector<std::uint32_t> added_;  ///< the order each source was added in, for equal scores
};

/// Levenshtein distance over code points, or `bound + 1` as soon as it is
/// certain to exceed `bound`.
std::size_t bounded_distance(std::u32string_view a, std::u32string_view b, std::size_t bound);

/// 100 * (1 - d / max(|a|, |b|)); 0 when either is empty.
double similarity(std::u32string_view a, std::u32string_view b);

}  // namespace glossa::detail
