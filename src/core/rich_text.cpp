#include "core/rich_text.hpp"

#include <algorithm>
#include <array>

#include "core/error_at.hpp"
#include "core/utf8.hpp"

namespace glossa::detail {

namespace {

error problem(std::string message, std::size_t at) { return error_at(errc::invalid_value, std::move(message), at); }
constexpr std::array<std::string_view, 10> allowed{"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li"};

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of a valid character reference at text[i] ('&'), or 0.
std::size_t entity_length(std::string_view t, std::size_t i) {
  static constexpr std::array<std::string_view, 5> named{"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
  for (auto n : named)
    if (t.substr(i, n.size()) == n) return n.size();
  if (t.substr(i, 2) == "&#") {
    std::size_t j = i + 2;
    bool hex = j < t.size() && (t[j] == 'x' || t[j] == 'X');
    if (hex) ++j;
    std::size_t digits = 0;
    while (j < t.size() && digits < 8 &&
           ((t[j] >= '0' && t[j] <= '9') || (hex && ((t[j] >= 'a' && t[j] <= 'f') || (t[j] >= 'A' && t[j] <= 'F'))))) {
      ++j;
      ++digits;
    }
    if (digits > 0 && j < t.size() && t[j] == ';') return j + 1 - i;
  }
  return 0;
}

std::string decode_attribute(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '&') {
      if (v.substr(i, 5) == "&amp;") {
        out += '&';
        i += 4;
        continue;
      }
      if (v.substr(i, 6) == "&quot;") {
        out += '"';
        i += 5;
        continue;
      }
      if (v.substr(i, 4) == "&lt;") {
        out += '<';
        i += 3;
        continue;
      }
      if (v.substr(i, 4) == "&gt;") {
        out += '>';
        i += 3;
        continue;
      }
    }
    out += v[i];
  }
  return out;
}
}  // namespace

std::optional<error> tokenize_rich_text(std::string_view t, std::vector<rich_token>& out) {
  out.clear();
  std::vector<std::string> open;
  std::size_t i = 0, text_start = 0;
  auto flush_text = [&](std::size_t end) {
    if (end > text_start)
      out.push_back({rich_token::kind::text, t.substr(text_start, end - text_start), {}, {}, text_start});
  };
  while (i < t.size()) {
    char c = t[i];
    if (c == '&') {
      std::size_t n = entity_length(t, i);
      if (n == 0) return problem("'&' must be written &amp; in rich text", i);
      i += n;
      continue;
    }
    if (c == '>') return problem("'>' must be written &gt; in rich text", i);
    if (c != '<') {
      ++i;
      continue;
    }

    flush_text(i);
    std::size_t start = i++;
    bool closing = i < t.size() && t[i] == '/';
    if (closing) ++i;
    std::string name;
    while (i < t.size() && is_name_char(t[i])) name += lower(t[i++]);
    if (name.empty()) return problem("'<' must be written &lt; in rich text", start);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return problem("tag <" + name + "> is not allowed (allowed: p, br, b, strong, i, em, a, ul, ol, li)", start);

    rich_token tok;
    tok.name = name;
    tok.offset = start;
    bool self_closing = false;
    // Attributes.
    while (true) {
      while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r')) ++i;
      if (i >= t.size()) return problem("tag <" + name + "> is not closed with '>'", start);
      if (t[i] == '>') {
        ++i;
        break;
      }
      if (t[i] == '/' && i + 1 < t.size() && t[i + 1] == '>') {
        self_closing = true;
        i += 2;
        break;
      }
      if (closing) return problem("closing tag </" + name + "> cannot have attributes", start);
      std::size_t attr_start = i;
      std::string attr;
      while (i < t.size() && (is_name_char(t[i]) || t[i] == '-')) attr += lower(t[i++]);
      if (attr.empty()) return problem("malformed attribute in <" + name + ">", i);
      if (i >= t.size() || t[i] != '=') return problem("attribute '" + attr + "' needs a quoted value", i);
      ++i;
      if (i >= t.size() || (t[i] != '"' && t[i] != '\''))
        return problem("attribute '" + attr + "' needs a quoted value", i);
      char q = t[i++];
      std::size_t vstart = i;
      while (i < t.size() && t[i] != q) ++i;
      if (i >= t.size()) return problem("unterminated attribute value", vstart);
      std::string_view value = t.substr(vstart, i - vstart);
      ++i;
      if (name != "a" || attr != "href")
        return problem("attribute '" + attr + "' is not allowed on <" + name + "> (only href on <a>)", attr_start);
      if (value.empty()) return problem("empty href", vstart);
      tok.href = decode_attribute(value);
    }
    tok.raw = t.substr(start, i - start);
    if (name == "br") {
      if (closing) return problem("</br> is not valid; write <br/>", start);
      tok.type = rich_token::kind::empty;
    } else if (self_closing) {
      return problem("<" + name + "/> cannot be empty-element; write <" + name + "></" + name + ">", start);
    } else if (closing) {
      if (open.empty() || open.back() != name)
        return problem(open.empty() ? "</" + name + "> closes nothing" : "</" + name + "> closes <" + open.back() + ">",
                       start);
      open.pop_back();
      tok.type = rich_token::kind::close;
    } else {
      if (name == "a" && tok.href.empty()) return problem("<a> needs an href", start);
      tok.type = rich_token::kind::open;
      open.push_back(name);
    }
    out.push_back(std::move(tok));
    text_start = i;
  }
  flush_text(t.size());
  if (!open.empty()) return problem("<" + open.back() + "> is never closed", t.size());
  return std::nullopt;
}

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    // Runs without '&' are copied whole.
    auto amp = s.find('&', i);
    if (amp == std::string_view::npos) amp = s.size();
    out.append(s.data() + i, amp - i);
    i = amp;
    if (i == s.size()) break;
    auto semi = s.find(';', i);
    std::string_view ent = s.substr(i, semi == std::string_view::npos ? 0 : semi - i + 1);
    if (ent == "&amp;")
      out += '&';
    else if (ent == "&lt;")
      out += '<';
    else if (ent == "&gt;")
      out += '>';
    else if (ent == "&quot;")
      out += '"';
    else if (ent == "&apos;")
      out += '\'';
    else if (ent.size() > 3 && ent[1] == '#') {
      bool hex = ent[2] == 'x' || ent[2] == 'X';
      unsigned long cp =
          std::stoul(std::string(ent.substr(hex ? 3 : 2, ent.size() - (hex ? 4 : 3))), nullptr, hex ? 16 : 10);
      detail::append_utf8(out, static_cast<char32_t>(cp));
    } else {
      out += '&';
      ++i;
      continue;
    }
    i += ent.size();
  }
  return out;
}

}  // namespace glossa::detail
