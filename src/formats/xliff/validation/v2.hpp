// XLIFF 2.x checks: core and modules, with the processing requirements no
// schema expresses. Rules follow the XLIFF 2.1/2.2 specifications.
#pragma once

#include <set>

#include "formats/xliff/validation/check.hpp"

namespace glossa::xliff::check {

// ------------------------------------------------------------------ XLIFF 2.x tables

// Which foreign (namespaced, non-xml:) attributes an element takes.
enum class foreign { any, modules, none };
enum xml_attributes : unsigned { no_xml = 0, xml_lang = 1, xml_space = 2, xml_lang_space = 3 };

struct attr_spec {
  string_view allowed;   // unprefixed attribute names
  string_view required;  // among them, those that must be present
  foreign others = foreign::any;
  unsigned xml = xml_lang_space;
};

namespace spec {
inline constexpr attr_spec xliff{"version srcLang trgLang", "version srcLang"};
inline constexpr attr_spec file{"id canResegment original translate srcDir trgDir", "id"};
inline constexpr attr_spec skeleton{"href", "", foreign::none, no_xml};
inline constexpr attr_spec group_or_unit{"id name canResegment translate srcDir trgDir type", "id"};
inline constexpr attr_spec notes{"", "", foreign::none, no_xml};
inline constexpr attr_spec note_2_0{"id appliesTo category priority", ""};
inline constexpr attr_spec note_2_2{"id appliesTo category priority ref", ""};
inline constexpr attr_spec original_data{"", "", foreign::none, no_xml};
inline constexpr attr_spec data{"id dir", "id", foreign::none, xml_space};
inline constexpr attr_spec segment_2_0{"id canResegment state subState", "", foreign::none, no_xml};
inline constexpr attr_spec segment_2_2{"id canResegment state subState", "", foreign::modules, no_xml};  // pgs:case
inline constexpr attr_spec ignorable{"id", "", foreign::none, no_xml};
inline constexpr attr_spec source{"", "", foreign::none};
inline constexpr attr_spec target{"order", "", foreign::none};
inline constexpr attr_spec cp{"hex", "hex", foreign::none, no_xml};
inline constexpr attr_spec ph{"canCopy canDelete canReorder copyOf disp equiv id dataRef subFlows subType type", "id",
                              foreign::modules, no_xml};
inline constexpr attr_spec pc{
    "canCopy canDelete canOverlap canReorder copyOf dispEnd dispStart equivEnd equivStart id dataRefEnd "
    "dataRefStart subFlowsEnd subFlowsStart subType type dir",
    "id", foreign::modules, no_xml};
inline constexpr attr_spec sc{
    "canCopy canDelete canOverlap canReorder copyOf dataRef dir disp equiv id isolated subFlows subType type", "id",
    foreign::modules, no_xml};
inline constexpr attr_spec ec{
    "canCopy canDelete canOverlap canReorder copyOf dataRef dir disp equiv id isolated startRef subFlows "
    "subType type",
    "", foreign::modules, no_xml};
// xml:lang/xml:space on mrk and sm are accepted: the core schema allows
// them (##other) and no suite file depends on refusing them.
inline constexpr attr_spec marker{"id translate type ref value", "id"};
inline constexpr attr_spec em{"startRef", "startRef", foreign::none, no_xml};
inline constexpr attr_spec module_container{"", "", foreign::none, no_xml};
inline constexpr attr_spec mtc_match{"id matchQuality matchSuitability origin ref reference similarity subType type",
                                     "ref", foreign::any, no_xml};
inline constexpr attr_spec gls_entry{"id ref", "", foreign::any, no_xml};
inline constexpr attr_spec gls_term{"source", "", foreign::any, no_xml};
inline constexpr attr_spec gls_translation{"id ref source", "", foreign::any, no_xml};
inline constexpr attr_spec mda_metadata{"id", "", foreign::none, no_xml};
inline constexpr attr_spec mda_meta_group{"id category appliesTo", "", foreign::none, no_xml};
inline constexpr attr_spec mda_meta{"type", "type", foreign::none, no_xml};
inline constexpr attr_spec res_item_ref{"id ref", "ref", foreign::any, no_xml};
inline constexpr attr_spec res_item{"id mimeType context", "", foreign::any, no_xml};
inline constexpr attr_spec res_reference{"href", "href", foreign::any, xml_lang};
inline constexpr attr_spec res_content{"href", "", foreign::any, xml_lang};
inline constexpr attr_spec ctr_revisions{"appliesTo ref currentVersion", "appliesTo", foreign::any, no_xml};
inline constexpr attr_spec ctr_revision{"author datetime version", "", foreign::any, no_xml};
inline constexpr attr_spec ctr_item{"property", "property", foreign::any, no_xml};
inline constexpr attr_spec slr_profiles{"generalProfile storageProfile", "", foreign::any, no_xml};
inline constexpr attr_spec slr_normalization{"general storage", "", foreign::any, no_xml};
inline constexpr attr_spec slr_data{"profile", "profile", foreign::any, no_xml};
inline constexpr attr_spec val_validation{"", "", foreign::any, no_xml};
inline constexpr attr_spec val_rule{
    "isPresent occurs isNotPresent startsWith endsWith existsInSource caseSensitive normalization disabled", "",
    foreign::any, no_xml};
}  // namespace spec

// Where module attributes may appear (Okapi's modules.xml).
struct module_attribute {
  string_view ns, name, elements;
};
inline constexpr std::array module_attributes{
    module_attribute{module::fs, "fs", "file group unit note ph pc sc ec mrk sm"},
    module_attribute{module::fs, "subFs", "file group unit note ph pc sc ec mrk sm"},
    module_attribute{module::slr, "storageRestriction", "file group unit pc sc mrk sm"},
    module_attribute{module::slr, "sizeRestriction", "file group unit pc sc mrk sm"},
    module_attribute{module::slr, "equivStorage", "ph pc sc ec"},
    module_attribute{module::slr, "sizeInfo", "file group unit ph pc sc ec"},
    module_attribute{module::slr, "sizeInfoRef", "file group unit ph pc sc ec"},
    module_attribute{module::pgs, "switch", "unit"},
    module_attribute{module::pgs, "case", "segment"},
};

// Where module elements may appear.
struct module_element {
  string_view ns, name, holders;
};
inline constexpr std::array module_elements{
    module_element{module::ctr, "changeTrack", "file group unit"},
    module_element{module::mda, "metadata", "file group unit"},
    module_element{module::res, "resourceData", "file unit"},
    module_element{module::slr, "profiles", "file"},
    module_element{module::slr, "data", "file group unit"},
    module_element{module::val, "validation", "file group unit"},
    module_element{module::mtc, "matches", "unit"},
    module_element{module::gls, "glossary", "unit"},
};

inline constexpr string_view fs_values =
    "a b bdo big blockquote body br button caption center cite code col colgroup dd del div dl dt em embed fieldset "
    "form frame frameset h1 h2 h3 h4 h5 h6 head hr html i iframe img input ins kbd label legend li link map meta "
    "noscript object ol optgroup option p param pre q rp rt ruby s samp script select small span strike strong style "
    "sub sup table tbody td textarea tfoot th thead title tr tt u ul";

// Fragment-identifier prefixes known without configuration: the modules',
// plus tbx (TBX in withTBXExtension.xlf).
inline constexpr string_view fragment_prefixes = "mtc gls res fs mda ctr slr val its tbx";

inline constexpr string_view yes_no = "yes no";
inline constexpr string_view directions = "ltr rtl auto";
inline constexpr string_view normalizations = "none nfc nfd";

// Reserved xlf: subTypes and the type each requires.
inline constexpr std::array<std::pair<string_view, string_view>, 6> xlf_subtypes{
    {{"xlf:lb", "fmt"}, {"xlf:pb", "fmt"}, {"xlf:b", "fmt"}, {"xlf:i", "fmt"}, {"xlf:u", "fmt"}, {"xlf:var", "ui"}}};

// ------------------------------------------------------------------ XLIFF 2.x inline events

// Inline content walked depth-first: the codes and markers the pairing and
// ordering rules look at. A pc opens and closes; an mrk only matters where it opens.
enum class ev { ph, pc_open, pc_close, sc, ec, mrk, sm, em };

struct event {
  ev kind;
  node el;
  node part;  // the segment or ignorable
};

inline bool is_code(ev k) { return k == ev::ph || k == ev::pc_open || k == ev::sc || k == ev::ec; }

inline string_view start_ref_or_id(node el) {
  auto ref = attr(el, "startRef");
  return ref && !ref->empty() ? *ref : string_view(el.attribute("id").value());
}

// A selector list of a fragment identifier: f g u n t d, 's' for the
// un-prefixed id, 'x' for a module or extension selector.
struct fragment {
  std::map<char, string_view> selectors;
  bool has(char key) const { return selectors.count(key) != 0; }
  std::optional<string_view> get(char key) const {
    auto it = selectors.find(key);
    return it == selectors.end() ? std::nullopt : std::optional<string_view>(it->second);
  }
};

// A run of non-reorderable codes: (open 'z' or close 'c', id) each.
using sequence = std::vector<std::pair<char, string_view>>;

// ------------------------------------------------------------------ XLIFF 2.x checker

class v2_checker {
 public:
  v2_checker(const namespaces& ns, findings& out, node root)
      : ns_(ns), out_(out), core_(ns.of(root)), v22_(core_ == core_2_2) {}

  void run(node root);
  // run() leaves the <file> elements to `to` instead of checking them.
  void defer_files(std::vector<deferred_file>& to) { defer_ = &to; }
  // Checks one file as run() would have, with the root's languages from `root_checker`.
  void check_file(node f, const v2_checker& root_checker);

 private:
  // ---- names
  bool is(node el, string_view ns, string_view local) const;
  bool is_core(node el, string_view local) const { return is(el, core_, local); }
  bool in_core(node el) const { return ns_.of(el) == core_; }

  node core_child(node el, string_view local) const;

  // A module attribute of `el`, whatever prefix the document gives it.
  std::optional<string_view> module_attr(node el, string_view ns, string_view local) const;

  // ---- generic checks
  void attributes(node el, const attr_spec& s);

  void module_attribute_value(node el, pugi::xml_attribute a, string_view ns, string_view local);

  void size_restriction_attribute(node el, string_view name, string_view local, string_view value);

  bool size_info_ref_resolves(node el, string_view ref) const;

  void enumerated(node el, const char* name, string_view values);

  void nmtoken(node el, const char* name);

  void element_only(node el) { check_element_only(el, out_); }

  // Records `id` in `seen`, with a finding when it was there already.
  void unique(node el, std::optional<string_view> id, std::set<string_view>& seen, string_view rule, string_view scope);

  // Many elements hold one or more children of a single kind: `each` gets
  // those; anything else is reported under `other`, an empty parent under `none`.
  template <class F>
  void children_of_kind(node parent, string_view ns, string_view local, string_view other, string_view none,
                        const F& each);

  // ---- document structure
  void xliff(node x);

  // file, group and unit share these attributes, values and rules.
  void structural_element(node el, const attr_spec& s);

  void file(node f);

  void skeleton(node s);

  // Extension elements of one file/group/unit (and the file's skeleton) share
  // one id scope per namespace; nested groups and units are scopes of their own.
  void extension_ids(node holder);

  void extension_child(node ch, string_view holder);

  void notes(node n);

  void unit_or_group_attributes(node el);

  void group(node g);

  void unit(node u);

  long long target_order(node t, std::size_t index, std::size_t parts);

  void order_uniqueness(const std::vector<node>& parts, const std::vector<std::pair<long long, node>>& orders);

  std::set<string_view> original_data(node od);

  void cp(node c);

  void part(node p);

  void inline_content(node el);

  // ---- inline semantics
  void events_of(node content, node part, std::vector<event>& out) const;

  void inline_checks(const std::vector<node>& parts, const std::vector<std::pair<long long, node>>& orders);

  static std::optional<string_view> inline_id(const event& e);

  void inline_ids(const std::vector<node>& parts, const std::vector<event>& source, const std::vector<event>& target);

  // Category and id a code is matched by across source and target:
  // 'p' placeholder, 'o' opening, 'c' closing.
  static std::optional<std::pair<char, string_view>> code_key(const event& e);

  void non_removable_codes(const std::vector<event>& source, const std::vector<event>& target);

  void reordering(const std::vector<node>& parts, const std::vector<event>& source, const std::vector<event>& target);

  std::vector<sequence> sequences(const std::vector<event>& events, string_view side);

  void copies(const std::vector<event>& events);

  void data_refs(const std::vector<event>& events);

  void side_checks(const std::vector<event>& events, string_view side);

  void end_code(const event& e, std::size_t i, const std::map<string_view, std::size_t>& sc_at,
                std::set<string_view>& paired, string_view side, const std::vector<event>& events);

  void ec_matches_sc(node sc, node ec);

  void code_attributes(const event& e);

  void marker_attributes(const event& e);

  // ---- fragment identifiers (the specification's "Fragment Identification")
  std::optional<fragment> parse_fragment(node at, string_view ref);

  // A ref that must select a span of the enclosing unit: a part or source
  // inline id (un-prefixed) or a target inline id (t=).
  void span_ref(node at, string_view ref, string_view what);

  // ---- modules
  void matches(node m);

  void match_element(node match, std::set<string_view>& ids);

  static bool is_percentage(string_view v);

  void match_content(node c, bool is_target, node match);

  void glossary(node g);

  void gloss_entry(node entry, std::set<string_view>& ids);

  void metadata(node m);

  void meta_group(node g, std::set<string_view>& ids);

  void resource_data(node r);

  void resource_item(node item);

  void change_track(node ct);

  void revisions(node rv, node holder, const std::vector<node>& note_list);

  void revision_items(node revision, node target);

  void size_restriction_element(node e);

  void validation(node v);

  void validation_rule(node r);

  static bool is_positive(string_view v);

  struct file_scope {
    node file;
    std::set<string_view> unit_ids, group_ids;
    std::vector<std::pair<string_view, node>> subflows;  // checked at the end of the file
  };
  struct unit_scope {
    node unit;
    std::optional<std::set<string_view>> data_ids;  // nullopt: no <originalData>
    std::set<string_view> note_ids;
  };

  const namespaces& ns_;
  findings& out_;
  string_view core_;
  bool v22_;
  std::optional<string_view> src_lang_, trg_lang_;
  file_scope file_;
  unit_scope unit_;
  std::vector<deferred_file>* defer_ = nullptr;
};

template <class F>
void v2_checker::children_of_kind(node parent, string_view ns, string_view local, string_view other, string_view none,
                                  const F& each) {
  string_view prefix = prefix_of(parent.name());
  std::string expected = prefix.empty() ? cat("<", local, ">") : cat("<", prefix, ":", local, ">");
  int count = 0;
  for (auto c : child_elements(parent)) {
    if (!is(c, ns, local)) {
      out_.add(c, other, cat(tag(parent), " may only contain ", expected, " (found ", tag(c), ")"));
      continue;
    }
    ++count;
    each(c);
  }
  if (count == 0) out_.add(parent, none, cat(tag(parent), " must contain at least one ", expected));
}

}  // namespace glossa::xliff::check
