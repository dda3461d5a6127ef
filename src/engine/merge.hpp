// Net effect of a write: inputs that name the same document are folded into
// one, in order, so a write is judged by the state it leaves. Importing the
// same files twice (even files that revise each other, such as a source
// update after translations) then changes nothing the second time.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "glossa/error.hpp"
#include "glossa/model.hpp"

namespace glossa::detail {

/// True when some document key appears more than once: only then does the
/// sequence matter and a merge is needed (a write without repeats applies its
/// inputs as they are, without copying them).
bool needs_merge(const std::vector<document_input>& inputs);

/// Current stored source value of (document key, field), or nullopt.
using stored_value_fn = std::function<std::optional<std::string>(const std::string&, const std::string&)>;

/// Folds `inputs` by document key (first-appearance order). Later values win.
/// A translation without source_revision gets the revision of its field's
/// source as it stands at that point of the sequence (earlier inputs first,
/// then the store), so a translation followed by a source edit stays stale.
/// Errors: invalid_value when one key is given two types.
result<std::vector<document_input>> merge_inputs(const std::vector<document_input>& inputs,
                                                 const stored_value_fn& stored_value);

}  // namespace glossa::detail
