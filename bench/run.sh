#!/usr/bin/env bash
# Builds the benchmarks (Release) and runs them; prints each Glossa figure
# next to its plain-SQLite baseline measured in the same run, with the ratio.
# The coverage benchmarks build a store of 1,000,000 translations in the temp
# directory on first run (about a minute; reused while its marker file exists).
# Usage: bash bench/run.sh   (GLOSSA_BENCH_BUILD_DIR, default build-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps --with-test-tools
dir=${GLOSSA_BENCH_BUILD_DIR:-build-bench}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DGLOSSA_BUILD_TESTS=OFF -DGLOSSA_BUILD_BENCH=ON >/dev/null
cmake --build "$dir" --target glossa_bench -j "$(nproc)" >/dev/null
csv=$(mktemp)
"$dir/bench/glossa_bench" --benchmark_format=csv 2>/dev/null > "$csv"
cut -d, -f1-5 "$csv"
# Counters (units/s, translations/s, JSON size) of the coverage and QA benchmarks.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i } NR > 1 && ($1 ~ /coverage|qa/) {
  line = $1; for (i = 11; i <= NF; i++) if ($i != "") line = line "  " h[i] "=" $i; print line }' "$csv"
echo
awk -F, '
  NR > 1 { gsub(/"/, "", $1); t[$1] = $3; u[$1] = $5 }
  END {
    pairs["import/100k_fields/iterations:3"] = "baseline/insert_100k/iterations:3"
    pairs["lookup/field"] = "baseline/select_field"
    pairs["coverage/summary_1M/iterations:3"] = "baseline/group_by_summary/iterations:3"
    pairs["coverage/matrix_json_1M/iterations:3"] = "baseline/group_by_matrix/iterations:3"
    for (g in pairs) {
      b = pairs[g]
      if (t[g] == "" || t[b] == "") continue
      printf "%-34s %10.3f %s   baseline %-36s %10.3f %s   ratio %.1fx\n", g, t[g], u[g], b, t[b], u[b], t[g] / t[b]
    }
  }' "$csv"
rm -f "$csv"
