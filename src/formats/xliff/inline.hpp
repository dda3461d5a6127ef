// Inline content: the text of one XLIFF segment with protected codes.
//
// A field's source or translation becomes one or more units of `content`:
// rich_text markup becomes paired codes (<b>...</b>) and standalone codes
// (<br/>); ICU message arguments become placeholders; a message with
// plural/select becomes one unit per variant (the cartesian product of its
// selectors, with the TARGET locale's plural categories) and is reassembled
// into a valid ICU message on import.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"

namespace glossa::xliff {

struct code {
  enum class kind { standalone, open, close };
  kind type = kind::standalone;
  std::string id;           ///< unique per unit; an open and its close share it
  std::string original;     ///< native data: "<b>", "</b>", "<br/>", "{name}", "#"
  std::string disp;         ///< what a translator sees: "{name}", "<b>", "#"
  std::string ctype;        ///< XLIFF 1.2 ctype: "bold", "italic", "link", "lb", "x-icu-argument"...
  bool can_delete = false;  ///< a plural count (#) may be dropped ("وظيفتان" needs no number)
};

/// A value held on the heap, copied with its holder: a text part carries no
/// code, and a code is five strings (a file of a hundred thousand units holds
/// hundreds of thousands of parts). Reading an absent value reads an empty one.
template <class T>
class boxed {
 public:
  boxed() = default;
  boxed(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit, as the value it holds
  boxed(const boxed& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  boxed(boxed&&) noexcept = default;
  boxed& operator=(const boxed& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  boxed& operator=(boxed&&) noexcept = default;
  ~boxed() = default;

  const T& operator*() const { return p_ ? *p_ : empty(); }
  const T* operator->() const { return &**this; }
  T& operator*() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }
  T* operator->() { return &**this; }

 private:
  static const T& empty() {
    static const T value{};
    return value;
  }
  std::unique_ptr<T> p_;
};

struct part {
  bool is_code = false;
  std::string text;  ///< plain characters (decoded: "&" not "&amp;")
  boxed<code> c;     ///< when is_code
};
using content = std::vector<part>;

/// A plural/select argument of a message, with the selectors exported for it.
struct selector {
  std::string name;                  ///< argument name ("count")
  std::string style;                 ///< plural, selectordinal or select
  std::string offset;                ///< plural offset ("" if none)
  std::vector<std::string> choices;  ///< explicit "=n" values, then categories or select keys
};

/// One exported unit of a field: its id suffix ("" or ":count.few") and content.
struct variant {
  std::string suffix;                            ///< appended to the field's unit id
  std::map<std::string, std::string> selectors;  ///< argument -> selector ("count" -> "few")
  std::vector<selector> shape;                   ///< the message's selectors, outermost first
  content source;
};

/// Numbers the codes of source content: by first appearance, a close code
/// taking the id of the code it closes.
void number_codes(content& c);
/// Gives `target`'s codes the ids of the source's codes with the same
/// markup, the n-th occurrence the n-th id. False when a target code has no
/// counterpart.
bool number_like(content& target, const content& source);

/// Splits a field's source text into the units to export for `target_locale`.
/// text: one unit, no codes. rich_text: one unit with paired/standalone codes.
/// message: one unit per variant. Errors: invalid_value (text not valid for its kind).
result<std::vector<variant>> to_variants(std::string_view text, field_kind kind, std::string_view target_locale);

/// The same split applied to an existing translation, aligned with `source`
/// variants (same suffixes). nullopt when its structure does not match.
std::optional<std::map<std::string, content>> align_translation(std::string_view text, field_kind kind,
                                                                const std::vector<variant>& source,
                                                                std::string_view target_locale);

/// Problems of a target's codes against its source's: missing, extra,
/// duplicated or unpaired codes. Reordering is allowed. Empty when fine.
std::string check_codes(const content& source, const content& target);

/// Rebuilds field text from translated units (suffix -> content). For a
/// message every variant must be present. Errors: invalid_value with the reason.
result<std::string> from_variants(const std::vector<variant>& source, const std::map<std::string, content>& targets,
                                  field_kind kind);

/// How content compares: its text and its codes by id and kind (not by how a
/// tool spelled them: <g> or <bpt>/<ept>, <x> or <ph>). With
/// `collapse_whitespace`, runs of XML whitespace count as one space and
/// leading and trailing whitespace is left out. Equal keys: same content.
std::string comparison_key(const content& c, bool collapse_whitespace);
/// The same for a key built piece by piece: text, then codes (append_code_key).
void append_code_key(std::string& key, code::kind type, std::string_view id);
std::string collapse_key_whitespace(std::string_view key);
/// A key made readable for messages: codes as <1>, </1>, <1/>.
std::string render_key(std::string_view key);
/// Builds a source's print (reader.hpp, source_print) piece by piece, as
/// comparison_key() with collapsed whitespace would read it, without
/// building the key: a 64-bit FNV-1a hash and a short readable excerpt.
/// Bytes U+0001..U+0004 count as whitespace (the reader's protected runs).
class source_printer {
 public:
  /// `with_excerpt` false: the hash only (comparing, not reporting).
  explicit source_printer(bool with_excerpt = true) : cut_(!with_excerpt) {}
  void text(std::string_view s);
  void code(code::kind type, std::string_view id);
  /// The hash of everything given so far; the same for the same bytes,
  /// however they were split into text() calls.
  std::uint64_t hash() const noexcept;
  std::string excerpt() const { return cut_ && !excerpt_.empty() ? excerpt_ + "\u2026" : excerpt_; }

 private:
  void emit(std::string_view bytes, std::string_view shown);
  std::uint64_t hash_ = 1469598103934665603ull;
  bool started_ = false, pending_space_ = false, cut_ = false;
  std::string excerpt_;
};

/// Whether a translator's target equals another as the field kind compares
/// text: rich text as HTML does (whitespace runs collapse), text and
/// messages exactly.
bool same_content(const content& a, const content& b, field_kind kind);
/// 16 hex digits of a hash of what same_content() compares: equal for content
/// it finds the same (and, but for a 2^-64 chance, only for it).
std::string content_fingerprint(const content& c, field_kind kind);
/// A glossa:prefill value (content_fingerprint's 16 hex digits) as a number; nullopt when it is none.
std::optional<std::uint64_t> prefill_fingerprint(std::string_view hex);

/// Plain text of content, codes shown by their disp (or left out).
std::string display_text(const content& c, bool with_codes = true);

}  // namespace glossa::xliff
