#include "engine/labels.hpp"

#include <map>

namespace glossa::detail {

std::string english_label(const type_def& type, const field_def& field, std::string_view value) {
  if (!value.empty()) {
    if (field.value_label(value) != value) return field.value_label(value);
    if (const type_def* shipped = content_schema::builtin().find(type.name))
      if (const field_def* f = shipped->find(field.name)) return f->value_label(value);
    return std::string(value);
  }
  if (!field.label.empty()) return field.label;
  if (const type_def* shipped = content_schema::builtin().find(type.name))
    if (const field_def* f = shipped->find(field.name); f && !f->label.empty()) return f->label;
  return field.label_or_default();
}

namespace {
// Every label a type calls for: labels field -> English text.
std::vector<std::pair<std::string, std::string>> labels_of(const type_def& type) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : type.fields) {
    out.emplace_back(label_field(f.name), english_label(type, f));
    std::vector<std::string> values;
    for (const auto& [v, l] : f.value_labels) values.push_back(v);
    if (const type_def* shipped = content_schema::builtin().find(type.name))
      if (const field_def* sf = shipped->find(f.name))
        for (const auto& [v, l] : sf->value_labels)
          if (std::find(values.begin(), values.end(), v) == values.end() &&
              std::find(f.values.begin(), f.values.end(), v) != f.values.end())
            values.push_back(v);
    for (const auto& v : values) out.emplace_back(label_field(f.name, v), english_label(type, f, v));
  }
  return out;
}
}  // namespace

result<std::vector<document_input>> missing_labels(store& st, const content_schema& schema) {
  std::vector<const type_def*> types;
  std::vector<std::string> keys;
  for (const auto& t : schema.types)
    if (t.labels_of.empty() && schema.find(labels_type(t.name))) {
      types.push_back(&t);
      keys.push_back(labels_key(t.name));
    }
  std::vector<document_input> out;
  std::size_t i = 0;
  auto read = st.for_each_key(keys, [&](const std::string& key, const document* d) {
    const type_def& t = *types[i++];
    document_input in;
    in.type = labels_type(t.name);
    in.key = key;
    in.source_locale = d ? d->source_locale : "en";
    for (auto& [name, english] : labels_of(t)) {
      const field* have = d ? d->find(name) : nullptr;
      if (!have || have->value.empty()) in.fields.push_back({name, english, {}});
    }
    if (!in.fields.empty()) out.push_back(std::move(in));
    return true;
  });
  if (!read) return read.err();
  return out;
}

}  // namespace glossa::detail
