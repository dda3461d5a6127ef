// XLIFF validation beyond well-formedness: the structure of each version and
// the processing requirements schemas cannot express (id uniqueness per
// scope, startRef/isolated pairing, canReorder/canCopy/canDelete, fragment
// identifiers, state/subState, modules). Used by `glossa xliff validate`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace glossa::xliff {

/// One broken rule: a stable rule id (snake_case), what is wrong, and where.
struct finding {
  std::string rule;
  std::string message;
  std::uint32_t line = 0;  ///< 1-based, 0 when unknown
  std::string unit;        ///< id of the unit the finding lies in; empty outside units
  bool in_target = false;  ///< it is about that unit's target content only
};

/// Whitespace-only text inside <source>/<target> is kept through the reader's
/// in-place parse by swapping its characters for U+0001..U+0004 (which XML
/// forbids, so none are real once scan_text has passed); both sides use these.
constexpr char protected_space_first = '\x01', protected_space_last = '\x04';

/// What only the raw text shows, read before an in-place parse rewrites it:
/// characters XML 1.0 forbids (raw or as references) and the name a DOCTYPE
/// gives the root element.
struct text_facts {
  std::vector<finding> characters;
  std::optional<std::size_t> doctype_offset;
  std::string doctype_name;
};

/// Offset of the DOCTYPE declaration in `text`'s prolog (walked over comments
/// and processing instructions, which may hold "<!DOCTYPE" or the root's name
/// as text, up to the root element); npos when it has none.
std::size_t doctype_offset(std::string_view text);

/// Scans the decoded UTF-8 `text`; `newlines` holds the offsets of its line feeds.
text_facts scan_text(std::string_view text, const std::vector<std::size_t>& newlines);

/// Checks a document the reader parsed in place from that text (pugixml
/// offsets index it; whitespace-only text kept inside <source>/<target> only,
/// as U+0001..U+0004, see reader.cpp). `version` is the detected version
/// ("1.0", "1.1", "1.2", "2.0", "2.1", "2.2"). Returns every finding, empty
/// when the document is valid.
std::vector<finding> validate_document(const pugi::xml_document& doc, const std::vector<std::size_t>& newlines,
                                       text_facts facts, const std::string& version);

/// The same checks, shared by two threads: run() on one checks everything;
/// help(), called on another while run() goes on, takes a share of the
/// <file> elements (each file's checks are independent of the others). The
/// findings come out in the same order either way. take() after both return.
class validation {
 public:
  validation(const pugi::xml_document& doc, const std::vector<std::size_t>& newlines, text_facts facts,
             std::string version);
  ~validation();
  validation(const validation&) = delete;
  validation& operator=(const validation&) = delete;

  void run();
  void help();
  std::vector<finding> take();

 private:
  struct state;
  std::unique_ptr<state> s_;
};

}  // namespace glossa::xliff
