#include "i18n/term_finder.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/utf8.hpp"
#include "i18n/icu_util.hpp"

namespace glossa::detail {

namespace {

enum class rules { other, english, french, spanish, arabic };

rules rules_for(std::string_view locale) {
  std::string_view lang = locale.substr(0, locale.find('-'));
  if (lang == "en") return rules::english;
  if (lang == "fr") return rules::french;
  if (lang == "es") return rules::spanish;
  if (lang == "ar") return rules::arabic;
  return rules::other;
}

// A word as compared: `w` normalised (NFC, case folded, Arabic marks and
// tatweel dropped, alef forms as ا, French elision and English possessive
// taken off); `f` the same without accents (the index's key).
struct word {
  std::string w, f;
  std::string sep;  // what comes between it and the word before, white space runs as one space
};

// A separator as compared: each run of white space one space.
std::string collapsed(std::string_view piece, std::string&& into) {
  for (std::size_t i = 0; i < piece.size();) {
    std::size_t at = i;
    if (u_isUWhiteSpace(static_cast<UChar32>(decode_utf8(piece, i)))) {
      if (into.empty() || into.back() != ' ') into += ' ';
    } else {
      into.append(piece.substr(at, i - at));
    }
  }
  return std::move(into);
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
std::size_t letters(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    decode_utf8(s, i);
    ++n;
  }
  return n;
}

// Arabic letters as UTF-8.
constexpr std::string_view waw = "\u0648", fa = "\u0641", ba = "\u0628", kaf = "\u0643", lam = "\u0644",
                           article = "\u0627\u0644", lam_lam = "\u0644\u0644";

icu::UnicodeString arabic_normalised(const icu::UnicodeString& u) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if ((c >= 0x064B && c <= 0x0652) || c == 0x0670 || c == 0x0640) continue;  // harakat, dagger alef, tatweel
    if (c == 0x0622 || c == 0x0623 || c == 0x0625) c = 0x0627;                 // آ أ إ -> ا
    out.append(c);
  }
  return out;
}

std::string without_accents(const icu::UnicodeString& u) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  if (U_FAILURE(st)) return from_icu(u);
  icu::UnicodeString d = nfd->normalize(u, st), out;
  if (U_FAILURE(st)) return from_icu(u);
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) out.append(c);
    i += U16_LENGTH(c);
  }
  st = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  return from_icu(U_SUCCESS(st) ? nfc->normalize(out, st) : out);
}

// French elision: an article or pronoun written into the next word.
std::string_view drop_elision(std::string_view w) {
  static constexpr std::string_view heads[] = {"jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "l", "d",
                                               "j",     "m",      "n",      "s",      "t",  "c"};
  for (auto h : heads) {
    if (!starts_with(w, h)) continue;
    std::string_view rest = w.substr(h.size());
    for (std::string_view apostrophe : {"'", "\u2019"})
      if (starts_with(rest, apostrophe) && rest.size() > apostrophe.size()) return rest.substr(apostrophe.size());
  }
  return w;
}

std::string_view drop_possessive(std::string_view w) {
  for (std::string_view s : {"'s", "\u2019s"})
    if (ends_with(w, s) && w.size() > s.size()) return w.substr(0, w.size() - s.size());
  return w;
}

word normalised(std::string_view token, rules r) {
  // Most words of most texts are ASCII: folded without ICU (the same result).
  if (std::all_of(token.begin(), token.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string w(token);
    for (auto& c : w) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (r == rules::french) w = std::string(drop_elision(w));
    if (r == rules::english) w = std::string(drop_possessive(w));
    std::string f = w;
    return {std::move(w), std::move(f), {}};
  }
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString u = to_icu(token);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  if (U_SUCCESS(st)) u = nfc->normalize(u, st);
  u.foldCase();
  u = arabic_normalised(u);
  std::string w = from_icu(u);
  if (r == rules::french) w = std::string(drop_elision(w));
  if (r == rules::english) w = std::string(drop_possessive(w));
  return {w, without_accents(to_icu(w)), {}};
}

// Latin plurals: `x` is `t` with a plural ending of the language.
bool plural_of(const word& t, const word& x, rules r) {
  const std::string& a = t.w;
  switch (r) {
    case rules::english:
      return x.w == a + "s" || x.w == a + "es" || (ends_with(a, "y") && x.w == a.substr(0, a.size() - 1) + "ies");
    case rules::french:
      return x.w == a + "s" || x.w == a + "x" || (ends_with(a, "al") && x.w == a.substr(0, a.size() - 2) + "aux");
    case rules::spanish:  // an ending moves the accent: the stem is compared without accents
      return x.f == t.f + "s" || x.f == t.f + "es" ||
             (ends_with(t.f, "z") && x.f == t.f.substr(0, t.f.size() - 1) + "ces");
    default:
      return false;
  }
}

// The written forms of the particles before an Arabic word: conjunction,
// preposition, article (ل + ال is written لل).
struct particles {
  std::string written;
  bool article = false;
};

const std::vector<particles>& arabic_particles() {
  static const std::vector<particles> all = [] {
    std::vector<particles> out;
    for (std::string_view conj : {std::string_view(), waw, fa})
      for (std::string_view prep : {std::string_view(), ba, kaf, lam})
        for (bool art : {false, true}) {
          if (conj.empty() && prep.empty() && !art) continue;
          std::string w(conj);
          if (art && prep == lam)
            w += lam_lam;
          else
            (w += prep) += art ? article : std::string_view();
          out.push_back({w, art});
        }
    return out;
  }();
  return all;
}

// `x` is the Arabic word `t` behind particles, or `t` without its article.
bool arabic_form_of(std::string_view t, std::string_view x, bool strict) {
  bool has_article = starts_with(t, article) && letters(t) > 3;
  std::string_view stem = has_article ? t.substr(article.size()) : t;
  if (has_article && x == stem) return true;
  if (x.size() <= stem.size() || !ends_with(x, stem)) return false;
  std::string_view head = x.substr(0, x.size() - stem.size());
  for (const auto& p : arabic_particles()) {
    if (p.written != head) continue;
    if (!p.article && letters(stem) < 3) continue;  // بحر is not ب + حر, nor وبحر و + ب + حر
    if (strict && !p.article) continue;
    return true;
  }
  return false;
}

// The keys under which a word's term may be indexed: the word, and the word
// without each ending or particle the language allows.
void candidate_keys(const word& x, rules r, std::vector<std::string>& out) {
  out.assign(1, x.f);
  const std::string& f = x.f;
  auto cut = [&](std::string_view end, std::string_view put) {
    if (ends_with(f, end) && f.size() > end.size())
      out.push_back(f.substr(0, f.size() - end.size()) + std::string(put));
  };
  if (r == rules::english || r == rules::french || r == rules::spanish) {
    cut("s", ""), cut("es", ""), cut("x", ""), cut("ies", "y"), cut("aux", "al"), cut("ces", "z");
    return;
  }
  if (r != rules::arabic) return;
  out.push_back(std::string(article) + f);
  for (const auto& p : arabic_particles())
    if (starts_with(f, p.written) && f.size() > p.written.size()) {
      std::string rest = f.substr(p.written.size());
      out.push_back(std::string(article) + rest);
      out.push_back(std::move(rest));
    }
}

}  // namespace

struct term_finder::impl {
  rules r = rules::other;
  std::unique_ptr<icu::BreakIterator> it;
  struct term_words {
    std::vector<word> words;
    std::string lead, tail;  // punctuation the term starts or ends with (".NET", "C++"), trimmed
    bool strict = false;
  };
  std::vector<term_words> terms;
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;  // first word's key -> terms
  std::unordered_set<std::string> single;                            // one-word terms, as compared

  // The words of `text`, each with the separator before it; `tail`: what follows the last.
  std::vector<word> split(std::string_view text, std::string* tail = nullptr) const {
    std::vector<word> out;
    std::string sep;
    if (it && !text.empty()) {
      UErrorCode st = U_ZERO_ERROR;
      UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &st);
      if (U_SUCCESS(st)) it->setText(ut, st);
      int32_t start = U_SUCCESS(st) ? it->first() : icu::BreakIterator::DONE;
      for (int32_t end = start == icu::BreakIterator::DONE ? start : it->next(); end != icu::BreakIterator::DONE;
           start = end, end = it->next()) {
        auto piece = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
        if (it->getRuleStatus() == UBRK_WORD_NONE) {
          sep = collapsed(piece, std::move(sep));
          continue;
        }
        out.push_back(normalised(piece, r));
        out.back().sep = std::exchange(sep, std::string());
      }
      utext_close(ut);
    }
    if (tail) *tail = std::move(sep);
    return out;
  }

  // `x` is the term's word `t` at place k of a term of n words.
  bool word_matches(const word& t, const word& x, std::size_t k, std::size_t n, bool strict) const {
    if (x.w == t.w) return true;
    if (k == 0 && single.count(x.w)) return false;  // the word is a term of its own
    if (r == rules::arabic) return k == 0 && arabic_form_of(t.w, x.w, strict);
    if (r == rules::english && k + 1 != n) return false;  // an English compound takes its plural at the end
    return plural_of(t, x, r);
  }

  // The term at text[at]: its words, the separators between them, and its
  // leading and trailing punctuation, if any.
  bool matches_at(const term_words& t, const std::vector<word>& text, const std::string& tail, std::size_t at) const {
    std::size_t n = t.words.size();
    if (at + n > text.size()) return false;
    for (std::size_t k = 0; k < n; ++k)
      if ((k > 0 && text[at + k].sep != t.words[k].sep) || !word_matches(t.words[k], text[at + k], k, n, t.strict))
        return false;
    if (!t.lead.empty() && !ends_with(trimmed(text[at].sep), t.lead)) return false;
    if (t.tail.empty()) return true;
    return starts_with(trimmed(at + n < text.size() ? std::string_view(text[at + n].sep) : std::string_view(tail)),
                       t.tail);
  }
};

term_finder::term_finder(std::string_view locale) : impl_(std::make_unique<impl>()) {
  impl_->r = rules_for(locale);
  impl_->it = word_break(locale);
}

term_finder::~term_finder() = default;
term_finder::term_finder(term_finder&&) noexcept = default;
term_finder& term_finder::operator=(term_finder&&) noexcept = default;

std::size_t term_finder::add(std::string_view term, bool strict) {
  std::size_t n = impl_->terms.size();
  auto& t = impl_->terms.emplace_back();
  std::string tail;
  t.words = impl_->split(term, &tail);
  t.strict = strict;
  if (t.words.empty()) return n;
  t.lead = std::string(trimmed(t.words.front().sep));
  t.tail = std::string(trimmed(tail));
  impl_->by_key[t.words.front().f].push_back(n);
  if (t.words.size() == 1) impl_->single.insert(t.words.front().w);
  return n;
}

std::vector<std::size_t> term_finder::find(std::string_view text) const {
  std::vector<std::size_t> found;
  for (const auto& h : hits(text)) found.push_back(h.term);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::vector<term_finder::hit> term_finder::hits(std::string_view text) const {
  std::vector<hit> found;
  if (impl_->terms.empty()) return found;
  std::string tail;
  std::vector<word> words = impl_->split(text, &tail);
  std::vector<std::string> keys;
  std::size_t tried = 0;  // candidates compared: a hostile termbase and text cannot make it quadratic
  for (std::size_t i = 0; i < words.size() && tried < max_candidates; ++i) {
    candidate_keys(words[i], impl_->r, keys);
    for (const auto& k : keys) {
      auto listed = impl_->by_key.find(k);
      if (listed == impl_->by_key.end()) continue;
      tried += listed->second.size();
      for (std::size_t n : listed->second)
        if (impl_->matches_at(impl_->terms[n], words, tail, i))
          found.push_back({n, i, i + impl_->terms[n].words.size()});
    }
  }
  return found;
}

std::vector<std::string> term_finder::words(std::string_view text) const {
  std::vector<std::string> out;
  for (auto& w : impl_->split(text)) out.push_back(std::move(w.w));
  return out;
}

}  // namespace glossa::detail
