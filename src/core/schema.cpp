// Content schema: parsing (with positions for errors) and canonical writing.
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/json_input.hpp"
#include "glossa/model.hpp"

namespace glossa {
namespace detail {
extern const std::string_view builtin_schema_json;  // generated from src/core/content-types.json
}

namespace {
namespace json = boost::json;

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

type_def labels_of(const type_def& t);  // the labels type of a type (below)

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
        if (!field_names.insert(f->name).second)
          return fail(fat + "/name", "field '" + f->name + "' is declared twice");
        type.fields.push_back(std::move(*f));
      }
      for (std::size_t j = 0; j < type.fields.size(); ++j)
        for (const auto& [arg, target] : type.fields[j].arguments)
          if (!type.find(target))
            return fail(
                at + "/fields/" + std::to_string(j) + "/arguments",
                "argument '" + arg + "' names field '" + target + "', which type '" + type.name + "' does not have");
      if (type.name.rfind("labels_", 0) == 0)
        return fail(at + "/name", "type names starting with 'labels_' are Glossa's own (the labels of each type)");
      schema.types.push_back(std::move(type));
    }
    for (std::size_t i = 0, n = schema.types.size(); i < n; ++i) schema.types.push_back(labels_of(schema.types[i]));
    return schema;
  }

 private:
  result<field_def> read_field(const json::value& v, const std::string& at) {
    const json::object* o = v.if_object();
    if (!o) return fail(at, "a field is an object with \"name\" and \"kind\"");
    field_def f;
    for (auto part : {&schema_reader::read_name_and_kind, &schema_reader::read_flags, &schema_reader::read_values,
                      &schema_reader::read_arguments})
      if (status s = (this->*part)(*o, at, f); !s) return s.err();
    return f;
  }

  status read_name_and_kind(const json::object& o, const std::string& at, field_def& f) {
    static const std::set<std::string, std::less<>> known{"name",       "kind",        "translatable", "required",
                                                          "max_length", "description", "values",       "arguments",
                                                          "label",      "labels",      "for_readers"};
    for (const auto& kv : o)
      if (!known.count(std::string_view(kv.key())))
        return fail(at + "/" + std::string(kv.key()),
                    "unknown member '" + std::string(kv.key()) + "' in a field declaration");
    auto name = o.if_contains("name");
    if (!name || !name->is_string() || !is_identifier(name->get_string()))
      return fail(at + "/name", "field name must match [a-z][a-z0-9_]*");
    f.name = name->get_string();
    auto kind = o.if_contains("kind");
    auto parsed = kind && kind->is_string() ? parse_field_kind(kind->get_string()) : std::nullopt;
    if (!parsed)
      return fail(at + "/kind",
                  "kind must be one of text, rich_text, message, date, datetime, number, money, enum, locale_list");
    f.kind = *parsed;
    return {};
  }

  // A member that must be true or false, when present.
  status read_bool(const json::object& o, const std::string& at, const char* name, bool& to) {
    auto b = o.if_contains(name);
    if (!b) return {};
    if (!b->is_bool()) return fail(at + "/" + name, "\"" + std::string(name) + "\" must be true or false");
    to = b->get_bool();
    return {};
  }

  status read_flags(const json::object& o, const std::string& at, field_def& f) {
    if (status s = read_bool(o, at, "translatable", f.translatable); !s) return s;
    if (f.translatable && !is_textual(f.kind))
      return fail(at + "/translatable", "only text, rich_text and message fields can be translatable");
    if (status s = read_bool(o, at, "required", f.required); !s) return s;
    if (auto m = o.if_contains("max_length")) {
      if (!m->is_int64() || m->get_int64() <= 0)
        return fail(at + "/max_length", "\"max_length\" must be a positive integer");
      f.max_length = static_cast<std::size_t>(m->get_int64());
    }
    if (auto d = o.if_contains("description")) {
      if (!d->is_string()) return fail(at + "/description", "\"description\" must be a string");
      f.description = d->get_string();
    }
    if (auto l = o.if_contains("label")) {
      if (!l->is_string() || l->get_string().empty())
        return fail(at + "/label", "\"label\" must be a non-empty string");
      f.label = l->get_string();
    }
    return read_bool(o, at, "for_readers", f.for_readers);
  }

  // An enum's values and their labels.
  status read_values(const json::object& o, const std::string& at, field_def& f) {
    if (auto vals = o.if_contains("values")) {
      if (f.kind != field_kind::enumeration) return fail(at + "/values", "\"values\" is only for enum fields");
      if (!vals->is_array() || vals->get_array().empty())
        return fail(at + "/values", "\"values\" must be a non-empty array of strings");
      for (const auto& x : vals->get_array()) {
        if (!x.is_string() || x.get_string().empty())
          return fail(at + "/values", "\"values\" must be a non-empty array of strings");
        f.values.emplace_back(x.get_string());
      }
    } else if (f.kind == field_kind::enumeration) {
      return fail(at, "enum field '" + f.name + "' needs \"values\"");
    }
    auto labels = o.if_contains("labels");
    if (!labels) return {};
    if (f.kind != field_kind::enumeration) return fail(at + "/labels", "\"labels\" is only for enum fields");
    if (!labels->is_object()) return fail(at + "/labels", "\"labels\" maps enum values to their labels");
    for (const auto& kv : labels->get_object()) {
      if (std::find(f.values.begin(), f.values.end(), std::string(kv.key())) == f.values.end())
        return fail(at + "/labels", "'" + std::string(kv.key()) + "' is not one of the field's values");
      if (!kv.value().is_string() || kv.value().get_string().empty())
        return fail(at + "/labels", "the label of '" + std::string(kv.key()) + "' must be a non-empty string");
      f.value_labels.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
    }
    return {};
  }

  status read_arguments(const json::object& o, const std::string& at, field_def& f) {
    auto args = o.if_contains("arguments");
    if (!args) return {};
    if (f.kind != field_kind::message) return fail(at + "/arguments", "\"arguments\" is only for message fields");
    if (!args->is_object()) return fail(at + "/arguments", "\"arguments\" maps argument names to field names");
    for (const auto& kv : args->get_object()) {
      if (!kv.value().is_string() || !is_identifier(kv.value().get_string()))
        return fail(at + "/arguments", "argument '" + std::string(kv.key()) + "' must name a field");
      f.arguments.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
    }
    return {};
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

std::string field_def::label_or_default() const {
  if (!label.empty()) return label;
  std::string out = name;
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string field_def::value_label(std::string_view value) const {
  for (const auto& [v, l] : value_labels)
    if (v == value) return l;
  return std::string(value);
}

std::string labels_type(std::string_view type) { return "labels_" + std::string(type); }
std::string labels_key(std::string_view type) { return "labels." + std::string(type); }

std::string label_field(std::string_view field, std::string_view value) {
  std::string name(field);
  if (value.empty()) return name;
  name += "__";
  for (char c : value) {
    char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    name += (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') ? l : '_';
  }
  return name;
}

namespace {
// The labels type of `t`: a translatable text field per field, and per
// labelled enum value.
type_def labels_of(const type_def& t) {
  type_def out;
  out.name = labels_type(t.name);
  out.labels_of = t.name;
  out.description = "What readers see as the names of the fields of " + t.name + " (and of its enum values).";
  auto add = [&](std::string name, std::string english, std::string what) {
    field_def f;
    f.name = std::move(name);
    f.kind = field_kind::text;
    f.translatable = true;
    f.max_length = 120;
    f.label = std::move(english);
    f.description = "Label of " + what + ": a short noun phrase, no final punctuation.";
    out.fields.push_back(std::move(f));
  };
  // Every enum value has a place for a label; the labels document fills
  // those the schemas label (codes such as "P-3" stay as they are).
  for (const auto& f : t.fields) {
    add(label_field(f.name), f.label_or_default(), "the field " + f.name);
    for (const auto& value : f.values)
      add(label_field(f.name, value), f.value_label(value), "the value '" + value + "' of " + f.name);
  }
  return out;
}
}  // namespace

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
    if (!t.labels_of.empty()) continue;  // made again by parse()
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
      if (!f.label.empty()) o["label"] = f.label;
      if (!f.value_labels.empty()) {
        json::object labels;
        for (const auto& [value, label] : f.value_labels) labels[value] = label;
        o["labels"] = std::move(labels);
      }
      if (!f.for_readers) o["for_readers"] = false;
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
