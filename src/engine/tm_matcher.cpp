#include "engine/tm_matcher.hpp"

#include <cstring>

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

tm_matcher::tm_matcher(std::string source_locale) : language_(language_of(source_locale)), words_(source_locale) {}

// Each text part's tokens, and each code as one token of its own, keyed as
// tm_content_key keys it (never equal to a text token: no text holds U+0001).
std::u32string tm_matcher::symbols(const xliff::content& c, bool learn) {
  std::u32string out;
  char32_t unknown = 0xFFFFFFFF;  // a query's token no entry has: its own symbol, matching nothing held
  auto symbol = [&](std::string_view token) {
    auto it = dictionary_.find(token);
    if (it != dictionary_.end())
      out.push_back(it->second);
    else if (learn)
      out.push_back(
          dictionary_.emplace(std::string(token), static_cast<char32_t>(dictionary_.size() + 1)).first->second);
    else
      out.push_back(unknown--);
  };
  std::string code_key;
  for (const auto& p : c) {
    if (p.is_code) {
      code_key.clear();
      append_code_key(code_key, *p.c);
      symbol(code_key);
      continue;
    }
    words_.tokens(p.text, tokens_);
    for (auto t : tokens_) symbol(t);
  }
  return out;
}

bool tm_matcher::add(memory_entry&& e) {
  if (language_of(e.source_locale) != language_) return false;
  auto n = static_cast<std::uint32_t>(kept_.size());
  index_.add(symbols(e.source, true), n);
  kept_.push_back({arena_.size(), e.batch, e.level, e.state, e.stale});
  std::size_t before = arena_.size();
  append(arena_, encode_tm_text(e.source));
  append(arena_, encode_tm_text(e.target));
  text_bytes_ += arena_.size() - before - 8;
  for (const auto* f : {&e.document, &e.field, &e.author, &e.changed_at, &e.source_locale}) append(arena_, *f);
  return true;
}

std::vector<tm_matcher::found> tm_matcher::find(const xliff::content& query, double min_score, std::size_t limit,
                                                std::string_view variant) {
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
  for (const auto& m : index_.find(symbols(query, false), min_score, limit, second)) out.push_back({m.id, m.score});
  return out;
}

double tm_matcher::similarity(const xliff::content& a, const xliff::content& b) {
  return detail::similarity(symbols(a, true), symbols(b, true));  // learnt: a token new to both is one token
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
