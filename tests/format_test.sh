#!/usr/bin/env bash
# Every C++ file of the repository is formatted as .clang-format says
# (clang-format --dry-run -Werror). Fix with:
#   clang-format -i $(git ls-files '*.cpp' '*.hpp')
# Usage: format_test.sh SOURCE_DIR
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=$1
command -v clang-format >/dev/null || missing "clang-format (apt-get install clang-format)"
cd "$SRC"
mapfile -t files < <(find include src tests bench -name '*.cpp' -o -name '*.hpp' | sort)
(( ${#files[@]} > 100 )) && ok || bad "found only ${#files[@]} C++ files"
err=$(mktemp)
if clang-format --dry-run -Werror "${files[@]}" 2> "$err"; then ok; else
  bad "not formatted: $(grep -oE '^[^: ]+\.[ch]pp:' "$err" | tr -d ':' | sort -u | tr '\n' ' ')"
fi
rm -f "$err"
finish format
