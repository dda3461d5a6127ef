// The QA checks. Each is a small function from (source, target, context) to
// findings; check_translation runs them all.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "core/rich_text.hpp"
#include "core/utf8.hpp"
#include "glossa/format.hpp"
#include "glossa/qa.hpp"
#include "i18n/message_ast.hpp"
#include "i18n/plurals.hpp"
#include "i18n/values.hpp"
#include "i18n/words.hpp"

namespace glossa {

std::string_view to_string(qa_severity s) noexcept { return s == qa_severity::error ? "error" : "warning"; }

namespace {

std::string visible(const field_def& def, std::string_view text);

// What every check reads, computed once per translation on first use.
struct context {
  const field_def& def;
  std::string_view source, target, source_locale, target_locale;
  const qa_options& options;
  std::vector<qa_finding>& out;
  void add(const char* check, qa_severity sev, std::string message) const {
    out.push_back({check, sev, {}, def.name, std::string(target_locale), std::move(message)});
  }
  // Plain text is its own visible text: no copy.
  std::string_view source_visible() const {
    if (def.kind == field_kind::text) return source;
    if (!source_visible_) source_visible_ = visible(def, source);
    return *source_visible_;
  }
  std::string_view target_visible() const {
    if (def.kind == field_kind::text) return target;
    if (!target_visible_) target_visible_ = visible(def, target);
    return *target_visible_;
  }
  const result<detail::msg_node>& source_tree() const {
    if (!source_tree_) source_tree_.emplace(detail::parse_message(source));
    return *source_tree_;
  }
  const result<detail::msg_node>& target_tree() const {
    if (!target_tree_) target_tree_.emplace(detail::parse_message(target));
    return *target_tree_;
  }

  // Caches (public only so that the struct stays an aggregate).
  mutable std::optional<std::string> source_visible_, target_visible_;
  mutable std::optional<result<detail::msg_node>> source_tree_, target_tree_;
};

std::string language(std::string_view tag) { return std::string(tag.substr(0, tag.find('-'))); }

// Visible text of a value: markup and placeholders replaced by spaces, a
// message's `other` form.
std::string visible(const field_def& def, std::string_view text) {
  if (def.kind == field_kind::text) return std::string(text);
  return detail::visible_source(text, def.kind);
}

bool ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A Latin reference such as "VA/2026/014" or "jobs@example.org": letters,
// then '/' or '@', then [A-Za-z0-9/@._-].
bool has_latin_reference(std::string_view t) {
  for (std::size_t i = 1; i + 1 < t.size(); ++i) {
    if ((t[i] != '/' && t[i] != '@') || !ascii_letter(t[i - 1])) continue;
    char n = t[i + 1];
    if (ascii_letter(n) || ascii_digit(n) || n == '/' || n == '@' || n == '.' || n == '_' || n == '-') return true;
  }
  return false;
}

// URLs (http:// or https:// up to whitespace or <>"') and e-mail addresses,
// without trailing sentence punctuation.
std::vector<std::string> urls_and_emails(std::string_view s) {
  std::vector<std::string> out;
  auto trim = [](std::string u) {
    while (!u.empty() && (u.back() == '.' || u.back() == ',' || u.back() == ')')) u.pop_back();
    return u;
  };
  auto stop = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' || c == '"' || c == '\'';
  };
  for (std::size_t at = s.find("http"); at != std::string_view::npos; at = s.find("http", at + 4)) {
    std::size_t p = at + 4;
    if (p < s.size() && s[p] == 's') ++p;
    if (s.substr(p, 3) != "://" || p + 3 >= s.size() || stop(s[p + 3])) continue;
    std::size_t end = p + 3;
    while (end < s.size() && !stop(s[end])) ++end;
    out.push_back(trim(std::string(s.substr(at, end - at))));
    at = end - 4;
  }
  auto local = [](char c) {
    return ascii_letter(c) || ascii_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  auto domain = [](char c) { return ascii_letter(c) || ascii_digit(c) || c == '.' || c == '-'; };
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t b = at, e = at + 1;
    while (b > 0 && local(s[b - 1])) --b;
    while (e < s.size() && domain(s[e])) ++e;
    std::string d(s.substr(at + 1, e - at - 1));
    while (!d.empty() && (d.back() == '.' || d.back() == '-')) d.pop_back();
    auto dot = d.rfind('.');
    if (b == at || dot == std::string::npos || dot == 0 || d.size() - dot - 1 < 2) continue;
    bool tld = true;
    for (std::size_t k = dot + 1; k < d.size(); ++k) tld = tld && ascii_letter(d[k]);
    if (!tld) continue;
    out.push_back(std::string(s.substr(b, at - b + 1)) + d);
  }
  return out;
}

void placeholders(const context& c) {
  if (c.def.kind != field_kind::message) return;
  const auto &s = c.source_tree(), &t = c.target_tree();
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
  const auto& t = c.target_tree();
  if (!t) return;
  std::map<std::string, std::set<std::string>> plurals;
  collect_plurals(*t, plurals);
  auto needed = detail::plural_categories(c.target_locale);
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
      if (t.type != detail::rich_token::kind::text)
        m.insert((t.type == detail::rich_token::kind::close ? "/" : "") + t.name + t.href);
    return m;
  };
  if (tags(st) != tags(tt))
    c.add("markup", qa_severity::error, "the translation's markup differs from the source's (tags or links)");
}

void bidi(const context& c) {
  int isolates = 0, embeddings = 0;
  bool unbalanced = false;
  // Every bidi control (U+202A..U+202E, U+2066..U+2069) starts with byte 0xE2 in UTF-8.
  bool any_control = c.target.find('\xE2') != std::string_view::npos;
  for (std::size_t i = 0; any_control && i < c.target.size();) {
    char32_t cp = detail::decode_utf8(c.target, i);
    if (cp == 0x202D || cp == 0x202E)
      c.add("bidi_override", qa_severity::error,
            "a bidi override character (LRO/RLO) can make text display other than it reads; remove it");
    if (cp == 0x2066 || cp == 0x2067 || cp == 0x2068) ++isolates;
    if (cp == 0x2069 && --isolates < 0) unbalanced = true;
    if (cp == 0x202A || cp == 0x202B || cp == 0x202D || cp == 0x202E) ++embeddings;
    if (cp == 0x202C && --embeddings < 0) unbalanced = true;
  }
  if (unbalanced || isolates != 0 || embeddings != 0)
    c.add("bidi_unbalanced", qa_severity::error, "bidi isolate/embedding controls are not balanced");
  // A Latin run inside right-to-left text without an isolate around it.
  std::string_view t = c.target_visible();  // hrefs are not displayed
  if (has_latin_reference(t) && t.find("\u2068") == std::string::npos && t.find("\u2066") == std::string::npos) {
    auto f = formatter::for_locale(c.target_locale);
    if (f && (*f)->direction() == text_direction::rtl)
      c.add("bidi_unisolated", qa_severity::warning,
            "a left-to-right reference in right-to-left text is not isolated; the publishing layer isolates "
            "arguments, but literal references may display out of order");
  }
}

// Whether `text` has a digit numbers() reads: ASCII, Arabic-Indic (U+0660..
// U+0669, UTF-8 D9 A0..A9) or Extended Arabic-Indic (U+06F0..U+06F9, DB B0..B9).
// Most text has none, and is then not decoded at all.
bool has_digits(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b >= '0' && b <= '9') return true;
    if ((b == 0xD9 || b == 0xDB) && i + 1 < text.size()) {
      auto n = static_cast<unsigned char>(text[i + 1]);
      if (b == 0xD9 ? n >= 0xA0 && n <= 0xA9 : n >= 0xB0 && n <= 0xB9) return true;
    }
  }
  return false;
}

// Numbers as digit strings, sorted: Arabic-Indic and Extended Arabic-Indic
// digits read as ASCII, grouping separators dropped, decimal marks unified.
std::vector<std::string> numbers(std::string_view text) {
  std::vector<std::string> out;
  if (!has_digits(text)) return out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == '.') cur.pop_back();
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  // Decoded as it is walked, looking ahead where a separator may group digits.
  auto near_digit = [](char32_t c) { return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669); };
  auto peek = [&](std::size_t at) { return detail::decode_utf8(text, at); };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = detail::decode_utf8(text, i);  // i: the next code point
    int digit = cp >= '0' && cp <= '9'         ? static_cast<int>(cp - '0')
                : cp >= 0x0660 && cp <= 0x0669 ? static_cast<int>(cp - 0x0660)
                : cp >= 0x06F0 && cp <= 0x06F9 ? static_cast<int>(cp - 0x06F0)
                                               : -1;
    if (digit >= 0) {
      cur += static_cast<char>('0' + digit);
      continue;
    }
    bool between = !cur.empty() && i < text.size() && near_digit(peek(i));
    if (between &&
        (cp == ',' || cp == 0x066C || cp == 0x202F || cp == 0x00A0 || cp == ' ' || cp == '.' || cp == 0x066B)) {
      // A separator followed by exactly three digits groups thousands; otherwise it is a decimal mark.
      std::size_t run = 0;
      for (std::size_t k = i; k < text.size();) {
        if (!near_digit(detail::decode_utf8(text, k))) break;
        ++run;
      }
      if (run != 3 || cp == 0x066B) cur += '.';
      continue;
    }
    flush();
  }
  flush();
  std::sort(out.begin(), out.end());
  return out;
}

void number_check(const context& c) {
  std::string_view sv = c.source_visible(), tv = c.target_visible();
  if (numbers(sv) != numbers(tv)) c.add("numbers", qa_severity::warning, "the numbers differ from the source's");
}

// The last code point of `s` that is not a space or a line feed; 0 when none.
char32_t last_visible(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n')) --end;
  if (end == 0) return 0;
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return detail::decode_utf8(s.substr(0, end), start);
}

void punctuation(const context& c) {
  std::string lang = language(c.target_locale);
  std::string_view t = c.target_visible();
  std::string_view s = c.source_visible();
  // Pairs of neighbouring code points, decoded as the text is walked.
  auto pairs = [&](auto&& visit) {
    char32_t prev = 0;
    for (std::size_t i = 0; i < t.size();) {
      char32_t cp = detail::decode_utf8(t, i);
      if (visit(prev, cp, i)) return;
      prev = cp;
    }
  };
  if (lang == "fr") {
    pairs([&](char32_t before, char32_t cp, std::size_t next) {
      if ((cp == ';' || cp == ':' || cp == '?' || cp == '!') && before != 0) {
        bool url_colon = cp == ':' && t.compare(next, 2, "//") == 0;
        if (!url_colon && before != 0x202F && before != 0x00A0) {
          c.add("punctuation", qa_severity::warning, "French needs a narrow no-break space (U+202F) before ; : ? !");
          return true;
        }
      }
      return false;
    });
    pairs([&](char32_t a, char32_t b, std::size_t) {
      if (a != 0 && ((a == 0x00AB && b != 0x202F && b != 0x00A0) || (b == 0x00BB && a != 0x202F && a != 0x00A0))) {
        c.add("punctuation", qa_severity::warning, "French quotes « » need a narrow no-break space inside");
        return true;
      }
      return false;
    });
  }
  // "45 %": CLDR keeps the sign with its number (a no-break space: U+202F in
  // French, U+00A0 in Spanish); a breaking space lets a line end between them.
  if ((lang == "fr" || lang == "es") && t.find('%') != std::string_view::npos)
    for (std::size_t at = t.find(" %"); at != std::string_view::npos; at = t.find(" %", at + 1))
      if (at > 0 && ascii_digit(t[at - 1])) {
        c.add("punctuation", qa_severity::warning,
              std::string(
                  "a breaking space before % lets a line end between the number and the sign; use a no-break space (") +
                  (lang == "fr" ? "U+202F" : "U+00A0") + "), as CLDR does");
        break;
      }
  if (lang == "es") {
    if (t.find('?') != std::string::npos && t.find("\u00BF") == std::string::npos)
      c.add("punctuation", qa_severity::warning, "a Spanish question needs the opening ¿");
    if (t.find('!') != std::string::npos && t.find("\u00A1") == std::string::npos)
      c.add("punctuation", qa_severity::warning, "a Spanish exclamation needs the opening ¡");
  } else if (lang == "ar") {
    // A Latin ? , ; right after an Arabic letter: only the code point before
    // each one is decoded. (A byte loop: find_first_of("?,;") calls memchr
    // on the set for every byte of the text.)
    for (std::size_t at = 1; at < t.size(); ++at) {
      if (t[at] != '?' && t[at] != ',' && t[at] != ';') continue;
      std::size_t start = at - 1;
      while (start > 0 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
      char32_t before = detail::decode_utf8(t.substr(0, at), start);
      if (before >= 0x0600 && before <= 0x06FF) {
        c.add("punctuation", qa_severity::warning, "Arabic uses ؟ ، ؛ instead of the Latin ? , ;");
        break;
      }
    }
  }
  // Sentence-final punctuation kept.
  auto terminal = [](char32_t cp) {
    return cp == '.' || cp == '?' || cp == '!' || cp == 0x061F || cp == 0x06D4 || cp == 0x2026;
  };
  if (terminal(last_visible(s)) && !terminal(last_visible(t)))
    c.add("punctuation", qa_severity::warning,
          "the source ends a sentence; the translation lost its final punctuation");
}

void length(const context& c) {
  if (!c.def.max_length) return;
  if (auto p = detail::check_text(c.target, c.def); p && p->code == errc::too_long)
    c.add("length", qa_severity::error, p->message);
}

void whitespace(const context& c) {
  auto ws = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n'; };
  bool s_lead = !c.source.empty() && ws(c.source.front()), t_lead = !c.target.empty() && ws(c.target.front());
  bool s_trail = !c.source.empty() && ws(c.source.back()), t_trail = !c.target.empty() && ws(c.target.back());
  if (s_lead != t_lead || s_trail != t_trail)
    c.add("whitespace", qa_severity::warning, "leading or trailing whitespace differs from the source");
  // A byte loop: find("  ") calls memchr once per space of the text.
  for (std::size_t i = 1; i < c.target.size(); ++i)
    if (c.target[i] == ' ' && c.target[i - 1] == ' ') {
      c.add("whitespace", qa_severity::warning, "double space in the translation");
      break;
    }
}

// True when `text` has a letter outside the allow-listed terms.
bool letters_outside(std::string_view seen, const std::vector<std::string>& terms) {
  if (std::all_of(terms.begin(), terms.end(), [](const std::string& t) { return t.empty(); }))
    return detail::has_letter(seen);
  std::string text(seen);
  for (const auto& term : terms) {
    if (term.empty()) continue;
    for (auto at = text.find(term); at != std::string::npos; at = text.find(term, at + 1))
      text.replace(at, term.size(), " ");
  }
  return detail::has_letter(text);
}

void identical(const context& c) {
  if (c.source != c.target || language(c.source_locale) == language(c.target_locale)) return;
  std::string_view seen = c.source_visible();
  if (letters_outside(seen, c.options.allow_identical))
    c.add("identical", qa_severity::warning, "the translation is identical to the source (fine for names and codes)");
}

void urls(const context& c) {
  if (c.source.find("://") == std::string_view::npos && c.source.find('@') == std::string_view::npos) return;
  for (const auto& u : urls_and_emails(c.source)) {
    if (c.target.find(u) == std::string_view::npos)
      c.add("urls", qa_severity::error, "'" + u + "' must appear unchanged in the translation");
  }
}

}  // namespace

std::vector<qa_finding> check_translation(const field_def& def, std::string_view source, std::string_view target,
                                          std::string_view source_locale, std::string_view target_locale,
                                          const qa_options& options) {
  std::vector<qa_finding> out;
  context c{def, source, target, source_locale, target_locale, options, out, {}, {}, {}, {}};
  for (auto check :
       {placeholders, plural_categories, markup, bidi, number_check, punctuation, length, whitespace, identical, urls})
    check(c);
  return out;
}

namespace {
// A number as written in running text: its digits' system and where.
struct written_number {
  std::string text;
  bool arabic_indic = false;  // U+0660..U+0669 (else ASCII)
  std::string field;
};

// Numbers of a text: runs of digits of one system with the separators
// between them. Codes are left out: a run touching a Latin letter, '/', '-',
// '@' or '_' ("P-3", "VA/2026/001").
void numbers_in(std::string_view text, const std::string& field, std::vector<written_number>& out) {
  if (!has_digits(text)) return;
  auto digit_kind = [](char32_t c) { return c >= '0' && c <= '9' ? 1 : c >= 0x0660 && c <= 0x0669 ? 2 : 0; };
  auto separator = [](char32_t c) { return c == ',' || c == '.' || c == 0x066B || c == 0x066C; };
  auto code_char = [](char32_t c) {
    return (c < 0x80 && ascii_letter(static_cast<char>(c))) || c == '/' || c == '-' || c == '@' || c == '_';
  };
  char32_t prev = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    char32_t c = detail::decode_utf8(text, i);
    int kind = digit_kind(c);
    if (kind == 0) {
      prev = c;
      continue;
    }
    std::size_t end = i;
    // A number after a Latin word belongs to it ("ISO 9001", "CIPS 4").
    bool code = code_char(prev) || (prev == ' ' && start >= 2 && ascii_letter(text[start - 2]));
    for (std::size_t j = i; j < text.size();) {
      std::size_t at = j;
      char32_t d = detail::decode_utf8(text, j);
      if (digit_kind(d) == kind) {
        end = j;
        continue;
      }
      if (separator(d) && j < text.size()) {
        std::size_t k = j;
        if (digit_kind(detail::decode_utf8(text, k)) == kind) continue;
      }
      code = code || code_char(d);
      (void)at;
      break;
    }
    if (!code) out.push_back({std::string(text.substr(start, end - start)), kind == 2, field});
    i = end;
    prev = 0;
  }
}
}  // namespace

std::vector<qa_finding> check_document(const type_def& type, const document& d, std::string_view locale,
                                       const std::function<std::string(const field_def&, const field&)>& shown) {
  std::vector<qa_finding> out;
  auto f = formatter::for_locale(locale);
  if (!f || (*f)->direction() != text_direction::rtl || language(locale) == language(d.source_locale)) return out;
  std::vector<written_number> numbers;
  for (const auto& fld : d.fields) {
    const field_def* def = type.find(fld.name);
    if (!def) continue;
    if (def->translatable) {
      const translation* t = fld.find(locale);
      if (t && !is_stale(fld, *t)) numbers_in(visible(*def, t->text), fld.name, numbers);
    } else if (def->kind == field_kind::number || def->kind == field_kind::money || def->kind == field_kind::date ||
               def->kind == field_kind::datetime) {
      numbers_in(shown(*def, fld), fld.name, numbers);
    }
  }
  auto latin = std::find_if(numbers.begin(), numbers.end(), [](const written_number& n) { return !n.arabic_indic; });
  auto indic = std::find_if(numbers.begin(), numbers.end(), [](const written_number& n) { return n.arabic_indic; });
  if (latin == numbers.end() || indic == numbers.end()) return out;
  out.push_back({"digits", qa_severity::warning, d.key, latin->field, std::string(locale),
                 "the document writes numbers two ways: \u00AB" + latin->text + "\u00BB (" + latin->field +
                     ") and \u00AB" + indic->text + "\u00BB (" + indic->field + "); " + std::string(locale) +
                     " readers see " + *(*f)->number("0123456789") + " in number fields"});
  return out;
}

bool has_errors(const std::vector<qa_finding>& findings) noexcept {
  return std::any_of(findings.begin(), findings.end(),
                     [](const qa_finding& f) { return f.severity == qa_severity::error; });
}

result<std::vector<std::string>> parse_allow_list(std::string_view bytes, std::string_view file_name) {
  std::vector<std::string> terms;
  std::uint32_t line = 0;
  std::size_t start = 0;
  while (start < bytes.size()) {
    auto end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view l(bytes.data() + start, end - start);
    ++line;
    start = end + 1;
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.empty() || l.front() == '#') continue;
    if (detail::find_invalid_utf8(l))
      return error(errc::invalid_utf8, "the line is not valid UTF-8", location{std::string(file_name), line, 0, {}});
    terms.emplace_back(l);
  }
  return terms;
}

}  // namespace glossa
