#include "core/json_input.hpp"

#include <boost/json/stream_parser.hpp>

#include "core/json_locate.hpp"
#include "core/utf8.hpp"

namespace glossa::detail {

location locate_offset(std::string_view bytes, std::string_view file, std::size_t offset) {
  auto lc = line_column_at(bytes, offset);
  return location{std::string(file), lc.line, lc.column, {}};
}

location locate(std::string_view bytes, std::string_view file, std::string pointer) {
  location loc = locate_offset(bytes, file, json_locate(bytes, pointer));
  loc.path = std::move(pointer);
  return loc;
}

result<boost::json::value> parse_json(std::string_view bytes, std::string_view file) {
  if (auto off = find_invalid_utf8(bytes))
    return error(
        errc::invalid_utf8,
        "input is not valid UTF-8 (byte 0x" +
            [&] {
              static constexpr char hex[] = "0123456789ABCDEF";
              unsigned char c = static_cast<unsigned char>(bytes[*off]);
              return std::string{hex[c >> 4], hex[c & 15]};
            }() +
            " at offset " + std::to_string(*off) + ")",
        locate_offset(bytes, file, *off));
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // tolerate a UTF-8 BOM
  boost::json::parse_options opts;
  opts.max_depth = 64;
  boost::json::stream_parser p({}, opts);
  boost::system::error_code ec;
  std::size_t used = p.write_some(bytes.data(), bytes.size(), ec);
  if (!ec && used < bytes.size()) {
    // write_some stops after a complete value: anything but whitespace after it is an error.
    ec = boost::json::error::extra_data;
  }
  if (!ec) p.finish(ec);
  if (ec) {
    return error(errc::json_syntax, "malformed JSON: " + ec.message(), locate_offset(bytes, file, used));
  }
  if (auto dup = find_duplicate_key(bytes))
    return error(errc::invalid_content, "member '" + dup->name + "' appears twice in the same object",
                 locate_offset(bytes, file, dup->offset));
  return p.release();
}

}  // namespace glossa::detail
