#include "glossa/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/sha256.hpp"
#include "glossa/terms.hpp"

namespace glossa {

namespace {
constexpr std::array<std::pair<field_kind, std::string_view>, 9> kind_names{{
    {field_kind::text, "text"},
    {field_kind::rich_text, "rich_text"},
    {field_kind::message, "message"},
    {field_kind::date, "date"},
    {field_kind::datetime, "datetime"},
    {field_kind::number, "number"},
    {field_kind::money, "money"},
    {field_kind::enumeration, "enum"},
    {field_kind::locale_list, "locale_list"},
}};
constexpr std::array<std::string_view, 4> state_names{"new", "translated", "reviewed", "final"};

template <class T>
const T* find_by_name(const std::vector<T>& items, std::string_view name) noexcept {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& i) { return i.name == name; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

std::string_view to_string(field_kind kind) noexcept {
  for (const auto& [k, n] : kind_names)
    if (k == kind) return n;
  return "text";
}

std::optional<field_kind> parse_field_kind(std::string_view name) noexcept {
  for (const auto& [k, n] : kind_names)
    if (n == name) return k;
  return std::nullopt;
}

bool is_textual(field_kind kind) noexcept {
  return kind == field_kind::text || kind == field_kind::rich_text || kind == field_kind::message;
}

std::string_view to_string(translation_state state) noexcept { return state_names[static_cast<std::size_t>(state)]; }

std::optional<translation_state> parse_translation_state(std::string_view name) noexcept {
  for (std::size_t i = 0; i < state_names.size(); ++i)
    if (state_names[i] == name) return static_cast<translation_state>(i);
  return std::nullopt;
}

const field_def* type_def::find(std::string_view field_name) const noexcept { return find_by_name(fields, field_name); }

const type_def* content_schema::find(std::string_view type_name) const noexcept {
  return find_by_name(types, type_name);
}

const translation* field::find(std::string_view locale) const noexcept {
  auto it =
      std::find_if(translations.begin(), translations.end(), [&](const translation& t) { return t.locale == locale; });
  return it == translations.end() ? nullptr : &*it;
}

const field* document::find(std::string_view field_name) const noexcept { return find_by_name(fields, field_name); }

std::string revision_of(std::string_view source_text) { return detail::sha256_hex(source_text).substr(0, 16); }

std::optional<money_value> parse_money(std::string_view canonical) {
  auto space = canonical.find(' ');
  if (space == std::string_view::npos || canonical.size() - space != 4) return std::nullopt;
  return money_value{std::string(canonical.substr(0, space)), std::string(canonical.substr(space + 1))};
}

std::optional<datetime_value> parse_datetime(std::string_view canonical) {
  auto open = canonical.find('[');
  if (open == std::string_view::npos || canonical.back() != ']') return std::nullopt;
  return datetime_value{std::string(canonical.substr(0, open)),
                        std::string(canonical.substr(open + 1, canonical.size() - open - 2))};
}

std::vector<std::string> split_locale_list(std::string_view canonical) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < canonical.size()) {
    auto comma = canonical.find(',', start);
    if (comma == std::string_view::npos) comma = canonical.size();
    out.emplace_back(canonical.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool is_valid_key(std::string_view key) noexcept {
  if (key.empty() || key.size() > 128) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(key.front())) return false;
  return std::all_of(key.begin(), key.end(), [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

}  // namespace glossa

namespace glossa {

namespace {
constexpr std::string_view term_status_names[] = {"preferred", "admitted", "forbidden"};
}

std::string_view to_string(term_status s) noexcept { return term_status_names[static_cast<std::size_t>(s)]; }

std::optional<term_status> parse_term_status(std::string_view name) noexcept {
  for (std::size_t i = 0; i < std::size(term_status_names); ++i)
    if (term_status_names[i] == name) return static_cast<term_status>(i);
  return std::nullopt;
}

}  // namespace glossa
