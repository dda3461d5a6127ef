#!/usr/bin/env bash
# XLIFF exchange benchmark (issue 3): 100,000 fields, Glossa next to its
# baselines in one run. Usage: bash bench/xliff_bench.sh [RECORDS]  (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bash .ci/install-deps --with-test-tools
dir=${GLOSSA_BENCH_BUILD_DIR:-build-bench}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DGLOSSA_BUILD_TESTS=OFF -DGLOSSA_BUILD_BENCH=ON >/dev/null
cmake --build "$dir" --target glossa glossa_xliff_bench -j "$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools=${GLOSSA_SHARED_TOOLS_DIR:-../shared/tools}
python3 "$tools/gen_xliff.py" "$n" --target ar --out-dir "$work" --formats jsonl >/dev/null
"$dir/bench/glossa_xliff_bench" "$PWD/$dir/glossa" "$work/corpus-$n-ar.jsonl" "$work"
