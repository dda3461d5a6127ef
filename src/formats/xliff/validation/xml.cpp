// The XML layer of the XLIFF validator: namespace well-formedness (pugixml
// is not namespace-aware), the DOCTYPE's root name, xml:space values, and
// the checks both XLIFF versions share.
#include <regex>

#include "formats/xliff/validation/check.hpp"

namespace glossa::xliff {

namespace check {

namespaces::namespaces(node root, findings& out) {
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

string_view namespaces::of(node el) const {
  if (foreign_elements_ == 0) return root_namespace_;  // no lookup at all in the common case
  return resolved_.get(el.internal_object()).value_or(root_namespace_);
}

node namespaces::first_element(node n) {
  while (n && n.type() != pugi::node_element) n = n.next_sibling();
  return n;
}

bool namespaces::is_qname(string_view n) {
  auto colon = n.find(':');
  return colon == string_view::npos ||
         (colon > 0 && colon + 1 < n.size() && n.find(':', colon + 1) == string_view::npos);
}

string_view namespaces::declared_prefix(pugi::xml_attribute a) {
  string_view name = a.name();
  return name == "xmlns" ? string_view() : name.substr(6);
}

std::optional<string_view> namespaces::bound(string_view prefix) const {
  if (prefix == "xml") return xml_namespace_uri;
  auto it = bindings_.find(prefix);
  if (it == bindings_.end() || it->second.empty())
    return prefix.empty() ? std::optional<string_view>("") : std::nullopt;
  if (!prefix.empty() && it->second.back().empty()) return std::nullopt;  // reported at its declaration
  return it->second.back();
}

void namespaces::enter(node el, findings& out) {
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

void namespaces::leave(node el) {
  for (auto a : el.attributes())
    if (is_namespace_declaration(a)) bindings_[declared_prefix(a)].pop_back();
}

void namespaces::check_declaration(node el, pugi::xml_attribute a, findings& out) {
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

void namespaces::resolve_attributes(node el, findings& out) {
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

}  // namespace check

using check::find_doctype;
using std::string_view;

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

}  // namespace glossa::xliff
