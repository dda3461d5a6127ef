// Content schema: parsing (with positions for errors) and canonical writing.
#include <set>

#include <boost/json.hpp>

#include "glossa/model.hpp"
#include "util/json_input.hpp"

namespace glossa {
namespace detail {
extern const std::string_view builtin_schema_json;  // generated from src/model/content-types.json
}

namespace {
namespace json = boost::json;

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

class schema_reader {
 public:
  schema_reader(std::string_view bytes, std::string_view file) : bytes_(bytes), file_(file) {}

  error fail(std::string pointer, std::string message) const {
    return error(errc::invalid_schema, std::move(message), detail::locate(bytes_, file_, std::move(pointer)));
  }

  result<content_schema> read(const json::value& root) {
    const json::object* top = root.if_object();
    if (!top) return fail("", "a schema is a JSON object with \"format\": \"glossa-schema\" and \"types\"");
    auto fmt = top->if_contains("format");
    if (!fmt || !fmt->is_string() || fmt->get_string() != "glossa-schema")
      return fail("/format", "\"format\" must be \"glossa-schema\"");
    auto ver = top->if_contains("version");
    if (!ver || !ver->is_int64() || ver->get_int64() != 1) return fail("/version", "\"version\" must be 1");
    auto types = top->if_contains("types");
    if (!types || !types->is_array() || types->get_array().empty())
      return fail("/types", "\"types\" must be a non-empty array");
    content_schema schema;
    std::set<std::string> type_names;
    const auto& arr = types->get_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      std::string at = "/types/" + std::to_string(i);
      const json::object* t = arr[i].if_object();
      if (!t) return fail(at, "a type is an object with \"name\" and \"fields\"");
      type_def type;
      auto name = t->if_contains("name");
      if (!name || !name->is_string() || !is_identifier(name->get_string()))
        return fail(at + "/name", "type name must match [a-z][a-z0-9_]*");
      type.name = name->get_string();
      if (!type_names.insert(type.name).second) return fail(at + "/name", "type '" + type.name + "' is declared twice");
      if (auto d = t->if_contains("description"); d && d->is_string()) type.description = d->get_string();
      auto fields = t->if_contains("fields");
      if (!fields || !fields->is_array() || fields->get_array().empty())
        return fail(at + "/fields", "\"fields\" must be a non-empty array");
      std::set<std::string> field_names;
      const auto& farr = fields->get_array();
      for (std::size_t j = 0; j < farr.size(); ++j) {
        std::string fat = at + "/fields/" + std::to_string(j);
        auto f = read_field(farr[j], fat);
        if (!f) return f.err();
        if (!field_names.insert(f->name).second) return fail(fat + "/name", "field '" + f->name + "' is declared twice");
        type.fields.push_back(std::move(*f));
      }
      for (std::size_t j = 0; j < type.fields.size(); ++j)
        for (const auto& [arg, target] : type.fields[j].arguments)
          if (!type.find(target))
            return fail(at + "/fields/" + std::to_string(j) + "/arguments",
                        "argument '" + arg + "' names field '" + target + "', which type '" + type.name + "' does not have");
      schema.types.push_back(std::move(type));
    }
    return schema;
  }

 private:
  result<field_def> read_field(const json::value& v, const std::string& at) {
    const json::object* o = v.if_object();
    if (!o) return fail(at, "a field is an object with \"name\" and \"kind\"");
    static const std::set<std::string, std::less<>> known{"name", "kind", "translatable", "required",
                                                          "max_length", "description", "values", "arguments"};
    for (const auto& kv : *o)
      if (!known.count(std::string_view(kv.key())))
        return fail(at + "/" + std::string(kv.key()), "unknown member '" + std::string(kv.key()) + "' in a field declaration");
    field_def f;
    auto name = o->if_contains("name");
    if (!name || !name->is_string() || !is_identifier(name->get_string()))
      return fail(at + "/name", "field name must match [a-z][a-z0-9_]*");
    f.name = name->get_string();
    auto kind = o->if_contains("kind");
    auto parsed = kind && kind->is_string() ? parse_field_kind(kind->get_string()) : std::nullopt;
    if (!parsed)
      return fail(at + "/kind", "kind must be one of text, rich_text, message, date, datetime, number, money, enum, locale_list");
    f.kind = *parsed;
    if (auto t = o->if_contains("translatable")) {
      if (!t->is_bool()) return fail(at + "/translatable", "\"translatable\" must be true or false");
      f.translatable = t->get_bool();
      if (f.translatable && !is_textual(f.kind))
        return fail(at + "/translatable", "only text, rich_text and message fields can be translatable");
    }
    if (auto r = o->if_contains("required")) {
      if (!r->is_bool()) return fail(at + "/required", "\"required\" must be true or false");
      f.required = r->get_bool();
    }
    if (auto m = o->if_contains("max_length")) {
      if (!m->is_int64() || m->get_int64() <= 0) return fail(at + "/max_length", "\"max_length\" must be a positive integer");
      f.max_length = static_cast<std::size_t>(m->get_int64());
    }
    if (auto d = o->if_contains("description")) {
      if (!d->is_string()) return fail(at + "/description", "\"description\" must be a string");
      f.description = d->get_string();
    }
    if (auto vals = o->if_contains("values")) {
      if (f.kind != field_kind::enumeration) return fail(at + "/values", "\"values\" is only for enum fields");
      if (!vals->is_array() || vals->get_array().empty()) return fail(at + "/values", "\"values\" must be a non-empty array of strings");
      for (const auto& x : vals->get_array()) {
        if (!x.is_string() || x.get_string().empty()) return fail(at + "/values", "\"values\" must be a non-empty array of strings");
        f.values.emplace_back(x.get_string());
      }
    } else if (f.kind == field_kind::enumeration) {
      return fail(at, "enum field '" + f.name + "' needs \"values\"");
    }
    if (auto args = o->if_contains("arguments")) {
      if (f.kind != field_kind::message) return fail(at + "/arguments", "\"arguments\" is only for message fields");
      if (!args->is_object()) return fail(at + "/arguments", "\"arguments\" maps argument names to field names");
      for (const auto& kv : args->get_object()) {
        if (!kv.value().is_string() || !is_identifier(kv.value().get_string()))
          return fail(at + "/arguments", "argument '" + std::string(kv.key()) + "' must name a field");
        f.arguments.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
      }
    }
    return f;
  }

  std::string_view bytes_;
  std::string_view file_;
};
}  // namespace

result<content_schema> content_schema::parse(std::string_view json_text, std::string_view file_name) {
  auto root = detail::parse_json(json_text, file_name);
  if (!root) return root.err();
  return schema_reader(json_text, file_name).read(*root);
}

const content_schema& content_schema::builtin() {
  static const content_schema schema = [] {
    auto parsed = parse(detail::builtin_schema_json, "content-types.json");
    if (!parsed) throw std::logic_error("built-in schema is invalid: " + parsed.err().to_string());
    return std::move(parsed).value();
  }();
  return schema;
}

std::string content_schema::to_json() const {
  json::array types_json;
  for (const auto& t : types) {
    json::array fields;
    for (const auto& f : t.fields) {
      json::object o;
      o["name"] = f.name;
      o["kind"] = to_string(f.kind);
      o["translatable"] = f.translatable;
      if (f.required) o["required"] = true;
      if (f.max_length) o["max_length"] = static_cast<std::int64_t>(*f.max_length);
      if (!f.description.empty()) o["description"] = f.description;
      if (!f.arguments.empty()) {
        json::object args;
        for (const auto& [arg, target] : f.arguments) args[arg] = target;
        o["arguments"] = std::move(args);
      }
      if (!f.values.empty()) {
        json::array vals;
        for (const auto& v : f.values) vals.emplace_back(v);
        o["values"] = std::move(vals);
      }
      fields.emplace_back(std::move(o));
    }
    json::object to;
    to["name"] = t.name;
    if (!t.description.empty()) to["description"] = t.description;
    to["fields"] = std::move(fields);
    types_json.emplace_back(std::move(to));
  }
  json::object root;
  root["format"] = "glossa-schema";
  root["version"] = 1;
  root["types"] = std::move(types_json);
  return json::serialize(root);
}

}  // namespace glossa
