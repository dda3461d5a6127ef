// XLIFF 1.x checks: the content models and attribute values of the 1.2
// transitional schema, and its id keys.
#pragma once

#include <unordered_map>
#include <unordered_set>

#include "formats/xliff/validation/check.hpp"

namespace glossa::xliff::check {

struct v1_element;

// One particle of a content model: names it accepts, how often.
struct particle {
  std::vector<string_view> names;
  unsigned min = 1, max = 1;

  bool accepts(string_view name) const { return std::find(names.begin(), names.end(), name) != names.end(); }
  std::string shown() const {
    std::string s;
    for (string_view n : names) s += cat(s.empty() ? "<" : " or <", n, ">");
    return s;
  }
};

class v1_checker {
 public:
  v1_checker(const namespaces& ns, findings& out, node root);

  void run(node root);
  // run() leaves the root's <file> children to `to` instead of checking them.
  void defer_files(std::vector<deferred_file>& to) { defer_ = &to; }
  void check_file(node f) { element(f); }

 private:
  struct described {
    const v1_element* table;
    std::vector<particle> model;
  };

  // The name a content model sees: the local name in the XLIFF namespace,
  // "##other" outside it.
  string_view model_name(node el) const { return ns_.of(el) == xliff_ns_ ? local_name(el.name()) : "##other"; }

  static std::string rule_for(string_view parent);  // only when there is something to report

  void element(node el);

  void attributes(node el, string_view name);

  // trans-unit and bin-unit ids are one key per <file>; group ids another.
  void unique_id(node el, std::unordered_set<string_view>& seen, string_view rule);

  // Matches the children greedily against the model, which the schema's
  // unique particle attribution makes exact.
  void content(node el, const described& d);

  const namespaces& ns_;
  findings& out_;
  string_view xliff_ns_;
  std::unordered_map<string_view, described> elements_;
  std::unordered_set<string_view> unit_ids_, group_ids_;
  std::vector<unsigned> counts_;  // content(): matches per particle of the model
  std::vector<deferred_file>* defer_ = nullptr;
  node root_;
};

}  // namespace glossa::xliff::check
