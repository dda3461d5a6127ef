// XLIFF 2.x checks: inline codes and markers, and fragment identifiers (see v2.hpp).
#include "formats/xliff/validation/v2.hpp"

namespace glossa::xliff::check {

void v2_checker::events_of(node content, node part, std::vector<event>& out) const {
  for (auto ch : child_elements(content)) {
    if (!in_core(ch)) continue;
    string_view l = local_name(ch.name());
    if (l == "pc") {
      out.push_back({ev::pc_open, ch, part});
      events_of(ch, part, out);
      out.push_back({ev::pc_close, ch, part});
    } else if (l == "mrk") {
      out.push_back({ev::mrk, ch, part});
      events_of(ch, part, out);
    } else {
      constexpr std::array<std::pair<string_view, ev>, 5> empty_elements{
          {{"ph", ev::ph}, {"sc", ev::sc}, {"ec", ev::ec}, {"sm", ev::sm}, {"em", ev::em}}};
      auto kind =
          std::find_if(empty_elements.begin(), empty_elements.end(), [&](const auto& e) { return e.first == l; });
      if (kind != empty_elements.end()) out.push_back({kind->second, ch, part});
    }
  }
}

void v2_checker::inline_checks(const std::vector<node>& parts, const std::vector<std::pair<long long, node>>& orders) {
  std::vector<event> source, target;
  for (node p : parts)
    if (node s = core_child(p, "source")) events_of(s, p, source);
  for (const auto& o : orders) events_of(core_child(o.second, "target"), o.second, target);
  side_checks(source, "source");
  side_checks(target, "target");
  inline_ids(parts, source, target);
  non_removable_codes(source, target);
  reordering(parts, source, target);
  std::vector<event> both = source;
  both.insert(both.end(), target.begin(), target.end());
  copies(both);
  data_refs(both);
}

std::optional<string_view> v2_checker::inline_id(const event& e) {
  switch (e.kind) {
    case ev::ph:
    case ev::pc_open:
    case ev::sc:
    case ev::mrk:
    case ev::sm:
      return attr(e.el, "id");
    case ev::ec:
      return attr(e.el, "isolated") == "yes" ? attr(e.el, "id") : std::nullopt;
    default:
      return std::nullopt;
  }
}

void v2_checker::inline_ids(const std::vector<node>& parts, const std::vector<event>& source,
                            const std::vector<event>& target) {
  std::set<string_view> part_ids, source_ids, target_ids;
  for (node p : parts)
    if (auto id = attr(p, "id")) part_ids.insert(*id);
  for (const auto& e : source)
    if (auto id = inline_id(e); id && (part_ids.count(*id) || !source_ids.insert(*id).second))
      out_.add(e.el, "inline_id_unique",
               cat("Inline id ", quoted(*id), " is not unique in unit ", quoted(unit_.unit.attribute("id").value())));
  // A target code may repeat its source counterpart's id, not a part id.
  for (const auto& e : target) {
    auto id = inline_id(e);
    if (!id) continue;
    if (part_ids.count(*id))
      out_.add(e.el, "inline_id_unique",
               cat("Target inline id ", quoted(*id), " equals a segment/ignorable id of the unit"));
    else if (!target_ids.insert(*id).second)
      out_.add(e.el, "inline_id_unique",
               cat("Inline id ", quoted(*id), " is used twice in the target content of the unit"));
  }
}

std::optional<std::pair<char, string_view>> v2_checker::code_key(const event& e) {
  switch (e.kind) {
    case ev::ph:
      return std::pair{'p', string_view(e.el.attribute("id").value())};
    case ev::pc_open:
    case ev::sc:
      return std::pair{'o', string_view(e.el.attribute("id").value())};
    case ev::ec:
      return std::pair{'c', start_ref_or_id(e.el)};
    case ev::pc_close:
      return std::pair{'c', string_view(e.el.attribute("id").value())};
    default:
      return std::nullopt;
  }
}

void v2_checker::non_removable_codes(const std::vector<event>& source, const std::vector<event>& target) {
  std::set<std::pair<char, string_view>> in_target;
  for (const auto& e : target)
    if (auto k = code_key(e)) in_target.insert(*k);
  for (const auto& e : source) {
    if (!is_code(e.kind) || attr(e.el, "canDelete") != "no" || !core_child(e.part, "target")) continue;
    auto k = code_key(e);
    if (!in_target.count(*k))
      out_.add_in_target(e.el, "non_removable_code_in_target",
                         cat("Code ", quoted(k->second), " has canDelete='no' but is missing from the target"));
  }
}

void v2_checker::reordering(const std::vector<node>& parts, const std::vector<event>& source,
                            const std::vector<event>& target) {
  auto source_runs = sequences(source, "source");
  auto target_runs = sequences(target, "target");
  // Only complete translations can be compared.
  auto has_content = [](node n) { return n && (has_child_element(n) || has_text(n, text_kind::any)); };
  bool translated = std::all_of(parts.begin(), parts.end(), [&](node p) {
    return !has_content(core_child(p, "source")) || has_content(core_child(p, "target"));
  });
  if (!translated) return;
  for (const auto& run : source_runs) {
    auto found = std::find(target_runs.begin(), target_runs.end(), run);
    if (found != target_runs.end())
      target_runs.erase(found);
    else
      out_.add_in_target(unit_.unit, "reorder_sequence_preserved",
                         cat("The sequence of non-reorderable codes starting with ", quoted(run.front().second),
                             " was modified in the target"));
  }
}

std::vector<sequence> v2_checker::sequences(const std::vector<event>& events, string_view side) {
  std::vector<sequence> runs;
  std::optional<sequence> current;
  for (const auto& e : events) {
    if (!is_code(e.kind) && e.kind != ev::pc_close) continue;
    string_view reorder = attr(e.el, "canReorder").value_or("yes");
    bool closing = e.kind == ev::pc_close || e.kind == ev::ec;
    if (e.kind == ev::pc_close) reorder = reorder == "no" || reorder == "firstNo" ? "no" : "yes";
    std::pair<char, string_view> key{
        closing ? 'c' : 'z', e.kind == ev::ec ? start_ref_or_id(e.el) : string_view(e.el.attribute("id").value())};
    if (current) {
      if (reorder == "yes") {
        runs.push_back(std::move(*current));
        current.reset();
      } else if (reorder == "firstNo") {
        runs.push_back(std::move(*current));
        current = sequence{key};
      } else
        current->push_back(key);
    } else if (reorder == "no" && !closing) {
      out_.add(e.el, "reorder_no_needs_firstno",
               cat("Code ", quoted(key.second), " in the ", side,
                   " has canReorder='no' but does not follow a code with canReorder='firstNo'"));
      current = sequence{key};
    } else if (reorder == "firstNo") {
      current = sequence{key};
    }
  }
  if (current) runs.push_back(std::move(*current));
  return runs;
}

void v2_checker::copies(const std::vector<event>& events) {
  for (const auto& e : events) {
    auto copy_of = attr(e.el, "copyOf");
    if (!copy_of || !is_code(e.kind)) continue;
    if (e.el.attribute("dataRef") || e.el.attribute("dataRefStart") || e.el.attribute("dataRefEnd"))
      out_.add(e.el, "copyof_no_data", cat(tag(e.el), " cannot have both copyOf and original data"));
    // The same kind of code: ph for ph, an opening for an opening, a closing for a closing.
    auto same_kind = [&](const event& x) {
      if (x.el == e.el) return false;
      switch (e.kind) {
        case ev::ph:
          return x.kind == ev::ph && attr(x.el, "id") == copy_of;
        case ev::pc_open:
        case ev::sc:
          return (x.kind == ev::pc_open || x.kind == ev::sc) && attr(x.el, "id") == copy_of;
        default:
          return (x.kind == ev::ec && (attr(x.el, "id") == copy_of || attr(x.el, "startRef") == copy_of)) ||
                 (x.kind == ev::pc_close && attr(x.el, "id") == copy_of);
      }
    };
    bool any = false, copyable = true;
    for (const auto& x : events)
      if (same_kind(x)) {
        any = true;
        if (attr(x.el, "canCopy") == "no") copyable = false;
      }
    if (!any)
      out_.add(e.el, "copyof_resolves",
               cat("copyOf=", quoted(*copy_of), " on ", tag(e.el),
                   " does not reference an existing code of the same kind in the unit"));
    else if (!copyable)
      out_.add(e.el, "copyof_target_cancopy",
               cat("copyOf=", quoted(*copy_of), " on ", tag(e.el), " references a code with canCopy='no'"));
  }
}

void v2_checker::data_refs(const std::vector<event>& events) {
  for (const auto& e : events) {
    if (e.kind == ev::pc_close) continue;
    for (const char* a : {"dataRef", "dataRefStart", "dataRefEnd"}) {
      auto v = attr(e.el, a);
      if (!v) continue;
      if (!unit_.data_ids)
        out_.add(e.el, "dataref_requires_originaldata",
                 cat(a, "=", quoted(*v), " on ", tag(e.el), " but the unit has no <originalData>"));
      else if (!unit_.data_ids->count(*v))
        out_.add(e.el, "dataref_resolves",
                 cat(a, "=", quoted(*v), " on ", tag(e.el), " does not match any <data> id of the unit"));
    }
  }
}

void v2_checker::side_checks(const std::vector<event>& events, string_view side) {
  std::map<string_view, std::size_t> sc_at, sm_at;  // first position of each id
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto id = attr(events[i].el, "id");
    if (id && events[i].kind == ev::sc) sc_at.emplace(*id, i);
    if (id && events[i].kind == ev::sm) sm_at.emplace(*id, i);
  }
  std::set<string_view> paired, closed;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const event& e = events[i];
    if (is_code(e.kind)) code_attributes(e);
    if (e.kind == ev::mrk || e.kind == ev::sm) marker_attributes(e);
    if (e.kind == ev::em) {
      attributes(e.el, spec::em);
      auto ref = attr(e.el, "startRef");
      if (!ref) continue;
      auto sm = sm_at.find(*ref);
      if (sm == sm_at.end())
        out_.add(e.el, "em_startref_resolves",
                 cat("<em startRef=", quoted(*ref), "> has no corresponding <sm> in the ", side));
      else if (sm->second > i)
        out_.add(e.el, "em_after_sm", cat("<em startRef=", quoted(*ref), "> appears before its <sm>"));
      else
        closed.insert(*ref);
    }
    if (e.kind == ev::ec) end_code(e, i, sc_at, paired, side, events);
  }
  for (const auto& [id, i] : sc_at) {
    bool isolated = attr(events[i].el, "isolated") == "yes";
    if (paired.count(id) && isolated)
      out_.add(events[i].el, "sc_isolated_unpaired",
               cat("<sc id=", quoted(id), "> is marked isolated but has a matching <ec>"));
    if (!paired.count(id) && !isolated)
      out_.add(
          events[i].el, "sc_unpaired_isolated",
          cat("<sc id=", quoted(id), "> has no matching <ec> in the ", side, " and must be marked isolated='yes'"));
  }
  for (const auto& [id, i] : sm_at)
    if (!closed.count(id))
      out_.add(events[i].el, "sm_has_em", cat("<sm id=", quoted(id), "> has no corresponding <em> in the ", side));
}

void v2_checker::end_code(const event& e, std::size_t i, const std::map<string_view, std::size_t>& sc_at,
                          std::set<string_view>& paired, string_view side, const std::vector<event>& events) {
  bool isolated = attr(e.el, "isolated") == "yes";
  // Before the pairing checks, so an ec that also misuses id/startRef
  // still reports its module attributes.
  if (!isolated)
    for (auto a : e.el.attributes())
      if (!is_namespace_declaration(a) && !prefix_of(a.name()).empty() && prefix_of(a.name()) != "xml")
        out_.add(e.el, "ec_module_attr_only_isolated",
                 cat("Attribute '", a.name(), "' is allowed on <ec> only when isolated='yes'"));
  if (isolated) {
    if (e.el.attribute("startRef"))
      out_.add(e.el, "ec_isolated_uses_id", "<ec isolated='yes'> must use id, not startRef");
    if (auto id = attr(e.el, "id"); !id)
      out_.add(e.el, "ec_isolated_uses_id", "<ec isolated='yes'> must have an id");
    else if (sc_at.count(*id))
      out_.add(e.el, "ec_isolated_not_paired",
               cat("<ec isolated='yes' id=", quoted(*id), "> has a corresponding <sc> in the ", side));
    return;
  }
  if (e.el.attribute("id"))
    out_.add(e.el, "ec_nonisolated_uses_startref", "<ec> without isolated='yes' must not have an id (use startRef)");
  auto ref = attr(e.el, "startRef");
  if (!ref) {
    out_.add(e.el, "ec_nonisolated_uses_startref", "<ec> without isolated='yes' must have a startRef");
    return;
  }
  auto sc = sc_at.find(*ref);
  if (sc == sc_at.end())
    out_.add(e.el, "ec_startref_resolves",
             cat("<ec startRef=", quoted(*ref), "> has no corresponding <sc> in the ", side));
  else if (sc->second > i)
    out_.add(e.el, "ec_after_sc", cat("<ec startRef=", quoted(*ref), "> appears before its <sc>"));
  else {
    paired.insert(*ref);
    ec_matches_sc(events[sc->second].el, e.el);
  }
}

void v2_checker::ec_matches_sc(node sc, node ec) {
  std::string ref = ec.attribute("startRef").value();
  for (const char* a : {"canCopy", "canDelete", "canOverlap"})
    if (attr(sc, a).value_or("yes") != attr(ec, a).value_or("yes"))
      out_.add(ec, "ec_attrs_match_sc", cat("<ec startRef=", quoted(ref), ">: ", a, " differs from its <sc>"));
  string_view s = attr(sc, "canReorder").value_or("yes"), e = attr(ec, "canReorder").value_or("yes");
  if (s == "firstNo" ? e != "no" : s != e)
    out_.add(
        ec, "ec_canreorder_matches_sc",
        cat("<ec startRef=", quoted(ref), ">: canReorder ", quoted(e), " is not valid for sc canReorder ", quoted(s)));
  // Optional on the ec, but equal to the sc's when present.
  for (const char* a : {"type", "subType", "copyOf", "dir"})
    if (auto v = attr(ec, a); v && v != attr(sc, a))
      out_.add(ec, "ec_attrs_match_sc",
               cat("<ec startRef=", quoted(ref), ">: ", a, " ", quoted(*v), " differs from its <sc>"));
}

void v2_checker::code_attributes(const event& e) {
  node el = e.el;
  attributes(el, e.kind == ev::ph        ? spec::ph
                 : e.kind == ev::pc_open ? spec::pc
                 : e.kind == ev::sc      ? spec::sc
                                         : spec::ec);
  for (const char* a : {"id", "startRef", "copyOf", "dataRef", "dataRefStart", "dataRefEnd"}) nmtoken(el, a);
  for (const char* a : {"canCopy", "canDelete", "canOverlap", "isolated"}) enumerated(el, a, yes_no);
  enumerated(el, "canReorder", "yes no firstNo");
  enumerated(el, "dir", directions);
  enumerated(el, "type", "fmt ui quote link image other");
  if (auto sub = attr(el, "subType")) {
    auto type = attr(el, "type");
    if (!type) out_.add(el, "subtype_requires_type", cat("subType requires type on ", tag(el)));
    auto reserved =
        std::find_if(xlf_subtypes.begin(), xlf_subtypes.end(), [&](const auto& x) { return x.first == *sub; });
    if (!is_user_defined(*sub)) {
      out_.add(el, "user_defined_value",
               cat("subType ", quoted(*sub), " on ", tag(el), " must have the form prefix:value"));
    } else if (sub->substr(0, 4) == "xlf:") {
      if (reserved == xlf_subtypes.end())
        out_.add(el, "xlf_subtype_values", cat(quoted(*sub), " is not a defined xlf: subType"));
      else if (type && *type != reserved->second)
        out_.add(el, "xlf_subtype_type",
                 cat("subType ", quoted(*sub), " requires type=", quoted(reserved->second), " on ", tag(el)));
    }
  }
  if (auto r = attr(el, "canReorder");
      r && *r != "yes" && (attr(el, "canCopy") != "no" || attr(el, "canDelete") != "no"))
    out_.add(el, "canreorder_requires_nocopy_nodelete",
             cat(tag(el), " with canReorder=", quoted(*r), " requires canCopy='no' and canDelete='no'"));
  for (const char* a : {"subFlows", "subFlowsStart", "subFlowsEnd"})
    if (auto v = attr(el, a)) file_.subflows.emplace_back(*v, el);
}

void v2_checker::marker_attributes(const event& e) {
  node el = e.el;
  attributes(el, spec::marker);
  nmtoken(el, "id");
  enumerated(el, "translate", yes_no);
  string_view type = attr(el, "type").value_or("generic");
  if (!in_list("generic comment term", type) && !is_user_defined(type))
    out_.add(el, "mrk_type_value", cat("Invalid annotation type ", quoted(type), " on ", tag(el)));
  auto ref = attr(el, "ref");
  std::optional<fragment> f = ref ? parse_fragment(el, *ref) : std::nullopt;
  if (type != "comment") return;
  if (!el.attribute("value").empty() == ref.has_value())
    out_.add(el, "comment_value_xor_ref",
             cat("A comment annotation (", tag(el), ") must have either value or ref, not both or neither"));
  if (!ref) return;
  std::string problem =
      cat("The ref ", quoted(*ref), " of a comment annotation must point to a <note> of the enclosing unit");
  bool to_note = f && (*ref)[0] == '#' && f->has('n') && !f->has('g') && !f->has('s') && !f->has('t') && !f->has('d') &&
                 !f->has('x') && (!f->has('f') || (f->get('f') == attr(file_.file, "id") && f->has('u'))) &&
                 (!f->has('u') || f->get('u') == attr(unit_.unit, "id"));
  if (!to_note)
    out_.add(el, "comment_ref_note_in_unit", problem);
  else if (!unit_.note_ids.count(*f->get('n')))
    out_.add(el, "comment_ref_note_in_unit", cat(problem, " (no note ", quoted(*f->get('n')), " in the unit)"));
}

std::optional<fragment> v2_checker::parse_fragment(node at, string_view ref) {
  auto hash = ref.find('#');
  if (hash == string_view::npos) return std::nullopt;  // not an XLIFF fragment
  string_view path = ref.substr(0, hash), frag = ref.substr(hash + 1);
  if (!path.empty() && frag.find("f=") == string_view::npos) return std::nullopt;  // another document's fragment
  auto fail = [&](string_view rule, std::string message) {
    out_.add(at, rule, std::move(message));
    return std::optional<fragment>();
  };
  if (frag.find(' ') != string_view::npos)
    return fail("fragid_syntax", cat("Invalid fragment identifier ", quoted(ref)));
  bool absolute = !frag.empty() && frag[0] == '/';
  if (absolute) frag.remove_prefix(1);
  fragment f;
  char last = 0;
  for (string_view selector : split(frag, '/')) {
    auto eq = selector.find('=');
    string_view prefix = eq == string_view::npos ? string_view() : selector.substr(0, eq);
    string_view value = eq == string_view::npos ? selector : selector.substr(eq + 1);
    char type = 's';
    if (eq != string_view::npos) {
      if (prefix.size() == 1 && in_list("f g u n t d", prefix))
        type = prefix[0];
      else if (prefix.size() < 2)
        return fail("fragid_prefix_length",
                    cat("Prefix ", quoted(prefix), " in ", quoted(ref), " must be at least 2 characters long"));
      else if (!is_nmtoken(prefix))
        return fail("fragid_prefix_nmtoken", cat("Prefix ", quoted(prefix), " in ", quoted(ref), " is not an NMTOKEN"));
      else if (!in_list(fragment_prefixes, prefix))
        return fail("fragid_prefix_registered",
                    cat("Unknown module/extension prefix ", quoted(prefix), " in ", quoted(ref)));
      else
        type = 'x';
    }
    std::string shown = eq == string_view::npos ? std::string("(id)") : std::string(prefix);
    if (f.has(type))
      return fail("fragid_duplicate_selector",
                  cat("Selector ", quoted(shown), " appears more than once in ", quoted(ref)));
    // f may precede anything, g anything but f, u anything but f and g; the rest are leaves.
    bool allowed =
        last == 0 || last == 'f' || (last == 'g' && type != 'f') || (last == 'u' && type != 'f' && type != 'g');
    if (!allowed)
      return fail("fragid_selector_order", cat("Selector ", quoted(shown), " is misplaced in ", quoted(ref)));
    if (!is_nmtoken(value))
      return fail("fragid_value_nmtoken", cat("Id ", quoted(value), " in ", quoted(ref), " is not an NMTOKEN"));
    f.selectors[type] = value;
    last = type;
  }
  if (absolute && !f.has('f'))
    out_.add(at, "fragid_absolute_needs_f",
             cat("The absolute fragment identifier ", quoted(ref), " needs an f= selector"));
  return f;
}

void v2_checker::span_ref(node at, string_view ref, string_view what) {
  if (ref.empty() || ref[0] != '#') {
    out_.add(at, cat(what, "_ref_fragment"),
             cat("The ref ", quoted(ref), " of ", tag(at), " must be a fragment identifier (#...) into the unit"));
    return;
  }
  auto f = parse_fragment(at, ref);
  if (!f) return;
  std::string rule = cat(what, "_ref_in_unit");
  if ((f->has('u') && f->get('u') != attr(unit_.unit, "id")) ||
      (f->has('f') && f->get('f') != attr(file_.file, "id")) || f->has('s') == f->has('t')) {
    out_.add(at, rule, cat("The ref ", quoted(ref), " of ", tag(at), " must point to a span in the same unit"));
    return;
  }
  std::set<string_view> source_ids, target_ids;
  for (auto p : child_elements(unit_.unit)) {
    if (!is_core(p, "segment") && !is_core(p, "ignorable")) continue;
    if (auto id = attr(p, "id")) source_ids.insert(*id);
    auto collect = [&](node content, std::set<string_view>& ids) {
      if (!content) return;
      for_each_element(content, [&](node x) {
        if (auto id = attr(x, "id"); id && x != content) ids.insert(*id);
      });
    };
    collect(core_child(p, "source"), source_ids);
    collect(core_child(p, "target"), target_ids);
  }
  bool resolves = f->has('s') ? source_ids.count(*f->get('s')) != 0 : target_ids.count(*f->get('t')) != 0;
  if (!resolves) out_.add(at, rule, cat("The ref ", quoted(ref), " of ", tag(at), " does not resolve in the unit"));
}

}  // namespace glossa::xliff::check
