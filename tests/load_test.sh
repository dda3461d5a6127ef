#!/usr/bin/env bash
# Load while writing: wrk hammers `glossa serve` on loopback while another
# process imports content, imports XLIFF and undoes it, again and again. A
# checker reads a document that every write changes in three fields at once.
# Passes when: zero 5xx (and no other non-2xx) answers, zero torn reads (the
# three fields always from the same write), every write succeeded. Prints p99.
# Usage: load_test.sh GLOSSA SOURCE_DIR [sqlite|postgresql]   (GLOSSA_LOAD_SECONDS, default 8)
# With postgresql, the store is a new database of the tests' PostgreSQL
# (tests/postgres.sh; its admin URI in $GLOSSA_TEST_POSTGRES or the file
# $GLOSSA_TEST_POSTGRES_FILE), dropped at the end.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2 backend=${3:-sqlite}
seconds=${GLOSSA_LOAD_SECONDS:-8}
command -v wrk >/dev/null || missing "wrk (apt-get install wrk)"
command -v python3 >/dev/null || missing "python3"
work=$(mktemp -d)
cd "$work"
db=g.db drop=:
if [[ $backend == postgresql ]]; then
  admin=${GLOSSA_TEST_POSTGRES:-$(cat "${GLOSSA_TEST_POSTGRES_FILE:-/nonexistent}" 2>/dev/null)}
  [[ -n $admin ]] || { echo "FAIL: no PostgreSQL for the tests (GLOSSA_TEST_POSTGRES, GLOSSA_TEST_POSTGRES_FILE)"; exit 1; }
  name=load$$
  psql -q "$admin" -c "CREATE DATABASE $name" || exit 1
  db=${admin%/*}/$name
  drop="psql -q $admin -c 'DROP DATABASE IF EXISTS $name WITH (FORCE)'"
fi
trap 'eval "$drop"; rm -rf "$work"' EXIT
"$G" --db "$db" -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
echo "load-token-0123456789" > token
"$G" --db "$db" -q serve --port 0 --threads 2 --token-file token > server.out 2> server.err &
server=$!
trap 'kill $server $writer $checker 2>/dev/null; wait 2>/dev/null; eval "$drop"; rm -rf "$work"' EXIT
port=$(wait_for_port server.out server.err 100) || exit 1
base="http://127.0.0.1:$port"

# An Arabic XLIFF file for job-2026-019 (its translations are missing), filled.
"$G" --db "$db" -q xliff export --locale ar --document job-2026-019 -o ar.xlf || exit 1
python3 - <<'PY' || exit 1
import re
x = open("ar.xlf", encoding="utf-8").read()
def fill(m):
    src = m.group(2)
    return m.group(0) + '<target state="translated">' + src + '</target>'
x = re.sub(r'(<source[^>]*>)(.*?)</source>', fill, x, flags=re.S)
open("ar-filled.xlf", "w", encoding="utf-8").write(x)
PY

# The writer: content imports changing three fields of one page at once, and
# XLIFF imports each undone.
(
  i=0 failures=0 undos=0
  end=$((SECONDS + seconds))
  while [[ $SECONDS -lt $end ]]; do
    i=$((i + 1))
    printf '{"documents": [{"type": "page", "key": "page-our-values", "fields": {"title": "Our values, round %d", "summary": "Summary of round %d.", "body": "<p>Body of round %d.</p>"}}]}' $i $i $i > w.json
    "$G" --db "$db" -q content import w.json >/dev/null 2>>writer.err || failures=$((failures + 1))
    if [[ $((i % 3)) -eq 0 ]]; then
      out=$("$G" --db "$db" -q xliff import ar-filled.xlf 2>>writer.err) || failures=$((failures + 1))
      batch=$(grep -o 'undo with: glossa xliff undo [0-9]*' <<<"$out" | grep -o '[0-9]*$')
      if [[ -z "$batch" ]]; then  # every such import applies something: its batch must be named
        echo "round $i: the import named no batch to undo: $out" >> writer.err
        failures=$((failures + 1))
      elif "$G" --db "$db" -q xliff undo "$batch" >/dev/null 2>>writer.err; then undos=$((undos + 1)); else
        failures=$((failures + 1))
      fi
    fi
  done
  echo "$i $failures $undos" > writer.done
) &
writer=$!

# The checker: the three fields of page-our-values always come from one write.
python3 - "$base" "$seconds" > checker.out <<'PY' &
import json, re, sys, time, urllib.request
base, seconds = sys.argv[1], float(sys.argv[2])
reads = torn = errors = 0
end = time.time() + seconds
while time.time() < end:
    try:
        with urllib.request.urlopen(base + "/v1/documents/page-our-values?locale=en") as r:
            d = json.load(r)
    except Exception as e:
        errors += 1
        continue
    reads += 1
    f = {x["name"]: x["text"] for x in d["fields"]}
    rounds = {re.search(r"round (\d+)", f.get(k, "")).group(1) if re.search(r"round (\d+)", f.get(k, "")) else None
              for k in ("title", "summary", "body")}
    if len(rounds) != 1:
        torn += 1
print(reads, torn, errors)
PY
checker=$!

wrk -t2 -c32 -d"${seconds}s" --latency "$base/v1/documents/job-2026-019?locale=ar" > wrk.out 2>&1
wait $writer $checker
read -r writes write_failures undos < writer.done
read -r reads torn read_errors < checker.out
requests=$(awk '/requests in/ {print $1}' wrk.out)
non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' wrk.out)
p99=$(awk '$1 == "99%" {print $2}' wrk.out)
echo "load: $requests wrk requests (p99 $p99), $reads checked reads, $writes writes ($undos XLIFF imports undone)"
expect "writes succeeded" 0 "$write_failures"
[[ $write_failures -eq 0 ]] || head -5 writer.err
expect "non-2xx answers" "" "$non2xx"
expect "torn reads" 0 "$torn"
expect "checker errors" 0 "$read_errors"
[[ ${writes:-0} -gt 3 ]] && ok || bad "too few writes ($writes)"
expect "XLIFF imports undone" $((writes / 3)) "${undos:-0}"
[[ ${reads:-0} -gt 10 ]] && ok || bad "too few checked reads ($reads)"
[[ ${requests:-0} -gt 100 ]] && ok || bad "too few wrk requests ($requests)"
finish "load ($backend)"
