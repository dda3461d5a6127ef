#!/usr/bin/env bash
# Heavy endpoints against light ones (issue 16, item 7): a store of 3,000
# documents (the example jobs copied, three in four translated), glossa serve
# with 2 threads, and the p99 of /healthz and of a document GET measured by wrk
# (1 thread, 4 connections each, both at once) three ways in the same run:
#   idle         nothing else running
#   dashboard    /dashboard hammered by 32 connections (answers cached by store version)
#   cache-busted /dashboard hammered with a new Accept-Language on every request,
#                so every request computes the page (the worst a client can do)
# The baseline, in the same run: nginx (2 workers) serving the same three
# answers as static files, hammered and measured the same way (it has no
# cache-busted case: its page is never computed).
# Prints each p99, the dashboard's requests/s, and the worst p99 of each.
# Usage: bash bench/heavy_bench.sh   (GLOSSA_BENCH_SECONDS, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/nginx.sh  # the scripts run from the repository root
http_bench_setup glossa
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - examples/content "$work/many.json" <<'PY'
import json, sys, glob
docs, translations = {}, {}
for f in sorted(glob.glob(sys.argv[1] + "/[1-4]0-*.json")):  # the first sources and their translations
    for d in json.load(open(f, encoding="utf-8"))["documents"]:
        if d.get("type") != "job": continue
        if "fields" in d: docs.setdefault(d["key"], d)
        for loc, fields in d.get("translations", {}).items():
            translations.setdefault(d["key"], {}).setdefault(loc, {}).update(fields)
jobs = sorted(docs)
out = []
for i in range(3000):
    k = jobs[i % len(jobs)]
    t = docs[k]
    d = {"type": "job", "key": f"job-bench-{i:04d}", "source_locale": t["source_locale"], "fields": t["fields"]}
    if i % 4:
        d["translations"] = translations.get(k, {})
    out.append(d)
json.dump({"format": "glossa-content", "version": 1, "documents": out}, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$G" --db "$work/g.db" -q content import examples/content/*.json "$work/many.json" >/dev/null
"$G" --db "$work/g.db" serve --port 18183 --threads 2 -q > "$work/serve.out" 2>&1 &
base=http://127.0.0.1:18183
for _ in $(seq 100); do curl -s -o /dev/null "$base/healthz" && break; sleep 0.1; done
curl -s -o /dev/null "$base/dashboard"  # the first computation is not measured
mkdir -p "$work/www/v1/documents" "$work/tmp"
curl -s -o "$work/www/healthz" "$base/healthz"
curl -s -o "$work/www/dashboard" "$base/dashboard"
curl -s -o "$work/www/v1/documents/job-bench-0001" "$base/v1/documents/job-bench-0001?locale=fr"
chmod -R a+rX "$work"
nginx_conf "$work" 18184
nginx -p "$work" -c "$work/nginx.conf" &
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18184/healthz && break; sleep 0.1; done

cat > "$work/bust.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/dashboard", { ["Accept-Language"] = "en-x-" .. n })
end
LUA

p99() { awk '$1 == "99%" {print $2}' <<<"$1"; }
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
ms() {  # wrk's latency ("812.00us", "3.21ms", "1.02s") in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}
light() {  # light SCENARIO BASE: /healthz and a document GET at the same time
  wrk -t1 -c4 -d"${secs}s" --latency "$2/healthz" > "$work/$1.healthz" &
  local a=$!
  wrk -t1 -c4 -d"${secs}s" --latency "$2/v1/documents/job-bench-0001?locale=fr" > "$work/$1.document"
  wait $a
}
hammered() {  # hammered SCENARIO BASE [SCRIPT]: light requests while /dashboard is hammered
  wrk -t1 -c32 -d"$((secs + 2))s" ${3:+-s "$3"} "$2/dashboard" > "$work/$1.heavy" &
  local h=$!
  sleep 1
  light "$1" "$2"
  wait $h
}
light idle "$base"
hammered dashboard "$base"
hammered cache-busted "$base" "$work/bust.lua"
nginx_base=http://127.0.0.1:18184
light nginx-idle "$nginx_base"
hammered nginx-dashboard "$nginx_base"

printf "%-16s %16s %16s %18s\n" scenario "healthz p99 ms" "document p99 ms" "dashboard req/s"
worst() {  # worst SCENARIO...: the highest light p99 of those scenarios
  local w=0 v
  for scenario in "$@"; do
    for what in healthz document; do
      v=$(ms "$(p99 "$(cat "$work/$scenario.$what")")")
      w=$(awk -v a="$w" -v b="$v" 'BEGIN { print (b > a) ? b : a }')
    done
  done
  echo "$w"
}
for scenario in idle dashboard cache-busted nginx-idle nginx-dashboard; do
  heavy=-
  [[ -f $work/$scenario.heavy ]] && heavy=$(rps "$(cat "$work/$scenario.heavy")")
  printf "%-16s %16s %16s %18s\n" "$scenario" "$(ms "$(p99 "$(cat "$work/$scenario.healthz")")")" \
    "$(ms "$(p99 "$(cat "$work/$scenario.document")")")" "$heavy"
done
echo
echo "worst light p99 while /dashboard is hammered: glossa $(worst dashboard cache-busted) ms, nginx $(worst nginx-dashboard) ms  (target < 10 ms)"
