#include "formats/xliff/writer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "glossa/version.hpp"

namespace glossa::xliff {

namespace {
// 1: escaped everywhere; 2: escaped in attribute values only.
constexpr std::array<unsigned char, 256> special = [] {
  std::array<unsigned char, 256> t{};
  t['&'] = t['<'] = t['>'] = t['\r'] = 1;
  t['"'] = t['\n'] = t['\t'] = 2;
  return t;
}();
}  // namespace

namespace {
// Offset of the first byte at or after `from` that may need escaping: sixteen
// bytes at a time where SSE2 is there (every x86-64), then byte by byte.
std::size_t next_special(std::string_view s, std::size_t from, bool attribute) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), cr = _mm_set1_epi8('\r');
  const __m128i quot = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, cr)));
    if (attribute)
      hit = _mm_or_si128(
          hit, _mm_or_si128(_mm_cmpeq_epi8(v, quot), _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, tab))));
    if (int mask = _mm_movemask_epi8(hit))
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  const unsigned char limit = attribute ? 2 : 1;
  for (; i < s.size(); ++i) {
    unsigned char k = special[static_cast<unsigned char>(s[i])];
    if (k != 0 && k <= limit) return i;
  }
  return s.size();
}
}  // namespace

void xml_escape_to(std::string& out, std::string_view s, bool attribute) {
  // Copies runs of ordinary characters in one piece; only the few special
  // characters are replaced (this is the export's hottest loop).
  std::size_t start = 0;
  for (std::size_t i = next_special(s, 0, attribute); i < s.size(); i = next_special(s, i + 1, attribute)) {
    const char* rep = "";
    switch (s[i]) {
      case '&':
        rep = "&amp;";
        break;
      case '<':
        rep = "&lt;";
        break;
      case '>':
        rep = "&gt;";
        break;
      case '\r':
        rep = "&#13;";
        break;
      case '"':
        rep = "&quot;";
        break;
      case '\n':
        rep = "&#10;";
        break;
      case '\t':
        rep = "&#9;";
        break;
      default:
        break;
    }
    out.append(s.data() + start, i - start);
    out += rep;
    start = i + 1;
  }
  out.append(s.data() + start, s.size() - start);
}

std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size() + 16);
  xml_escape_to(out, s, attribute);
  return out;
}

namespace {

const char* state_12(translation_state s, bool stale) {
  if (stale) return "needs-review-translation";
  switch (s) {
    case translation_state::fresh:
      return "new";
    case translation_state::translated:
      return "translated";
    case translation_state::reviewed:
      return "signed-off";
    case translation_state::final_:
      return "final";
  }
  return "translated";
}

const char* state_2x(translation_state s, bool stale) {
  if (stale) return "initial";
  switch (s) {
    case translation_state::fresh:
      return "initial";
    case translation_state::translated:
      return "translated";
    case translation_state::reviewed:
      return "reviewed";
    case translation_state::final_:
      return "final";
  }
  return "translated";
}

// Native data of a code as the translator's tool should keep it.
std::string native(const code& c) { return c.original.size() > 1 && c.original[0] == '#' ? "#" : c.original; }
}  // namespace

writer::writer(std::ostream& out, xliff_version version, std::string source_locale, std::string target_locale)
    : out_(out),
      version_(version),
      source_locale_(std::move(source_locale)),
      target_locale_(std::move(target_locale)) {}

void writer::begin() {
  out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (version_ == xliff_version::v1_2) {
    out_ << "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:glossa=\"" << glossa_ns
         << "\">\n";
  } else {
    std::string v(to_string(version_));
    std::string ns = version_ == xliff_version::v2_2 ? "urn:oasis:names:tc:xliff:document:2.2"
                                                     : "urn:oasis:names:tc:xliff:document:2.0";
    out_ << "<xliff version=\"" << v << "\" xmlns=\"" << ns << "\" xmlns:glossa=\"" << glossa_ns << "\""
         << " xmlns:slr=\"urn:oasis:names:tc:xliff:sizerestriction:2.0\"" << attr{"srcLang", source_locale_}
         << attr{"trgLang", target_locale_} << ">\n";
  }
}

void writer::begin_file(const std::string& id, const std::string& original, const std::string& source_locale,
                        const std::vector<std::string>& notes) {
  if (version_ == xliff_version::v1_2) {
    out_ << " <file" << attr{"original", original} << attr{"source-language", source_locale}
         << attr{"target-language", target_locale_} << " datatype=\"plaintext\">\n"
         << "  <header><tool tool-id=\"glossa\" tool-name=\"Glossa\" tool-version=\"" GLOSSA_VERSION_STRING "\"/>";
    for (const auto& n : notes) out_ << "<note from=\"glossa\">" << xml_escape(n) << "</note>";
    out_ << "</header>\n  <body>\n";
  } else {
    out_ << " <file" << attr{"id", id} << attr{"original", original} << ">\n";
    // Size restriction module: lengths count grapheme clusters, as
    // max_length does (Glossa's profile; docs/xliff.md), not code points.
    out_ << "  <slr:profiles generalProfile=\"" << grapheme_profile_2x << "\"/>\n";
    if (!notes.empty()) {
      out_ << "  <notes>";
      for (const auto& n : notes) out_ << "<note category=\"context\">" << xml_escape(n) << "</note>";
      out_ << "</notes>\n";
    }
  }
}

void writer::begin_group(const std::string& id, const std::vector<std::string>& notes) {
  if (version_ == xliff_version::v1_2) {
    out_ << "   <group" << attr{"id", id} << " restype=\"x-icu-message\">\n";
    for (const auto& n : notes) out_ << "    <note from=\"glossa\">" << xml_escape(n) << "</note>\n";
  } else {
    out_ << "  <group" << attr{"id", id} << " type=\"glossa:message\">\n";
    if (!notes.empty()) {
      out_ << "   <notes>";
      for (const auto& n : notes) out_ << "<note category=\"context\">" << xml_escape(n) << "</note>";
      out_ << "</notes>\n";
    }
  }
}

void writer::end_group() { out_ << (version_ == xliff_version::v1_2 ? "   </group>\n" : "  </group>\n"); }

namespace {
// A ctype 1.2 strict accepts: its own values for a delimiter (<g>) or a
// placeholder (<x>), or an x- one; another tool's type (TMX's "ulined")
// becomes x-ulined, and none is written for an empty one.
std::string ctype_12(std::string_view t, bool delimiter) {
  if (t.empty()) return {};
  static const std::set<std::string_view> delimiters{"bold", "italic", "underlined", "link"},
      placeholders{"image", "pb", "lb"};
  if (t.substr(0, 2) == "x-" || (delimiter ? delimiters : placeholders).count(t)) return std::string(t);
  std::string out = "x-";
  for (char ch : t) out += ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ? '-' : ch;
  return out;
}
}  // namespace

void writer::content_12(const content& c, const std::set<std::string>* split, bool isolated) {
  for (const auto& p : c) {
    if (!p.is_code) {
      out_.escaped(p.text);
      continue;
    }
    if (split && p.c->type != code::kind::standalone && split->count(p.c->id)) {
      bool open = p.c->type == code::kind::open;
      if (isolated)  // its other half is nowhere in the unit
        out_ << "<it" << attr{"id", p.c->id} << attr{"pos", open ? "open" : "close"};
      else
        out_ << (open ? "<bx" : "<ex") << attr{"id", p.c->id} << attr{"rid", p.c->id};
      if (auto t = ctype_12(p.c->ctype, true); open && !t.empty()) out_ << attr{"ctype", t};
      out_ << "/>";
      continue;
    }
    switch (p.c->type) {
      case code::kind::standalone:
        out_ << "<x" << attr{"id", p.c->id};
        if (auto t = ctype_12(p.c->ctype, false); !t.empty()) out_ << attr{"ctype", t};
        out_ << attr{"equiv-text", native(*p.c)} << "/>";
        break;
      case code::kind::open:
        out_ << "<g" << attr{"id", p.c->id};
        if (auto t = ctype_12(p.c->ctype, true); !t.empty()) out_ << attr{"ctype", t};
        out_ << ">";
        break;
      case code::kind::close:
        out_ << "</g>";
        break;
    }
  }
}

void writer::content_2x(const content& c, const std::set<std::string>* split, bool isolated) {
  for (const auto& p : c) {
    if (!p.is_code) {
      out_.escaped(p.text);
      continue;
    }
    if (split && p.c->type != code::kind::standalone && split->count(p.c->id)) {
      if (p.c->type == code::kind::open)
        out_ << "<sc" << attr{"id", p.c->id} << attr{"dataRef", "d" + p.c->id} << attr{"disp", p.c->disp}
             << (isolated ? " isolated=\"yes\"" : "") << " canDelete=\"no\"/>";
      else if (isolated)  // its other half is nowhere in the unit
        out_ << "<ec" << attr{"id", p.c->id} << attr{"dataRef", "e" + p.c->id}
             << " isolated=\"yes\" canDelete=\"no\"/>";
      else
        out_ << "<ec" << attr{"startRef", p.c->id} << attr{"dataRef", "e" + p.c->id} << " canDelete=\"no\"/>";
      continue;
    }
    switch (p.c->type) {
      case code::kind::standalone:
        out_ << "<ph" << attr{"id", p.c->id} << attr{"dataRef", "d" + p.c->id} << attr{"disp", p.c->disp}
             << attr{"equiv", native(*p.c)} << (p.c->can_delete ? "" : " canDelete=\"no\"") << "/>";
        break;
      case code::kind::open:
        out_ << "<pc" << attr{"id", p.c->id} << attr{"dataRefStart", "d" + p.c->id} << attr{"dataRefEnd", "e" + p.c->id}
             << attr{"dispStart", p.c->disp} << " canDelete=\"no\">";
        break;
      case code::kind::close:
        out_ << "</pc>";
        break;
    }
  }
}

namespace {
// originalData's <data> of the codes of `a` and `b` (each id once): native
// code of every placeholder and paired code.
std::string original_data(const content& a, const content* b = nullptr) {
  std::string data;
  std::set<std::string> seen;
  for (const content* c : {&a, b})
    for (std::size_t i = 0; c && i < c->size(); ++i) {
      const part& p = (*c)[i];
      if (!p.is_code) continue;
      std::string id = (p.c->type == code::kind::close ? "e" : "d") + p.c->id;
      if (!seen.insert(id).second) continue;
      data += "<data id=\"" + id + "\">" + xml_escape(p.c->type == code::kind::close ? p.c->original : native(*p.c)) +
              "</data>";
    }
  return data;
}

// A score as XLIFF 2.x's decimal: at most two decimals, no trailing zeros.
std::string decimal(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::clamp(score, 0.0, 100.0));
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}
}  // namespace

namespace {
// The ids of the code pairs of `c` that do not open and close inside it.
std::set<std::string> cut_pairs(const content& c) {
  std::set<std::string> open, cut;
  for (const auto& p : c) {
    if (!p.is_code || p.c->type == code::kind::standalone) continue;
    if (p.c->type == code::kind::open)
      open.insert(p.c->id);
    else if (!open.erase(p.c->id))
      cut.insert(p.c->id);
  }
  cut.insert(open.begin(), open.end());
  return cut;
}
}  // namespace

// 1.2: match-quality is a whole percentage (what CAT tools show), 101 for
// an in-context match as agencies count it; `mid` names a segment.
void writer::matches_12(const std::vector<match_out>& matches, const std::string& mid) {
  for (const auto& m : matches) {
    bool in_context = m.kind == match_kind::in_context;
    std::string quality = in_context ? "101" : std::to_string(static_cast<int>(std::floor(m.score + 1e-9)));
    out_ << "     <alt-trans";
    if (!mid.empty()) out_ << attr{"mid", mid};
    out_ << attr{"match-quality", quality} << attr{"origin", m.origin};
    if (m.kind == match_kind::previous_version) out_ << " alttranstype=\"previous-version\"";
    out_ << "><source>";
    // A segment's match may hold one side of a pair around it (a link around a paragraph).
    auto cut_source = cut_pairs(*m.source), cut_target = cut_pairs(*m.target);
    content_12(*m.source, &cut_source, true);
    out_ << "</source><target" << attr{"xml:lang", target_locale_} << ">";
    content_12(*m.target, &cut_target, true);
    out_ << "</target></alt-trans>\n";
  }
}

// 2.x: the matches module's candidates for the segment `ref` points at,
// each with the native code of its own codes.
void writer::matches_2x(const std::vector<match_out>& matches, const std::string& ref) {
  for (const auto& m : matches) {
    std::string score = decimal(m.score);
    const char* type = m.kind == match_kind::in_context ? "icm" : m.kind == match_kind::previous_version ? "idm" : "tm";
    out_ << "     <mtc:match" << attr{"ref", ref} << attr{"type", type} << attr{"similarity", score}
         << attr{"matchQuality", score} << attr{"origin", m.origin} << ">";
    std::string data = original_data(*m.source, m.target);
    if (!data.empty()) out_ << "<originalData>" << data << "</originalData>";
    out_ << "<source>";
    auto cut_source = cut_pairs(*m.source), cut_target = cut_pairs(*m.target);
    content_2x(*m.source, &cut_source, true);
    out_ << "</source><target>";
    content_2x(*m.target, &cut_target, true);
    out_ << "</target></mtc:match>\n";
  }
}

namespace {
constexpr std::string_view matches_2x_open = "    <mtc:matches xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\">\n";
constexpr std::string_view matches_2x_close = "    </mtc:matches>\n";

}  // namespace

// A target's start: its state, or a prefilled one's: not done, and why
// (1.2's own words for a target taken from a match, by place or by text).
void writer::target_open_12(const unit_out& u) {
  if (u.prefill)
    out_ << "     <target state=\"needs-review-translation\""
         << attr{"state-qualifier", u.prefill->mode == "context" ? "id-match" : "exact-match"} << ">";
  else
    out_ << "     <target" << attr{"state", state_12(u.state.value_or(translation_state::translated), u.target_stale)}
         << ">";
}

void writer::segment_attributes_2x(const unit_out& u) {
  if (u.target && u.prefill)
    out_ << " state=\"initial\"" << attr{"subState", "glossa:prefill-" + u.prefill->mode};
  else if (u.target)
    out_ << attr{"state", state_2x(u.state.value_or(translation_state::translated), u.target_stale)};
}

// 1.2: the whole source, then <seg-source> and the target with each
// segment in <mrk mtype="seg" mid="N">, each segment's matches with its mid.
// The <mrk>s are children of <seg-source> and <target> (the schema's key
// for mid sees only those), so a code pair around segments (a paragraph)
// is written <bx>/<ex>.
void writer::segmented_12(const unit_out& u) {
  const auto& pieces = *u.pieces;
  auto marked = [&](bool target) {
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const content& c = target ? *pieces[i].target : *pieces[i].source;
      auto cut = cut_pairs(c);
      if (i % 2 == 0) {
        content_12(c, &cut);
        continue;
      }
      out_ << "<mrk mtype=\"seg\"" << attr{"mid", std::to_string((i + 1) / 2)} << ">";
      content_12(c, &cut);
      out_ << "</mrk>";
    }
  };
  out_ << "     <seg-source>";
  marked(false);
  out_ << "</seg-source>\n";
  if (u.target) {
    target_open_12(u);
    marked(true);
    out_ << "</target>\n";
  }
}

// 2.x: a <segment id="sN"> per segment, an <ignorable> per piece between;
// a code pair cut by a segment's edge (a paragraph around sentences) is
// written <sc>/<ec>.
void writer::segmented_2x(const unit_out& u) {
  const auto& pieces = *u.pieces;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const piece_out& p = pieces[i];
    bool segment = i % 2 == 1;
    if (!segment && p.source->empty() && (!p.target || p.target->empty())) continue;
    if (segment) {
      out_ << "    <segment" << attr{"id", "s" + std::to_string((i + 1) / 2)};
      segment_attributes_2x(u);
      out_ << ">\n     <source>";
    } else {
      out_ << "    <ignorable>\n     <source>";
    }
    auto cut = cut_pairs(*p.source);
    content_2x(*p.source, &cut);
    out_ << "</source>\n";
    if (p.target) {
      auto cut_target = cut_pairs(*p.target);
      out_ << "     <target>";
      content_2x(*p.target, &cut_target);
      out_ << "</target>\n";
    }
    out_ << (segment ? "    </segment>\n" : "    </ignorable>\n");
  }
}

namespace {
std::string listed(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : ", ") + t;
  return out;
}

// What a glossary entry says besides its translations: the definition, then
// what not to do.
std::string explained(const term_out& t) {
  std::string out = t.definition;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
  if (t.do_not_translate) add("Do not translate.");
  if (!t.forbidden.empty()) add("Do not use: " + listed(t.forbidden) + ".");
  return out;
}
}  // namespace

// One note per term, for the translator (1.2 has no glossary of its own).
void writer::terms_12(const std::vector<term_out>& terms) {
  for (const auto& t : terms) {
    std::string text = "Term: " + t.source;
    if (!t.translations.empty() && !t.do_not_translate) text += " = " + listed(t.translations);
    if (std::string more = explained(t); !more.empty()) text += ". " + more;
    out_ << "     <note from=\"glossa-terms\" annotates=\"source\">";
    out_.escaped(text);
    out_ << "</note>\n";
  }
}

// The glossary module: an entry needs a translation or a definition.
void writer::terms_2x(const std::vector<term_out>& terms) {
  out_ << "    <gls:glossary xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\">\n";
  for (const auto& t : terms) {
    std::string more = explained(t);
    if (t.translations.empty() && more.empty()) continue;
    out_ << "     <gls:glossEntry" << attr{"id", t.id} << "><gls:term source=\"glossa\">";
    out_.escaped(t.source);
    out_ << "</gls:term>";
    for (std::size_t k = 0; k < t.translations.size(); ++k) {
      out_ << "<gls:translation" << attr{"id", t.id + "-" + std::to_string(k + 1)} << " source=\"glossa\">";
      out_.escaped(t.translations[k]);
      out_ << "</gls:translation>";
    }
    if (!more.empty()) {
      out_ << "<gls:definition source=\"glossa\">";
      out_.escaped(more);
      out_ << "</gls:definition>";
    }
    out_ << "</gls:glossEntry>\n";
  }
  out_ << "    </gls:glossary>\n";
}

void writer::unit(const unit_out& u) {
  if (version_ == xliff_version::v1_2) {
    out_ << "    <trans-unit" << attr{"id", u.id} << attr{"glossa:rev", u.revision};
    if (u.prefill) out_ << attr{"glossa:prefill", u.prefill->fingerprint};
    // approved="yes": the 1.2 way to say a reviewed or final translation is signed off.
    if (u.target && !u.target_stale && !u.prefill && u.state && *u.state >= translation_state::reviewed)
      out_ << " approved=\"yes\"";
    // Glossa counts user-perceived characters (grapheme clusters), which no
    // size-unit of 1.2 names: "char" would let a tool count code points and
    // refuse a name with Arabic diacritics that Glossa accepts.
    if (u.max_length) out_ << " maxwidth=\"" << *u.max_length << "\" size-unit=\"" << grapheme_unit_12 << "\"";
    out_ << ">\n     <source>";
    content_12(*u.source);
    out_ << "</source>\n";
    if (u.pieces) {
      segmented_12(u);
    } else if (u.target) {
      target_open_12(u);
      content_12(*u.target);
      out_ << "</target>\n";
    }
    if (u.notes)
      for (const auto& n : *u.notes) {
        out_ << "     <note from=\"glossa\">";
        out_.escaped(n);
        out_ << "</note>\n";
      }
    if (u.terms) terms_12(*u.terms);
    if (u.pieces) {
      for (std::size_t i = 1; i < u.pieces->size(); i += 2)
        if (const auto* m = (*u.pieces)[i].matches) matches_12(*m, std::to_string((i + 1) / 2));
    } else if (u.matches) {
      matches_12(*u.matches);
    }
    out_ << "    </trans-unit>\n";
    return;
  }
  out_ << "   <unit" << attr{"id", u.id} << attr{"glossa:rev", u.revision};
  if (u.prefill) out_ << attr{"glossa:prefill", u.prefill->fingerprint};
  if (u.max_length) out_ << " slr:sizeRestriction=\"" << *u.max_length << "\"";
  out_ << ">\n";
  bool matched = false;
  if (u.pieces) {
    for (std::size_t i = 1; i < u.pieces->size(); i += 2)
      if (const auto* m = (*u.pieces)[i].matches; m && !m->empty()) {
        if (!matched) out_ << matches_2x_open;
        matched = true;
        matches_2x(*m, "#s" + std::to_string((i + 1) / 2));
      }
  } else if (u.matches && !u.matches->empty()) {
    out_ << matches_2x_open;
    matched = true;
    matches_2x(*u.matches);
  }
  if (matched) out_ << matches_2x_close;
  if (u.terms && !u.terms->empty()) terms_2x(*u.terms);
  if (u.notes && !u.notes->empty()) {
    out_ << "    <notes>";
    for (const auto& n : *u.notes) {
      out_ << "<note category=\"context\">";
      out_.escaped(n);
      out_ << "</note>";
    }
    out_ << "</notes>\n";
  }
  std::string data = original_data(*u.source);
  if (!data.empty()) out_ << "    <originalData>" << data << "</originalData>\n";
  if (u.pieces) {
    segmented_2x(u);
  } else {
    out_ << "    <segment";
    if (matched) out_ << " id=\"s1\"";
    segment_attributes_2x(u);
    out_ << ">\n     <source>";
    content_2x(*u.source);
    out_ << "</source>\n";
    if (u.target) {
      out_ << "     <target>";
      content_2x(*u.target);
      out_ << "</target>\n";
    }
    out_ << "    </segment>\n";
  }
  out_ << "   </unit>\n";
}

void writer::end_file() { out_ << (version_ == xliff_version::v1_2 ? "  </body>\n </file>\n" : " </file>\n"); }

void writer::empty_file(const std::string& source_locale, const std::string& note) {
  begin_file("empty", "glossa/empty", source_locale, {note});
  if (version_ != xliff_version::v1_2)
    out_ << "  <unit id=\"glossa-empty\" translate=\"no\"><segment><source/></segment></unit>\n";
  end_file();
}

void writer::end() {
  out_ << "</xliff>\n";
  out_.flush();
}

}  // namespace glossa::xliff
