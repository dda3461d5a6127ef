#!/usr/bin/env bash
# The main job (README command 1, after the build): make sure the store exists
# with the example content, print the organization page and one job opening in
# the four working languages (each field marked with the locale it came from,
# "fallback" where English stands in), then serve the store over HTTP.
# Usage: bash examples/main-job.sh PATH/TO/glossa
# Environment: GLOSSA_DB (default glossa.db), GLOSSA_PORT (default 8080),
#              GLOSSA_SERVE=0 to print only.
set -euo pipefail
glossa=$1
here=$(cd "$(dirname "$0")" && pwd)
db=${GLOSSA_DB:-glossa.db}
port=${GLOSSA_PORT:-8080}
export GLOSSA_DB=$db
export GLOSSA_QA_ALLOW=${GLOSSA_QA_ALLOW:-$here/qa-allow.txt}

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

[[ "${GLOSSA_SERVE:-1}" == "0" ]] && exit 0
cat <<MSG

== serving; try:
   curl http://127.0.0.1:$port/v1/documents/job-2026-003?locale=fr
   curl -H 'Accept-Language: ar-EG,ar;q=0.9' http://127.0.0.1:$port/v1/documents/job-2026-003
   (Ctrl-C stops the server)
MSG
exec "$glossa" serve --port "$port"
