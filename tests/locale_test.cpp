#include <gtest/gtest.h>

#include <glossa/locale.hpp>

using namespace glossa;

TEST(locale, canonicalizes_well_formed_tags) {
  EXPECT_EQ(*canonical_locale("fr-ca"), "fr-CA");
  EXPECT_EQ(*canonical_locale("AR"), "ar");
  EXPECT_EQ(*canonical_locale("es-419"), "es-419");
  EXPECT_EQ(*canonical_locale("ar-EG"), "ar-EG");
  EXPECT_EQ(*canonical_locale("sr-Latn-RS"), "sr-Latn-RS");
  EXPECT_EQ(*canonical_locale("ar-SA-u-nu-latn"), "ar-SA-u-nu-latn");
}

TEST(locale, refuses_unknown_or_malformed_tags) {
  for (const char* bad : {"", "xx", "en_US", "english", "fr-", "-fr", "zz-ZZ", "en-QQ", "fr ca", "ar\xD9\xA1"}) {
    auto r = canonical_locale(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.err().code, errc::invalid_locale) << bad;
    EXPECT_NE(r.err().message.find("not a usable locale tag"), std::string::npos);
  }
  // A client's megabyte or terminal escapes are not echoed back whole.
  auto huge = canonical_locale(std::string(1 << 20, 'a'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.err().message,
            "'" + std::string(64, 'a') + "... (1048576 bytes)' is not a usable locale tag: longer than 64 characters");
  auto escape = canonical_locale("fr\x1B[2J");
  ASSERT_FALSE(escape);
  EXPECT_EQ(escape.err().message.find('\x1B'), std::string::npos);
  EXPECT_NE(escape.err().message.find("'fr?[2J'"), std::string::npos);
}

TEST(locale, language_and_default_chain) {
  EXPECT_EQ(language_of("ar-EG"), "ar");
  EXPECT_EQ(language_of("fr"), "fr");
  EXPECT_EQ(default_fallback_chain("fr-CA"), (std::vector<std::string>{"fr-CA", "fr", "en"}));
  EXPECT_EQ(default_fallback_chain("en-GB"), (std::vector<std::string>{"en-GB", "en"}));
  EXPECT_EQ(default_fallback_chain("ar", "fr"), (std::vector<std::string>{"ar", "fr"}));
  EXPECT_EQ(default_fallback_chain("en"), (std::vector<std::string>{"en"}));
}
