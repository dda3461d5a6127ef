// TMX 1.4b output: translation units of the memory, their inline codes as
// <bpt>/<ept> (a pair) and <ph> (a standalone code), each holding the native
// markup ("<b>", "{name}") escaped, with dates and <prop>s.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "formats/xliff/inline.hpp"

namespace glossa::tmx {

/// One <tu>: a source and a target segment.
struct unit {
  std::string source_locale, target_locale;
  xliff::content source, target;       ///< a code shared by both has the same id on each side
  std::string created_at, changed_at;  ///< ISO 8601 UTC ("2026-12-01T10:00:00.000Z"); empty: left out
  std::string author;                  ///< creationid/changeid; empty: left out
  std::string segtype;                 ///< the unit's own segtype when not the header's ("sentence"); empty: none
  std::vector<std::pair<std::string, std::string>> props;  ///< type ("x-glossa-document"), value
};

/// The <header>'s facts.
struct header {
  std::string source_locale;  ///< srclang: one locale, or "*all*" when units differ
  std::string segtype = "block";
  std::string created_at;  ///< ISO 8601 UTC
  /// Each code's native code written as the XLIFF 1.2 element a CAT tool sees in Glossa's XLIFF
  /// (<g id="N">, </g>, <x id="N"/>) instead of the markup it stands for.
  bool xliff_codes = false;
};

/// Writes a TMX 1.4b document: the header, then each unit as it is given.
class writer {
 public:
  writer(std::ostream& out, const header& h);
  void add(const unit& u);
  /// Closes the body and the document.
  void finish();

 private:
  std::ostream& out_;
  std::string buf_;
  bool xliff_codes_ = false;
};

/// "2026-12-01T10:00:00.000Z" as TMX dates are written: "20261201T100000Z".
/// Empty when `iso` is not in that form.
std::string tmx_date(std::string_view iso);

}  // namespace glossa::tmx
