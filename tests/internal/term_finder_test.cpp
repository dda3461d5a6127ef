// Finding terms in inflected text: the forms docs/terminology.md promises,
// and the false hits it promises to avoid.
#include "i18n/term_finder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using glossa::detail::term_finder;

namespace {
// True when `term` (in a finder of `locale` holding `others` too) is found in `text`.
bool found(std::string_view locale, std::string_view term, std::string_view text,
           const std::vector<std::string>& others = {}, bool strict = false) {
  term_finder f(locale);
  std::size_t n = f.add(term, strict);
  for (const auto& o : others) f.add(o);
  auto hits = f.find(text);
  return std::find(hits.begin(), hits.end(), n) != hits.end();
}
}  // namespace

TEST(term_finder, compares_words_after_case_folding_and_nfc) {
  EXPECT_TRUE(found("en", "duty station", "The Duty Station is Nairobi."));
  EXPECT_TRUE(found("fr", "Lieu d'affectation", "lieu d\u2019affectation : Genève"));
  EXPECT_TRUE(found("fr", "d\u00e9l\u00e9gation", "Une de\u0301le\u0301gation arrive."));  // NFD text
  EXPECT_FALSE(found("en", "station", "stationery"));                                      // whole words only
  EXPECT_FALSE(found("en", "duty station", "duty, station"));                              // punctuation between
  EXPECT_TRUE(found("en", "duty station", "duty  station"));                               // spaces do not count
}

TEST(term_finder, separators_inside_a_term_and_its_punctuation_count) {
  EXPECT_TRUE(found("en", "Secretary-General", "a report of the Secretary-General."));
  EXPECT_FALSE(found("en", "Secretary-General", "the Secretary General"));
  EXPECT_TRUE(found("en", "COVID-19", "during COVID-19, offices closed"));
  EXPECT_TRUE(found("en", "C++", "Five years of C++ required"));
  EXPECT_FALSE(found("en", "C++", "Grade C applies"));
  EXPECT_FALSE(found("en", "C#", "Grade C applies"));
  EXPECT_TRUE(found("fr", "porte-parole", "Les porte-parole de l’OICTA"));
  EXPECT_TRUE(found("en", "e-mail", "Send an e-mail"));
}

TEST(term_finder, english_plurals_and_possessives) {
  EXPECT_TRUE(found("en", "job opening", "Two job openings close today."));
  EXPECT_TRUE(found("en", "vacancy", "All vacancies are published."));
  EXPECT_TRUE(found("en", "organization", "The organization's values"));
  EXPECT_TRUE(found("en", "box", "three boxes"));
  EXPECT_FALSE(found("en", "cat", "catnapping"));
  EXPECT_FALSE(found("en", "job opening", "jobs opening"));  // an English compound takes its plural at the end
}

TEST(term_finder, french_plurals_on_each_word_and_elision) {
  EXPECT_TRUE(found("fr", "raccourci clavier", "Les raccourcis clavier sont listés."));
  EXPECT_TRUE(found("fr", "avis de vacance", "Tous les avis de vacances"));
  EXPECT_TRUE(found("fr", "journal", "les journaux du jour"));
  EXPECT_TRUE(found("fr", "bureau", "nos bureaux"));
  EXPECT_TRUE(found("fr", "organisation", "Les valeurs de l\u2019organisation"));
  EXPECT_TRUE(found("fr", "organisation", "les valeurs de l'Organisation"));
  EXPECT_TRUE(found("fr", "engagement", "jusqu'engagement"));  // jusqu' is elided like l'
  EXPECT_FALSE(found("fr", "fichier", "enfichier"));
  EXPECT_FALSE(found("fr", "avis de vacance", "avis, de vacance"));
  EXPECT_FALSE(found("fr", "poste", "postes_vacants"));
}

TEST(term_finder, spanish_plurals_move_the_accent) {
  EXPECT_TRUE(found("es", "canci\u00f3n", "Dos canciones nuevas"));
  EXPECT_TRUE(found("es", "examen", "los ex\u00e1menes escritos"));
  EXPECT_TRUE(found("es", "luz", "las luces"));
  EXPECT_TRUE(found("es", "oficina regional", "las oficinas regionales"));
  EXPECT_TRUE(found("es", "puesto", "Puestos vacantes"));
  EXPECT_FALSE(found("es", "a\u00f1o", "ano"));  // no accent folding without a plural ending
  EXPECT_FALSE(found("es", "puesto", "puestazo"));
}

TEST(term_finder, arabic_behind_particles_and_article) {
  const std::string book = "\u0627\u0644\u0643\u062a\u0627\u0628";  // الكتاب
  EXPECT_TRUE(found("ar", book, "\u0627\u0644\u0643\u062a\u0627\u0628"));
  EXPECT_TRUE(found("ar", book, "\u0648\u0628\u0627\u0644\u0643\u062a\u0627\u0628"));  // وبالكتاب
  EXPECT_TRUE(found("ar", book, "\u0644\u0644\u0643\u062a\u0627\u0628"));              // للكتاب
  EXPECT_TRUE(found("ar", book, "\u0641\u0644\u0644\u0643\u062a\u0627\u0628"));        // فللكتاب
  EXPECT_TRUE(found("ar", book, "\u0643\u0627\u0644\u0643\u062a\u0627\u0628"));        // كالكتاب
  EXPECT_TRUE(found("ar", book, "\u0643\u062a\u0627\u0628"));                          // كتاب, no article
  EXPECT_TRUE(found("ar", book, "\u0627\u0644\u0643\u0650\u062a\u064e\u0627\u0628"));  // with harakat
  EXPECT_TRUE(found("ar", book, "\u0627\u0644\u0643\u062a\u0640\u0627\u0628"));        // with tatweel
  // أ إ آ read as ا: الإنسان written with a bare alef.
  EXPECT_TRUE(found("ar", "\u062d\u0642\u0648\u0642 \u0627\u0644\u0625\u0646\u0633\u0627\u0646",
                    "\u0648\u062d\u0642\u0648\u0642 \u0627\u0644\u0627\u0646\u0633\u0627\u0646"));  // وحقوق الانسان
  // الليل: ل + الليل is written لليل.
  EXPECT_TRUE(found("ar", "\u0627\u0644\u0644\u064a\u0644", "\u0644\u0644\u064a\u0644"));
  // Suffixes are not peeled: المستخدمين is not المستخدم.
  EXPECT_FALSE(found("ar", "\u0627\u0644\u0645\u0633\u062a\u062e\u062f\u0645",
                     "\u0627\u0644\u0645\u0633\u062a\u062e\u062f\u0645\u064a\u0646"));
  // A particle only before the term, not inside another word.
  EXPECT_FALSE(found("ar", book, "\u0645\u0627\u0644\u0643\u062a\u0627\u0628"));  // مالكتاب
}

TEST(term_finder, arabic_guards_against_false_hits) {
  // بحر (sea) is not ب + حر (free): the stem has fewer than three letters.
  EXPECT_FALSE(found("ar", "\u062d\u0631", "\u0628\u062d\u0631"));
  // ورد (rose) is not و + رد, nor وبحر و + ب + حر.
  EXPECT_FALSE(found("ar", "\u0631\u062f", "\u0648\u0631\u062f"));
  EXPECT_FALSE(found("ar", "\u062d\u0631", "\u0648\u0628\u062d\u0631"));
  // ... nor the first word of a term of several words: كمال عام is not ك + مال عام.
  EXPECT_FALSE(found("ar", "\u0645\u0627\u0644 \u0639\u0627\u0645", "\u0643\u0645\u0627\u0644 \u0639\u0627\u0645",
                     {"\u0643\u0645\u0627\u0644"}));
  // كمال (perfection) is a term of its own: not ك + مال (money).
  EXPECT_FALSE(found("ar", "\u0645\u0627\u0644", "\u0643\u0645\u0627\u0644", {"\u0643\u0645\u0627\u0644"}));
  EXPECT_TRUE(found("ar", "\u0645\u0627\u0644", "\u0643\u0645\u0627\u0644"));  // without it, the form is read
  // A strict (forbidden) term takes no bare particle, only forms with the article.
  const std::string office = "\u0645\u0643\u062a\u0628";  // مكتب
  EXPECT_TRUE(found("ar", office, "\u0628\u0645\u0643\u062a\u0628"));
  EXPECT_FALSE(found("ar", office, "\u0628\u0645\u0643\u062a\u0628", {}, true));
  EXPECT_TRUE(found("ar", office, "\u0628\u0627\u0644\u0645\u0643\u062a\u0628", {}, true));  // بالمكتب
}

TEST(term_finder, finds_several_terms_each_once) {
  term_finder f("en");
  auto a = f.add("job opening"), b = f.add("duty station"), c = f.add("Nairobi"), d = f.add("...");
  auto hits = f.find("Job openings: duty station Nairobi; other job openings in Nairobi.");
  EXPECT_EQ(hits, (std::vector<std::size_t>{a, b, c}));
  EXPECT_TRUE(f.find("...").empty()) << d;  // a term without a word is never found
  EXPECT_EQ(f.words("The Organization\u2019s OFFICES"), (std::vector<std::string>{"the", "organization", "offices"}));
}

// Many terms sharing a first word, on a text that repeats it: the look-up
// stops after max_candidates comparisons instead of trying them all at
// every word (20,000 terms x 25,000 words would be 500 million).
TEST(term_finder, a_hostile_termbase_and_text_stay_bounded) {
  term_finder f("en");
  for (int i = 0; i < 20000; ++i) f.add("the lands " + std::to_string(i));
  std::string text;
  for (int i = 0; i < 25000; ++i) text += "the ";
  text += "lands 7";
  auto hits = f.hits(text);
  EXPECT_LE(hits.size(), term_finder::max_candidates);
  EXPECT_TRUE(hits.empty());  // the bound is on work: the look-up stopped before "lands 7"
  term_finder g("en");
  g.add("the lands 7");
  EXPECT_EQ(g.find(text).size(), 1u);  // an ordinary termbase finds it on the same text
}
