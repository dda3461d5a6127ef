// XLIFF 2.x checks: the modules (matches, glossary, metadata, resource data, change tracking, size restriction,
// validation) (see v2.hpp).
#include <charconv>
#include <regex>

#include "formats/xliff/validation/v2.hpp"

namespace glossa::xliff::check {

void v2_checker::matches(node m) {
  attributes(m, spec::module_container);
  element_only(m);
  std::set<string_view> ids;
  children_of_kind(m, module::mtc, "match", "mtc_children", "mtc_children",
                   [&](node match) { match_element(match, ids); });
}

void v2_checker::match_element(node match, std::set<string_view>& ids) {
  attributes(match, spec::mtc_match);
  if (match.attribute("xml:lang")) out_.add(match, "mtc_match_no_xml_lang", "xml:lang must not be set on <mtc:match>");
  nmtoken(match, "id");
  unique(match, attr(match, "id"), ids, "mtc_match_id_unique", "(match ids must be unique within <mtc:matches>)");
  enumerated(match, "type", "am mt icm idm tb tm other");
  enumerated(match, "reference", yes_no);
  if (auto sub = attr(match, "subType")) {
    if (!match.attribute("type")) out_.add(match, "mtc_subtype_requires_type", "<mtc:match> subType requires type");
    if (!is_user_defined(*sub))
      out_.add(match, "user_defined_value",
               cat("<mtc:match> subType ", quoted(*sub), " must have the form prefix:value"));
  }
  for (const char* a : {"similarity", "matchQuality", "matchSuitability"})
    if (auto v = attr(match, a); v && !is_percentage(*v))
      out_.add(match, "mtc_decimal_0_100",
               cat(a, " ", quoted(*v), " on <mtc:match> must be a decimal between 0 and 100"));
  if (auto ref = attr(match, "ref")) span_ref(match, *ref, "mtc_match");
  element_only(match);
  // Order: mda:metadata?, originalData?, source, target, extensions*.
  enum { start, after_metadata, after_original_data, after_source, after_target } state = start;
  for (auto c : child_elements(match)) {
    auto misplaced = [&] { out_.add(c, "mtc_match_order", cat(tag(c), " is misplaced in <mtc:match>")); };
    if (is(c, module::mda, "metadata")) {
      if (state > start) misplaced();
      state = after_metadata;
      metadata(c);
    } else if (is_core(c, "originalData")) {
      if (state > after_metadata) misplaced();
      state = after_original_data;
      original_data(c);
    } else if (is_core(c, "source") || is_core(c, "target")) {
      bool is_target = is_core(c, "target");
      if (is_target ? state != after_source : state > after_original_data) misplaced();
      state = is_target ? after_target : after_source;
      match_content(c, is_target, match);
    } else if (in_core(c) || is_module(ns_.of(c))) {
      out_.add(c, "mtc_match_children", cat("Element ", tag(c), " is not allowed in <mtc:match>"));
    } else if (state < after_target) {
      out_.add(c, "mtc_match_order", cat("Extension element ", tag(c), " must follow the <target> of <mtc:match>"));
    }
  }
  if (state < after_target) out_.add(match, "mtc_match_children", "<mtc:match> requires a <source> and a <target>");
}

bool v2_checker::is_percentage(string_view v) {
  static const std::regex decimal("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$");
  if (v.size() > 64 || !std::regex_match(v.begin(), v.end(), decimal)) return false;
  double d = std::stod(std::string(v));
  return d >= 0 && d <= 100;
}

void v2_checker::match_content(node c, bool is_target, node match) {
  attributes(c, is_target ? spec::target : spec::source);
  inline_content(c);
  auto l = inherited(c, "xml:lang");
  if (!l) return;
  if (!is_target && !language_matches(*l, src_lang_.value_or("")))
    out_.add(c, "mtc_source_lang", cat("Match source language ", quoted(*l), " differs from srcLang"));
  // A reference match may be in another language (Good-mtc_reference-lang.xlf).
  if (is_target && attr(match, "reference") != "yes" && trg_lang_ && !language_matches(*l, *trg_lang_))
    out_.add(c, "mtc_target_lang", cat("Match target language ", quoted(*l), " differs from trgLang"));
}

void v2_checker::glossary(node g) {
  attributes(g, spec::module_container);
  element_only(g);
  std::set<string_view> ids;  // glossEntry and translation ids share one scope
  children_of_kind(g, module::gls, "glossEntry", "gls_children", "gls_children",
                   [&](node entry) { gloss_entry(entry, ids); });
}

void v2_checker::gloss_entry(node entry, std::set<string_view>& ids) {
  constexpr string_view scope = "(glossEntry and translation ids must be unique within the glossary)";
  attributes(entry, spec::gls_entry);
  nmtoken(entry, "id");
  element_only(entry);
  unique(entry, attr(entry, "id"), ids, "gls_id_unique", scope);
  // A ref with something before '#' points elsewhere (sample1.xlf "t=#m2").
  auto local_ref = [&](node el) {
    if (auto ref = attr(el, "ref"); ref && !ref->empty() && (*ref)[0] == '#') span_ref(el, *ref, "gls");
  };
  local_ref(entry);
  // Order: term, translation*, definition?, extensions*.
  enum { start, after_term, in_translations, after_definition } state = start;
  int translations = 0, definitions = 0;
  for (auto c : child_elements(entry)) {
    auto misplaced = [&] { out_.add(c, "gls_entry_order", cat(tag(c), " is misplaced in <gls:glossEntry>")); };
    if (is(c, module::gls, "term")) {
      if (state != start) misplaced();
      state = after_term;
      attributes(c, spec::gls_term);
    } else if (is(c, module::gls, "translation")) {
      if (state != after_term && state != in_translations) misplaced();
      state = in_translations;
      ++translations;
      attributes(c, spec::gls_translation);
      nmtoken(c, "id");
      unique(c, attr(c, "id"), ids, "gls_id_unique", scope);
      local_ref(c);
    } else if (is(c, module::gls, "definition")) {
      if (state != after_term && state != in_translations) misplaced();
      state = after_definition;
      ++definitions;
      attributes(c, spec::gls_term);
    } else if (in_core(c) || is_module(ns_.of(c))) {
      out_.add(c, "gls_entry_children", cat("Element ", tag(c), " is not allowed in <gls:glossEntry>"));
    } else if (state == start) {
      misplaced();
    }
    if (ns_.of(c) == module::gls && has_child_element(c))
      out_.add(c, "gls_text_only", cat(tag(c), " must contain only text"));
  }
  if (state == start) out_.add(entry, "gls_entry_term", "<gls:glossEntry> requires a <gls:term>");
  if (translations == 0 && definitions == 0)
    out_.add(entry, "gls_entry_translation_or_definition",
             "<gls:glossEntry> must contain a <gls:translation> or a <gls:definition>");
}

void v2_checker::metadata(node m) {
  attributes(m, spec::mda_metadata);
  nmtoken(m, "id");
  element_only(m);
  std::set<string_view> ids;  // metadata and all its metaGroups
  unique(m, attr(m, "id"), ids, "mda_id_unique", "(ids must be unique within <mda:metadata>)");
  children_of_kind(m, module::mda, "metaGroup", "mda_metadata_children", "mda_metadata_children",
                   [&](node g) { meta_group(g, ids); });
}

void v2_checker::meta_group(node g, std::set<string_view>& ids) {
  attributes(g, spec::mda_meta_group);
  nmtoken(g, "id");
  unique(g, attr(g, "id"), ids, "mda_id_unique", "(ids must be unique within <mda:metadata>)");
  enumerated(g, "appliesTo", "source target ignorable");
  element_only(g);
  auto children = child_elements(g);
  for (auto c : children) {
    if (is(c, module::mda, "metaGroup")) {
      meta_group(c, ids);
    } else if (is(c, module::mda, "meta") || (v22_ && is_core(c, "meta"))) {
      // 2.2's Good-mda_top-level.xlf writes <meta> in the core namespace.
      attributes(c, spec::mda_meta);
      if (has_child_element(c)) out_.add(c, "mda_meta_text_only", "<mda:meta> must contain only text");
    } else {
      out_.add(c, "mda_metagroup_children",
               cat("<mda:metaGroup> may only contain <mda:meta> and <mda:metaGroup> (found ", tag(c), ")"));
    }
  }
  if (children.empty()) out_.add(g, "mda_metagroup_children", "<mda:metaGroup> must not be empty");
}

void v2_checker::resource_data(node r) {
  attributes(r, spec::module_container);
  element_only(r);
  std::set<string_view> ids;  // resourceItem and resourceItemRef ids share one scope
  bool seen_item = false;
  for (auto c : child_elements(r)) {
    if (is(c, module::res, "resourceItemRef")) {
      if (seen_item)
        out_.add(c, "res_order", "<res:resourceItemRef> elements must precede the <res:resourceItem> elements");
      attributes(c, spec::res_item_ref);
      nmtoken(c, "ref");
    } else if (is(c, module::res, "resourceItem")) {
      seen_item = true;
      attributes(c, spec::res_item);
      enumerated(c, "context", yes_no);
      resource_item(c);
    } else {
      out_.add(c, "res_children", cat("Element ", tag(c), " is not allowed in <res:resourceData>"));
      continue;
    }
    nmtoken(c, "id");
    unique(c, attr(c, "id"), ids, "res_id_unique",
           "(resourceItem and resourceItemRef ids must be unique within <res:resourceData>)");
  }
}

void v2_checker::resource_item(node item) {
  int last = 0;  // source 1, target 2, reference 3 (repeatable)
  for (auto c : child_elements(item)) {
    string_view l = local_name(c.name());
    int rank = l == "source" ? 1 : l == "target" ? 2 : l == "reference" ? 3 : 0;
    if (ns_.of(c) != module::res || rank == 0) {
      out_.add(c, "res_item_children", cat("Element ", tag(c), " is not allowed in <res:resourceItem>"));
      continue;
    }
    if (rank < last || (rank == last && rank < 3))
      out_.add(c, "res_item_order",
               "<res:resourceItem> content must be <res:source>?, <res:target>?, <res:reference>*");
    last = rank;
    if (rank == 3) {
      attributes(c, spec::res_reference);
      continue;
    }
    attributes(c, spec::res_content);
    bool empty = !has_child_element(c) && !has_text(c, text_kind::non_blank);
    if (!c.attribute("href").empty() != empty)
      out_.add(c, "res_href_iff_empty", cat(tag(c), " must have href if and only if it is empty"));
    for (auto x : child_elements(c))
      if (ns_.of(x) == module::res)
        out_.add(x, "res_content_other_ns", cat("The content of ", tag(c), " must come from another namespace"));
    // res:target's language may differ from trgLang: the specification makes it no error.
    if (auto lang = attr(c, "xml:lang"); lang && rank == 1 && !language_matches(*lang, src_lang_.value_or("")))
      out_.add(c, "res_source_lang",
               cat("res:source xml:lang ", quoted(*lang), " must equal srcLang ", quoted(src_lang_.value_or(""))));
  }
}

void v2_checker::change_track(node ct) {
  attributes(ct, spec::module_container);
  element_only(ct);
  node holder = ct.parent();
  node holder_notes = core_child(holder, "notes");
  std::vector<node> note_list = holder_notes ? child_elements(holder_notes) : std::vector<node>{};
  children_of_kind(ct, module::ctr, "revisions", "ctr_children", "ctr_children",
                   [&](node rv) { revisions(rv, holder, note_list); });
}

void v2_checker::revisions(node rv, node holder, const std::vector<node>& note_list) {
  attributes(rv, spec::ctr_revisions);
  for (const char* a : {"appliesTo", "ref", "currentVersion"}) nmtoken(rv, a);
  auto applies_to = attr(rv, "appliesTo");
  auto ref = attr(rv, "ref");
  node target;  // the element the revisions describe, when known
  if (ref) {
    auto has_ref = [&](node x) { return attr(x, "id") == ref; };
    if (applies_to == "note") {
      auto n = std::find_if(note_list.begin(), note_list.end(), has_ref);
      if (n != note_list.end()) target = *n;
    } else {
      for_each_element(holder, [&](node x) {
        if (!target && x != holder && has_ref(x)) target = x;
      });
    }
    if (!target)
      out_.add(rv, "ctr_ref_resolves",
               cat("ctr:revisions ref ", quoted(*ref), " does not match any element id in ", tag(holder)));
  } else if (applies_to == "note") {
    if (note_list.size() > 1)
      out_.add(rv, "ctr_ref_required_multi", "ctr:revisions applying to one of several <note> elements must use ref");
    else if (!note_list.empty())
      target = note_list.front();
  }
  std::set<string_view> versions;
  children_of_kind(rv, module::ctr, "revision", "ctr_children", "ctr_children", [&](node r) {
    attributes(r, spec::ctr_revision);
    nmtoken(r, "version");
    if (auto v = attr(r, "version")) versions.insert(*v);
    revision_items(r, target);
  });
  if (auto current = attr(rv, "currentVersion"); current && !versions.count(*current))
    out_.add(rv, "ctr_currentversion_resolves",
             cat("currentVersion ", quoted(*current), " matches no ctr:revision version"));
}

void v2_checker::revision_items(node revision, node target) {
  std::set<string_view> properties;
  children_of_kind(revision, module::ctr, "item", "ctr_children", "ctr_children", [&](node item) {
    attributes(item, spec::ctr_item);
    auto p = attr(item, "property");
    if (!p) return;
    if (!properties.insert(*p).second)
      out_.add(item, "ctr_item_property_unique",
               cat("Property ", quoted(*p), " appears more than once in one ctr:revision"));
    if (*p != "content" && target && !target.attribute(std::string(*p).c_str()))
      out_.add(
          item, "ctr_item_property_valid",
          cat("ctr:item property ", quoted(*p), " is neither 'content' nor an attribute of the referenced element"));
  });
}

void v2_checker::size_restriction_element(node e) {
  string_view l = local_name(e.name());
  if (l == "profiles") {
    attributes(e, spec::slr_profiles);
    for (auto c : child_elements(e))
      if (is(c, module::slr, "normalization")) {
        attributes(c, spec::slr_normalization);
        enumerated(c, "general", normalizations);
        enumerated(c, "storage", normalizations);
      }
  } else if (l == "data") {
    attributes(e, spec::slr_data);
  }
}

void v2_checker::validation(node v) {
  attributes(v, spec::val_validation);
  element_only(v);
  children_of_kind(v, module::val, "rule", "val_children", "val_children", [&](node r) { validation_rule(r); });
}

void v2_checker::validation_rule(node r) {
  attributes(r, spec::val_rule);
  std::vector<const char*> kinds;
  for (const char* k : {"isPresent", "isNotPresent", "startsWith", "endsWith"})
    if (r.attribute(k)) kinds.push_back(k);
  // A foreign attribute defines a custom rule (Good-val_extension-rule.xlf).
  bool custom = false;
  for (auto a : r.attributes())
    if (!is_namespace_declaration(a) && !prefix_of(a.name()).empty() && prefix_of(a.name()) != "xml") custom = true;
  if (kinds.size() + (custom ? 1 : 0) != 1)
    out_.add(
        r, "val_rule_exactly_one",
        "<val:rule> must define exactly one rule (isPresent, isNotPresent, startsWith, endsWith or one custom rule)");
  bool with_pattern = kinds.size() == 1 && string_view(kinds[0]) != "isNotPresent";
  if (r.attribute("existsInSource") && !with_pattern)
    out_.add(r, "val_existsinsource_context", "existsInSource is only allowed with isPresent, startsWith or endsWith");
  if (auto o = attr(r, "occurs"); o && !is_positive(*o))
    out_.add(r, "val_occurs_positive", cat("occurs ", quoted(*o), " on <val:rule> must be a positive integer"));
  for (const char* a : {"existsInSource", "caseSensitive", "disabled"}) enumerated(r, a, yes_no);
  enumerated(r, "normalization", normalizations);
  for (const char* k : kinds)
    if (string_view(r.attribute(k).value()).empty())
      out_.add(r, "val_rule_nonempty", cat(k, " on <val:rule> must not be empty"));
}

bool v2_checker::is_positive(string_view v) {
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  return is_digits(v) && v.find_first_not_of('0') != string_view::npos;
}

}  // namespace glossa::xliff::check
