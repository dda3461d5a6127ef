#!/usr/bin/env bash
# HTTP benchmark (issue 4): glossa serve and nginx serving the same document's
# JSON as a static file, both on loopback, measured by wrk in the same run
# (2 threads, 64 connections, 10 s each). Prints requests/s, p99 and the ratio.
# Usage: bash bench/http_bench.sh   (GLOSSA_BENCH_SECONDS, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/nginx.sh  # the scripts run from the repository root
http_bench_setup glossa
work=$(mktemp -d)
chmod 755 "$work"
"$G" --db "$work/g.db" -q content import examples/content/*.json >/dev/null
"$G" --db "$work/g.db" serve --port 18181 --threads 2 -q > "$work/serve.out" 2>&1 &
gpid=$!
mkdir -p "$work/www"
nginx_conf "$work" 18182
mkdir -p "$work/tmp"
nginx -p "$work" -c "$work/nginx.conf" &
npid=$!
trap 'kill $gpid $npid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18181/healthz && break; sleep 0.1; done
curl -s "http://127.0.0.1:18181/v1/documents/job-2026-003?locale=fr" > "$work/www/job.json"
chmod 644 "$work/www/job.json"
sleep 0.3

measure nginx-static "http://127.0.0.1:18182/job.json"
measure glossa-document "http://127.0.0.1:18181/v1/documents/job-2026-003?locale=fr"
measure glossa-negotiated "http://127.0.0.1:18181/v1/documents/job-2026-003" "Accept-Language: ar-EG,ar;q=0.9"
measure glossa-bundle "http://127.0.0.1:18181/v1/bundles/es"
awk -v g="$(cat "$work/glossa-document.rps")" -v n="$(cat "$work/nginx-static.rps")" \
  'BEGIN { printf "\nglossa document GET / nginx static: %.2f  (target >= 0.70)\n", g / n }'
