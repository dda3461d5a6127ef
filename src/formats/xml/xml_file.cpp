#include "formats/xml/xml_file.hpp"

#include "core/utf8.hpp"
#include "formats/xliff/reader.hpp"
#include "formats/xml/well_formed.hpp"

namespace glossa::xml {

result<std::unique_ptr<xml_file>> parse_xml_file(std::string_view bytes, std::string_view file, unsigned options) {
  auto out = std::make_unique<xml_file>();
  std::string_view view = bytes;
  auto decoded = xliff::decode_xml(view, file);
  if (!decoded) return decoded.err();
  out->decoded = std::move(*decoded);
  out->text = out->decoded ? std::string_view(*out->decoded) : view;
  if (auto bad = check_well_formed(out->text)) {
    auto lc = detail::line_column_at(out->text, *bad->where.offset);
    return error(bad->code, bad->message, location{std::string(file), lc.line, lc.column, {}});
  }
  if (!out->tree.load_buffer(out->text.data(), out->text.size(), options, pugi::encoding_utf8))
    return error(errc::invalid_content, "not well-formed XML", location{std::string(file), 0, 0, {}});
  return out;
}

}  // namespace glossa::xml
