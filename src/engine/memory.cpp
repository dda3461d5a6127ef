#include "engine/memory.hpp"

#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "core/sha256.hpp"
#include "core/utf8.hpp"

namespace glossa::detail {

std::string_view to_string(tm_level l) noexcept {
  switch (l) {
    case tm_level::field:
      return "field";
    case tm_level::block:
      return "block";
    case tm_level::sentence:
      return "sentence";
  }
  return "field";
}

namespace {

constexpr std::string_view code_mark = "\xEF\xBF\xBC";  // U+FFFC: one character per code, as ICU sees it

// The name of the element a code of rich text stands for ("p" for "<p
// class=x>" and "</p>"), lowercase; "" for other markup.
std::string element_of(const xliff::code& c) {
  std::string_view m = c.original;
  if (m.size() < 3 || m[0] != '<') return {};
  std::size_t at = m[1] == '/' ? 2 : 1, end = at;
  while (end < m.size() && std::isalnum(static_cast<unsigned char>(m[end]))) ++end;
  std::string name(m.substr(at, end - at));
  for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name;
}

struct content_block {
  std::string name;      // p or li
  xliff::content inner;  // the parts between its tags
};

// The outermost p and li elements of parsed rich text (a list inside an
// item stays in the item); none when an element is left open.
std::vector<content_block> blocks_of(const xliff::content& c) {
  std::vector<content_block> out;
  int depth = 0;
  for (const auto& p : c) {
    std::string name = p.is_code && p.c->type != xliff::code::kind::standalone ? element_of(*p.c) : std::string();
    bool is_block = name == "p" || name == "li";
    if (depth == 0) {
      if (is_block && p.c->type == xliff::code::kind::open) {
        out.push_back({name, {}});
        depth = 1;
      }
      continue;
    }
    if (name == out.back().name) depth += p.c->type == xliff::code::kind::open ? 1 : -1;
    if (depth > 0) out.back().inner.push_back(p);
  }
  if (depth > 0) out.clear();  // unbalanced: no block pairs, as when the markup does not parse
  return out;
}

// The block pairs of a rich text field's aligned source and target, when both
// have the same blocks: each block's codes numbered afresh, the target's like
// the source's, and a block whose codes then differ left out. The same pairs
// as parsing each block's markup on its own, without parsing it again.
void block_pairs(const tm_pair& field, std::vector<tm_pair>& out) {
  auto s = blocks_of(field.source), t = blocks_of(field.target);
  if (s.empty() || s.size() != t.size()) return;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i].name != t[i].name) return;
  for (std::size_t i = 0; i < s.size(); ++i) {
    xliff::number_codes(s[i].inner);
    if (!xliff::number_like(t[i].inner, s[i].inner) || !xliff::check_codes(s[i].inner, t[i].inner).empty()) continue;
    out.push_back({tm_level::block, "", std::move(s[i].inner), std::move(t[i].inner)});
  }
}

// Sentence pairs of one source/target pair, when both sides have the same
// number of sentences (two or more) and each pair keeps its codes.
void sentence_pairs(const tm_pair& whole, tm_splitters& split, const std::function<void(tm_pair&&)>& out) {
  auto s = split_sentences(whole.source, split.source);
  if (s.size() < 2) return;
  auto t = split_sentences(whole.target, split.target);
  if (t.size() != s.size()) return;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!xliff::check_codes(s[i], t[i]).empty()) return;
  for (std::size_t i = 0; i < s.size(); ++i) out({tm_level::sentence, whole.variant, std::move(s[i]), std::move(t[i])});
}

}  // namespace

namespace {

// Whether a code is the tag of a block of rich text, which no sentence
// crosses: a paragraph, a list or its item, a heading, a table cell...
bool is_block_code(const xliff::code& code) {
  static const std::set<std::string, std::less<>> blocks{
      "address", "article", "aside", "blockquote", "dd", "div",   "dl",     "dt",    "figcaption", "figure", "footer",
      "h1",      "h2",      "h3",    "h4",         "h5", "h6",    "header", "hr",    "li",         "ol",     "p",
      "pre",     "section", "table", "tbody",      "td", "tfoot", "th",     "thead", "tr",         "ul"};
  return blocks.count(element_of(code)) > 0;
}

// Whether a code point may be part of a word: an ASCII letter or digit, or
// any other character but spaces and punctuation (general, CJK, Arabic).
bool wordlike(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<unsigned char>(c)) != 0;
  return !(c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || c == 0x060C || c == 0x061B ||
           c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4 || c == 0xFFFC);
}

bool has_words(const xliff::content& c) {
  for (const auto& p : c)
    for (std::size_t at = 0; !p.is_code && at < p.text.size();)
      if (wordlike(decode_utf8(p.text, at))) return true;
  return false;
}

}  // namespace

namespace {

// The parts of `c` whose place in `flat` (`at`: each part's offset) falls in
// [begin, end): text cut to the range, each code whole where it starts.
xliff::content slice(const xliff::content& c, const std::vector<std::size_t>& at, std::size_t flat_size,
                     std::size_t begin, std::size_t end) {
  xliff::content out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    std::size_t b = at[i], e = i + 1 < c.size() ? at[i + 1] : flat_size;
    if (c[i].is_code) {
      if (b >= begin && b < end) out.push_back(c[i]);
      continue;
    }
    std::size_t from = std::max(b, begin), to = std::min(e, end);
    if (from < to) out.push_back({false, c[i].text.substr(from - b, to - from), {}});
  }
  return out;
}

// Appends `more` to `c`, joining text parts.
void append(xliff::content& c, xliff::content&& more) {
  for (auto& p : more)
    if (!p.is_code && !c.empty() && !c.back().is_code)
      c.back().text += p.text;
    else
      c.push_back(std::move(p));
}

// Content as the sentence splitter sees it: its text, each code one
// character; the ranges no break may split (an inline code pair) and, with
// `blocks`, where the block tags are (a block tag keeps no pair together).
struct flat_content {
  std::string text;
  std::vector<std::size_t> at;  // each part's offset in `text`
  std::vector<std::pair<std::size_t, std::size_t>> keep;
  std::vector<std::size_t> block_at;

  flat_content(const xliff::content& c, bool blocks) : at(c.size()) {
    std::map<std::string, std::size_t> opened;
    for (std::size_t i = 0; i < c.size(); ++i) {
      at[i] = text.size();
      if (!c[i].is_code) {
        text += c[i].text;
        continue;
      }
      const auto& code = *c[i].c;
      if (blocks && is_block_code(code)) {
        block_at.push_back(text.size());
      } else {
        if (code.type == xliff::code::kind::open) opened[code.id] = text.size();
        if (auto o = opened.find(code.id); code.type == xliff::code::kind::close && o != opened.end())
          keep.emplace_back(o->second, text.size() + code_mark.size());
      }
      text += code_mark;
    }
  }
};

}  // namespace

std::vector<xliff::content> split_sentences(const xliff::content& c, sentence_splitter& split) {
  flat_content flat(c, false);
  std::vector<xliff::content> out;
  for (auto span : split.split(flat.text, flat.keep))
    out.push_back(slice(c, flat.at, flat.text.size(), span.begin, span.end));
  return out;
}

std::vector<xliff::content> segment_pieces(const xliff::content& c, sentence_splitter& split) {
  // A block tag ends a sentence, and an inline pair is never split.
  flat_content flat(c, true);
  // Sentences of each run between block tags, as ranges of `flat`.
  std::vector<std::pair<std::size_t, std::size_t>> sentences;
  std::size_t run = 0;
  const std::size_t size = flat.text.size();
  flat.block_at.push_back(size);
  for (std::size_t b : flat.block_at) {
    if (b > run) {
      std::string_view text = std::string_view(flat.text).substr(run, b - run);
      std::vector<std::pair<std::size_t, std::size_t>> inner;
      for (auto [k0, k1] : flat.keep)
        if (k0 >= run && k1 <= b) inner.emplace_back(k0 - run, k1 - run);
      for (auto span : split.split(text, inner)) sentences.emplace_back(run + span.begin, run + span.end);
    }
    run = b + code_mark.size();
  }
  std::vector<xliff::content> pieces{{}};
  std::size_t done = 0;
  for (auto [b, e] : sentences) {
    xliff::content sentence = slice(c, flat.at, size, b, e);
    if (!has_words(sentence)) continue;  // codes or punctuation alone: between segments
    append(pieces.back(), slice(c, flat.at, size, done, b));
    pieces.push_back(std::move(sentence));
    pieces.emplace_back();
    done = e;
  }
  append(pieces.back(), slice(c, flat.at, size, done, size));
  return pieces;
}

std::vector<xliff::content> source_segments(const xliff::content& c, sentence_splitter& split) {
  auto pieces = segment_pieces(c, split);
  std::vector<xliff::content> out;
  for (std::size_t i = 1; i < pieces.size(); i += 2) out.push_back(std::move(pieces[i]));
  return out;
}

void memory_pairs(std::string_view source, std::string_view translation, field_kind kind,
                  std::string_view target_locale, tm_splitters& split, const std::function<void(tm_pair&&)>& out) {
  auto variants = xliff::to_variants(source, kind, target_locale);
  if (!variants) return;
  auto targets = xliff::align_translation(translation, kind, *variants, target_locale);
  if (!targets) return;
  std::vector<tm_pair> fields;
  for (const auto& v : *variants) {
    const auto& t = targets->at(v.suffix);
    if (!xliff::check_codes(v.source, t).empty()) return;
    fields.push_back({tm_level::field, v.suffix, v.source, t});
  }
  std::vector<tm_pair> smallest;  // what sentences are split from: blocks, else the fields
  if (kind == field_kind::rich_text && fields.size() == 1) block_pairs(fields.front(), smallest);
  if (smallest.empty()) smallest = fields;
  for (auto& f : fields) out(std::move(f));
  for (const auto& b : smallest) {
    if (b.level == tm_level::block) out(tm_pair(b));
    sentence_pairs(b, split, out);
  }
}

namespace {
// Appends `s` with the encoding's separators (U+0001..U+0003) replaced by U+FFFD.
void append_clean(std::string& out, std::string_view s) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] >= '\x01' && s[i] <= '\x03') {
      out.append(s.substr(from, i - from));
      out += "\xEF\xBF\xBD";
      from = i + 1;
    }
  out.append(s.substr(from));
}
}  // namespace

std::string encode_tm_text(const xliff::content& c) {
  std::string out;
  for (const auto& p : c) {
    if (!p.is_code) {
      append_clean(out, p.text);
      continue;
    }
    out += '\x01';
    out += p.c->type == xliff::code::kind::open ? 'o' : p.c->type == xliff::code::kind::close ? 'c' : 's';
    for (const std::string* f : {&p.c->id, &p.c->original, &p.c->disp}) {
      append_clean(out, *f);
      out += '\x02';
    }
    append_clean(out, p.c->ctype);
    out += '\x03';
  }
  return out;
}

xliff::content decode_tm_text(std::string_view s) {
  xliff::content out;
  while (!s.empty()) {
    auto start = s.find('\x01');
    if (start != 0) {
      out.push_back({false, std::string(s.substr(0, start)), {}});
      if (start == std::string_view::npos) break;
      s.remove_prefix(start);
    }
    auto end = s.find('\x03');
    std::string_view code = s.substr(1, end == std::string_view::npos ? s.size() - 1 : end - 1);
    s.remove_prefix(end == std::string_view::npos ? s.size() : end + 1);
    xliff::code c;
    char kind = code.empty() ? 's' : code.front();
    c.type = kind == 'o'   ? xliff::code::kind::open
             : kind == 'c' ? xliff::code::kind::close
                           : xliff::code::kind::standalone;
    if (!code.empty()) code.remove_prefix(1);
    for (std::string* f : {&c.id, &c.original, &c.disp, &c.ctype}) {
      auto sep = code.find('\x02');
      *f = std::string(code.substr(0, sep));
      code.remove_prefix(sep == std::string_view::npos ? code.size() : sep + 1);
    }
    out.push_back({true, {}, std::move(c)});
  }
  return out;
}

void append_code_key(std::string& key, const xliff::code& c) {
  key += '\x01';
  key += c.type == xliff::code::kind::open ? 'o' : c.type == xliff::code::kind::close ? 'c' : 's';
  key += c.original;
  key += '\x03';
}

void lookup_tokens(const xliff::content& c, word_counter& words, std::string& out) {
  std::vector<std::string_view> tokens;
  for (const auto& p : c) {
    if (p.is_code) {
      append_code_key(out, *p.c);
      out += '\0';
      continue;
    }
    words.tokens(p.text, tokens);
    for (auto t : tokens) {
      out += t;
      out += '\0';
    }
  }
}

void append_content_key(std::string& key, const xliff::content& c) {
  for (const auto& p : c)
    if (p.is_code)
      append_code_key(key, *p.c);
    else
      key += p.text;
}

std::string tm_content_key(const xliff::content& c) {
  std::string key;
  append_content_key(key, c);
  return key;
}

std::string tm_pair_key(std::string_view source_locale, std::string_view target_locale, const xliff::content& source,
                        const xliff::content& target) {
  std::string key(source_locale);
  key += '\x1F';
  key += target_locale;
  key += '\x1F';
  key += tm_content_key(source);
  key += '\x1F';
  key += tm_content_key(target);
  return sha256_hex(key);
}

}  // namespace glossa::detail
