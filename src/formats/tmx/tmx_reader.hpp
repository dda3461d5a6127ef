// TMX input (1.1 to 1.4b): the translation units of a memory an agency or a
// CAT tool wrote (OmegaT's project_save.tmx, Translate Toolkit's po2tmx,
// Glossa's own export). Codes (<bpt>/<ept> pairs, <ph>, <it>, <ut>) become
// content codes holding the markup they carry; <hi> is read through; a
// <sub>'s text is not part of the segment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/tmx/tmx_writer.hpp"
#include "glossa/error.hpp"

namespace glossa::tmx {

/// One <tu> read for one target language: its source <tuv> (the tu's or the
/// header's srclang; the first <tuv> under "*all*") and its <tuv> in the
/// target language. `line` is where the <tu> starts.
struct unit_in : unit {
  std::size_t line = 0;
};

struct document_in {
  std::string version;        ///< the root's version ("1.4")
  std::string source_locale;  ///< the header's srclang
  std::vector<unit_in> units;
  std::size_t skipped = 0;  ///< <tu>s without a <tuv> in the target language, or without text on a side
};

/// Reads a TMX document and the units with a <tuv> whose xml:lang (lang in
/// TMX 1.1) is `target_locale` (compared as BCP 47, case-insensitively;
/// "fr" also takes "fr-FR" when the file has no exact "fr"). Errors, with
/// file, line and column: invalid_utf8; invalid_content for XML that is not
/// well-formed, a root that is not <tmx>, a version other than 1.1-1.4, a
/// <tu> whose source <tuv> is missing, a <bpt> and <ept> that do not pair.
result<document_in> read_tmx(std::string_view bytes, std::string_view file, std::string_view target_locale);

}  // namespace glossa::tmx
