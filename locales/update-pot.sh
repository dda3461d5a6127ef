#!/usr/bin/env bash
# Regenerates locales/glossa.pot from the sources (tr/trn calls, N_ marks) and merges it
# into each LANG.po (msgmerge keeps existing translations).
set -euo pipefail
cd "$(dirname "$0")/.."
xgettext --from-code=UTF-8 --language=C++ --keyword=tr --keyword=trn:1,2 --keyword=N_ --keyword=NP_:1,2 --package-name=glossa \
  --no-location --sort-output -o locales/glossa.pot src/apps/cli/*.cpp src/apps/server/*.cpp src/formats/html/dashboard.cpp
for po in locales/*.po; do msgmerge --quiet --update --backup=none "$po" locales/glossa.pot; done
