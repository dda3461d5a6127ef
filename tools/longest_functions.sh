#!/usr/bin/env bash
# The longest functions in src/ (lines from signature to closing brace), by
# Universal Ctags; lambdas are counted inside the function that holds them.
# Usage: tools/longest_functions.sh [N]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
ctags -R --languages=C++ --kinds-C++=f --fields=+ne --extras=-{anonymous} -o - src |
  awk -F'\t' '{
    line = end = 0
    for (i = 4; i <= NF; i++) {
      if ($i ~ /^line:/) line = substr($i, 6)
      if ($i ~ /^end:/) end = substr($i, 5)
    }
    if (end > 0 && $1 !~ /^__anon/) printf "%5d  %s:%d  %s\n", end - line + 1, $2, line, $1
  }' | sort -rn | head -n "${1:-10}"
