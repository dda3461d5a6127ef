#include "glossa/error.hpp"

namespace glossa {

std::string_view to_string(errc code) noexcept {
  switch (code) {
    case errc::ok:
      return "ok";
    case errc::io_error:
      return "io_error";
    case errc::invalid_utf8:
      return "invalid_utf8";
    case errc::json_syntax:
      return "json_syntax";
    case errc::invalid_content:
      return "invalid_content";
    case errc::unknown_type:
      return "unknown_type";
    case errc::unknown_field:
      return "unknown_field";
    case errc::invalid_value:
      return "invalid_value";
    case errc::invalid_locale:
      return "invalid_locale";
    case errc::not_found:
      return "not_found";
    case errc::store_error:
      return "store_error";
    case errc::store_busy:
      return "store_busy";
    case errc::store_version:
      return "store_version";
    case errc::invalid_schema:
      return "invalid_schema";
    case errc::cancelled:
      return "cancelled";
    case errc::invalid_argument:
      return "invalid_argument";
    case errc::control_character:
      return "control_character";
    case errc::too_long:
      return "too_long";
    case errc::qa_failed:
      return "qa_failed";
    case errc::invalid_xliff:
      return "invalid_xliff";
    case errc::too_large:
      return "too_large";
    case errc::unknown_locale:
      return "unknown_locale";
    case errc::store_unavailable:
      return "store_unavailable";
    case errc::not_a_file:
      return "not_a_file";
  }
  return "unknown";
}

std::string location::to_string() const {
  std::string out = file;
  if (line != 0) {
    out += (out.empty() ? "line " : ":") + std::to_string(line);
    if (column != 0) out += ":" + std::to_string(column);
  }
  if (!path.empty()) {
    if (!out.empty()) out += ' ';
    out += "(" + path + ")";
  }
  return out;
}

std::string error::to_string() const {
  std::string out;
  std::string loc = where.to_string();
  if (!loc.empty()) out = loc + ": ";
  out += glossa::to_string(code);
  out += ": ";
  out += message;
  return out;
}

}  // namespace glossa
