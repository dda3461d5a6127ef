#!/usr/bin/env bash
# Translate Toolkit, an independent XLIFF implementation, reads what Glossa
# exports: xliff2po converts every unit, pocount counts every unit.
# Usage: translate_toolkit_test.sh GLOSSA SOURCE_DIR
# Exit 77 (skipped) when translate-toolkit is missing, unless CI=true.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2
command -v xliff2po >/dev/null && command -v pocount >/dev/null || missing "translate-toolkit (apt-get install translate-toolkit)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$G" --db g.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
for locale in ar es fr; do
  for scope in todo all; do
    f=$locale-$scope.xlf
    "$G" --db g.db -q xliff export --locale $locale --scope $scope -o $f
    units=$(grep -c "<trans-unit" $f)
    # An empty export (nothing to do) converts to nothing; otherwise one msgid per unit plus the header.
    if xliff2po --progress=none $f $f.po 2>err && { [[ $units -eq 0 ]] || [[ $(grep -c '^msgid' $f.po) -eq $((units + 1)) ]]; }; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "FAIL xliff2po $f: $units units, $(grep -c '^msgid' $f.po 2>/dev/null) msgids"; head -3 err
    fi
    total=$(pocount --csv $f 2>/dev/null | awk -F, 'NR == 2 { print $9 + 0 }')  # Total Message
    if [[ "${total:-0}" == "$units" ]]; then passed=$((passed + 1)); else
      failed=$((failed + 1)); echo "FAIL pocount $f: counted $total units, exported $units"; fi
    [[ $scope == all ]] && pocount --csv $f 2>/dev/null | tail -1 | sed "s/^/  pocount $locale: /"
  done
done
finish "translate-toolkit"
