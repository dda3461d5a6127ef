# Shared by the shell tests: counters, the "skipped here, failed in CI" rule, and waiting for `glossa serve`.
# Source it after `set -u`; then ok/bad/expect, and `finish NAME` last.
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {  # expect NAME WANT GOT
  if [[ "$3" == "$2" ]]; then ok; else bad "$1: got '$3', want '$2'"; fi
}
# missing WHAT: a prerequisite is absent. Exit 77 (CTest: skipped), or fail under CI=true.
missing() {
  echo "missing: $*"
  if [[ "${CI:-}" == "true" ]]; then exit 1; else exit 77; fi
}
finish() {  # finish NAME: the closing count line and the exit status
  echo "$1: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
# wait_for_port OUT [ERR] [TENTHS]: waits (default 5 s) for `glossa serve`'s
# "serving" line in OUT and prints its port; when the server does not start,
# shows OUT and ERR on stderr and fails (call it as `port=$(...) || exit 1`).
wait_for_port() {
  local out=$1 err=${2:-/dev/null} tenths=${3:-50} port
  for _ in $(seq "$tenths"); do grep -q "serving" "$out" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" | grep -o '[0-9]*$')
  [[ -n "$port" ]] || { echo "server did not start" >&2; cat "$out" "$err" >&2; return 1; }
  echo "$port"
}
