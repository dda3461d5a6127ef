#include "engine/merge.hpp"

#include <map>
#include <string_view>
#include <unordered_set>

namespace glossa::detail {

bool needs_merge(const std::vector<document_input>& inputs) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(inputs.size());
  for (const auto& in : inputs)
    if (!seen.insert(in.key).second) return true;
  return false;
}

result<std::vector<document_input>> merge_inputs(const std::vector<document_input>& inputs,
                                                 const stored_value_fn& stored_value) {
  std::vector<document_input> out;
  std::map<std::string, std::size_t> index;  // key -> position in out
  for (const auto& in : inputs) {
    auto [it, fresh] = index.emplace(in.key, out.size());
    if (fresh) {
      document_input d;
      d.type = in.type;
      d.key = in.key;
      d.where = in.where;
      out.push_back(std::move(d));
    }
    document_input& d = out[it->second];
    if (d.type != in.type)
      return error(errc::invalid_value, "document '" + in.key + "' is given as a " + d.type + " and as a " + in.type,
                   in.where);
    if (d.source_locale.empty()) d.source_locale = in.source_locale;

    for (const auto& f : in.fields) {
      auto same =
          std::find_if(d.fields.begin(), d.fields.end(), [&](const field_input& x) { return x.name == f.name; });
      if (same == d.fields.end())
        d.fields.push_back(f);
      else
        *same = f;
    }
    for (const auto& t : in.translations) {
      translation_input resolved = t;
      if (!resolved.source_revision) {
        auto given =
            std::find_if(d.fields.begin(), d.fields.end(), [&](const field_input& x) { return x.name == t.field; });
        std::optional<std::string> source =
            given != d.fields.end() ? std::optional<std::string>(given->value) : stored_value(in.key, t.field);
        if (source) resolved.source_revision = revision_of(*source);
      }
      auto same = std::find_if(d.translations.begin(), d.translations.end(),
                               [&](const translation_input& x) { return x.field == t.field && x.locale == t.locale; });
      if (same == d.translations.end())
        d.translations.push_back(std::move(resolved));
      else
        *same = std::move(resolved);
    }
  }
  return out;
}

}  // namespace glossa::detail
