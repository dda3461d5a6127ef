#!/usr/bin/env bash
# The main job (README command 1, after the build): make sure the store exists
# with the example content, then print the organization page and one job
# opening in the four working languages, each field marked with the locale it
# came from (and "fallback" where English stands in for a missing or stale
# translation).
# Usage: bash examples/main-job.sh PATH/TO/glossa
set -euo pipefail
glossa=$1
here=$(cd "$(dirname "$0")" && pwd)
db=${GLOSSA_DB:-glossa.db}
export GLOSSA_DB=$db

if [[ ! -e "$db" ]]; then
  echo "== creating $db from examples/content" >&2
  "$glossa" content import "$here"/content/*.json >&2
fi

for key in organization job-2026-003; do
  for locale in en fr es ar; do
    echo
    "$glossa" get "$key" --locale "$locale"
  done
done
