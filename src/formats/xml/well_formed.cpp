// One pass over the text, iterative (a stack of open elements, never the
// call stack), failing at the first problem. Productions are named as in
// XML 1.0 (Fifth Edition); "NS" marks a constraint of Namespaces in XML 1.0.
#include "formats/xml/well_formed.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/error_at.hpp"
#include "core/utf8.hpp"

namespace glossa::xml {

namespace {

constexpr std::string_view xml_uri = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view xmlns_uri = "http://www.w3.org/2000/xmlns/";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// [4] NameStartChar
constexpr bool is_name_start(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
         (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
         (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
         (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

// [4a] NameChar
constexpr bool is_name_char(char32_t c) {
  if (c < 0x80) return is_name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9');
  return is_name_start(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

// [2] Char
bool is_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

std::string hex(char32_t c) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (int shift = c > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) out += digits[(c >> shift) & 0xF];
  return "U+" + out;
}

// A namespace binding in scope: prefix ("" for the default) -> URI.
struct binding {
  std::string_view prefix;
  std::string uri;
};

// An attribute of the start tag being read.
struct attribute {
  std::string_view name;
  std::size_t value_begin = 0, value_end = 0;
  bool has_reference = false;
};

class checker {
 public:
  explicit checker(std::string_view text) : t_(text) {}

  std::optional<error> run() {
    try {
      document();
    } catch (const stop&) {
      return error_;
    }
    return std::nullopt;
  }

 private:
  struct stop {};  // unwinds to run() at the first problem

  [[noreturn]] void fail(std::size_t at, std::string message) { refuse(at, std::string(not_well_formed) + message); }
  // Refused by Glossa's DTD policy, whether well-formed or not.
  [[noreturn]] void refuse(std::size_t at, std::string message) {
    error_ = detail::error_at(errc::invalid_content, std::move(message), std::min(at, t_.size()));
    throw stop{};
  }

  bool at_end(std::size_t i) const { return i >= t_.size(); }
  bool starts(std::size_t i, std::string_view s) const { return t_.compare(i, s.size(), s) == 0; }

  char32_t code_point(std::size_t i, std::size_t& next) const {
    next = i;
    return detail::decode_utf8(t_, next);
  }

  std::size_t skip_space(std::size_t i) const {
    while (!at_end(i) && is_space(t_[i])) ++i;
    return i;
  }

  std::size_t require_space(std::size_t i, const char* what) {
    if (at_end(i) || !is_space(t_[i])) fail(i, std::string("whitespace is required ") + what);
    return skip_space(i);
  }

  // [5] Name. Returns its end. ASCII is looked up, the rest decoded.
  std::size_t name(std::size_t i, const char* what) {
    std::size_t next = 0;
    if (at_end(i) || !is_name_start(code_point(i, next)))
      fail(i, std::string("a name is expected ") + what + (at_end(i) ? " (the text ends)" : ""));
    for (i = next; !at_end(i); i = next) {
      auto b = static_cast<unsigned char>(t_[i]);
      if (b < 0x80) {
        if (!ascii_name_char[b]) break;
        next = i + 1;
      } else if (!is_name_char(code_point(i, next))) {
        break;
      }
    }
    return i;
  }

  static constexpr std::array<bool, 128> ascii_name_char = [] {
    std::array<bool, 128> t{};
    for (char32_t c = 0; c < 128; ++c) t[c] = is_name_char(c);
    return t;
  }();

  // NS [7] QName: one colon at most, with a name on either side.
  void qname(std::size_t begin, std::size_t end, const char* what) {
    std::string_view n = t_.substr(begin, end - begin);
    auto colon = n.find(':');
    if (colon == std::string_view::npos) return;
    std::size_t after = 0;
    if (colon == 0 || colon + 1 == n.size() || n.find(':', colon + 1) != std::string_view::npos ||
        !is_name_start(code_point(begin + colon + 1, after)))
      fail(begin, std::string("'") + std::string(n) + "' is not a valid qualified name for " + what +
                      " (Namespaces in XML: prefix:local, one colon)");
  }

  // Characters of a run that has no markup to read: only Char matters. In
  // valid UTF-8 the code points XML forbids are C0 controls and U+FFFE/FFFF.
  void characters(std::size_t i, std::size_t end) {
    for (; i < end; ++i) {
      auto b = static_cast<unsigned char>(t_[i]);
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') bad_character(i);
      if (b == 0xEF && i + 2 < end && static_cast<unsigned char>(t_[i + 1]) == 0xBF &&
          static_cast<unsigned char>(t_[i + 2]) >= 0xBE)
        bad_character(i);
    }
  }

  [[noreturn]] void bad_character(std::size_t i) {
    std::size_t next = 0;
    fail(i, "character " + hex(code_point(i, next)) + " is not allowed in XML 1.0");
  }

  // ---- document structure

  // [1] document ::= prolog element Misc*
  void document() {
    std::size_t i = xml_declaration();
    bool doctype_seen = false;
    for (;;) {  // [22] prolog: Misc* (doctypedecl Misc*)?
      i = skip_space(i);
      if (at_end(i)) fail(i, "the document has no root element");
      if (starts(i, "<!--"))
        i = comment(i);
      else if (starts(i, "<?"))
        i = processing_instruction(i);
      else if (starts(i, "<!DOCTYPE")) {
        if (doctype_seen) fail(i, "a second DOCTYPE declaration");
        doctype_seen = true;
        i = doctype(i);
      } else if (t_[i] == '<')
        break;
      else
        fail(i, "text before the root element");
    }
    i = element_tree(i);
    for (;;) {  // Misc*
      i = skip_space(i);
      if (at_end(i)) return;
      if (starts(i, "<!--"))
        i = comment(i);
      else if (starts(i, "<?"))
        i = processing_instruction(i);
      else if (t_[i] == '<' && !starts(i, "<!") && !starts(i, "</"))
        fail(i, "a second root element: XML has one");
      else
        fail(i, "content after the root element");
    }
  }

  // [23] XMLDecl; only at the very start (a PI may not be named 'xml').
  std::size_t xml_declaration() {
    if (!starts(0, "<?xml") || t_.size() < 6 || !(is_space(t_[5]) || t_[5] == '?')) return 0;
    std::size_t i = 5;
    auto pseudo_attribute = [&](std::string_view want, bool required) -> std::optional<std::string_view> {
      std::size_t j = skip_space(i);
      if (!starts(j, want)) {
        if (required) fail(j, "the XML declaration must start with version=\"1.0\"");
        return std::nullopt;
      }
      if (j == i) fail(j, "whitespace is required before '" + std::string(want) + "' in the XML declaration");
      j = skip_space(j + want.size());
      if (at_end(j) || t_[j] != '=') fail(j, "'=' is expected after '" + std::string(want) + "'");
      j = skip_space(j + 1);
      if (at_end(j) || (t_[j] != '"' && t_[j] != '\''))
        fail(j, "a quoted value is expected for '" + std::string(want) + "'");
      auto close = t_.find(t_[j], j + 1);
      if (close == std::string_view::npos) fail(j, "the XML declaration's value is not closed");
      i = close + 1;
      return t_.substr(j + 1, close - j - 1);
    };
    auto version = pseudo_attribute("version", true);
    if (version->size() < 3 || version->substr(0, 2) != "1." ||
        !std::all_of(version->begin() + 2, version->end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(7, "the XML version must be 1.x, not '" + std::string(*version) + "'");
    if (auto enc = pseudo_attribute("encoding", false)) {
      auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
      if (enc->empty() || !ok((*enc)[0]) || !std::all_of(enc->begin(), enc->end(), [&](char c) {
            return ok(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
          }))
        fail(i, "'" + std::string(*enc) + "' is not an encoding name");
    }
    if (auto sd = pseudo_attribute("standalone", false)) {
      if (*sd != "yes" && *sd != "no") fail(i, "standalone must be 'yes' or 'no'");
      standalone_ = *sd == "yes";
    }
    i = skip_space(i);
    if (!starts(i, "?>")) fail(i, "the XML declaration is not closed by '?>' (or has something it may not hold)");
    return i + 2;
  }

  // [15] Comment: no "--" inside.
  std::size_t comment(std::size_t i) {
    std::size_t body = i + 4;
    auto dashes = t_.find("--", body);
    if (dashes == std::string_view::npos) fail(i, "a comment that is never closed by '-->'");
    if (dashes + 2 >= t_.size() || t_[dashes + 2] != '>') fail(dashes, "'--' is not allowed inside a comment");
    characters(body, dashes);
    return dashes + 3;
  }

  // [16] PI; [17] its target is not 'xml' in any case; NS: no colon.
  std::size_t processing_instruction(std::size_t i) {
    std::size_t target = i + 2, end = name(target, "after '<?'");
    std::string_view n = t_.substr(target, end - target);
    if (n.size() == 3 && (n[0] | 0x20) == 'x' && (n[1] | 0x20) == 'm' && (n[2] | 0x20) == 'l')
      fail(i, "a processing instruction may not be named '" + std::string(n) +
                  "' (an XML declaration is allowed only at the very start)");
    if (n.find(':') != std::string_view::npos) fail(target, "a processing instruction's name may not hold ':'");
    if (starts(end, "?>")) return end + 2;
    if (!is_space(t_[end])) fail(end, "whitespace is required after the processing instruction's name");
    auto close = t_.find("?>", end);
    if (close == std::string_view::npos) fail(i, "a processing instruction that is never closed by '?>'");
    characters(end, close);
    return close + 2;
  }

  // [28] doctypedecl ::= '<!DOCTYPE' S Name (S ExternalID)? S? ('[' intSubset ']' S?)? '>'
  std::size_t doctype(std::size_t i) {
    std::size_t j = require_space(i + 9, "after '<!DOCTYPE'");
    std::size_t end = name(j, "after '<!DOCTYPE'");
    qname(j, end, "the document type");
    j = end;
    std::size_t k = skip_space(j);
    if (starts(k, "SYSTEM") || starts(k, "PUBLIC")) {
      if (k == j) fail(k, "whitespace is required before SYSTEM or PUBLIC");
      bool pub = starts(k, "PUBLIC");
      k = require_space(k + 6, pub ? "after PUBLIC" : "after SYSTEM");
      if (pub) {
        std::size_t close = literal(k, "public identifier");
        for (std::size_t c = k + 1; c < close; ++c)
          if (!pubid_char(t_[c])) fail(c, "this character is not allowed in a public identifier");
        k = close + 1;
        if (at_end(k) || !is_space(t_[k])) fail(k, "whitespace is required before the system identifier");
        k = skip_space(k);
      }
      std::size_t close = literal(k, "system identifier");
      characters(k + 1, close);
      k = skip_space(close + 1);
      external_dtd_ = true;
    }
    if (!at_end(k) && t_[k] == '[')
      refuse(k,
             "a DOCTYPE with an internal subset: Glossa refuses them (XLIFF never needs one; entity "
             "declarations there can expand without bound)");
    if (at_end(k) || t_[k] != '>') fail(k, "the DOCTYPE declaration is not closed by '>'");
    return k + 1;
  }

  static bool pubid_char(char c) {
    return c == ' ' || c == '\r' || c == '\n' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || std::string_view("-'()+,./:=?;!*#@$_%").find(c) != std::string_view::npos;
  }

  // A quoted literal at i; returns the offset of its closing quote.
  std::size_t literal(std::size_t i, const char* what) {
    if (at_end(i) || (t_[i] != '"' && t_[i] != '\'')) fail(i, std::string("a quoted ") + what + " is expected");
    auto close = t_.find(t_[i], i + 1);
    if (close == std::string_view::npos) fail(i, std::string("the ") + what + " is not closed");
    return close;
  }

  // ---- elements

  // The root element and everything in it, iteratively.
  std::size_t element_tree(std::size_t i) {
    i = start_tag(i);
    while (!open_.empty()) {
      i = next_markup(i);
      if (at_end(i)) fail(i, "the text ends inside <" + std::string(open_.back()) + ">, which is never closed");
      char c = t_[i];
      if (c == '&') {
        i = reference(i);
      } else if (c == ']') {
        if (starts(i, "]]>")) fail(i, "']]>' is not allowed in text (write ']]&gt;')");
        ++i;
      } else if (c != '<') {  // a control character or 0xEF
        characters(i, std::min(i + 3, t_.size()));
        ++i;
      } else if (starts(i, "</"))
        i = end_tag(i);
      else if (starts(i, "<!--"))
        i = comment(i);
      else if (starts(i, "<![CDATA["))
        i = cdata(i);
      else if (starts(i, "<?"))
        i = processing_instruction(i);
      else if (starts(i, "<!"))
        fail(i, "'<!' here starts nothing XML allows inside an element");
      else
        i = start_tag(i);
    }
    return i;
  }

  // The next byte in character data that needs a look: '<', '&', ']', a C0
  // control (TAB, LF, CR among them) or 0xEF (U+FFFE/FFFF start with it).
  // Sixteen bytes at a time where SSE2 is there.
  std::size_t next_markup(std::size_t i) const {
#if defined(__SSE2__)
    const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), rsb = _mm_set1_epi8(']');
    const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF)), flip = _mm_set1_epi8(static_cast<char>(0x80));
    const __m128i low = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));  // unsigned b < 0x20, as signed after the flip
    for (; i + 16 <= t_.size(); i += 16) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t_.data() + i));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lt), _mm_cmpeq_epi8(x, amp)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, rsb), _mm_cmpeq_epi8(x, ef)));
      hit = _mm_or_si128(hit, _mm_cmplt_epi8(_mm_xor_si128(x, flip), low));
      if (int mask = _mm_movemask_epi8(hit))
        return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < t_.size(); ++i) {
      auto b = static_cast<unsigned char>(t_[i]);
      if (b == '<' || b == '&' || b == ']' || b < 0x20 || b == 0xEF) return i;
    }
    return i;
  }

  // [18] CDSect
  std::size_t cdata(std::size_t i) {
    auto close = t_.find("]]>", i + 9);
    if (close == std::string_view::npos) fail(i, "a CDATA section that is never closed by ']]>'");
    characters(i + 9, close);
    return close + 3;
  }

  // [67] Reference: a character reference or one of the predefined entities
  // (no DTD is read, so no other entity is declared).
  std::size_t reference(std::size_t i) {
    if (starts(i, "&#")) return character_reference(i);
    std::size_t end = name(i + 1, "after '&' (a literal '&' is written '&amp;')");
    if (at_end(end) || t_[end] != ';') fail(end, "a reference must end with ';' (a literal '&' is written '&amp;')");
    std::string_view n = t_.substr(i + 1, end - i - 1);
    if (n == "amp" || n == "lt" || n == "gt" || n == "quot" || n == "apos") return end + 1;
    if (n.find(':') != std::string_view::npos) fail(i, "an entity name may not hold ':'");
    std::string what = "the entity &" + std::string(n) + "; is not defined";
    if (external_dtd_ && !standalone_)
      refuse(i, what +
                    ": its DTD may declare it, but Glossa reads no DTD (use the character itself or a character "
                    "reference)");
    fail(i, what + " (XML predefines only &amp; &lt; &gt; &quot; &apos;)");
  }

  // [66] CharRef: to a Char.
  std::size_t character_reference(std::size_t i) {
    bool is_hex = starts(i, "&#x");
    std::size_t j = i + (is_hex ? 3 : 2), digits = j;
    std::uint32_t value = 0;
    for (; !at_end(j) && t_[j] != ';'; ++j) {
      char c = t_[j];
      int d = c >= '0' && c <= '9'                     ? c - '0'
              : !is_hex                                ? -1
              : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                       : -1;
      if (d < 0) fail(j, "a character reference holds something other than digits");
      value = value > 0x10FFFF ? value : value * (is_hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    if (at_end(j)) fail(i, "a character reference that never ends with ';'");
    if (j == digits) fail(i, "a character reference without digits");
    if (value > 0x10FFFF || !is_char(static_cast<char32_t>(value)))
      fail(i, "the character reference " + std::string(t_.substr(i, j - i + 1)) +
                  " is to a character XML 1.0 does not allow");
    return j + 1;
  }

  // [40] STag / [44] EmptyElemTag with their attributes and namespaces.
  std::size_t start_tag(std::size_t i) {
    std::size_t begin = i + 1, end = name(begin, "after '<'");
    qname(begin, end, "an element");
    std::string_view element = t_.substr(begin, end - begin);
    attributes_.clear();
    names_.clear();
    std::size_t j = end;
    for (;;) {
      std::size_t k = skip_space(j);
      if (at_end(k)) fail(i, "the tag <" + std::string(element) + " is never closed");
      if (t_[k] == '>' || starts(k, "/>")) {
        j = k;
        break;
      }
      if (k == j) fail(k, "whitespace is required between attributes");
      j = attribute_at(k, element);
    }
    bool empty = t_[j] == '/';
    namespaces(element, begin);
    if (empty)
      bindings_.resize(marks_.back()), marks_.pop_back();
    else
      open_.push_back(element);
    return j + (empty ? 2 : 1);
  }

  // [41] Attribute ::= Name Eq AttValue
  std::size_t attribute_at(std::size_t i, std::string_view element) {
    std::size_t end = name(i, "for an attribute");
    qname(i, end, "an attribute");
    attribute a;
    a.name = t_.substr(i, end - i);
    if (!names_.insert(a.name).second)
      fail(i, "the attribute '" + std::string(a.name) + "' appears twice on <" + std::string(element) + ">");
    std::size_t j = skip_space(end);
    if (at_end(j) || t_[j] != '=') fail(j, "'=' is expected after the attribute '" + std::string(a.name) + "'");
    j = skip_space(j + 1);
    if (at_end(j) || (t_[j] != '"' && t_[j] != '\''))
      fail(j, "the value of '" + std::string(a.name) + "' must be quoted");
    char quote = t_[j];
    a.value_begin = j + 1;
    for (j = j + 1;;) {
      while (!at_end(j) && t_[j] != quote && t_[j] != '<' && t_[j] != '&') ++j;
      if (at_end(j)) fail(a.value_begin - 1, "the value of '" + std::string(a.name) + "' is never closed");
      if (t_[j] == quote) break;
      if (t_[j] == '<') fail(j, "'<' is not allowed in an attribute value (write '&lt;')");
      a.has_reference = true;
      j = reference(j);
    }
    characters(a.value_begin, j);
    a.value_end = j;
    attributes_.push_back(a);
    return j + 1;
  }

  // The attribute's value with references replaced (namespace names compare so).
  std::string value_of(const attribute& a) const {
    std::string_view raw = t_.substr(a.value_begin, a.value_end - a.value_begin);
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      char c = raw[i];
      if (c != '&') {
        out += is_space(c) ? ' ' : c;  // attribute-value normalization
        continue;
      }
      auto semi = raw.find(';', i);
      std::string_view ref = raw.substr(i + 1, semi - i - 1);
      i = semi;
      if (ref == "amp")
        out += '&';
      else if (ref == "lt")
        out += '<';
      else if (ref == "gt")
        out += '>';
      else if (ref == "quot")
        out += '"';
      else if (ref == "apos")
        out += '\'';
      else {
        bool is_hex = ref.size() > 1 && ref[1] == 'x';
        char32_t cp =
            static_cast<char32_t>(std::stoul(std::string(ref.substr(is_hex ? 2 : 1)), nullptr, is_hex ? 16 : 10));
        append_utf8(out, cp);
      }
    }
    return out;
  }

  static void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80)
      out += static_cast<char>(c);
    else if (c < 0x800)
      out += static_cast<char>(0xC0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3F));
    else if (c < 0x10000)
      out += static_cast<char>(0xE0 | (c >> 12)), out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
          out += static_cast<char>(0x80 | (c & 0x3F));
    else
      out += static_cast<char>(0xF0 | (c >> 18)), out += static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
          out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)), out += static_cast<char>(0x80 | (c & 0x3F));
  }

  // NS: declarations first (they apply to the element itself), then every
  // prefix declared, and attributes unique by namespace name and local name.
  void namespaces(std::string_view element, std::size_t at) {
    marks_.push_back(bindings_.size());
    for (const auto& a : attributes_) {
      bool is_default = a.name == "xmlns";
      if (!is_default && a.name.substr(0, 6) != "xmlns:") continue;
      std::string_view prefix = is_default ? std::string_view() : a.name.substr(6);
      std::string uri =
          a.has_reference ? value_of(a) : std::string(t_.substr(a.value_begin, a.value_end - a.value_begin));
      declare(prefix, uri, a.value_begin);
    }
    auto uri_of = [&](std::string_view prefix, std::size_t where, const char* what) -> std::string_view {
      if (prefix == "xml") return xml_uri;
      if (prefix == "xmlns") fail(where, std::string("the prefix 'xmlns' may not be used on ") + what);
      for (auto b = bindings_.rbegin(); b != bindings_.rend(); ++b)
        if (b->prefix == prefix) return b->uri;
      fail(where, "the namespace prefix '" + std::string(prefix) + "' of " + what + " is not declared");
    };
    if (auto colon = element.find(':'); colon != std::string_view::npos)
      uri_of(element.substr(0, colon), at, "an element");
    expanded_.clear();
    for (const auto& a : attributes_) {
      auto colon = a.name.find(':');
      if (colon == std::string_view::npos || a.name.substr(0, colon) == "xmlns") continue;
      std::string key(uri_of(a.name.substr(0, colon), a.value_begin, "an attribute"));
      key += '\0';  // a URI holds no NUL: the pair is unambiguous
      key += a.name.substr(colon + 1);
      if (!expanded_.insert(std::move(key)).second)
        fail(a.value_begin, "the attribute '" + std::string(a.name) + "' on <" + std::string(element) +
                                "> repeats another through a second prefix (one namespace, one name)");
    }
  }

  void declare(std::string_view prefix, std::string uri, std::size_t at) {
    if (prefix == "xmlns") fail(at, "the prefix 'xmlns' may not be declared");
    if (prefix == "xml" && uri != xml_uri) fail(at, "the prefix 'xml' may be bound only to " + std::string(xml_uri));
    if (prefix != "xml" && uri == xml_uri) fail(at, "only the prefix 'xml' may be bound to " + std::string(xml_uri));
    if (uri == xmlns_uri) fail(at, "no prefix may be bound to " + std::string(xmlns_uri));
    if (!prefix.empty() && uri.empty())
      fail(at, "xmlns:" + std::string(prefix) + "=\"\" cannot undeclare a prefix in Namespaces in XML 1.0");
    bindings_.push_back({prefix, std::move(uri)});
  }

  // [42] ETag ::= '</' Name S? '>', matching the open element.
  std::size_t end_tag(std::size_t i) {
    std::size_t begin = i + 2, end = name(begin, "after '</'");
    std::string_view n = t_.substr(begin, end - begin);
    std::size_t j = skip_space(end);
    if (at_end(j) || t_[j] != '>') fail(j, "the end tag </" + std::string(n) + " is not closed by '>'");
    if (n != open_.back())
      fail(i,
           "the end tag </" + std::string(n) + "> does not match the open element <" + std::string(open_.back()) + ">");
    open_.pop_back();
    bindings_.resize(marks_.back());
    marks_.pop_back();
    return j + 1;
  }

  std::string_view t_;
  error error_;
  bool external_dtd_ = false, standalone_ = false;
  std::vector<std::string_view> open_;          // open elements, innermost last
  std::vector<binding> bindings_;               // namespace bindings in scope
  std::vector<std::size_t> marks_;              // bindings_.size() where each open element began
  std::vector<attribute> attributes_;           // of the start tag being read
  std::unordered_set<std::string_view> names_;  // their names
  std::unordered_set<std::string> expanded_;    // their namespace names and local names, prefixed ones
};

}  // namespace

std::optional<error> check_well_formed(std::string_view text) { return checker(text).run(); }

}  // namespace glossa::xml
