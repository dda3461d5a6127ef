#!/usr/bin/env bash
# glossa serve over loopback, as a client sees it: negotiation, caching,
# errors as problem+json, auth on writes, limits, keep-alive, shutdown.
# Usage: server_test.sh GLOSSA SOURCE_DIR
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
G=$1 SRC=$2
command -v curl >/dev/null || missing "curl (apt-get install curl)"
work=$(mktemp -d)
cd "$work"
"$G" --db g.db -q content import "$SRC"/examples/content/*.json >/dev/null || exit 1
echo "s3cret-token-for-tests" > token
"$G" --db g.db serve --port 0 --token-file token > server.out 2> access.log &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
port=$(wait_for_port server.out access.log) || exit 1
base="http://127.0.0.1:$port"
code() { curl -s -o /dev/null -w "%{http_code}" "$@"; }

expect healthz 200 "$(code "$base/healthz")"
# Locale by query, by Accept-Language, with Content-Language and Vary.
curl -s -D h1 -o d1.json -H "Accept-Language: ar-EG,ar;q=0.9" "$base/v1/documents/job-2026-002"
grep -qi "^content-language: ar-EG" h1 && ok || bad "Content-Language ar-EG"
grep -qi "^vary: Accept-Language" h1 && ok || bad "Vary"
grep -q '"dir": "rtl"' d1.json && ok || bad "dir rtl"
for l in en fr es ar; do
  expect "get $l" 200 "$(code "$base/v1/documents/job-2026-003?locale=$l")"
done
curl -s "$base/v1/documents/job-2026-003?locale=fr" | grep -q '"requested_locale": "fr"' && ok || bad "locale param"
# ETag and If-None-Match.
etag=$(curl -s -D - -o /dev/null "$base/v1/documents/organization?locale=es" | grep -i '^etag' | cut -d' ' -f2 | tr -d '\r')
expect not_modified 304 "$(code -H "If-None-Match: $etag" "$base/v1/documents/organization?locale=es")"
expect modified_other_locale 200 "$(code -H "If-None-Match: $etag" "$base/v1/documents/organization?locale=fr")"
# Errors: problem+json with a stable code.
expect unknown_key 404 "$(code "$base/v1/documents/nope")"
curl -s -D h2 -o p.json "$base/v1/documents/nope"
grep -qi "^content-type: application/problem+json" h2 && ok || bad "problem+json type"
grep -q '"code":"not_found"' p.json && ok || bad "problem code"
expect bad_locale 400 "$(code "$base/v1/documents/organization?locale=xx-invalid-tag")"
expect traversal 400 "$(code --path-as-is "$base/v1/documents/%2e%2e")"
expect traversal_raw 400 "$(code --path-as-is "$base/v1/../../etc/passwd")"
expect bad_escape 400 "$(code "$base/v1/documents/a%zz")"
expect no_route 404 "$(code "$base/v2/anything")"
# Lists, bundles, locales, XLIFF export.
curl -s "$base/v1/documents?type=job&locale=es" | grep -q '"title": "Asistente de Finanzas' && ok || bad "list"
expect bundle 200 "$(code "$base/v1/bundles/ar")"
# Every configured locale named in the UI language and in its own (fr-CA: "français (Canada)").
curl -s -H 'Accept-Language: fr' "$base/v1/locales" > locales.json
python3 -c 'import json,sys; l={x["tag"]: x for x in json.load(open("locales.json"))}; sys.exit(not (l["ar"]["dir"]=="rtl" and all(x["name"] and x["autonym"] for x in l.values()) and l["fr-CA"]["autonym"].startswith("français") and l["ar-EG"]["name"].startswith("arabe")))' \
  && ok || { bad "locales"; head -c 600 locales.json; }
curl -s "$base/v1/xliff/ar?version=2.0&scope=missing" | grep -q 'urn:oasis:names:tc:xliff:document:2.0' && ok || bad "xliff export"
expect xliff_bad_version 400 "$(code "$base/v1/xliff/ar?version=9")"
# The memory's matches and prefilled targets (the example openings repeat fields word for word).
curl -s "$base/v1/xliff/ar?tm=true&prefill=exact" > ar-tm.xlf
grep -q '<alt-trans match-quality="100"' ar-tm.xlf && grep -q 'state-qualifier="exact-match"' ar-tm.xlf &&
  grep -q 'glossa:prefill="[0-9a-f]\{16\}"' ar-tm.xlf && ok || bad "xliff export ?tm=true&prefill=exact"
expect xliff_bad_prefill 400 "$(code "$base/v1/xliff/ar?prefill=fuzzy")"
curl -s "$base/v1/xliff/ar?version=2.1&segment=sentences&tm=true" > ar-seg.xlf
grep -q '<segment id="s2"' ar-seg.xlf && grep -q '<ignorable>' ar-seg.xlf && ok || bad "xliff export ?segment=sentences"
expect xliff_bad_segment 400 "$(code "$base/v1/xliff/ar?segment=words")"
curl -s "$base/v1/analysis/ar?segment=sentences" > analysis.json
python3 -c 'import json,sys; r=json.load(open("analysis.json")); b={x["band"]: x for x in r["bands"]}; sys.exit(not (r["segment"]=="sentences" and b["exact"]["segments"] > 0 and r["total"]["words"] == sum(x["words"] for x in r["bands"])))' \
  && ok || { bad "analysis"; head -c 400 analysis.json; }
expect analysis_bad_segment 400 "$(code "$base/v1/analysis/ar?segment=words")"
expect analysis_unknown_document 404 "$(code "$base/v1/analysis/ar?document=nope")"
expect xliff_bad_tm 400 "$(code "$base/v1/xliff/ar?tm=yes")"
curl -s "$base/v1/tm/fr" > fr.tmx
grep -q '<tmx version="1.4">' fr.tmx && [[ $(grep -c '<tu ' fr.tmx) -gt 20 ]] && ok || bad "tm export: $(grep -c '<tu ' fr.tmx) units"
[[ $(curl -s "$base/v1/tm/fr?state=final&stale=false" | grep -c '<tu ') -lt $(grep -c '<tu ' fr.tmx) ]] && ok || bad "tm export ?state=final"
expect tm_bad_state 400 "$(code "$base/v1/tm/fr?state=done")"
curl -s "$base/v1/tm/fr?codes=xliff" | grep -q '&lt;g id="1"&gt;' && ok || bad "tm export ?codes=xliff"
expect tm_bad_codes 400 "$(code "$base/v1/tm/fr?codes=html")"
expect tm_empty_state 400 "$(code "$base/v1/tm/fr?state=final,")"
expect tm_bad_locale 400 "$(code "$base/v1/tm/123")"
# Coverage as JSON and the dashboard in the negotiated UI language.
curl -s "$base/v1/coverage?locale=ar,fr&by=document" > cov.json
grep -q '"locales": \[' cov.json && grep -q '"group": "job-2026-015"' cov.json && ok || bad "coverage by document"
python3 -c 'import json,sys; d=json.load(open("cov.json")); t={r["locale"]: r for r in d["totals"]}; sys.exit(0 if sorted(t) == ["ar", "fr"] and t["fr"]["percent"] == 100 and t["ar"]["counts"]["stale"]["units"] == 6 else 1)' && ok || bad "coverage figures"
curl -s "$base/v1/coverage?locale=,ar,,fr,&by=document" | cmp -s - cov.json && ok || bad "coverage: empty locale items not skipped"
expect coverage_bad_by 400 "$(code "$base/v1/coverage?by=color")"
expect coverage_bad_locale 400 "$(code "$base/v1/coverage?locale=xx-invalid-tag")"
curl -s -D hd -o dash.html -H "Accept-Language: ar-EG,ar;q=0.9" "$base/dashboard"
grep -qi "^content-type: text/html" hd && grep -qi "^content-language: ar" hd && ok || bad "dashboard headers"
grep -qi "^content-security-policy: default-src 'none'" hd && ok || bad "dashboard CSP"
grep -q '<html lang="ar" dir="rtl">' dash.html && ok || bad "dashboard in Arabic, rtl"
curl -s "$base/dashboard?lang=fr" | grep -q '<html lang="fr" dir="ltr">' && ok || bad "dashboard ?lang=fr"
curl -s "$base/dashboard?lang=xx" | grep -q '<html lang="en" dir="ltr">' && ok || bad "dashboard unknown lang falls back to en"
# The dashboard again (from the answer cache) until a write changes it.
stale_summary() { sed -n '/<section id="list-stale"/,/<\/section>/p' "$1" | grep -c 'data-document="page-how-we-work" data-field="summary"'; }
for i in 1 2 3; do curl -s -D hd$i -o dash$i.html "$base/dashboard?lang=en"; done
grep -qi "^content-security-policy: default-src 'none'" hd3 && cmp -s dash1.html dash3.html && ok || bad "dashboard again"
[[ $(stale_summary dash3.html) == 0 ]] && ok || bad "summary stale before the edit"
# Writes: token required.
doc='{"documents": [{"type": "page", "key": "page-how-we-work", "fields": {"summary": "How we work, in brief."}}]}'
expect put_no_token 401 "$(code -X PUT --data "$doc" "$base/v1/documents/page-how-we-work")"
expect put_bad_token 403 "$(code -X PUT -H "Authorization: Bearer nope" --data "$doc" "$base/v1/documents/page-how-we-work")"
expect put_ok 200 "$(code -X PUT -H "Authorization: Bearer s3cret-token-for-tests" --data "$doc" "$base/v1/documents/page-how-we-work")"
curl -s "$base/v1/documents/page-how-we-work?locale=en" | grep -q "How we work, in brief." && ok || bad "PUT visible"
curl -s -o dash4.html "$base/dashboard?lang=en"
# The first answer after a write, asked in HTTP/1.0, is not replayed as 1.0 to a 1.1 client.
curl -s --http1.0 -o /dev/null "$base/v1/documents/page-our-values?locale=fr"
for _ in 1 2 3 4 5 6; do curl -s -D - -o /dev/null "$base/v1/documents/page-our-values?locale=fr" | head -1; done > lines
[[ $(grep -c "^HTTP/1.1 200 OK" lines) == 6 ]] && ok || bad "1.1 answers after a 1.0 one: $(sort lines | uniq -c | tr '\r\n' '  ')"
expect dashboard_list_bad 400 "$(code "$base/dashboard?list=many")"
[[ $(curl -s "$base/dashboard?lang=en&list=all" | grep -c 'class="more"') == 0 && $(curl -s "$base/dashboard?lang=en&list=1" | grep -c 'class="more"') -gt 0 ]] && ok || bad "dashboard ?list="
[[ $(stale_summary dash4.html) == 3 ]] && ok || bad "the dashboard after the edit: $(stale_summary dash4.html) stale rows of the summary, want 3"
expect put_wrong_key 400 "$(code -X PUT -H "Authorization: Bearer s3cret-token-for-tests" --data "$doc" "$base/v1/documents/organization")"
qa_doc='{"documents": [{"type": "page", "key": "page-how-we-work", "translations": {"es": {"title": "C\u00f3mo \u202etrabajamos"}}}]}'
expect put_qa_refused 422 "$(code -X PUT -H "Authorization: Bearer s3cret-token-for-tests" --data "$qa_doc" "$base/v1/documents/page-how-we-work")"
curl -s -X PUT -H "Authorization: Bearer s3cret-token-for-tests" --data "$qa_doc" "$base/v1/documents/page-how-we-work" | grep -q '"code":"qa_failed"' && ok || bad "qa_failed problem"
expect put_bad_json 422 "$(code -X PUT -H "Authorization: Bearer s3cret-token-for-tests" --data '{"documents": [' "$base/v1/documents/x")"
"$G" --db g.db -q xliff export --locale ar --document job-2026-019 -o ar.xlf
sed 's|<source>\([^<]*\)</source>|<source>\1</source><target>ترجمة</target>|' ar.xlf > ar-done.xlf
curl -s -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @ar-done.xlf "$base/v1/xliff" > report.json
grep -q '"applied": 3' report.json && ok || { bad "xliff import over HTTP"; head -5 report.json; }
# ?locale= says where a file in an unconfigured language goes (400 without it).
sed 's/target-language="ar"/target-language="de"/' ar-done.xlf > de.xlf
expect xliff_unknown_locale 400 "$(code -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @de.xlf "$base/v1/xliff?dry_run")"
curl -s -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @de.xlf "$base/v1/xliff?dry_run&locale=ar" > report.json
grep -q '"locale": "ar"' report.json && grep -q '"unchanged": 3' report.json && ok || { bad "xliff ?locale="; head -12 report.json; }
# TMX into the memory: a write (401 without the token), refused where the file
# breaks (422), a JSON report with the batch; then the export has the entries.
expect tm_import_no_token 401 "$(code -X POST --data-binary @fr.tmx "$base/v1/tm")"
sed 's/<\/seg>/<\/sag>/' fr.tmx > broken.tmx
expect tm_import_broken 422 "$(code -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @broken.tmx "$base/v1/tm")"
sed 's/xml:lang="fr"/xml:lang="es"/' fr.tmx > es.tmx
curl -s -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @es.tmx "$base/v1/tm?locale=es" > tm.json
grep -q '"locale": "es"' tm.json && grep -q '"batch": [0-9]' tm.json && ok || { bad "tm import over HTTP"; head -12 tm.json; }
[[ $(curl -s "$base/v1/tm/es" | grep -c 'x-glossa-batch') -gt 20 ]] && ok || bad "the imported entries in GET /v1/tm/es"
# The termbase: TBX in (a write: 401 without the token, 422 for a broken file), a JSON entry
# added, then GET answers TBX (the terms of both) and JSON; a forbidden term then shows in QA.
cat > fr.tbx <<'TBX'
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1"><langSet xml:lang="en"><tig><term>duty station</term></tig></langSet>
<langSet xml:lang="fr"><tig><term>lieu d'affectation</term></tig></langSet></termEntry>
</body></text></martif>
TBX
expect terms_import_no_token 401 "$(code -X POST --data-binary @fr.tbx "$base/v1/terms")"
sed 's/<\/term>/<\/terme>/' fr.tbx > broken.tbx
expect terms_import_broken 422 "$(code -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @broken.tbx "$base/v1/terms")"
curl -s -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @fr.tbx "$base/v1/terms" > terms.json
grep -q '"target_locale": "fr"' terms.json && grep -q '"added": 1' terms.json && ok || { bad "terms import over HTTP"; head -12 terms.json; }
curl -s -X POST -H "Authorization: Bearer s3cret-token-for-tests" -H 'Content-Type: application/json' \
  --data '[{"source_locale": "en", "target_locale": "fr", "source": [{"text": "job opening"}], "target": [{"text": "avis de vacance"}, {"text": "poste vacant", "status": "forbidden"}]}]' \
  "$base/v1/terms" > terms.json
grep -q '"added": 1' terms.json && ok || { bad "terms add over HTTP"; head -12 terms.json; }
curl -s -X POST -H "Authorization: Bearer s3cret-token-for-tests" -H 'Content-Type: Application/JSON' \
  --data '[{"source": [{"text": "host country"}], "target": [{"text": "pays hôte"}]}]' "$base/v1/terms?target=fr&dry_run" > terms.json
grep -q '"added": 1' terms.json && grep -q '"batch": null' terms.json && ok || { bad "terms add ?dry_run"; head -12 terms.json; }
expect terms_add_bad_status 400 "$(code -X POST -H "Authorization: Bearer s3cret-token-for-tests" -H 'Content-Type: application/json' --data '[{"target_locale": "fr", "source": [{"text": "a", "status": "banned"}]}]' "$base/v1/terms")"
curl -s "$base/v1/terms?target=fr" > fr-terms.tbx
[[ $(grep -c '<termEntry' fr-terms.tbx) -eq 2 ]] && grep -q 'deprecatedTerm-admn-sts' fr-terms.tbx && ok || bad "GET /v1/terms: $(head -c 300 fr-terms.tbx)"
curl -s "$base/v1/terms?target=fr&format=json" | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if [e["source"][0]["text"] for e in r] == ["duty station", "job opening"] else 1)' \
  && ok || bad "GET /v1/terms?format=json"
expect terms_no_target 400 "$(code "$base/v1/terms")"
curl -s "$base/v1/xliff/fr?scope=all&version=2.1" | grep -q '<gls:glossEntry id="g' && ok || bad "no terms in GET /v1/xliff/fr"
curl -s "$base/v1/xliff/fr?scope=all&terms=false" | grep -q 'glossa-terms' && bad "terms=false" || ok
expect xliff_bad_terms 400 "$(code "$base/v1/xliff/fr?terms=no")"
expect terms_bad_format 400 "$(code "$base/v1/terms?target=fr&format=csv")"
# Answers are cached per store version: a write by another process is seen at once.
for _ in 1 2 3 4; do curl -s "$base/v1/documents/job-2026-020?locale=ar" > /dev/null; done
"$G" --db g.db -q translation set job-2026-020 title ar "مسؤول دعم تقني" >/dev/null
seen=0
for _ in 1 2 3 4; do curl -s "$base/v1/documents/job-2026-020?locale=ar" | grep -q "مسؤول دعم تقني" && seen=$((seen + 1)); done
expect cache_invalidated 4 "$seen"

# Limits: a body over 16 MiB is refused with 413.
head -c 17000000 /dev/zero | tr '\0' 'a' > big.bin
expect too_large 413 "$(code -X POST -H "Authorization: Bearer s3cret-token-for-tests" --data-binary @big.bin "$base/v1/xliff")"
# Oversized headers: 431; a malformed request line: 400.
expect header_too_large 431 "$(code -H "X-Filler: $(head -c 20000 /dev/zero | tr '\0' 'h')" "$base/v1/locales")"
printf 'GARBAGE\r\n\r\n' > garbage.txt
exec 3<>"/dev/tcp/127.0.0.1/$port"; cat garbage.txt >&3; reply=$(timeout 5 head -1 <&3); exec 3<&-
[[ "$reply" == *" 400 "* ]] && ok || bad "malformed request: got '$reply'"
# Path traversal and encoded separators on every route: 400 before any lookup.
for route in "v1/documents/%2e%2e" "v1/documents/..%2fetc" "v1/bundles/%2e%2e" "v1/xliff/..%2f..%2fetc%2fpasswd" \
             "v1/documents/a%00b" "v1/coverage/%2e%2e" "dashboard/%2e%2e"; do
  expect "traversal $route" 400 "$(code --path-as-is "$base/$route")"
done
# Many keep-alive connections in parallel: all answered.
# (one URL per curl call: -o applies to a single URL)
{ seq 64 | xargs -P 32 -I{} curl -s -o /dev/null -w "%{http_code}\n" "$base/v1/documents/organization?locale=fr"
  seq 64 | xargs -P 32 -I{} curl -s -o /dev/null -w "%{http_code}\n" -H "Accept-Language: ar" "$base/v1/documents/job-2026-001"
} > many.txt
expect many_ok 128 "$(grep -c '^200$' many.txt)"
# 64 keep-alive connections for 2 s (wrk): every answer 2xx, none lost.
if command -v wrk >/dev/null; then
  wrk -t2 -c64 -d2s "$base/v1/documents/job-2026-003?locale=fr" > wrk.txt 2>&1
  grep -q "Non-2xx\|Socket errors" wrk.txt && { bad "keep-alive load had errors"; cat wrk.txt; } || ok
  awk '/Requests\/sec/ { exit !($2 > 100) }' wrk.txt && ok || bad "keep-alive load too slow"
elif [[ "${CI:-}" == "true" ]]; then
  bad "wrk missing (apt-get install wrk)"
fi
# Access log: one line per request.
grep -q "GET /v1/documents/nope 404" access.log && ok || bad "access log"
# A slow client (headers never finished) is dropped after --timeout seconds;
# the server keeps answering others meanwhile.
"$G" --db g.db serve --port 0 --timeout 2 > slow.out 2> /dev/null &
slow_pid=$!
slow_port=$(wait_for_port slow.out) || { bad "slow-client server did not start"; slow_port=0; }
exec 4<>"/dev/tcp/127.0.0.1/$slow_port"
printf 'GET /v1/locales HTTP/1.1\r\nHost: x\r\n' >&4   # no blank line: the request never ends
expect slow_others_served 200 "$(code "http://127.0.0.1:$slow_port/healthz")"
started=$SECONDS
timeout 10 cat <&4 > slow-reply.txt
waited=$((SECONDS - started))
exec 4<&-
[[ $waited -le 6 ]] && ok || bad "slow client held for ${waited}s (timeout 2 s)"
kill $slow_pid 2>/dev/null; wait $slow_pid 2>/dev/null
# Graceful shutdown.
kill -TERM $pid
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill -0 $pid 2>/dev/null && bad "server did not stop on SIGTERM" || ok
grep -q "stopped" server.out && ok || bad "no stop message"
finish "server"
