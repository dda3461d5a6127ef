// XLIFF 1.x checks (see v1.hpp).
#include "formats/xliff/validation/v1.hpp"

namespace glossa::xliff::check {

// Content models of the 1.2 transitional schema, as regular expressions over
// the child elements: "a? (b|c)* d+"; "##other" is any element outside the
// XLIFF namespace. `mixed`: text is allowed between children.
struct v1_element {
  string_view name;
  string_view required;  // attributes
  string_view model;
  bool mixed = false;
};

constexpr string_view v1_inline = "(g|bpt|ept|ph|it|mrk|x|bx|ex)*";
constexpr string_view v1_external = "(internal-file|external-file)";

constexpr std::array v1_elements{
    v1_element{"xliff", "version", "##other* file (file|##other)*"},
    v1_element{"file", "original source-language datatype", "header? body"},
    v1_element{"header", "", "skl? phase-group? (glossary|reference|count-group|prop-group|note|tool)* ##other*"},
    v1_element{"skl", "", v1_external},
    v1_element{"glossary", "", v1_external},
    v1_element{"reference", "", v1_external},
    v1_element{"internal-file", "", "", true},
    v1_element{"external-file", "href", ""},
    v1_element{"phase-group", "", "phase+"},
    v1_element{"phase", "phase-name process-name", "note*"},
    v1_element{"count-group", "name", "count*"},
    v1_element{"count", "", "", true},
    v1_element{"context-group", "", "context+"},
    v1_element{"context", "context-type", "", true},
    v1_element{"prop-group", "", "prop+"},
    v1_element{"prop", "prop-type", "", true},
    v1_element{"note", "", "", true},
    v1_element{"tool", "tool-id tool-name", "(##any)*", true},
    v1_element{"body", "", "(group|trans-unit|bin-unit)*"},
    v1_element{"group", "", "context-group* count-group* prop-group* note* ##other* (group|trans-unit|bin-unit)*"},
    v1_element{"trans-unit", "id",
               "source seg-source? target? (context-group|count-group|prop-group|note|alt-trans)* ##other*"},
    v1_element{"alt-trans", "", "source? seg-source? target+ context-group* prop-group* note* ##other*"},
    v1_element{"bin-unit", "id mime-type",
               "bin-source bin-target? (context-group|count-group|prop-group|note|trans-unit)* ##other*"},
    v1_element{"bin-source", "", v1_external},
    v1_element{"bin-target", "", v1_external},
    v1_element{"source", "", v1_inline, true},
    v1_element{"seg-source", "", v1_inline, true},
    v1_element{"target", "", v1_inline, true},
    v1_element{"g", "id", v1_inline, true},
    v1_element{"mrk", "mtype", v1_inline, true},
    v1_element{"sub", "", v1_inline, true},
    v1_element{"x", "id", ""},
    v1_element{"bx", "id", ""},
    v1_element{"ex", "id", ""},
    v1_element{"ph", "id", "sub*", true},
    v1_element{"bpt", "id", "sub*", true},
    v1_element{"ept", "id", "sub*", true},
    v1_element{"it", "id pos", "sub*", true},
};

// Elements whose children are inline codes: their content rule is "inline_children".
constexpr string_view v1_inline_containers = "source seg-source target g bpt ept ph it mrk x bx ex sub";

// Enumerated attributes worth checking; `extensible`: "x-..." values are
// allowed too (the schema's XTend).
struct v1_enumeration {
  const char* attribute;
  string_view elements;
  string_view values;
  bool extensible;
};

constexpr std::array v1_enumerations{
    v1_enumeration{"version", "xliff", "1.0 1.1 1.2", false},
    v1_enumeration{
        "datatype", "file group trans-unit alt-trans sub",
        "asp c cdf cfm cpp csharp cstring csv database documentfooter documentheader filedialog form html "
        "htmlbody ini interleaf javaclass javapropertyresourcebundle javalistresourcebundle javascript jscript "
        "layout lisp margin menufile messagefile mif mimetype mo msglib pagefooter pageheader parameters pascal "
        "php plaintext po report resources resx rtf sgml sgmldtd svg vbscript warning winres xhtml xml xmldtd "
        "xsl xul",
        true},
    v1_enumeration{"translate", "group trans-unit bin-unit", "yes no", false},
    v1_enumeration{"approved", "trans-unit bin-unit", "yes no", false},
    v1_enumeration{
        "state", "target bin-target",
        "final needs-adaptation needs-l10n needs-review-adaptation needs-review-l10n needs-review-translation "
        "needs-translation new signed-off translated",
        true},
    v1_enumeration{
        "state-qualifier", "target bin-target",
        "exact-match fuzzy-match id-match leveraged-glossary leveraged-inherited leveraged-mt "
        "leveraged-repository leveraged-tm mt-suggestion rejected-grammar rejected-inaccurate rejected-length "
        "rejected-spelling tm-suggestion",
        true},
    v1_enumeration{
        "mtype", "mrk",
        "abbrev abbreviated-form abbreviation acronym appellation collocation common-name datetime equation "
        "expanded-form formula head-term initialism international-scientific-term internationalism "
        "logical-expression materials-management-unit name near-synonym part-number phrase phraseological-unit "
        "protected romanized-form seg set-phrase short-form sku standard-text symbol synonym synonymous-phrase "
        "term transcribed-form transliterated-form truncated-term variant",
        true},
    v1_enumeration{"context-type", "context",
                   "database element elementtitle linenumber numparams paramnotes record recordtitle sourcefile", true},
    v1_enumeration{"alttranstype", "alt-trans", "proposal previous-version rejected reference accepted", true},
    v1_enumeration{"pos", "it", "open close", false},
    v1_enumeration{"clone", "g x bx", "yes no", false},
};

std::vector<particle> parse_model(string_view model) {
  constexpr unsigned unbounded = ~0u;
  std::vector<particle> out;
  for (string_view token : split(model, ' ')) {
    if (token.empty()) continue;
    particle p;
    switch (token.back()) {
      case '?':
        p.min = 0;
        token.remove_suffix(1);
        break;
      case '*':
        p.min = 0;
        p.max = unbounded;
        token.remove_suffix(1);
        break;
      case '+':
        p.max = unbounded;
        token.remove_suffix(1);
        break;
      default:
        break;
    }
    if (token.front() == '(') token = token.substr(1, token.size() - 2);
    p.names = split(token, '|');
    out.push_back(std::move(p));
  }
  return out;
}

v1_checker::v1_checker(const namespaces& ns, findings& out, node root) : ns_(ns), out_(out), xliff_ns_(ns.of(root)) {
  for (const auto& e : v1_elements) elements_.emplace(e.name, described{&e, parse_model(e.model)});
}

void v1_checker::run(node root) {
  root_ = root;
  element(root);
}

std::string v1_checker::rule_for(string_view parent) {
  if (in_list(v1_inline_containers, parent)) return "inline_children";
  std::string r(parent);
  std::replace(r.begin(), r.end(), '-', '_');
  return r + "_children";
}

void v1_checker::element(node el) {
  string_view name = local_name(el.name());
  auto d = elements_.find(name);
  if (d == elements_.end()) return;  // reported by the parent's content model
  if (name == "file") {
    unit_ids_.clear();
    group_ids_.clear();
  }
  check_required(el, d->second.table->required, out_);
  attributes(el, name);
  content(el, d->second);
  for (auto c = el.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || ns_.of(c) != xliff_ns_) continue;
    if (defer_ && el == root_ && local_name(c.name()) == "file") {
      defer_->push_back({c, out_.size()});
      unit_ids_.clear();  // a stray unit after it starts afresh, as after a file checked here
      group_ids_.clear();
    } else {
      element(c);
    }
  }
}

void v1_checker::attributes(node el, string_view name) {
  if (!el.first_attribute()) return;
  for (const auto& e : v1_enumerations) {
    if (!in_list(e.elements, name)) continue;
    auto v = attr(el, e.attribute);
    if (!v || in_list(e.values, *v)) continue;
    bool extension = v->size() > 2 && v->substr(0, 2) == "x-" && std::none_of(v->begin(), v->end(), is_xml_space);
    if (e.extensible && extension) continue;
    out_.add(el, "enum_value",
             cat("Invalid value ", quoted(*v), " for ", e.attribute, " on ", tag(el), " (allowed: ", e.values,
                 e.extensible ? ", or x-... for a custom value)" : ")"));
  }
  if (name == "file")
    for (const char* a : {"source-language", "target-language"})
      if (auto v = attr(el, a); v && !is_xs_language(*v)) {
        if (underscored(*v, is_xs_language))
          out_.add(el, "language_tag_underscore",
                   cat(a, " ", quoted(*v), " on ", tag(el), " is not a language tag: '_' where it needs '-'"));
        else
          out_.add(el, "language_tag", cat(a, " ", quoted(*v), " on ", tag(el), " is not a language tag"));
      }
  if (name == "trans-unit" || name == "bin-unit") unique_id(el, unit_ids_, "unit_id_unique");
  if (name == "group") unique_id(el, group_ids_, "group_id_unique");
}

void v1_checker::unique_id(node el, std::unordered_set<string_view>& seen, string_view rule) {
  auto id = attr(el, "id");
  if (id && !seen.insert(*id).second)
    out_.add(el, rule, cat("Duplicate id ", quoted(*id), " on ", tag(el), ": ids must be unique within their <file>"));
}

void v1_checker::content(node el, const described& d) {
  if (!d.table->mixed) check_element_only(el, out_);
  const auto& model = d.model;
  if (!model.empty() && model.front().accepts("##any")) return;
  std::string rule;  // only when there is something to report
  auto rule_name = [&]() -> const std::string& {
    if (rule.empty()) rule = rule_for(d.table->name);
    return rule;
  };
  string_view expected = d.table->model.empty() ? "none" : d.table->model;
  auto& count = counts_;  // reused: content() does not recurse
  count.assign(model.size(), 0);
  std::size_t at = 0;
  auto require_up_to = [&](std::size_t k) {
    for (; at < k; ++at)
      if (count[at] < model[at].min)
        out_.add(el, rule_name(),
                 cat(tag(el), " must contain ", model[at].shown(), " (expected content: ", expected, ")"));
  };
  for (auto c = el.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    string_view n = model_name(c);
    std::size_t k = at;
    while (k < model.size() && !(model[k].accepts(n) && count[k] < model[k].max)) ++k;
    if (k == model.size()) {
      bool known = std::any_of(model.begin(), model.end(), [&](const particle& p) { return p.accepts(n); });
      out_.add(c, rule_name(),
               cat(tag(c), known ? " is out of place or repeated in " : " is not allowed in ", tag(el),
                   " (expected content: ", expected, ")"));
      continue;
    }
    require_up_to(k);
    ++count[k];
  }
  require_up_to(model.size());
}

}  // namespace glossa::xliff::check
