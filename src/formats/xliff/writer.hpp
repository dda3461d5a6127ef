// Streaming XLIFF writer: 1.2 or 2.x, one document (<file>) at a time, so an
// export holds one document in memory, not the whole file.
#pragma once

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "formats/xliff/inline.hpp"
#include "glossa/xliff.hpp"

namespace glossa::xliff {

/// Namespace of Glossa's extension attributes (schema: xliff/glossa-xliff.xsd).
inline constexpr const char* glossa_ns = "urn:glossa:xliff:1";
/// How a field's max_length is declared: in user-perceived characters
/// (extended grapheme clusters, UAX #29), which Glossa counts. 2.x: the
/// size restriction profile Glossa defines; 1.2: a size-unit of its own (no
/// standard unit counts them; "char" would count code points).
inline constexpr const char* grapheme_profile_2x = "urn:glossa:size:graphemes";
inline constexpr const char* grapheme_unit_12 = "x-glossa-grapheme";

/// XML-escapes text (and quotes, for attributes).
std::string xml_escape(std::string_view s, bool attribute = false);
/// Appends the escaped text to `out`.
void xml_escape_to(std::string& out, std::string_view s, bool attribute = false);

/// An attribute to write: ` name="escaped value"`.
struct attr {
  const char* name;
  std::string_view value;
};

/// A translation candidate for a unit: 1.2 <alt-trans>, 2.x <mtc:match>.
enum class match_kind {
  memory,            ///< exact or fuzzy, from the memory
  in_context,        ///< the same source in the same document and field (1.2: match-quality 101; 2.x icm)
  previous_version,  ///< a stale unit's old source and translation (1.2 alttranstype; 2.x idm)
};

struct match_out {
  const content* source = nullptr;
  const content* target = nullptr;
  double score = 0;  ///< 0..100
  match_kind kind = match_kind::memory;
  std::string origin;       ///< where it comes from
  bool same_field = false;  ///< from the unit's own document and field
};

/// What an export put into a target from the memory: "context" or "exact",
/// and content_fingerprint() of the target, for the import to know it untouched.
struct prefill_out {
  std::string mode;
  std::string fingerprint;
};

/// A piece of a segmented unit (segment_pieces): what lies between segments
/// at even places, a segment at odd ones, source and target alike.
struct piece_out {
  const content* source = nullptr;
  const content* target = nullptr;                  ///< nullptr: the unit has no target
  const std::vector<match_out>* matches = nullptr;  ///< a segment's, best first
};

/// A termbase entry whose source term the unit's source has: 2.x a
/// <gls:glossEntry>, 1.2 a <note>.
struct term_out {
  std::string id;  ///< unique in the unit ("g12")
  std::string source;
  std::vector<std::string> translations;  ///< preferred first, then admitted
  std::vector<std::string> forbidden;
  std::string definition;
  bool do_not_translate = false;
};

struct unit_out {
  std::string id;
  std::string revision;                             ///< source revision the unit is exported against
  const std::vector<std::string>* notes = nullptr;  ///< context for the translator
  std::optional<std::size_t> max_length;            ///< in code points
  const content* source = nullptr;
  const content* target = nullptr;  ///< nullptr: no target
  std::optional<translation_state> state;
  bool target_stale = false;                        ///< the target was made from an older source
  const std::vector<match_out>* matches = nullptr;  ///< best first
  std::optional<prefill_out> prefill;               ///< the target is a match the export put there
  /// Segmented (two segments or more): the pieces, which join into source and
  /// target; 1.2 writes <seg-source> and <mrk mtype="seg">, 2.x a <segment>
  /// per segment and an <ignorable> per piece between. `matches` is then unused.
  const std::vector<piece_out>* pieces = nullptr;
  const std::vector<term_out>* terms = nullptr;  ///< in the termbase's order
};

class writer {
 public:
  writer(std::ostream& out, xliff_version version, std::string source_locale, std::string target_locale);
  void begin();
  /// `source_locale`: the document's; a 1.2 <file> carries its own, a 2.x file has the root's.
  void begin_file(const std::string& id, const std::string& original, const std::string& source_locale,
                  const std::vector<std::string>& notes);
  void begin_group(const std::string& id, const std::vector<std::string>& notes);
  void unit(const unit_out& u);
  void end_group();
  void end_file();
  /// A <file> that says there is nothing to translate (an XLIFF needs one <file>; 2.x needs a unit in it).
  void empty_file(const std::string& source_locale, const std::string& note);
  void end();

 private:
  /// `split`: ids of pairs cut by a segment's edge, written 1.2 <bx>/<ex>, 2.x <sc>/<ec>; or,
  /// `isolated` (a match that holds one half), 1.2 <it>, 2.x isolated <sc>/<ec>.
  void content_12(const content& c, const std::set<std::string>* split = nullptr, bool isolated = false);
  void content_2x(const content& c, const std::set<std::string>* split = nullptr, bool isolated = false);
  void matches_12(const std::vector<match_out>& matches, const std::string& mid = {});
  void matches_2x(const std::vector<match_out>& matches, const std::string& ref = "#s1");
  void terms_12(const std::vector<term_out>& terms);
  void terms_2x(const std::vector<term_out>& terms);
  void segmented_12(const unit_out& u);
  void segmented_2x(const unit_out& u);
  void target_open_12(const unit_out& u);
  void segment_attributes_2x(const unit_out& u);

  // Output buffered in 64 KiB pieces: thousands of tiny ostream writes per
  // document cost more than the XML itself.
  class sink {
   public:
    explicit sink(std::ostream& os) : os_(os) { buf_.reserve(1 << 17); }
    ~sink() { flush(); }
    sink& operator<<(std::string_view s) {
      buf_.append(s);
      return spill();
    }
    sink& operator<<(char c) {
      buf_ += c;
      return spill();
    }
    sink& operator<<(std::size_t n) {
      buf_ += std::to_string(n);
      return spill();
    }
    sink& operator<<(const attr& a) {
      buf_ += ' ';
      buf_ += a.name;
      buf_ += "=\"";
      xml_escape_to(buf_, a.value, true);
      buf_ += '"';
      return spill();
    }
    void escaped(std::string_view s, bool attribute = false) {
      xml_escape_to(buf_, s, attribute);
      spill();
    }
    void flush() {
      os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
      buf_.clear();
    }

   private:
    sink& spill() {
      if (buf_.size() >= (1 << 16)) flush();
      return *this;
    }
    std::ostream& os_;
    std::string buf_;
  };
  sink out_;
  xliff_version version_;
  std::string source_locale_, target_locale_;
};

}  // namespace glossa::xliff
