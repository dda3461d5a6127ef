#include "core/json_output.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

namespace glossa::detail {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the pending run of characters that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.append(u, 6);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {
void write(std::string& out, const boost::json::value& v, int depth) {
  auto indent = [&](int d) { out.append(static_cast<std::size_t>(d) * 2, ' '); };
  switch (v.kind()) {
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& kv : o) {
        if (!first) out += ",\n";
        first = false;
        indent(depth + 1);
        append_json_string(out, kv.key());
        out += ": ";
        write(out, kv.value(), depth + 1);
      }
      out += '\n';
      indent(depth);
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      bool scalars = true;
      for (const auto& x : a) scalars = scalars && !x.is_object() && !x.is_array();
      if (scalars) {  // short arrays of scalars stay on one line: ["ar", "en"]
        out += '[';
        for (std::size_t i = 0; i < a.size(); ++i) {
          if (i) out += ", ";
          write(out, a[i], depth + 1);
        }
        out += ']';
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += ",\n";
        indent(depth + 1);
        write(out, a[i], depth + 1);
      }
      out += '\n';
      indent(depth);
      out += ']';
      return;
    }
    case boost::json::kind::double_: {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
      out.append(buf, r.ptr);
      return;
    }
    case boost::json::kind::string:
      append_json_string(out, v.get_string());
      return;
    default:
      out += boost::json::serialize(v);
  }
}
}  // namespace

std::string pretty_json(const boost::json::value& v) {
  std::string out;
  write(out, v, 0);
  out += '\n';
  return out;
}

}  // namespace glossa::detail
