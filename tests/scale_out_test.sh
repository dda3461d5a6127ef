#!/usr/bin/env bash
# Three `glossa serve` nodes on one PostgreSQL (a server of this test's own,
# tests/postgres.sh): a write through any node, or the CLI, is seen by the
# very next read on every node; the same content has the same ETag on every
# node; wrk reads spread over the nodes while another process imports and
# undoes, with zero non-2xx answers and zero torn reads; PostgreSQL stopped
# while the nodes serve gives 503 problem+json with Retry-After, quickly,
# and no crash; started again, the nodes answer 200 without a restart.
# Usage: scale_out_test.sh GLOSSA SOURCE_DIR   (GLOSSA_LOAD_SECONDS, default 10)
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2
seconds=${GLOSSA_LOAD_SECONDS:-10}
command -v wrk >/dev/null || missing "wrk (apt-get install wrk)"
work=$(mktemp -d)
cd "$work"
pids=()
trap 'kill ${pids[*]} 2>/dev/null; wait 2>/dev/null; bash "$SRC/tests/postgres.sh" stop "$work/pg"; rm -rf "$work"' EXIT
admin=$(bash "$SRC/tests/postgres.sh" start "$work/pg") || exit 1
psql -q "$admin" -c "CREATE DATABASE scale" || exit 1
db=${admin%/*}/scale
"$G" --db "$db" -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
echo "scale-token-0123456789" > token
auth="Authorization: Bearer scale-token-0123456789"
ports=()
for n in 0 1 2; do
  "$G" --db "$db" -q serve --port 0 --threads 2 --token-file token > "node$n.out" 2> "node$n.err" &
  pids+=($!)
  ports+=("$(wait_for_port "node$n.out" "node$n.err" 100)") || exit 1
done
url() { echo "http://127.0.0.1:${ports[$1]}$2"; }
title_on() { curl -s --max-time 10 "$(url "$1" "/v1/documents/page-our-values?locale=en")" |
               python3 -c 'import json,sys; print([f["text"] for f in json.load(sys.stdin)["fields"] if f["name"]=="title"][0])'; }

# Read-your-writes across nodes: a PUT through one node, then a read on each.
stale=0
for i in $(seq 1 9); do
  printf '{"documents": [{"type": "page", "key": "page-our-values", "fields": {"title": "Our values, write %d"}}]}' $i > put.json
  code=$(curl -s --max-time 10 -o put.out -w '%{http_code}' -X PUT -H "$auth" --data-binary @put.json "$(url $((i % 3)) /v1/documents/page-our-values)")
  expect "PUT $i through node $((i % 3))" 200 "$code"
  for n in 0 1 2; do [[ "$(title_on $n)" == "Our values, write $i" ]] || stale=$((stale + 1)); done
done
expect "reads after a PUT through another node that missed it" 0 "$stale"
# ... and after a write by the command line.
printf '{"documents": [{"type": "page", "key": "page-our-values", "fields": {"title": "Our values, from the CLI"}}]}' > cli.json
"$G" --db "$db" -q content import cli.json >/dev/null
for n in 0 1 2; do expect "node $n after a CLI import" "Our values, from the CLI" "$(title_on $n)"; done
# The same ETag on every node.
etags=$(for n in 0 1 2; do curl -sI --max-time 10 "$(url $n "/v1/documents/organization?locale=ar")" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}'; done | sort -u)
expect "distinct ETags of one document over three nodes" 1 "$(grep -c . <<<"$etags")"

# Reads spread over the nodes while another process writes: imports of
# three fields at once and XLIFF imports undone.
"$G" --db "$db" -q xliff export --locale ar --document job-2026-019 -o ar.xlf || exit 1
python3 - <<'PY' || exit 1
import re
x = open("ar.xlf", encoding="utf-8").read()
x = re.sub(r'(<source[^>]*>)(.*?)</source>', lambda m: m.group(0) + '<target state="translated">' + m.group(2) + '</target>', x, flags=re.S)
open("ar-filled.xlf", "w", encoding="utf-8").write(x)
PY
(
  i=0 failures=0
  end=$((SECONDS + seconds))
  while [[ $SECONDS -lt $end ]]; do
    i=$((i + 1))
    printf '{"documents": [{"type": "page", "key": "page-our-values", "fields": {"title": "Our values, round %d", "summary": "Summary of round %d.", "body": "<p>Body of round %d.</p>"}}]}' $i $i $i > w.json
    "$G" --db "$db" -q content import w.json >/dev/null 2>>writer.err || failures=$((failures + 1))
    if [[ $((i % 3)) -eq 0 ]]; then
      out=$("$G" --db "$db" -q xliff import ar-filled.xlf 2>>writer.err) || failures=$((failures + 1))
      batch=$(grep -o 'undo with: glossa xliff undo [0-9]*' <<<"$out" | grep -o '[0-9]*$')
      [[ -n $batch ]] && { "$G" --db "$db" -q xliff undo "$batch" >/dev/null 2>>writer.err || failures=$((failures + 1)); }
    fi
  done
  echo "$i $failures" > writer.done
) &
writer=$!
python3 - "$seconds" "$(url 0 '')" "$(url 1 '')" "$(url 2 '')" > checker.out <<'PY' &
import json, re, sys, time, urllib.request
seconds, bases = float(sys.argv[1]), sys.argv[2:]
reads = torn = errors = 0
end = time.time() + seconds
while time.time() < end:
    base = bases[reads % len(bases)]
    try:
        with urllib.request.urlopen(base + "/v1/documents/page-our-values?locale=en", timeout=10) as r:
            d = json.load(r)
    except Exception:
        errors += 1
        continue
    reads += 1
    f = {x["name"]: x["text"] for x in d["fields"]}
    rounds = {(lambda m: m.group(1) if m else None)(re.search(r"round (\d+)", f.get(k, "")))
              for k in ("title", "summary", "body")}
    torn += len(rounds) != 1
print(reads, torn, errors)
PY
checker=$!
wrks=()
for n in 0 1 2; do
  wrk -t1 -c8 -d"${seconds}s" "$(url $n "/v1/documents/job-2026-019?locale=ar")" > "wrk$n.out" 2>&1 &
  wrks+=($!)
done
wait $writer $checker "${wrks[@]}"
read -r writes write_failures < writer.done
read -r reads torn read_errors < checker.out
requests=0 non2xx=0
for n in 0 1 2; do
  requests=$((requests + $(awk '/requests in/ {print $1}' "wrk$n.out")))
  non2xx=$((non2xx + $(awk '/Non-2xx or 3xx responses/ {print $NF}' "wrk$n.out" | grep . || echo 0)))
done
echo "scale-out: $requests wrk requests over 3 nodes, $reads checked reads, $writes writes"
expect "writes that failed" 0 "$write_failures"
expect "non-2xx answers" 0 "$non2xx"
expect "torn reads" 0 "$torn"
expect "checker errors" 0 "$read_errors"
[[ ${requests:-0} -gt 300 ]] && ok || bad "too few wrk requests ($requests)"

# Outage: PostgreSQL stops while the nodes serve.
bash "$SRC/tests/postgres.sh" pause "$work/pg" || exit 1
for n in 0 1 2; do
  start=$(date +%s%N)
  curl -s -D "h$n" -o "b$n" --max-time 20 "$(url $n "/v1/documents/organization?locale=fr")"
  took=$(( ($(date +%s%N) - start) / 1000000 ))
  expect "node $n during the outage" "503" "$(awk 'NR==1 {print $2}' "h$n")"
  grep -qi '^retry-after:' "h$n" && ok || bad "node $n: no Retry-After"
  grep -qi '^content-type: application/problem+json' "h$n" && ok || bad "node $n: not problem+json"
  [[ $took -lt 15000 ]] && ok || bad "node $n answered the outage after $took ms"
  kill -0 "${pids[$n]}" 2>/dev/null && ok || bad "node $n ended during the outage"
done
bash "$SRC/tests/postgres.sh" resume "$work/pg" || exit 1
for n in 0 1 2; do
  code=000
  for _ in $(seq 50); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$(url $n "/v1/documents/organization?locale=fr")")
    [[ $code == 200 ]] && break
    sleep 0.2
  done
  expect "node $n after PostgreSQL is back" 200 "$code"
done
finish "scale_out"
