#include "formats/tmx/tmx_reader.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <pugixml.hpp>

#include "core/utf8.hpp"
#include "formats/xliff/reader.hpp"
#include "formats/xml/xml_file.hpp"

namespace glossa::tmx {

namespace {

// Language tags compare ASCII-case-insensitively, '_' as '-'.
char folded(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c == '_' ? '-' : c; }

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return folded(x) == folded(y); });
}

// A tuv's language is `wanted` exactly, or `wanted` is a bare language and
// the tuv's is a regional form of it ("fr" takes "fr-FR").
bool language_is(std::string_view tuv, std::string_view wanted) {
  if (iequal(tuv, wanted)) return true;
  return wanted.find('-') == std::string_view::npos && tuv.size() > wanted.size() &&
         (tuv[wanted.size()] == '-' || tuv[wanted.size()] == '_') && iequal(tuv.substr(0, wanted.size()), wanted);
}

std::string_view lang_of(pugi::xml_node tuv) {
  if (auto a = tuv.attribute("xml:lang")) return a.value();
  return tuv.attribute("lang").value();  // TMX 1.1
}

// "20261201T100000Z" as Glossa writes times ("2026-12-01T10:00:00.000Z"); "" otherwise.
std::string iso_date(std::string_view d) {
  if (d.size() != 16 || d[8] != 'T' || d[15] != 'Z') return {};
  for (std::size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14})
    if (d[i] < '0' || d[i] > '9') return {};
  return std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" + std::string(d.substr(6, 2)) + "T" +
         std::string(d.substr(9, 2)) + ":" + std::string(d.substr(11, 2)) + ":" + std::string(d.substr(13, 2)) +
         ".000Z";
}

// No real memory highlights text within highlighted text within ... this
// deep; a file that does is hostile (the walk recurses once per level).
constexpr int max_hi_depth = 32;

class reader {
 public:
  reader(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  error at(pugi::xml_node n, std::string message) const {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0));
    auto lc = detail::line_column_at(text_, std::min(offset, text_.size()));
    return error(errc::invalid_content, std::move(message), location{std::string(file_), lc.line, lc.column, {}});
  }
  // The line of a node after the last one asked for (the <tu>s, in order):
  // counts the newlines since then only.
  std::size_t line_of(pugi::xml_node n) {
    auto offset = std::min(text_.size(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0)));
    if (offset < counted_to_) counted_to_ = 0, line_ = 1;
    line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(counted_to_),
                                                 text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    counted_to_ = offset;
    return line_;
  }

  // The content of a <seg>; an error for codes that do not pair.
  result<xliff::content> segment(pugi::xml_node seg) {
    xliff::content out;
    std::map<std::string, bool> open;  // bpt i -> closed yet
    std::size_t anonymous = 0;
    if (auto failed = walk(seg, out, open, anonymous)) return *failed;
    for (const auto& [i, closed] : open)
      if (!closed) return at(seg, "<bpt i=\"" + i + "\"> has no <ept i=\"" + i + "\"> in its segment");
    return out;
  }

 private:
  static void text(xliff::content& out, std::string_view t) {
    if (t.empty()) return;
    if (!out.empty() && !out.back().is_code)
      out.back().text += t;
    else
      out.push_back({false, std::string(t), {}});
  }

  // The markup a code element carries: its text, without <sub>s.
  static std::string native(pugi::xml_node code) {
    std::string s;
    for (auto c : code.children())
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
    return s;
  }

  std::optional<error> walk(pugi::xml_node parent, xliff::content& out, std::map<std::string, bool>& open,
                            std::size_t& anonymous, int depth = 0) {
    if (depth > max_hi_depth) return at(parent, "<hi> nested more than " + std::to_string(max_hi_depth) + " deep");
    for (auto n : parent.children()) {
      if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
        text(out, n.value());
        continue;
      }
      if (n.type() != pugi::node_element) continue;
      std::string_view name = n.name();
      if (name == "hi") {
        if (auto failed = walk(n, out, open, anonymous, depth + 1)) return failed;
        continue;
      }
      xliff::code c;
      c.original = native(n);
      c.disp = c.original;
      c.ctype = n.attribute("type").value();
      if (name == "bpt" || name == "ept") {
        std::string i = n.attribute("i").value();
        if (i.empty()) return at(n, "<" + std::string(name) + "> without its i attribute");
        c.id = "i" + i;
        if (name == "bpt") {
          if (open.count(i)) return at(n, "two <bpt>s with i=\"" + i + "\" in one segment");
          open[i] = false;
          c.type = xliff::code::kind::open;
        } else {
          auto o = open.find(i);
          if (o == open.end() || o->second) return at(n, "<ept i=\"" + i + "\"> without its <bpt> before it");
          o->second = true;
          c.type = xliff::code::kind::close;
        }
      } else if (name == "ph" || name == "it" || name == "ut") {
        auto x = n.attribute("x");
        c.id = x ? "x" + std::string(x.value()) : "a" + std::to_string(++anonymous);
      } else {
        return at(n, "<" + std::string(name) + "> is not an inline element of TMX");
      }
      out.push_back({true, {}, std::move(c)});
    }
    return std::nullopt;
  }

  std::string_view text_, file_;
  std::size_t counted_to_ = 0, line_ = 1;
};

unit_in read_unit(pugi::xml_node tu, pugi::xml_node source, pugi::xml_node target, xliff::content s, xliff::content t) {
  unit_in u;
  u.source_locale = lang_of(source);
  u.target_locale = lang_of(target);
  u.source = std::move(s);
  u.target = std::move(t);
  u.created_at = iso_date(tu.attribute("creationdate").value());
  u.changed_at = iso_date(tu.attribute("changedate").value());
  if (u.changed_at.empty()) u.changed_at = u.created_at;
  u.author = tu.attribute("changeid") ? tu.attribute("changeid").value() : tu.attribute("creationid").value();
  for (auto p : tu.children("prop")) u.props.emplace_back(p.attribute("type").value(), p.text().get());
  return u;
}

bool has_text(const xliff::content& c) {
  for (const auto& p : c)
    if (!p.is_code && p.text.find_first_not_of(" \t\r\n") != std::string::npos) return true;
  return false;
}

}  // namespace

result<document_in> read_tmx(std::string_view bytes, std::string_view file, std::string_view target_locale) {
  // parse_ws_pcdata: a space between two codes is text of the segment.
  auto parsed = xml::parse_xml_file(bytes, file, pugi::parse_default | pugi::parse_ws_pcdata);
  if (!parsed) return parsed.err();
  std::string_view t = (*parsed)->text;
  const pugi::xml_document& xml = (*parsed)->tree;
  reader r(t, file);
  auto root = xml.document_element();
  if (std::string_view(root.name()) != "tmx")
    return r.at(root, "not TMX: the root element is <" + std::string(root.name()) + ">");
  document_in out;
  out.version = root.attribute("version").value();
  if (out.version != "1.1" && out.version != "1.2" && out.version != "1.3" && out.version != "1.4")
    return r.at(root, "TMX version \"" + out.version + "\" is not read (1.1 to 1.4 are)");
  out.source_locale = root.child("header").attribute("srclang").value();
  for (auto tu : root.child("body").children("tu")) {
    // Both arms string_view: a const char* against a std::string would make a temporary string.
    std::string_view srclang = tu.attribute("srclang") ? std::string_view(tu.attribute("srclang").value())
                                                       : std::string_view(out.source_locale);
    bool any = srclang == "*all*" || srclang.empty();
    pugi::xml_node source, target;
    for (auto tuv : tu.children("tuv")) {
      std::string_view lang = lang_of(tuv);
      if (!target && language_is(lang, target_locale) && !(!any && iequal(lang, srclang))) {
        target = tuv;
      } else if (!source && (any ? true : iequal(lang, srclang) || language_is(lang, srclang))) {
        source = tuv;
      }
    }
    if (!source) return r.at(tu, "a <tu> without a <tuv> in its source language \"" + std::string(srclang) + "\"");
    if (!target) {
      ++out.skipped;
      continue;
    }
    auto s = r.segment(source.child("seg"));
    if (!s) return s.err();
    auto g = r.segment(target.child("seg"));
    if (!g) return g.err();
    if (!has_text(*s) || !has_text(*g)) {
      ++out.skipped;
      continue;
    }
    out.units.push_back(read_unit(tu, source, target, std::move(*s), std::move(*g)));
    out.units.back().line = r.line_of(tu);
  }
  return out;
}

}  // namespace glossa::tmx
