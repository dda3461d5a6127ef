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

// One pass over the text; each method returns the first problem it finds.
class tokenizer {
 public:
  tokenizer(std::string_view text, std::vector<rich_token>& out) : t_(text), out_(out) { out_.clear(); }

  std::optional<error> run() {
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == '&') {
        std::size_t n = entity_length(t_, i_);
        if (n == 0) return problem("'&' must be written &amp; in rich text", i_);
        i_ += n;
      } else if (c == '>') {
        return problem("'>' must be written &gt; in rich text", i_);
      } else if (c != '<') {
        ++i_;
      } else if (auto p = tag()) {
        return p;
      }
    }
    flush_text(t_.size());
    if (!open_.empty()) return problem("<" + open_.back() + "> is never closed", t_.size());
    return std::nullopt;
  }

 private:
  void flush_text(std::size_t end) {
    if (end > text_start_)
      out_.push_back({rich_token::kind::text, t_.substr(text_start_, end - text_start_), {}, {}, text_start_});
  }

  bool at_space() const { return t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\t' || t_[i_] == '\r'; }

  // A tag from its '<' at i_.
  std::optional<error> tag() {
    flush_text(i_);
    std::size_t start = i_++;
    bool closing = i_ < t_.size() && t_[i_] == '/';
    if (closing) ++i_;
    std::string name;
    while (i_ < t_.size() && is_name_char(t_[i_])) name += lower(t_[i_++]);
    if (name.empty()) return problem("'<' must be written &lt; in rich text", start);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return problem("tag <" + name + "> is not allowed (allowed: p, br, b, strong, i, em, a, ul, ol, li)", start);
    rich_token tok;
    tok.name = name;
    tok.offset = start;
    bool self_closing = false;
    if (auto p = attributes(tok, closing, self_closing)) return p;
    tok.raw = t_.substr(start, i_ - start);
    if (auto p = nest(tok, closing, self_closing)) return p;
    out_.push_back(std::move(tok));
    text_start_ = i_;
    return std::nullopt;
  }

  // The attributes up to and including the tag's '>' or "/>".
  std::optional<error> attributes(rich_token& tok, bool closing, bool& self_closing) {
    const std::string& name = tok.name;
    for (;;) {
      while (i_ < t_.size() && at_space()) ++i_;
      if (i_ >= t_.size()) return problem("tag <" + name + "> is not closed with '>'", tok.offset);
      if (t_[i_] == '>') {
        ++i_;
        return std::nullopt;
      }
      if (t_[i_] == '/' && i_ + 1 < t_.size() && t_[i_ + 1] == '>') {
        self_closing = true;
        i_ += 2;
        return std::nullopt;
      }
      if (closing) return problem("closing tag </" + name + "> cannot have attributes", tok.offset);
      if (auto p = attribute(tok)) return p;
    }
  }

  // One attribute: only href, only on <a>, quoted and not empty.
  std::optional<error> attribute(rich_token& tok) {
    std::size_t attr_start = i_;
    std::string attr;
    while (i_ < t_.size() && (is_name_char(t_[i_]) || t_[i_] == '-')) attr += lower(t_[i_++]);
    if (attr.empty()) return problem("malformed attribute in <" + tok.name + ">", i_);
    if (i_ >= t_.size() || t_[i_] != '=') return problem("attribute '" + attr + "' needs a quoted value", i_);
    ++i_;
    if (i_ >= t_.size() || (t_[i_] != '"' && t_[i_] != '\''))
      return problem("attribute '" + attr + "' needs a quoted value", i_);
    char q = t_[i_++];
    std::size_t vstart = i_;
    while (i_ < t_.size() && t_[i_] != q) ++i_;
    if (i_ >= t_.size()) return problem("unterminated attribute value", vstart);
    std::string_view value = t_.substr(vstart, i_ - vstart);
    ++i_;
    if (tok.name != "a" || attr != "href")
      return problem("attribute '" + attr + "' is not allowed on <" + tok.name + "> (only href on <a>)", attr_start);
    if (value.empty()) return problem("empty href", vstart);
    tok.href = decode_attribute(value);
    return std::nullopt;
  }

  // The token's kind, and the open elements it opens or closes.
  std::optional<error> nest(rich_token& tok, bool closing, bool self_closing) {
    const std::string& name = tok.name;
    if (name == "br") {
      if (closing) return problem("</br> is not valid; write <br/>", tok.offset);
      tok.type = rich_token::kind::empty;
    } else if (self_closing) {
      return problem("<" + name + "/> cannot be empty-element; write <" + name + "></" + name + ">", tok.offset);
    } else if (closing) {
      if (open_.empty() || open_.back() != name)
        return problem(
            open_.empty() ? "</" + name + "> closes nothing" : "</" + name + "> closes <" + open_.back() + ">",
            tok.offset);
      open_.pop_back();
      tok.type = rich_token::kind::close;
    } else {
      if (name == "a" && tok.href.empty()) return problem("<a> needs an href", tok.offset);
      tok.type = rich_token::kind::open;
      open_.push_back(name);
    }
    return std::nullopt;
  }

  std::string_view t_;
  std::vector<rich_token>& out_;
  std::vector<std::string> open_;
  std::size_t i_ = 0, text_start_ = 0;
};

}  // namespace

std::optional<error> tokenize_rich_text(std::string_view t, std::vector<rich_token>& out) {
  return tokenizer(t, out).run();
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
