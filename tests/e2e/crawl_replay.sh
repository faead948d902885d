#!/usr/bin/env bash
# crawl_replay: --replay-dir serves the bundled sample web (corpus/sites)
# from disk, with its .headers sidecars (status, redirects, charsets): no
# network at all (a dead proxy proves it), the moved government follows its
# redirect, and a second replay of a fresh folder gives the same pages.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"
[ -d "$src/corpus/sites" ] && [ -f "$src/corpus/seeds.tsv" ] || skip "no corpus/sites"

ms_tmpdir
run() { # OUT
	"$bin" crawl --out "$1" --seeds "$src/corpus/seeds.tsv" --replay-dir "$src/corpus/sites" \
		--proxy http://127.0.0.1:9 --no-progress 2>>"$MS_TMP/err"
}
run "$MS_TMP/a"
expect_code 0 $?
db="$MS_TMP/a/muniscan.db"
n=$(ms_sql "$db" "SELECT count(*) FROM pages")
expect_match "$n" '^[1-9][0-9]+$'
# a network attempt would have failed through the dead proxy
expect_eq "" "$(ms_sql "$db" "SELECT url FROM frontier WHERE reason LIKE 'network:%' OR reason='timeout'")"
# a site that moved: the redirect's target host joined the government's scope
moved=$(ms_sql "$db" "SELECT f.url FROM frontier f WHERE f.reason='redirect' AND f.depth=0 LIMIT 1")
if [ -n "$moved" ]; then
	expect_match "$(ms_sql "$db" "SELECT count(*) FROM crawl_scope")" '^[1-9]'
fi
# sidecar statuses are honoured
for hf in $(cd "$src/corpus/sites" && grep -l '^Status: 404' -r . --include='*.headers' | head -3); do
	p=${hf#./}
	p=${p%.headers}
	host=${p%%/*}
	path=/${p#*/}
	st=$(ms_sql "$db" "SELECT state || ' ' || coalesce(reason,'') FROM frontier WHERE url LIKE 'http%://$host$path'")
	[ -n "$st" ] && expect_eq "failed http_404" "$st"
done
# everything stored as UTF-8 with a charset decision
expect_eq 0 "$(ms_sql "$db" "SELECT count(*) FROM pages WHERE kind='html' AND (charset IS NULL OR charset='')")"
# every government got a status
expect_eq 0 "$(ms_sql "$db" "SELECT count(*) FROM municipalities WHERE status IS NULL")"
# replay is deterministic
run "$MS_TMP/b"
expect_code 0 $?
expect_eq "$(ms_sql "$db" "SELECT url || ' ' || body_sha256 FROM pages ORDER BY url")" \
	"$(ms_sql "$MS_TMP/b/muniscan.db" "SELECT url || ' ' || body_sha256 FROM pages ORDER BY url")"
finish
