#!/usr/bin/env bash
# Regenerates locales/glossa.pot from the sources (tr/trn calls, N_ marks) and merges it
# into each LANG.po (msgmerge keeps existing translations).
# With a path, only writes the template there (tests/catalog_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
pot=${1:-locales/glossa.pot}
xgettext --from-code=UTF-8 --language=C++ --keyword=tr --keyword=trn:1,2 --keyword=N_ --keyword=NP_:1,2 --package-name=glossa \
  --no-location --sort-output -o "$pot" src/apps/cli/*.cpp src/apps/shell/*.cpp src/apps/server/*.cpp src/formats/html/dashboard.cpp
[[ $# -gt 0 ]] && exit 0
for po in locales/*.po; do msgmerge --quiet --update --backup=none "$po" locales/glossa.pot; done
