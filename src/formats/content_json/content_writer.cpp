// document -> content JSON. The inverse of content_reader for stored documents.
#include <boost/json.hpp>
#include <charconv>
#include <map>

#include "core/json_output.hpp"
#include "glossa/content.hpp"

namespace glossa {

namespace {
namespace json = boost::json;

json::value number_value(const std::string& canonical) {
  if (canonical.find_first_of(".eE") == std::string::npos) {
    std::int64_t i = 0;
    auto r = std::from_chars(canonical.data(), canonical.data() + canonical.size(), i);
    if (r.ec == std::errc{}) return i;
  }
  double d = 0;
  std::from_chars(canonical.data(), canonical.data() + canonical.size(), d);
  return d;
}

json::value field_value(const field_def* def, const std::string& canonical) {
  switch (def ? def->kind : field_kind::text) {
    case field_kind::datetime: {
      auto dt = parse_datetime(canonical);
      if (!dt) break;
      return json::object{{"local", dt->local}, {"time_zone", dt->time_zone}};
    }
    case field_kind::number:
      return number_value(canonical);
    case field_kind::money: {
      auto m = parse_money(canonical);
      if (!m) break;
      return json::object{{"amount", m->amount}, {"currency", m->currency}};
    }
    case field_kind::locale_list: {
      json::array a;
      for (auto& l : split_locale_list(canonical)) a.emplace_back(l);
      return a;
    }
    default:
      break;
  }
  return json::string(canonical);
}
}  // namespace

std::string write_content(const std::vector<document>& documents, const content_schema& schema) {
  json::array docs;
  for (const auto& d : documents) {
    const type_def* type = schema.find(d.type);
    json::object fields;
    std::map<std::string, json::object> by_locale;  // sorted by locale
    for (const auto& f : d.fields) {
      fields[f.name] = field_value(type ? type->find(f.name) : nullptr, f.value);
      for (const auto& t : f.translations) {
        by_locale[t.locale][f.name] = json::object{{"text", t.text},
                                                   {"state", to_string(t.state)},
                                                   {"source_revision", t.source_revision},
                                                   {"author", t.author}};
      }
    }
    json::object doc{{"type", d.type}, {"key", d.key}, {"source_locale", d.source_locale}};
    doc["fields"] = std::move(fields);
    if (!by_locale.empty()) {
      json::object tr;
      for (auto& [loc, obj] : by_locale) tr[loc] = std::move(obj);
      doc["translations"] = std::move(tr);
    }
    docs.emplace_back(std::move(doc));
  }
  json::object root{{"format", "glossa-content"}, {"version", 1}};
  root["documents"] = std::move(docs);
  return detail::pretty_json(root);
}

}  // namespace glossa
