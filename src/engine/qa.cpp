// Use case: run every QA check (src/qa/checks.cpp) over the stored translations.
#include "glossa/engine.hpp"
#include "glossa/locale.hpp"

namespace glossa {

result<std::vector<qa_finding>> engine::qa(std::string_view locale, std::string_view key) {
  std::string wanted;
  if (!locale.empty()) {
    auto c = canonical_locale(locale);
    if (!c) return c.err();
    wanted = *c;
  }
  if (!key.empty()) {
    auto d = store_->find_document(key);
    if (!d) return d.err();
  }
  auto schema = store_->schema();
  if (!schema) return schema.err();
  std::vector<qa_finding> out;
  status walked = store_->for_each_document("", [&](const document& d) {
    if (!key.empty() && d.key != key) return true;
    const type_def* type = schema->find(d.type);
    for (const auto& f : d.fields) {
      const field_def* def = type ? type->find(f.name) : nullptr;
      if (!def || !def->translatable) continue;
      for (const auto& t : f.translations) {
        if (!wanted.empty() && t.locale != wanted) continue;
        for (auto& finding : check_translation(*def, f.value, t.text, d.source_locale, t.locale)) {
          finding.document = d.key;
          out.push_back(std::move(finding));
        }
      }
    }
    return true;
  });
  if (!walked) return walked.err();
  return out;
}

}  // namespace glossa
