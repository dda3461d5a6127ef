#include "core/json_locate.hpp"

#include <set>
#include <vector>

namespace glossa::detail {

namespace {

class scanner {
 public:
  explicit scanner(std::string_view t) : t_(t) {}
  std::size_t pos = 0;

  void ws() {
    while (pos < t_.size() && (t_[pos] == ' ' || t_[pos] == '\n' || t_[pos] == '\r' || t_[pos] == '\t')) ++pos;
  }
  bool eat(char c) {
    ws();
    if (pos < t_.size() && t_[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  char peek() {
    ws();
    return pos < t_.size() ? t_[pos] : '\0';
  }

  // Reads a string at pos (which must be '"'), returning it unescaped enough
  // for key comparison (\uXXXX kept verbatim; keys we look for are ASCII).
  std::string string() {
    std::string out;
    ++pos;
    while (pos < t_.size() && t_[pos] != '"') {
      if (t_[pos] == '\\' && pos + 1 < t_.size()) {
        char e = t_[pos + 1];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'u':
            out += "\\u";
            break;
          default:
            out += e;
        }
        pos += 2;
      } else {
        out += t_[pos++];
      }
    }
    ++pos;
    return out;
  }

  // Walks one value, recording the first duplicate member name of any object.
  void check_value(std::optional<duplicate_key>& found) {
    char c = peek();
    if (c == '{') {
      ++pos;
      std::set<std::string> names;
      if (eat('}')) return;
      do {
        ws();
        std::size_t at = pos;
        std::string key = string();
        if (!names.insert(key).second && !found) found = duplicate_key{at, key};
        eat(':');
        check_value(found);
      } while (!found && eat(','));
      eat('}');
    } else if (c == '[') {
      ++pos;
      if (eat(']')) return;
      do check_value(found);
      while (!found && eat(','));
      eat(']');
    } else {
      skip_value();
    }
  }

  void skip_value() {
    char c = peek();
    if (c == '"') {
      string();
      return;
    }
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++pos;
      if (eat(close)) return;
      do {
        if (c == '{') {
          ws();
          string();
          eat(':');
        }
        skip_value();
      } while (eat(','));
      eat(close);
      return;
    }
    while (pos < t_.size() && t_[pos] != ',' && t_[pos] != '}' && t_[pos] != ']' && t_[pos] != ' ' && t_[pos] != '\n' &&
           t_[pos] != '\r' && t_[pos] != '\t')
      ++pos;
  }

 private:
  std::string_view t_;
};

std::vector<std::string> split_pointer(std::string_view p) {
  std::vector<std::string> out;
  if (p.empty()) return out;
  std::size_t i = p[0] == '/' ? 1 : 0;
  std::string cur;
  for (; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    if (p[i] == '~' && i + 1 < p.size()) {
      cur += p[i + 1] == '1' ? '/' : '~';
      ++i;
      continue;
    }
    cur += p[i];
  }
  return out;
}

}  // namespace

std::size_t json_locate(std::string_view text, std::string_view pointer) noexcept {
  try {
    scanner s(text);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") s.pos = 3;
    s.ws();
    std::size_t found = s.pos;
    for (const std::string& token : split_pointer(pointer)) {
      char c = s.peek();
      bool hit = false;
      if (c == '{') {
        ++s.pos;
        if (s.eat('}')) return found;
        do {
          s.ws();
          std::string key = s.string();
          s.eat(':');
          if (key == token) {
            s.ws();
            found = s.pos;
            hit = true;
            break;
          }
          s.skip_value();
        } while (s.eat(','));
      } else if (c == '[') {
        std::size_t want = 0;
        for (char d : token) {
          if (d < '0' || d > '9') return found;
          want = want * 10 + static_cast<std::size_t>(d - '0');
        }
        ++s.pos;
        if (s.eat(']')) return found;
        std::size_t index = 0;
        do {
          s.ws();
          if (index == want) {
            found = s.pos;
            hit = true;
            break;
          }
          s.skip_value();
          ++index;
        } while (s.eat(','));
      }
      if (!hit) return found;
    }
    return found;
  } catch (...) {
    return 0;
  }
}

std::optional<duplicate_key> find_duplicate_key(std::string_view text) {
  scanner s(text);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") s.pos = 3;
  std::optional<duplicate_key> found;
  s.check_value(found);
  return found;
}

std::string json_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace glossa::detail
