#include "formats/xliff/reader.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <thread>
#include <vector>

#include "core/json_input.hpp"
#include "core/thread_name.hpp"
#include "core/utf8.hpp"
#include "formats/xliff/validator.hpp"
#include "formats/xml/well_formed.hpp"
#include "i18n/charset.hpp"

namespace glossa::xliff {

namespace {
constexpr std::size_t max_attributes = 256;  ///< per element
}  // namespace

namespace {

location at_offset(std::string_view text, std::string_view file, std::size_t offset) {
  return detail::locate_offset(text, file, offset);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

result<std::optional<std::string>> wrap(result<std::string> r) {
  if (!r) return r.err();
  return std::optional<std::string>(std::move(*r));
}

result<std::string> convert(std::string_view bytes, const char* charset, std::string_view file) {
  auto out = detail::to_utf8(bytes, charset);
  if (!out) {
    error e = out.err();
    e.where = location{std::string(file), 0, 0, {}};
    return e;
  }
  return out;
}

std::string_view local_name(const char* name) {
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}

std::string prefix_of(const char* name) {
  const char* colon = std::strchr(name, ':');
  return colon ? std::string(name, colon) : std::string();
}

// Namespace URI bound to `prefix` at `node` (walks up the ancestors).
std::string namespace_of(pugi::xml_node node, const std::string& prefix) {
  std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
  for (; node; node = node.parent())
    if (auto a = node.attribute(attr.c_str())) return a.value();
  return {};
}

// Whitespace-only text matters inside <source>/<target> ("<x/> <x/>": the
// space between two codes) and nowhere else. Asking pugixml to keep every
// whitespace node would keep the indentation too, a node per line: most of
// the DOM. So the significant runs are protected before parsing by swapping
// their characters for controls XML forbids (same length, offsets unchanged)
// and swapped back by restore_whitespace() when the text is read.
constexpr char ws_space = protected_space_first, ws_tab = '\x02', ws_newline = '\x03', ws_return = protected_space_last;
static_assert(ws_return - ws_space == 3);

// (find_first_not_of(" \t\r\n") would call memchr once per character.)
bool is_xml_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

bool is_content_element(std::string_view local) {
  return local == "source" || local == "target" || local == "seg-source";
}

void protect_content_whitespace(char* data, std::size_t size) {
  std::string_view t(data, size);
  int in_content = 0;
  std::size_t i = 0;
  auto skip_to = [&](std::string_view end) {
    auto at = t.find(end, i);
    i = at == std::string_view::npos ? size : at + end.size();
  };
  while (i < size) {
    if (t[i] != '<') {
      std::size_t end = t.find('<', i);
      if (end == std::string_view::npos) end = size;
      if (in_content > 0 && end > i && is_xml_blank(t.substr(i, end - i)))
        for (std::size_t k = i; k < end; ++k)
          data[k] = data[k] == ' ' ? ws_space : data[k] == '\t' ? ws_tab : data[k] == '\n' ? ws_newline : ws_return;
      i = end;
      continue;
    }
    if (t.compare(i, 4, "<!--") == 0) {
      skip_to("-->");
      continue;
    }
    if (t.compare(i, 9, "<![CDATA[") == 0) {
      skip_to("]]>");
      continue;
    }
    if (t.compare(i, 2, "<?") == 0) {
      skip_to("?>");
      continue;
    }
    if (t.compare(i, 2, "<!") == 0) {  // DOCTYPE, possibly with an internal subset
      auto bracket = t.find('[', i), close = t.find('>', i);
      if (bracket != std::string_view::npos && bracket < close)
        skip_to("]>");
      else
        skip_to(">");
      continue;
    }
    bool closing = i + 1 < size && t[i + 1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1), name_end = name_start;
    while (name_end < size && t[name_end] != ' ' && t[name_end] != '>' && t[name_end] != '/' && t[name_end] != '\t' &&
           t[name_end] != '\n' && t[name_end] != '\r')
      ++name_end;
    std::string_view name = t.substr(name_start, name_end - name_start);
    if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    // End of the tag, jumping over quoted attribute values (they may hold '>').
    std::size_t k = name_end;
    while (k < size) {
      k = t.find_first_of(">\"'", k);
      if (k == std::string_view::npos) {
        k = size;
        break;
      }
      if (t[k] == '>') break;
      auto close = t.find(t[k], k + 1);
      k = close == std::string_view::npos ? size : close + 1;
    }
    bool self_closing = k > 0 && k < size && t[k - 1] == '/';
    if (is_content_element(name) && !self_closing) in_content += closing ? -1 : 1;
    if (in_content < 0) in_content = 0;
    i = k + 1;
  }
}

// Undoes protect_content_whitespace() on text read from the DOM.
void restore_whitespace(std::string& s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return c >= ws_space && c <= ws_return; })) return;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (s[i]) {
      case ws_space:
        out += ' ';
        break;
      case ws_tab:
        out += '\t';
        break;
      case ws_newline:
        out += '\n';
        break;
      case ws_return:  // XML end-of-line handling: CR LF and lone CR read as LF
        if (i + 1 >= s.size() || s[i + 1] != ws_newline) out += '\n';
        break;
      default:
        out += s[i];
    }
  }
  s = std::move(out);
}

class walker {
 public:
  walker(std::string_view text, std::string_view file, bool with_source)
      : text_(text), file_(file), with_source_(with_source) {
    // Line starts, once: a unit's line is then a binary search, not a scan from the top.
    if (!text.empty())
      for (const char* p = text.data();
           (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p)));)
        newlines_.push_back(static_cast<std::size_t>(p++ - text.data()));
  }

  /// Location of byte `offset`; the column counts code points from the line start.
  location at(std::size_t offset) const {
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
    std::size_t line_start = it == newlines_.begin() ? 0 : *(it - 1) + 1;
    std::size_t end = std::min(offset, text_.size());
    auto column = detail::count_code_points(text_.substr(line_start, end > line_start ? end - line_start : 0)) + 1;
    return location{std::string(file_),
                    static_cast<std::uint32_t>(it - newlines_.begin()) + 1,
                    static_cast<std::uint32_t>(column),
                    {}};
  }

  const std::vector<std::size_t>& newlines() const { return newlines_; }

  std::uint32_t line(pugi::xml_node n) const {
    auto off = n.offset_debug();
    if (off < 0) return 0;
    auto it = std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(off));
    return static_cast<std::uint32_t>(it - newlines_.begin()) + 1;
  }

  static constexpr int max_depth = 256;
  std::uint32_t too_deep_line = 0;  ///< first element nested deeper than max_depth

  // Inline content of a source/target/segment child, told to `out` as text
  // and codes (a content_sink keeps it, a source_printer prints it).
  template <class Sink>
  void inline_content(pugi::xml_node n, Sink& out, std::string& problem, bool v2, int depth = 0) {
    if (depth >= max_depth) {
      if (problem.empty()) problem = "inline markup nested deeper than " + std::to_string(max_depth) + " levels";
      return;
    }
    for (auto c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_pcdata) {
        out.text(c.value(), true);
        continue;
      }
      if (c.type() == pugi::node_cdata) {
        out.text(c.value(), false);
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      std::string_view name = local_name(c.name());
      std::string_view id = c.attribute("id").value();
      if (!v2) {
        if (name == "x" || name == "ph" || name == "it")
          out.code(code::kind::standalone, id);
        else if (name == "bx" || name == "bpt")
          out.code(code::kind::open, id.empty() ? c.attribute("rid").value() : id);
        else if (name == "ex" || name == "ept") {
          std::string_view rid = c.attribute("rid").value();
          out.code(code::kind::close, rid.empty() ? id : rid);
        } else if (name == "g") {
          out.code(code::kind::open, id);
          inline_content(c, out, problem, v2, depth + 1);
          out.code(code::kind::close, id);
        } else if (name == "mrk" || name == "sub") {
          inline_content(c, out, problem, v2, depth + 1);
        } else if (problem.empty()) {
          problem = "unknown inline element <" + std::string(name) + "> at line " + std::to_string(line(c));
        }
      } else {
        if (name == "ph")
          out.code(code::kind::standalone, id);
        else if (name == "sc")
          out.code(code::kind::open, id);
        else if (name == "ec") {
          std::string_view ref = c.attribute("startRef").value();
          out.code(code::kind::close, ref.empty() ? id : ref);
        } else if (name == "pc") {
          out.code(code::kind::open, id);
          inline_content(c, out, problem, v2, depth + 1);
          out.code(code::kind::close, id);
        } else if (name == "mrk") {
          inline_content(c, out, problem, v2, depth + 1);
        } else if (name == "sm" || name == "em") {
          // annotation markers carry no text
        } else if (name == "cp") {
          unsigned long cp = std::strtoul(c.attribute("hex").value(), nullptr, 16);
          std::string ch;
          detail::append_utf8(ch, static_cast<char32_t>(cp));
          out.text(ch, false);
        } else if (problem.empty()) {
          problem = "unknown inline element <" + std::string(name) + "> at line " + std::to_string(line(c));
        }
      }
    }
  }

  // Walks <group>s down to the units: 1.x <trans-unit> holds source/target
  // directly, 2.x <unit> holds them in <segment>/<ignorable>s, concatenated.
  void units(pugi::xml_node parent, std::uint16_t language, bool v2, document_in& doc, int depth = 0) {
    for (auto c : parent.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = local_name(c.name());
      if (name == "group") {
        // Hostile files nest groups by the hundred thousand: stop before the stack does.
        if (depth >= max_depth) {
          if (too_deep_line == 0) too_deep_line = line(c);
          continue;
        }
        units(c, language, v2, doc, depth + 1);
        continue;
      }
      if (name != (v2 ? "unit" : "trans-unit")) continue;
      // Not for translation (an empty export's placeholder unit): nothing to import.
      if (std::string_view(c.attribute("translate").value()) == "no") continue;
      unit_in u;
      u.id = c.attribute("id").value();
      u.line = line(c);
      u.language = language;
      u.revision = revision_tag(glossa_attribute(c, "rev"));
      u.prefill = prefill_fingerprint(glossa_attribute(c, "prefill"));
      source_printer printer;
      std::string problem;
      if (v2) {
        segments_2x(c, u, printer, problem);
      } else {
        source_and_target(c, u, printer, problem, false);
        u.approved = std::string_view(c.attribute("approved").value()) == "yes";
      }
      u.source = {printer.hash(), printer.excerpt()};
      if (!problem.empty()) u.problem = std::make_unique<std::string>(std::move(problem));
      doc.units.push_back(std::move(u));
    }
  }

 private:
  // Keeps content, restoring protected whitespace.
  struct content_sink {
    content& out;
    void text(std::string_view s, bool protected_runs) {
      std::string t(s);
      if (protected_runs) restore_whitespace(t);
      if (!out.empty() && !out.back().is_code)
        out.back().text += t;
      else
        out.push_back(part{false, std::move(t), {}});
    }
    void code(xliff::code::kind type, std::string_view id) {
      xliff::code x;
      x.type = type;
      x.id = id;
      out.push_back(part{true, {}, std::move(x)});
    }
  };
  // Prints a source (its protected whitespace is whitespace to the printer).
  struct print_sink {
    source_printer& out;
    void text(std::string_view s, bool) { out.text(s); }
    void code(xliff::code::kind type, std::string_view id) { out.code(type, id); }
  };

  // A 2.x unit's <segment>s and <ignorable>s, joined in order. The target
  // is there when a segment has one; then every segment must (a unit is
  // imported whole), and an ignorable without one gives its source. The
  // state is the least done segment's.
  void segments_2x(pugi::xml_node unit, unit_in& u, source_printer& printer, std::string& problem) {
    content target;
    std::vector<std::string> missing;  // segments without a target
    bool any_target = false, first_segment = true;
    for (auto seg : unit.children()) {
      if (seg.type() != pugi::node_element) continue;
      std::string_view sn = local_name(seg.name());
      if (sn != "segment" && sn != "ignorable") continue;
      unit_in piece;
      source_and_target(seg, piece, printer, problem, true, /*keep_source=*/true);
      if (with_source_) join(u.source_content, piece.source_content);
      if (sn == "segment") {
        auto state = done_state(seg.attribute("state").value(), true);
        if (first_segment)
          u.state = state;
        else if (u.state && state)
          u.state = std::min(*u.state, *state);
        else
          u.state = std::nullopt;
        first_segment = false;
        // An empty target where the source has text is a segment left to do (tools write them).
        bool left = !piece.target || (piece.target->empty() && !piece.source_content.empty());
        if (left) missing.push_back(seg.attribute("id").value());
        any_target = any_target || !left;
      }
      join(target, piece.target ? *piece.target : piece.source_content);
    }
    if (!any_target) return;
    if (!missing.empty() && problem.empty())
      problem = "segment" + std::string(missing.size() > 1 ? "s " : " ") + join_ids(missing) + " of the unit " +
                (missing.size() > 1 ? "have" : "has") + " no target while others have one; a unit is imported whole";
    u.target = std::move(target);
  }

  // Appends `more` to `c`, a text part after a text part joined into one.
  static void join(content& c, const content& more) {
    for (const auto& p : more)
      if (!p.is_code && !c.empty() && !c.back().is_code)
        c.back().text += p.text;
      else
        c.push_back(p);
  }

  static std::string join_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "'" : ", '") + id + "'";
    return out;
  }

  void source_and_target(pugi::xml_node holder, unit_in& u, source_printer& printer, std::string& problem, bool v2,
                         bool keep_source = false) {
    for (auto e : holder.children()) {
      if (e.type() != pugi::node_element) continue;
      std::string_view en = local_name(e.name());
      if (en == "source") {
        // Printed whether or not the content is kept: the import compares
        // every unit's source with the store's.
        print_sink p{printer};
        inline_content(e, p, problem, v2);
        if (with_source_ || keep_source) {
          content_sink keep{u.source_content};
          std::string ignored;
          inline_content(e, keep, ignored, v2);
        }
      } else if (en == "target") {
        if (!u.target) u.target.emplace();
        content_sink keep{*u.target};
        inline_content(e, keep, problem, v2);
        if (!v2) u.state = done_state(e.attribute("state").value(), false);
      }
    }
  }

  std::string_view glossa_attribute(pugi::xml_node n, std::string_view local) {
    for (auto a : n.attributes()) {
      std::string_view name = a.name();
      if (local_name(a.name()) == local && name.find(':') != std::string_view::npos &&
          namespace_of(n, prefix_of(a.name())) == "urn:glossa:xliff:1")
        return a.value();
    }
    return {};
  }

  std::string_view text_;
  std::string_view file_;
  std::vector<std::size_t> newlines_;
  bool with_source_ = true;
};

}  // namespace

namespace {
// The encoding an XML declaration names, lowercased; empty when none.
std::string declared_encoding(std::string_view text) {
  if (text.substr(0, 5) != "<?xml") return {};
  auto end = text.find("?>");
  std::string_view decl = text.substr(0, end == std::string_view::npos ? 0 : end);
  auto pos = decl.find("encoding");
  if (pos == std::string_view::npos) return {};
  auto q = decl.find_first_of("\"'", pos);
  auto q2 = q == std::string_view::npos ? q : decl.find(decl[q], q + 1);
  return q2 == std::string_view::npos ? std::string() : lower(std::string(decl.substr(q + 1, q2 - q - 1)));
}

// A byte-order mark and a declaration that name different encodings: XML
// 4.3.3 makes that a fatal error.
result<std::optional<std::string>> agree(result<std::string> text, std::string_view bom, std::string_view file) {
  if (!text) return text.err();
  std::string declared = declared_encoding(*text);
  if (!declared.empty() && declared.rfind(bom, 0) != 0 && !(bom == "utf-16" && declared == "iso-10646-ucs-2") &&
      !(bom == "utf-32" && (declared == "ucs-4" || declared == "iso-10646-ucs-4")))
    return error(errc::invalid_content,
                 "the byte-order mark says " + std::string(bom) + " but the XML declaration says " + declared,
                 location{std::string(file), 1, 1, {}});
  return std::optional<std::string>(std::move(*text));
}
}  // namespace

std::optional<translation_state> done_state(std::string_view raw, bool v2) {
  if (raw == "final") return translation_state::final_;
  if (raw == (v2 ? "reviewed" : "signed-off")) return translation_state::reviewed;
  if (raw == "translated") return translation_state::translated;
  return std::nullopt;
}

source_print print_of(const content& c, bool with_excerpt) {
  source_printer p(with_excerpt);
  for (const auto& part : c) {
    if (part.is_code)
      p.code(part.c->type, part.c->id);
    else
      p.text(part.text);
  }
  return {p.hash(), p.excerpt()};
}

result<std::optional<std::string>> decode_xml(std::string_view& bytes, std::string_view file) {
  auto starts = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  bool utf8_bom = starts("\xEF\xBB\xBF");
  if (utf8_bom)
    bytes.remove_prefix(3);
  else if (starts(std::string_view("\xFF\xFE\x00\x00", 4)) || starts(std::string_view("\x00\x00\xFE\xFF", 4)))
    return agree(convert(bytes, starts("\xFF\xFE") ? "UTF-32LE" : "UTF-32BE", file), "utf-32", file);
  else if (starts("\xFF\xFE"))
    return agree(convert(bytes.substr(2), "UTF-16LE", file), "utf-16", file);
  else if (starts("\xFE\xFF"))
    return agree(convert(bytes.substr(2), "UTF-16BE", file), "utf-16", file);
  else if (bytes.size() >= 2 && ((bytes[0] == '<' && bytes[1] == '\0') || (bytes[0] == '\0' && bytes[1] == '<')))
    return error(errc::invalid_utf8, "UTF-16 without a byte-order mark: save the file as UTF-8 or with a BOM",
                 location{std::string(file), 1, 1, {}});
  std::string enc = declared_encoding(bytes);
  if (!enc.empty() && enc != "utf-8" && enc != "utf8" && enc != "us-ascii" && enc != "ascii") {
    if (utf8_bom)
      return error(errc::invalid_content, "the byte-order mark says utf-8 but the XML declaration says " + enc,
                   location{std::string(file), 1, 1, {}});
    if (enc == "utf-16" || enc == "utf-16le" || enc == "utf-16be")
      return error(errc::invalid_utf8, "declared " + enc + " but has no byte-order mark",
                   location{std::string(file), 1, 1, {}});
    // The declaration then lies; the parser reads the buffer as UTF-8 regardless.
    return wrap(convert(bytes, enc.c_str(), file));
  }
  if (auto off = detail::find_invalid_utf8(bytes))
    return error(errc::invalid_utf8, "not valid UTF-8 (and no other encoding declared)", at_offset(bytes, file, *off));
  return std::optional<std::string>();
}

result<document_in> read_xliff(std::string_view bytes, std::string_view file, bool with_source,
                               std::vector<xliff_problem>* problems) {
  return read_xliff(std::string(bytes), file, with_source, problems);
}

namespace {

location at_node(const walker& w, pugi::xml_node n) {
  return w.at(static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0)));
}

// No element needs hundreds of attributes; a file with one that has them is
// hostile or broken (and would make every later lookup slow). Iterative walk:
// the depth limit is checked later. The same walk counts the units, so that
// their records are sized once, not doubled (which holds old and new arrays
// at once): they are most of the memory an import holds besides the tree.
struct unit_counts {
  std::size_t v1 = 0, v2 = 0;
};

result<unit_counts> count_units(pugi::xml_node root, const walker& w) {
  unit_counts counts;
  for (pugi::xml_node n = root; n;) {
    if (n.type() == pugi::node_element) {
      std::string_view name = local_name(n.name());
      counts.v1 += name == "trans-unit";
      counts.v2 += name == "unit";
    }
    std::size_t count = 0;
    for (auto a = n.first_attribute(); a && count <= max_attributes; a = a.next_attribute()) ++count;
    if (count > max_attributes)
      return error(
          errc::invalid_content,
          std::string("too many attributes on <") + n.name() + ">: more than " + std::to_string(max_attributes),
          at_node(w, n));
    if (auto c = n.first_child()) {
      n = c;
      continue;
    }
    while (n && !n.next_sibling() && n != root) n = n.parent();
    n = n && n != root ? n.next_sibling() : pugi::xml_node();
  }
  return counts;
}

// The version the root declares, by its namespace (and version attribute for
// namespace-less 1.x); an error for any Glossa does not read.
result<std::string> detect_version(pugi::xml_node root, const walker& w) {
  if (local_name(root.name()) != "xliff")
    return error(errc::invalid_content, std::string("not an XLIFF file: the root element is <") + root.name() + ">",
                 at_node(w, root));
  std::string ns = namespace_of(root, prefix_of(root.name()));
  std::string version = root.attribute("version").value();
  if (ns == "urn:oasis:names:tc:xliff:document:2.0") {
    if (version == "2.0" || version == "2.1") return version;
    return error(errc::invalid_content,
                 "XLIFF version '" + version + "' in the 2.0 namespace is not one Glossa reads (2.0, 2.1)",
                 at_node(w, root));
  }
  if (ns == "urn:oasis:names:tc:xliff:document:2.2") return std::string("2.2");
  if (ns == "urn:oasis:names:tc:xliff:document:1.2") return std::string("1.2");
  if (ns == "urn:oasis:names:tc:xliff:document:1.1") return std::string("1.1");
  if (ns.empty() && (version == "1.0" || version == "1.1" || version == "1.2"))
    return version;  // namespace-less legacy XLIFF, read as 1.x
  return error(
      errc::invalid_content,
      "XLIFF version '" + version + "' (namespace '" + ns + "') is not one Glossa reads (1.0, 1.1, 1.2, 2.0, 2.1, 2.2)",
      at_node(w, root));
}

void read_units(pugi::xml_node root, bool v2, walker& w, document_in& doc) {
  if (v2) {
    doc.source_language = root.attribute("srcLang").value();
    doc.target_language = root.attribute("trgLang").value();
    doc.languages.push_back(doc.target_language);
    for (auto f : root.children()) {
      if (f.type() == pugi::node_element && local_name(f.name()) == "file") w.units(f, 0, true, doc);
    }
    return;
  }
  for (auto f : root.children()) {
    if (f.type() != pugi::node_element || local_name(f.name()) != "file") continue;
    std::string tl = f.attribute("target-language").value();
    if (doc.source_language.empty()) doc.source_language = f.attribute("source-language").value();
    if (doc.target_language.empty()) doc.target_language = tl;
    auto known = std::find(doc.languages.begin(), doc.languages.end(), tl);
    if (known == doc.languages.end() && doc.languages.size() < 65535)
      known = doc.languages.insert(doc.languages.end(), tl);
    auto index = static_cast<std::uint16_t>(known == doc.languages.end() ? 0 : known - doc.languages.begin());
    for (auto body : f.children())
      if (body.type() == pugi::node_element && local_name(body.name()) == "body") w.units(body, index, false, doc);
  }
}

// The version's rules, on the same parse, on a second thread while the
// caller reads the units (both only read the tree); finish() then takes a
// share of the files still to check and hands over the findings.
class background_validation {
 public:
  background_validation(const pugi::xml_document& xml, const std::vector<std::size_t>& newlines, text_facts facts,
                        const std::string& version)
      : checks_(xml, newlines, std::move(facts), version), thread_([this] {
          detail::name_this_thread("glossa-validate");
          try {
            checks_.run();
          } catch (...) {
            failed_ = std::current_exception();
          }
        }) {}
  ~background_validation() {
    if (thread_.joinable()) thread_.join();
  }
  background_validation(const background_validation&) = delete;
  background_validation& operator=(const background_validation&) = delete;

  void finish(std::vector<xliff_problem>& problems) {
    checks_.help();
    thread_.join();
    if (failed_) std::rethrow_exception(failed_);
    for (auto& f : checks_.take())
      problems.push_back({std::move(f.rule), std::move(f.message), f.line, 0, std::move(f.unit), f.in_target});
  }

 private:
  validation checks_;
  std::exception_ptr failed_;
  std::thread thread_;  // last: starts once the others are built
};

}  // namespace

result<document_in> read_xliff(std::string&& bytes, std::string_view file, bool with_source,
                               std::vector<xliff_problem>* problems) {
  std::string_view view = bytes;
  auto decoded = decode_xml(view, file);
  if (!decoded) return decoded.err();
  // Parse in place in whichever buffer holds the UTF-8 text: no second copy.
  std::string& owner = *decoded ? **decoded : bytes;
  if (*decoded) std::string().swap(bytes);  // the undecoded bytes are no longer needed
  char* data = *decoded ? owner.data() : owner.data() + (view.data() - owner.data());
  std::string_view t(data, *decoded ? owner.size() : view.size());

  // Well-formedness, before anything parses the text (pugixml accepts much
  // that XML forbids). A DOCTYPE with an internal subset is refused: XLIFF
  // needs none, and entity-expansion bombs live there; one that only names
  // an external DTD is read, and the DTD never fetched.
  if (auto bad = xml::check_well_formed(t))
    return error(bad->code, bad->message, at_offset(t, file, *bad->where.offset));

  // Lines are indexed before parsing: an in-place parse rewrites the buffer.
  walker w(t, file, with_source);
  std::optional<text_facts> facts;
  if (problems) facts = scan_text(t, w.newlines());
  protect_content_whitespace(data, t.size());
  pugi::xml_document xml;
  auto parsed = xml.load_buffer_inplace(data, t.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed)
    return error(errc::invalid_content, std::string("not well-formed XML: ") + parsed.description(),
                 w.at(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0))));
  pugi::xml_node root = xml.document_element();
  auto counts = count_units(root, w);
  if (!counts) return counts.err();
  auto version = detect_version(root, w);
  if (!version) return version.err();
  bool v2 = version->front() == '2';
  std::optional<background_validation> checks;
  if (problems) checks.emplace(xml, w.newlines(), std::move(*facts), *version);
  document_in doc;
  doc.version = *version;
  doc.units.reserve(v2 ? counts->v2 : counts->v1);
  read_units(root, v2, w, doc);
  if (checks) checks->finish(*problems);
  if (w.too_deep_line != 0)
    return error(errc::invalid_content,
                 "<group> elements nested deeper than " + std::to_string(walker::max_depth) + " levels",
                 location{std::string(file), w.too_deep_line, 0, {}});
  return doc;
}

}  // namespace glossa::xliff
