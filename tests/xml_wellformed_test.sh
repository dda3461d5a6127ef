#!/usr/bin/env bash
# Not well-formed XML is refused, always: a real export mutated once per
# constraint of XML 1.0 and Namespaces in XML 1.0. Glossa refuses every file
# `xmllint --noout` refuses, and the namespace errors xmllint only warns
# about, at file:line:column, changing nothing; `xliff validate` calls each
# file invalid. A DOCTYPE with an internal subset is refused by policy; one
# that only names an external DTD is read (and the DTD never fetched).
# Usage: xml_wellformed_test.sh GLOSSA SOURCE_DIR
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2
command -v xmllint >/dev/null || missing "xmllint (apt-get install libxml2-utils)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$G" --db g.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
"$G" --db g.db -q xliff export --locale es --scope all -o es.xlf || exit 1
"$G" --db g.db -q xliff export --locale ar --scope all --version 2.1 -o ar.xlf || exit 1
state() { "$G" --db g.db content export; "$G" --db g.db history job-2026-003 --format json; }
state > before.txt

# NAME BASE KIND PYTHON: KIND is "both" (xmllint refuses too), "ns" (xmllint
# only warns: a namespace error), "stricter" (xmllint accepts what XML forbids)
# or "policy" (xmllint accepts: Glossa's own rule).
# PYTHON edits the text `s` of BASE into NAME.xlf.
mutate() {
  local name=$1 base=$2 kind=$3 code=$4
  python3 - "$base" "$name.xlf" "$code" <<'EOF' || { bad "$name: the mutation did not apply"; return; }
import sys
base, out, code = sys.argv[1:4]
s = open(base, encoding="utf-8").read()
before = s
exec(code)
if s == before:
    sys.exit(1)
open(out, "w", encoding="utf-8", newline="").write(s)
EOF
  xmllint --noout "$name.xlf" 2>lint.err
  local lint=$?
  case $kind in
    both) [[ $lint -ne 0 ]] && ok || bad "$name: xmllint accepts it, so it does not test what it says" ;;
    ns) grep -q "namespace error" lint.err && ok || bad "$name: xmllint reports no namespace error: $(head -1 lint.err)" ;;
    policy | stricter) [[ $lint -eq 0 ]] && ok || bad "$name: xmllint refuses it: $(head -1 lint.err)" ;;
  esac
  "$G" --db g.db xliff import "$name.xlf" >out 2>err
  local rc=$?
  expect "$name: import exit" 4 $rc
  grep -qE "^glossa: error: $name\.xlf:[0-9]+:[0-9]+: " err && ok || bad "$name: no file:line:column in '$(head -1 err)'"
  "$G" --db g.db xliff validate "$name.xlf" >out 2>err
  expect "$name: validate exit" 10 $?
}

# XML 1.0
mutate lt_in_attribute es.xlf both 's = s.replace(" original=\"", " original=\"a<b ", 1)'
mutate bare_ampersand es.xlf both 's = s.replace("<target state=\"translated\">", "<target state=\"translated\">R&D ", 1)'
mutate undefined_entity es.xlf both 's = s.replace("<target state=\"translated\">", "<target state=\"translated\">&nbsp;", 1)'
mutate undefined_entity_in_attribute es.xlf both 's = s.replace(" original=\"", " original=\"&eacute;", 1)'
mutate bare_ampersand_in_attribute ar.xlf both 's = s.replace(" original=\"", " original=\"R&D ", 1)'
mutate duplicate_attribute es.xlf both 's = s.replace("<trans-unit id=", "<trans-unit maxwidth=\"9\" maxwidth=\"9\" id=", 1)'
mutate cdata_end_in_text es.xlf both 's = s.replace("<target state=\"translated\">", "<target state=\"translated\">a ]]> b ", 1)'
mutate element_after_root es.xlf both 's = s + "<extra/>\n"'
mutate second_root ar.xlf both 's = s + s[s.index("<xliff"):]'
mutate text_after_root es.xlf both 's = s + "trailing text\n"'
mutate space_before_declaration es.xlf both 's = " " + s'
mutate comment_before_declaration es.xlf both 's = "<!-- exported -->\n" + s'
mutate double_hyphen_in_comment ar.xlf both 's = s.replace("<file", "<!-- a -- b --><file", 1)'
mutate xml_named_pi es.xlf both 's = s.replace("<file", "<?xml version=\"1.0\"?><file", 1)'
mutate bad_character_reference es.xlf both 's = s.replace("<target state=\"translated\">", "<target state=\"translated\">&#1;", 1)'
mutate surrogate_reference ar.xlf both 's = s.replace("<target>", "<target>&#xD800;", 1)'
mutate raw_control_character es.xlf both 's = s.replace("<target state=\"translated\">", "<target state=\"translated\">\x0b", 1)'
mutate bad_element_name ar.xlf both 's = s.replace("<notes>", "<1notes>", 1).replace("</notes>", "</1notes>", 1)'
mutate unquoted_attribute es.xlf both 's = s.replace("datatype=\"plaintext\"", "datatype=plaintext", 1)'
mutate no_space_between_attributes es.xlf both 's = s.replace("\" target-language=", "\"target-language=", 1)'
mutate mismatched_end_tag es.xlf both 's = s.replace("</source>", "</sourse>", 1)'
mutate unclosed_cdata ar.xlf both 's = s.replace("<target>", "<target><![CDATA[x", 1)'
mutate truncated ar.xlf both 's = s[: len(s) // 2]'
mutate declaration_without_version es.xlf both 's = s.replace("version=\"1.0\" encoding", "encoding", 1)'
# XML 4.3.3 makes a byte-order mark contradicting the declaration fatal; libxml2 2.9 reads on.
mutate bom_contradicts_declaration es.xlf stricter 's = "\ufeff" + s.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", 1)'
# Namespaces in XML 1.0 (xmllint warns; the document is not namespace-well-formed)
mutate undeclared_prefix es.xlf ns 's = s.replace("<header>", "<header><its:rules/>", 1)'
mutate attribute_twice_through_two_prefixes ar.xlf ns 's = s.replace("<file ", "<file xmlns:a=\"urn:x\" xmlns:b=\"urn:x\" a:n=\"1\" b:n=\"2\" ", 1)'
mutate rebinding_xml_prefix es.xlf ns 's = s.replace("<file ", "<file xmlns:xml=\"urn:elsewhere\" ", 1)'
mutate undeclaring_a_prefix ar.xlf ns 's = s.replace("<file ", "<file xmlns:glossa=\"\" ", 1)'
# Glossa's policy: no internal DTD subset.
mutate internal_subset es.xlf policy 's = s.replace("<xliff ", "<!DOCTYPE xliff [<!ELEMENT xliff ANY>]>\n<xliff ", 1)'
grep -q "internal subset" err 2>/dev/null || grep -q "internal subset" out && ok || bad "internal_subset: the refusal does not say why"

# Nothing was changed by any of them.
state > after.txt
cmp -s before.txt after.txt && ok || bad "a refused file changed the store"

# A DOCTYPE naming only an external DTD, as old XLIFF files have: read, not fetched.
python3 - <<'EOF'
s = open("es.xlf", encoding="utf-8").read()
s = s.replace("<xliff ", '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">\n<xliff ', 1)
open("external-dtd.xlf", "w", encoding="utf-8").write(s)
EOF
"$G" --db g.db xliff import external-dtd.xlf >out 2>err
expect "external DTD: import exit" 0 $?
grep -q "unchanged" out && ok || bad "external DTD: $(tail -1 out) $(head -1 err)"

finish "xml-wellformed"
