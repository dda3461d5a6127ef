#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, coverage-guided) and runs
# each for SECONDS (default 60), GLOSSA_JOBS (default: the number of cores) at a time. Fails on any crash, leak, timeout or sanitizer
# report; a failing input is kept in <build>/artifacts/ and printed.
# Usage: bash tests/fuzz/run.sh [SECONDS] [TARGET...]
# Environment: GLOSSA_FUZZ_BUILD_DIR (default build/fuzz), GLOSSA_CORPUS_DIR
# (default ../shared/corpus; its XLIFF files seed fuzz_xliff; missing: fail
# under CI=true, otherwise seeded from the project's files only).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(xliff inline content http accept_language)
build=${GLOSSA_FUZZ_BUILD_DIR:-$src/build/fuzz}
corpus_dir=${GLOSSA_CORPUS_DIR:-$src/../shared/corpus}
jobs=${GLOSSA_JOBS:-$(nproc)}

CC=clang CXX=clang++ cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGLOSSA_FUZZ=ON \
  -DGLOSSA_BUILD_TESTS=OFF -DGLOSSA_INSTALL=OFF -DGLOSSA_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}" >/dev/null

# Seeds written by us, for the targets whose inputs no file holds as such.
seeds=$build/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{inline,http,accept_language}
python3 - "$src" "$seeds" <<'PY'
import glob, json, os, sys
src, seeds = sys.argv[1], sys.argv[2]
kinds = {"rich_text": 1, "message": 2}
schema = json.load(open(os.path.join(src, "src/core/content-types.json")))
field_kind = {(t["name"], f["name"]): f["kind"] for t in schema["types"] for f in t["fields"]}
n = 0
for path in sorted(glob.glob(os.path.join(src, "examples/content/*.json"))):
    for doc in json.load(open(path, encoding="utf-8"))["documents"]:
        for name, value in doc.get("fields", {}).items():
            kind = field_kind.get((doc["type"], name))
            if isinstance(value, str) and kind in ("text", "rich_text", "message"):
                open(os.path.join(seeds, "inline", f"{n:04}"), "wb").write(bytes([kinds.get(kind, 0)]) + value.encode())
                n += 1
for i, req in enumerate([
    "GET /v1/documents/job-2026-003?locale=ar HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /v1/documents/organization HTTP/1.1\r\nAccept-Language: fr-CA,fr;q=0.9\r\n\r\n",
    "GET /v1/bundles/es?type=job HTTP/1.1\r\n\r\n",
    "GET /v1/coverage?by=document&locale=ar,fr HTTP/1.1\r\n\r\n",
    "GET /dashboard?lang=ar HTTP/1.1\r\n\r\n",
    "GET /v1/xliff/ar?version=2.0&scope=missing HTTP/1.1\r\n\r\n",
    "PUT /v1/documents/organization HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
    "POST /v1/xliff?dry_run HTTP/1.1\r\nAuthorization: Bearer x\r\nContent-Length: 5\r\n\r\n<a/>\n",
    "GET /v1/documents/%2e%2e HTTP/1.1\r\n\r\n",
]):
    open(os.path.join(seeds, "http", f"{i:02}"), "w").write(req)
for i, s in enumerate(["ar-EG,ar;q=0.9,en;q=0.5", "*", "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "es-419", "zh-Hant-TW;q=0.1,x-klingon"]):
    open(os.path.join(seeds, "accept_language", f"{i:02}"), "w").write(s)
PY

if [[ ! -d "$corpus_dir/xliff" ]]; then
  if [[ "${CI:-}" == "true" ]]; then echo "fuzz: the XLIFF corpus is missing at $corpus_dir (required under CI)" >&2; exit 1; fi
  echo "fuzz: no XLIFF corpus at $corpus_dir; fuzz_xliff is seeded from xliff/examples only" >&2
fi

# Two targets at a time on a 2-core machine (GLOSSA_JOBS): each fuzzer is one process on one core.
run_target() {
  local t=$1 seed dict
  case $t in
    xliff) seed=("$src/xliff/examples"); [[ -d "$corpus_dir/xliff" ]] && seed+=("$corpus_dir/xliff"); dict=(-dict="$src/tests/fuzz/xliff.dict") ;;
    content) seed=("$src/examples/content"); dict=() ;;
    http) seed=("$seeds/http"); dict=(-dict="$src/tests/fuzz/http.dict") ;;
    *) seed=("$seeds/$t"); dict=() ;;
  esac
  mkdir -p "$build/corpus/$t" "$build/artifacts"
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len=262144 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "${dict[@]}" "$build/corpus/$t" "${seed[@]}" \
    > "$build/fuzz_$t.log" 2>&1
}
pids=() names=()
for t in "${targets[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do sleep 1; done
  echo "fuzz_$t: ${seconds}s"
  run_target "$t" &
  pids+=($!) names+=("$t")
done
status=0
for i in "${!pids[@]}"; do
  t=${names[$i]} log=$build/fuzz_${names[$i]}.log
  if wait "${pids[$i]}"; then
    echo "fuzz_$t: ok"
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/  /" || true
  else
    echo "fuzz_$t FAILED:"; grep -E "ERROR|SUMMARY|Test unit written|runtime error" "$log" | head -20; tail -30 "$log"
    status=1
  fi
done
exit $status
