#!/usr/bin/env bash
# An Arabic job page rendered by Glossa, loaded in a real browser (headless
# Chromium from Debian): the DOM it builds has dir="rtl" on the root, the
# Arabic title, the reference isolated in <bdi>, and a screenshot is made.
# Usage: browser_test.sh GLOSSA SOURCE_DIR
# Exit 77 (skipped) when chromium is missing, unless CI=true.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n "$browser" ]] || missing "chromium (apt-get install chromium)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$G" --db g.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
"$G" --db g.db get job-2026-002 --locale ar --format html > page.html || exit 1
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/page.html" > dom.html 2> chromium.log
[[ -s dom.html ]] && ok || { bad "no DOM from chromium"; tail -5 chromium.log; }
grep -q '<html lang="ar" dir="rtl">' dom.html && ok || bad "root is not lang=ar dir=rtl"
grep -q 'مساعد مالي (الحسابات المستحقة الدفع)' dom.html && ok || bad "Arabic title missing"
grep -q '<bdi>VA/2026/002</bdi>' dom.html && ok || bad "reference not isolated"
grep -q 'نسعى إلى توظيف' dom.html && ok || bad "formatted plural message missing"
timeout 120 "$browser" "${flags[@]}" --window-size=900,1200 --screenshot="$work/page.png" "file://$work/page.html" 2>>chromium.log
[[ -s page.png ]] && ok || bad "no screenshot"
[[ -n "${GLOSSA_KEEP_SCREENSHOT:-}" ]] && cp page.png "$GLOSSA_KEEP_SCREENSHOT"
finish "browser"
