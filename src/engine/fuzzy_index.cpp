#include "engine/fuzzy_index.hpp"

#include <algorithm>
#include <cmath>

#include "core/utf8.hpp"

namespace glossa::detail {

namespace {

// The distinct trigrams of `s`, each three symbols hashed to 64 bits (two
// trigrams sharing a hash only make the filter looser, never wrong).
std::vector<std::uint64_t> trigrams(std::u32string_view s) {
  std::vector<std::uint64_t> out;
  if (s.size() < 3) return out;
  out.reserve(s.size() - 2);
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  for (std::size_t i = 0; i + 2 < s.size(); ++i)
    out.push_back(((std::uint64_t(s[i]) * k + s[i + 1]) * k + s[i + 2]) * k);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void put_varint(std::vector<std::uint8_t>& out, std::uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(v));
}

std::uint32_t get_varint(const std::uint8_t*& p) {
  std::uint32_t v = 0;
  for (int shift = 0;; shift += 7) {
    std::uint8_t b = *p++;
    v |= std::uint32_t(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
}

// The most edits a pair of lengths `a` and `b` may differ by and still score `score`.
std::size_t edits_allowed(double score, std::size_t a, std::size_t b) {
  return static_cast<std::size_t>(std::floor((1 - score / 100) * double(std::max(a, b)) + 1e-9));
}

}  // namespace

std::size_t bounded_distance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  if (a.size() > b.size()) std::swap(a, b);
  const std::size_t n = a.size(), m = b.size(), big = bound + 1;
  if (m - n > bound) return big;
  if (n == 0) return m;
  std::vector<std::size_t> prev(m + 1, big), cur(m + 1, big);
  for (std::size_t j = 0; j <= std::min(m, bound); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t lo = i > bound ? i - bound : 1, hi = std::min(m, i + bound);
    cur[lo - 1] = lo == 1 && i <= bound ? i : big;
    std::size_t row_min = cur[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      std::size_t v = std::min({prev[j - 1] + (a[i - 1] != b[j - 1]), prev[j] + 1, cur[j - 1] + 1});
      cur[j] = std::min(v, big);
      row_min = std::min(row_min, cur[j]);
    }
    if (hi < m) cur[hi + 1] = big;
    if (row_min > bound) return big;
    std::swap(prev, cur);
  }
  return std::min(prev[m], big);
}

double similarity(std::u32string_view a, std::u32string_view b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t longer = std::max(a.size(), b.size());
  return 100.0 * (1.0 - double(bounded_distance(a, b, longer)) / double(longer));
}

void fuzzy_index::add(std::u32string_view s, std::uint32_t id) {
  auto number = static_cast<std::uint32_t>(ids_.size());
  symbols_.append(s);
  ends_.push_back(symbols_.size());
  ids_.push_back(id);
  if (by_length_.size() <= s.size()) by_length_.resize(s.size() + 1);
  by_length_[s.size()].push_back(number);
  for (auto gram : trigrams(s)) {
    posting_list& p = postings_[gram];
    put_varint(p.bytes, p.count ? number - p.last : number);
    p.last = number;
    ++p.count;
  }
}

std::u32string_view fuzzy_index::symbols_of(std::uint32_t number) const {
  std::size_t start = number ? ends_[number - 1] : 0;
  return std::u32string_view(symbols_).substr(start, ends_[number] - start);
}

void fuzzy_index::count_shared(const std::vector<std::uint64_t>& grams, std::vector<std::uint32_t>& shared,
                               std::vector<std::uint32_t>& touched) const {
  for (auto gram : grams) {
    auto it = postings_.find(gram);
    if (it == postings_.end()) continue;
    const std::uint8_t* p = it->second.bytes.data();
    std::uint32_t number = 0;
    for (std::uint32_t k = 0; k < it->second.count; ++k) {
      number = k ? number + get_varint(p) : get_varint(p);
      if (shared[number]++ == 0) touched.push_back(number);
    }
  }
}

void fuzzy_index::scan_lengths(std::size_t low, std::size_t high, std::vector<candidate>& out) const {
  for (std::size_t n = low; n <= high && n < by_length_.size(); ++n)
    for (auto number : by_length_[n]) out.push_back({number, 0});
}

std::vector<fuzzy_index::match> fuzzy_index::find(std::u32string_view q, double min_score, std::size_t limit,
                                                  const std::function<double(std::uint32_t)>& tiebreak) const {
  const std::size_t m = q.size();
  if (m == 0 || ids_.empty() || limit == 0) return {};
  min_score = std::clamp(min_score, 1.0, 100.0);
  const double s = min_score / 100;
  const auto low = static_cast<std::size_t>(std::ceil(double(m) * s - 1e-9));
  const auto high = static_cast<std::size_t>(std::floor(double(m) / s + 1e-9));
  auto grams = trigrams(q);
  // Shares a candidate of length n must have: g - 3 * (edits allowed).
  auto needed = [&](std::size_t n) {
    std::size_t most = 3 * edits_allowed(min_score, m, n);
    return grams.size() > most ? grams.size() - most : 0;
  };
  std::vector<candidate> candidates;
  if (needed(high) == 0 || needed(low) == 0) {
    scan_lengths(low, high, candidates);  // a short query: every source of a length in the window
  } else {
    // Counted per source numbered 0..size-1; only the sources touched are reset.
    static thread_local std::vector<std::uint32_t> shared;
    static thread_local std::vector<std::uint32_t> touched;
    shared.assign(ids_.size(), 0);
    touched.clear();
    count_shared(grams, shared, touched);
    for (auto number : touched) {
      std::size_t n = symbols_of(number).size();
      if (n >= low && n <= high && shared[number] >= needed(n)) candidates.push_back({number, shared[number]});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const candidate& a, const candidate& b) {
    return a.shared != b.shared ? a.shared > b.shared : a.number < b.number;
  });
  struct found {
    std::uint32_t number;
    double score, second;
  };
  std::vector<found> best;  // by score, then number
  for (const auto& c : candidates) {
    std::size_t n = symbols_of(c.number).size(), longer = std::max(m, n);
    double floor_score = best.size() == limit ? std::max(min_score, best.back().score) : min_score;
    std::size_t bound = edits_allowed(floor_score, m, n);
    if (c.shared && grams.size() > c.shared && (grams.size() - c.shared + 2) / 3 > bound) continue;
    std::size_t d = bounded_distance(q, symbols_of(c.number), bound);
    if (d > bound) continue;
    double score = 100.0 * (1.0 - double(d) / double(longer));
    if (score < min_score) continue;
    found f{c.number, score, tiebreak ? tiebreak(ids_[c.number]) : 0.0};
    auto at = std::upper_bound(best.begin(), best.end(), f, [](const found& a, const found& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.second != b.second ? a.second > b.second : a.number < b.number;
    });
    best.insert(at, f);
    if (best.size() > limit) best.pop_back();
  }
  std::vector<match> out;
  out.reserve(best.size());
  for (const auto& f : best) out.push_back({ids_[f.number], f.score});
  return out;
}

std::size_t fuzzy_index::memory_bytes() const noexcept {
  std::size_t bytes = 4 * (symbols_.capacity() + ids_.capacity()) + 8 * ends_.capacity();
  for (const auto& [gram, p] : postings_) bytes += p.bytes.capacity() + sizeof(posting_list) + sizeof(gram) + 16;
  bytes += postings_.bucket_count() * sizeof(void*);
  for (const auto& l : by_length_) bytes += sizeof(l) + 4 * l.capacity();
  return bytes;
}

}  // namespace glossa::detail
