#!/usr/bin/env bash
# Every XLIFF Glossa exports (with and without translation memory matches,
# prefilled, cut into sentence segments)
# validates against the OASIS schemas (1.2 strict
# plus Glossa's extension schema; 2.0/2.1 core and modules; 2.2 core), and so
# do the examples in xliff/examples/.
# Usage: xliff_schema_test.sh GLOSSA SOURCE_DIR CORPUS_DIR
# Exit 77 (skipped) when the corpus is missing, unless CI=true (then: failure).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2 CORPUS=$3
schemas="$CORPUS/xliff/schemas"
[[ -d "$schemas" ]] || missing "corpus schemas at $schemas (set GLOSSA_CORPUS_DIR)"
command -v xmllint >/dev/null || { echo "xmllint missing (apt-get install libxml2-utils)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/wrap12.xsd" <<XSD
<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:glossa:test:wrapper">
  <xs:import namespace="urn:oasis:names:tc:xliff:document:1.2" schemaLocation="$(realpath "$schemas/xliff12/xliff-core-1.2-strict.xsd")"/>
  <xs:import namespace="urn:glossa:xliff:1" schemaLocation="$(realpath "$SRC/xliff/glossa-xliff.xsd")"/>
</xs:schema>
XSD
validate() {  # validate FILE VERSION
  local xsd
  case $2 in
    1.2) xsd="$work/wrap12.xsd" ;;
    2.0|2.1) xsd="$schemas/xliff20/LOCAL-xliff20-core-and-modules.xsd" ;;
    2.2) xsd="$schemas/xliff22/xliff_core_2.2.xsd" ;;
  esac
  if xmllint --nonet --noout --schema "$xsd" "$1" 2>"$work/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $1 ($2):"; head -5 "$work/err"; fi
  # ... and Glossa's own validator, which also checks the processing requirements.
  if "$G" xliff validate "$1" >"$work/err"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL glossa xliff validate $1:"; head -5 "$work/err"; fi
}
db="$work/g.db"
"$G" --db "$db" -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
# An agency's memory whose codes 1.2 and 2.x cannot take as they are: one
# x twice, a TMX type that is no 1.2 ctype, codes with no type at all.
cat > "$work/agency.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence" datatype="plaintext" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="x"/><body>
<tu><tuv xml:lang="en"><seg>Programme Officer, <ph x="1">{0}</ph> Groundwater <bpt i="1" type="ulined">&lt;u&gt;</bpt>Governance<ept i="1">&lt;/u&gt;</ept> <ph x="1">{1}</ph></seg></tuv>
<tuv xml:lang="fr"><seg>Chargé de programme, <ph x="1">{0}</ph> <bpt i="1" type="ulined">&lt;u&gt;</bpt>eaux<ept i="1">&lt;/u&gt;</ept> <ph x="1">{1}</ph></seg></tuv>
<tuv xml:lang="es"><seg>Oficial de programas, <ph x="1">{0}</ph> <bpt i="1" type="ulined">&lt;u&gt;</bpt>aguas<ept i="1">&lt;/u&gt;</ept> <ph x="1">{1}</ph></seg></tuv>
<tuv xml:lang="ar"><seg>موظف برامج، <ph x="1">{0}</ph> <bpt i="1" type="ulined">&lt;u&gt;</bpt>المياه<ept i="1">&lt;/u&gt;</ept> <ph x="1">{1}</ph></seg></tuv></tu>
</body></tmx>
TMX
"$G" --db "$db" -q tm import "$work/agency.tmx" >/dev/null || { failed=$((failed + 1)); echo "FAIL: tm import agency.tmx"; }
# A termbase in each pair: a term with admitted and forbidden translations and a definition, one
# not to translate, one with a definition and no translation (the glossary module's two shapes).
add_terms() {  # add_terms LOCALE TRANSLATION
  "$G" --db "$db" -q terms add "duty station" "$2" --target "$1" --admitted "$2 (2)" --forbidden "$2 (x)" \
    --severity error --definition "Where a staff member is assigned." >/dev/null &&
    "$G" --db "$db" -q terms add IALCO --target "$1" --do-not-translate >/dev/null &&
    "$G" --db "$db" -q terms add "host country" --target "$1" --definition "The State that hosts an office." >/dev/null ||
    { failed=$((failed + 1)); echo "FAIL: terms add ($1)"; }
}
add_terms fr "lieu d'affectation"; add_terms es "lugar de destino"; add_terms ar "مركز العمل"
for locale in ar fr es; do
  for version in 1.2 2.0 2.1 2.2; do
    for scope in todo all; do
      out="$work/$locale-$scope.$version.xlf"
      "$G" --db "$db" -q xliff export --locale "$locale" --version "$version" --scope "$scope" -o "$out" || { failed=$((failed + 1)); continue; }
      # The termbase's entries: 1.2 a note per term, 2.x the glossary module.
      [[ $scope == todo ]] || grep -q '<note from="glossa-terms"\|<gls:glossEntry' "$out" && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); echo "FAIL $out: no term written"; }
      validate "$out" "$version"
      # With the memory's matches: 1.2 <alt-trans>, 2.x the matches module (in context, exact, fuzzy).
      out="$work/$locale-$scope-tm.$version.xlf"
      "$G" --db "$db" -q xliff export --locale "$locale" --version "$version" --scope "$scope" --tm --tm-min 50 -o "$out" ||
        { failed=$((failed + 1)); continue; }
      # Every translated field has its own translation in context (scope all).
      [[ $scope == todo ]] || grep -q '<alt-trans\|<mtc:match ' "$out" && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); echo "FAIL $out: no match written"; }
      [[ $scope == todo ]] || grep -q 'glossa:tm-import/' "$out" && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); echo "FAIL $out: the agency's match is not in the file"; }
      validate "$out" "$version"
      # Prefilled targets (the example content repeats fields word for word across job openings).
      out="$work/$locale-$scope-prefill.$version.xlf"
      "$G" --db "$db" -q xliff export --locale "$locale" --version "$version" --scope "$scope" --tm --prefill exact \
        -o "$out" || { failed=$((failed + 1)); continue; }
      [[ $scope == all || $locale == fr ]] || grep -q 'glossa:prefill=' "$out" && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); echo "FAIL $out: nothing prefilled"; }
      validate "$out" "$version"
      # Sentence segments (1.2 <seg-source>/<mrk>, 2.x <segment>s and <ignorable>s with <sc>/<ec>
      # where a paragraph holds several), with matches per segment and prefill.
      out="$work/$locale-$scope-seg.$version.xlf"
      "$G" --db "$db" -q xliff export --locale "$locale" --version "$version" --scope "$scope" --tm --prefill exact \
        --segment sentences -o "$out" || { failed=$((failed + 1)); continue; }
      [[ $scope == todo && $locale == fr ]] || grep -q '<mrk mtype="seg"\|<segment id="s2"' "$out" &&
        passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL $out: nothing segmented"; }
      validate "$out" "$version"
    done
  done
done
# A stale translation whose older source the store holds carries it as its previous version (1.2
# alttranstype, 2.x type idm); a title respaced only is prefilled in context (1.2 id-match).
cat > "$work/prev-1.json" <<'JSON'
{"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "prev", "source_locale": "en", "fields": {"title": "How to apply", "slug": "prev",
   "body": "<p>Apply by <strong>15 May</strong>.</p>"},
  "translations": {"fr": {"title": {"text": "Comment postuler", "state": "translated"},
   "body": {"text": "<p>Postulez avant le <strong>15 mai</strong>.</p>", "state": "translated"}}}}]}
JSON
# A pair around segments (bold around a paragraph), in the unit and in its matches.
cat > "$work/cut.json" <<'JSON'
{"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "cut", "source_locale": "en", "fields": {"title": "Cut", "slug": "cut",
   "body": "<strong>Apply now. Read the notes.<p>Details. More.</p></strong>"},
  "translations": {"fr": {"body": {"text": "<strong>Postulez. Lisez les notes.<p>Détails. Plus.</p></strong>", "state": "translated"}}}},
 {"type": "page", "key": "cut-2", "source_locale": "en", "fields": {"title": "Cut", "slug": "cut-2",
   "body": "<strong>Apply now. Read the notes.<p>Details. More.</p></strong>"}}]}
JSON
cat > "$work/prev-2.json" <<'JSON'
{"format": "glossa-content", "version": 1, "documents": [
 {"type": "page", "key": "prev", "source_locale": "en", "fields": {"title": "How to  apply", "slug": "prev",
   "body": "<p>Apply by <strong>20 June</strong>.</p>"}}]}
JSON
"$G" --db "$db" -q content import "$work/prev-1.json" "$work/cut.json" && "$G" --db "$db" -q content import "$work/prev-2.json" ||
  { failed=$((failed + 1)); echo "FAIL: content import prev-*.json"; }
for version in 1.2 2.0 2.1 2.2; do
  out="$work/fr-prev.$version.xlf"
  "$G" --db "$db" -q xliff export --locale fr --version "$version" --document prev --scope stale --tm \
    --prefill context -o "$out" || { failed=$((failed + 1)); continue; }
  grep -q 'alttranstype="previous-version"\|type="idm"' "$out" && grep -q 'glossa:prefill=' "$out" &&
    passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL $out: no previous version or no prefill"; }
  validate "$out" "$version"
  out="$work/fr-cut.$version.xlf"
  "$G" --db "$db" -q xliff export --locale fr --version "$version" --document cut --document cut-2 --scope all --tm \
    --prefill exact --segment sentences -o "$out" || { failed=$((failed + 1)); continue; }
  grep -q '<bx \|<sc ' "$out" && grep -q '<it \|isolated="yes"' "$out" && passed=$((passed + 1)) ||
    { failed=$((failed + 1)); echo "FAIL $out: no pair cut by a segment"; }
  validate "$out" "$version"
done
for f in "$SRC"/xliff/examples/*.xlf; do
  v=$(basename "$f" .xlf); v=${v##*.v}  # NAME.LOCALE.vVERSION.xlf
  validate "$f" "$v"
done
finish "xliff schema"
