#include "i18n/values.hpp"

#include <unicode/messagepattern.h>
#include <unicode/parseerr.h>

#include <vector>

#include "core/error_at.hpp"
#include "core/rich_text.hpp"
#include "core/utf8.hpp"
#include "i18n/icu_util.hpp"
#include "i18n/message_ast.hpp"

namespace glossa::detail {

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

error bad(std::string msg) { return error(errc::invalid_value, std::move(msg)); }

// Characters of a run of rich-text text, an entity (&amp;) counting as one.
std::size_t visible_length(std::string_view raw) {
  std::string plain;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '&') {
      auto semi = raw.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        plain += '_';
        i = semi;
        continue;
      }
    }
    plain += raw[i];
  }
  return count_graphemes(plain);
}
}  // namespace

check_result check_date(std::string_view v) {
  int y = 0, m = 0, d = 0;
  if (v.size() != 10 || !digits(v, 0, 4, y) || v[4] != '-' || !digits(v, 5, 2, m) || v[7] != '-' || !digits(v, 8, 2, d))
    return bad("'" + std::string(v) + "' is not a date: write YYYY-MM-DD, e.g. 2026-12-15");
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap(y) ? 1 : 0))
    return bad("'" + std::string(v) + "' is not a calendar date");
  return std::nullopt;
}

check_result check_local_datetime(std::string_view v) {
  int h = 0, mi = 0, s = 0;
  if (v.size() != 19 || v[10] != 'T' || !digits(v, 11, 2, h) || v[13] != ':' || !digits(v, 14, 2, mi) || v[16] != ':' ||
      !digits(v, 17, 2, s))
    return bad("'" + std::string(v) +
               "' is not a local date-time: write YYYY-MM-DDTHH:MM:SS, e.g. 2026-12-15T17:00:00");
  if (auto p = check_date(v.substr(0, 10))) return p;
  if (h > 23 || mi > 59 || s > 59) return bad("'" + std::string(v) + "' has an impossible time of day");
  return std::nullopt;
}

check_result check_decimal(std::string_view v) {
  std::size_t i = 0;
  if (i < v.size() && v[i] == '-') ++i;
  std::size_t int_start = i;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  bool ok = i > int_start && i - int_start <= 18;
  if (ok && i < v.size() && v[i] == '.') {
    std::size_t frac = ++i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    ok = i > frac && i - frac <= 9;
  }
  if (!ok || i != v.size())
    return bad("'" + std::string(v) + "' is not a decimal amount: write e.g. \"84500\" or \"61230.50\"");
  return std::nullopt;
}

check_result check_currency(std::string_view v) {
  if (!is_iso_currency(v)) return bad("'" + std::string(v) + "' is not an ISO 4217 currency code (e.g. USD, EUR, CHF)");
  return std::nullopt;
}

check_result check_time_zone(std::string_view v) {
  if (!is_known_time_zone(v))
    return bad("'" + std::string(v) + "' is not an IANA time zone (e.g. Europe/Zurich, Asia/Amman)");
  return std::nullopt;
}

check_result check_message_syntax(std::string_view v) {
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe{};
  icu::MessagePattern pattern(to_icu(v), &pe, st);
  if (U_SUCCESS(st)) return std::nullopt;
  // pe.offset counts UTF-16 units; convert to a byte offset for the caller.
  icu::UnicodeString u = to_icu(v);
  std::string before = from_icu(u.tempSubString(0, pe.offset));
  return error_at(errc::invalid_value,
                  std::string("not a valid ICU message: ") + u_errorName(st) + " near character " +
                      std::to_string(count_code_points(before) + 1),
                  before.size());
}

check_result check_text(std::string_view text, const field_def& def) {
  if (auto off = find_invalid_utf8(text)) return error_at(errc::invalid_utf8, "text is not valid UTF-8", *off);
  if (auto off = find_control_character(text))
    return error_at(errc::control_character,
                    "text holds a control character (only tab, newline and carriage return are allowed)", *off);
  if (def.kind == field_kind::message) {
    if (auto p = check_message_syntax(text)) return p;
  }
  std::vector<rich_token> tokens;
  if (def.kind == field_kind::rich_text)
    if (auto p = tokenize_rich_text(text, tokens)) return p;
  if (def.max_length) {
    // Length is what a reader sees: user-perceived characters (grapheme
    // clusters), markup left out, and for a message the longest sentence it
    // can give (six Arabic plural forms must not count six times).
    std::size_t n = 0;
    if (def.kind == field_kind::message) {
      auto tree = parse_message(text);
      n = tree ? message_display_length(*tree) : count_graphemes(text);
    } else if (def.kind == field_kind::rich_text) {
      for (const auto& t : tokens)
        if (t.type == rich_token::kind::text) n += visible_length(t.raw);
    } else {
      n = count_graphemes(text);
    }
    if (n > *def.max_length)
      return error(errc::too_long,
                   std::string(def.kind == field_kind::message ? "the longest form of the message has " : "text has ") +
                       std::to_string(n) + " characters; field '" + def.name + "' allows " +
                       std::to_string(*def.max_length));
  }
  return std::nullopt;
}

}  // namespace glossa::detail

#include "glossa/locale.hpp"

namespace glossa::detail {

check_result check_canonical(std::string_view value, const field_def& def) {
  switch (def.kind) {
    case field_kind::text:
    case field_kind::rich_text:
    case field_kind::message:
      return check_text(value, def);
    case field_kind::date:
      return check_date(value);
    case field_kind::datetime: {
      auto dt = parse_datetime(value);
      if (!dt) return bad("'" + std::string(value) + "' is not a canonical date-time (YYYY-MM-DDTHH:MM:SS[Area/City])");
      if (auto p = check_local_datetime(dt->local)) return p;
      return check_time_zone(dt->time_zone);
    }
    case field_kind::number: {
      // Canonical numbers are JSON numbers.
      std::string_view v = value;
      std::size_t i = 0;
      if (i < v.size() && v[i] == '-') ++i;
      bool ok = i < v.size() && v.find_first_not_of("0123456789.eE+-", i) == std::string_view::npos && v[i] >= '0' &&
                v[i] <= '9';
      if (!ok) return bad("'" + std::string(value) + "' is not a number");
      return std::nullopt;
    }
    case field_kind::money: {
      auto m = parse_money(value);
      if (!m) return bad("'" + std::string(value) + "' is not a canonical amount (e.g. \"84500.00 CHF\")");
      if (auto p = check_decimal(m->amount)) return p;
      return check_currency(m->currency);
    }
    case field_kind::enumeration:
      for (const auto& allowed : def.values)
        if (allowed == value) return std::nullopt;
      return bad("'" + std::string(value) + "' is not a value of field '" + def.name + "'");
    case field_kind::locale_list:
      for (const auto& tag : split_locale_list(value)) {
        auto c = canonical_locale(tag);
        if (!c || *c != tag) return error(errc::invalid_locale, "'" + tag + "' is not a canonical locale tag");
      }
      return std::nullopt;
  }
  return bad("unknown field kind");
}

}  // namespace glossa::detail
