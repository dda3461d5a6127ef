#!/usr/bin/env bash
# Translate Toolkit, an independent XLIFF implementation, reads what Glossa
# exports: xliff2po converts every unit, pocount counts every unit. Then its
# Python API edits the exports as a translator's tool would (rich targets built
# from the rich sources), and Glossa takes every unit back with its codes.
# Usage: translate_toolkit_test.sh GLOSSA SOURCE_DIR
# Exit 77 (skipped) when translate-toolkit is missing, unless CI=true.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2
command -v xliff2po >/dev/null && command -v pocount >/dev/null || missing "translate-toolkit (apt-get install translate-toolkit)"
# The interpreter that runs xliff2po has the translate package, even when
# another python3 (pyenv, a venv) comes first on PATH.
py=$(sed -n '1s/^#! *//p' "$(command -v xliff2po)")
$py -c 'import translate.storage.xliff' 2>/dev/null || py=python3
$py -c 'import translate.storage.xliff' 2>/dev/null || missing "translate-toolkit's Python API (import translate.storage.xliff)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$G" --db g.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
# The translation memory as TMX: Translate Toolkit's TMX reader takes every
# unit, with its source and target, and the organization's name in French.
"$G" --db g.db -q tm export --locale fr -o fr.tmx || bad "tm export"
if out=$($py - fr.tmx "$(grep -c '<tu ' fr.tmx)" 2>&1 <<'EOF'
import sys
from translate.storage import tmx
store = tmx.tmxfile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
assert len(units) == int(sys.argv[2]) > 20, f"read {len(units)} units of {sys.argv[2]}"
empty = [u for u in units if not u.source or not u.target]
assert not empty, f"{len(empty)} units without source or target"
pairs = {u.source: u.target for u in units}
name = pairs.get("International Arid Lands Cooperation Organization")
assert name == "Organisation internationale de coopération pour les terres arides", name
print(len(units))
EOF
); then ok; echo "  translate.storage.tmx read $out units"; else bad "translate.storage.tmx: $out"; fi
for locale in ar es fr; do
  for scope in todo all; do
    f=$locale-$scope.xlf
    "$G" --db g.db -q xliff export --locale $locale --scope $scope -o $f
    units=$(grep -c "<trans-unit" $f)
    # An empty export (nothing to do) converts to nothing; otherwise one msgid per unit plus the header.
    if xliff2po --progress=none $f $f.po 2>err && { [[ $units -eq 0 ]] || [[ $(grep -c '^msgid' $f.po) -eq $((units + 1)) ]]; }; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "FAIL xliff2po $f: $units units, $(grep -c '^msgid' $f.po 2>/dev/null) msgids"; head -3 err
    fi
    total=$(pocount --csv $f 2>/dev/null | awk -F, 'NR == 2 { print $9 + 0 }')  # Total Message
    if [[ "${total:-0}" == "$units" ]]; then passed=$((passed + 1)); else
      failed=$((failed + 1)); echo "FAIL pocount $f: counted $total units, exported $units"; fi
    [[ $scope == all ]] && pocount --csv $f 2>/dev/null | tail -1 | sed "s/^/  pocount $locale: /"
  done
done

# A realistic edit: every run of text that starts a word gets the marker after
# its leading space (no double spaces, no marker before punctuation), so QA has
# nothing to refuse; the <g>/<x> placeables are the source's, ids and all.
mark='[TT] '
for locale in ar es fr; do
  f=$locale-api.xlf
  "$G" --db g.db -q xliff export --locale $locale --scope all -o $f
  units=$(grep -c "<trans-unit" $f)
  edited=$($py - $f "$mark" <<'EOF'
import re, sys
from translate.storage.xliff import xlifffile, xliffunit
path, mark = sys.argv[1:]
store = xlifffile.parsefile(path)
units = [u for u in store.getunits() if u.istranslatable()]
for u in units:
    rich = u.rich_source[0]  # parsed anew on each call: editing its text leaves <source> alone
    rich.apply_to_strings(lambda s: re.sub(r"^(\s*)(?=\w)", lambda m: m.group(1) + mark, s))
    u.rich_target = [rich]
    u.set_state_n(xliffunit.S_TRANSLATED)
    u.markapproved(False)  # set_state_n wrote approved="yes", which XLIFF 1.2 reads as signed off
store.savefile(path)
print(len(units))
EOF
  )
  expect "TT units edited in $f" "$units" "$edited"
  # What TT wrote, read by another parser: the source's codes in every target.
  # Glossa accepts a plural form without its # (ICU allows it), so the import
  # alone would miss a lost <x/>.
  expect "codes and marker in every target of $f" "$units" "$($py - $f "$mark" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = "{urn:oasis:names:tc:xliff:document:1.2}"
codes = lambda e: [(c.tag, c.get("id"), c.get("ctype")) for c in e.iter() if c is not e]
def intact(u):
    s, t = u.find(ns + "source"), u.find(ns + "target")
    return t is not None and t.get("state") == "translated" and codes(t) == codes(s) and sys.argv[2] in "".join(t.itertext())
units = list(ET.parse(sys.argv[1]).iter(ns + "trans-unit"))
other = [u for u in units if not intact(u)]
print(len(units) - len(other), *[f"(first not: {ET.tostring(u, encoding='unicode')[:300]})" for u in other[:1]])
EOF
  )"
  # fr has final translations; a translator's "translated" may replace them only on request.
  "$G" --db g.db xliff import --overwrite-final --report json $f > $locale-api.json
  expect "import $f exit code" 0 $?
  # The outcome counts, and why the first unit not applied was not (the message).
  expect "import $f outcomes" "$units applied" "$($py - $locale-api.json <<'EOF'
import collections, json, sys
units = json.load(open(sys.argv[1]))["units"]
other = [u for u in units if u["outcome"] != "applied"]
print(", ".join(f"{n} {o}" for o, n in collections.Counter(u["outcome"] for u in units).items()),
      *[f"(first: {u['id']} {u['outcome']}: {u['message']})" for u in other[:1]])
EOF
  )"
  # What Glossa serves: the source's markup (p, ul/ol, li, strong, em, a with
  # its href) exactly, around the marked text, in every translatable field.
  for key in job-2026-001 organization page-how-we-work page-our-values; do
    "$G" --db g.db get $key --locale en --format json > en.json
    "$G" --db g.db get $key --locale $locale --format json > $locale.json
    if problems=$($py - en.json $locale.json $locale "$mark" <<'EOF'
import json, re, sys
src, tgt = ({f["name"]: f for f in json.load(open(p))["fields"]} for p in sys.argv[1:3])
locale, mark = sys.argv[3:]
tags = lambda t: re.findall(r"<[^>]*>", t or "")
for name, s in src.items():
    t = tgt[name]
    if not s["translatable"] or not s["text"]:
        continue
    if (t["locale"], t["state"]) != (locale, "translated") or mark not in t["text"] or tags(t["text"]) != tags(s["text"]):
        print(f"{t['name']} ({t['locale']}, {t['state']}): {t['text'][:200]!r}")
EOF
    ) && [[ -z $problems ]]; then ok; else bad "get $key --locale $locale: not the markup, marker, locale or state imported"; echo "$problems" | head -3; fi
  done
done
# Translate Toolkit's po2tmx: the French PO made above, as TMX, into Glossa's
# memory: every unit an entry, or a duplicate of a pair already read.
po2tmx --progress=none -l fr fr-all.xlf.po tt-fr.tmx 2>err || bad "po2tmx: $(head -1 err)"
"$G" --db g.db tm import tt-fr.tmx --report json > tt-fr.json
expect "tm import of po2tmx's file exit code" 0 $?
expect "po2tmx units read" "$(grep -c '<tu>' tt-fr.tmx)" \
  "$($py -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["added"] + r["duplicates"] if r["added"] > 100 else -1)' tt-fr.json)"
# Terminology: csv2tbx's TBX (a CSV with a notes column, whose header row csv2tbx takes for a
# term, and "xx" for the target language) into the termbase; Glossa's TBX read back by
# translate.storage.tbx, the preferred translation first and the forbidden one after it.
printf '%s\n' '"source","target","notes"' '"duty station","lieu d’affectation","Where staff work"' \
  '"job opening","avis de vacance",""' '"IALCO","OICTA",""' > terms.csv
csv2tbx --progress=none terms.csv terms.tbx 2>err || bad "csv2tbx: $(head -1 err)"
"$G" --db t.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1  # as published, no markers
"$G" --db t.db terms import terms.tbx > out 2>&1
expect "terms import without --target (csv2tbx's xx)" 4 $?
"$G" --db t.db terms import --target fr terms.tbx > out 2>&1
expect "terms import of csv2tbx's file" 0 $?
grep -q "3 entries added" out && grep -q 'header row' out && ok || bad "csv2tbx import: $(cat out)"
"$G" --db t.db -q terms add "job opening" "avis de vacance" --target fr --forbidden "poste vacant" >/dev/null
"$G" --db t.db -q terms export --target fr -o glossa.tbx || bad "terms export"
if out=$($py - glossa.tbx 2>&1 <<'EOF'
import sys
from translate.storage import tbx
units = tbx.tbxfile.parsefile(sys.argv[1]).units
pairs = [(u.source, u.target) for u in units]
assert pairs == [("duty station", "lieu d’affectation"), ("job opening", "avis de vacance"), ("IALCO", "OICTA"),
                 ("job opening", "avis de vacance")], pairs
assert "Where staff work" in units[0].getnotes(), units[0].getnotes()
print(len(units))
EOF
); then ok; echo "  translate.storage.tbx read $out entries"; else bad "translate.storage.tbx: $out"; fi
# The example's French says "lieux d'affectation" (a plural) where it says "duty stations":
# the check finds the term, so QA reports nothing for it; a forbidden term is reported.
"$G" --db t.db qa --locale fr > qa.out
grep -q "duty station" qa.out && bad "terminology: $(grep -m1 'duty station' qa.out)" || ok
"$G" --db t.db -q translation set job-2026-001 title fr "Poste vacant : juriste" >/dev/null
"$G" --db t.db qa --locale fr | grep "job-2026-001" | grep -q "terminology: “poste vacant” is a forbidden term" && ok ||
  bad "forbidden term not reported"
finish "translate-toolkit"
