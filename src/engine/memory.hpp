// The translation memory's pairs: what a stored translation offers to later
// work. A field's source and translation make one pair; rich text with the
// same block structure on both sides (p, li) also gives a pair per block;
// a block (or a text field) that ICU splits into the same number of
// sentences on both sides also gives a pair per sentence. Inline codes stay
// codes, and no sentence splits a code pair.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "formats/xliff/inline.hpp"
#include "glossa/model.hpp"
#include "i18n/sentences.hpp"
#include "i18n/words.hpp"

namespace glossa::detail {

enum class tm_level { field, block, sentence };
std::string_view to_string(tm_level l) noexcept;

struct tm_pair {
  tm_level level = tm_level::field;
  std::string variant;  ///< a message's plural/select variant (":count.few"), else ""
  xliff::content source, target;
};

/// The two splitters a walk over one language pair reuses.
struct tm_splitters {
  sentence_splitter source, target;
  tm_splitters(std::string_view source_locale, std::string_view target_locale)
      : source(source_locale), target(target_locale) {}
};

/// Calls `out` with the pairs of one translation of a field of kind `kind`
/// whose source text was `source` (the current value, or the older one a
/// stale translation was made from): the field's pairs first (one per
/// message variant), then blocks, then sentences. Nothing when the
/// translation does not line up with its source (its codes differ).
void memory_pairs(std::string_view source, std::string_view translation, field_kind kind,
                  std::string_view target_locale, tm_splitters& split, const std::function<void(tm_pair&&)>& out);

/// The sentences of `c`, split as `split` splits its text (codes as one
/// character each, never split between a pair), without the white space
/// between them.
std::vector<xliff::content> split_sentences(const xliff::content& c, sentence_splitter& split);

/// The segments a translator gets from a source: the text between block
/// tags of rich text (p, li, headings, cells...; the tags themselves belong
/// to no segment), each split into sentences; segments without words are
/// left out. Inline codes stay in their sentence, and none splits a pair.
std::vector<xliff::content> source_segments(const xliff::content& c, sentence_splitter& split);

/// `c` cut into what lies between segments and the segments, alternately:
/// between, segment, between, ..., segment, between (2k + 1 pieces for k
/// segments; a between piece may be empty). Joined in order they are `c`.
std::vector<xliff::content> segment_pieces(const xliff::content& c, sentence_splitter& split);

/// Content as the store keeps an imported memory entry: text as it is;
/// each code as U+0001, its kind (s, o or c) and id, U+0002, its original,
/// U+0002, disp, U+0002, ctype, U+0003. XML cannot carry U+0001..U+0003, so
/// no text read from TMX holds them; a text that does has them replaced by
/// U+FFFD. decode_tm_text(encode_tm_text(c)) == c for such content.
std::string encode_tm_text(const xliff::content& c);
xliff::content decode_tm_text(std::string_view s);

/// What makes two codes the same: their kind and the markup they stand for,
/// appended to `key` (U+0001, o, c or s, the markup, U+0003).
void append_code_key(std::string& key, const xliff::code& c);

/// The tokens a look-up compares of `c`, appended to `out`, each followed by
/// U+0000: the words and punctuation of each text part as `words` cuts them,
/// and each code as one token, keyed as append_code_key keys it (no text
/// token equals one: no text holds U+0001).
void lookup_tokens(const xliff::content& c, word_counter& words, std::string& out);

/// What makes two contents the same entry: the text, and each code's kind
/// and the markup it stands for ("<strong>", "{0}"), whatever its id (a
/// TMX's "i1" or "x1", the store's "1").
std::string tm_content_key(const xliff::content& c);
/// tm_content_key(c), appended to `key`.
void append_content_key(std::string& key, const xliff::content& c);

/// The key of a pair (an entry with the same key is the same pair): the
/// SHA-256 of the locales and the two tm_content_keys.
std::string tm_pair_key(std::string_view source_locale, std::string_view target_locale, const xliff::content& source,
                        const xliff::content& target);

}  // namespace glossa::detail
