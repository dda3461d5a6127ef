#!/usr/bin/env bash
# Pages rendered by Glossa, loaded in a real browser (headless Chromium from
# Debian). An Arabic job page: the DOM has dir="rtl" on the root, the Arabic
# title, the reference isolated in <bdi>, each field under its Arabic label,
# and the USD salary laid out with "US$" whole and in order. The coverage dashboard in English
# and Arabic: the layout Chromium computes runs from the right in Arabic,
# every link lands, nothing is fetched. Screenshots are made.
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
# Labels, not identifiers: each field under its Arabic label, the contract type as words.
grep -q '<h3 class="label label-salary">الراتب</h3>' dom.html && ok || bad "salary label missing"
grep -q 'تعيين محدد المدة' dom.html && ok || bad "contract type not shown as its label"
grep -q 'fixed_term' dom.html && bad "an enum identifier reached the page" || ok
# The USD salary as Chromium lays it out right to left: "US$" stays one
# run, in logical order, left of the digits (a bare "$" would detach: "$US").
salary_probe='<script>
const p = document.querySelector(".field-salary"), text = p.textContent;
const node = [...p.querySelectorAll("*"), p].flatMap(e => [...e.childNodes]).find(n => n.nodeType === 3 && n.data.includes("US$"));
const at = node.data.indexOf("US$"), box = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
const u = box(at), s = box(at + 1), d = box(at + 2);
const digits = [...text].filter(c => c >= "\u0660" && c <= "\u0669").length;
const out = {us_order: u.left < s.left && s.left < d.left, digits: digits, symbol_left_of_number: (() => {
  const i = node.data.search(/[\u0660-\u0669]/); return i >= 0 && d.right <= box(i).left + 1; })()};
const pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out); document.body.append(pre);
</script>'
PROBE="$salary_probe" python3 -c 'import os, sys; t = open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "w", encoding="utf-8").write(t.replace("</body>", os.environ["PROBE"] + "</body>"))' page.html salary.html
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/salary.html" > salary-dom.html 2>> chromium.log
python3 - <<'PY' && ok || bad "USD salary layout"
import html, json, re, sys
m = re.search(r'<pre id="probe">(.*?)</pre>', open("salary-dom.html", encoding="utf-8").read(), re.S)
p = json.loads(html.unescape(m.group(1))) if m else {}
want = {"us_order": True, "symbol_left_of_number": True}
bad = {k: (p.get(k), v) for k, v in want.items() if p.get(k) != v}
if bad or p.get("digits", 0) < 5:
    print("salary layout (got, want):", bad, p); sys.exit(1)
PY
timeout 120 "$browser" "${flags[@]}" --window-size=900,1200 --screenshot="$work/page.png" "file://$work/page.html" 2>>chromium.log
[[ -s page.png ]] && ok || bad "no screenshot"
[[ -n "${GLOSSA_KEEP_SCREENSHOT:-}" ]] && cp page.png "$GLOSSA_KEEP_SCREENSHOT"

# The coverage dashboard in English and Arabic. A probe script appended to a
# copy of the page measures the layout Chromium computed and writes it into
# the DOM, which --dump-dom returns (the page itself has no script).
probe='<script>
const q = s => document.querySelector(s), r = e => e.getBoundingClientRect();
const bar = q("#locale-ar .bar"), segs = [...bar.children];
const first = segs[0], last = segs[segs.length - 1];
const card = id => r(q("#locale-" + id));
const out = {
  dir: getComputedStyle(document.body).direction,
  lang: document.documentElement.lang,
  title: document.title,
  cards: [...document.querySelectorAll(".locale")].map(e => e.dataset.locale).join(","),
  en_card_left_of_ar: card("en").left < card("ar").left,
  first_segment: first.dataset.status,
  first_segment_at_start: getComputedStyle(document.body).direction === "rtl"
      ? Math.abs(r(first).right - r(bar).right) < 1 : Math.abs(r(first).left - r(bar).left) < 1,
  segments_fill_bar: Math.abs(segs.reduce((a, e) => a + r(e).width, 0) - r(bar).width) < 2,
  matrix_rows: document.querySelectorAll("#matrix tbody tr").length,
  doc_header_at_start: (() => { const th = q("#matrix thead th"), t = r(q("#matrix table")); return getComputedStyle(document.body).direction === "rtl" ? Math.abs(r(th).right - t.right) < 2 : Math.abs(r(th).left - t.left) < 2; })(),
  stale_links: document.querySelectorAll("#matrix a[href^=\"#stale-\"]").length,
  stale_rows_ar: document.querySelectorAll("#list-stale table[data-locale=ar] tbody tr").length,
  link_target_exists: [...document.querySelectorAll("#matrix a[href^=\"#\"]")].every(a => document.getElementById(a.getAttribute("href").slice(1))),
  back_links_exist: [...document.querySelectorAll(".work a[href^=\"#doc-\"]")].every(a => document.getElementById(a.getAttribute("href").slice(1))),
  external: document.querySelectorAll("link, img, iframe, script[src]").length
};
const pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out); document.body.append(pre);
</script>'
"$G" --db g.db coverage --by document --format json -o cov.json || bad "coverage json"
for lang in en ar; do
  "$G" --db g.db --ui-lang "$lang" coverage --format html -o "dash-$lang.html" || bad "dashboard $lang"
  PROBE="$probe" python3 -c 'import os, sys; t = open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "w", encoding="utf-8").write(t.replace("</body>", os.environ["PROBE"] + "</body>"))' "dash-$lang.html" "probe-$lang.html"
  timeout 120 "$browser" "${flags[@]}" --window-size=1280,900 --dump-dom "file://$work/probe-$lang.html" > "dash-dom-$lang.html" 2>> chromium.log
  python3 - "$lang" "dash-dom-$lang.html" <<'PY' && ok || bad "dashboard $lang layout"
import html, json, re, sys
lang, path = sys.argv[1], sys.argv[2]
cov = json.load(open("cov.json"))
m = re.search(r'<pre id="probe">(.*?)</pre>', open(path, encoding="utf-8").read(), re.S)
if not m:
    print("no probe output"); sys.exit(1)
p = json.loads(html.unescape(m.group(1)))
rtl = lang == "ar"
want = {
    "dir": "rtl" if rtl else "ltr", "lang": lang,
    "cards": "en,fr,es,ar",
    "en_card_left_of_ar": not rtl,        # the first card (en) sits at the start: on the right in Arabic
    "first_segment": "missing", "first_segment_at_start": True, "segments_fill_bar": True,
    "matrix_rows": len({r["group"] for r in cov["rows"]}), "doc_header_at_start": True,
    # Cross-checked with the JSON contract: one link per (document, locale) with stale units.
    "stale_links": sum(1 for r in cov["rows"] if r["counts"]["stale"]["units"] > 0),
    "stale_rows_ar": sum(r["counts"]["stale"]["units"] for r in cov["totals"] if r["locale"] == "ar"),
    "link_target_exists": True, "back_links_exist": True, "external": 0,
}
bad = {k: (p.get(k), v) for k, v in want.items() if p.get(k) != v}
if rtl and p.get("title") == "Translation coverage": bad["title"] = (p["title"], "translated")
if bad:
    print(lang, "layout differs (got, want):", bad); sys.exit(1)
PY
done
timeout 120 "$browser" "${flags[@]}" --window-size=1280,1600 --screenshot="$work/dash-ar.png" "file://$work/dash-ar.html" 2>>chromium.log
[[ -s dash-ar.png ]] && ok || bad "no dashboard screenshot"
[[ -n "${GLOSSA_KEEP_DASHBOARD:-}" ]] && cp dash-ar.png "$GLOSSA_KEEP_DASHBOARD"
finish "browser"
