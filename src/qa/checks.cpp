// The QA checks. Each is a small function from (source, target, context) to
// findings; check_translation runs them all.
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include <boost/json.hpp>
#include <unicode/uchar.h>

#include "formats/xliff/inline.hpp"
#include "glossa/engine.hpp"
#include "glossa/format.hpp"
#include "glossa/qa.hpp"
#include "locale/message_ast.hpp"
#include "model/rich_text.hpp"
#include "util/json_output.hpp"
#include "util/utf8.hpp"
#include "validate/values.hpp"

namespace glossa {

std::string_view to_string(qa_severity s) noexcept { return s == qa_severity::error ? "error" : "warning"; }

namespace {

struct context {
  const field_def& def;
  std::string_view source, target, source_locale, target_locale;
  const qa_options& options;
  std::vector<qa_finding>& out;
  void add(const char* check, qa_severity sev, std::string message) const {
    out.push_back({check, sev, {}, def.name, std::string(target_locale), std::move(message)});
  }
};

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) out.push_back(detail::decode_utf8(s, i));
  return out;
}

std::string language(std::string_view tag) { return std::string(tag.substr(0, tag.find('-'))); }

// Visible text of a value: markup and placeholders removed.
std::string visible(const field_def& def, std::string_view text, std::string_view locale) {
  if (def.kind == field_kind::text) return std::string(text);
  auto v = xliff::to_variants(text, def.kind, locale);
  if (!v || v->empty()) return std::string(text);
  return xliff::display_text(v->back().source, false);
}

void placeholders(const context& c) {
  if (c.def.kind != field_kind::message) return;
  auto s = detail::parse_message(c.source), t = detail::parse_message(c.target);
  if (!t) {
    c.add("message_syntax", qa_severity::error, "the translation is not a valid ICU message: " + t.err().message);
    return;
  }
  if (!s) return;
  auto sa = detail::message_arguments(*s), ta = detail::message_arguments(*t);
  for (const auto& a : sa)
    if (!std::binary_search(ta.begin(), ta.end(), a))
      c.add("placeholders", qa_severity::error, "placeholder {" + a + "} of the source is missing (or renamed)");
  for (const auto& a : ta)
    if (!std::binary_search(sa.begin(), sa.end(), a))
      c.add("placeholders", qa_severity::error, "placeholder {" + a + "} is not in the source");
}

void collect_plurals(const detail::msg_node& n, std::map<std::string, std::set<std::string>>& out) {
  for (const auto& it : n) {
    if (it.type == detail::msg_item::kind::complex && it.style == "plural")
      for (const auto& [sel, b] : it.branches) out[it.name].insert(sel);
    for (const auto& [sel, b] : it.branches) collect_plurals(b, out);
  }
}

void plural_categories(const context& c) {
  if (c.def.kind != field_kind::message) return;
  auto t = detail::parse_message(c.target);
  if (!t) return;
  std::map<std::string, std::set<std::string>> plurals;
  collect_plurals(*t, plurals);
  auto needed = xliff::plural_categories(c.target_locale);
  for (const auto& [arg, have] : plurals) {
    for (const auto& cat : needed)
      if (!have.count(cat))
        c.add("plural_categories", qa_severity::error,
              "plural {" + arg + "} lacks the '" + cat + "' form that " + std::string(c.target_locale) + " needs");
    for (const auto& cat : have)
      if (cat[0] != '=' && std::find(needed.begin(), needed.end(), cat) == needed.end())
        c.add("plural_categories", qa_severity::error,
              "plural {" + arg + "} has a '" + cat + "' form, which " + std::string(c.target_locale) + " does not use");
  }
}

void markup(const context& c) {
  if (c.def.kind != field_kind::rich_text) return;
  std::vector<detail::rich_token> st, tt;
  if (auto p = detail::tokenize_rich_text(c.target, tt)) {
    c.add("markup", qa_severity::error, "the translation's markup is broken: " + p->message);
    return;
  }
  if (detail::tokenize_rich_text(c.source, st)) return;
  auto tags = [](const std::vector<detail::rich_token>& v) {
    std::multiset<std::string> m;
    for (const auto& t : v)
      if (t.type != detail::rich_token::kind::text) m.insert((t.type == detail::rich_token::kind::close ? "/" : "") + t.name + t.href);
    return m;
  };
  if (tags(st) != tags(tt)) c.add("markup", qa_severity::error, "the translation's markup differs from the source's (tags or links)");
}

void bidi(const context& c) {
  int isolates = 0, embeddings = 0;
  bool unbalanced = false;
  for (char32_t cp : code_points(c.target)) {
    if (cp == 0x202D || cp == 0x202E)
      c.add("bidi_override", qa_severity::error, "a bidi override character (LRO/RLO) can make text display other than it reads; remove it");
    if (cp == 0x2066 || cp == 0x2067 || cp == 0x2068) ++isolates;
    if (cp == 0x2069 && --isolates < 0) unbalanced = true;
    if (cp == 0x202A || cp == 0x202B || cp == 0x202D || cp == 0x202E) ++embeddings;
    if (cp == 0x202C && --embeddings < 0) unbalanced = true;
  }
  if (unbalanced || isolates != 0 || embeddings != 0)
    c.add("bidi_unbalanced", qa_severity::error, "bidi isolate/embedding controls are not balanced");
  // A Latin run inside right-to-left text without an isolate around it.
  auto f = formatter::for_locale(c.target_locale);
  if (f && (*f)->direction() == text_direction::rtl) {
    static const std::regex latin_ref("[A-Za-z]+[/@][A-Za-z0-9/@._-]+");
    std::string t = visible(c.def, c.target, c.target_locale);  // hrefs are not displayed
    if (std::regex_search(t, latin_ref) && t.find("\u2068") == std::string::npos && t.find("\u2066") == std::string::npos)
      c.add("bidi_unisolated", qa_severity::warning,
            "a left-to-right reference in right-to-left text is not isolated; the publishing layer isolates "
            "arguments, but literal references may display out of order");
  }
}

// Numbers as digit strings: Arabic-Indic and Extended Arabic-Indic digits
// read as ASCII, grouping separators dropped, decimal marks unified.
std::multiset<std::string> numbers(std::string_view text) {
  std::multiset<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == '.') cur.pop_back();
    if (!cur.empty()) out.insert(cur);
    cur.clear();
  };
  auto cps = code_points(text);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    char32_t cp = cps[i];
    int digit = cp >= '0' && cp <= '9' ? static_cast<int>(cp - '0')
                : cp >= 0x0660 && cp <= 0x0669 ? static_cast<int>(cp - 0x0660)
                : cp >= 0x06F0 && cp <= 0x06F9 ? static_cast<int>(cp - 0x06F0) : -1;
    if (digit >= 0) { cur += static_cast<char>('0' + digit); continue; }
    bool between = !cur.empty() && i + 1 < cps.size() &&
                   ((cps[i + 1] >= '0' && cps[i + 1] <= '9') || (cps[i + 1] >= 0x0660 && cps[i + 1] <= 0x0669));
    if (between && (cp == ',' || cp == 0x066C || cp == 0x202F || cp == 0x00A0 || cp == ' ' || cp == '.' || cp == 0x066B)) {
      // A separator followed by exactly three digits groups thousands; otherwise it is a decimal mark.
      std::size_t run = 0;
      for (std::size_t k = i + 1; k < cps.size() && ((cps[k] >= '0' && cps[k] <= '9') || (cps[k] >= 0x0660 && cps[k] <= 0x0669)); ++k) ++run;
      if (run != 3 || cp == 0x066B) cur += '.';
      continue;
    }
    flush();
  }
  flush();
  return out;
}

void number_check(const context& c) {
  std::string sv = visible(c.def, c.source, c.source_locale), tv = visible(c.def, c.target, c.target_locale);
  auto s = numbers(sv), t = numbers(tv);
  if (s != t) c.add("numbers", qa_severity::warning, "the numbers differ from the source's");
}

void punctuation(const context& c) {
  std::string lang = language(c.target_locale);
  std::string t = visible(c.def, c.target, c.target_locale);
  std::string s = visible(c.def, c.source, c.source_locale);
  auto cps = code_points(t);
  if (lang == "fr") {
    for (std::size_t i = 0; i < cps.size(); ++i) {
      char32_t cp = cps[i];
      if ((cp == ';' || cp == ':' || cp == '?' || cp == '!') && i > 0) {
        char32_t before = cps[i - 1];
        bool url_colon = cp == ':' && i + 2 < cps.size() && cps[i + 1] == '/' && cps[i + 2] == '/';
        if (!url_colon && before != 0x202F && before != 0x00A0) {
          c.add("punctuation", qa_severity::warning, "French needs a narrow no-break space (U+202F) before ; : ? !");
          break;
        }
      }
    }
    for (std::size_t i = 0; i + 1 < cps.size(); ++i)
      if ((cps[i] == 0x00AB && cps[i + 1] != 0x202F && cps[i + 1] != 0x00A0) ||
          (cps[i + 1] == 0x00BB && cps[i] != 0x202F && cps[i] != 0x00A0)) {
        c.add("punctuation", qa_severity::warning, "French quotes « » need a narrow no-break space inside");
        break;
      }
  } else if (lang == "es") {
    if (t.find('?') != std::string::npos && t.find("\u00BF") == std::string::npos)
      c.add("punctuation", qa_severity::warning, "a Spanish question needs the opening ¿");
    if (t.find('!') != std::string::npos && t.find("\u00A1") == std::string::npos)
      c.add("punctuation", qa_severity::warning, "a Spanish exclamation needs the opening ¡");
  } else if (lang == "ar") {
    for (std::size_t i = 0; i + 1 < cps.size(); ++i)
      if (((cps[i] >= 0x0600 && cps[i] <= 0x06FF)) && (cps[i + 1] == '?' || cps[i + 1] == ',' || cps[i + 1] == ';')) {
        c.add("punctuation", qa_severity::warning, "Arabic uses ؟ ، ؛ instead of the Latin ? , ;");
        break;
      }
  }
  // Sentence-final punctuation kept.
  auto last = [](const std::string& x) {
    auto v = code_points(x);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\n')) v.pop_back();
    return v.empty() ? char32_t{0} : v.back();
  };
  auto terminal = [](char32_t cp) { return cp == '.' || cp == '?' || cp == '!' || cp == 0x061F || cp == 0x06D4 || cp == 0x2026; };
  if (terminal(last(s)) && !terminal(last(t)))
    c.add("punctuation", qa_severity::warning, "the source ends a sentence; the translation lost its final punctuation");
}

void length(const context& c) {
  if (auto p = detail::check_text(c.target, c.def); p && p->code == errc::too_long)
    c.add("length", qa_severity::error, p->message);
}

void whitespace(const context& c) {
  auto ws = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n'; };
  bool s_lead = !c.source.empty() && ws(c.source.front()), t_lead = !c.target.empty() && ws(c.target.front());
  bool s_trail = !c.source.empty() && ws(c.source.back()), t_trail = !c.target.empty() && ws(c.target.back());
  if (s_lead != t_lead || s_trail != t_trail)
    c.add("whitespace", qa_severity::warning, "leading or trailing whitespace differs from the source");
  if (c.target.find("  ") != std::string_view::npos)
    c.add("whitespace", qa_severity::warning, "double space in the translation");
}

// True when `text` has a letter outside the allow-listed terms.
bool letters_outside(std::string text, const std::vector<std::string>& terms) {
  for (const auto& term : terms) {
    if (term.empty()) continue;
    for (auto at = text.find(term); at != std::string::npos; at = text.find(term, at)) text.replace(at, term.size(), " ");
  }
  for (char32_t cp : code_points(text))
    if (u_isalpha(static_cast<UChar32>(cp))) return true;
  return false;
}

void identical(const context& c) {
  if (c.source != c.target || language(c.source_locale) == language(c.target_locale)) return;
  std::string seen = visible(c.def, c.source, c.source_locale);
  if (letters_outside(seen, c.options.allow_identical))
    c.add("identical", qa_severity::warning, "the translation is identical to the source (fine for names and codes)");
}

void urls(const context& c) {
  static const std::regex pattern(R"((https?://[^\s<>"']+)|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}))");
  std::string s(c.source), t(c.target);
  for (std::sregex_iterator it(s.begin(), s.end(), pattern), end; it != end; ++it) {
    std::string u = it->str();
    while (!u.empty() && (u.back() == '.' || u.back() == ',' || u.back() == ')')) u.pop_back();
    if (t.find(u) == std::string::npos)
      c.add("urls", qa_severity::error, "'" + u + "' must appear unchanged in the translation");
  }
}

}  // namespace

std::vector<qa_finding> check_translation(const field_def& def, std::string_view source, std::string_view target,
                                          std::string_view source_locale, std::string_view target_locale,
                                          const qa_options& options) {
  std::vector<qa_finding> out;
  context c{def, source, target, source_locale, target_locale, options, out};
  for (auto check : {placeholders, plural_categories, markup, bidi, number_check, punctuation, length, whitespace, identical, urls})
    check(c);
  return out;
}

bool has_errors(const std::vector<qa_finding>& findings) noexcept {
  return std::any_of(findings.begin(), findings.end(), [](const qa_finding& f) { return f.severity == qa_severity::error; });
}

result<std::vector<std::string>> read_allow_list(const std::string& path) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.err();
  std::vector<std::string> terms;
  std::uint32_t line = 0;
  std::size_t start = 0;
  while (start < bytes->size()) {
    auto end = bytes->find('\n', start);
    if (end == std::string::npos) end = bytes->size();
    std::string_view l(bytes->data() + start, end - start);
    ++line;
    start = end + 1;
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.empty() || l.front() == '#') continue;
    if (detail::find_invalid_utf8(l)) return error(errc::invalid_utf8, "the line is not valid UTF-8", location{path, line, 0, {}});
    terms.emplace_back(l);
  }
  return terms;
}

std::string to_json(const std::vector<qa_finding>& findings) {
  namespace json = boost::json;
  json::array a;
  for (const auto& f : findings)
    a.emplace_back(json::object{{"check", f.check}, {"severity", to_string(f.severity)}, {"document", f.document},
                                {"field", f.field}, {"locale", f.locale}, {"message", f.message}});
  return detail::pretty_json(a);
}

}  // namespace glossa
