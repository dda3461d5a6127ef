// XLIFF 2.x checks: the document structure, from <xliff> to the parts of a unit (see v2.hpp).
#include <charconv>
#include <regex>

#include "formats/xliff/validation/v2.hpp"

namespace glossa::xliff::check {

void v2_checker::run(node root) {
  for_each_element(root, [&](node el) {
    if (auto l = attr(el, "xml:lang"); l && !is_bcp47(*l))
      out_.add(el, "xml_lang_bcp47",
               cat("xml:lang ", quoted(*l), " on ", tag(el), " is not a well-formed BCP 47 language tag"));
  });
  xliff(root);
}

void v2_checker::check_file(node f, const v2_checker& root_checker) {
  src_lang_ = root_checker.src_lang_;
  trg_lang_ = root_checker.trg_lang_;
  file(f);
}

bool v2_checker::is(node el, string_view ns, string_view local) const {
  return ns_.of(el) == ns && local_name(el.name()) == local;
}

node v2_checker::core_child(node el, string_view local) const {
  for (auto c : el.children())
    if (c.type() == pugi::node_element && is_core(c, local)) return c;
  return {};
}

std::optional<string_view> v2_checker::module_attr(node el, string_view ns, string_view local) const {
  for (auto a : el.attributes())
    if (!is_namespace_declaration(a) && local_name(a.name()) == local && ns_.of(a) == ns) return string_view(a.value());
  return std::nullopt;
}

void v2_checker::attributes(node el, const attr_spec& s) {
  for (auto a : el.attributes()) {
    if (is_namespace_declaration(a)) continue;
    string_view name = a.name(), local = local_name(a.name());
    string_view ns = ns_.of(a);
    if (prefix_of(a.name()).empty()) {
      if (!in_list(s.allowed, name))
        out_.add(el, "attr_not_allowed", cat("Attribute '", name, "' is not allowed on ", tag(el)));
    } else if (ns == xml_namespace_uri) {
      bool ok = (local == "lang" && (s.xml & xml_lang)) || (local == "space" && (s.xml & xml_space));
      if (!ok) out_.add(el, "attr_not_allowed", cat("Attribute '", name, "' is not allowed on ", tag(el)));
    } else if (ns == core_) {
      out_.add(el, "attr_not_allowed",
               cat("Attribute '", name, "' in the XLIFF core namespace is not allowed on ", tag(el)));
    } else {
      if (s.others == foreign::none)
        out_.add(el, "ext_attr_not_allowed", cat("Extension attribute '", name, "' is not allowed on ", tag(el)));
      else if (s.others == foreign::modules && !is_module(ns) && ns != its_namespace_uri)
        out_.add(el, "ext_attr_on_code",
                 cat("Only module attributes are allowed on ", tag(el), " (found '", name, "')"));
      module_attribute_value(el, a, ns, local);
    }
  }
  check_required(el, s.required, out_);
}

void v2_checker::module_attribute_value(node el, pugi::xml_attribute a, string_view ns, string_view local) {
  // Module attributes on module or extension elements are those elements' business.
  if (!is_module(ns) || !in_core(el)) return;
  string_view name = a.name(), value = a.value(), element = local_name(el.name());
  auto where = std::find_if(module_attributes.begin(), module_attributes.end(),
                            [&](const module_attribute& m) { return m.ns == ns && m.name == local; });
  if (where == module_attributes.end()) {
    out_.add(el, "module_attr_unknown", cat("Unknown attribute '", name, "' in module namespace ", ns));
    return;
  }
  if (!in_list(where->elements, element)) {
    out_.add(el, "module_attr_location", cat("Module attribute '", name, "' is not allowed on ", tag(el)));
    return;
  }
  if (ns == module::fs) {
    if (local == "fs" && !in_list(fs_values, value))
      out_.add(el, "fs_value", cat("fs:fs value ", quoted(value), " on ", tag(el), " is not an allowed element name"));
    if (local == "subFs" && !module_attr(el, module::fs, "fs"))
      out_.add(el, "fs_subfs_requires_fs", cat("fs:subFs on ", tag(el), " requires fs:fs on the same element"));
  } else if (ns == module::slr) {
    size_restriction_attribute(el, name, local, value);
  }
}

void v2_checker::size_restriction_attribute(node el, string_view name, string_view local, string_view value) {
  if (local == "sizeRestriction" || local == "storageRestriction") {
    auto parts = split(value, ',');
    bool ok = value == "*" || (parts.size() == 1 && is_digits(parts[0])) ||
              (parts.size() == 2 && is_digits(parts[0]) && (is_digits(parts[1]) || parts[1] == "*"));
    if (!ok)
      out_.add(el, "slr_restriction_pattern",
               cat(name, " value ", quoted(value), " on ", tag(el), " must be '*', 'N', 'N,M' or 'N,*'"));
  } else if (local == "equivStorage" && !is_digits(value)) {
    out_.add(el, "slr_equivstorage_integer",
             cat(name, " value ", quoted(value), " on ", tag(el), " must be a non-negative integer"));
  } else if (local == "sizeInfo") {
    // Free text is valid (withModulesAttributesInEc.xlf); a number must be an integer.
    static const std::regex numeric("^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$");
    if (value.size() < 64 && std::regex_match(value.begin(), value.end(), numeric) && !is_digits(value))
      out_.add(el, "slr_sizeinfo_integer", cat(name, " value ", quoted(value), " on ", tag(el), " must be an integer"));
    if (module_attr(el, module::slr, "sizeInfoRef"))
      out_.add(el, "slr_sizeinfo_xor_ref",
               cat("slr:sizeInfo and slr:sizeInfoRef cannot be used together on ", tag(el)));
  } else if (local == "sizeInfoRef" && !size_info_ref_resolves(el, value)) {
    out_.add(el, "slr_sizeinforef_resolves",
             cat("slr:sizeInfoRef ", quoted(value), " on ", tag(el),
                 " does not point to an element inside a sibling or ancestor-sibling <slr:data>"));
  }
}

bool v2_checker::size_info_ref_resolves(node el, string_view ref) const {
  for (node a = el; a.parent().type() == pugi::node_element; a = a.parent())
    for (auto sibling : child_elements(a.parent())) {
      if (!is(sibling, module::slr, "data")) continue;
      bool found = false;
      for_each_element(sibling, [&](node d) {
        if (d != sibling && (attr(d, "id") == ref || attr(d, "xml:id") == ref)) found = true;
      });
      if (found) return true;
    }
  return false;
}

void v2_checker::enumerated(node el, const char* name, string_view values) {
  if (auto v = attr(el, name); v && !in_list(values, *v))
    out_.add(el, "enum_value",
             cat("Invalid value ", quoted(*v), " for ", name, " on ", tag(el), " (allowed: ", values, ")"));
}

void v2_checker::nmtoken(node el, const char* name) {
  if (auto v = attr(el, name); v && !is_nmtoken(*v))
    out_.add(el, "nmtoken", cat(quoted(*v), " is not a valid NMTOKEN for ", name, " on ", tag(el)));
}

void v2_checker::unique(node el, std::optional<string_view> id, std::set<string_view>& seen, string_view rule,
                        string_view scope) {
  if (id && !seen.insert(*id).second)
    out_.add(el, rule, cat("Duplicate id ", quoted(*id), " on ", tag(el), " ", scope));
}

void v2_checker::xliff(node x) {
  attributes(x, spec::xliff);
  auto version = attr(x, "version");
  if (version && version->substr(0, 2) != "2.")
    out_.add(x, "xliff_version", cat("Unsupported XLIFF version ", quoted(*version)));
  src_lang_ = attr(x, "srcLang");
  trg_lang_ = attr(x, "trgLang");
  for (auto [value, name] : {std::pair{src_lang_, "srcLang"}, std::pair{trg_lang_, "trgLang"}}) {
    if (!value || is_bcp47(*value)) continue;
    if (underscored(*value, is_bcp47))
      out_.add(x, "language_tag_underscore",
               cat(name, " ", quoted(*value), " is not a well-formed BCP 47 language tag: '_' where it needs '-'"));
    else
      out_.add(x, name == std::string_view("srcLang") ? "srclang_bcp47" : "trglang_bcp47",
               cat(name, " ", quoted(*value), " is not a well-formed BCP 47 language tag"));
  }
  element_only(x);
  std::set<string_view> file_ids;
  int files = 0;
  for (auto ch : child_elements(x)) {
    if (is_core(ch, "file")) {
      ++files;
      unique(ch, attr(ch, "id"), file_ids, "file_id_unique", "(<file> ids must be unique in the document)");
      if (defer_)
        defer_->push_back({ch, out_.size()});
      else
        file(ch);
    } else if (v22_ && files == 0 && is_core(ch, "notes")) {
      notes(ch);
    } else if (v22_ && files == 0 && is(ch, module::mda, "metadata")) {
      metadata(ch);
    } else {
      out_.add(ch, "xliff_children", cat("Only <file> elements are allowed in <xliff> (found ", tag(ch), ")"));
    }
  }
  if (files == 0) out_.add(x, "xliff_has_file", "<xliff> must contain at least one <file>");
}

void v2_checker::structural_element(node el, const attr_spec& s) {
  attributes(el, s);
  nmtoken(el, "id");
  enumerated(el, "canResegment", yes_no);
  enumerated(el, "translate", yes_no);
  enumerated(el, "srcDir", directions);
  enumerated(el, "trgDir", directions);
  element_only(el);
  extension_ids(el);
}

void v2_checker::file(node f) {
  structural_element(f, spec::file);
  file_ = {f, {}, {}, {}};
  // Order: skeleton?, extensions and modules*, notes?, (unit|group)+.
  enum { start, after_skeleton, in_extensions, after_notes, in_units } state = start;
  int units_and_groups = 0;
  for (auto ch : child_elements(f)) {
    if (is_core(ch, "skeleton")) {
      if (state > start) out_.add(ch, "file_child_order", "<skeleton> must be the first child of <file>");
      state = after_skeleton;
      skeleton(ch);
    } else if (is_core(ch, "notes")) {
      if (state > in_extensions)
        out_.add(ch, "notes_position", "<notes> in <file> must come before <unit>/<group>, and only once");
      state = after_notes;
      notes(ch);
    } else if (is_core(ch, "unit") || is_core(ch, "group")) {
      state = in_units;
      ++units_and_groups;
      is_core(ch, "unit") ? unit(ch) : group(ch);
    } else if (in_core(ch)) {
      out_.add(ch, "unknown_core_element", cat("Unexpected element ", tag(ch), " in <file>"));
    } else {
      if (state > in_extensions)
        out_.add(ch, "ext_elem_position",
                 cat("Extension/module element ", tag(ch), " must come before <notes>, <unit> and <group> in <file>"));
      else
        state = in_extensions;
      extension_child(ch, "file");
    }
  }
  if (units_and_groups == 0)
    out_.add(f, "file_has_unit_or_group", "<file> must contain at least one <unit> or <group>");
  // References may point forward: resolved once the whole file is read.
  for (const auto& [value, el] : file_.subflows)
    for (string_view id : split(value, ' ')) {
      if (id.empty()) continue;
      if (!is_nmtoken(id))
        out_.add(el, "subflows_nmtokens",
                 cat("subFlows value ", quoted(value), " on ", tag(el), " must be a space-separated list of NMTOKENs"));
      else if (!file_.unit_ids.count(id))
        out_.add(el, "subflows_resolve",
                 cat("subFlows id ", quoted(id), " on ", tag(el), " does not match any <unit> of the file"));
    }
}

void v2_checker::skeleton(node s) {
  attributes(s, spec::skeleton);
  bool has_content = has_child_element(s) || has_text(s, text_kind::non_blank);
  if (s.attribute("href") && has_content)
    out_.add(s, "skeleton_href_xor_content", "<skeleton> with an href attribute must be empty");
  if (!s.attribute("href") && !has_content)
    out_.add(s, "skeleton_href_xor_content", "<skeleton> without an href attribute must have content");
  for (auto ch : child_elements(s))
    if (in_core(ch))
      out_.add(ch, "skeleton_children", cat("<skeleton> may only contain non-XLIFF elements (found ", tag(ch), ")"));
}

void v2_checker::extension_ids(node holder) {
  std::set<std::pair<string_view, string_view>> seen;
  for (auto ch : child_elements(holder)) {
    std::vector<node> roots = is_core(ch, "skeleton") ? child_elements(ch) : std::vector<node>{ch};
    for (auto r : roots) {
      if (in_core(r) || has_own_id_rules(ns_.of(r))) continue;
      for_each_element(r, [&](node d) {
        for (const char* key : {"id", "xml:id"}) {
          auto v = attr(d, key);
          if (!v) continue;
          if (!is_nmtoken(*v))
            out_.add(d, "nmtoken", cat("Extension id ", quoted(*v), " on ", tag(d), " is not an NMTOKEN"));
          if (!seen.emplace(ns_.of(d), *v).second)
            out_.add(d, "ext_id_unique",
                     cat("Duplicate id ", quoted(*v), " among extension elements of namespace ", ns_.of(d), " in ",
                         tag(holder)));
        }
      });
    }
  }
}

void v2_checker::extension_child(node ch, string_view holder) {
  string_view ns = ns_.of(ch), local = local_name(ch.name());
  if (!is_module(ns)) return;  // extensions: anything goes
  auto where = std::find_if(module_elements.begin(), module_elements.end(),
                            [&](const module_element& m) { return m.ns == ns && m.name == local; });
  if (where == module_elements.end() || !in_list(where->holders, holder)) {
    out_.add(ch, "module_elem_location", cat("Module element ", tag(ch), " is not allowed in <", holder, ">"));
    return;
  }
  if (!is(ch, module::ctr, "changeTrack")) {
    auto same = [&](node s) { return is(s, ns, local); };
    auto siblings = child_elements(ch.parent());
    auto first = std::find_if(siblings.begin(), siblings.end(), same);
    if (*first == ch && std::count_if(siblings.begin(), siblings.end(), same) > 1)
      out_.add(ch, "module_elem_once", cat(tag(ch), " may occur only once in <", holder, ">"));
  }
  if (ns == module::mtc)
    matches(ch);
  else if (ns == module::gls)
    glossary(ch);
  else if (ns == module::mda)
    metadata(ch);
  else if (ns == module::res)
    resource_data(ch);
  else if (ns == module::ctr)
    change_track(ch);
  else if (ns == module::slr)
    size_restriction_element(ch);
  else if (ns == module::val)
    validation(ch);
}

void v2_checker::notes(node n) {
  attributes(n, spec::notes);
  element_only(n);
  std::set<string_view> ids;
  children_of_kind(n, core_, "note", "notes_children", "notes_has_note", [&](node ch) {
    attributes(ch, v22_ ? spec::note_2_2 : spec::note_2_0);
    nmtoken(ch, "id");
    enumerated(ch, "appliesTo", "source target");
    if (auto p = attr(ch, "priority"); p && !is_integer_between(*p, 1, 10))
      out_.add(ch, "note_priority", cat("<note> priority ", quoted(*p), " must be an integer from 1 to 10"));
    unique(ch, attr(ch, "id"), ids, "note_id_unique", "(note ids must be unique within <notes>)");
    if (has_child_element(ch)) out_.add(ch, "note_text_only", "<note> must contain only text");
  });
}

void v2_checker::unit_or_group_attributes(node el) {
  structural_element(el, spec::group_or_unit);
  if (auto t = attr(el, "type"); t && !is_user_defined(*t))
    out_.add(el, "user_defined_value", cat("type ", quoted(*t), " on ", tag(el), " must have the form prefix:value"));
}

void v2_checker::group(node g) {
  unit_or_group_attributes(g);
  unique(g, attr(g, "id"), file_.group_ids, "group_id_unique", "(group ids must be unique within their <file>)");
  // Order: extensions and modules*, notes?, (unit|group)*.
  enum { start, in_extensions, after_notes, in_units } state = start;
  for (auto ch : child_elements(g)) {
    if (is_core(ch, "notes")) {
      if (state > in_extensions)
        out_.add(ch, "notes_position", "<notes> in <group> must come before <unit>/<group>, and only once");
      state = after_notes;
      notes(ch);
    } else if (is_core(ch, "unit") || is_core(ch, "group")) {
      state = in_units;
      is_core(ch, "unit") ? unit(ch) : group(ch);
    } else if (in_core(ch)) {
      out_.add(ch, "unknown_core_element", cat("Unexpected element ", tag(ch), " in <group>"));
    } else {
      if (state > in_extensions)
        out_.add(ch, "ext_elem_position", cat("Extension/module element ", tag(ch), " must come first in <group>"));
      state = std::max(state, in_extensions);
      extension_child(ch, "group");
    }
  }
}

void v2_checker::unit(node u) {
  unit_or_group_attributes(u);
  unique(u, attr(u, "id"), file_.unit_ids, "unit_id_unique", "(unit ids must be unique within their <file>)");
  unit_ = {u, std::nullopt, {}};
  // Order: extensions and modules*, notes?, originalData?, (segment|ignorable)+.
  enum { start, in_extensions, after_notes, after_original_data, in_parts } state = start;
  std::vector<node> parts;
  node original, unit_notes;
  for (auto ch : child_elements(u)) {
    if (is_core(ch, "notes")) {
      if (state > in_extensions)
        out_.add(ch, "notes_position",
                 "<notes> in <unit> must come before <originalData>, <segment> and <ignorable>, and only once");
      state = after_notes;
      unit_notes = ch;
      notes(ch);
    } else if (is_core(ch, "originalData")) {
      if (state > after_notes)
        out_.add(ch, "unit_child_order", "<originalData> must come before <segment> and <ignorable>, and only once");
      state = after_original_data;
      original = ch;
    } else if (is_core(ch, "segment") || is_core(ch, "ignorable")) {
      state = in_parts;
      parts.push_back(ch);
    } else if (in_core(ch)) {
      out_.add(ch, "unknown_core_element", cat("Unexpected element ", tag(ch), " in <unit>"));
    } else {
      if (state > in_extensions)
        out_.add(ch, "ext_elem_position",
                 cat("Extension/module element ", tag(ch),
                     " must come before <notes>, <originalData> and the segments of <unit>"));
      state = std::max(state, in_extensions);
    }
  }
  if (original) unit_.data_ids = original_data(original);
  if (unit_notes)
    for (auto n : child_elements(unit_notes))
      if (auto id = attr(n, "id")) unit_.note_ids.insert(*id);
  if (std::none_of(parts.begin(), parts.end(), [&](node p) { return is_core(p, "segment"); }))
    out_.add(u, "unit_has_segment",
             cat("<unit id=", quoted(u.attribute("id").value()), "> must contain at least one <segment>"));

  std::set<string_view> part_ids;
  std::vector<std::pair<long long, node>> orders;  // effective target order of each part with a target
  for (std::size_t i = 0; i < parts.size(); ++i) {
    node p = parts[i];
    part(p);
    unique(p, attr(p, "id"), part_ids, "part_id_unique",
           "(segment and ignorable ids must be unique within their unit)");
    if (node t = core_child(p, "target")) orders.emplace_back(target_order(t, i, parts.size()), p);
  }
  order_uniqueness(parts, orders);
  // Target events follow the effective order (stable for equal values).
  std::stable_sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  inline_checks(parts, orders);
  for (auto ch : child_elements(u))
    if (!in_core(ch)) extension_child(ch, "unit");
}

long long v2_checker::target_order(node t, std::size_t index, std::size_t parts) {
  auto v = attr(t, "order");
  if (!v) return static_cast<long long>(index) + 1;
  long long o = 0;
  if (!is_digits(*v) || (*v)[0] == '0') {
    out_.add(t, "order_value", cat("Invalid target order ", quoted(*v), ": it must be a positive integer"));
    return -1;
  }
  if (std::from_chars(v->data(), v->data() + v->size(), o).ec != std::errc() || o > static_cast<long long>(parts))
    out_.add(t, "order_range", cat("Target order ", *v, " is out of range 1..", std::to_string(parts)));
  return o;
}

void v2_checker::order_uniqueness(const std::vector<node>& parts,
                                  const std::vector<std::pair<long long, node>>& orders) {
  auto has_duplicates = [](std::vector<long long> v) {
    std::sort(v.begin(), v.end());
    return std::adjacent_find(v.begin(), v.end()) != v.end();
  };
  std::vector<long long> target_orders;
  for (const auto& o : orders) target_orders.push_back(o.first);
  bool duplicates = has_duplicates(target_orders);
  if (duplicates) out_.add(unit_.unit, "order_unique", "Two targets of the unit have the same effective order");
  // Parts without a target keep their position, which a target may not take.
  std::vector<long long> all_orders;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    long long o = static_cast<long long>(i) + 1;
    node t = core_child(parts[i], "target");
    if (auto v = t ? attr(t, "order") : std::nullopt; v && is_digits(*v) && v->size() < 18)
      o = std::stoll(std::string(*v));
    all_orders.push_back(o);
  }
  if (!duplicates && has_duplicates(all_orders))
    out_.add(unit_.unit, "order_unique_all_parts",
             "A target's order collides with the position of a part without target");
}

std::set<string_view> v2_checker::original_data(node od) {
  attributes(od, spec::original_data);
  element_only(od);
  std::set<string_view> ids;
  children_of_kind(od, core_, "data", "originaldata_children", "originaldata_has_data", [&](node d) {
    attributes(d, spec::data);
    nmtoken(d, "id");
    enumerated(d, "dir", directions);
    unique(d, attr(d, "id"), ids, "data_id_unique", "(data ids must be unique within <originalData>)");
    for (auto c : child_elements(d)) {
      if (is_core(c, "cp"))
        cp(c);
      else
        out_.add(c, "data_content", cat("<data> may only contain text and <cp/> (found ", tag(c), ")"));
    }
  });
  return ids;
}

void v2_checker::cp(node c) {
  attributes(c, spec::cp);
  auto hex = attr(c, "hex");
  if (!hex) return;
  if (hex->empty() ||
      !std::all_of(hex->begin(), hex->end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); })) {
    out_.add(c, "cp_hex_syntax", cat("Invalid code point ", quoted(*hex), " in <cp hex>"));
    return;
  }
  string_view digits = hex->substr(std::min(hex->find_first_not_of('0'), hex->size()));
  unsigned long v = 0;
  if (digits.size() <= 6) std::from_chars(digits.data(), digits.data() + digits.size(), v, 16);
  if (digits.size() > 6 || v > 0x10FFFF) {
    out_.add(c, "cp_hex_range", cat("Code point ", quoted(*hex), " in <cp hex> is beyond U+10FFFF"));
    return;
  }
  if (is_xml_char(static_cast<char32_t>(v)))
    out_.add(c, "cp_only_invalid_xml_chars",
             cat("U+", *hex, " is a valid XML character and must not be encoded with <cp/>"));
}

void v2_checker::part(node p) {
  bool segment = is_core(p, "segment");
  if (segment) {
    attributes(p, v22_ ? spec::segment_2_2 : spec::segment_2_0);
    enumerated(p, "canResegment", yes_no);
    enumerated(p, "state", "initial translated reviewed final");
    if (auto sub = attr(p, "subState")) {
      if (!p.attribute("state"))
        out_.add(p, "substate_requires_state", "subState requires an explicit state on <segment>");
      if (!is_user_defined(*sub))
        out_.add(p, "user_defined_value", cat("subState ", quoted(*sub), " must have the form prefix:value"));
    }
  } else {
    attributes(p, spec::ignorable);
  }
  nmtoken(p, "id");
  element_only(p);
  auto kids = child_elements(p);
  bool shape = (kids.size() == 1 || kids.size() == 2) && is_core(kids[0], "source") &&
               (kids.size() == 1 || is_core(kids[1], "target"));
  if (!shape)
    out_.add(p, "part_children", cat(tag(p), " must contain one <source> optionally followed by one <target>"));
  for (auto k : kids) {
    if (!is_core(k, "source") && !is_core(k, "target")) continue;
    attributes(k, is_core(k, "target") ? spec::target : spec::source);
    inline_content(k);
  }
  node src = core_child(p, "source"), trg = core_child(p, "target");
  if (trg && !trg_lang_) out_.add(trg, "target_requires_trglang", "<target> found but <xliff> has no trgLang");
  if (src)
    if (auto l = inherited(src, "xml:lang"); l && !language_matches(*l, src_lang_.value_or("")))
      out_.add(
          src, "source_lang_matches_srclang",
          cat("Effective xml:lang ", quoted(*l), " of <source> differs from srcLang ", quoted(src_lang_.value_or(""))));
  if (trg)
    if (auto l = inherited(trg, "xml:lang"); l && trg_lang_ && !language_matches(*l, *trg_lang_))
      out_.add(trg, "target_lang_matches_trglang",
               cat("Effective xml:lang ", quoted(*l), " of <target> differs from trgLang ", quoted(*trg_lang_)));
  if (src && trg && inherited(src, "xml:space").value_or("default") != inherited(trg, "xml:space").value_or("default"))
    out_.add(trg, "xml_space_source_target_same", "<source> and <target> must have the same effective xml:space");
}

void v2_checker::inline_content(node el) {
  constexpr string_view allowed = "cp ph pc sc ec mrk sm em";
  for (auto ch : child_elements(el)) {
    string_view l = local_name(ch.name());
    if (!in_core(ch) || !in_list(allowed, l)) {
      out_.add(ch, "inline_children", cat("Element ", tag(ch), " is not allowed in inline content"));
      continue;
    }
    if (l == "pc" || l == "mrk")
      inline_content(ch);
    else if (has_child_element(ch) || has_text(ch, text_kind::any))
      out_.add(ch, "inline_empty", cat(tag(ch), " must be empty"));
    if (l == "cp") cp(ch);
  }
}

}  // namespace glossa::xliff::check
