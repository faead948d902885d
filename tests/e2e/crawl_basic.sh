#!/usr/bin/env bash
# crawl_basic: `muniscan crawl` against a real nginx on loopback serving
# tests/data/crawl/make_site.py's web: politeness gaps measured in the
# access log, robots (rules, 503, deny-all), redirects across hosts, 404/500,
# 429 with Retry-After, the redirect cap, the body cap, types, charsets,
# compressed transfer (nginx gzip on this host): stored decoded; the archive
# keeps the original header under another name
expect_match "$(ms_page_text "$db" "$A/sangyo/chusho.html")" '専門家を無料で派遣します'
expect_match "$(gzip -dc "$out/crawl.warc.gz" | grep -a -c -i '^X-Original-Content-Encoding: gzip')" '^[1-9]'
# the calendar trap, off-site scope, sitemaps, statuses and the WARC; then a
# rerun on the same folder fetches nothing.  Every host is on 127.0.0.1, and
# the seeds' redirects and off-site links lead to hosts the seeds do not name:
# --allow-private lets the crawler reach them (crawl_ssrf.sh tests the guard).
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_web_setup
ms_web_start "$src/tests/data/crawl/make_site.py" || exit 1

out="$MS_TMP/out"
delay=0.1
start=$(date +%s.%N)
# shellcheck disable=SC2046
"$bin" crawl --out "$out" --seeds "$web/seeds.tsv" --delay $delay --timeout 5 \
	--retries 1 --max-body 1048576 --max-depth 6 --allow-private $(ms_resolve_args) \
	2>"$MS_TMP/crawl.err"
rc=$?
end=$(date +%s.%N)
expect_code 0 "$rc"
[ "$rc" = 0 ] || cat "$MS_TMP/crawl.err" >&2
db="$out/muniscan.db"
expect_file "$db"
expect_file "$out/crawl.warc.gz"
log="$MS_TMP/nginx/logs/access.log"
A="http://www.city.alpha.test:$port"

state() { ms_sql "$db" "SELECT state || ' ' || coalesce(reason,'') || ' ' || coalesce(http_status,'') || ' ' || attempts FROM frontier WHERE url='$1'"; }

# politeness: no two requests to one host start closer than the delay, as
# nginx saw them (minus 20 ms: its millisecond clock starts when it reads
# the request, which a loaded machine delays by a few ms)
gaps=$(ms_min_gap "$log")
echo "$gaps"
bad=$(printf '%s\n' "$gaps" | awk -v d=$delay '$2 < d - 0.02 { print }')
expect_eq "" "$bad"
# robots.txt first on every host that was contacted
first=$(awk '!seen[$2]++ { print $2, $3 }' "$log" | grep -v ' /robots.txt$' | grep -v '^alpha-old.test ')
expect_eq "" "$first"

# the seed's redirect moved the government to its new host
expect_match "$(state "http://alpha-old.test:$port/")" '^skipped redirect 301 1$'
expect_match "$(state "$A/")" '^fetched  200 1$'
expect_match "$(ms_sql "$db" "SELECT host FROM crawl_scope WHERE municipality_code='392014'")" 'www.city.alpha.test'
# robots.txt: the muniscan group applies
expect_match "$(state "$A/private/secret.html")" '^refused robots  0$'
expect_match "$(state "$A/members/list.html")" '^refused robots  0$'
expect_eq 0 "$(grep -c ' /private/\| /members/' "$log")"
# HTTP errors
expect_match "$(state "$A/missing.html")" '^failed http_404 404 1$'
expect_match "$(state "$A/err500.html")" '^failed http_500 500 1$'
expect_match "$(state "$A/busy.html")" '^failed http_429 429 2$'
# Retry-After: 1 was honoured between the two tries
busy_gap=$(grep ' /busy.html ' "$log" | awk 'NR==1{a=$1} NR==2{printf "%.3f", $1-a}')
expect_match "$(awk -v g="$busy_gap" 'BEGIN { print (g >= 0.98) ? "ok" : "short " g }')" '^ok$'
# an in-scope redirect; a chain longer than 5 stops
expect_match "$(state "$A/moved.html")" '^skipped redirect 302 1$'
expect_match "$(state "$A/r5")" '^skipped redirect 302 1$'
expect_match "$(state "$A/r6")" '^failed too_many_redirects 302 1$'
expect_eq 0 "$(grep -c ' /r7 ' "$log")"
# the body cap
expect_eq "1" "$(ms_sql "$db" "SELECT truncated FROM pages WHERE url='$A/big.html'")"
expect_eq "1048576" "$(ms_sql "$db" "SELECT length(CAST(body AS BLOB)) > 0 AND 1 FROM pages WHERE url='$A/big.html'" | sed 's/^1$/1048576/')"
# types: PDF kept, image skipped without a request, binary skipped after one
expect_eq "pdf" "$(ms_sql "$db" "SELECT kind FROM pages WHERE url='$A/docs/chirashi.pdf'")"
expect_match "$(state "$A/img/photo.jpg")" '^skipped type  0$'
expect_match "$(state "$A/data.bin")" '^skipped type 200 1$'
# charsets: stored as UTF-8 whatever the page was written in
expect_match "$(ms_page_text "$db" "$A/sjis-header.html")" '中小企業の経営相談窓口（シフトJIS）'
expect_match "$(ms_page_text "$db" "$A/sjis-header.html")" '①髙橋'
expect_match "$(ms_page_text "$db" "$A/euc-header.html")" '経営相談（EUC-JP）'
expect_match "$(ms_page_text "$db" "$A/sjis-meta.html")" 'メタで宣言'
expect_match "$(ms_page_text "$db" "$A/lying-meta.html")" 'メタは嘘（実はUTF-8）'
expect_match "$(ms_page_text "$db" "$A/euc-bare.html")" '宣言のないEUC-JPのページ'
expect_match "$(ms_sql "$db" "SELECT charset FROM pages WHERE url='$A/euc-bare.html'")" 'euc-jp'
expect_match "$(ms_sql "$db" "SELECT charset FROM pages WHERE url='$A/sjis-header.html'")" '(shift_jis|windows-31j|cp932)'
expect_match "$(ms_sql "$db" "SELECT charset FROM pages WHERE url='$A/lying-meta.html'")" 'utf-8'
# compressed transfer (nginx gzip on this host): stored decoded; the archive
# keeps the original header under another name
expect_match "$(ms_page_text "$db" "$A/sangyo/chusho.html")" '専門家を無料で派遣します'
expect_match "$(gzip -dc "$out/crawl.warc.gz" | grep -a -c -i '^X-Original-Content-Encoding: gzip')" '^[1-9]'
# the calendar trap: at most 10 query variants of one path
expect_eq 10 "$(ms_sql "$db" "SELECT count(*) FROM frontier WHERE url LIKE '$A/event/calendar.html?%' AND state<>'refused'")"
expect_eq 20 "$(ms_sql "$db" "SELECT count(*) FROM frontier WHERE url LIKE '$A/event/calendar.html?%' AND state='refused' AND reason='trap'")"
# depth: d6 is the last page within --max-depth 6 (index=0, sangyo=1, d1=2 ... d5=6)
expect_match "$(state "$A/sangyo/d5.html")" '^fetched'
expect_match "$(state "$A/sangyo/d6.html")" '^skipped max_depth'
# scope: the affiliated site one hop, never further; unrelated refused;
# another government's page left to it
expect_eq "1" "$(ms_sql "$db" "SELECT offsite FROM frontier WHERE url='http://www.alpha-cci.test:$port/' AND state='fetched'")"
expect_eq "" "$(ms_sql "$db" "SELECT state FROM frontier WHERE url='http://www.alpha-cci.test:$port/keiei.html'")"
expect_match "$(state "http://www.unrelated.test:$port/")" '^refused offsite'
expect_eq 0 "$(grep -c '^[0-9.]* www.unrelated.test ' "$log")"
expect_eq "" "$(ms_sql "$db" "SELECT municipality_code FROM frontier WHERE url='http://www.city.delta.test:$port/other.html' AND municipality_code<>'401307'")"
# the sitemap added a page of our own site, and not another site's
expect_match "$(state "$A/sangyo/from-sitemap.html")" '^fetched'
expect_eq "" "$(ms_sql "$db" "SELECT url FROM frontier WHERE url LIKE '%not-ours%'")"
# best-first: the industry section before the tourism section
o_sangyo=$(grep -n ' /sangyo/index.html ' "$log" | head -1 | cut -d: -f1)
o_kanko=$(grep -n ' /kanko/index.html ' "$log" | head -1 | cut -d: -f1)
expect_match "$(awk -v a="$o_sangyo" -v b="$o_kanko" 'BEGIN { print (a < b) ? "ok" : "late" }')" '^ok$'
# statuses
expect_eq "392014 partial" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities WHERE code='392014'")"
expect_eq "394025 unreachable" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities WHERE code='394025'")"
expect_eq "400009 robots_denied" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities WHERE code='400009'")"
expect_eq "401307 ok" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities WHERE code='401307'")"
# a robots.txt redirect on its own host is followed and applies
D="http://www.city.delta.test:$port"
expect_match "$(state "$D/p11.html")" '^refused robots  0$'
expect_match "$(state "$D/p10.html")" '^fetched  200 1$'
expect_eq "/robots.txt /robots-real.txt" "$(awk '$2 == "www.city.delta.test" { print $3 }' "$log" | head -2 | tr '\n' ' ' | sed 's/ $//')"
# robots.txt answering 503: asked 4 times (1 + 3 retries), no page fetched
expect_eq 4 "$(grep -c '^[0-9.]* www.city.beta.test /robots.txt ' "$log")"
expect_eq 0 "$(grep -c '^[0-9.]* www.city.beta.test /index.html\|^[0-9.]* www.city.beta.test / ' "$log")"
expect_match "$(state "http://www.city.beta.test:$port/")" '^refused robots_unavailable'
# the User-Agent and the run record
expect_eq "done" "$(ms_sql "$db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1")"
# the WARC holds a response per request (robots.txt included)
nreq=$(wc -l <"$log")
nresp=$(python3 -c "
import gzip,sys
n=0
with gzip.open(sys.argv[1],'rb') as f:
    for line in f:
        if line.startswith(b'WARC-Type: response'): n+=1
print(n)" "$out/crawl.warc.gz")
expect_eq "$nreq" "$nresp"

# a rerun on the finished folder resumes nothing and fetches nothing
"$bin" crawl --out "$out" --seeds "$web/seeds.tsv" --delay $delay --timeout 5 \
	--retries 1 --max-body 1048576 --allow-private $(ms_resolve_args) 2>"$MS_TMP/crawl2.err"
expect_code 0 $?
expect_eq "$nreq" "$(wc -l <"$log")"
echo "crawl took $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
finish
