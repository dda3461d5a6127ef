#include "qa/terminology.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "i18n/words.hpp"

namespace glossa::detail {

namespace {
std::string quoted(std::string_view s) { return "\u201c" + std::string(s) + "\u201d"; }

std::string one_of(const std::vector<const term*>& terms) {
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i)
    out += (i == 0 ? "" : i + 1 == terms.size() ? " or " : ", ") + quoted(terms[i]->text);
  return out;
}

bool allowed(const term& t) { return t.status != term_status::forbidden; }
}  // namespace

terminology::terminology(std::vector<term_entry> entries, std::string_view source_locale,
                         std::string_view target_locale)
    : entries_(std::move(entries)), target_locale_(target_locale), source_(source_locale), target_(target_locale) {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const term_entry& e = entries_[i];
    std::string group;
    for (const auto& t : e.source) {
      if (!allowed(t)) continue;
      source_.add(t.text);
      source_entry_.push_back(i);
      if (group.empty())
        for (const auto& w : source_.words(t.text)) group += w + " ";
    }
    group_.push_back(std::move(group));
    for (const auto& t : e.target) {
      target_.add(t.text, t.status == term_status::forbidden);
      target_terms_.push_back({i, &t});
    }
    if (e.do_not_translate && !e.source.empty()) {
      target_.add(e.source.front().text, true);
      target_terms_.push_back({i, nullptr});
    }
  }
}

std::vector<const term_entry*> terminology::in_source(std::string_view text) const {
  std::set<std::size_t> hit;
  for (std::size_t n : source_.find(text)) hit.insert(source_entry_[n]);
  std::vector<const term_entry*> out;
  for (std::size_t i : hit) out.push_back(&entries_[i]);
  return out;
}

// What the source and the translation have: the entries the source asks
// for, by source term; the entries the translation satisfies; the forbidden
// terms it has outside a term the source asks for ("poste" inside "avis de
// vacance de poste" is that term).
terminology::scan terminology::scan_texts(std::string_view source, std::string_view target) const {
  scan out;
  std::set<std::size_t> asked;
  for (const term_entry* e : in_source(source)) {
    auto i = static_cast<std::size_t>(e - entries_.data());
    asked.insert(i);
    out.groups[group_[i]].push_back(i);
  }
  std::vector<term_finder::hit> expected_here;
  for (const auto& h : target_.hits(target)) {
    const target_term& tt = target_terms_[h.term];
    if (tt.t && !allowed(*tt.t)) {
      out.forbidden.push_back(h);
      continue;
    }
    out.satisfied.insert(tt.entry);
    if (asked.count(tt.entry)) expected_here.push_back(h);
  }
  // ... nor is one inside a longer forbidden term ("poste" in "postes vacants"): that one is reported.
  auto inside = [&](const term_finder::hit& f) {
    auto covers = [&](const term_finder::hit& a) {
      return a.begin <= f.begin && f.end <= a.end && a.end - a.begin > f.end - f.begin;
    };
    return std::any_of(expected_here.begin(), expected_here.end(),
                       [&](const auto& a) { return a.begin <= f.begin && f.end <= a.end; }) ||
           std::any_of(out.forbidden.begin(), out.forbidden.end(), covers);
  };
  std::vector<term_finder::hit> kept;
  for (const auto& f : out.forbidden)
    if (!inside(f)) kept.push_back(f);
  out.forbidden = std::move(kept);
  return out;
}

std::vector<qa_finding> terminology::check(const field_def& def, std::string_view source,
                                           std::string_view target) const {
  std::vector<qa_finding> out;
  if (entries_.empty()) return out;
  auto add = [&](qa_severity sev, std::string message) {
    out.push_back({"terminology", sev, {}, def.name, target_locale_, std::move(message)});
  };
  std::string sv = def.kind == field_kind::text ? std::string(source) : visible_source(source, def.kind);
  std::string tv = def.kind == field_kind::text ? std::string(target) : visible_source(target, def.kind);
  scan found = scan_texts(sv, tv);
  for (const auto& [key, members] : found.groups) {
    bool satisfied = false, checkable = false;
    std::vector<const term*> expected;
    for (std::size_t i : members) {
      satisfied = satisfied || found.satisfied.count(i);
      for (const auto& t : entries_[i].target)
        if (allowed(t)) expected.push_back(&t), checkable = true;
      checkable = checkable || entries_[i].do_not_translate;
    }
    if (satisfied || !checkable) continue;
    const term_entry& first = entries_[members.front()];
    if (first.do_not_translate && members.size() == 1)
      add(qa_severity::warning,
          quoted(first.source.front().text) + " is not to be translated: the translation should have it as it is");
    else
      add(qa_severity::warning, "the source has " + quoted(first.source.front().text) +
                                    ": the termbase translates it as " + one_of(expected));
  }
  std::set<std::size_t> reported;  // a forbidden term found twice is reported once
  for (const auto& f : found.forbidden) {
    if (!reported.insert(f.term).second) continue;
    const target_term& tt = target_terms_[f.term];
    std::vector<const term*> instead;
    for (const auto& t : entries_[tt.entry].target)
      if (allowed(t)) instead.push_back(&t);
    add(tt.t->error ? qa_severity::error : qa_severity::warning,
        quoted(tt.t->text) + " is a forbidden term" + (instead.empty() ? "" : ": use " + one_of(instead)));
  }
  return out;
}

std::vector<std::string> terminology::do_not_translate() const {
  std::vector<std::string> out;
  for (const auto& e : entries_)
    if (e.do_not_translate)
      for (const auto& t : e.source) out.push_back(t.text);
  return out;
}

}  // namespace glossa::detail
