// Glossa's own messages (help, errors, report lines) in the user's language:
// gettext catalogs (locales/*.po, compiled to .mo at build time) read through
// Boost.Locale. Numbers in messages are formatted by glossa::formatter (ICU),
// not by Boost.Locale.
#pragma once
#include <string>
#include <vector>

namespace glossa::shell {

/// Picks the UI language: --ui-lang in argv, else LANGUAGE, LC_ALL, LC_MESSAGES,
/// LANG; one of ar, en, fr, es (anything else: en). Loads the catalog.
void init_messages(int argc, char** argv);
/// The UI language chosen ("ar", "en", "fr", "es").
const std::string& ui_language();

/// Translation of `msgid` (English text).
std::string tr(const char* msgid);
/// Translation of `msgid` into `lang` (ar, en, fr, es), whatever the process's
/// UI language: the server answers each request in its own language. Thread-safe.
std::string tr_in(const std::string& lang, const char* msgid);
/// Plural-aware translation; "{1}" in the result becomes `n`, formatted for the UI language.
std::string trn(const char* singular, const char* plural, long long n);
/// The plural form for `n` in `lang`, "{1}" left in place. Thread-safe.
std::string ntr_in(const std::string& lang, const char* singular, const char* plural, long long n);
/// Replaces {1}, {2}... in `pattern` with the arguments (numbers formatted for the UI language).
std::string fill(std::string pattern, const std::vector<std::string>& args);
template <class... A>
std::string fill(const std::string& pattern, const A&... args);

namespace detail_messages {
std::string number(long long n);
inline std::string arg(long long n) { return number(n); }
inline std::string arg(long n) { return number(n); }
inline std::string arg(unsigned long n) { return number(static_cast<long long>(n)); }
inline std::string arg(int n) { return number(n); }
inline std::string arg(const std::string& s) { return s; }
inline std::string arg(const char* s) { return s; }
}  // namespace detail_messages

template <class... A>
std::string fill(const std::string& pattern, const A&... args) {
  return fill(pattern, std::vector<std::string>{detail_messages::arg(args)...});
}

}  // namespace glossa::shell
