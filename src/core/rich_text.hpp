// Tokenizer for rich_text values: the small HTML subset Glossa stores
// (p, br, b, strong, i, em, a href, ul, ol, li). Used to validate values and,
// later, to turn markup into XLIFF inline codes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"

namespace glossa::detail {

struct rich_token {
  enum class kind { text, open, close, empty };  ///< empty: <br/>
  kind type = kind::text;
  std::string_view raw;    ///< the bytes of the token in the input
  std::string name;        ///< tag name, lowercase (empty for text)
  std::string href;        ///< decoded href of <a>
  std::size_t offset = 0;  ///< byte offset in the input
};

/// Splits `text` into tokens; an invalid_value error, its `where.offset` the
/// byte offset at fault, for tags outside the subset, attributes other than
/// href on <a>, unbalanced or misnested tags, bad entities, stray '<'.
std::optional<error> tokenize_rich_text(std::string_view text, std::vector<rich_token>& out);

/// Text of a text token with its character references (&amp; &#8217;) decoded.
std::string decode_entities(std::string_view raw);

}  // namespace glossa::detail
