#!/usr/bin/env bash
# PostgreSQL benchmarks (issue 18), each next to its baseline in the same run,
# on a PostgreSQL 15 of the bench's own (tests/postgres.sh, durable: fsync on,
# as in production):
#   http      `glossa serve` on a PostgreSQL store and nginx serving the same
#             document's JSON as a static file, wrk -t2 -c64 on each (target >= 0.7)
#   import    `glossa xliff import` of 100,000 units into PostgreSQL against
#             pugixml walk + COPY of the same rows into the same tables (target <= 2.0)
#   coverage  over 1,000,008 translations on PostgreSQL (target < 2 s)
# Usage: bash bench/postgres_bench.sh [RECORDS]   (default 100000; GLOSSA_BENCH_SECONDS, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
source bench/nginx.sh  # the scripts run from the repository root
http_bench_setup glossa glossa_pg_bench
work=$(mktemp -d)
chmod 755 "$work"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; bash tests/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
admin=$(bash tests/postgres.sh start "$work/pg" --durable)
echo "PostgreSQL: $(psql -qAt "$admin" -c 'SHOW server_version'), fsync $(psql -qAt "$admin" -c 'SHOW fsync')"

# --- http: a document GET from a PostgreSQL-backed node against nginx ---------
psql -q "$admin" -c "CREATE DATABASE bench_http"
db=${admin%/*}/bench_http
"$G" --db "$db" -q content import examples/content/*.json >/dev/null
"$G" --db "$db" serve --port 18183 --threads 2 -q > "$work/serve.out" 2>&1 &
mkdir -p "$work/www" "$work/tmp"
nginx_conf "$work" 18184
nginx -p "$work" -c "$work/nginx.conf" &
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18183/healthz && break; sleep 0.1; done
curl -s "http://127.0.0.1:18183/v1/documents/job-2026-003?locale=fr" > "$work/www/job.json"
chmod 644 "$work/www/job.json"
sleep 0.3
measure nginx-static "http://127.0.0.1:18184/job.json"
measure glossa-postgresql-document "http://127.0.0.1:18183/v1/documents/job-2026-003?locale=fr"
awk -v g="$(cat "$work/glossa-postgresql-document.rps")" -v n="$(cat "$work/nginx-static.rps")" \
  'BEGIN { printf "glossa (PostgreSQL) document GET / nginx static: %.2f  (target >= 0.70)\n\n", g / n }'
kill $(jobs -p) 2>/dev/null || true
wait 2>/dev/null || true

# --- import and coverage -------------------------------------------------------
tools=${GLOSSA_SHARED_TOOLS_DIR:-../shared/tools}
python3 "$tools/gen_xliff.py" "$n" --target ar --out-dir "$work" --formats jsonl >/dev/null
"$dir/bench/glossa_pg_bench" "$G" "$work/corpus-$n-ar.jsonl" "$work" "$admin"
