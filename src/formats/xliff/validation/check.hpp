// Shared by the XLIFF validator's layers: names, text helpers, the findings
// list and the XML layer's namespace resolution (check.hpp is internal to
// formats/xliff/validation/).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/utf8.hpp"
#include "formats/xliff/validator.hpp"

namespace glossa::xliff::check {

using std::string_view;
using node = pugi::xml_node;

// ------------------------------------------------------------------ names

inline constexpr string_view xml_namespace_uri = "http://www.w3.org/XML/1998/namespace";
inline constexpr string_view xmlns_namespace_uri = "http://www.w3.org/2000/xmlns/";
inline constexpr string_view core_2_2 = "urn:oasis:names:tc:xliff:document:2.2";

namespace module {
inline constexpr string_view mtc = "urn:oasis:names:tc:xliff:matches:2.0";
inline constexpr string_view gls = "urn:oasis:names:tc:xliff:glossary:2.0";
inline constexpr string_view fs = "urn:oasis:names:tc:xliff:fs:2.0";
inline constexpr string_view mda = "urn:oasis:names:tc:xliff:metadata:2.0";
inline constexpr string_view res = "urn:oasis:names:tc:xliff:resourcedata:2.0";
inline constexpr string_view ctr = "urn:oasis:names:tc:xliff:changetracking:2.0";
inline constexpr string_view slr = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
inline constexpr string_view val = "urn:oasis:names:tc:xliff:validation:2.0";
inline constexpr string_view itsm = "urn:oasis:names:tc:xliff:itsm:2.0";
inline constexpr string_view pgs = "urn:oasis:names:tc:xliff:pgs:1.0";
inline constexpr std::array all{mtc, gls, fs, mda, res, ctr, slr, val, itsm, pgs};
}  // namespace module

// ITS attributes are allowed wherever module attributes are, but ITS is not
// an XLIFF module: elsewhere it is an ordinary extension.
inline constexpr string_view its_namespace_uri = "http://www.w3.org/2005/11/its";

inline bool is_module(string_view ns) {
  return std::find(module::all.begin(), module::all.end(), ns) != module::all.end();
}

// Modules whose elements carry their own id rules: their ids are not
// extension ids.
inline bool has_own_id_rules(string_view ns) {
  return ns == module::mtc || ns == module::gls || ns == module::mda || ns == module::val || ns == module::ctr;
}

inline string_view local_name(const char* qname) {
  string_view n = qname;
  auto colon = n.find(':');
  return colon == string_view::npos ? n : n.substr(colon + 1);
}

inline string_view prefix_of(const char* qname) {
  string_view n = qname;
  auto colon = n.find(':');
  return colon == string_view::npos ? string_view() : n.substr(0, colon);
}

inline bool is_namespace_declaration(pugi::xml_attribute a) {
  string_view n = a.name();
  return n == "xmlns" || n.substr(0, 6) == "xmlns:";
}

// ------------------------------------------------------------------ text helpers

template <class... Parts>
inline std::string cat(const Parts&... parts) {
  std::string s;
  (s.append(string_view(parts)), ...);
  return s;
}

inline std::string tag(node el) { return cat("<", el.name(), ">"); }
inline std::string quoted(string_view v) { return cat("'", v, "'"); }

inline bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Text values: whitespace the reader protected (validator.hpp) is blank too.
inline bool is_blank(string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_xml_space(c) || (c >= protected_space_first && c <= protected_space_last);
  });
}

// Tables below list names and values as space-separated words.
inline bool in_list(string_view list, string_view word) {
  while (!list.empty()) {
    auto end = list.find(' ');
    if (list.substr(0, end) == word) return true;
    if (end == string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return false;
}

// Splits keeping empty fields ("a//b" has three), as the fragment and
// subFlows rules need.
inline std::vector<string_view> split(string_view s, char sep) {
  std::vector<string_view> out;
  for (;;) {
    auto end = s.find(sep);
    out.push_back(s.substr(0, end));
    if (end == string_view::npos) return out;
    s.remove_prefix(end + 1);
  }
}

inline bool is_digits(string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline bool is_integer_between(string_view s, int low, int high) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return is_digits(s) && ec == std::errc() && end == s.data() + s.size() && v >= low && v <= high;
}

inline std::string lower(string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// XPath lang(), as the official 2.1 Schematron compares: xml:lang "en-IE"
// matches "en", not the other way round; case does not matter.
inline bool language_matches(string_view lang, string_view expected) {
  std::string l = lower(lang), e = lower(expected);
  return l == e || (l.size() > e.size() && l.compare(0, e.size(), e) == 0 && l[e.size()] == '-');
}

// XML 1.0's Char production.
inline bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_nmtoken_char(char32_t c);

bool is_nmtoken(string_view v);

// RFC 5646 syntax (no registry lookup): "en-yoda" is well-formed, "e" is not.
// A tag written with '_' for '-' ("es_ES"), as tools and POSIX locales do:
// reported under a rule of its own, which an import reads past (with a warning).
template <class Check>
inline bool underscored(string_view v, Check valid) {
  if (v.find('_') == string_view::npos) return false;
  std::string dashed(v);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return valid(dashed);
}

bool is_bcp47(string_view v);

// XML Schema's xs:language, which XLIFF 1.x uses for its language attributes.
bool is_xs_language(string_view v);

// "prefix:value", the form of XLIFF 2 user-defined values.
inline bool is_user_defined(string_view v) {
  auto colon = v.find(':');
  if (colon == string_view::npos || colon == 0 || colon + 1 == v.size() || v.find(':', colon + 1) != string_view::npos)
    return false;
  return std::none_of(v.begin(), v.end(), is_xml_space);
}

// ------------------------------------------------------------------ node helpers

inline std::optional<string_view> attr(node el, const char* name) {
  auto a = el.attribute(name);
  if (!a) return std::nullopt;
  return string_view(a.value());
}

inline bool is_text(node n) { return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata; }

inline std::vector<node> child_elements(node el) {
  std::vector<node> out;
  for (auto c : el.children())
    if (c.type() == pugi::node_element) out.push_back(c);
  return out;
}

inline bool has_child_element(node el) {
  for (auto c : el.children())
    if (c.type() == pugi::node_element) return true;
  return false;
}

// Any text at all (whitespace counts), or only text that is not whitespace.
enum class text_kind { any, non_blank };
inline bool has_text(node el, text_kind kind) {
  for (auto c : el.children())
    if (is_text(c) && *c.value() && (kind == text_kind::any || !is_blank(c.value()))) return true;
  return false;
}

template <class F>
inline void for_each_element(node el, const F& f) {
  f(el);
  for (auto c : el.children())
    if (c.type() == pugi::node_element) for_each_element(c, f);
}

// Value of xml:lang / xml:space on the nearest ancestor-or-self carrying it.
inline std::optional<string_view> inherited(node el, const char* xml_attr) {
  for (; el.type() == pugi::node_element; el = el.parent())
    if (auto v = attr(el, xml_attr)) return v;
  return std::nullopt;
}

// ------------------------------------------------------------------ findings

class findings {
 public:
  /// `newlines`: offsets of the text's line feeds; a finding's line is a binary search.
  explicit findings(const std::vector<std::size_t>& newlines) : newlines_(newlines) {}

  void add(node at, string_view rule, std::string message) {
    add_at(at.offset_debug(), rule, std::move(message));
    place(at, list_.back());
  }
  /// A finding about the target content of `at`'s unit, wherever it is reported.
  void add_in_target(node at, string_view rule, std::string message) {
    add(at, rule, std::move(message));
    list_.back().in_target = !list_.back().unit.empty();
  }

  void add_at(std::ptrdiff_t offset, string_view rule, std::string message) {
    list_.push_back({std::string(rule), std::move(message), line(offset), {}, false});
  }

  void append(std::vector<finding> more) {
    for (auto& f : more) list_.push_back(std::move(f));
  }
  std::vector<finding> take() {
    std::vector<finding> out = std::move(list_);
    list_.clear();
    return out;
  }
  std::size_t size() const { return list_.size(); }

 private:
  // The unit a finding lies in, and whether inside that unit's <target>: an
  // import refuses such a unit alone and judges the others.
  static void place(node at, finding& f) {
    bool target = false;
    for (node n = at; n && n.type() == pugi::node_element; n = n.parent()) {
      const char* name = n.name();
      const char* colon = std::strchr(name, ':');
      string_view local = colon ? colon + 1 : name;
      if (local == "target" && n != at) target = true;  // in its content, not on the element itself
      if (local == "unit" || local == "trans-unit") {
        f.unit = n.attribute("id").value();
        f.in_target = target;
        return;
      }
      if (local == "file" || local == "xliff") return;
    }
  }

  std::uint32_t line(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
    return static_cast<std::uint32_t>(it - newlines_.begin()) + 1;
  }

  const std::vector<std::size_t>& newlines_;
  std::vector<finding> list_;
};

// ------------------------------------------------------------------ XML layer

// Deeper documents are refused rather than walked: the checks recurse and
// look up ancestors. The deepest real file of the corpus nests 72 deep.
inline constexpr std::size_t max_depth = 256;

// Element or attribute (pugixml's internal object) -> namespace name: open
// addressing, linear probing; a node-based map would allocate its entries one
// by one. pugixml allocates nodes in document order from pages, so the address
// itself (over its alignment) is the slot: neighbours in the tree are
// neighbours in the table.
class pointer_map {
 public:
  void set(const void* key, string_view value) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    slot& s = probe(key);
    if (!s.key) ++count_;
    s = {key, value};
  }

  std::optional<string_view> get(const void* key) const {
    if (slots_.empty()) return std::nullopt;
    const slot& s = const_cast<pointer_map*>(this)->probe(key);
    return s.key ? std::optional<string_view>(s.value) : std::nullopt;
  }

 private:
  struct slot {
    const void* key = nullptr;
    string_view value;
  };

  slot& probe(const void* key) {
    auto h = reinterpret_cast<std::uintptr_t>(key) >> 3;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask)
      if (slots_[i].key == key || !slots_[i].key) return slots_[i];
  }

  void grow() {
    std::vector<slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, slot{});
    count_ = 0;
    for (const auto& s : old)
      if (s.key) set(s.key, s.value);
  }

  std::vector<slot> slots_;
  std::size_t count_ = 0;
};

// Resolves every element and attribute name once, in one pass over the tree
// (pugixml keeps names as written), and reports what a namespace-aware parser
// refuses: undeclared prefixes, bad declarations, repeated attributes.
class namespaces {
 public:
  namespaces(node root, findings& out);

  // Elements in the root's namespace (all of them, in most files) are not
  // stored: a missing element is in that namespace.
  string_view of(node el) const;

  // Unprefixed attributes are in no namespace (never the default one).
  string_view of(pugi::xml_attribute a) const { return resolved_.get(a.internal_object()).value_or(string_view()); }

  std::size_t depth() const { return depth_; }

 private:
  static node first_element(node n);

  static bool is_qname(string_view n);

  static string_view declared_prefix(pugi::xml_attribute a);

  // The namespace bound to `prefix` here; nullopt when nothing declares it.
  std::optional<string_view> bound(string_view prefix) const;

  void enter(node el, findings& out);

  void leave(node el);

  static void check_declaration(node el, pugi::xml_attribute a, findings& out);

  void resolve_attributes(node el, findings& out);

  std::map<string_view, std::vector<string_view>> bindings_;  // prefix -> URIs in scope, innermost last
  pointer_map resolved_;                                      // element or attribute -> namespace
  string_view root_namespace_;                                // of the root, and of every element not in resolved_
  std::size_t foreign_elements_ = 0;                          // elements in resolved_
  std::size_t depth_ = 0;
};

// A DOCTYPE must name the root element (XML 1.0, "Root Element Type"). XLIFF
// needs no DOCTYPE; one naming another element is a leftover or a trap. The
// name is read from the raw text (scan_text), compared once parsed.
void find_doctype(string_view text, text_facts& facts);

void check_doctype(node root, const text_facts& facts, findings& out);

void check_xml_space(node root, findings& out);

// ---- checks shared by both versions

// `required`: space-separated unprefixed attribute names.
void check_required(node el, string_view required, findings& out);

void check_element_only(node el, findings& out);

// A <file> left for later, and how many findings came before it: files are
// checked apart (two threads may share them), and their findings put back there.
struct deferred_file {
  node el;
  std::size_t at;
};

}  // namespace glossa::xliff::check
