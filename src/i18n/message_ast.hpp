// ICU MessageFormat patterns as a small tree (text, simple arguments, '#',
// plural/select with branches), parsed with ICU's MessagePattern. Used to
// flatten messages into XLIFF variants and to measure what a reader sees.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glossa/error.hpp"

namespace glossa::detail {

struct msg_item;
using msg_node = std::vector<msg_item>;
struct msg_item {
  enum class kind { text, arg, pound, complex } type = kind::text;
  std::string text;    ///< text: literal characters; arg: raw source "{name, number}"
  std::string name;    ///< arg/complex: argument name; pound: the enclosing plural's argument
  std::string style;   ///< complex: plural | select | selectordinal
  std::string offset;  ///< plural offset, "" if none
  std::vector<std::pair<std::string, msg_node>> branches;  ///< selector -> sub-message
};

/// Parses a pattern. Errors: invalid_value naming ICU's complaint.
result<msg_node> parse_message(std::string_view text);

/// Longest text a reader can see, in code points: each branch choice taken at
/// its longest; arguments and '#' count as one character each.
std::size_t message_display_length(const msg_node& node);

/// Names of all arguments (simple and complex), sorted, without duplicates.
std::vector<std::string> message_arguments(const msg_node& node);

}  // namespace glossa::detail
