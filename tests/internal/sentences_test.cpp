#include "i18n/sentences.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace glossa::detail;

namespace {
std::vector<std::string> sentences(std::string_view locale, std::string_view text,
                                   const std::vector<std::pair<std::size_t, std::size_t>>& keep = {}) {
  std::vector<std::string> out;
  for (auto s : sentence_splitter(locale).split(text, keep)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}
using list = std::vector<std::string>;
}  // namespace

TEST(sentences, splits_at_sentence_ends_and_drops_the_space_between) {
  EXPECT_EQ(sentences("en", "We hire in four languages. Apply online!  Questions? Write to us."),
            (list{"We hire in four languages.", "Apply online!", "Questions?", "Write to us."}));
  EXPECT_EQ(sentences("en", "One sentence without a stop"), (list{"One sentence without a stop"}));
  EXPECT_TRUE(sentences("en", "   ").empty());
  EXPECT_TRUE(sentences("en", "").empty());
}

TEST(sentences, abbreviations_do_not_end_a_sentence) {
  EXPECT_EQ(sentences("en", "Bring documents, e.g. Your passport. Then sign."),
            (list{"Bring documents, e.g. Your passport.", "Then sign."}));
  EXPECT_EQ(sentences("en", "The post pays approx. USD 84,500. Apply by May."),
            (list{"The post pays approx. USD 84,500.", "Apply by May."}));
  EXPECT_EQ(sentences("fr", "M. Dupont dirige l'équipe. Il parle arabe."),
            (list{"M. Dupont dirige l'équipe.", "Il parle arabe."}));
  EXPECT_EQ(sentences("es", "El Sr. Pérez coordina la oficina. Habla francés."),
            (list{"El Sr. Pérez coordina la oficina.", "Habla francés."}));
  EXPECT_EQ(sentences("es-MX", "La Dra. Ruiz firma. Después, el equipo revisa."),
            (list{"La Dra. Ruiz firma.", "Después, el equipo revisa."}));
  EXPECT_EQ(sentences("ar", "يرأس د. أحمد الفريق. يتحدث الفرنسية."), (list{"يرأس د. أحمد الفريق.", "يتحدث الفرنسية."}));
  // Without the data file's exceptions (German has none of ours), ICU breaks after them.
  EXPECT_EQ(sentences("de", "Pay approx. USD 5. Bring documents, e.g. Your passport."),
            (list{"Pay approx.", "USD 5.", "Bring documents, e.g.", "Your passport."}));
  // Whole words only: a word ending in د before a full stop ends its sentence.
  EXPECT_EQ(sentences("ar", "وصل الوفد. بدأ الاجتماع."), (list{"وصل الوفد.", "بدأ الاجتماع."}));
}

TEST(sentences, arabic_question_mark_and_full_stop) {
  EXPECT_EQ(sentences("ar", "هل تتحدث العربية؟ نعم. شكراً!"), (list{"هل تتحدث العربية؟", "نعم.", "شكراً!"}));
}

TEST(sentences, no_break_inside_a_kept_range) {
  std::string text = "Read <b>the guide. Then</b> apply. Done.";
  auto open = text.find("<b>"), close = text.find("</b>") + 4;
  EXPECT_EQ(sentences("en", text), (list{"Read <b>the guide.", "Then</b> apply.", "Done."}));
  EXPECT_EQ(sentences("en", text, {{open, close}}), (list{"Read <b>the guide. Then</b> apply.", "Done."}));
}

TEST(sentences, offsets_are_bytes_of_the_utf8_text) {
  std::string text = "Émile a signé 𝔄. Ça marche.";  // a code point outside the BMP before the break
  auto spans = sentence_splitter("fr").split(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "Émile a signé 𝔄.");
  EXPECT_EQ(spans[1].end, text.size());
}

TEST(sentences, every_language_has_its_abbreviations) {
  for (const char* l : {"en", "fr", "es", "ar"}) EXPECT_FALSE(abbreviations_for(l).empty()) << l;
  EXPECT_FALSE(abbreviations_for("fr-CA").empty());
  EXPECT_TRUE(abbreviations_for("zz").empty());
}
