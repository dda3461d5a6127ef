# Shared by the shell tests: counters and the "skipped here, failed in CI" rule.
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
