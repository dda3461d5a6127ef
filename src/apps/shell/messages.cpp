#include "apps/shell/messages.hpp"

#include <unistd.h>

#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <locale>
#include <map>
#include <mutex>
#include <optional>

#include "glossa/format.hpp"

namespace glossa::shell {

namespace {
struct state {
  std::string lang = "en";
  std::locale loc = std::locale::classic();
  bool loaded = false;
};
state& current() {
  static state s;
  return s;
}

std::string pick_language(int argc, char** argv) {
  std::string wanted;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--ui-lang" && i + 1 < argc)
      wanted = argv[i + 1];
    else if (a.rfind("--ui-lang=", 0) == 0)
      wanted = a.substr(10);
  }
  if (wanted.empty()) {
    for (const char* var : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
      const char* v = std::getenv(var);
      if (v && *v) {
        wanted = v;
        if (auto colon = wanted.find(':'); colon != std::string::npos) wanted.resize(colon);  // LANGUAGE=fr:en
        break;
      }
    }
  }
  std::string lang = wanted.substr(0, wanted.find_first_of("_-.@"));
  for (auto& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lang == "ar" || lang == "fr" || lang == "es" ? lang : "en";
}

// Compiled catalogs: $GLOSSA_LOCALEDIR, else beside the executable (build
// tree), else <prefix>/share/locale (installed).
std::vector<std::string> catalog_dirs() {
  std::vector<std::string> dirs;
  if (const char* d = std::getenv("GLOSSA_LOCALEDIR")) dirs.emplace_back(d);
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back((exe.parent_path() / "locale").string());
    dirs.push_back((exe.parent_path().parent_path() / "share" / "locale").string());
  }
  return dirs;
}
}  // namespace

void init_messages(int argc, char** argv) {
  state& s = current();
  s.lang = pick_language(argc, argv);
  if (s.lang == "en") return;
  boost::locale::generator gen;
  for (const auto& d : catalog_dirs()) gen.add_messages_path(d);
  gen.add_messages_domain("glossa");
  try {
    s.loc = gen(s.lang + ".UTF-8");
    s.loaded = true;
  } catch (const std::exception&) {
    s.lang = "en";  // no catalog backend: English, the source language
  }
}

const std::string& ui_language() { return current().lang; }

namespace {
// The generated locale of a catalog language (ar, fr, es), made once per
// language (std::locale is safe to share); nullptr when there is none.
const std::locale* catalog_locale(const std::string& lang) {
  if (lang != "ar" && lang != "fr" && lang != "es") return nullptr;
  // One generated locale per language, made once (std::locale is safe to share).
  static std::mutex m;
  static std::map<std::string, std::optional<std::locale>> cache;
  const std::optional<std::locale>* loc = nullptr;
  {
    std::lock_guard<std::mutex> lock(m);
    auto it = cache.find(lang);
    if (it == cache.end()) {
      std::optional<std::locale> made;
      try {
        boost::locale::generator gen;
        for (const auto& d : catalog_dirs()) gen.add_messages_path(d);
        gen.add_messages_domain("glossa");
        made = gen(lang + ".UTF-8");
      } catch (const std::exception&) {
      }
      it = cache.emplace(lang, std::move(made)).first;
    }
    loc = &it->second;
  }
  return *loc ? &**loc : nullptr;
}
}  // namespace

std::string tr_in(const std::string& lang, const char* msgid) {
  if (lang == current().lang) return tr(msgid);
  const std::locale* loc = catalog_locale(lang);
  return loc ? boost::locale::gettext(msgid, *loc) : std::string(msgid);
}

std::string ntr_in(const std::string& lang, const char* singular, const char* plural, long long n) {
  const std::locale* loc = lang == current().lang && current().loaded ? &current().loc : catalog_locale(lang);
  return loc ? boost::locale::ngettext(singular, plural, n, *loc) : std::string(n == 1 ? singular : plural);
}

std::string tr(const char* msgid) {
  const state& s = current();
  if (!s.loaded) return msgid;
  return boost::locale::gettext(msgid, s.loc);
}

std::string trn(const char* singular, const char* plural, long long n) {
  const state& s = current();
  std::string text = s.loaded ? boost::locale::ngettext(singular, plural, n, s.loc) : (n == 1 ? singular : plural);
  return fill(text, std::vector<std::string>{detail_messages::number(n)});
}

std::string fill(std::string pattern, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string key = "{" + std::to_string(i + 1) + "}";
    for (auto pos = pattern.find(key); pos != std::string::npos; pos = pattern.find(key, pos + args[i].size()))
      pattern.replace(pos, key.size(), args[i]);
  }
  return pattern;
}

namespace detail_messages {
std::string number(long long n) {
  auto f = formatter::for_locale(current().lang);
  if (!f) return std::to_string(n);
  auto r = (*f)->number(std::to_string(n));
  return r ? *r : std::to_string(n);
}
}  // namespace detail_messages

}  // namespace glossa::shell
