#include "formats/tbx/tbx.hpp"

#include <algorithm>
#include <pugixml.hpp>
#include <unordered_set>

#include "core/utf8.hpp"
#include "formats/xliff/reader.hpp"
#include "formats/xliff/writer.hpp"
#include "formats/xml/xml_file.hpp"
#include "glossa/locale.hpp"

namespace glossa::tbx {

namespace {

std::string_view local_name(pugi::xml_node n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool named(pugi::xml_node n, std::string_view a, std::string_view b = {}) {
  auto l = local_name(n);
  return n.type() == pugi::node_element && (l == a || (!b.empty() && l == b));
}

// All the text inside an element (a term may hold <hi>), white space trimmed.
// Terms are shallow: a nesting deeper than this is not read.
void text_of(pugi::xml_node n, std::string& out, int depth = 0) {
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
      out += c.value();
    else if (c.type() == pugi::node_element && depth < 8)
      text_of(c, out, depth + 1);
  }
}
std::string trimmed_text(pugi::xml_node n) {
  std::string s;
  text_of(n, s);
  auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Language tags compare ASCII-case-insensitively, '_' as '-'; a bare
// language takes its regional forms.
std::string folded_tag(std::string_view t) {
  std::string s(t);
  for (auto& c : s) c = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}
bool language_is(std::string_view tag, std::string_view wanted) {
  std::string a = folded_tag(tag), b = folded_tag(wanted);
  return a == b || (b.find('-') == std::string::npos && a.size() > b.size() && a.compare(0, b.size(), b) == 0 &&
                    a[b.size()] == '-');
}

class reader {
 public:
  reader(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  error at(pugi::xml_node n, std::string message) const {
    return error(errc::invalid_content, std::move(message), where(n));
  }
  // The line of an entry after the last one asked for (entries, in order):
  // counts the newlines since then only, so a file of many entries is read
  // in linear time.
  std::size_t line_of(pugi::xml_node n) const {
    auto offset = std::min(text_.size(), static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0)));
    if (offset < counted_to_) counted_to_ = 0, line_ = 1;
    line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(counted_to_),
                                                 text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    counted_to_ = offset;
    return line_;
  }
  location where(pugi::xml_node n) const {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0));
    auto lc = detail::line_column_at(text_, std::min(offset, text_.size()));
    return location{std::string(file_), lc.line, lc.column, {}};
  }

  // The terms of a <langSet>/<langSec>: each <tig>, <ntig> or <termSec>.
  result<std::vector<term>> terms(pugi::xml_node lang_set) const {
    std::vector<term> out;
    for (auto t : lang_set.children()) {
      if (!named(t, "tig", "termSec") && !named(t, "ntig")) continue;
      auto r = one_term(t);
      if (!r) return r.err();
      if (!r->text.empty()) out.push_back(std::move(*r));
    }
    std::stable_sort(out.begin(), out.end(), [](const term& a, const term& b) { return a.status < b.status; });
    return out;
  }

 private:
  result<term> one_term(pugi::xml_node t) const {
    term out;
    pugi::xml_node holder = named(t, "ntig") ? t.child("termGrp") : t;
    for (auto c : holder.children()) {
      if (named(c, "term") && out.text.empty()) {
        out.text = trimmed_text(c);
        if (detail::find_control_character(out.text)) return at(c, "a control character in the term");
      } else if (named(c, "termNote") || named(c, "administrativeStatus", "partOfSpeech")) {
        if (auto bad = term_note(c, out)) return *bad;
      }
    }
    for (auto c : t.children())
      if (named(c, "note")) {
        std::string note = trimmed_text(c);
        if (note == "glossa:severity=error")
          out.error = true;
        else if (!note.empty())
          out.note += (out.note.empty() ? "" : "\n") + note;
      } else if ((named(c, "termNote") || named(c, "administrativeStatus", "partOfSpeech")) && holder != t) {
        if (auto bad = term_note(c, out)) return *bad;
      }
    return out;
  }

  // <termNote type="administrativeStatus"> (TBX 2008, TBX v3 DCA), or
  // <basic:administrativeStatus> (TBX v3 DCT).
  std::optional<error> term_note(pugi::xml_node c, term& out) const {
    std::string_view type = named(c, "termNote") ? std::string_view(c.attribute("type").value()) : local_name(c);
    std::string value = trimmed_text(c);
    if (type == "partOfSpeech") out.part_of_speech = value;
    if (type != "administrativeStatus" && type != "normativeAuthorization") return std::nullopt;
    auto has = [&](const char* w) { return value.find(w) != std::string::npos; };
    if (has("preferred"))
      out.status = term_status::preferred;
    else if (has("admitted"))
      out.status = term_status::admitted;
    else if (has("deprecated") || has("superseded") || has("forbidden") || has("obsolete"))
      out.status = term_status::forbidden;
    else
      return at(c, "the administrative status \"" + value +
                       "\" is not one TBX-Basic knows (preferredTerm-admn-sts, admittedTerm-admn-sts, "
                       "deprecatedTerm-admn-sts, supersededTerm-admn-sts)");
    return std::nullopt;
  }

  std::string_view text_;
  std::string_view file_;
  mutable std::size_t counted_to_ = 0, line_ = 1;
};

std::vector<pugi::xml_node> entries_of(pugi::xml_node root) {
  std::vector<pugi::xml_node> out;
  for (auto text : root.children())
    if (named(text, "text"))
      for (auto body : text.children())
        if (named(body, "body"))
          for (auto e : body.children())
            if (named(e, "termEntry", "conceptEntry")) out.push_back(e);
  return out;
}

std::vector<pugi::xml_node> lang_sets(pugi::xml_node entry) {
  std::vector<pugi::xml_node> out;
  for (auto l : entry.children())
    if (named(l, "langSet", "langSec")) out.push_back(l);
  return out;
}

// The pair: asked, else the root's language (or the first <langSet>'s) and
// the one other language.
// A language the file names that is no language (csv2tbx's "xx"): read as
// the target asked for.
bool placeholder_language(std::string_view tag) { return folded_tag(tag) == "xx" || !canonical_locale(tag); }

// The file's languages, each once, in order of appearance.
result<std::vector<std::string>> languages_of(const reader& r, const std::vector<pugi::xml_node>& entries) {
  constexpr std::size_t most = 1000;  // no termbase has more; a hostile file could make the list grow
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto e : entries)
    for (auto l : lang_sets(e))
      if (std::string lang = l.attribute("xml:lang").value(); seen.insert(lang).second) {
        if (out.size() == most) return r.at(l, "the file has more than 1000 languages");
        out.push_back(std::move(lang));
      }
  return out;
}

// The pair: asked, else the root's language (or the first <langSet>'s) and
// the one other language.
status choose_pair(const reader& r, pugi::xml_node root, const std::vector<pugi::xml_node>& entries, document_in& out,
                   std::string& placeholder) {
  auto languages = languages_of(r, entries);
  if (!languages) return languages.err();
  std::string source = out.source_locale;
  if (source.empty()) source = root.attribute("xml:lang").value();
  if (source.empty() && !languages->empty()) source = languages->front();
  if (source.empty()) return r.at(root, "the file names no language (no xml:lang on its root or any <langSet>)");
  std::vector<std::string> others;
  for (const auto& l : *languages)
    if (!language_is(l, source) && !language_is(source, l)) others.push_back(l);
  std::string list;
  for (const auto& l : others) list += (list.empty() ? "" : ", ") + l;
  if (!out.target_locale.empty()) {
    bool present =
        std::any_of(others.begin(), others.end(), [&](const auto& l) { return language_is(l, out.target_locale); });
    if (!present && others.size() == 1 && placeholder_language(others.front()))
      placeholder = others.front();
    else if (!present)
      return r.at(root, "the file has no terms in " + out.target_locale +
                            " (its other languages: " + (list.empty() ? "none" : list) + ")");
  } else if (others.size() == 1) {
    out.target_locale = others.front();
  } else {
    return r.at(root, others.empty() ? "the file has terms in one language only (" + source + ")"
                                     : "the file has several target languages (" + list + "): choose one");
  }
  auto s = canonical_locale(source);
  if (!s) return r.at(root, "the source language \"" + source + "\" is not a BCP 47 language tag");
  auto t = canonical_locale(out.target_locale);
  if (!t || placeholder_language(out.target_locale))
    return r.at(root, "the target language \"" + out.target_locale +
                          "\" is not a language: name the target language (terms import --target, or target=)");
  out.source_locale = *s;
  out.target_locale = *t;
  return {};
}

void read_entry_notes(pugi::xml_node e, pugi::xml_node source_set, term_entry& out) {
  for (auto holder : {e, source_set})
    for (auto c : holder.children()) {
      pugi::xml_node d = named(c, "descripGrp") ? c.child("descrip") : c;
      std::string_view type = d.attribute("type").value();
      bool definition = (named(d, "descrip") && type == "definition") || named(d, "definition");
      if (definition && out.definition.empty()) out.definition = trimmed_text(d);
      if (named(d, "descrip") && type == "Translation needed") {
        std::string v = folded_tag(trimmed_text(d));
        if (v == "no" || v == "false") out.do_not_translate = true;
      }
      if (named(c, "note") && holder == e) {
        std::string note = trimmed_text(c);
        if (note == "glossa:do-not-translate")
          out.do_not_translate = true;
        else if (!note.empty())
          out.note += (out.note.empty() ? "" : "\n") + note;
      }
    }
}

result<std::optional<entry_in>> read_entry(const reader& r, pugi::xml_node e, const document_in& pair,
                                           const std::string& placeholder) {
  entry_in in;
  in.line = r.line_of(e);
  term_entry& out = in.entry;
  out.concept_id = e.attribute("id").value();
  out.source_locale = pair.source_locale;
  out.target_locale = pair.target_locale;
  pugi::xml_node source_set;
  for (auto l : lang_sets(e)) {
    std::string_view lang = l.attribute("xml:lang").value();
    bool is_source = language_is(lang, pair.source_locale) || language_is(pair.source_locale, lang);
    bool is_target = !is_source && (language_is(lang, pair.target_locale) || lang == placeholder);
    if (!is_source && !is_target) continue;
    auto terms = r.terms(l);
    if (!terms) return terms.err();
    auto& side = is_source ? out.source : out.target;
    side.insert(side.end(), terms->begin(), terms->end());
    if (is_source && !source_set) source_set = l;
  }
  read_entry_notes(e, source_set, out);
  if (out.source.empty()) return std::optional<entry_in>();
  if (out.do_not_translate && out.target.empty()) out.target.push_back({out.source.front().text, {}, false, {}, {}});
  return std::optional<entry_in>(std::move(in));
}

}  // namespace

result<document_in> read_tbx(std::string_view bytes, std::string_view file, std::string_view source_locale,
                             std::string_view target_locale) {
  auto parsed = xml::parse_xml_file(bytes, file, pugi::parse_default);
  if (!parsed) return parsed.err();
  std::string_view t = (*parsed)->text;
  const pugi::xml_document& xml = (*parsed)->tree;
  reader r(t, file);
  auto root = xml.document_element();
  if (!named(root, "martif", "tbx"))
    return r.at(root, "not TBX: the root element is <" + std::string(root.name()) + ">, not <martif> or <tbx>");
  document_in out;
  out.source_locale = std::string(source_locale);
  out.target_locale = std::string(target_locale);
  auto entries = entries_of(root);
  std::string placeholder;
  if (auto pair = choose_pair(r, root, entries, out, placeholder); !pair) return pair.err();
  if (!placeholder.empty()) out.notes.push_back("terms in \"" + placeholder + "\" read as " + out.target_locale);
  std::size_t no_source = 0, first_line = 0;
  for (auto e : entries) {
    auto in = read_entry(r, e, out, placeholder);
    if (!in) return in.err();
    if (!*in) {
      if (no_source++ == 0) first_line = r.line_of(e);
      continue;
    }
    // csv2tbx given a notes column takes the CSV's header row for a term.
    const term_entry& x = (*in)->entry;
    if (out.entries.empty() && x.source.size() == 1 && x.source[0].text == "source" && x.target.size() == 1 &&
        x.target[0].text == "target") {
      out.notes.push_back("line " + std::to_string((*in)->line) +
                          ": the entry \"source\" -> \"target\" is a CSV header row (csv2tbx): left out");
      continue;
    }
    out.entries.push_back(std::move(**in));
  }
  if (no_source)
    out.notes.push_back(std::to_string(no_source) + " entr" + (no_source == 1 ? "y" : "ies") + " without a term in " +
                        out.source_locale + " left out (the first at line " + std::to_string(first_line) + ")");
  return out;
}

namespace {

void put(std::ostream& out, std::string_view s, bool attribute = false) {
  std::string buf;
  xliff::xml_escape_to(buf, s, attribute);
  out << buf;
}

// An id TBX's DTD takes (an XML name): the concept's own when it is one, else
// none (ids are optional; one made up here would come back as the concept's).
std::string entry_id(const term_entry& e) {
  const std::string& c = e.concept_id;
  bool name = !c.empty() && c.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
                                std::string::npos;
  bool starts = name && ((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z') || c[0] == '_');
  return starts ? c : std::string();
}

const char* status_value(term_status s) {
  switch (s) {
    case term_status::preferred:
      return "preferredTerm-admn-sts";
    case term_status::admitted:
      return "admittedTerm-admn-sts";
    default:
      return "deprecatedTerm-admn-sts";
  }
}

void write_lang_set(std::ostream& out, std::string_view locale, const std::vector<term>& terms) {
  out << "   <langSet xml:lang=\"";
  put(out, locale, true);
  out << "\">\n";
  for (const auto& t : terms) {
    out << "    <tig>\n     <term>";
    put(out, t.text);
    out << "</term>\n";
    if (!t.part_of_speech.empty()) {
      out << "     <termNote type=\"partOfSpeech\">";
      put(out, t.part_of_speech);
      out << "</termNote>\n";
    }
    out << "     <termNote type=\"administrativeStatus\">" << status_value(t.status) << "</termNote>\n";
    if (t.error) out << "     <note>glossa:severity=error</note>\n";
    if (!t.note.empty()) {
      out << "     <note>";
      put(out, t.note);
      out << "</note>\n";
    }
    out << "    </tig>\n";
  }
  out << "   </langSet>\n";
}

}  // namespace

void write_tbx(std::ostream& out, const std::vector<term_entry>& entries, std::string_view source_locale,
               std::string_view target_locale) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n"
         "<martif type=\"TBX-Basic\" xml:lang=\"";
  put(out, source_locale, true);
  out << "\">\n <martifHeader>\n  <fileDesc><sourceDesc><p>Glossa termbase ";
  put(out, source_locale);
  out << " to ";
  put(out, target_locale);
  out << "</p></sourceDesc></fileDesc>\n"
         "  <encodingDesc><p type=\"XCSURI\">TBXBasicXCSV02.xcs</p></encodingDesc>\n"
         " </martifHeader>\n <text>\n  <body>\n";
  for (const auto& e : entries) {
    out << "  <termEntry";
    if (std::string id = entry_id(e); !id.empty()) {
      out << " id=\"";
      put(out, id, true);
      out << "\"";
    }
    out << ">\n";
    if (!e.definition.empty()) {
      out << "   <descrip type=\"definition\">";
      put(out, e.definition);
      out << "</descrip>\n";
    }
    if (e.do_not_translate) out << "   <note>glossa:do-not-translate</note>\n";
    if (!e.note.empty()) {
      out << "   <note>";
      put(out, e.note);
      out << "</note>\n";
    }
    write_lang_set(out, source_locale, e.source);
    if (!e.target.empty()) write_lang_set(out, target_locale, e.target);
    out << "  </termEntry>\n";
  }
  out << "  </body>\n </text>\n</martif>\n";
}

}  // namespace glossa::tbx
