// Content JSON -> document_input, validated against the content schema.
// Every error names file:line:column and the JSON pointer of the bad value.
#include <boost/json.hpp>
#include <charconv>
#include <set>

#include "core/json_input.hpp"
#include "core/json_locate.hpp"
#include "core/utf8.hpp"
#include "glossa/content.hpp"
#include "glossa/locale.hpp"
#include "i18n/values.hpp"

namespace glossa {

namespace {
namespace json = boost::json;

// Byte offset in the raw JSON text of byte `decoded` of the string value that
// starts (with its quote) at `start`: walks escapes so the column points at the
// offending character even when the string holds \n or \uXXXX.
std::size_t raw_offset_in_string(std::string_view raw, std::size_t start, std::size_t decoded) {
  std::size_t i = start + 1, d = 0;
  while (i < raw.size() && raw[i] != '"' && d < decoded) {
    if (raw[i] == '\\' && i + 1 < raw.size()) {
      if (raw[i + 1] == 'u') {
        unsigned cp = 0;
        std::from_chars(raw.data() + i + 2, raw.data() + std::min(raw.size(), i + 6), cp, 16);
        std::size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          len = 4;
          i += 6;
        }  // surrogate pair: two escapes, 4 bytes
        i += 6;
        d += len;
      } else {
        i += 2;
        d += 1;
      }
    } else {
      ++i;
      ++d;
    }
  }
  return i;
}

class content_reader {
 public:
  content_reader(std::string_view bytes, std::string_view file, const content_schema& schema)
      : bytes_(bytes), file_(file), schema_(schema) {}

  result<std::vector<document_input>> read(const json::value& root) {
    const json::object* top = root.if_object();
    if (!top) return fail(errc::invalid_content, "", "a content file is a JSON object with \"documents\"");
    if (auto f = top->if_contains("format"); f && (!f->is_string() || f->get_string() != "glossa-content"))
      return fail(errc::invalid_content, "/format", "\"format\" must be \"glossa-content\"");
    if (auto v = top->if_contains("version"); v && (!v->is_int64() || v->get_int64() != 1))
      return fail(errc::invalid_content, "/version", "\"version\" must be 1 (the only version this Glossa reads)");
    for (const auto& kv : *top) {
      std::string_view k = kv.key();
      if (k != "format" && k != "version" && k != "documents")
        return fail(errc::invalid_content, "/" + detail::json_pointer_token(k),
                    "unknown member '" + std::string(k) + "'");
    }
    auto docs = top->if_contains("documents");
    if (!docs || !docs->is_array()) return fail(errc::invalid_content, "/documents", "\"documents\" must be an array");
    std::vector<document_input> out;
    const auto& arr = docs->get_array();
    out.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
      auto d = read_document(arr[i], "/documents/" + std::to_string(i));
      if (!d) return d.err();
      out.push_back(std::move(*d));
    }
    return out;
  }

 private:
  error fail(errc code, std::string pointer, std::string message) const {
    return error(code, std::move(message), detail::locate(bytes_, file_, std::move(pointer)));
  }

  // Where an accepted value is: file and pointer only. Line and column are
  // resolved on the error path (resolve_location), never for every value:
  // locating from the top of the file each time would be quadratic.
  location where(const std::string& pointer) const { return location{std::string(file_), 0, 0, pointer}; }

  // An error inside a string value, pointing at the offending character.
  error fail_in_string(const error& p, std::string pointer, std::string_view what) const {
    location loc = detail::locate(bytes_, file_, pointer);
    if (p.where.offset) {
      std::size_t start = detail::json_locate(bytes_, pointer);
      loc = detail::locate_offset(bytes_, file_, raw_offset_in_string(bytes_, start, *p.where.offset));
      loc.path = std::move(pointer);
    }
    return error(p.code, std::string(what) + ": " + p.message, std::move(loc));
  }

  result<std::string> locale_at(const json::value& v, const std::string& pointer) {
    if (!v.is_string())
      return fail(errc::invalid_locale, pointer, "a locale must be a string such as \"fr\" or \"es-MX\"");
    auto c = canonical_locale(v.get_string());
    if (!c) return fail(errc::invalid_locale, pointer, c.err().message);
    return *c;
  }

  result<document_input> read_document(const json::value& v, const std::string& at) {
    const json::object* o = v.if_object();
    if (!o) return fail(errc::invalid_content, at, "a document is an object with \"type\", \"key\" and \"fields\"");
    for (const auto& kv : *o) {
      std::string_view k = kv.key();
      if (k != "type" && k != "key" && k != "source_locale" && k != "fields" && k != "translations")
        return fail(
            errc::invalid_content, at + "/" + detail::json_pointer_token(k),
            "unknown member '" + std::string(k) + "' (a document has type, key, source_locale, fields, translations)");
    }
    document_input doc;
    doc.where = where(at);
    auto type = o->if_contains("type");
    if (!type || !type->is_string()) return fail(errc::invalid_content, at, "document needs \"type\" (a string)");
    const type_def* def = schema_.find(type->get_string());
    if (!def) {
      std::string known;
      for (const auto& t : schema_.types) known += (known.empty() ? "" : ", ") + t.name;
      return fail(
          errc::unknown_type, at + "/type",
          "unknown document type '" + std::string(type->get_string()) + "' (the schema declares " + known + ")");
    }
    doc.type = def->name;
    auto key = o->if_contains("key");
    if (!key || !key->is_string()) return fail(errc::invalid_content, at, "document needs \"key\" (a string)");
    if (!is_valid_key(key->get_string()))
      return fail(errc::invalid_value, at + "/key",
                  "key '" + std::string(key->get_string()) +
                      "' must be 1-128 of a-z, 0-9, '-', '_', '.', starting with a letter or digit");
    doc.key = key->get_string();
    if (auto sl = o->if_contains("source_locale")) {
      auto loc = locale_at(*sl, at + "/source_locale");
      if (!loc) return loc.err();
      doc.source_locale = *loc;
    }
    if (auto fields = o->if_contains("fields")) {
      if (!fields->is_object()) return fail(errc::invalid_content, at + "/fields", "\"fields\" must be an object");
      for (const auto& kv : fields->get_object()) {
        std::string pointer = at + "/fields/" + detail::json_pointer_token(kv.key());
        const field_def* fd = def->find(kv.key());
        if (!fd)
          return fail(errc::unknown_field, pointer,
                      "type '" + def->name + "' has no field '" + std::string(kv.key()) + "'");
        auto value = read_value(kv.value(), *fd, pointer);
        if (!value) return value.err();
        doc.fields.push_back({fd->name, std::move(*value), where(pointer)});
      }
    }
    if (auto tr = o->if_contains("translations")) {
      if (!tr->is_object())
        return fail(errc::invalid_content, at + "/translations", "\"translations\" must be an object keyed by locale");
      for (const auto& lkv : tr->get_object()) {
        std::string lat = at + "/translations/" + detail::json_pointer_token(lkv.key());
        auto loc = canonical_locale(lkv.key());
        if (!loc) return fail(errc::invalid_locale, lat, loc.err().message);
        if (!lkv.value().is_object())
          return fail(errc::invalid_content, lat, "translations of a locale are an object keyed by field name");
        for (const auto& fkv : lkv.value().get_object()) {
          std::string fat = lat + "/" + detail::json_pointer_token(fkv.key());
          auto t = read_translation(fkv.value(), *def, fkv.key(), *loc, fat);
          if (!t) return t.err();
          doc.translations.push_back(std::move(*t));
        }
      }
    }
    return doc;
  }

  result<translation_input> read_translation(const json::value& v, const type_def& def, std::string_view field_name,
                                             const std::string& locale, const std::string& at) {
    const field_def* fd = def.find(field_name);
    if (!fd)
      return fail(errc::unknown_field, at, "type '" + def.name + "' has no field '" + std::string(field_name) + "'");
    if (!fd->translatable) return fail(errc::invalid_value, at, "field '" + fd->name + "' is not translatable");
    translation_input t;
    t.field = fd->name;
    t.locale = locale;
    t.where = where(at);
    std::string text_at = at;
    const json::value* text = &v;
    if (const json::object* o = v.if_object()) {
      for (const auto& kv : *o) {
        std::string_view k = kv.key();
        if (k != "text" && k != "state" && k != "source_revision" && k != "author")
          return fail(
              errc::invalid_content, at + "/" + detail::json_pointer_token(k),
              "unknown member '" + std::string(k) + "' (a translation has text, state, source_revision, author)");
      }
      text = o->if_contains("text");
      text_at = at + "/text";
      if (!text) return fail(errc::invalid_content, at, "translation needs \"text\"");
      if (auto s = o->if_contains("state")) {
        auto st = s->is_string() ? parse_translation_state(s->get_string()) : std::nullopt;
        if (!st)
          return fail(errc::invalid_value, at + "/state", "state must be one of new, translated, reviewed, final");
        t.state = *st;
      }
      if (auto r = o->if_contains("source_revision")) {
        bool ok = r->is_string() && r->get_string().size() == 16;
        if (ok)
          for (char c : r->get_string()) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!ok)
          return fail(errc::invalid_value, at + "/source_revision", "source_revision must be 16 lowercase hex digits");
        t.source_revision = std::string(r->get_string());
      }
      if (auto a = o->if_contains("author")) {
        if (!a->is_string()) return fail(errc::invalid_content, at + "/author", "author must be a string");
        t.author = a->get_string();
      }
    }
    if (!text->is_string()) return fail(errc::invalid_content, text_at, "translation text must be a string");
    t.text = text->get_string();
    if (t.text.empty())
      return fail(errc::invalid_value, text_at, "translation text is empty; leave the field out instead");
    if (auto p = detail::check_text(t.text, *fd))
      return fail_in_string(*p, text_at, "translation of '" + fd->name + "'");
    return t;
  }

  result<std::string> string_member(const json::object& o, std::string_view name, const std::string& at) {
    auto m = o.if_contains(name);
    if (!m || !m->is_string()) return fail(errc::invalid_value, at, "needs \"" + std::string(name) + "\" (a string)");
    return std::string(m->get_string());
  }

  error expect(const field_def& fd, const std::string& at, std::string_view what) const {
    return fail(errc::invalid_value, at,
                "field '" + fd.name + "' (" + std::string(to_string(fd.kind)) + ") must be " + std::string(what));
  }
  // A failed value check of a field, at `at`.
  error failed(const field_def& fd, const error& p, const std::string& at) const {
    return fail(p.code, at, "field '" + fd.name + "': " + p.message);
  }

  result<std::string> read_value(const json::value& v, const field_def& fd, const std::string& at) {
    switch (fd.kind) {
      case field_kind::text:
      case field_kind::rich_text:
      case field_kind::message:
        return read_text(v, fd, at);
      case field_kind::date:
        if (!v.is_string()) return expect(fd, at, "a date string \"YYYY-MM-DD\"");
        if (auto p = detail::check_date(v.get_string())) return failed(fd, *p, at);
        return std::string(v.get_string());
      case field_kind::datetime:
        return read_datetime(v, fd, at);
      case field_kind::number:
        return read_number(v, fd, at);
      case field_kind::money:
        return read_money(v, fd, at);
      case field_kind::enumeration:
        return read_enumeration(v, fd, at);
      case field_kind::locale_list:
        return read_locale_list(v, fd, at);
    }
    return expect(fd, at, "a value");
  }

  result<std::string> read_text(const json::value& v, const field_def& fd, const std::string& at) {
    if (!v.is_string()) return expect(fd, at, "a string");
    std::string s(v.get_string());
    if (s.empty() && fd.required) return fail(errc::invalid_value, at, "required field '" + fd.name + "' is empty");
    if (auto p = detail::check_text(s, fd)) return fail_in_string(*p, at, "field '" + fd.name + "'");
    return s;
  }

  result<std::string> read_datetime(const json::value& v, const field_def& fd, const std::string& at) {
    const json::object* o = v.if_object();
    if (!o) return expect(fd, at, "an object {\"local\": \"YYYY-MM-DDTHH:MM:SS\", \"time_zone\": \"Area/City\"}");
    auto local = string_member(*o, "local", at);
    if (!local) return local.err();
    auto zone = string_member(*o, "time_zone", at);
    if (!zone) return zone.err();
    if (o->size() != 2) return expect(fd, at, "an object with exactly \"local\" and \"time_zone\"");
    if (auto p = detail::check_local_datetime(*local)) return failed(fd, *p, at + "/local");
    if (auto p = detail::check_time_zone(*zone)) return failed(fd, *p, at + "/time_zone");
    return *local + "[" + *zone + "]";
  }

  result<std::string> read_number(const json::value& v, const field_def& fd, const std::string& at) {
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    if (v.is_double()) {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
      return std::string(buf, r.ptr);
    }
    return expect(fd, at, "a JSON number");
  }

  result<std::string> read_money(const json::value& v, const field_def& fd, const std::string& at) {
    constexpr std::string_view shape = "an object {\"amount\": \"84500.00\", \"currency\": \"CHF\"}";
    const json::object* o = v.if_object();
    if (!o || o->size() != 2) return expect(fd, at, shape);
    auto cur = string_member(*o, "currency", at);
    if (!cur) return cur.err();
    auto amount_v = o->if_contains("amount");
    if (!amount_v) return expect(fd, at, shape);
    std::string amount;
    if (amount_v->is_string())
      amount = amount_v->get_string();
    else if (amount_v->is_int64())
      amount = std::to_string(amount_v->get_int64());
    else
      return fail(errc::invalid_value, at + "/amount", "amount must be a decimal string such as \"84500.00\"");
    if (auto p = detail::check_decimal(amount)) return failed(fd, *p, at + "/amount");
    if (auto p = detail::check_currency(*cur)) return failed(fd, *p, at + "/currency");
    return amount + " " + *cur;
  }

  result<std::string> read_enumeration(const json::value& v, const field_def& fd, const std::string& at) {
    if (!v.is_string()) return expect(fd, at, "a string");
    for (const auto& allowed : fd.values)
      if (allowed == v.get_string()) return allowed;
    std::string list;
    for (const auto& allowed : fd.values) list += (list.empty() ? "" : ", ") + allowed;
    return fail(errc::invalid_value, at,
                "'" + std::string(v.get_string()) + "' is not a value of field '" + fd.name + "' (" + list + ")");
  }

  result<std::string> read_locale_list(const json::value& v, const field_def& fd, const std::string& at) {
    if (!v.is_array()) return expect(fd, at, "an array of locale tags such as [\"ar\", \"en\"]");
    std::string out;
    std::set<std::string> seen;
    const auto& arr = v.get_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      auto loc = locale_at(arr[i], at + "/" + std::to_string(i));
      if (!loc) return loc.err();
      if (!seen.insert(*loc).second)
        return fail(errc::invalid_value, at + "/" + std::to_string(i), "locale '" + *loc + "' is listed twice");
      out += (out.empty() ? "" : ",") + *loc;
    }
    return out;
  }

  std::string_view bytes_;
  std::string_view file_;
  const content_schema& schema_;
};
}  // namespace

void resolve_location(location& where, std::string_view bytes) {
  if (where.line != 0 || where.path.empty()) return;
  location full = detail::locate(bytes, where.file, where.path);
  where.line = full.line;
  where.column = full.column;
}

result<std::vector<document_input>> parse_content(std::string_view bytes, std::string_view file_name,
                                                  const content_schema& schema) {
  auto root = detail::parse_json(bytes, file_name);
  if (!root) return root.err();
  return content_reader(bytes, file_name, schema).read(*root);
}

}  // namespace glossa
