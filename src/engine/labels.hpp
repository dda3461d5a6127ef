// Labels: what readers see as the names of fields and enum values. Each
// document type T has a labels document ("labels.T", of the generated type
// "labels_T", model.hpp) whose source values are the English labels and
// whose translations are the labels in other locales: content like any other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "glossa/content.hpp"
#include "glossa/model.hpp"
#include "glossa/store.hpp"

namespace glossa::detail {

/// The English label of `field` of `type`, or of its enum value `value`:
/// what the schema says, else what the schema Glossa ships says for the same
/// type and field (so a store made before labels gets them), else a default
/// ("Duty station" for duty_station; the value itself for a value).
std::string english_label(const type_def& type, const field_def& field, std::string_view value = {});

/// Writes that create the labels documents missing from `st`, or complete
/// those missing a field (a type that grew). Labels already stored are never
/// overwritten. Empty when nothing is missing.
result<std::vector<document_input>> missing_labels(store& st, const content_schema& schema);

}  // namespace glossa::detail
