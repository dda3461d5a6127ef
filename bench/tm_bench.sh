#!/usr/bin/env bash
# Translation memory look-ups (issue 19) against Translate Toolkit's matcher,
# in one run, on one generated memory (bench/tm_corpus.py: job-opening
# sentences in families of near copies, en -> fr):
#   import   `glossa tm import` of the memory's TMX into a new SQLite store
#   cold     `glossa tm search` with one query: reading the memory from the
#            store and building the look-up index (what every search pays today)
#   lookup   the same with QUERIES queries; (its time - cold) / QUERIES per
#            query, against translate.search.match.matcher's seconds per query
#            on a sample of them (bench/tm_baseline.py, about
#            GLOSSA_BENCH_TT_SECONDS, default 60)           target >= 50x
#   agree    on the sampled queries where the matcher finds a match >= 75,
#            Glossa's best is one the matcher scores within 2 points of its
#            own best                                        target >= 95%
#   memory   the index's bytes against the entries' text bytes (target <= 2x),
#            and the search's peak RSS
# Usage: bash bench/tm_bench.sh [SEGMENTS] [QUERIES]   (default 1000000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
queries=${2:-10000}
tt_seconds=${GLOSSA_BENCH_TT_SECONDS:-60}
bash .ci/install-deps --with-test-tools
dir=${GLOSSA_BENCH_BUILD_DIR:-build-bench}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DGLOSSA_BUILD_TESTS=OFF -DGLOSSA_BUILD_BENCH=ON >/dev/null
cmake --build "$dir" --target glossa -j "$(nproc)" >/dev/null
G="$PWD/$dir/glossa"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

timed() {  # timed NAME COMMAND...: wall seconds and peak RSS (KB) into $work/NAME.time
  /usr/bin/time -f "%e %M" -o "$work/$1.time" "${@:2}"
}
seconds() { cut -d' ' -f1 "$work/$1.time"; }
rss_mb() { awk '{ printf "%.0f", $2 / 1024 }' "$work/$1.time"; }

python3 bench/tm_corpus.py "$n" "$queries" "$work"
echo "memory: $n segments ($(du -m "$work/memory.tmx" | cut -f1) MB of TMX), $queries queries"
timed import "$G" --db "$work/tm.db" -q tm import "$work/memory.tmx" -l fr >/dev/null
echo "import: $(seconds import) s, peak $(rss_mb import) MB"

head -1 "$work/queries.txt" > "$work/one.txt"
timed cold "$G" --db "$work/tm.db" tm search -l fr --queries "$work/one.txt" --limit 1 --format json > "$work/one.json"
timed lookup "$G" --db "$work/tm.db" tm search -l fr --queries "$work/queries.txt" --limit 1 --format json \
  > "$work/glossa.json"
python3 - "$work/one.json" "$(seconds cold)" "$(rss_mb cold)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("cold start (read %d entries, build the index): %s s, peak %s MB" % (r["entries"], sys.argv[2], sys.argv[3]))
print("index: %.0f MB for %.0f MB of entry text: %.2fx  (target <= 2x)"
      % (r["index_bytes"] / 2**20, r["text_bytes"] / 2**20, r["index_bytes"] / r["text_bytes"]))
PY
per=$(awk -v a="$(seconds lookup)" -v b="$(seconds cold)" -v q="$queries" 'BEGIN { printf "%.6f", (a - b) / q }')
echo "glossa: $queries queries in $(seconds lookup) s with the cold start: $per s per query"

/usr/bin/python3 bench/tm_baseline.py "$work/memory.tsv" "$work/queries.txt" "$work/glossa.json" "$tt_seconds" \
  | tee "$work/tt.out"
tt=$(awk '/^tt_seconds_per_query/ { print $2 }' "$work/tt.out")
awk -v t="$tt" -v g="$per" 'BEGIN {
  if (g <= 0) g = 0.000001
  printf "\nlook-up per query, translate-toolkit / glossa: %.0fx  (target >= 50x)\n", t / g }'
awk '/^agreement_share/ { printf "agreement: %.1f%%  (target >= 95%%)\n", 100 * $2 }' "$work/tt.out"
