#include "engine/fuzzy_index.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>

namespace glossa::detail {

namespace {

// The distinct trigrams of `s`, each three symbols hashed to 32 bits (two
// trigrams sharing a hash only make the filter looser, never wrong).
std::vector<std::uint32_t> trigrams(std::u32string_view s) {
  std::vector<std::uint32_t> out;
  if (s.size() < 3) return out;
  out.reserve(s.size() - 2);
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  for (std::size_t i = 0; i + 2 < s.size(); ++i)
    out.push_back(static_cast<std::uint32_t>((((std::uint64_t(s[i]) * k + s[i + 1]) * k + s[i + 2]) * k) >> 32));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
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
  for (auto c : s) max_symbol_ = std::max(max_symbol_, c);
  ends_.push_back(symbols_.size());
  ids_.push_back(id);
  auto grams = trigrams(s);
  distinct_.push_back(static_cast<std::uint16_t>(std::min<std::size_t>(grams.size(), 0xFFFF)));
  for (auto gram : grams) pending_.push_back(std::uint64_t(gram) << 32 | number);
  if (by_length_.size() <= s.size()) by_length_.resize(s.size() + 1);
  by_length_[s.size()].push_back(number);
}

namespace {
// Sorts 64-bit values: four passes of a radix sort, 16 bits each.
void radix_sort(std::vector<std::uint64_t>& v) {
  std::vector<std::uint64_t> other(v.size());
  for (int shift : {0, 16, 32, 48}) {
    std::vector<std::size_t> at(65537, 0);
    for (auto x : v) ++at[((x >> shift) & 0xFFFF) + 1];
    for (std::size_t i = 1; i < at.size(); ++i) at[i] += at[i - 1];
    for (auto x : v) other[at[(x >> shift) & 0xFFFF]++] = x;
    v.swap(other);
  }
}
}  // namespace

// Numbers the sources by length (then in the order added), so that the
// sources of one length, and of a window of lengths, are a range of numbers:
// a look-up walks only the part of each posting list its window allows.
void fuzzy_index::renumber_by_length() {
  const std::size_t count = ids_.size();
  std::vector<std::uint32_t> by_length_order;  // new number -> number added
  by_length_order.reserve(count);
  first_of_length_.assign(by_length_.size() + 1, 0);
  for (std::size_t n = 0; n < by_length_.size(); ++n) {
    first_of_length_[n] = static_cast<std::uint32_t>(by_length_order.size());
    by_length_order.insert(by_length_order.end(), by_length_[n].begin(), by_length_[n].end());
  }
  first_of_length_.back() = static_cast<std::uint32_t>(count);
  std::vector<std::uint32_t> renumbered(count);  // number added -> new number
  for (std::size_t i = 0; i < count; ++i) renumbered[by_length_order[i]] = static_cast<std::uint32_t>(i);
  std::u32string symbols;
  symbols.reserve(symbols_.size());
  std::vector<std::uint64_t> ends;
  std::vector<std::uint32_t> ids;
  std::vector<std::uint16_t> distinct;
  ends.reserve(count);
  ids.reserve(count);
  distinct.reserve(count);
  for (auto added : by_length_order) {
    symbols.append(symbols_of(added));
    ends.push_back(symbols.size());
    ids.push_back(ids_[added]);
    distinct.push_back(distinct_[added]);
  }
  symbols_.swap(symbols);
  ends_.swap(ends);
  ids_.swap(ids);
  distinct_.swap(distinct);
  added_ = std::move(by_length_order);
  for (auto& l : by_length_)
    for (auto& number : l) number = renumbered[number];
  for (auto& packed : pending_) packed = (packed & ~std::uint64_t(0xFFFFFFFF)) | renumbered[std::uint32_t(packed)];
}

void fuzzy_index::finish() {
  renumber_by_length();
  radix_sort(pending_);  // by trigram, then number
  grams_.clear();
  starts_.clear();
  sources_.clear();
  sources_.reserve(pending_.size());
  for (auto packed : pending_) {
    auto gram = static_cast<std::uint32_t>(packed >> 32);
    auto number = static_cast<std::uint32_t>(packed);
    if (grams_.empty() || grams_.back() != gram) {
      grams_.push_back(gram);
      starts_.push_back(sources_.size());
    }
    sources_.push_back(number);
  }
  starts_.push_back(sources_.size());
  decltype(pending_)().swap(pending_);
  // About two trigrams per bucket of the directory (their hashes are uniform).
  directory_bits_ = std::clamp<int>(std::bit_width(grams_.size()) - 1, 1, 31);
  directory_.assign((std::size_t(1) << directory_bits_) + 1, 0);
  for (std::size_t b = 0, k = 0; b + 1 < directory_.size(); ++b) {
    while (k < grams_.size() && (grams_[k] >> (32 - directory_bits_)) < b) ++k;
    directory_[b] = static_cast<std::uint32_t>(k);
  }
  directory_.back() = static_cast<std::uint32_t>(grams_.size());
  for (auto& l : by_length_)
    std::stable_sort(l.begin(), l.end(), [&](std::uint32_t a, std::uint32_t b) { return distinct_[a] < distinct_[b]; });
}

std::u32string_view fuzzy_index::symbols_of(std::uint32_t number) const {
  std::size_t start = number ? ends_[number - 1] : 0;
  return std::u32string_view(symbols_).substr(start, ends_[number] - start);
}

// The fewest trigrams a source found through the postings must share with
// a query of `m` symbols and `g` distinct trigrams: over the lengths in the
// window, the least positive max(g, its distinct trigrams) - 3e (those whose
// bound is not positive are found by their length). SIZE_MAX when none.
std::size_t fuzzy_index::fewest_shared(std::size_t m, std::size_t g, std::size_t low, std::size_t high,
                                       double min_score) const {
  std::size_t fewest = SIZE_MAX;
  for (std::size_t n = low; n <= high; ++n) {
    const auto& list = by_length_[n];
    std::size_t most = 3 * edits_allowed(min_score, m, n);
    // distinct_ ascends along the list: the first with more than `most` has the least positive bound
    auto first = std::partition_point(list.begin(), list.end(), [&](std::uint32_t number) {
      return std::max<std::size_t>(g, distinct_[number]) <= most;
    });
    if (first != list.end()) fewest = std::min(fewest, std::max<std::size_t>(g, distinct_[*first]) - most);
  }
  return fewest;
}

// The sources that can score `min_score`, with the trigrams they share with
// the query. A source of length n within e edits of the query shares at
// least max(g, its distinct trigrams) - 3e of them: those with a positive
// bound are found through the postings; the others (short, or repetitive)
// by their length. A source that must share t trigrams shares one of the
// query's g - t + 1 rarest, so only those postings are walked (prefix
// filtering); the t - 1 most common ones are searched for the few found.
std::vector<fuzzy_index::candidate> fuzzy_index::candidates(std::u32string_view q,
                                                            const std::vector<std::uint32_t>& grams,
                                                            double min_score) const {
  const std::size_t m = q.size(), g = grams.size();
  const double s = min_score / 100;
  const auto low = static_cast<std::size_t>(std::ceil(double(m) * s - 1e-9));
  const auto high = std::min(by_length_.size() - 1, static_cast<std::size_t>(std::floor(double(m) / s + 1e-9)));
  if (low > high) return {};                              // no source has a length the threshold allows
  static thread_local std::vector<std::uint32_t> shared;  // per source; only the touched are reset
  static thread_local std::vector<std::uint32_t> touched;
  if (shared.size() < ids_.size()) shared.resize(ids_.size());
  touched.clear();
  std::vector<std::span<const std::uint32_t>> lists;  // the query's trigrams' postings, rarest first
  for (auto gram : grams) {
    std::size_t bucket = gram >> (32 - directory_bits_);
    auto first = grams_.begin() + directory_[bucket], last = grams_.begin() + directory_[bucket + 1];
    auto at = std::lower_bound(first, last, gram);
    if (at == last || *at != gram) continue;
    auto k = static_cast<std::size_t>(at - grams_.begin());
    // Only the sources of the window's lengths, a range of numbers in each list.
    std::span<const std::uint32_t> all(sources_.data() + starts_[k], starts_[k + 1] - starts_[k]);
    auto from = std::lower_bound(all.begin(), all.end(), first_of_length_[low]);
    auto to = std::lower_bound(from, all.end(), first_of_length_[high + 1]);
    lists.emplace_back(from, to);
  }
  std::sort(lists.begin(), lists.end(), [](auto a, auto b) { return a.size() < b.size(); });
  std::size_t fewest = fewest_shared(m, g, low, high, min_score);
  std::size_t walked = lists.size() - std::min(lists.size(), fewest == SIZE_MAX ? lists.size() : fewest - 1);
  for (std::size_t l = 0; l < walked; ++l)
    for (auto number : lists[l])
      if (shared[number]++ == 0) touched.push_back(number);
  // The rest of a source's count, from the common trigrams' postings (ascending).
  auto complete = [&](std::uint32_t number, std::size_t count) {
    for (std::size_t l = walked; l < lists.size(); ++l)
      count += std::binary_search(lists[l].begin(), lists[l].end(), number);
    return count;
  };
  auto needed = [&](std::uint32_t number, std::size_t n) -> std::size_t {
    std::size_t most = 3 * edits_allowed(min_score, m, n), have = std::max<std::size_t>(g, distinct_[number]);
    return have > most ? have - most : 0;
  };
  std::vector<candidate> out;
  for (auto number : touched) {
    std::size_t n = symbols_of(number).size(), need = n >= low && n <= high ? needed(number, n) : SIZE_MAX;
    if (need == SIZE_MAX || shared[number] + (lists.size() - walked) < need) continue;
    std::size_t count = complete(number, shared[number]);
    if (count >= need) out.push_back({number, static_cast<std::uint32_t>(count)});
  }
  for (std::size_t n = low; n <= high; ++n)
    for (auto number : by_length_[n]) {
      if (needed(number, n) > 0) break;  // the rest have more distinct trigrams
      if (shared[number] == 0) out.push_back({number, static_cast<std::uint32_t>(complete(number, 0))});
    }
  for (auto number : touched) shared[number] = 0;
  return out;
}

std::vector<fuzzy_index::match> fuzzy_index::find(std::u32string_view q, double min_score, std::size_t limit,
                                                  const std::function<double(std::uint32_t)>& tiebreak) const {
  const std::size_t m = q.size();
  if (m == 0 || ids_.empty() || limit == 0) return {};
  min_score = std::clamp(min_score, 1.0, 100.0);
  auto grams = trigrams(q);
  auto list = candidates(q, grams, min_score);
  std::sort(list.begin(), list.end(), [&](const candidate& a, const candidate& b) {
    return a.shared != b.shared ? a.shared > b.shared : added_[a.number] < added_[b.number];
  });
  // How many of each symbol the query has, for counting those a source shares.
  static thread_local std::vector<std::uint16_t> have_count;
  if (have_count.size() <= max_symbol_) have_count.resize(std::size_t(max_symbol_) + 1);
  for (auto c : q)
    if (c <= max_symbol_ && have_count[c] < 0xFFFF) ++have_count[c];
  std::vector<char32_t> taken;
  auto common = [&](std::u32string_view source) {
    std::size_t n = 0;
    taken.clear();
    for (auto c : source)
      if (c <= max_symbol_ && have_count[c] > 0) {
        --have_count[c];
        taken.push_back(c);
        ++n;
      }
    for (auto c : taken) ++have_count[c];
    return n;
  };
  struct found {
    std::uint32_t number;
    double score, second;
  };
  // By score, then number; the candidates tied with the last kept stay, for
  // the tie-break to order at the end (it is costly: asked only for ties).
  std::vector<found> best;
  for (const auto& c : list) {
    auto source = symbols_of(c.number);
    std::size_t n = source.size(), longer = std::max(m, n);
    double floor_score = best.size() >= limit ? std::max(min_score, best[limit - 1].score) : min_score;
    std::size_t bound = edits_allowed(floor_score, m, n);
    std::size_t have = std::max<std::size_t>(grams.size(), distinct_[c.number]);
    if (have > c.shared + 3 * bound) continue;      // too few shared trigrams for `bound` edits
    if (common(source) + bound < longer) continue;  // too few shared symbols
    std::size_t d = bounded_distance(q, source, bound);
    if (d > bound) continue;
    double score = 100.0 * (1.0 - double(d) / double(longer));
    if (score < floor_score) continue;
    found f{c.number, score, 0.0};
    auto at = std::upper_bound(best.begin(), best.end(), f, [&](const found& a, const found& b) {
      return a.score != b.score ? a.score > b.score : added_[a.number] < added_[b.number];
    });
    best.insert(at, f);
    while (best.size() > limit && best.back().score < best[limit - 1].score) best.pop_back();
  }
  for (auto c : q)
    if (c <= max_symbol_) have_count[c] = 0;
  if (tiebreak)
    for (std::size_t i = 0; i < best.size();) {
      std::size_t j = i + 1;
      while (j < best.size() && best[j].score == best[i].score) ++j;
      if (j - i > 1) {
        for (std::size_t k = i; k < j; ++k) best[k].second = tiebreak(ids_[best[k].number]);
        std::stable_sort(best.begin() + i, best.begin() + j,
                         [](const found& a, const found& b) { return a.second > b.second; });
      }
      i = j;
    }
  if (best.size() > limit) best.resize(limit);
  std::vector<match> out;
  out.reserve(best.size());
  for (const auto& f : best) out.push_back({ids_[f.number], f.score});
  return out;
}

std::size_t fuzzy_index::memory_bytes() const noexcept {
  std::size_t bytes = 4 * (symbols_.capacity() + ids_.capacity() + sources_.capacity() + grams_.capacity() +
                           directory_.capacity() + first_of_length_.capacity() + added_.capacity()) +
                      8 * (ends_.capacity() + starts_.capacity() + pending_.capacity()) + 2 * distinct_.capacity();
  for (const auto& l : by_length_) bytes += sizeof(l) + 4 * l.capacity();
  return bytes;
}

}  // namespace glossa::detail
