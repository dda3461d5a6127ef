// The fuzzy index (src/engine/fuzzy_index.hpp) against a brute-force scan:
// for every query, the same sources with the same scores, in the same order.
#include "engine/fuzzy_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.hpp"

using namespace glossa::detail;

namespace {

std::u32string u32(std::string_view s) {
  std::u32string out;
  for (std::size_t at = 0; at < s.size();) out.push_back(glossa::detail::decode_utf8(s, at));
  return out;
}

std::size_t plain_distance(std::u32string_view a, std::u32string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j - 1] + (a[i - 1] != b[j - 1]), prev[j] + 1, cur[j - 1] + 1});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Sentences of words (each word one symbol), and near copies of them.
struct corpus {
  std::mt19937 random{20261202};
  bool skewed = false;  // half the words from three, and a phrase many sentences share
  char32_t word() { return skewed && random() % 2 ? char32_t(1 + random() % 3) : char32_t(1 + random() % 40); }
  std::u32string sentence(std::size_t n) {
    std::u32string s = skewed && random() % 2 ? U"\x29\x2A\x2B\x2C" : U"";
    for (std::size_t i = 0; i < n; ++i) s += word();
    return s;
  }
  std::u32string mutate(std::u32string s) {  // a word replaced, dropped or added, up to three times
    for (int k = random() % 3; k >= 0; --k) {
      std::size_t at = random() % (s.size() + 1);
      switch (random() % 3) {
        case 0:
          s.insert(s.begin() + at, word());
          break;
        case 1:
          if (at < s.size()) s.erase(at, 1);
          break;
        default:
          if (at < s.size()) s[at] = word();
      }
    }
    return s;
  }
};

}  // namespace

TEST(fuzzy_index, bounded_distance_is_the_distance_up_to_its_bound) {
  corpus c;
  for (int k = 0; k < 300; ++k) {
    auto a = c.sentence(1 + c.random() % 30), b = c.mutate(c.sentence(1 + c.random() % 30));
    std::size_t d = plain_distance(a, b);
    for (std::size_t bound : {std::size_t(0), std::size_t(1), d / 2, d, d + 3, std::size_t(500)})
      EXPECT_EQ(bounded_distance(a, b, bound), std::min(d, bound + 1)) << k << " bound " << bound;
  }
  EXPECT_EQ(bounded_distance(U"", U"abc", 5), 3u);
  EXPECT_DOUBLE_EQ(similarity(u32("kitten"), u32("sitting")), 100.0 * (1 - 3.0 / 7));     // Translate Toolkit: 57.14
  EXPECT_DOUBLE_EQ(similarity(u32("قدّم طلبك"), u32("قدم طلبك")), 100.0 * (1 - 1.0 / 9));  // code points
  EXPECT_EQ(similarity(U"", U"a"), 0.0);
}

namespace {

void expect_what_a_scan_finds(corpus& c) {
  fuzzy_index index;
  std::vector<std::u32string> sources;
  for (std::uint32_t i = 0; i < 2000; ++i) {
    // Near copies of earlier sources, as job openings repeat themselves.
    auto s = i > 10 && i % 3 != 0 ? c.mutate(sources[c.random() % sources.size()]) : c.sentence(1 + c.random() % 30);
    sources.push_back(s);
    index.add(s, 1000 + i);
  }
  index.finish();
  // The tie-break: a second score per source (here: prefers odd ids).
  auto second = [](std::uint32_t id) { return double(id % 2); };
  std::size_t with_matches = 0, with_ties = 0;
  for (int k = 0; k < 200; ++k) {
    auto query = k % 3 ? c.mutate(sources[c.random() % sources.size()]) : c.sentence(1 + c.random() % 30);
    std::vector<double> scores(sources.size());
    for (std::uint32_t i = 0; i < sources.size(); ++i)  // 0 where the lengths alone rule 75 out
      if (4 * std::min(query.size(), sources[i].size()) >= 3 * std::max(query.size(), sources[i].size()))
        scores[i] = similarity(query, sources[i]);
    for (double threshold : {75.0, 90.0}) {
      struct scored {
        std::uint32_t id;
        double score, second;
      };
      std::vector<scored> want;
      for (std::uint32_t i = 0; i < sources.size(); ++i) {
        if (scores[i] >= threshold) want.push_back({1000 + i, scores[i], second(1000 + i)});
      }
      std::stable_sort(want.begin(), want.end(), [](const scored& a, const scored& b) {
        return a.score != b.score ? a.score > b.score : a.second > b.second;
      });
      // The best five, and the best one alone (where a tie at the cut must still be broken).
      for (std::size_t limit : {std::size_t(5), std::size_t(1)}) {
        auto top = want;
        if (top.size() > limit) top.resize(limit);
        auto got = index.find(query, threshold, limit, second);
        ASSERT_EQ(got.size(), top.size()) << k << " at " << threshold << " limit " << limit;
        for (std::size_t i = 0; i < got.size(); ++i) {
          EXPECT_EQ(got[i].id, top[i].id) << k << " #" << i << " limit " << limit;
          EXPECT_DOUBLE_EQ(got[i].score, top[i].score) << k << " #" << i;
        }
      }
      with_matches += !want.empty();
      with_ties += want.size() > 1 && want[0].score == want[1].score;
    }
  }
  EXPECT_GT(with_matches, 150u);  // the corpus gives the index something to find
  EXPECT_GT(with_ties, 8u);       // and ties to break
  EXPECT_TRUE(index.find(U"", 75, 5).empty());
  EXPECT_TRUE(index.find(U"abc", 75, 0).empty());
  EXPECT_GT(index.memory_bytes(), 0u);
}

}  // namespace

TEST(fuzzy_index, finds_what_a_scan_of_every_source_finds) {
  corpus c;
  expect_what_a_scan_finds(c);
}

// Trigrams most sources share, as "{ name }" or a standard phrase: their
// postings are not walked (prefix filtering) but searched for the candidates.
TEST(fuzzy_index, finds_what_a_scan_finds_among_common_trigrams) {
  corpus c;
  c.skewed = true;
  expect_what_a_scan_finds(c);
}
