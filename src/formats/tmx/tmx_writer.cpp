#include "formats/tmx/tmx_writer.hpp"

#include <map>

#include "formats/xliff/writer.hpp"
#include "glossa/version.hpp"

namespace glossa::tmx {

namespace {

// Text as XML 1.0 may carry it: a character it forbids (a C0 control other
// than tab, newline and carriage return; U+FFFE, U+FFFF), which an author's
// name or a stored text could hold, becomes U+FFFD instead of breaking the
// file for every reader.
void xml_escape_to(std::string& out, std::string_view s, bool attribute = false) {
  auto forbidden = [&](std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
    return c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
           (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE;
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!forbidden(i)) continue;
    xliff::xml_escape_to(out, s.substr(start, i - start), attribute);
    out += "\xEF\xBF\xBD";
    i += static_cast<unsigned char>(s[i]) < 0x20 ? 0 : 2;
    start = i + 1;
  }
  xliff::xml_escape_to(out, s.substr(start), attribute);
}

// TMX's i (pairing a bpt with its ept) and x (matching codes across the
// tuvs) are integers; the content's code ids are strings shared by source
// and target. Numbers them in order of first appearance in the source.
class code_numbers {
 public:
  int of(const std::string& id) {
    return numbers_.try_emplace(id, static_cast<int>(numbers_.size()) + 1).first->second;
  }

 private:
  std::map<std::string, int> numbers_;
};

// TMX 1.4b's type values where one fits (XLIFF 1.2's ctype uses the same
// words), an "x-" type otherwise.
std::string type_of(const xliff::code& c) {
  for (const char* known : {"bold", "italic", "link", "lb"})
    if (c.ctype == known) return c.ctype;
  if (c.ctype.rfind("x-", 0) == 0) return c.ctype;
  return "x-" + (c.ctype.empty() ? std::string("code") : c.ctype);
}

void attribute(std::string& out, const char* name, std::string_view value) {
  if (value.empty()) return;
  out += ' ';
  out += name;
  out += "=\"";
  xml_escape_to(out, value, true);
  out += '"';
}

// What a bpt, ept or ph holds: the code's markup, or the XLIFF 1.2 element
// Glossa's XLIFF writes for it (OmegaT names a TMX code after the first
// letter of what it holds, and matches it against its XLIFF tags so).
std::string native(const xliff::code& code, int n, bool xliff_codes) {
  if (!xliff_codes) return code.original;
  switch (code.type) {
    case xliff::code::kind::open:
      return "<g id=\"" + std::to_string(n) + "\">";
    case xliff::code::kind::close:
      return "</g>";
    case xliff::code::kind::standalone:
      break;
  }
  return "<x id=\"" + std::to_string(n) + "\"/>";
}

void segment(std::string& out, const xliff::content& c, code_numbers& numbers, bool xliff_codes) {
  out += "<seg>";
  for (const auto& p : c) {
    if (!p.is_code) {
      xml_escape_to(out, p.text);
      continue;
    }
    const auto& code = *p.c;
    int n = numbers.of(code.id);
    const char* element = code.type == xliff::code::kind::open    ? "bpt"
                          : code.type == xliff::code::kind::close ? "ept"
                                                                  : "ph";
    out += std::string("<") + element + (code.type == xliff::code::kind::standalone ? " x=\"" : " i=\"") +
           std::to_string(n) + "\"";
    if (code.type != xliff::code::kind::close) attribute(out, "type", type_of(code));
    out += ">";
    xml_escape_to(out, native(code, n, xliff_codes));
    out += std::string("</") + element + ">";
  }
  out += "</seg>";
}

}  // namespace

std::string tmx_date(std::string_view iso) {
  // YYYY-MM-DDThh:mm:ss[.fff]Z
  if (iso.size() < 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' ||
      iso.back() != 'Z')
    return {};
  std::string out;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) out += iso[i];
  out += 'T';
  for (std::size_t i : {11, 12, 14, 15, 17, 18}) out += iso[i];
  out += 'Z';
  for (char c : out)
    if (c != 'T' && c != 'Z' && (c < '0' || c > '9')) return {};
  return out;
}

writer::writer(std::ostream& out, const header& h) : out_(out), xliff_codes_(h.xliff_codes) {
  buf_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"Glossa\"";
  attribute(buf_, "creationtoolversion", GLOSSA_VERSION_STRING);
  buf_ += " datatype=\"plaintext\"";
  attribute(buf_, "segtype", h.segtype);
  buf_ += " adminlang=\"en\"";
  attribute(buf_, "srclang", h.source_locale);
  buf_ += " o-tmf=\"Glossa\"";
  attribute(buf_, "creationdate", tmx_date(h.created_at));
  buf_ += "/>\n  <body>\n";
  out_ << buf_;
  buf_.clear();
}

void writer::add(const unit& u) {
  buf_ += "    <tu";
  attribute(buf_, "creationdate", tmx_date(u.created_at));
  attribute(buf_, "creationid", u.author);
  attribute(buf_, "changedate", tmx_date(u.changed_at));
  attribute(buf_, "changeid", u.author);
  attribute(buf_, "segtype", u.segtype);
  buf_ += ">\n";
  for (const auto& [type, value] : u.props) {
    buf_ += "      <prop";
    attribute(buf_, "type", type);
    buf_ += ">";
    xml_escape_to(buf_, value);
    buf_ += "</prop>\n";
  }
  code_numbers numbers;
  for (const auto* side : {&u.source, &u.target}) {
    buf_ += "      <tuv";
    attribute(buf_, "xml:lang", side == &u.source ? u.source_locale : u.target_locale);
    buf_ += ">";
    segment(buf_, *side, numbers, xliff_codes_);
    buf_ += "</tuv>\n";
  }
  buf_ += "    </tu>\n";
  if (buf_.size() > (1 << 16)) {
    out_ << buf_;
    buf_.clear();
  }
}

void writer::finish() {
  out_ << buf_ << "  </body>\n</tmx>\n";
  buf_.clear();
}

}  // namespace glossa::tmx
