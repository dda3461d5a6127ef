// The termbase of one language pair, ready to look terms up: which entries
// a source text has, and the check "terminology" of a translation (a source
// term whose target term is missing, a forbidden term, a term not to be
// translated that the translation does not keep).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "glossa/model.hpp"
#include "glossa/results.hpp"
#include "glossa/terms.hpp"
#include "i18n/term_finder.hpp"

namespace glossa::detail {

class terminology {
 public:
  /// `entries` from `source_locale` into `target_locale`.
  terminology(std::vector<term_entry> entries, std::string_view source_locale, std::string_view target_locale);

  bool empty() const noexcept { return entries_.empty(); }
  const std::vector<term_entry>& entries() const noexcept { return entries_; }

  /// The entries one of whose source terms (preferred or admitted) is in
  /// `text` (plain text, as readers see it), in the termbase's order.
  std::vector<const term_entry*> in_source(std::string_view text) const;

  /// The findings of check "terminology" for a translation of a value of
  /// `def`'s kind: warnings for each source term whose target terms are all
  /// missing (an entry with the same source term and another translation
  /// satisfies it too: the termbase cannot tell homonyms apart), and for a
  /// do-not-translate term missing from the translation; a forbidden term
  /// in the translation is a warning, or an error where the termbase says so.
  std::vector<qa_finding> check(const field_def& def, std::string_view source, std::string_view target) const;

  /// The source terms not to be translated (they serve as allow_identical does).
  std::vector<std::string> do_not_translate() const;

 private:
  struct scan {
    std::map<std::string, std::vector<std::size_t>> groups;  // entries the source asks for, by source term
    std::set<std::size_t> satisfied;                         // entries the translation has a term of
    std::vector<term_finder::hit> forbidden;                 // forbidden terms to report
  };
  scan scan_texts(std::string_view source, std::string_view target) const;

  struct target_term {
    std::size_t entry;
    const term* t;  // nullptr: the entry's source term kept as is (do not translate)
  };
  std::vector<term_entry> entries_;
  std::string target_locale_;
  term_finder source_, target_;
  std::vector<std::size_t> source_entry_;  // source finder's term -> entry
  std::vector<target_term> target_terms_;  // target finder's term -> what it is
  std::vector<std::string> group_;         // entry -> its first source term as compared
};

}  // namespace glossa::detail
