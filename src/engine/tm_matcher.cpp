#include "engine/tm_matcher.hpp"

#include <cstring>
#include <map>

#include "core/utf8.hpp"
#include "glossa/locale.hpp"

namespace glossa::detail {

namespace {

std::u32string decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) out.push_back(decode_utf8(text, at));
  return out;
}

// A field of an entry: its length in four bytes, then its bytes (any byte
// may be in a field: an author's name is not checked for control characters).
void append(std::string& arena, std::string_view field) {
  auto n = static_cast<std::uint32_t>(field.size());
  arena.append(reinterpret_cast<const char*>(&n), 4);
  arena.append(field);
}

// The `k`th field of an entry packed at `at`.
std::string_view field_at(std::string_view arena, std::size_t at, int k) {
  for (;; --k) {
    std::uint32_t n = 0;
    std::memcpy(&n, arena.data() + at, 4);
    if (k == 0) return arena.substr(at + 4, n);
    at += 4 + n;
  }
}

// Calls `f` with each token of `tokens` (lookup_tokens: each followed by U+0000).
template <class F>
void for_each_token(std::string_view tokens, F&& f) {
  for (std::size_t at = 0; at < tokens.size();) {
    std::size_t end = tokens.find('\0', at);
    if (end == std::string_view::npos) end = tokens.size();
    f(tokens.substr(at, end - at));
    at = end + 1;
  }
}

}  // namespace

status check_match_bounds(double min_score, std::size_t limit) {
  if (!(min_score >= 1 && min_score <= 100))
    return error(errc::invalid_argument, "the lowest score must be between 1 and 100");
  if (limit < 1 || limit > 100) return error(errc::invalid_argument, "the limit must be between 1 and 100");
  return {};
}

std::string match_text(const xliff::content& c) {
  std::string out;
  for (const auto& p : c) {
    if (!p.is_code) {
      out += p.text;
      continue;
    }
    std::uint32_t h = 2166136261u ^ static_cast<std::uint32_t>(p.c->type);  // FNV-1a over kind and markup
    for (unsigned char ch : p.c->original) h = (h ^ ch) * 16777619u;
    append_utf8(out, 0xE000 + h % 0x1900);
  }
  return out;
}

std::string plain_text(const xliff::content& c) {
  std::string out;
  for (const auto& p : c) out += p.is_code ? p.c->original : p.text;
  return out;
}

tm_matcher::tm_matcher(std::string source_locale) : language_(language_of(source_locale)), words_(language_) {}

// The symbols of `tokens` (lookup_tokens): each token's number in the
// dictionary, which learns the new ones.
std::u32string tm_matcher::learn(std::string_view tokens) {
  std::u32string out;
  for_each_token(tokens, [&](std::string_view token) {
    auto it = dictionary_.find(token);
    if (it == dictionary_.end())
      it = dictionary_.emplace(std::string(token), static_cast<char32_t>(dictionary_.size() + 1)).first;
    out.push_back(it->second);
  });
  return out;
}

// The symbols of `c` for a look-up: a token the dictionary does not have
// gets a number of its own from `unknown` (the same token the same number),
// matching nothing held. Reads the dictionary only: look-ups may run on
// several threads at once.
std::u32string tm_matcher::symbols(const xliff::content& c, unknown_tokens& unknown) const {
  thread_local std::map<std::string, word_counter> counters;  // ICU's word break, one per thread and locale
  auto counter = counters.find(language_);
  if (counter == counters.end()) counter = counters.try_emplace(language_, language_).first;
  std::string tokens;
  lookup_tokens(c, counter->second, tokens);
  std::u32string out;
  for_each_token(tokens, [&](std::string_view token) {
    if (auto it = dictionary_.find(token); it != dictionary_.end())
      out.push_back(it->second);
    else
      out.push_back(unknown.try_emplace(std::string(token), char32_t(0xFFFFFFFF - unknown.size())).first->second);
  });
  return out;
}

bool tm_matcher::add(memory_entry&& e) {
  if (language_of(e.source_locale) != language_) return false;
  auto n = static_cast<std::uint32_t>(kept_.size());
  if (e.tokens.empty()) lookup_tokens(e.source, words_, e.tokens);
  index_.add(learn(e.tokens), n);
  kept_.push_back({arena_.size(), e.batch, e.level, e.state, e.stale});
  std::size_t before = arena_.size();
  append(arena_, encode_tm_text(e.source));
  append(arena_, encode_tm_text(e.target));
  text_bytes_ += arena_.size() - before - 8;
  for (const auto* f : {&e.document, &e.field, &e.author, &e.changed_at, &e.source_locale}) append(arena_, *f);
  return true;
}

std::vector<tm_matcher::found> tm_matcher::find(const xliff::content& query, double min_score, std::size_t limit,
                                                std::string_view variant) const {
  std::u32string chars = decode(match_text(query));
  auto second = [&](std::uint32_t n) {
    double same = 0;  // a plural form's own translation first: "#" is "# posts" in five Arabic forms
    if (!variant.empty()) {
      std::string_view field = field_at(arena_, kept_[n].offset, 3);
      same = field.size() >= variant.size() && field.substr(field.size() - variant.size()) == variant ? 1000 : 0;
    }
    return same + detail::similarity(chars, decode(match_text(decode_tm_text(field_at(arena_, kept_[n].offset, 0)))));
  };
  std::vector<found> out;
  unknown_tokens unknown;
  for (const auto& m : index_.find(symbols(query, unknown), min_score, limit, second)) out.push_back({m.id, m.score});
  return out;
}

double tm_matcher::similarity(const xliff::content& a, const xliff::content& b) const {
  unknown_tokens unknown;  // shared: a token new to both is one token
  auto sa = symbols(a, unknown);
  return detail::similarity(sa, symbols(b, unknown));
}

memory_entry tm_matcher::entry(std::uint32_t n) const {
  const kept& k = kept_[n];
  memory_entry e;
  e.source = decode_tm_text(field_at(arena_, k.offset, 0));
  e.target = decode_tm_text(field_at(arena_, k.offset, 1));
  e.document = field_at(arena_, k.offset, 2);
  e.field = field_at(arena_, k.offset, 3);
  e.author = field_at(arena_, k.offset, 4);
  e.changed_at = field_at(arena_, k.offset, 5);
  e.source_locale = field_at(arena_, k.offset, 6);
  e.level = k.level;
  e.state = k.state;
  e.stale = k.stale;
  e.batch = k.batch;
  return e;
}

std::size_t tm_matcher::index_bytes() const noexcept {
  std::size_t bytes = index_.memory_bytes();
  for (const auto& [token, id] : dictionary_) bytes += sizeof(token) + token.capacity() + sizeof(id) + 16;
  return bytes + dictionary_.bucket_count() * sizeof(void*);
}

}  // namespace glossa::detail
