#!/usr/bin/env bash
# A real CAT tool in the loop: export XLIFF 1.2 from Glossa, translate it with
# OmegaT (headless, ../shared/tools/omegat_translate.sh) from a TMX built with
# ../shared/tools/make_tmx.py, import OmegaT's output, and check that every
# unit was applied with its inline codes intact and that the work left dropped
# to nothing.
#
# The TMX holds the example content's own translations (exported with
# --scope all from a store that has them); the store under test has only the
# English source. So the test knows exactly what must come back.
# Usage: omegat_test.sh GLOSSA SOURCE_DIR TOOLS_DIR
# Exit 77 (skipped) when the shared tools or OmegaT are missing, unless CI=true.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2 TOOLS=$3
absent=""
[[ -f "$TOOLS/omegat_translate.sh" ]] || absent="$TOOLS/omegat_translate.sh"
[[ -f /usr/share/omegat/OmegaT.jar ]] || absent="$absent omegat (apt-get install omegat)"
command -v python3 >/dev/null || absent="$absent python3"
[[ -z "$absent" ]] || missing "$absent"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

"$G" --db full.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
docs=(--document job-2026-001 --document job-2026-002 --document page-how-we-work)

for locale in ar fr; do
  db=$locale.db
  "$G" --db $db -q content import "$SRC"/examples/content/10-en.json >/dev/null || exit 1
  "$G" --db $db -q xliff export --locale $locale "${docs[@]}" -o in-$locale.xlf
  units=$(grep -c "<trans-unit" in-$locale.xlf)
  [[ $units -gt 20 ]] && ok || bad "$locale: only $units units exported"
  "$G" --db full.db -q xliff export --locale $locale --scope all "${docs[@]}" -o ref-$locale.xlf
  # unit id -> target inline markup, from the reference export
  python3 - ref-$locale.xlf map-$locale.json <<'PY'
import json, sys, xml.etree.ElementTree as ET
NS = "{urn:oasis:names:tc:xliff:document:1.2}"
out = []
for tu in ET.parse(sys.argv[1]).getroot().iter(NS + "trans-unit"):
    t = tu.find(NS + "target")
    if t is None:
        continue
    inner = (t.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in t)
    out.append({"id": tu.get("id"), "target": inner.replace(' xmlns:ns0="urn:oasis:names:tc:xliff:document:1.2"', "").replace("ns0:", "")})
json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False)
PY
  python3 "$TOOLS/make_tmx.py" in-$locale.xlf map-$locale.json tm-$locale.tmx --src-lang en --tgt-lang $locale \
    --alt-file in-$locale.xlf --strict 2>make_tmx.log || { bad "$locale: make_tmx"; cat make_tmx.log; }
  if ! OMEGAT_KEEP_PROJECT=1 bash "$TOOLS/omegat_translate.sh" in-$locale.xlf out-$locale.xlf tm-$locale.tmx en $locale \
      2>omegat-$locale.log; then
    bad "$locale: OmegaT failed"; tail -5 omegat-$locale.log; continue
  fi
  grep -v "project kept" omegat-$locale.log | tail -1
  # The memories OmegaT wrote for the project (TMX 1.1 with its tag
  # shortcuts as text, and level 2: TMX 1.4 with <bpt>/<ept>) go into
  # Glossa's memory, every unit an entry or a duplicate, and tm undo takes
  # each back.
  project=$(sed -n 's/.*project kept in //p' omegat-$locale.log)
  for tmx in project-omegat.tmx project-level2.tmx; do
    tus=$(grep -c "<tu>" "$project/project/$tmx")
    "$G" --db $db tm import "$project/project/$tmx" --report json > tm-$locale.json
    expect "$locale: tm import $tmx exit code" 0 $?
    expect "$locale: $tmx units read" "$tus" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["added"] + r["duplicates"])' tm-$locale.json)"
    batch=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["batch"])' tm-$locale.json)
    "$G" --db $db -q tm undo "$batch" >/dev/null
    expect "$locale: tm undo of $tmx" 0 $?
  done
  rm -rf "$project"
  "$G" --db $db xliff import out-$locale.xlf --report json > report-$locale.json
  rc=$?
  [[ $rc -eq 0 ]] && ok || bad "$locale: import exit $rc"
  python3 - report-$locale.json $units <<'PY' && ok || bad "$locale: not every unit applied"
import json, sys
r = json.load(open(sys.argv[1]))
c = r["counts"]
print(f"  import: {c}")
sys.exit(0 if c["applied"] == int(sys.argv[2]) and c["refused"] == 0 and c["unknown"] == 0 else 1)
PY
  # Every field now reads exactly as the reference translation: codes intact.
  for key in job-2026-001 job-2026-002 page-how-we-work; do
    "$G" --db $db get $key --locale $locale --format json > got.json
    "$G" --db full.db get $key --locale $locale --format json > want.json
    python3 - got.json want.json <<'PY' && ok || bad "$locale $key: imported text differs from the reference"
import json, sys
got, want = (json.load(open(f)) for f in sys.argv[1:3])
diff = [(g["name"], g["text"], w["text"]) for g, w in zip(got["fields"], want["fields"])
        if g["translatable"] and (g["text"] != w["text"] or g["locale"] != w["locale"])]
for d in diff:
    print("  ", d)
sys.exit(1 if diff else 0)
PY
  done
  # Nothing left to do for these documents.
  "$G" --db $db -q xliff export --locale $locale "${docs[@]}" -o after-$locale.xlf
  [[ $(grep -c "<trans-unit" after-$locale.xlf) -eq 0 ]] && ok || bad "$locale: units still to translate after import"
done
finish "omegat"
