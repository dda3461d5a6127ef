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
out=$(mktemp)
"$dir/bench/glossa_bench" --benchmark_format=json 2>/dev/null > "$out"
# Each Glossa figure next to its baseline from the same run, with the ratio;
# then the counters (fields/s, translations/s, units/s, JSON size).
python3 - "$out" <<'PY'
import json, sys
runs = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
pairs = [("import/100k_fields/iterations:3", "baseline/insert_100k/iterations:3"),
         ("lookup/field", "baseline/select_field"),
         ("coverage/summary_1M/iterations:3", "baseline/group_by_summary/iterations:3"),
         ("coverage/matrix_json_1M/iterations:3", "baseline/group_by_matrix/iterations:3")]
for g, b in pairs:
    if g in runs and b in runs:
        G, B = runs[g], runs[b]
        print(f"{g:40} {G['real_time']:10.1f} {G['time_unit']}   baseline {b:42} {B['real_time']:10.1f} {B['time_unit']}   ratio {G['real_time'] / B['real_time']:.2f}x")
skip = {"name", "run_name", "run_type", "repetitions", "repetition_index", "threads", "iterations", "real_time", "cpu_time",
        "time_unit", "family_index", "per_family_instance_index", "aggregate_name", "error_occurred", "error_message"}
for name, r in runs.items():
    counters = {k: v for k, v in r.items() if k not in skip}
    if counters:
        print(f"{name:40} " + "  ".join(f"{k}={v:,.0f}" if v >= 100 else f"{k}={v:.1f}" for k, v in counters.items()))
PY
rm -f "$out"
