#include "formats/xliff/inline.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/rich_text.hpp"
#include "i18n/message_ast.hpp"
#include "i18n/plurals.hpp"

namespace glossa::xliff {

namespace {

// ---- codes -------------------------------------------------------------------

code make_code(code::kind k, std::string original, std::string disp, std::string ctype, bool can_delete = false) {
  code c;
  c.type = k;
  c.original = std::move(original);
  c.disp = std::move(disp);
  c.ctype = std::move(ctype);
  c.can_delete = can_delete;
  return c;
}

void add_text(content& out, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && !out.back().is_code)
    out.back().text += text;
  else
    out.push_back(part{false, std::string(text), {}});
}

void add_code(content& out, code c) { out.push_back(part{true, {}, std::move(c)}); }

}  // namespace

// Ids: numbered by first appearance in the source; the n-th occurrence of the
// same native code in a translation gets the same id as in the source, so
// reordered codes keep their identity.
void number_codes(content& c) {
  int next = 1;
  std::vector<std::string> open_ids;
  for (auto& p : c) {
    if (!p.is_code) continue;
    if (p.c->type == code::kind::close) {
      p.c->id = open_ids.empty() ? std::to_string(next++) : open_ids.back();
      if (!open_ids.empty()) open_ids.pop_back();
    } else {
      p.c->id = std::to_string(next++);
      if (p.c->type == code::kind::open) open_ids.push_back(p.c->id);
    }
  }
}

// Gives `target` codes the ids of the matching source codes (same native data,
// same occurrence). False when a target code has no counterpart.
bool number_like(content& target, const content& source) {
  std::map<std::pair<std::string, int>, std::vector<std::string>> ids;  // (original, type) -> ids in order
  for (const auto& p : source)
    if (p.is_code) ids[{p.c->original, static_cast<int>(p.c->type)}].push_back(p.c->id);
  std::map<std::pair<std::string, int>, std::size_t> used;
  for (auto& p : target) {
    if (!p.is_code) continue;
    auto k = std::make_pair(p.c->original, static_cast<int>(p.c->type));
    auto it = ids.find(k);
    std::size_t n = used[k]++;
    if (it == ids.end() || n >= it->second.size()) return false;
    p.c->id = it->second[n];
  }
  return true;
}

namespace {

// ---- rich text -----------------------------------------------------------------

std::string escape_html_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

std::string ctype_of(const std::string& tag) {
  if (tag == "b" || tag == "strong") return "bold";
  if (tag == "i" || tag == "em") return "italic";
  if (tag == "a") return "link";
  if (tag == "br") return "lb";
  return "x-html-" + tag;
}

result<content> rich_to_content(std::string_view text) {
  std::vector<detail::rich_token> tokens;
  if (auto p = detail::tokenize_rich_text(text, tokens)) return error(p->code, p->message);
  content out;
  for (const auto& t : tokens) {
    using k = detail::rich_token::kind;
    switch (t.type) {
      case k::text:
        add_text(out, detail::decode_entities(t.raw));
        break;
      case k::open:
        add_code(out, make_code(code::kind::open, std::string(t.raw), "<" + t.name + ">", ctype_of(t.name)));
        break;
      case k::close:
        add_code(out, make_code(code::kind::close, std::string(t.raw), "</" + t.name + ">", ctype_of(t.name)));
        break;
      case k::empty:
        add_code(out, make_code(code::kind::standalone, std::string(t.raw), "<br/>", "lb"));
        break;
    }
  }
  return out;
}

// ---- ICU messages: flattening into variants ----------------------------------------

using detail::msg_item;
using detail::msg_node;

using selector_info = selector;

void collect_selectors(const msg_node& n, std::vector<selector_info>& out, std::string_view locale) {
  for (const auto& it : n) {
    if (it.type != msg_item::kind::complex) continue;
    auto s = std::find_if(out.begin(), out.end(), [&](const selector_info& x) { return x.name == it.name; });
    if (s == out.end()) {
      selector_info info{it.name, it.style, it.offset, {}};
      if (it.style != "select") {
        for (const auto& [sel, _] : it.branches)
          if (!sel.empty() && sel[0] == '=') info.choices.push_back(sel);
        if (it.style == "plural")
          for (auto& c : detail::plural_categories(locale)) info.choices.push_back(c);
        else
          for (const auto& [sel, _] : it.branches)
            if (sel[0] != '=') info.choices.push_back(sel);
      } else {
        for (const auto& [sel, _] : it.branches)
          if (sel != "other") info.choices.push_back(sel);
        info.choices.push_back("other");
      }
      out.push_back(std::move(info));
      s = out.end() - 1;
    }
    for (const auto& [sel, branch] : it.branches) collect_selectors(branch, out, locale);
  }
}

// "{count, number}" where `count` is a plural selector without offset: the
// same number '#' shows. from_variants() writes it so for all but the
// innermost plural of a variant, so it reads back as that plural's count.
bool is_count_of(const msg_item& arg, const std::vector<selector_info>& sels) {
  std::string compact;
  for (char c : arg.text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') compact += c;
  if (compact != "{" + arg.name + ",number}") return false;
  return std::any_of(sels.begin(), sels.end(), [&](const selector_info& s) {
    return s.name == arg.name && s.style == "plural" && s.offset.empty();
  });
}

void flatten(const msg_node& n, const std::map<std::string, std::string>& assignment,
             const std::vector<selector_info>& sels, content& out) {
  for (const auto& it : n) {
    switch (it.type) {
      case msg_item::kind::text:
        add_text(out, it.text);
        break;
      case msg_item::kind::arg:
        if (is_count_of(it, sels))
          add_code(out, make_code(code::kind::standalone, "#" + it.name, "#", "x-icu-count", true));
        else
          add_code(out, make_code(code::kind::standalone, it.text, it.text, "x-icu-argument"));
        break;
      case msg_item::kind::pound:
        add_code(out, make_code(code::kind::standalone, "#" + it.name, "#", "x-icu-count", true));
        break;
      case msg_item::kind::complex: {
        auto chosen = assignment.find(it.name);
        const msg_node* branch = nullptr;
        for (const auto& [sel, b] : it.branches)
          if (chosen != assignment.end() && sel == chosen->second) branch = &b;
        if (!branch)
          for (const auto& [sel, b] : it.branches)
            if (sel == "other") branch = &b;
        if (branch) flatten(*branch, assignment, sels, out);
        break;
      }
    }
  }
}

std::string suffix_of(const std::vector<selector_info>& sels, const std::map<std::string, std::string>& a) {
  std::string s;
  for (const auto& info : sels) {
    std::string v = a.at(info.name);
    if (!v.empty() && v[0] == '=') v = "eq" + v.substr(1);
    s += ":" + info.name + "." + v;
  }
  return s;
}

void enumerate(const std::vector<selector_info>& sels, std::size_t level, std::map<std::string, std::string>& a,
               std::vector<std::map<std::string, std::string>>& out) {
  if (level == sels.size()) {
    out.push_back(a);
    return;
  }
  for (const auto& c : sels[level].choices) {
    a[sels[level].name] = c;
    enumerate(sels, level + 1, a, out);
  }
}

result<std::vector<variant>> message_variants(std::string_view text, std::string_view locale,
                                              std::vector<selector_info>* shape = nullptr) {
  auto tree = detail::parse_message(text);
  if (!tree) return tree.err();
  std::vector<selector_info> sels;
  collect_selectors(*tree, sels, locale);
  std::vector<std::map<std::string, std::string>> combos;
  std::map<std::string, std::string> a;
  enumerate(sels, 0, a, combos);
  std::vector<variant> out;
  for (const auto& combo : combos) {
    variant v;
    v.selectors = combo;
    v.suffix = suffix_of(sels, combo);
    v.shape = sels;
    flatten(*tree, combo, sels, v.source);
    number_codes(v.source);
    out.push_back(std::move(v));
  }
  if (shape) *shape = std::move(sels);
  return out;
}

std::string escape_icu_text(std::string_view s, bool in_plural) {
  std::string out;
  for (char c : s) {
    if (c == '\'')
      out += "''";
    else if (c == '{' || c == '}' || (c == '#' && in_plural)) {
      out += '\'';
      out += c;
      out += '\'';
    } else
      out += c;
  }
  return out;
}

}  // namespace

// ---- public -------------------------------------------------------------------------

result<std::vector<variant>> to_variants(std::string_view text, field_kind kind, std::string_view target_locale) {
  if (kind == field_kind::message) return message_variants(text, target_locale);
  variant v;
  if (kind == field_kind::rich_text) {
    auto c = rich_to_content(text);
    if (!c) return c.err();
    v.source = std::move(*c);
    number_codes(v.source);
  } else {
    add_text(v.source, text);
  }
  std::vector<variant> out;  // not {std::move(v)}: an initializer list is copied from
  out.push_back(std::move(v));
  return out;
}

std::optional<std::map<std::string, content>> align_translation(std::string_view text, field_kind kind,
                                                                const std::vector<variant>& source,
                                                                std::string_view target_locale) {
  auto tv = to_variants(text, kind, target_locale);
  if (!tv) return std::nullopt;
  std::map<std::string, content> out;
  for (auto& t : *tv) {
    auto s = std::find_if(source.begin(), source.end(), [&](const variant& v) { return v.suffix == t.suffix; });
    if (s == source.end()) return std::nullopt;
    if (!number_like(t.source, s->source)) return std::nullopt;
    out[t.suffix] = std::move(t.source);
  }
  if (out.size() != source.size()) return std::nullopt;
  return out;
}

std::string check_codes(const content& source, const content& target) {
  std::map<std::pair<std::string, int>, const code*> expected;
  for (const auto& p : source)
    if (p.is_code) expected[{p.c->id, static_cast<int>(p.c->type)}] = &*p.c;
  std::map<std::pair<std::string, int>, int> seen;
  std::vector<std::string> open;
  for (const auto& p : target) {
    if (!p.is_code) continue;
    auto k = std::make_pair(p.c->id, static_cast<int>(p.c->type));
    if (!expected.count(k)) return "inline code " + p.c->id + " is not in the source (extra code)";
    if (++seen[k] > 1) return "inline code " + p.c->id + " (" + expected[k]->disp + ") appears twice";
    if (p.c->type == code::kind::open) open.push_back(p.c->id);
    if (p.c->type == code::kind::close) {
      if (open.empty() || open.back() != p.c->id)
        return "inline code " + p.c->id + " (" + expected[k]->disp + ") is closed out of order";
      open.pop_back();
    }
  }
  if (!open.empty()) return "inline code " + open.back() + " is opened but never closed";
  for (const auto& [k, c] : expected)
    if (!seen.count(k) && !c->can_delete) return "inline code " + c->id + " (" + c->disp + ") is missing";
  return {};
}

namespace {

const code* find_source_code(const content& src, const code& c) {
  for (const auto& p : src)
    if (p.is_code && p.c->id == c.id && p.c->type == c.type) return &*p.c;
  return nullptr;
}

// A target of text or rich text: the source's own markup back in place of each code.
std::string plain_text(const variant& v, const content& target, field_kind kind) {
  std::string out;
  for (const auto& p : target) {
    if (!p.is_code)
      out += kind == field_kind::rich_text ? escape_html_text(p.text) : p.text;
    else
      out += find_source_code(v.source, *p.c)->original;
  }
  return out;
}

// A message whose variants were selected by plural/select: the selectors
// rebuilt as nested plural/select, full sentences at the leaves.
class message_builder {
 public:
  message_builder(const std::vector<variant>& source, const std::map<std::string, content>& targets)
      : source_(source), targets_(targets), shape_(source.front().shape) {
    for (std::size_t i = shape_.size(); i-- > 0;)
      if (shape_[i].style != "select") {
        innermost_ = shape_[i].name;
        break;
      }
  }

  std::string build(std::size_t level = 0) {
    if (level == shape_.size()) return leaf();
    const selector& sel = shape_[level];
    std::string out = "{" + sel.name + ", " + sel.style + ",";
    if (!sel.offset.empty()) out += " offset:" + sel.offset;
    for (const auto& c : sel.choices) {
      chosen_[sel.name] = c;
      out += " " + c + " {" + build(level + 1) + "}";
    }
    chosen_.erase(sel.name);
    return out + "}";
  }

 private:
  // The sentence of the variant the choices so far select; '#' stands for
  // the innermost plural's number.
  std::string leaf() const {
    const variant* v = nullptr;
    for (const auto& x : source_)
      if (x.selectors == chosen_) v = &x;
    std::string out;
    for (const auto& p : targets_.at(v->suffix)) {
      if (!p.is_code) {
        out += escape_icu_text(p.text, !innermost_.empty());
        continue;
      }
      const code* sc = find_source_code(v->source, *p.c);
      if (sc->original[0] == '#') {
        std::string arg = sc->original.substr(1);
        out += arg == innermost_ ? "#" : "{" + arg + ", number}";
      } else {
        out += sc->original;
      }
    }
    return out;
  }

  const std::vector<variant>& source_;
  const std::map<std::string, content>& targets_;
  const std::vector<selector>& shape_;
  std::string innermost_;
  std::map<std::string, std::string> chosen_;
};

}  // namespace

result<std::string> from_variants(const std::vector<variant>& source, const std::map<std::string, content>& targets,
                                  field_kind kind) {
  for (const auto& v : source) {
    auto it = targets.find(v.suffix);
    if (it == targets.end()) {
      std::string what = v.suffix.empty() ? "the translation" : "variant '" + v.suffix + "'";
      return error(errc::invalid_value, what + " is missing");
    }
    std::string problem = check_codes(v.source, it->second);
    if (!problem.empty()) return error(errc::invalid_value, problem);
  }
  if (kind != field_kind::message) return plain_text(source.front(), targets.at(source.front().suffix), kind);
  if (source.size() == 1 && source.front().selectors.empty()) {
    std::string out;
    for (const auto& p : targets.at(""))
      out += p.is_code ? (p.c->original[0] == '#' ? "{" + p.c->original.substr(1) + ", number}"
                                                  : find_source_code(source.front().source, *p.c)->original)
                       : escape_icu_text(p.text, false);
    return out;
  }
  return message_builder(source, targets).build();
}

void append_code_key(std::string& key, code::kind type, std::string_view id) {
  key += '\x01';
  key += type == code::kind::open ? 'o' : type == code::kind::close ? 'c' : 's';
  key += id;
  key += '\x02';
}

namespace {
bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string collapse_key_whitespace(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  bool pending = false;  // a run of whitespace seen since the last character
  for (char c : key) {
    if (is_xml_space(c)) {
      pending = true;
      continue;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

std::string comparison_key(const content& c, bool collapse_whitespace) {
  std::string key;
  for (const auto& p : c) {
    if (p.is_code)
      append_code_key(key, p.c->type, p.c->id);
    else
      key += p.text;
  }
  return collapse_whitespace ? collapse_key_whitespace(key) : key;
}

std::string render_key(std::string_view key) {
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] != '\x01' || i + 1 >= key.size()) {
      out += key[i];
      continue;
    }
    char type = key[i + 1];
    auto end = key.find('\x02', i + 2);
    if (end == std::string_view::npos) end = key.size();
    std::string_view id = key.substr(i + 2, end - i - 2);
    out += type == 'c' ? "</" : "<";
    out += id;
    out += type == 's' ? "/>" : ">";
    i = end;
  }
  return out;
}

// FNV-1a over the bytes as they come: the hash depends on the bytes alone,
// not on how they were split into calls.
std::uint64_t source_printer::hash() const noexcept { return hash_; }

void source_printer::emit(std::string_view bytes, std::string_view shown) {
  std::uint64_t h = hash_;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  hash_ = h;
  if (cut_) return;
  if (excerpt_.size() + shown.size() <= 40) {
    excerpt_.append(shown);
    return;
  }
  std::size_t room = 40 - excerpt_.size(), n = room;
  while (n > 0 && n < shown.size() && (static_cast<unsigned char>(shown[n]) & 0xC0) == 0x80) --n;  // whole characters
  excerpt_.append(shown.substr(0, n));
  cut_ = true;
}

namespace {
constexpr std::array<bool, 256> printer_space = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\x01', '\x02', '\x03', '\x04'}) t[c] = true;
  return t;
}();

// The next byte at or after `i` that may be whitespace (any byte up to 0x20).
std::size_t next_blank(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80)), limit = _mm_set1_epi8(static_cast<char>(0x21 ^ 0x80));
  for (; i + 16 <= s.size(); i += 16) {
    __m128i x = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), flip);
    if (int m = _mm_movemask_epi8(_mm_cmplt_epi8(x, limit)))
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
  }
#endif
  while (i < s.size() && static_cast<unsigned char>(s[i]) > 0x20) ++i;
  return i;
}
}  // namespace

void source_printer::text(std::string_view s) {
  std::size_t run = 0;  // start of the current run of other characters
  auto flush = [&](std::size_t end) {
    if (end > run) {
      if (pending_space_ && started_) emit(" ", " ");
      emit(s.substr(run, end - run), s.substr(run, end - run));
      started_ = true;
      pending_space_ = false;
    }
  };
  // Runs stay whole across single spaces between words (the common case):
  // only other whitespace ends one.
  for (std::size_t i = next_blank(s, 0); i < s.size(); i = next_blank(s, i)) {
    if (!printer_space[static_cast<unsigned char>(s[i])]) {
      ++i;
      continue;
    }
    if (s[i] == ' ' && i > run && i + 1 < s.size() && !printer_space[static_cast<unsigned char>(s[i + 1])]) {
      ++i;
      continue;
    }
    flush(i);
    pending_space_ = true;
    while (i < s.size() && printer_space[static_cast<unsigned char>(s[i])]) ++i;
    run = i;
  }
  flush(s.size());
}

void source_printer::code(code::kind type, std::string_view id) {
  if (pending_space_ && started_) emit(" ", " ");
  pending_space_ = false;
  started_ = true;
  std::string marker;
  append_code_key(marker, type, id);
  std::string shown =
      (type == code::kind::close ? "</" : "<") + std::string(id) + (type == code::kind::standalone ? "/>" : ">");
  emit(marker, shown);
}

bool same_content(const content& a, const content& b, field_kind kind) {
  bool collapse = kind == field_kind::rich_text;
  return comparison_key(a, collapse) == comparison_key(b, collapse);
}

std::string content_fingerprint(const content& c, field_kind kind) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (unsigned char ch : comparison_key(c, kind == field_kind::rich_text)) h = (h ^ ch) * 1099511628211ull;
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = digits[h & 15];
  return out;
}

std::optional<std::uint64_t> prefill_fingerprint(std::string_view hex) {
  std::uint64_t v = 0;
  if (hex.size() != 16) return std::nullopt;
  auto [end, bad] = std::from_chars(hex.data(), hex.data() + hex.size(), v, 16);
  if (bad != std::errc() || end != hex.data() + hex.size()) return std::nullopt;
  return v;
}

std::string display_text(const content& c, bool with_codes) {
  std::string out;
  for (const auto& p : c) {
    if (!p.is_code)
      out += p.text;
    else if (with_codes)
      out += p.c->disp;
    else
      out += ' ';  // a code separates words: "<b>A</b>B" is two words
  }
  return out;
}

}  // namespace glossa::xliff
