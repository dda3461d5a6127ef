// The memory of one source language held for look-up: each entry's source
// as tokens (ICU words and punctuation of each text part, and each inline
// code one token: the same code, by kind and markup, is the same token), indexed by
// fuzzy_index. A match's score is the token-level similarity; equal scores
// are ordered by the same similarity over characters (codes one character
// each), so that "apply by 15 May" prefers "apply by 16 May" to
// "apply by 15 June". Entries are kept packed (their texts back to back).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/fuzzy_index.hpp"
#include "engine/memory_walk.hpp"
#include "i18n/words.hpp"

namespace glossa::detail {

class tm_matcher {
 public:
  /// Holds the entries whose source language is `source_locale`'s.
  explicit tm_matcher(std::string source_locale);

  /// Adds `e` when its source language is the matcher's; says whether it did.
  bool add(memory_entry&& e);
  /// Builds the index of what was added; call before find().
  void finish() { index_.finish(); }

  struct found {
    std::uint32_t entry = 0;  ///< for entry()
    double score = 0;         ///< token-level, 0..100
  };
  /// The best `limit` entries for `query` scoring at least `min_score`. Among equal scores,
  /// entries of the variant `variant` (":count.two") come first, then the closest in characters.
  /// Only reads the matcher: look-ups may run on several threads at once
  /// (none while add() or finish() runs).
  std::vector<found> find(const xliff::content& query, double min_score, std::size_t limit,
                          std::string_view variant = {}) const;

  /// The token-level similarity of two contents (0..100), as find() scores.
  double similarity(const xliff::content& a, const xliff::content& b) const;

  memory_entry entry(std::uint32_t n) const;
  std::size_t size() const noexcept { return kept_.size(); }
  /// Bytes the look-up holds besides the entries: tokens, postings, dictionary.
  std::size_t index_bytes() const noexcept;
  /// Bytes of the entries' source and target texts.
  std::size_t text_bytes() const noexcept { return text_bytes_; }

 private:
  struct kept {
    std::uint64_t offset = 0;  ///< its fields in arena_, each after its length
    std::int64_t batch = 0;
    tm_level level = tm_level::field;
    translation_state state = translation_state::translated;
    bool stale = false;
  };
  using unknown_tokens = std::unordered_map<std::string, char32_t>;
  std::u32string learn(std::string_view tokens);
  std::u32string symbols(const xliff::content& c, unknown_tokens& unknown) const;
  std::string_view source_text(std::uint32_t n) const;

  std::string language_;
  word_counter words_;  // cuts tokens by language, as the memory's walk does; for entries added without them
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, char32_t, text_hash, std::equal_to<>> dictionary_;
  fuzzy_index index_;
  std::string arena_;
  std::vector<kept> kept_;
  std::size_t text_bytes_ = 0;
};

/// The bounds of a look-up's options: a lowest score of 1 to 100, and 1 to
/// 100 matches. Errors: invalid_argument.
status check_match_bounds(double min_score, std::size_t limit);

/// Content as characters, for ordering equal scores: its text, each code
/// one private-use character (U+E000..U+F8FF) chosen by its kind and markup.
std::string match_text(const xliff::content& c);

/// Content as plain text, each code as the markup it stands for.
std::string plain_text(const xliff::content& c);

}  // namespace glossa::detail
