#!/usr/bin/env bash
# Glossa's own messages exist in its four languages: every string the sources
# mark (tr, trn, N_, NP_) has a translation, not fuzzy, in each catalog.
# Fix with: bash locales/update-pot.sh, then translate what msgattrib lists.
# Usage: catalog_test.sh SOURCE_DIR
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SRC=$1
command -v xgettext >/dev/null || missing "xgettext (apt-get install gettext)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$SRC"
bash locales/update-pot.sh "$work/glossa.pot" && ok || bad "locales/update-pot.sh could not extract the messages"
marked=$(grep -c '^msgid ' "$work/glossa.pot")
(( marked > 100 )) && ok || bad "only $marked messages marked for translation"
for lang in ar fr es; do
  msgmerge --quiet "locales/$lang.po" "$work/glossa.pot" -o "$work/$lang.po"
  # "N translated messages[, M fuzzy translations][, K untranslated messages]."
  stats=$(msgfmt --statistics -o "$work/$lang.mo" "$work/$lang.po" 2>&1)
  [[ $stats =~ ^[0-9]+\ translated\ messages?\.$ ]] && ok || bad "$lang.po: $stats"
done
finish catalogs
