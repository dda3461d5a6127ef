// The termbase as the engine's use cases read it: the entries of one
// language pair, and the QA settings and look-ups a pair's termbase adds.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glossa/qa.hpp"
#include "glossa/store.hpp"
#include "glossa/terms.hpp"
#include "qa/terminology.hpp"

namespace glossa::detail {

/// The entries from `source_locale` into `target_locale` (canonical tags), in
/// the order they were added.
result<std::vector<term_entry>> load_termbase(store& st, std::string_view source_locale,
                                              std::string_view target_locale);

/// The termbases a use case needs, each pair read once, with the QA options
/// it brings: `base` plus the pair's do-not-translate terms as allow_identical.
class termbases {
 public:
  termbases(store& st, const qa_options& base) : store_(st), base_(base) {}

  struct pair {
    terminology terms;
    qa_options options;
  };
  result<const pair*> get(const std::string& source_locale, const std::string& target_locale);
  /// Reads every pair into `target_locale` ("": every pair) now: get() for
  /// that target then reads the store no more (for a use case that reads
  /// documents meanwhile, or writes on another thread while it checks).
  status preload(const std::string& target_locale);

 private:
  const pair* make(const std::string& source_locale, const std::string& target_locale, std::vector<term_entry> entries);
  std::optional<std::string> preloaded_;
  store& store_;
  const qa_options& base_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<pair>> pairs_;
};

/// Every check of one translation: the checks of src/qa/checks.cpp with the
/// pair's settings, then the pair's terminology. Errors: the store's.
result<std::vector<qa_finding>> all_checks(termbases& terms, const field_def& def, std::string_view source,
                                           std::string_view target, const std::string& source_locale,
                                           const std::string& target_locale);

}  // namespace glossa::detail
