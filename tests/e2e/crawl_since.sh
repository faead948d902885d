#!/usr/bin/env bash
# crawl_since: a crawl through --proxy (nginx answers proxy-style requests by
# their Host), then a conditional re-crawl with --since: nginx answers 304,
# the old bodies are reused (pages.revisit=1, WARC revisit records) and the
# same pages are reached; a page changed meanwhile is fetched anew.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_web_setup
ms_web_start "$src/tests/data/crawl/make_big_site.py" 2 15 4 || exit 1
seeds="$web/seeds.tsv"
pages() { ms_sql "$1/muniscan.db" "SELECT url FROM pages ORDER BY url"; }

# 1. through the proxy: no --resolve, the *.test names never reach DNS
no_proxy='' "$bin" crawl --out "$MS_TMP/old" --seeds "$seeds" --delay 0.02 --no-progress \
	--proxy "http://127.0.0.1:$port" 2>"$MS_TMP/err1"
expect_code 0 $?
nold=$(pages "$MS_TMP/old" | wc -l)
expect_eq 30 "$nold"
expect_eq 0 "$(ms_sql "$MS_TMP/old/muniscan.db" "SELECT count(*) FROM frontier WHERE state='failed'")"

# 2. a conditional re-crawl: everything 304
sleep 1 # a later Last-Modified for the page changed below
# shellcheck disable=SC2046
"$bin" crawl --out "$MS_TMP/new" --seeds "$seeds" --delay 0.02 --no-progress \
	--since "$MS_TMP/old" $(ms_resolve_args) 2>"$MS_TMP/err2"
expect_code 0 $?
expect_eq "$(pages "$MS_TMP/old")" "$(pages "$MS_TMP/new")"
expect_eq "$nold" "$(ms_sql "$MS_TMP/new/muniscan.db" "SELECT count(*) FROM pages WHERE revisit=1")"
expect_eq "$(ms_sql "$MS_TMP/old/muniscan.db" "SELECT group_concat(body_sha256) FROM (SELECT body_sha256 FROM pages ORDER BY url)")" \
	"$(ms_sql "$MS_TMP/new/muniscan.db" "SELECT group_concat(body_sha256) FROM (SELECT body_sha256 FROM pages ORDER BY url)")"
expect_eq "$nold" "$(grep -c ' 304 ' "$MS_TMP/nginx/logs/access.log")"
nrev=$(python3 -c "
import gzip,sys
n=0
with gzip.open(sys.argv[1],'rb') as f:
    for line in f:
        if line.startswith(b'WARC-Type: revisit'): n+=1
print(n)" "$MS_TMP/new/crawl.warc.gz")
expect_eq "$nold" "$nrev"
# the old folder was only read
expect_eq 1 "$(ms_sql "$MS_TMP/old/muniscan.db" "SELECT count(*) FROM runs")"

# 3. one page changed: fetched anew, the rest revisits
f="$web/sites/www.city.h000.test/p0003.html"
sed -i 's/本文。/改訂。/' "$f"
# shellcheck disable=SC2046
"$bin" crawl --out "$MS_TMP/newer" --seeds "$seeds" --delay 0.02 --no-progress \
	--since "$MS_TMP/old" $(ms_resolve_args) 2>"$MS_TMP/err3"
expect_code 0 $?
expect_eq 0 "$(ms_sql "$MS_TMP/newer/muniscan.db" "SELECT revisit FROM pages WHERE url='http://www.city.h000.test:$port/p0003.html'")"
expect_eq $((nold - 1)) "$(ms_sql "$MS_TMP/newer/muniscan.db" "SELECT count(*) FROM pages WHERE revisit=1")"
expect_match "$(ms_page_text "$MS_TMP/newer/muniscan.db" "http://www.city.h000.test:$port/p0003.html")" '改訂'
finish
