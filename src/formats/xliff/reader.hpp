// XLIFF reader: any version Glossa reads (1.0, 1.1, 1.2, 2.0, 2.1, 2.2), any
// encoding XML allows (UTF-8, UTF-16 with BOM, declared legacy encodings), into
// units with inline content. Hostile input is refused before it is parsed:
// DOCTYPEs declaring entities, UTF-16 without a byte-order mark.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/xliff/inline.hpp"
#include "glossa/error.hpp"
#include "glossa/xliff.hpp"

namespace glossa::xliff {

/// A state a file gives a target, as Glossa ranks states: nullopt for one
/// that says the work is not done (1.x new, needs-*, or none; 2.x initial).
std::optional<translation_state> done_state(std::string_view raw, bool v2);

/// How the import compares sources: a hash of the source's comparison key
/// (comparison_key() with whitespace collapsed) and the key's start, made
/// readable (render_key()), for messages.
struct source_print {
  std::uint64_t hash = 0;
  std::string excerpt;  ///< at most 40 bytes of the rendered key, cut at a character; "…" when cut
  bool operator==(const source_print& o) const noexcept { return hash == o.hash; }
};
/// The print of content (a stored source's variant); `with_excerpt` false
/// leaves the excerpt empty (comparing needs the hash only).
source_print print_of(const content& c, bool with_excerpt = false);

/// glossa:rev: 16 hexadecimal digits, held without an allocation. A longer
/// value reads back cut, with "…", so that it matches no revision.
class revision_tag {
 public:
  revision_tag() = default;
  explicit revision_tag(std::string_view v) : size_(static_cast<std::uint8_t>(std::min<std::size_t>(v.size(), 17))) {
    std::copy_n(v.data(), std::min<std::size_t>(v.size(), 16), chars_.data());
  }
  std::string str() const {
    return size_ <= 16 ? std::string(chars_.data(), size_) : std::string(chars_.data(), 16) + "\u2026";
  }
  bool empty() const noexcept { return size_ == 0; }

 private:
  std::array<char, 16> chars_{};
  std::uint8_t size_ = 0;
};

// One unit as read. Kept small: an import holds one per unit of the file
// (hundreds of thousands), the largest part of its memory after the tree.
struct unit_in {
  std::string id;
  std::uint32_t line = 0;
  std::uint16_t language = 0;  ///< index into document_in::languages: its <file>'s (1.x) or the root's (2.x)
  bool approved = false;       ///< 1.x approved="yes" on the trans-unit
  std::optional<translation_state> state;  ///< done_state() of target (1.x) or segment (2.x)
  revision_tag revision;                   ///< glossa:rev, empty when absent
  std::optional<std::uint64_t> prefill;    ///< glossa:prefill: the content_fingerprint() of a prefilled target
  source_print source;                     ///< always read, whether or not the content is kept
  content source_content;                  ///< only when read with_source
  std::optional<content> target;           ///< nullopt: no <target>
  std::unique_ptr<std::string> problem;    ///< why the unit could not be read (unknown inline element...), or null
};

struct document_in {
  std::string version;  ///< "1.0", "1.1", "1.2", "2.0", "2.1", "2.2"
  std::string source_language;
  std::string target_language;         ///< root (2.x) or first <file> (1.x)
  std::vector<std::string> languages;  ///< the target languages units name, by unit_in::language
  std::vector<unit_in> units;
};

/// Decodes `bytes` to UTF-8 following the BOM or the XML declaration. Returns
/// nullopt when `bytes` already are UTF-8 (after an optional BOM, which
/// `bytes` then no longer includes): no copy is made.
/// Errors: invalid_utf8 (undecodable, or UTF-16 without BOM), invalid_argument (unknown encoding).
result<std::optional<std::string>> decode_xml(std::string_view& bytes, std::string_view file);

/// Reads an XLIFF document. Errors (with file:line:column): invalid_utf8,
/// invalid_content (not well-formed, DOCTYPE with entities, not XLIFF, unread version).
/// `with_source` false skips the <source> content (an import judges targets
/// against the stored source, and saves the memory). With `problems`, the
/// rules of the file's version are checked on the same parse and what they
/// find is appended there (the document is read all the same).
result<document_in> read_xliff(std::string_view bytes, std::string_view file, bool with_source = true,
                               std::vector<xliff_problem>* problems = nullptr);
/// Same, parsing in place in `bytes` (which it consumes): no copy of the file.
result<document_in> read_xliff(std::string&& bytes, std::string_view file, bool with_source = true,
                               std::vector<xliff_problem>* problems = nullptr);

}  // namespace glossa::xliff
