// XLIFF validation after parsing. Three layers:
//  * XML checks pugixml does not make: namespace well-formedness (it is not
//    namespace-aware), characters XML 1.0 forbids, a DOCTYPE naming another
//    root element;
//  * XLIFF 1.x: the content models and the attribute values of the 1.2
//    *transitional* schema, the one real tool output (Xcode, Trados, memoQ,
//    Okapi...) meets, plus the id keys of that schema;
//  * XLIFF 2.x: core and modules, with the processing requirements no schema
//    expresses. Rules follow the XLIFF 2.1/2.2 specifications (sections
//    cited where a rule is not obvious) and are checked against the OASIS
//    2.1/2.2 and Microsoft 2.0 test suites of the corpus
//    (tests/xliff_corpus_test.cpp, expectations in validation-results.tsv);
//    comments mark where Glossa departs from the suites' verdicts.
#include "formats/xliff/validator.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.hpp"

namespace glossa::xliff {

namespace {

using std::string_view;
using node = pugi::xml_node;

// ------------------------------------------------------------------ names

constexpr string_view xml_namespace_uri = "http://www.w3.org/XML/1998/namespace";
constexpr string_view xmlns_namespace_uri = "http://www.w3.org/2000/xmlns/";
constexpr string_view core_2_2 = "urn:oasis:names:tc:xliff:document:2.2";

namespace module {
constexpr string_view mtc = "urn:oasis:names:tc:xliff:matches:2.0";
constexpr string_view gls = "urn:oasis:names:tc:xliff:glossary:2.0";
constexpr string_view fs = "urn:oasis:names:tc:xliff:fs:2.0";
constexpr string_view mda = "urn:oasis:names:tc:xliff:metadata:2.0";
constexpr string_view res = "urn:oasis:names:tc:xliff:resourcedata:2.0";
constexpr string_view ctr = "urn:oasis:names:tc:xliff:changetracking:2.0";
constexpr string_view slr = "urn:oasis:names:tc:xliff:sizerestriction:2.0";
constexpr string_view val = "urn:oasis:names:tc:xliff:validation:2.0";
constexpr string_view itsm = "urn:oasis:names:tc:xliff:itsm:2.0";
constexpr string_view pgs = "urn:oasis:names:tc:xliff:pgs:1.0";
constexpr std::array all{mtc, gls, fs, mda, res, ctr, slr, val, itsm, pgs};
}  // namespace module

// ITS attributes are allowed wherever module attributes are, but ITS is not
// an XLIFF module: elsewhere it is an ordinary extension.
constexpr string_view its_namespace_uri = "http://www.w3.org/2005/11/its";

bool is_module(string_view ns) { return std::find(module::all.begin(), module::all.end(), ns) != module::all.end(); }

// Modules whose elements carry their own id rules: their ids are not
// extension ids.
bool has_own_id_rules(string_view ns) {
  return ns == module::mtc || ns == module::gls || ns == module::mda || ns == module::val || ns == module::ctr;
}

string_view local_name(const char* qname) {
  string_view n = qname;
  auto colon = n.find(':');
  return colon == string_view::npos ? n : n.substr(colon + 1);
}

string_view prefix_of(const char* qname) {
  string_view n = qname;
  auto colon = n.find(':');
  return colon == string_view::npos ? string_view() : n.substr(0, colon);
}

bool is_namespace_declaration(pugi::xml_attribute a) {
  string_view n = a.name();
  return n == "xmlns" || n.substr(0, 6) == "xmlns:";
}

// ------------------------------------------------------------------ text helpers

template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (s.append(string_view(parts)), ...);
  return s;
}

std::string tag(node el) { return cat("<", el.name(), ">"); }
std::string quoted(string_view v) { return cat("'", v, "'"); }

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Text values: whitespace the reader protected (validator.hpp) is blank too.
bool is_blank(string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return is_xml_space(c) || (c >= protected_space_first && c <= protected_space_last);
  });
}

// Tables below list names and values as space-separated words.
bool in_list(string_view list, string_view word) {
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
std::vector<string_view> split(string_view s, char sep) {
  std::vector<string_view> out;
  for (;;) {
    auto end = s.find(sep);
    out.push_back(s.substr(0, end));
    if (end == string_view::npos) return out;
    s.remove_prefix(end + 1);
  }
}

bool is_digits(string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_integer_between(string_view s, int low, int high) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return is_digits(s) && ec == std::errc() && end == s.data() + s.size() && v >= low && v <= high;
}

std::string lower(string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// XPath lang(), as the official 2.1 Schematron compares: xml:lang "en-IE"
// matches "en", not the other way round; case does not matter.
bool language_matches(string_view lang, string_view expected) {
  std::string l = lower(lang), e = lower(expected);
  return l == e || (l.size() > e.size() && l.compare(0, e.size(), e) == 0 && l[e.size()] == '-');
}

// XML 1.0's Char production.
bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_nmtoken_char(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  if (c == '.' || c == '_' || c == ':' || c == '-' || c == 0xB7) return true;
  constexpr std::pair<char32_t, char32_t> ranges[] = {
      {0xC0, 0xD6},     {0xD8, 0xF6},     {0xF8, 0x37D},    {0x37F, 0x1FFF},  {0x200C, 0x200D}, {0x203F, 0x2040},
      {0x2070, 0x218F}, {0x2C00, 0x2FEF}, {0x3001, 0xD7FF}, {0xF900, 0xFDCF}, {0xFDF0, 0xFFFD}, {0x10000, 0xEFFFF}};
  return std::any_of(std::begin(ranges), std::end(ranges), [c](auto r) { return c >= r.first && c <= r.second; });
}

bool is_nmtoken(string_view v) {
  if (v.empty()) return false;
  for (std::size_t i = 0; i < v.size();)
    if (!is_nmtoken_char(detail::decode_utf8(v, i))) return false;
  return true;
}

// RFC 5646 syntax (no registry lookup): "en-yoda" is well-formed, "e" is not.
// A tag written with '_' for '-' ("es_ES"), as tools and POSIX locales do:
// reported under a rule of its own, which an import reads past (with a warning).
template <class Check>
bool underscored(string_view v, Check valid) {
  if (v.find('_') == string_view::npos) return false;
  std::string dashed(v);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return valid(dashed);
}

bool is_bcp47(string_view v) {
  // Tags are short; the bound keeps std::regex's recursion away from hostile input.
  if (v.empty() || v.size() > 256) return false;
  static const std::regex syntax(
      "^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}"
      "))?"
      "(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
      "(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?|[xX](?:-[A-Za-z0-9]{1,8})+)$");
  constexpr string_view grandfathered =
      "en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn i-tao i-tay i-tsu "
      "sgn-be-fr sgn-be-nl sgn-ch-de art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang";
  return std::regex_match(v.begin(), v.end(), syntax) || in_list(grandfathered, lower(v));
}

// XML Schema's xs:language, which XLIFF 1.x uses for its language attributes.
bool is_xs_language(string_view v) {
  auto parts = split(v, '-');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    string_view p = parts[i];
    if (p.empty() || p.size() > 8) return false;
    for (char c : p)
      if (!std::isalpha(static_cast<unsigned char>(c)) && (i == 0 || !std::isdigit(static_cast<unsigned char>(c))))
        return false;
  }
  return true;
}

// "prefix:value", the form of XLIFF 2 user-defined values.
bool is_user_defined(string_view v) {
  auto colon = v.find(':');
  if (colon == string_view::npos || colon == 0 || colon + 1 == v.size() || v.find(':', colon + 1) != string_view::npos)
    return false;
  return std::none_of(v.begin(), v.end(), is_xml_space);
}

// ------------------------------------------------------------------ node helpers

std::optional<string_view> attr(node el, const char* name) {
  auto a = el.attribute(name);
  if (!a) return std::nullopt;
  return string_view(a.value());
}

bool is_text(node n) { return n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata; }

std::vector<node> child_elements(node el) {
  std::vector<node> out;
  for (auto c : el.children())
    if (c.type() == pugi::node_element) out.push_back(c);
  return out;
}

bool has_child_element(node el) {
  for (auto c : el.children())
    if (c.type() == pugi::node_element) return true;
  return false;
}

// Any text at all (whitespace counts), or only text that is not whitespace.
enum class text_kind { any, non_blank };
bool has_text(node el, text_kind kind) {
  for (auto c : el.children())
    if (is_text(c) && *c.value() && (kind == text_kind::any || !is_blank(c.value()))) return true;
  return false;
}

template <class F>
void for_each_element(node el, const F& f) {
  f(el);
  for (auto c : el.children())
    if (c.type() == pugi::node_element) for_each_element(c, f);
}

// Value of xml:lang / xml:space on the nearest ancestor-or-self carrying it.
std::optional<string_view> inherited(node el, const char* xml_attr) {
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
constexpr std::size_t max_depth = 256;

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
  namespaces(node root, findings& out) {
    // Iterative depth-first walk with enter/leave, so the prefix bindings in
    // scope are a stack per prefix.
    std::size_t depth = 0;
    for (node n = root; n;) {
      ++depth;
      depth_ = std::max(depth_, depth);
      if (depth > max_depth) return;  // reported by the caller
      enter(n, out);
      if (node child = first_element(n.first_child())) {
        n = child;
        continue;
      }
      for (;;) {
        leave(n);
        --depth;
        if (n == root) return;
        if (node next = first_element(n.next_sibling())) {
          n = next;
          break;
        }
        n = n.parent();
      }
    }
  }

  // Elements in the root's namespace (all of them, in most files) are not
  // stored: a missing element is in that namespace.
  string_view of(node el) const {
    if (foreign_elements_ == 0) return root_namespace_;  // no lookup at all in the common case
    return resolved_.get(el.internal_object()).value_or(root_namespace_);
  }

  // Unprefixed attributes are in no namespace (never the default one).
  string_view of(pugi::xml_attribute a) const { return resolved_.get(a.internal_object()).value_or(string_view()); }

  std::size_t depth() const { return depth_; }

 private:
  static node first_element(node n) {
    while (n && n.type() != pugi::node_element) n = n.next_sibling();
    return n;
  }

  static bool is_qname(string_view n) {
    auto colon = n.find(':');
    return colon == string_view::npos ||
           (colon > 0 && colon + 1 < n.size() && n.find(':', colon + 1) == string_view::npos);
  }

  static string_view declared_prefix(pugi::xml_attribute a) {
    string_view name = a.name();
    return name == "xmlns" ? string_view() : name.substr(6);
  }

  // The namespace bound to `prefix` here; nullopt when nothing declares it.
  std::optional<string_view> bound(string_view prefix) const {
    if (prefix == "xml") return xml_namespace_uri;
    auto it = bindings_.find(prefix);
    if (it == bindings_.end() || it->second.empty())
      return prefix.empty() ? std::optional<string_view>("") : std::nullopt;
    if (!prefix.empty() && it->second.back().empty()) return std::nullopt;  // reported at its declaration
    return it->second.back();
  }

  void enter(node el, findings& out) {
    for (auto a : el.attributes())
      if (is_namespace_declaration(a)) {
        check_declaration(el, a, out);
        bindings_[declared_prefix(a)].push_back(a.value());
      }
    resolve_attributes(el, out);
    string_view name = el.name(), prefix = prefix_of(el.name());
    auto ns = is_qname(name) && prefix != "xmlns" ? bound(prefix) : std::nullopt;
    if (!is_qname(name))
      out.add(el, "xml_namespace", cat("Element name ", tag(el), " is not a valid qualified name"));
    else if (prefix == "xmlns")
      out.add(el, "xml_namespace", cat("Element ", tag(el), " uses the reserved prefix 'xmlns'"));
    else if (!ns)
      out.add(el, "xml_namespace", cat("Element ", tag(el), " uses the undeclared namespace prefix '", prefix, "'"));
    string_view resolved = ns.value_or(string_view());
    if (!el.parent().parent())
      root_namespace_ = resolved;  // the root element: its parent is the document
    else if (resolved != root_namespace_) {
      resolved_.set(el.internal_object(), resolved);
      ++foreign_elements_;
    }
  }

  void leave(node el) {
    for (auto a : el.attributes())
      if (is_namespace_declaration(a)) bindings_[declared_prefix(a)].pop_back();
  }

  static void check_declaration(node el, pugi::xml_attribute a, findings& out) {
    string_view name = a.name(), uri = a.value(), prefix = declared_prefix(a);
    auto bad = [&](string_view why) {
      out.add(el, "xml_namespace", cat("Namespace declaration ", name, "=", quoted(uri), " on ", tag(el), ": ", why));
    };
    if (!prefix.empty() && uri.empty())
      bad("a prefix cannot be bound to an empty namespace name (XML 1.0 namespaces cannot undeclare prefixes)");
    else if (prefix == "xmlns")
      bad("the prefix 'xmlns' is reserved and must not be declared");
    else if (prefix == "xml" ? uri != xml_namespace_uri : uri == xml_namespace_uri)
      bad("only the prefix 'xml' may be bound to the XML namespace, and only to it");
    else if (uri == xmlns_namespace_uri)
      bad("the xmlns namespace must not be declared");
    else if (std::any_of(uri.begin(), uri.end(),
                         [](char c) { return is_xml_space(c) || c == '<' || c == '>' || c == '"'; }))
      bad("the namespace name is not a URI reference");
  }

  void resolve_attributes(node el, findings& out) {
    std::vector<std::pair<string_view, string_view>> expanded;  // (namespace, local) of prefixed attributes
    for (auto a : el.attributes()) {
      string_view name = a.name(), prefix = prefix_of(a.name());
      if (is_namespace_declaration(a) || prefix.empty()) continue;
      if (!is_qname(name)) {
        out.add(el, "xml_namespace", cat("Attribute name '", name, "' on ", tag(el), " is not a valid qualified name"));
        continue;
      }
      auto ns = bound(prefix);
      if (!ns) {
        out.add(el, "xml_namespace",
                cat("Attribute '", name, "' on ", tag(el), " uses the undeclared namespace prefix '", prefix, "'"));
        continue;
      }
      resolved_.set(a.internal_object(), *ns);
      std::pair<string_view, string_view> key{*ns, local_name(a.name())};
      if (std::find(expanded.begin(), expanded.end(), key) != expanded.end())
        out.add(el, "xml_namespace",
                cat("Attribute '", name, "' on ", tag(el), " repeats an attribute of the same namespace and name"));
      expanded.push_back(key);
    }
  }

  std::map<string_view, std::vector<string_view>> bindings_;  // prefix -> URIs in scope, innermost last
  pointer_map resolved_;                                      // element or attribute -> namespace
  string_view root_namespace_;                                // of the root, and of every element not in resolved_
  std::size_t foreign_elements_ = 0;                          // elements in resolved_
  std::size_t depth_ = 0;
};

// A DOCTYPE must name the root element (XML 1.0, "Root Element Type"). XLIFF
// needs no DOCTYPE; one naming another element is a leftover or a trap. The
// name is read from the raw text (scan_text), compared once parsed.
void find_doctype(string_view text, text_facts& facts) {
  auto i = doctype_offset(text);
  if (i == string_view::npos) return;
  auto start = i + 9;
  while (start < text.size() && is_xml_space(text[start])) ++start;
  auto stop = start;
  while (stop < text.size() && !is_xml_space(text[stop]) && text[stop] != '[' && text[stop] != '>') ++stop;
  facts.doctype_offset = i;
  facts.doctype_name = std::string(text.substr(start, stop - start));
}

void check_doctype(node root, const text_facts& facts, findings& out) {
  if (facts.doctype_offset && facts.doctype_name != root.name())
    out.add_at(
        static_cast<std::ptrdiff_t>(*facts.doctype_offset), "doctype_root",
        cat("The DOCTYPE declares the root element <", facts.doctype_name, "> but the root element is ", tag(root)));
}

void check_xml_space(node root, findings& out) {
  for_each_element(root, [&](node el) {
    if (auto s = attr(el, "xml:space"); s && *s != "default" && *s != "preserve")
      out.add(el, "xml_space_value",
              cat("xml:space on ", tag(el), " is ", quoted(*s), ": it must be 'default' or 'preserve'"));
  });
}

// ---- checks shared by both versions

// `required`: space-separated unprefixed attribute names.
void check_required(node el, string_view required, findings& out) {
  for (string_view r : split(required, ' '))
    if (!r.empty() && !el.attribute(std::string(r).c_str()))
      out.add(el, "required_attr", cat(tag(el), " is missing the required attribute '", r, "'"));
}

void check_element_only(node el, findings& out) {
  if (has_text(el, text_kind::non_blank))
    out.add(el, "no_text_in_element_only_content", cat("Text is not allowed directly inside ", tag(el)));
}

// A <file> left for later, and how many findings came before it: files are
// checked apart (two threads may share them), and their findings put back there.
struct deferred_file {
  node el;
  std::size_t at;
};

// ------------------------------------------------------------------ XLIFF 1.x

// Content models of the 1.2 transitional schema, as regular expressions over
// the child elements: "a? (b|c)* d+"; "##other" is any element outside the
// XLIFF namespace. `mixed`: text is allowed between children.
struct v1_element {
  string_view name;
  string_view required;  // attributes
  string_view model;
  bool mixed = false;
};

constexpr string_view v1_inline = "(g|bpt|ept|ph|it|mrk|x|bx|ex)*";
constexpr string_view v1_external = "(internal-file|external-file)";

constexpr std::array v1_elements{
    v1_element{"xliff", "version", "##other* file (file|##other)*"},
    v1_element{"file", "original source-language datatype", "header? body"},
    v1_element{"header", "", "skl? phase-group? (glossary|reference|count-group|prop-group|note|tool)* ##other*"},
    v1_element{"skl", "", v1_external},
    v1_element{"glossary", "", v1_external},
    v1_element{"reference", "", v1_external},
    v1_element{"internal-file", "", "", true},
    v1_element{"external-file", "href", ""},
    v1_element{"phase-group", "", "phase+"},
    v1_element{"phase", "phase-name process-name", "note*"},
    v1_element{"count-group", "name", "count*"},
    v1_element{"count", "", "", true},
    v1_element{"context-group", "", "context+"},
    v1_element{"context", "context-type", "", true},
    v1_element{"prop-group", "", "prop+"},
    v1_element{"prop", "prop-type", "", true},
    v1_element{"note", "", "", true},
    v1_element{"tool", "tool-id tool-name", "(##any)*", true},
    v1_element{"body", "", "(group|trans-unit|bin-unit)*"},
    v1_element{"group", "", "context-group* count-group* prop-group* note* ##other* (group|trans-unit|bin-unit)*"},
    v1_element{"trans-unit", "id",
               "source seg-source? target? (context-group|count-group|prop-group|note|alt-trans)* ##other*"},
    v1_element{"alt-trans", "", "source? seg-source? target+ context-group* prop-group* note* ##other*"},
    v1_element{"bin-unit", "id mime-type",
               "bin-source bin-target? (context-group|count-group|prop-group|note|trans-unit)* ##other*"},
    v1_element{"bin-source", "", v1_external},
    v1_element{"bin-target", "", v1_external},
    v1_element{"source", "", v1_inline, true},
    v1_element{"seg-source", "", v1_inline, true},
    v1_element{"target", "", v1_inline, true},
    v1_element{"g", "id", v1_inline, true},
    v1_element{"mrk", "mtype", v1_inline, true},
    v1_element{"sub", "", v1_inline, true},
    v1_element{"x", "id", ""},
    v1_element{"bx", "id", ""},
    v1_element{"ex", "id", ""},
    v1_element{"ph", "id", "sub*", true},
    v1_element{"bpt", "id", "sub*", true},
    v1_element{"ept", "id", "sub*", true},
    v1_element{"it", "id pos", "sub*", true},
};

// Elements whose children are inline codes: their content rule is "inline_children".
constexpr string_view v1_inline_containers = "source seg-source target g bpt ept ph it mrk x bx ex sub";

// Enumerated attributes worth checking; `extensible`: "x-..." values are
// allowed too (the schema's XTend).
struct v1_enumeration {
  const char* attribute;
  string_view elements;
  string_view values;
  bool extensible;
};

constexpr std::array v1_enumerations{
    v1_enumeration{"version", "xliff", "1.0 1.1 1.2", false},
    v1_enumeration{
        "datatype", "file group trans-unit alt-trans sub",
        "asp c cdf cfm cpp csharp cstring csv database documentfooter documentheader filedialog form html "
        "htmlbody ini interleaf javaclass javapropertyresourcebundle javalistresourcebundle javascript jscript "
        "layout lisp margin menufile messagefile mif mimetype mo msglib pagefooter pageheader parameters pascal "
        "php plaintext po report resources resx rtf sgml sgmldtd svg vbscript warning winres xhtml xml xmldtd "
        "xsl xul",
        true},
    v1_enumeration{"translate", "group trans-unit bin-unit", "yes no", false},
    v1_enumeration{"approved", "trans-unit bin-unit", "yes no", false},
    v1_enumeration{
        "state", "target bin-target",
        "final needs-adaptation needs-l10n needs-review-adaptation needs-review-l10n needs-review-translation "
        "needs-translation new signed-off translated",
        true},
    v1_enumeration{
        "state-qualifier", "target bin-target",
        "exact-match fuzzy-match id-match leveraged-glossary leveraged-inherited leveraged-mt "
        "leveraged-repository leveraged-tm mt-suggestion rejected-grammar rejected-inaccurate rejected-length "
        "rejected-spelling tm-suggestion",
        true},
    v1_enumeration{
        "mtype", "mrk",
        "abbrev abbreviated-form abbreviation acronym appellation collocation common-name datetime equation "
        "expanded-form formula head-term initialism international-scientific-term internationalism "
        "logical-expression materials-management-unit name near-synonym part-number phrase phraseological-unit "
        "protected romanized-form seg set-phrase short-form sku standard-text symbol synonym synonymous-phrase "
        "term transcribed-form transliterated-form truncated-term variant",
        true},
    v1_enumeration{"context-type", "context",
                   "database element elementtitle linenumber numparams paramnotes record recordtitle sourcefile", true},
    v1_enumeration{"alttranstype", "alt-trans", "proposal previous-version rejected reference accepted", true},
    v1_enumeration{"pos", "it", "open close", false},
    v1_enumeration{"clone", "g x bx", "yes no", false},
};

// One particle of a content model: names it accepts, how often.
struct particle {
  std::vector<string_view> names;
  unsigned min = 1, max = 1;

  bool accepts(string_view name) const { return std::find(names.begin(), names.end(), name) != names.end(); }
  std::string shown() const {
    std::string s;
    for (string_view n : names) s += cat(s.empty() ? "<" : " or <", n, ">");
    return s;
  }
};

std::vector<particle> parse_model(string_view model) {
  constexpr unsigned unbounded = ~0u;
  std::vector<particle> out;
  for (string_view token : split(model, ' ')) {
    if (token.empty()) continue;
    particle p;
    switch (token.back()) {
      case '?':
        p.min = 0;
        token.remove_suffix(1);
        break;
      case '*':
        p.min = 0;
        p.max = unbounded;
        token.remove_suffix(1);
        break;
      case '+':
        p.max = unbounded;
        token.remove_suffix(1);
        break;
      default:
        break;
    }
    if (token.front() == '(') token = token.substr(1, token.size() - 2);
    p.names = split(token, '|');
    out.push_back(std::move(p));
  }
  return out;
}

class v1_checker {
 public:
  v1_checker(const namespaces& ns, findings& out, node root) : ns_(ns), out_(out), xliff_ns_(ns.of(root)) {
    for (const auto& e : v1_elements) elements_.emplace(e.name, described{&e, parse_model(e.model)});
  }

  void run(node root) {
    root_ = root;
    element(root);
  }
  // run() leaves the root's <file> children to `to` instead of checking them.
  void defer_files(std::vector<deferred_file>& to) { defer_ = &to; }
  void check_file(node f) { element(f); }

 private:
  struct described {
    const v1_element* table;
    std::vector<particle> model;
  };

  // The name a content model sees: the local name in the XLIFF namespace,
  // "##other" outside it.
  string_view model_name(node el) const { return ns_.of(el) == xliff_ns_ ? local_name(el.name()) : "##other"; }

  static std::string rule_for(string_view parent) {  // only when there is something to report
    if (in_list(v1_inline_containers, parent)) return "inline_children";
    std::string r(parent);
    std::replace(r.begin(), r.end(), '-', '_');
    return r + "_children";
  }

  void element(node el) {
    string_view name = local_name(el.name());
    auto d = elements_.find(name);
    if (d == elements_.end()) return;  // reported by the parent's content model
    if (name == "file") {
      unit_ids_.clear();
      group_ids_.clear();
    }
    check_required(el, d->second.table->required, out_);
    attributes(el, name);
    content(el, d->second);
    for (auto c = el.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || ns_.of(c) != xliff_ns_) continue;
      if (defer_ && el == root_ && local_name(c.name()) == "file") {
        defer_->push_back({c, out_.size()});
        unit_ids_.clear();  // a stray unit after it starts afresh, as after a file checked here
        group_ids_.clear();
      } else {
        element(c);
      }
    }
  }

  void attributes(node el, string_view name) {
    if (!el.first_attribute()) return;
    for (const auto& e : v1_enumerations) {
      if (!in_list(e.elements, name)) continue;
      auto v = attr(el, e.attribute);
      if (!v || in_list(e.values, *v)) continue;
      bool extension = v->size() > 2 && v->substr(0, 2) == "x-" && std::none_of(v->begin(), v->end(), is_xml_space);
      if (e.extensible && extension) continue;
      out_.add(el, "enum_value",
               cat("Invalid value ", quoted(*v), " for ", e.attribute, " on ", tag(el), " (allowed: ", e.values,
                   e.extensible ? ", or x-... for a custom value)" : ")"));
    }
    if (name == "file")
      for (const char* a : {"source-language", "target-language"})
        if (auto v = attr(el, a); v && !is_xs_language(*v)) {
          if (underscored(*v, is_xs_language))
            out_.add(el, "language_tag_underscore",
                     cat(a, " ", quoted(*v), " on ", tag(el), " is not a language tag: '_' where it needs '-'"));
          else
            out_.add(el, "language_tag", cat(a, " ", quoted(*v), " on ", tag(el), " is not a language tag"));
        }
    if (name == "trans-unit" || name == "bin-unit") unique_id(el, unit_ids_, "unit_id_unique");
    if (name == "group") unique_id(el, group_ids_, "group_id_unique");
  }

  // trans-unit and bin-unit ids are one key per <file>; group ids another.
  void unique_id(node el, std::unordered_set<string_view>& seen, string_view rule) {
    auto id = attr(el, "id");
    if (id && !seen.insert(*id).second)
      out_.add(el, rule,
               cat("Duplicate id ", quoted(*id), " on ", tag(el), ": ids must be unique within their <file>"));
  }

  // Matches the children greedily against the model, which the schema's
  // unique particle attribution makes exact.
  void content(node el, const described& d) {
    if (!d.table->mixed) check_element_only(el, out_);
    const auto& model = d.model;
    if (!model.empty() && model.front().accepts("##any")) return;
    std::string rule;  // only when there is something to report
    auto rule_name = [&]() -> const std::string& {
      if (rule.empty()) rule = rule_for(d.table->name);
      return rule;
    };
    string_view expected = d.table->model.empty() ? "none" : d.table->model;
    auto& count = counts_;  // reused: content() does not recurse
    count.assign(model.size(), 0);
    std::size_t at = 0;
    auto require_up_to = [&](std::size_t k) {
      for (; at < k; ++at)
        if (count[at] < model[at].min)
          out_.add(el, rule_name(),
                   cat(tag(el), " must contain ", model[at].shown(), " (expected content: ", expected, ")"));
    };
    for (auto c = el.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      string_view n = model_name(c);
      std::size_t k = at;
      while (k < model.size() && !(model[k].accepts(n) && count[k] < model[k].max)) ++k;
      if (k == model.size()) {
        bool known = std::any_of(model.begin(), model.end(), [&](const particle& p) { return p.accepts(n); });
        out_.add(c, rule_name(),
                 cat(tag(c), known ? " is out of place or repeated in " : " is not allowed in ", tag(el),
                     " (expected content: ", expected, ")"));
        continue;
      }
      require_up_to(k);
      ++count[k];
    }
    require_up_to(model.size());
  }

  const namespaces& ns_;
  findings& out_;
  string_view xliff_ns_;
  std::unordered_map<string_view, described> elements_;
  std::unordered_set<string_view> unit_ids_, group_ids_;
  std::vector<unsigned> counts_;  // content(): matches per particle of the model
  std::vector<deferred_file>* defer_ = nullptr;
  node root_;
};

// ------------------------------------------------------------------ XLIFF 2.x tables

// Which foreign (namespaced, non-xml:) attributes an element takes.
enum class foreign { any, modules, none };
enum xml_attributes : unsigned { no_xml = 0, xml_lang = 1, xml_space = 2, xml_lang_space = 3 };

struct attr_spec {
  string_view allowed;   // unprefixed attribute names
  string_view required;  // among them, those that must be present
  foreign others = foreign::any;
  unsigned xml = xml_lang_space;
};

namespace spec {
constexpr attr_spec xliff{"version srcLang trgLang", "version srcLang"};
constexpr attr_spec file{"id canResegment original translate srcDir trgDir", "id"};
constexpr attr_spec skeleton{"href", "", foreign::none, no_xml};
constexpr attr_spec group_or_unit{"id name canResegment translate srcDir trgDir type", "id"};
constexpr attr_spec notes{"", "", foreign::none, no_xml};
constexpr attr_spec note_2_0{"id appliesTo category priority", ""};
constexpr attr_spec note_2_2{"id appliesTo category priority ref", ""};
constexpr attr_spec original_data{"", "", foreign::none, no_xml};
constexpr attr_spec data{"id dir", "id", foreign::none, xml_space};
constexpr attr_spec segment_2_0{"id canResegment state subState", "", foreign::none, no_xml};
constexpr attr_spec segment_2_2{"id canResegment state subState", "", foreign::modules, no_xml};  // pgs:case
constexpr attr_spec ignorable{"id", "", foreign::none, no_xml};
constexpr attr_spec source{"", "", foreign::none};
constexpr attr_spec target{"order", "", foreign::none};
constexpr attr_spec cp{"hex", "hex", foreign::none, no_xml};
constexpr attr_spec ph{"canCopy canDelete canReorder copyOf disp equiv id dataRef subFlows subType type", "id",
                       foreign::modules, no_xml};
constexpr attr_spec pc{
    "canCopy canDelete canOverlap canReorder copyOf dispEnd dispStart equivEnd equivStart id dataRefEnd "
    "dataRefStart subFlowsEnd subFlowsStart subType type dir",
    "id", foreign::modules, no_xml};
constexpr attr_spec sc{
    "canCopy canDelete canOverlap canReorder copyOf dataRef dir disp equiv id isolated subFlows subType type", "id",
    foreign::modules, no_xml};
constexpr attr_spec ec{
    "canCopy canDelete canOverlap canReorder copyOf dataRef dir disp equiv id isolated startRef subFlows "
    "subType type",
    "", foreign::modules, no_xml};
// xml:lang/xml:space on mrk and sm are accepted: the core schema allows
// them (##other) and no suite file depends on refusing them.
constexpr attr_spec marker{"id translate type ref value", "id"};
constexpr attr_spec em{"startRef", "startRef", foreign::none, no_xml};
constexpr attr_spec module_container{"", "", foreign::none, no_xml};
constexpr attr_spec mtc_match{"id matchQuality matchSuitability origin ref reference similarity subType type", "ref",
                              foreign::any, no_xml};
constexpr attr_spec gls_entry{"id ref", "", foreign::any, no_xml};
constexpr attr_spec gls_term{"source", "", foreign::any, no_xml};
constexpr attr_spec gls_translation{"id ref source", "", foreign::any, no_xml};
constexpr attr_spec mda_metadata{"id", "", foreign::none, no_xml};
constexpr attr_spec mda_meta_group{"id category appliesTo", "", foreign::none, no_xml};
constexpr attr_spec mda_meta{"type", "type", foreign::none, no_xml};
constexpr attr_spec res_item_ref{"id ref", "ref", foreign::any, no_xml};
constexpr attr_spec res_item{"id mimeType context", "", foreign::any, no_xml};
constexpr attr_spec res_reference{"href", "href", foreign::any, xml_lang};
constexpr attr_spec res_content{"href", "", foreign::any, xml_lang};
constexpr attr_spec ctr_revisions{"appliesTo ref currentVersion", "appliesTo", foreign::any, no_xml};
constexpr attr_spec ctr_revision{"author datetime version", "", foreign::any, no_xml};
constexpr attr_spec ctr_item{"property", "property", foreign::any, no_xml};
constexpr attr_spec slr_profiles{"generalProfile storageProfile", "", foreign::any, no_xml};
constexpr attr_spec slr_normalization{"general storage", "", foreign::any, no_xml};
constexpr attr_spec slr_data{"profile", "profile", foreign::any, no_xml};
constexpr attr_spec val_validation{"", "", foreign::any, no_xml};
constexpr attr_spec val_rule{
    "isPresent occurs isNotPresent startsWith endsWith existsInSource caseSensitive normalization disabled", "",
    foreign::any, no_xml};
}  // namespace spec

// Where module attributes may appear (Okapi's modules.xml).
struct module_attribute {
  string_view ns, name, elements;
};
constexpr std::array module_attributes{
    module_attribute{module::fs, "fs", "file group unit note ph pc sc ec mrk sm"},
    module_attribute{module::fs, "subFs", "file group unit note ph pc sc ec mrk sm"},
    module_attribute{module::slr, "storageRestriction", "file group unit pc sc mrk sm"},
    module_attribute{module::slr, "sizeRestriction", "file group unit pc sc mrk sm"},
    module_attribute{module::slr, "equivStorage", "ph pc sc ec"},
    module_attribute{module::slr, "sizeInfo", "file group unit ph pc sc ec"},
    module_attribute{module::slr, "sizeInfoRef", "file group unit ph pc sc ec"},
    module_attribute{module::pgs, "switch", "unit"},
    module_attribute{module::pgs, "case", "segment"},
};

// Where module elements may appear.
struct module_element {
  string_view ns, name, holders;
};
constexpr std::array module_elements{
    module_element{module::ctr, "changeTrack", "file group unit"},
    module_element{module::mda, "metadata", "file group unit"},
    module_element{module::res, "resourceData", "file unit"},
    module_element{module::slr, "profiles", "file"},
    module_element{module::slr, "data", "file group unit"},
    module_element{module::val, "validation", "file group unit"},
    module_element{module::mtc, "matches", "unit"},
    module_element{module::gls, "glossary", "unit"},
};

constexpr string_view fs_values =
    "a b bdo big blockquote body br button caption center cite code col colgroup dd del div dl dt em embed fieldset "
    "form frame frameset h1 h2 h3 h4 h5 h6 head hr html i iframe img input ins kbd label legend li link map meta "
    "noscript object ol optgroup option p param pre q rp rt ruby s samp script select small span strike strong style "
    "sub sup table tbody td textarea tfoot th thead title tr tt u ul";

// Fragment-identifier prefixes known without configuration: the modules',
// plus tbx (TBX in withTBXExtension.xlf).
constexpr string_view fragment_prefixes = "mtc gls res fs mda ctr slr val its tbx";

constexpr string_view yes_no = "yes no";
constexpr string_view directions = "ltr rtl auto";
constexpr string_view normalizations = "none nfc nfd";

// Reserved xlf: subTypes and the type each requires.
constexpr std::array<std::pair<string_view, string_view>, 6> xlf_subtypes{
    {{"xlf:lb", "fmt"}, {"xlf:pb", "fmt"}, {"xlf:b", "fmt"}, {"xlf:i", "fmt"}, {"xlf:u", "fmt"}, {"xlf:var", "ui"}}};

// ------------------------------------------------------------------ XLIFF 2.x inline events

// Inline content walked depth-first: the codes and markers the pairing and
// ordering rules look at. A pc opens and closes; an mrk only matters where it opens.
enum class ev { ph, pc_open, pc_close, sc, ec, mrk, sm, em };

struct event {
  ev kind;
  node el;
  node part;  // the segment or ignorable
};

bool is_code(ev k) { return k == ev::ph || k == ev::pc_open || k == ev::sc || k == ev::ec; }

string_view start_ref_or_id(node el) {
  auto ref = attr(el, "startRef");
  return ref && !ref->empty() ? *ref : string_view(el.attribute("id").value());
}

// A selector list of a fragment identifier: f g u n t d, 's' for the
// un-prefixed id, 'x' for a module or extension selector.
struct fragment {
  std::map<char, string_view> selectors;
  bool has(char key) const { return selectors.count(key) != 0; }
  std::optional<string_view> get(char key) const {
    auto it = selectors.find(key);
    return it == selectors.end() ? std::nullopt : std::optional<string_view>(it->second);
  }
};

// A run of non-reorderable codes: (open 'z' or close 'c', id) each.
using sequence = std::vector<std::pair<char, string_view>>;

// ------------------------------------------------------------------ XLIFF 2.x checker

class v2_checker {
 public:
  v2_checker(const namespaces& ns, findings& out, node root)
      : ns_(ns), out_(out), core_(ns.of(root)), v22_(core_ == core_2_2) {}

  void run(node root) {
    for_each_element(root, [&](node el) {
      if (auto l = attr(el, "xml:lang"); l && !is_bcp47(*l))
        out_.add(el, "xml_lang_bcp47",
                 cat("xml:lang ", quoted(*l), " on ", tag(el), " is not a well-formed BCP 47 language tag"));
    });
    xliff(root);
  }
  // run() leaves the <file> elements to `to` instead of checking them.
  void defer_files(std::vector<deferred_file>& to) { defer_ = &to; }
  // Checks one file as run() would have, with the root's languages from `root_checker`.
  void check_file(node f, const v2_checker& root_checker) {
    src_lang_ = root_checker.src_lang_;
    trg_lang_ = root_checker.trg_lang_;
    file(f);
  }

 private:
  // ---- names
  bool is(node el, string_view ns, string_view local) const {
    return ns_.of(el) == ns && local_name(el.name()) == local;
  }
  bool is_core(node el, string_view local) const { return is(el, core_, local); }
  bool in_core(node el) const { return ns_.of(el) == core_; }

  node core_child(node el, string_view local) const {
    for (auto c : el.children())
      if (c.type() == pugi::node_element && is_core(c, local)) return c;
    return {};
  }

  // A module attribute of `el`, whatever prefix the document gives it.
  std::optional<string_view> module_attr(node el, string_view ns, string_view local) const {
    for (auto a : el.attributes())
      if (!is_namespace_declaration(a) && local_name(a.name()) == local && ns_.of(a) == ns)
        return string_view(a.value());
    return std::nullopt;
  }

  // ---- generic checks
  void attributes(node el, const attr_spec& s) {
    for (auto a : el.attributes()) {
      if (is_namespace_declaration(a)) continue;
      string_view name = a.name(), local = local_name(a.name());
      string_view ns = ns_.of(a);
      if (prefix_of(a.name()).empty()) {
        if (!in_list(s.allowed, name))
          out_.add(el, "attr_not_allowed", cat("Attribute '", name, "' is not allowed on ", tag(el)));
      } else if (ns == xml_namespace_uri) {
        bool ok = (local == "lang" && (s.xml & xml_lang)) || (local == "space" && (s.xml & xml_space));
        if (!ok) out_.add(el, "attr_not_allowed", cat("Attribute '", name, "' is not allowed on ", tag(el)));
      } else if (ns == core_) {
        out_.add(el, "attr_not_allowed",
                 cat("Attribute '", name, "' in the XLIFF core namespace is not allowed on ", tag(el)));
      } else {
        if (s.others == foreign::none)
          out_.add(el, "ext_attr_not_allowed", cat("Extension attribute '", name, "' is not allowed on ", tag(el)));
        else if (s.others == foreign::modules && !is_module(ns) && ns != its_namespace_uri)
          out_.add(el, "ext_attr_on_code",
                   cat("Only module attributes are allowed on ", tag(el), " (found '", name, "')"));
        module_attribute_value(el, a, ns, local);
      }
    }
    check_required(el, s.required, out_);
  }

  void module_attribute_value(node el, pugi::xml_attribute a, string_view ns, string_view local) {
    // Module attributes on module or extension elements are those elements' business.
    if (!is_module(ns) || !in_core(el)) return;
    string_view name = a.name(), value = a.value(), element = local_name(el.name());
    auto where = std::find_if(module_attributes.begin(), module_attributes.end(),
                              [&](const module_attribute& m) { return m.ns == ns && m.name == local; });
    if (where == module_attributes.end()) {
      out_.add(el, "module_attr_unknown", cat("Unknown attribute '", name, "' in module namespace ", ns));
      return;
    }
    if (!in_list(where->elements, element)) {
      out_.add(el, "module_attr_location", cat("Module attribute '", name, "' is not allowed on ", tag(el)));
      return;
    }
    if (ns == module::fs) {
      if (local == "fs" && !in_list(fs_values, value))
        out_.add(el, "fs_value",
                 cat("fs:fs value ", quoted(value), " on ", tag(el), " is not an allowed element name"));
      if (local == "subFs" && !module_attr(el, module::fs, "fs"))
        out_.add(el, "fs_subfs_requires_fs", cat("fs:subFs on ", tag(el), " requires fs:fs on the same element"));
    } else if (ns == module::slr) {
      size_restriction_attribute(el, name, local, value);
    }
  }

  void size_restriction_attribute(node el, string_view name, string_view local, string_view value) {
    if (local == "sizeRestriction" || local == "storageRestriction") {
      auto parts = split(value, ',');
      bool ok = value == "*" || (parts.size() == 1 && is_digits(parts[0])) ||
                (parts.size() == 2 && is_digits(parts[0]) && (is_digits(parts[1]) || parts[1] == "*"));
      if (!ok)
        out_.add(el, "slr_restriction_pattern",
                 cat(name, " value ", quoted(value), " on ", tag(el), " must be '*', 'N', 'N,M' or 'N,*'"));
    } else if (local == "equivStorage" && !is_digits(value)) {
      out_.add(el, "slr_equivstorage_integer",
               cat(name, " value ", quoted(value), " on ", tag(el), " must be a non-negative integer"));
    } else if (local == "sizeInfo") {
      // Free text is valid (withModulesAttributesInEc.xlf); a number must be an integer.
      static const std::regex numeric("^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$");
      if (value.size() < 64 && std::regex_match(value.begin(), value.end(), numeric) && !is_digits(value))
        out_.add(el, "slr_sizeinfo_integer",
                 cat(name, " value ", quoted(value), " on ", tag(el), " must be an integer"));
      if (module_attr(el, module::slr, "sizeInfoRef"))
        out_.add(el, "slr_sizeinfo_xor_ref",
                 cat("slr:sizeInfo and slr:sizeInfoRef cannot be used together on ", tag(el)));
    } else if (local == "sizeInfoRef" && !size_info_ref_resolves(el, value)) {
      out_.add(el, "slr_sizeinforef_resolves",
               cat("slr:sizeInfoRef ", quoted(value), " on ", tag(el),
                   " does not point to an element inside a sibling or ancestor-sibling <slr:data>"));
    }
  }

  bool size_info_ref_resolves(node el, string_view ref) const {
    for (node a = el; a.parent().type() == pugi::node_element; a = a.parent())
      for (auto sibling : child_elements(a.parent())) {
        if (!is(sibling, module::slr, "data")) continue;
        bool found = false;
        for_each_element(sibling, [&](node d) {
          if (d != sibling && (attr(d, "id") == ref || attr(d, "xml:id") == ref)) found = true;
        });
        if (found) return true;
      }
    return false;
  }

  void enumerated(node el, const char* name, string_view values) {
    if (auto v = attr(el, name); v && !in_list(values, *v))
      out_.add(el, "enum_value",
               cat("Invalid value ", quoted(*v), " for ", name, " on ", tag(el), " (allowed: ", values, ")"));
  }

  void nmtoken(node el, const char* name) {
    if (auto v = attr(el, name); v && !is_nmtoken(*v))
      out_.add(el, "nmtoken", cat(quoted(*v), " is not a valid NMTOKEN for ", name, " on ", tag(el)));
  }

  void element_only(node el) { check_element_only(el, out_); }

  // Records `id` in `seen`, with a finding when it was there already.
  void unique(node el, std::optional<string_view> id, std::set<string_view>& seen, string_view rule,
              string_view scope) {
    if (id && !seen.insert(*id).second)
      out_.add(el, rule, cat("Duplicate id ", quoted(*id), " on ", tag(el), " ", scope));
  }

  // Many elements hold one or more children of a single kind: `each` gets
  // those; anything else is reported under `other`, an empty parent under `none`.
  template <class F>
  void children_of_kind(node parent, string_view ns, string_view local, string_view other, string_view none,
                        const F& each) {
    string_view prefix = prefix_of(parent.name());
    std::string expected = prefix.empty() ? cat("<", local, ">") : cat("<", prefix, ":", local, ">");
    int count = 0;
    for (auto c : child_elements(parent)) {
      if (!is(c, ns, local)) {
        out_.add(c, other, cat(tag(parent), " may only contain ", expected, " (found ", tag(c), ")"));
        continue;
      }
      ++count;
      each(c);
    }
    if (count == 0) out_.add(parent, none, cat(tag(parent), " must contain at least one ", expected));
  }

  // ---- document structure
  void xliff(node x) {
    attributes(x, spec::xliff);
    auto version = attr(x, "version");
    if (version && version->substr(0, 2) != "2.")
      out_.add(x, "xliff_version", cat("Unsupported XLIFF version ", quoted(*version)));
    src_lang_ = attr(x, "srcLang");
    trg_lang_ = attr(x, "trgLang");
    for (auto [value, name] : {std::pair{src_lang_, "srcLang"}, std::pair{trg_lang_, "trgLang"}}) {
      if (!value || is_bcp47(*value)) continue;
      if (underscored(*value, is_bcp47))
        out_.add(x, "language_tag_underscore",
                 cat(name, " ", quoted(*value), " is not a well-formed BCP 47 language tag: '_' where it needs '-'"));
      else
        out_.add(x, name == std::string_view("srcLang") ? "srclang_bcp47" : "trglang_bcp47",
                 cat(name, " ", quoted(*value), " is not a well-formed BCP 47 language tag"));
    }
    element_only(x);
    std::set<string_view> file_ids;
    int files = 0;
    for (auto ch : child_elements(x)) {
      if (is_core(ch, "file")) {
        ++files;
        unique(ch, attr(ch, "id"), file_ids, "file_id_unique", "(<file> ids must be unique in the document)");
        if (defer_)
          defer_->push_back({ch, out_.size()});
        else
          file(ch);
      } else if (v22_ && files == 0 && is_core(ch, "notes")) {
        notes(ch);
      } else if (v22_ && files == 0 && is(ch, module::mda, "metadata")) {
        metadata(ch);
      } else {
        out_.add(ch, "xliff_children", cat("Only <file> elements are allowed in <xliff> (found ", tag(ch), ")"));
      }
    }
    if (files == 0) out_.add(x, "xliff_has_file", "<xliff> must contain at least one <file>");
  }

  // file, group and unit share these attributes, values and rules.
  void structural_element(node el, const attr_spec& s) {
    attributes(el, s);
    nmtoken(el, "id");
    enumerated(el, "canResegment", yes_no);
    enumerated(el, "translate", yes_no);
    enumerated(el, "srcDir", directions);
    enumerated(el, "trgDir", directions);
    element_only(el);
    extension_ids(el);
  }

  void file(node f) {
    structural_element(f, spec::file);
    file_ = {f, {}, {}, {}};
    // Order: skeleton?, extensions and modules*, notes?, (unit|group)+.
    enum { start, after_skeleton, in_extensions, after_notes, in_units } state = start;
    int units_and_groups = 0;
    for (auto ch : child_elements(f)) {
      if (is_core(ch, "skeleton")) {
        if (state > start) out_.add(ch, "file_child_order", "<skeleton> must be the first child of <file>");
        state = after_skeleton;
        skeleton(ch);
      } else if (is_core(ch, "notes")) {
        if (state > in_extensions)
          out_.add(ch, "notes_position", "<notes> in <file> must come before <unit>/<group>, and only once");
        state = after_notes;
        notes(ch);
      } else if (is_core(ch, "unit") || is_core(ch, "group")) {
        state = in_units;
        ++units_and_groups;
        is_core(ch, "unit") ? unit(ch) : group(ch);
      } else if (in_core(ch)) {
        out_.add(ch, "unknown_core_element", cat("Unexpected element ", tag(ch), " in <file>"));
      } else {
        if (state > in_extensions)
          out_.add(
              ch, "ext_elem_position",
              cat("Extension/module element ", tag(ch), " must come before <notes>, <unit> and <group> in <file>"));
        else
          state = in_extensions;
        extension_child(ch, "file");
      }
    }
    if (units_and_groups == 0)
      out_.add(f, "file_has_unit_or_group", "<file> must contain at least one <unit> or <group>");
    // References may point forward: resolved once the whole file is read.
    for (const auto& [value, el] : file_.subflows)
      for (string_view id : split(value, ' ')) {
        if (id.empty()) continue;
        if (!is_nmtoken(id))
          out_.add(
              el, "subflows_nmtokens",
              cat("subFlows value ", quoted(value), " on ", tag(el), " must be a space-separated list of NMTOKENs"));
        else if (!file_.unit_ids.count(id))
          out_.add(el, "subflows_resolve",
                   cat("subFlows id ", quoted(id), " on ", tag(el), " does not match any <unit> of the file"));
      }
  }

  void skeleton(node s) {
    attributes(s, spec::skeleton);
    bool has_content = has_child_element(s) || has_text(s, text_kind::non_blank);
    if (s.attribute("href") && has_content)
      out_.add(s, "skeleton_href_xor_content", "<skeleton> with an href attribute must be empty");
    if (!s.attribute("href") && !has_content)
      out_.add(s, "skeleton_href_xor_content", "<skeleton> without an href attribute must have content");
    for (auto ch : child_elements(s))
      if (in_core(ch))
        out_.add(ch, "skeleton_children", cat("<skeleton> may only contain non-XLIFF elements (found ", tag(ch), ")"));
  }

  // Extension elements of one file/group/unit (and the file's skeleton) share
  // one id scope per namespace; nested groups and units are scopes of their own.
  void extension_ids(node holder) {
    std::set<std::pair<string_view, string_view>> seen;
    for (auto ch : child_elements(holder)) {
      std::vector<node> roots = is_core(ch, "skeleton") ? child_elements(ch) : std::vector<node>{ch};
      for (auto r : roots) {
        if (in_core(r) || has_own_id_rules(ns_.of(r))) continue;
        for_each_element(r, [&](node d) {
          for (const char* key : {"id", "xml:id"}) {
            auto v = attr(d, key);
            if (!v) continue;
            if (!is_nmtoken(*v))
              out_.add(d, "nmtoken", cat("Extension id ", quoted(*v), " on ", tag(d), " is not an NMTOKEN"));
            if (!seen.emplace(ns_.of(d), *v).second)
              out_.add(d, "ext_id_unique",
                       cat("Duplicate id ", quoted(*v), " among extension elements of namespace ", ns_.of(d), " in ",
                           tag(holder)));
          }
        });
      }
    }
  }

  void extension_child(node ch, string_view holder) {
    string_view ns = ns_.of(ch), local = local_name(ch.name());
    if (!is_module(ns)) return;  // extensions: anything goes
    auto where = std::find_if(module_elements.begin(), module_elements.end(),
                              [&](const module_element& m) { return m.ns == ns && m.name == local; });
    if (where == module_elements.end() || !in_list(where->holders, holder)) {
      out_.add(ch, "module_elem_location", cat("Module element ", tag(ch), " is not allowed in <", holder, ">"));
      return;
    }
    if (!is(ch, module::ctr, "changeTrack")) {
      auto same = [&](node s) { return is(s, ns, local); };
      auto siblings = child_elements(ch.parent());
      auto first = std::find_if(siblings.begin(), siblings.end(), same);
      if (*first == ch && std::count_if(siblings.begin(), siblings.end(), same) > 1)
        out_.add(ch, "module_elem_once", cat(tag(ch), " may occur only once in <", holder, ">"));
    }
    if (ns == module::mtc)
      matches(ch);
    else if (ns == module::gls)
      glossary(ch);
    else if (ns == module::mda)
      metadata(ch);
    else if (ns == module::res)
      resource_data(ch);
    else if (ns == module::ctr)
      change_track(ch);
    else if (ns == module::slr)
      size_restriction_element(ch);
    else if (ns == module::val)
      validation(ch);
  }

  void notes(node n) {
    attributes(n, spec::notes);
    element_only(n);
    std::set<string_view> ids;
    children_of_kind(n, core_, "note", "notes_children", "notes_has_note", [&](node ch) {
      attributes(ch, v22_ ? spec::note_2_2 : spec::note_2_0);
      nmtoken(ch, "id");
      enumerated(ch, "appliesTo", "source target");
      if (auto p = attr(ch, "priority"); p && !is_integer_between(*p, 1, 10))
        out_.add(ch, "note_priority", cat("<note> priority ", quoted(*p), " must be an integer from 1 to 10"));
      unique(ch, attr(ch, "id"), ids, "note_id_unique", "(note ids must be unique within <notes>)");
      if (has_child_element(ch)) out_.add(ch, "note_text_only", "<note> must contain only text");
    });
  }

  void unit_or_group_attributes(node el) {
    structural_element(el, spec::group_or_unit);
    if (auto t = attr(el, "type"); t && !is_user_defined(*t))
      out_.add(el, "user_defined_value", cat("type ", quoted(*t), " on ", tag(el), " must have the form prefix:value"));
  }

  void group(node g) {
    unit_or_group_attributes(g);
    unique(g, attr(g, "id"), file_.group_ids, "group_id_unique", "(group ids must be unique within their <file>)");
    // Order: extensions and modules*, notes?, (unit|group)*.
    enum { start, in_extensions, after_notes, in_units } state = start;
    for (auto ch : child_elements(g)) {
      if (is_core(ch, "notes")) {
        if (state > in_extensions)
          out_.add(ch, "notes_position", "<notes> in <group> must come before <unit>/<group>, and only once");
        state = after_notes;
        notes(ch);
      } else if (is_core(ch, "unit") || is_core(ch, "group")) {
        state = in_units;
        is_core(ch, "unit") ? unit(ch) : group(ch);
      } else if (in_core(ch)) {
        out_.add(ch, "unknown_core_element", cat("Unexpected element ", tag(ch), " in <group>"));
      } else {
        if (state > in_extensions)
          out_.add(ch, "ext_elem_position", cat("Extension/module element ", tag(ch), " must come first in <group>"));
        state = std::max(state, in_extensions);
        extension_child(ch, "group");
      }
    }
  }

  void unit(node u) {
    unit_or_group_attributes(u);
    unique(u, attr(u, "id"), file_.unit_ids, "unit_id_unique", "(unit ids must be unique within their <file>)");
    unit_ = {u, std::nullopt, {}};
    // Order: extensions and modules*, notes?, originalData?, (segment|ignorable)+.
    enum { start, in_extensions, after_notes, after_original_data, in_parts } state = start;
    std::vector<node> parts;
    node original, unit_notes;
    for (auto ch : child_elements(u)) {
      if (is_core(ch, "notes")) {
        if (state > in_extensions)
          out_.add(ch, "notes_position",
                   "<notes> in <unit> must come before <originalData>, <segment> and <ignorable>, and only once");
        state = after_notes;
        unit_notes = ch;
        notes(ch);
      } else if (is_core(ch, "originalData")) {
        if (state > after_notes)
          out_.add(ch, "unit_child_order", "<originalData> must come before <segment> and <ignorable>, and only once");
        state = after_original_data;
        original = ch;
      } else if (is_core(ch, "segment") || is_core(ch, "ignorable")) {
        state = in_parts;
        parts.push_back(ch);
      } else if (in_core(ch)) {
        out_.add(ch, "unknown_core_element", cat("Unexpected element ", tag(ch), " in <unit>"));
      } else {
        if (state > in_extensions)
          out_.add(ch, "ext_elem_position",
                   cat("Extension/module element ", tag(ch),
                       " must come before <notes>, <originalData> and the segments of <unit>"));
        state = std::max(state, in_extensions);
      }
    }
    if (original) unit_.data_ids = original_data(original);
    if (unit_notes)
      for (auto n : child_elements(unit_notes))
        if (auto id = attr(n, "id")) unit_.note_ids.insert(*id);
    if (std::none_of(parts.begin(), parts.end(), [&](node p) { return is_core(p, "segment"); }))
      out_.add(u, "unit_has_segment",
               cat("<unit id=", quoted(u.attribute("id").value()), "> must contain at least one <segment>"));

    std::set<string_view> part_ids;
    std::vector<std::pair<long long, node>> orders;  // effective target order of each part with a target
    for (std::size_t i = 0; i < parts.size(); ++i) {
      node p = parts[i];
      part(p);
      unique(p, attr(p, "id"), part_ids, "part_id_unique",
             "(segment and ignorable ids must be unique within their unit)");
      if (node t = core_child(p, "target")) orders.emplace_back(target_order(t, i, parts.size()), p);
    }
    order_uniqueness(parts, orders);
    // Target events follow the effective order (stable for equal values).
    std::stable_sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    inline_checks(parts, orders);
    for (auto ch : child_elements(u))
      if (!in_core(ch)) extension_child(ch, "unit");
  }

  long long target_order(node t, std::size_t index, std::size_t parts) {
    auto v = attr(t, "order");
    if (!v) return static_cast<long long>(index) + 1;
    long long o = 0;
    if (!is_digits(*v) || (*v)[0] == '0') {
      out_.add(t, "order_value", cat("Invalid target order ", quoted(*v), ": it must be a positive integer"));
      return -1;
    }
    if (std::from_chars(v->data(), v->data() + v->size(), o).ec != std::errc() || o > static_cast<long long>(parts))
      out_.add(t, "order_range", cat("Target order ", *v, " is out of range 1..", std::to_string(parts)));
    return o;
  }

  void order_uniqueness(const std::vector<node>& parts, const std::vector<std::pair<long long, node>>& orders) {
    auto has_duplicates = [](std::vector<long long> v) {
      std::sort(v.begin(), v.end());
      return std::adjacent_find(v.begin(), v.end()) != v.end();
    };
    std::vector<long long> target_orders;
    for (const auto& o : orders) target_orders.push_back(o.first);
    bool duplicates = has_duplicates(target_orders);
    if (duplicates) out_.add(unit_.unit, "order_unique", "Two targets of the unit have the same effective order");
    // Parts without a target keep their position, which a target may not take.
    std::vector<long long> all_orders;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      long long o = static_cast<long long>(i) + 1;
      node t = core_child(parts[i], "target");
      if (auto v = t ? attr(t, "order") : std::nullopt; v && is_digits(*v) && v->size() < 18)
        o = std::stoll(std::string(*v));
      all_orders.push_back(o);
    }
    if (!duplicates && has_duplicates(all_orders))
      out_.add(unit_.unit, "order_unique_all_parts",
               "A target's order collides with the position of a part without target");
  }

  std::set<string_view> original_data(node od) {
    attributes(od, spec::original_data);
    element_only(od);
    std::set<string_view> ids;
    children_of_kind(od, core_, "data", "originaldata_children", "originaldata_has_data", [&](node d) {
      attributes(d, spec::data);
      nmtoken(d, "id");
      enumerated(d, "dir", directions);
      unique(d, attr(d, "id"), ids, "data_id_unique", "(data ids must be unique within <originalData>)");
      for (auto c : child_elements(d)) {
        if (is_core(c, "cp"))
          cp(c);
        else
          out_.add(c, "data_content", cat("<data> may only contain text and <cp/> (found ", tag(c), ")"));
      }
    });
    return ids;
  }

  void cp(node c) {
    attributes(c, spec::cp);
    auto hex = attr(c, "hex");
    if (!hex) return;
    if (hex->empty() ||
        !std::all_of(hex->begin(), hex->end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); })) {
      out_.add(c, "cp_hex_syntax", cat("Invalid code point ", quoted(*hex), " in <cp hex>"));
      return;
    }
    string_view digits = hex->substr(std::min(hex->find_first_not_of('0'), hex->size()));
    unsigned long v = 0;
    if (digits.size() <= 6) std::from_chars(digits.data(), digits.data() + digits.size(), v, 16);
    if (digits.size() > 6 || v > 0x10FFFF) {
      out_.add(c, "cp_hex_range", cat("Code point ", quoted(*hex), " in <cp hex> is beyond U+10FFFF"));
      return;
    }
    if (is_xml_char(static_cast<char32_t>(v)))
      out_.add(c, "cp_only_invalid_xml_chars",
               cat("U+", *hex, " is a valid XML character and must not be encoded with <cp/>"));
  }

  void part(node p) {
    bool segment = is_core(p, "segment");
    if (segment) {
      attributes(p, v22_ ? spec::segment_2_2 : spec::segment_2_0);
      enumerated(p, "canResegment", yes_no);
      enumerated(p, "state", "initial translated reviewed final");
      if (auto sub = attr(p, "subState")) {
        if (!p.attribute("state"))
          out_.add(p, "substate_requires_state", "subState requires an explicit state on <segment>");
        if (!is_user_defined(*sub))
          out_.add(p, "user_defined_value", cat("subState ", quoted(*sub), " must have the form prefix:value"));
      }
    } else {
      attributes(p, spec::ignorable);
    }
    nmtoken(p, "id");
    element_only(p);
    auto kids = child_elements(p);
    bool shape = (kids.size() == 1 || kids.size() == 2) && is_core(kids[0], "source") &&
                 (kids.size() == 1 || is_core(kids[1], "target"));
    if (!shape)
      out_.add(p, "part_children", cat(tag(p), " must contain one <source> optionally followed by one <target>"));
    for (auto k : kids) {
      if (!is_core(k, "source") && !is_core(k, "target")) continue;
      attributes(k, is_core(k, "target") ? spec::target : spec::source);
      inline_content(k);
    }
    node src = core_child(p, "source"), trg = core_child(p, "target");
    if (trg && !trg_lang_) out_.add(trg, "target_requires_trglang", "<target> found but <xliff> has no trgLang");
    if (src)
      if (auto l = inherited(src, "xml:lang"); l && !language_matches(*l, src_lang_.value_or("")))
        out_.add(src, "source_lang_matches_srclang",
                 cat("Effective xml:lang ", quoted(*l), " of <source> differs from srcLang ",
                     quoted(src_lang_.value_or(""))));
    if (trg)
      if (auto l = inherited(trg, "xml:lang"); l && trg_lang_ && !language_matches(*l, *trg_lang_))
        out_.add(trg, "target_lang_matches_trglang",
                 cat("Effective xml:lang ", quoted(*l), " of <target> differs from trgLang ", quoted(*trg_lang_)));
    if (src && trg &&
        inherited(src, "xml:space").value_or("default") != inherited(trg, "xml:space").value_or("default"))
      out_.add(trg, "xml_space_source_target_same", "<source> and <target> must have the same effective xml:space");
  }

  void inline_content(node el) {
    constexpr string_view allowed = "cp ph pc sc ec mrk sm em";
    for (auto ch : child_elements(el)) {
      string_view l = local_name(ch.name());
      if (!in_core(ch) || !in_list(allowed, l)) {
        out_.add(ch, "inline_children", cat("Element ", tag(ch), " is not allowed in inline content"));
        continue;
      }
      if (l == "pc" || l == "mrk")
        inline_content(ch);
      else if (has_child_element(ch) || has_text(ch, text_kind::any))
        out_.add(ch, "inline_empty", cat(tag(ch), " must be empty"));
      if (l == "cp") cp(ch);
    }
  }

  // ---- inline semantics
  void events_of(node content, node part, std::vector<event>& out) const {
    for (auto ch : child_elements(content)) {
      if (!in_core(ch)) continue;
      string_view l = local_name(ch.name());
      if (l == "pc") {
        out.push_back({ev::pc_open, ch, part});
        events_of(ch, part, out);
        out.push_back({ev::pc_close, ch, part});
      } else if (l == "mrk") {
        out.push_back({ev::mrk, ch, part});
        events_of(ch, part, out);
      } else {
        constexpr std::array<std::pair<string_view, ev>, 5> empty_elements{
            {{"ph", ev::ph}, {"sc", ev::sc}, {"ec", ev::ec}, {"sm", ev::sm}, {"em", ev::em}}};
        auto kind =
            std::find_if(empty_elements.begin(), empty_elements.end(), [&](const auto& e) { return e.first == l; });
        if (kind != empty_elements.end()) out.push_back({kind->second, ch, part});
      }
    }
  }

  void inline_checks(const std::vector<node>& parts, const std::vector<std::pair<long long, node>>& orders) {
    std::vector<event> source, target;
    for (node p : parts)
      if (node s = core_child(p, "source")) events_of(s, p, source);
    for (const auto& o : orders) events_of(core_child(o.second, "target"), o.second, target);
    side_checks(source, "source");
    side_checks(target, "target");
    inline_ids(parts, source, target);
    non_removable_codes(source, target);
    reordering(parts, source, target);
    std::vector<event> both = source;
    both.insert(both.end(), target.begin(), target.end());
    copies(both);
    data_refs(both);
  }

  static std::optional<string_view> inline_id(const event& e) {
    switch (e.kind) {
      case ev::ph:
      case ev::pc_open:
      case ev::sc:
      case ev::mrk:
      case ev::sm:
        return attr(e.el, "id");
      case ev::ec:
        return attr(e.el, "isolated") == "yes" ? attr(e.el, "id") : std::nullopt;
      default:
        return std::nullopt;
    }
  }

  void inline_ids(const std::vector<node>& parts, const std::vector<event>& source, const std::vector<event>& target) {
    std::set<string_view> part_ids, source_ids, target_ids;
    for (node p : parts)
      if (auto id = attr(p, "id")) part_ids.insert(*id);
    for (const auto& e : source)
      if (auto id = inline_id(e); id && (part_ids.count(*id) || !source_ids.insert(*id).second))
        out_.add(e.el, "inline_id_unique",
                 cat("Inline id ", quoted(*id), " is not unique in unit ", quoted(unit_.unit.attribute("id").value())));
    // A target code may repeat its source counterpart's id, not a part id.
    for (const auto& e : target) {
      auto id = inline_id(e);
      if (!id) continue;
      if (part_ids.count(*id))
        out_.add(e.el, "inline_id_unique",
                 cat("Target inline id ", quoted(*id), " equals a segment/ignorable id of the unit"));
      else if (!target_ids.insert(*id).second)
        out_.add(e.el, "inline_id_unique",
                 cat("Inline id ", quoted(*id), " is used twice in the target content of the unit"));
    }
  }

  // Category and id a code is matched by across source and target:
  // 'p' placeholder, 'o' opening, 'c' closing.
  static std::optional<std::pair<char, string_view>> code_key(const event& e) {
    switch (e.kind) {
      case ev::ph:
        return std::pair{'p', string_view(e.el.attribute("id").value())};
      case ev::pc_open:
      case ev::sc:
        return std::pair{'o', string_view(e.el.attribute("id").value())};
      case ev::ec:
        return std::pair{'c', start_ref_or_id(e.el)};
      case ev::pc_close:
        return std::pair{'c', string_view(e.el.attribute("id").value())};
      default:
        return std::nullopt;
    }
  }

  void non_removable_codes(const std::vector<event>& source, const std::vector<event>& target) {
    std::set<std::pair<char, string_view>> in_target;
    for (const auto& e : target)
      if (auto k = code_key(e)) in_target.insert(*k);
    for (const auto& e : source) {
      if (!is_code(e.kind) || attr(e.el, "canDelete") != "no" || !core_child(e.part, "target")) continue;
      auto k = code_key(e);
      if (!in_target.count(*k))
        out_.add_in_target(e.el, "non_removable_code_in_target",
                           cat("Code ", quoted(k->second), " has canDelete='no' but is missing from the target"));
    }
  }

  void reordering(const std::vector<node>& parts, const std::vector<event>& source, const std::vector<event>& target) {
    auto source_runs = sequences(source, "source");
    auto target_runs = sequences(target, "target");
    // Only complete translations can be compared.
    auto has_content = [](node n) { return n && (has_child_element(n) || has_text(n, text_kind::any)); };
    bool translated = std::all_of(parts.begin(), parts.end(), [&](node p) {
      return !has_content(core_child(p, "source")) || has_content(core_child(p, "target"));
    });
    if (!translated) return;
    for (const auto& run : source_runs) {
      auto found = std::find(target_runs.begin(), target_runs.end(), run);
      if (found != target_runs.end())
        target_runs.erase(found);
      else
        out_.add_in_target(unit_.unit, "reorder_sequence_preserved",
                           cat("The sequence of non-reorderable codes starting with ", quoted(run.front().second),
                               " was modified in the target"));
    }
  }

  std::vector<sequence> sequences(const std::vector<event>& events, string_view side) {
    std::vector<sequence> runs;
    std::optional<sequence> current;
    for (const auto& e : events) {
      if (!is_code(e.kind) && e.kind != ev::pc_close) continue;
      string_view reorder = attr(e.el, "canReorder").value_or("yes");
      bool closing = e.kind == ev::pc_close || e.kind == ev::ec;
      if (e.kind == ev::pc_close) reorder = reorder == "no" || reorder == "firstNo" ? "no" : "yes";
      std::pair<char, string_view> key{
          closing ? 'c' : 'z', e.kind == ev::ec ? start_ref_or_id(e.el) : string_view(e.el.attribute("id").value())};
      if (current) {
        if (reorder == "yes") {
          runs.push_back(std::move(*current));
          current.reset();
        } else if (reorder == "firstNo") {
          runs.push_back(std::move(*current));
          current = sequence{key};
        } else
          current->push_back(key);
      } else if (reorder == "no" && !closing) {
        out_.add(e.el, "reorder_no_needs_firstno",
                 cat("Code ", quoted(key.second), " in the ", side,
                     " has canReorder='no' but does not follow a code with canReorder='firstNo'"));
        current = sequence{key};
      } else if (reorder == "firstNo") {
        current = sequence{key};
      }
    }
    if (current) runs.push_back(std::move(*current));
    return runs;
  }

  void copies(const std::vector<event>& events) {
    for (const auto& e : events) {
      auto copy_of = attr(e.el, "copyOf");
      if (!copy_of || !is_code(e.kind)) continue;
      if (e.el.attribute("dataRef") || e.el.attribute("dataRefStart") || e.el.attribute("dataRefEnd"))
        out_.add(e.el, "copyof_no_data", cat(tag(e.el), " cannot have both copyOf and original data"));
      // The same kind of code: ph for ph, an opening for an opening, a closing for a closing.
      auto same_kind = [&](const event& x) {
        if (x.el == e.el) return false;
        switch (e.kind) {
          case ev::ph:
            return x.kind == ev::ph && attr(x.el, "id") == copy_of;
          case ev::pc_open:
          case ev::sc:
            return (x.kind == ev::pc_open || x.kind == ev::sc) && attr(x.el, "id") == copy_of;
          default:
            return (x.kind == ev::ec && (attr(x.el, "id") == copy_of || attr(x.el, "startRef") == copy_of)) ||
                   (x.kind == ev::pc_close && attr(x.el, "id") == copy_of);
        }
      };
      bool any = false, copyable = true;
      for (const auto& x : events)
        if (same_kind(x)) {
          any = true;
          if (attr(x.el, "canCopy") == "no") copyable = false;
        }
      if (!any)
        out_.add(e.el, "copyof_resolves",
                 cat("copyOf=", quoted(*copy_of), " on ", tag(e.el),
                     " does not reference an existing code of the same kind in the unit"));
      else if (!copyable)
        out_.add(e.el, "copyof_target_cancopy",
                 cat("copyOf=", quoted(*copy_of), " on ", tag(e.el), " references a code with canCopy='no'"));
    }
  }

  void data_refs(const std::vector<event>& events) {
    for (const auto& e : events) {
      if (e.kind == ev::pc_close) continue;
      for (const char* a : {"dataRef", "dataRefStart", "dataRefEnd"}) {
        auto v = attr(e.el, a);
        if (!v) continue;
        if (!unit_.data_ids)
          out_.add(e.el, "dataref_requires_originaldata",
                   cat(a, "=", quoted(*v), " on ", tag(e.el), " but the unit has no <originalData>"));
        else if (!unit_.data_ids->count(*v))
          out_.add(e.el, "dataref_resolves",
                   cat(a, "=", quoted(*v), " on ", tag(e.el), " does not match any <data> id of the unit"));
      }
    }
  }

  void side_checks(const std::vector<event>& events, string_view side) {
    std::map<string_view, std::size_t> sc_at, sm_at;  // first position of each id
    for (std::size_t i = 0; i < events.size(); ++i) {
      auto id = attr(events[i].el, "id");
      if (id && events[i].kind == ev::sc) sc_at.emplace(*id, i);
      if (id && events[i].kind == ev::sm) sm_at.emplace(*id, i);
    }
    std::set<string_view> paired, closed;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const event& e = events[i];
      if (is_code(e.kind)) code_attributes(e);
      if (e.kind == ev::mrk || e.kind == ev::sm) marker_attributes(e);
      if (e.kind == ev::em) {
        attributes(e.el, spec::em);
        auto ref = attr(e.el, "startRef");
        if (!ref) continue;
        auto sm = sm_at.find(*ref);
        if (sm == sm_at.end())
          out_.add(e.el, "em_startref_resolves",
                   cat("<em startRef=", quoted(*ref), "> has no corresponding <sm> in the ", side));
        else if (sm->second > i)
          out_.add(e.el, "em_after_sm", cat("<em startRef=", quoted(*ref), "> appears before its <sm>"));
        else
          closed.insert(*ref);
      }
      if (e.kind == ev::ec) end_code(e, i, sc_at, paired, side, events);
    }
    for (const auto& [id, i] : sc_at) {
      bool isolated = attr(events[i].el, "isolated") == "yes";
      if (paired.count(id) && isolated)
        out_.add(events[i].el, "sc_isolated_unpaired",
                 cat("<sc id=", quoted(id), "> is marked isolated but has a matching <ec>"));
      if (!paired.count(id) && !isolated)
        out_.add(
            events[i].el, "sc_unpaired_isolated",
            cat("<sc id=", quoted(id), "> has no matching <ec> in the ", side, " and must be marked isolated='yes'"));
    }
    for (const auto& [id, i] : sm_at)
      if (!closed.count(id))
        out_.add(events[i].el, "sm_has_em", cat("<sm id=", quoted(id), "> has no corresponding <em> in the ", side));
  }

  void end_code(const event& e, std::size_t i, const std::map<string_view, std::size_t>& sc_at,
                std::set<string_view>& paired, string_view side, const std::vector<event>& events) {
    bool isolated = attr(e.el, "isolated") == "yes";
    // Before the pairing checks, so an ec that also misuses id/startRef
    // still reports its module attributes.
    if (!isolated)
      for (auto a : e.el.attributes())
        if (!is_namespace_declaration(a) && !prefix_of(a.name()).empty() && prefix_of(a.name()) != "xml")
          out_.add(e.el, "ec_module_attr_only_isolated",
                   cat("Attribute '", a.name(), "' is allowed on <ec> only when isolated='yes'"));
    if (isolated) {
      if (e.el.attribute("startRef"))
        out_.add(e.el, "ec_isolated_uses_id", "<ec isolated='yes'> must use id, not startRef");
      if (auto id = attr(e.el, "id"); !id)
        out_.add(e.el, "ec_isolated_uses_id", "<ec isolated='yes'> must have an id");
      else if (sc_at.count(*id))
        out_.add(e.el, "ec_isolated_not_paired",
                 cat("<ec isolated='yes' id=", quoted(*id), "> has a corresponding <sc> in the ", side));
      return;
    }
    if (e.el.attribute("id"))
      out_.add(e.el, "ec_nonisolated_uses_startref", "<ec> without isolated='yes' must not have an id (use startRef)");
    auto ref = attr(e.el, "startRef");
    if (!ref) {
      out_.add(e.el, "ec_nonisolated_uses_startref", "<ec> without isolated='yes' must have a startRef");
      return;
    }
    auto sc = sc_at.find(*ref);
    if (sc == sc_at.end())
      out_.add(e.el, "ec_startref_resolves",
               cat("<ec startRef=", quoted(*ref), "> has no corresponding <sc> in the ", side));
    else if (sc->second > i)
      out_.add(e.el, "ec_after_sc", cat("<ec startRef=", quoted(*ref), "> appears before its <sc>"));
    else {
      paired.insert(*ref);
      ec_matches_sc(events[sc->second].el, e.el);
    }
  }

  void ec_matches_sc(node sc, node ec) {
    std::string ref = ec.attribute("startRef").value();
    for (const char* a : {"canCopy", "canDelete", "canOverlap"})
      if (attr(sc, a).value_or("yes") != attr(ec, a).value_or("yes"))
        out_.add(ec, "ec_attrs_match_sc", cat("<ec startRef=", quoted(ref), ">: ", a, " differs from its <sc>"));
    string_view s = attr(sc, "canReorder").value_or("yes"), e = attr(ec, "canReorder").value_or("yes");
    if (s == "firstNo" ? e != "no" : s != e)
      out_.add(ec, "ec_canreorder_matches_sc",
               cat("<ec startRef=", quoted(ref), ">: canReorder ", quoted(e), " is not valid for sc canReorder ",
                   quoted(s)));
    // Optional on the ec, but equal to the sc's when present.
    for (const char* a : {"type", "subType", "copyOf", "dir"})
      if (auto v = attr(ec, a); v && v != attr(sc, a))
        out_.add(ec, "ec_attrs_match_sc",
                 cat("<ec startRef=", quoted(ref), ">: ", a, " ", quoted(*v), " differs from its <sc>"));
  }

  void code_attributes(const event& e) {
    node el = e.el;
    attributes(el, e.kind == ev::ph        ? spec::ph
                   : e.kind == ev::pc_open ? spec::pc
                   : e.kind == ev::sc      ? spec::sc
                                           : spec::ec);
    for (const char* a : {"id", "startRef", "copyOf", "dataRef", "dataRefStart", "dataRefEnd"}) nmtoken(el, a);
    for (const char* a : {"canCopy", "canDelete", "canOverlap", "isolated"}) enumerated(el, a, yes_no);
    enumerated(el, "canReorder", "yes no firstNo");
    enumerated(el, "dir", directions);
    enumerated(el, "type", "fmt ui quote link image other");
    if (auto sub = attr(el, "subType")) {
      auto type = attr(el, "type");
      if (!type) out_.add(el, "subtype_requires_type", cat("subType requires type on ", tag(el)));
      auto reserved =
          std::find_if(xlf_subtypes.begin(), xlf_subtypes.end(), [&](const auto& x) { return x.first == *sub; });
      if (!is_user_defined(*sub)) {
        out_.add(el, "user_defined_value",
                 cat("subType ", quoted(*sub), " on ", tag(el), " must have the form prefix:value"));
      } else if (sub->substr(0, 4) == "xlf:") {
        if (reserved == xlf_subtypes.end())
          out_.add(el, "xlf_subtype_values", cat(quoted(*sub), " is not a defined xlf: subType"));
        else if (type && *type != reserved->second)
          out_.add(el, "xlf_subtype_type",
                   cat("subType ", quoted(*sub), " requires type=", quoted(reserved->second), " on ", tag(el)));
      }
    }
    if (auto r = attr(el, "canReorder");
        r && *r != "yes" && (attr(el, "canCopy") != "no" || attr(el, "canDelete") != "no"))
      out_.add(el, "canreorder_requires_nocopy_nodelete",
               cat(tag(el), " with canReorder=", quoted(*r), " requires canCopy='no' and canDelete='no'"));
    for (const char* a : {"subFlows", "subFlowsStart", "subFlowsEnd"})
      if (auto v = attr(el, a)) file_.subflows.emplace_back(*v, el);
  }

  void marker_attributes(const event& e) {
    node el = e.el;
    attributes(el, spec::marker);
    nmtoken(el, "id");
    enumerated(el, "translate", yes_no);
    string_view type = attr(el, "type").value_or("generic");
    if (!in_list("generic comment term", type) && !is_user_defined(type))
      out_.add(el, "mrk_type_value", cat("Invalid annotation type ", quoted(type), " on ", tag(el)));
    auto ref = attr(el, "ref");
    std::optional<fragment> f = ref ? parse_fragment(el, *ref) : std::nullopt;
    if (type != "comment") return;
    if (!el.attribute("value").empty() == ref.has_value())
      out_.add(el, "comment_value_xor_ref",
               cat("A comment annotation (", tag(el), ") must have either value or ref, not both or neither"));
    if (!ref) return;
    std::string problem =
        cat("The ref ", quoted(*ref), " of a comment annotation must point to a <note> of the enclosing unit");
    bool to_note = f && (*ref)[0] == '#' && f->has('n') && !f->has('g') && !f->has('s') && !f->has('t') &&
                   !f->has('d') && !f->has('x') &&
                   (!f->has('f') || (f->get('f') == attr(file_.file, "id") && f->has('u'))) &&
                   (!f->has('u') || f->get('u') == attr(unit_.unit, "id"));
    if (!to_note)
      out_.add(el, "comment_ref_note_in_unit", problem);
    else if (!unit_.note_ids.count(*f->get('n')))
      out_.add(el, "comment_ref_note_in_unit", cat(problem, " (no note ", quoted(*f->get('n')), " in the unit)"));
  }

  // ---- fragment identifiers (the specification's "Fragment Identification")
  std::optional<fragment> parse_fragment(node at, string_view ref) {
    auto hash = ref.find('#');
    if (hash == string_view::npos) return std::nullopt;  // not an XLIFF fragment
    string_view path = ref.substr(0, hash), frag = ref.substr(hash + 1);
    if (!path.empty() && frag.find("f=") == string_view::npos) return std::nullopt;  // another document's fragment
    auto fail = [&](string_view rule, std::string message) {
      out_.add(at, rule, std::move(message));
      return std::optional<fragment>();
    };
    if (frag.find(' ') != string_view::npos)
      return fail("fragid_syntax", cat("Invalid fragment identifier ", quoted(ref)));
    bool absolute = !frag.empty() && frag[0] == '/';
    if (absolute) frag.remove_prefix(1);
    fragment f;
    char last = 0;
    for (string_view selector : split(frag, '/')) {
      auto eq = selector.find('=');
      string_view prefix = eq == string_view::npos ? string_view() : selector.substr(0, eq);
      string_view value = eq == string_view::npos ? selector : selector.substr(eq + 1);
      char type = 's';
      if (eq != string_view::npos) {
        if (prefix.size() == 1 && in_list("f g u n t d", prefix))
          type = prefix[0];
        else if (prefix.size() < 2)
          return fail("fragid_prefix_length",
                      cat("Prefix ", quoted(prefix), " in ", quoted(ref), " must be at least 2 characters long"));
        else if (!is_nmtoken(prefix))
          return fail("fragid_prefix_nmtoken",
                      cat("Prefix ", quoted(prefix), " in ", quoted(ref), " is not an NMTOKEN"));
        else if (!in_list(fragment_prefixes, prefix))
          return fail("fragid_prefix_registered",
                      cat("Unknown module/extension prefix ", quoted(prefix), " in ", quoted(ref)));
        else
          type = 'x';
      }
      std::string shown = eq == string_view::npos ? std::string("(id)") : std::string(prefix);
      if (f.has(type))
        return fail("fragid_duplicate_selector",
                    cat("Selector ", quoted(shown), " appears more than once in ", quoted(ref)));
      // f may precede anything, g anything but f, u anything but f and g; the rest are leaves.
      bool allowed =
          last == 0 || last == 'f' || (last == 'g' && type != 'f') || (last == 'u' && type != 'f' && type != 'g');
      if (!allowed)
        return fail("fragid_selector_order", cat("Selector ", quoted(shown), " is misplaced in ", quoted(ref)));
      if (!is_nmtoken(value))
        return fail("fragid_value_nmtoken", cat("Id ", quoted(value), " in ", quoted(ref), " is not an NMTOKEN"));
      f.selectors[type] = value;
      last = type;
    }
    if (absolute && !f.has('f'))
      out_.add(at, "fragid_absolute_needs_f",
               cat("The absolute fragment identifier ", quoted(ref), " needs an f= selector"));
    return f;
  }

  // A ref that must select a span of the enclosing unit: a part or source
  // inline id (un-prefixed) or a target inline id (t=).
  void span_ref(node at, string_view ref, string_view what) {
    if (ref.empty() || ref[0] != '#') {
      out_.add(at, cat(what, "_ref_fragment"),
               cat("The ref ", quoted(ref), " of ", tag(at), " must be a fragment identifier (#...) into the unit"));
      return;
    }
    auto f = parse_fragment(at, ref);
    if (!f) return;
    std::string rule = cat(what, "_ref_in_unit");
    if ((f->has('u') && f->get('u') != attr(unit_.unit, "id")) ||
        (f->has('f') && f->get('f') != attr(file_.file, "id")) || f->has('s') == f->has('t')) {
      out_.add(at, rule, cat("The ref ", quoted(ref), " of ", tag(at), " must point to a span in the same unit"));
      return;
    }
    std::set<string_view> source_ids, target_ids;
    for (auto p : child_elements(unit_.unit)) {
      if (!is_core(p, "segment") && !is_core(p, "ignorable")) continue;
      if (auto id = attr(p, "id")) source_ids.insert(*id);
      auto collect = [&](node content, std::set<string_view>& ids) {
        if (!content) return;
        for_each_element(content, [&](node x) {
          if (auto id = attr(x, "id"); id && x != content) ids.insert(*id);
        });
      };
      collect(core_child(p, "source"), source_ids);
      collect(core_child(p, "target"), target_ids);
    }
    bool resolves = f->has('s') ? source_ids.count(*f->get('s')) != 0 : target_ids.count(*f->get('t')) != 0;
    if (!resolves) out_.add(at, rule, cat("The ref ", quoted(ref), " of ", tag(at), " does not resolve in the unit"));
  }

  // ---- modules
  void matches(node m) {
    attributes(m, spec::module_container);
    element_only(m);
    std::set<string_view> ids;
    children_of_kind(m, module::mtc, "match", "mtc_children", "mtc_children",
                     [&](node match) { match_element(match, ids); });
  }

  void match_element(node match, std::set<string_view>& ids) {
    attributes(match, spec::mtc_match);
    if (match.attribute("xml:lang"))
      out_.add(match, "mtc_match_no_xml_lang", "xml:lang must not be set on <mtc:match>");
    nmtoken(match, "id");
    unique(match, attr(match, "id"), ids, "mtc_match_id_unique", "(match ids must be unique within <mtc:matches>)");
    enumerated(match, "type", "am mt icm idm tb tm other");
    enumerated(match, "reference", yes_no);
    if (auto sub = attr(match, "subType")) {
      if (!match.attribute("type")) out_.add(match, "mtc_subtype_requires_type", "<mtc:match> subType requires type");
      if (!is_user_defined(*sub))
        out_.add(match, "user_defined_value",
                 cat("<mtc:match> subType ", quoted(*sub), " must have the form prefix:value"));
    }
    for (const char* a : {"similarity", "matchQuality", "matchSuitability"})
      if (auto v = attr(match, a); v && !is_percentage(*v))
        out_.add(match, "mtc_decimal_0_100",
                 cat(a, " ", quoted(*v), " on <mtc:match> must be a decimal between 0 and 100"));
    if (auto ref = attr(match, "ref")) span_ref(match, *ref, "mtc_match");
    element_only(match);
    // Order: mda:metadata?, originalData?, source, target, extensions*.
    enum { start, after_metadata, after_original_data, after_source, after_target } state = start;
    for (auto c : child_elements(match)) {
      auto misplaced = [&] { out_.add(c, "mtc_match_order", cat(tag(c), " is misplaced in <mtc:match>")); };
      if (is(c, module::mda, "metadata")) {
        if (state > start) misplaced();
        state = after_metadata;
        metadata(c);
      } else if (is_core(c, "originalData")) {
        if (state > after_metadata) misplaced();
        state = after_original_data;
        original_data(c);
      } else if (is_core(c, "source") || is_core(c, "target")) {
        bool is_target = is_core(c, "target");
        if (is_target ? state != after_source : state > after_original_data) misplaced();
        state = is_target ? after_target : after_source;
        match_content(c, is_target, match);
      } else if (in_core(c) || is_module(ns_.of(c))) {
        out_.add(c, "mtc_match_children", cat("Element ", tag(c), " is not allowed in <mtc:match>"));
      } else if (state < after_target) {
        out_.add(c, "mtc_match_order", cat("Extension element ", tag(c), " must follow the <target> of <mtc:match>"));
      }
    }
    if (state < after_target) out_.add(match, "mtc_match_children", "<mtc:match> requires a <source> and a <target>");
  }

  static bool is_percentage(string_view v) {
    static const std::regex decimal("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$");
    if (v.size() > 64 || !std::regex_match(v.begin(), v.end(), decimal)) return false;
    double d = std::stod(std::string(v));
    return d >= 0 && d <= 100;
  }

  void match_content(node c, bool is_target, node match) {
    attributes(c, is_target ? spec::target : spec::source);
    inline_content(c);
    auto l = inherited(c, "xml:lang");
    if (!l) return;
    if (!is_target && !language_matches(*l, src_lang_.value_or("")))
      out_.add(c, "mtc_source_lang", cat("Match source language ", quoted(*l), " differs from srcLang"));
    // A reference match may be in another language (Good-mtc_reference-lang.xlf).
    if (is_target && attr(match, "reference") != "yes" && trg_lang_ && !language_matches(*l, *trg_lang_))
      out_.add(c, "mtc_target_lang", cat("Match target language ", quoted(*l), " differs from trgLang"));
  }

  void glossary(node g) {
    attributes(g, spec::module_container);
    element_only(g);
    std::set<string_view> ids;  // glossEntry and translation ids share one scope
    children_of_kind(g, module::gls, "glossEntry", "gls_children", "gls_children",
                     [&](node entry) { gloss_entry(entry, ids); });
  }

  void gloss_entry(node entry, std::set<string_view>& ids) {
    constexpr string_view scope = "(glossEntry and translation ids must be unique within the glossary)";
    attributes(entry, spec::gls_entry);
    nmtoken(entry, "id");
    element_only(entry);
    unique(entry, attr(entry, "id"), ids, "gls_id_unique", scope);
    // A ref with something before '#' points elsewhere (sample1.xlf "t=#m2").
    auto local_ref = [&](node el) {
      if (auto ref = attr(el, "ref"); ref && !ref->empty() && (*ref)[0] == '#') span_ref(el, *ref, "gls");
    };
    local_ref(entry);
    // Order: term, translation*, definition?, extensions*.
    enum { start, after_term, in_translations, after_definition } state = start;
    int translations = 0, definitions = 0;
    for (auto c : child_elements(entry)) {
      auto misplaced = [&] { out_.add(c, "gls_entry_order", cat(tag(c), " is misplaced in <gls:glossEntry>")); };
      if (is(c, module::gls, "term")) {
        if (state != start) misplaced();
        state = after_term;
        attributes(c, spec::gls_term);
      } else if (is(c, module::gls, "translation")) {
        if (state != after_term && state != in_translations) misplaced();
        state = in_translations;
        ++translations;
        attributes(c, spec::gls_translation);
        nmtoken(c, "id");
        unique(c, attr(c, "id"), ids, "gls_id_unique", scope);
        local_ref(c);
      } else if (is(c, module::gls, "definition")) {
        if (state != after_term && state != in_translations) misplaced();
        state = after_definition;
        ++definitions;
        attributes(c, spec::gls_term);
      } else if (in_core(c) || is_module(ns_.of(c))) {
        out_.add(c, "gls_entry_children", cat("Element ", tag(c), " is not allowed in <gls:glossEntry>"));
      } else if (state == start) {
        misplaced();
      }
      if (ns_.of(c) == module::gls && has_child_element(c))
        out_.add(c, "gls_text_only", cat(tag(c), " must contain only text"));
    }
    if (state == start) out_.add(entry, "gls_entry_term", "<gls:glossEntry> requires a <gls:term>");
    if (translations == 0 && definitions == 0)
      out_.add(entry, "gls_entry_translation_or_definition",
               "<gls:glossEntry> must contain a <gls:translation> or a <gls:definition>");
  }

  void metadata(node m) {
    attributes(m, spec::mda_metadata);
    nmtoken(m, "id");
    element_only(m);
    std::set<string_view> ids;  // metadata and all its metaGroups
    unique(m, attr(m, "id"), ids, "mda_id_unique", "(ids must be unique within <mda:metadata>)");
    children_of_kind(m, module::mda, "metaGroup", "mda_metadata_children", "mda_metadata_children",
                     [&](node g) { meta_group(g, ids); });
  }

  void meta_group(node g, std::set<string_view>& ids) {
    attributes(g, spec::mda_meta_group);
    nmtoken(g, "id");
    unique(g, attr(g, "id"), ids, "mda_id_unique", "(ids must be unique within <mda:metadata>)");
    enumerated(g, "appliesTo", "source target ignorable");
    element_only(g);
    auto children = child_elements(g);
    for (auto c : children) {
      if (is(c, module::mda, "metaGroup")) {
        meta_group(c, ids);
      } else if (is(c, module::mda, "meta") || (v22_ && is_core(c, "meta"))) {
        // 2.2's Good-mda_top-level.xlf writes <meta> in the core namespace.
        attributes(c, spec::mda_meta);
        if (has_child_element(c)) out_.add(c, "mda_meta_text_only", "<mda:meta> must contain only text");
      } else {
        out_.add(c, "mda_metagroup_children",
                 cat("<mda:metaGroup> may only contain <mda:meta> and <mda:metaGroup> (found ", tag(c), ")"));
      }
    }
    if (children.empty()) out_.add(g, "mda_metagroup_children", "<mda:metaGroup> must not be empty");
  }

  void resource_data(node r) {
    attributes(r, spec::module_container);
    element_only(r);
    std::set<string_view> ids;  // resourceItem and resourceItemRef ids share one scope
    bool seen_item = false;
    for (auto c : child_elements(r)) {
      if (is(c, module::res, "resourceItemRef")) {
        if (seen_item)
          out_.add(c, "res_order", "<res:resourceItemRef> elements must precede the <res:resourceItem> elements");
        attributes(c, spec::res_item_ref);
        nmtoken(c, "ref");
      } else if (is(c, module::res, "resourceItem")) {
        seen_item = true;
        attributes(c, spec::res_item);
        enumerated(c, "context", yes_no);
        resource_item(c);
      } else {
        out_.add(c, "res_children", cat("Element ", tag(c), " is not allowed in <res:resourceData>"));
        continue;
      }
      nmtoken(c, "id");
      unique(c, attr(c, "id"), ids, "res_id_unique",
             "(resourceItem and resourceItemRef ids must be unique within <res:resourceData>)");
    }
  }

  void resource_item(node item) {
    int last = 0;  // source 1, target 2, reference 3 (repeatable)
    for (auto c : child_elements(item)) {
      string_view l = local_name(c.name());
      int rank = l == "source" ? 1 : l == "target" ? 2 : l == "reference" ? 3 : 0;
      if (ns_.of(c) != module::res || rank == 0) {
        out_.add(c, "res_item_children", cat("Element ", tag(c), " is not allowed in <res:resourceItem>"));
        continue;
      }
      if (rank < last || (rank == last && rank < 3))
        out_.add(c, "res_item_order",
                 "<res:resourceItem> content must be <res:source>?, <res:target>?, <res:reference>*");
      last = rank;
      if (rank == 3) {
        attributes(c, spec::res_reference);
        continue;
      }
      attributes(c, spec::res_content);
      bool empty = !has_child_element(c) && !has_text(c, text_kind::non_blank);
      if (!c.attribute("href").empty() != empty)
        out_.add(c, "res_href_iff_empty", cat(tag(c), " must have href if and only if it is empty"));
      for (auto x : child_elements(c))
        if (ns_.of(x) == module::res)
          out_.add(x, "res_content_other_ns", cat("The content of ", tag(c), " must come from another namespace"));
      // res:target's language may differ from trgLang: the specification makes it no error.
      if (auto lang = attr(c, "xml:lang"); lang && rank == 1 && !language_matches(*lang, src_lang_.value_or("")))
        out_.add(c, "res_source_lang",
                 cat("res:source xml:lang ", quoted(*lang), " must equal srcLang ", quoted(src_lang_.value_or(""))));
    }
  }

  void change_track(node ct) {
    attributes(ct, spec::module_container);
    element_only(ct);
    node holder = ct.parent();
    node holder_notes = core_child(holder, "notes");
    std::vector<node> note_list = holder_notes ? child_elements(holder_notes) : std::vector<node>{};
    children_of_kind(ct, module::ctr, "revisions", "ctr_children", "ctr_children",
                     [&](node rv) { revisions(rv, holder, note_list); });
  }

  void revisions(node rv, node holder, const std::vector<node>& note_list) {
    attributes(rv, spec::ctr_revisions);
    for (const char* a : {"appliesTo", "ref", "currentVersion"}) nmtoken(rv, a);
    auto applies_to = attr(rv, "appliesTo");
    auto ref = attr(rv, "ref");
    node target;  // the element the revisions describe, when known
    if (ref) {
      auto has_ref = [&](node x) { return attr(x, "id") == ref; };
      if (applies_to == "note") {
        auto n = std::find_if(note_list.begin(), note_list.end(), has_ref);
        if (n != note_list.end()) target = *n;
      } else {
        for_each_element(holder, [&](node x) {
          if (!target && x != holder && has_ref(x)) target = x;
        });
      }
      if (!target)
        out_.add(rv, "ctr_ref_resolves",
                 cat("ctr:revisions ref ", quoted(*ref), " does not match any element id in ", tag(holder)));
    } else if (applies_to == "note") {
      if (note_list.size() > 1)
        out_.add(rv, "ctr_ref_required_multi", "ctr:revisions applying to one of several <note> elements must use ref");
      else if (!note_list.empty())
        target = note_list.front();
    }
    std::set<string_view> versions;
    children_of_kind(rv, module::ctr, "revision", "ctr_children", "ctr_children", [&](node r) {
      attributes(r, spec::ctr_revision);
      nmtoken(r, "version");
      if (auto v = attr(r, "version")) versions.insert(*v);
      revision_items(r, target);
    });
    if (auto current = attr(rv, "currentVersion"); current && !versions.count(*current))
      out_.add(rv, "ctr_currentversion_resolves",
               cat("currentVersion ", quoted(*current), " matches no ctr:revision version"));
  }

  void revision_items(node revision, node target) {
    std::set<string_view> properties;
    children_of_kind(revision, module::ctr, "item", "ctr_children", "ctr_children", [&](node item) {
      attributes(item, spec::ctr_item);
      auto p = attr(item, "property");
      if (!p) return;
      if (!properties.insert(*p).second)
        out_.add(item, "ctr_item_property_unique",
                 cat("Property ", quoted(*p), " appears more than once in one ctr:revision"));
      if (*p != "content" && target && !target.attribute(std::string(*p).c_str()))
        out_.add(
            item, "ctr_item_property_valid",
            cat("ctr:item property ", quoted(*p), " is neither 'content' nor an attribute of the referenced element"));
    });
  }

  void size_restriction_element(node e) {
    string_view l = local_name(e.name());
    if (l == "profiles") {
      attributes(e, spec::slr_profiles);
      for (auto c : child_elements(e))
        if (is(c, module::slr, "normalization")) {
          attributes(c, spec::slr_normalization);
          enumerated(c, "general", normalizations);
          enumerated(c, "storage", normalizations);
        }
    } else if (l == "data") {
      attributes(e, spec::slr_data);
    }
  }

  void validation(node v) {
    attributes(v, spec::val_validation);
    element_only(v);
    children_of_kind(v, module::val, "rule", "val_children", "val_children", [&](node r) { validation_rule(r); });
  }

  void validation_rule(node r) {
    attributes(r, spec::val_rule);
    std::vector<const char*> kinds;
    for (const char* k : {"isPresent", "isNotPresent", "startsWith", "endsWith"})
      if (r.attribute(k)) kinds.push_back(k);
    // A foreign attribute defines a custom rule (Good-val_extension-rule.xlf).
    bool custom = false;
    for (auto a : r.attributes())
      if (!is_namespace_declaration(a) && !prefix_of(a.name()).empty() && prefix_of(a.name()) != "xml") custom = true;
    if (kinds.size() + (custom ? 1 : 0) != 1)
      out_.add(
          r, "val_rule_exactly_one",
          "<val:rule> must define exactly one rule (isPresent, isNotPresent, startsWith, endsWith or one custom rule)");
    bool with_pattern = kinds.size() == 1 && string_view(kinds[0]) != "isNotPresent";
    if (r.attribute("existsInSource") && !with_pattern)
      out_.add(r, "val_existsinsource_context",
               "existsInSource is only allowed with isPresent, startsWith or endsWith");
    if (auto o = attr(r, "occurs"); o && !is_positive(*o))
      out_.add(r, "val_occurs_positive", cat("occurs ", quoted(*o), " on <val:rule> must be a positive integer"));
    for (const char* a : {"existsInSource", "caseSensitive", "disabled"}) enumerated(r, a, yes_no);
    enumerated(r, "normalization", normalizations);
    for (const char* k : kinds)
      if (string_view(r.attribute(k).value()).empty())
        out_.add(r, "val_rule_nonempty", cat(k, " on <val:rule> must not be empty"));
  }

  static bool is_positive(string_view v) {
    if (!v.empty() && v[0] == '+') v.remove_prefix(1);
    return is_digits(v) && v.find_first_not_of('0') != string_view::npos;
  }

  struct file_scope {
    node file;
    std::set<string_view> unit_ids, group_ids;
    std::vector<std::pair<string_view, node>> subflows;  // checked at the end of the file
  };
  struct unit_scope {
    node unit;
    std::optional<std::set<string_view>> data_ids;  // nullopt: no <originalData>
    std::set<string_view> note_ids;
  };

  const namespaces& ns_;
  findings& out_;
  string_view core_;
  bool v22_;
  std::optional<string_view> src_lang_, trg_lang_;
  file_scope file_;
  unit_scope unit_;
  std::vector<deferred_file>* defer_ = nullptr;
};

}  // namespace

std::size_t doctype_offset(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '<') continue;
    if (text.compare(i, 4, "<!--") == 0) {
      auto close = text.find("-->", i + 4);
      if (close == string_view::npos) return string_view::npos;
      i = close + 2;
    } else if (text.compare(i, 2, "<?") == 0) {  // a processing instruction may hold '<'
      auto close = text.find("?>", i + 2);
      if (close == string_view::npos) return string_view::npos;
      i = close + 1;
    } else if (text.compare(i, 9, "<!DOCTYPE") == 0) {
      return i;
    } else if (text.compare(i, 2, "<!") != 0) {
      return string_view::npos;  // the root element: no DOCTYPE after it
    }
  }
  return string_view::npos;
}

text_facts scan_text(std::string_view text, const std::vector<std::size_t>& newlines) {
  // Characters are checked with the rest of well-formedness before any
  // parse (formats/xml/well_formed.cpp): a text that gets here has none XML forbids.
  (void)newlines;
  text_facts facts;
  find_doctype(text, facts);
  return facts;
}

namespace {
// Checks files on one thread: a checker made once, a findings list per file.
struct file_worker {
  explicit file_worker(const std::vector<std::size_t>& newlines) : out(newlines) {}
  virtual ~file_worker() = default;
  virtual void check(node f) = 0;
  findings out;
};
struct v1_worker final : file_worker {
  v1_worker(const namespaces& ns, const std::vector<std::size_t>& newlines, node root)
      : file_worker(newlines), checker(ns, out, root) {}
  void check(node f) override { checker.check_file(f); }
  v1_checker checker;
};
struct v2_worker final : file_worker {
  v2_worker(const namespaces& ns, const std::vector<std::size_t>& newlines, node root, const v2_checker& root_checker)
      : file_worker(newlines), checker(ns, out, root), from(root_checker) {}
  void check(node f) override { checker.check_file(f, from); }
  v2_checker checker;
  const v2_checker& from;
};
}  // namespace

struct validation::state {
  state(const pugi::xml_document& d, const std::vector<std::size_t>& n, text_facts f, std::string v)
      : doc(d), newlines(n), facts(std::move(f)), version(std::move(v)), out(n) {}
  const pugi::xml_document& doc;
  const std::vector<std::size_t>& newlines;
  text_facts facts;
  std::string version;
  findings out;  // the root's findings
  std::optional<namespaces> ns;
  std::optional<v1_checker> v1;
  std::optional<v2_checker> v2;
  std::vector<deferred_file> files;           // fixed once published
  std::vector<std::vector<finding>> results;  // per file
  std::atomic<std::size_t> next{0};           // the next file to take
  std::mutex mu;
  std::condition_variable cv;
  bool published = false;   // files, results and the checkers are ready to share
  std::size_t checked = 0;  // files done (or failed)
  std::exception_ptr failed;

  void publish() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (published) return;
      results.resize(files.size());
      published = true;
    }
    cv.notify_all();
  }

  std::unique_ptr<file_worker> make_worker() {
    node root = doc.document_element();
    if (v2) return std::make_unique<v2_worker>(*ns, newlines, root, *v2);
    return std::make_unique<v1_worker>(*ns, newlines, root);
  }

  // Takes files until none is left.
  void work() {
    std::unique_ptr<file_worker> worker;
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      try {
        if (!worker) worker = make_worker();
        worker->check(files[i].el);
        results[i] = worker->out.take();
      } catch (...) {
        worker.reset();  // its findings list may hold part of the file
        std::lock_guard<std::mutex> lock(mu);
        if (!failed) failed = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        ++checked;
      }
      cv.notify_all();
    }
  }
};

validation::validation(const pugi::xml_document& doc, const std::vector<std::size_t>& newlines, text_facts facts,
                       std::string version)
    : s_(std::make_unique<state>(doc, newlines, std::move(facts), std::move(version))) {}

validation::~validation() = default;

void validation::run() {
  state& s = *s_;
  struct publish_on_exit {  // a helper waiting in help() must never wait forever
    state& s;
    ~publish_on_exit() {
      try {
        s.publish();
      } catch (...) {  // publishing failed twice (out of memory): the exception under way says why
      }
    }
  } published{s};
  node root = s.doc.document_element();
  if (!root) return;
  s.ns.emplace(root, s.out);
  if (s.ns->depth() > max_depth) {
    s.out.add(root, "nesting_depth",
              cat("Elements are nested ", std::to_string(s.ns->depth()), " deep; more than ", std::to_string(max_depth),
                  " is not validated"));
    return;
  }
  s.out.append(std::move(s.facts.characters));
  check_doctype(root, s.facts, s.out);
  check_xml_space(root, s.out);
  if (s.version.rfind("2.", 0) == 0) {
    s.v2.emplace(*s.ns, s.out, root);
    s.v2->defer_files(s.files);
    s.v2->run(root);
  } else {
    s.v1.emplace(*s.ns, s.out, root);
    s.v1->defer_files(s.files);
    s.v1->run(root);
  }
  s.publish();
  s.work();
  std::unique_lock<std::mutex> lock(s.mu);
  s.cv.wait(lock, [&] { return s.checked == s.files.size(); });
  if (s.failed) std::rethrow_exception(s.failed);
  // Each file's findings where the file stands among the root's.
  std::vector<finding> of_root = s.out.take(), merged;
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.files.size(); ++i) {
    for (; from < s.files[i].at; ++from) merged.push_back(std::move(of_root[from]));
    for (auto& f : s.results[i]) merged.push_back(std::move(f));
  }
  for (; from < of_root.size(); ++from) merged.push_back(std::move(of_root[from]));
  s.out.append(std::move(merged));
}

void validation::help() {
  state& s = *s_;
  {
    std::unique_lock<std::mutex> lock(s.mu);
    s.cv.wait(lock, [&] { return s.published; });
  }
  s.work();
}

std::vector<finding> validation::take() { return s_->out.take(); }

std::vector<finding> validate_document(const pugi::xml_document& doc, const std::vector<std::size_t>& newlines,
                                       text_facts facts, const std::string& version) {
  validation v(doc, newlines, std::move(facts), version);
  v.run();
  return v.take();
}

}  // namespace glossa::xliff
