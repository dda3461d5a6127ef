// locales/locales.json: the working locales, their fallback chains, digits
// and calendars.
#include <boost/json.hpp>

#include "core/json_input.hpp"
#include "glossa/format.hpp"
#include "glossa/locale.hpp"

namespace glossa {
namespace detail {
extern const std::string_view builtin_locales_json;  // generated from locales/locales.json
}

result<locale_config> locale_config::parse(std::string_view json_text, std::string_view file_name) {
  namespace json = boost::json;
  auto root = detail::parse_json(json_text, file_name);
  if (!root) return root.err();
  auto fail = [&](errc code, std::string pointer, std::string message) {
    return error(code, std::move(message), detail::locate(json_text, file_name, std::move(pointer)));
  };
  const json::object* top = root->if_object();
  if (!top) return fail(errc::invalid_content, "", "a locales file is an object with \"locales\"");
  if (auto f = top->if_contains("format"); !f || !f->is_string() || f->get_string() != "glossa-locales")
    return fail(errc::invalid_content, "/format", "\"format\" must be \"glossa-locales\"");
  locale_config config;
  if (auto d = top->if_contains("default")) {
    auto c = d->is_string() ? canonical_locale(d->get_string())
                            : result<std::string>(error(errc::invalid_locale, "not a string"));
    if (!c) return fail(errc::invalid_locale, "/default", "\"default\" must be a locale tag");
    config.default_locale = *c;
  }
  auto list = top->if_contains("locales");
  if (!list || !list->is_array() || list->get_array().empty())
    return fail(errc::invalid_content, "/locales", "\"locales\" must be a non-empty array");
  const auto& arr = list->get_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    std::string at = "/locales/" + std::to_string(i);
    const json::object* o = arr[i].if_object();
    if (!o) return fail(errc::invalid_content, at, "a locale is an object with \"tag\"");
    locale_settings s;
    auto tag = o->if_contains("tag");
    auto c = tag && tag->is_string() ? canonical_locale(tag->get_string())
                                     : result<std::string>(error(errc::invalid_locale, "missing"));
    if (!c) return fail(errc::invalid_locale, at + "/tag", "\"tag\" must be a BCP 47 locale tag");
    s.tag = *c;
    if (auto n = o->if_contains("name"); n && n->is_string()) s.name = n->get_string();
    if (auto cal = o->if_contains("calendar"); cal && cal->is_string()) s.calendar = cal->get_string();
    if (auto dg = o->if_contains("digits"); dg && dg->is_string()) s.digits = dg->get_string();
    if (auto fb = o->if_contains("fallback")) {
      if (!fb->is_array())
        return fail(errc::invalid_content, at + "/fallback", "\"fallback\" must be an array of tags");
      for (std::size_t j = 0; j < fb->get_array().size(); ++j) {
        const auto& v = fb->get_array()[j];
        auto fc =
            v.is_string() ? canonical_locale(v.get_string()) : result<std::string>(error(errc::invalid_locale, "x"));
        if (!fc)
          return fail(errc::invalid_locale, at + "/fallback/" + std::to_string(j),
                      "fallback entries must be locale tags");
        s.fallback.push_back(*fc);
      }
    }
    config.locales.push_back(std::move(s));
  }
  return config;
}

const locale_config& locale_config::builtin() {
  static const locale_config config = [] {
    auto parsed = parse(detail::builtin_locales_json, "locales.json");
    if (!parsed) throw std::logic_error("built-in locales are invalid: " + parsed.err().to_string());
    return std::move(parsed).value();
  }();
  return config;
}

const locale_settings* locale_config::find(std::string_view tag) const noexcept {
  for (const auto& s : locales)
    if (s.tag == tag) return &s;
  return nullptr;
}

std::vector<std::string> locale_config::chain(std::string_view tag) const {
  std::vector<std::string> out{std::string(tag)};
  auto add = [&](const std::string& t) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  // The tag's own settings, or its nearest configured parent's ("fr-BE" -> fr).
  std::string cur(tag);
  while (!cur.empty()) {
    if (const locale_settings* s = find(cur)) {
      add(s->tag);
      for (const auto& f : s->fallback) add(f);
      break;
    }
    auto dash = cur.rfind('-');
    cur = dash == std::string::npos ? std::string() : cur.substr(0, dash);
    if (!cur.empty()) add(cur);
  }
  add(default_locale);
  return out;
}

}  // namespace glossa
