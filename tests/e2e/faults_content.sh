#!/usr/bin/env bash
# faults_content: `muniscan run` against nginx serving hostile content
# (tests/data/faults/make_web.py): invalid UTF-8 and mixed encodings, a
# 100,000-link page, 10,000-deep nesting, a 10 MB robots.txt and redirect
# loops.  The run finishes (exit 0, under `timeout`), each page is recorded
# with its state and reason, the max RSS stays under 300 MB (not asserted
# under ASan), and stored text is valid UTF-8.  Then a page that is one
# 1 MB word goes through classify-file under a time limit.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_tmpdir
asan=0
if [ -n "${MUNISCAN_ASAN:-}" ] || grep -aq __asan_init "$bin"; then asan=1; fi
# a sanitizer build parses the 100,000-link page several times slower, and
# the crawl loop is single-threaded: while it works on that page, the
# requests in flight to the other hosts age.  Under ASan with a parallel
# test beside it that took over 30 s once and a start page timed out, so
# its host's pages were never found; give each request room.
req_timeout=5
[ "$asan" = 1 ] && req_timeout=120
# attempts: one, but a starved sanitizer build has been seen to retry a
# small page once (the run still ends and records it)
att=1
[ "$asan" = 1 ] && att='[12]'
port=$(ms_free_port)
ms_web_start "$src/tests/data/faults/make_web.py" || exit 1

out="$MS_TMP/out"
start=$(date +%s.%N)
# shellcheck disable=SC2046
/usr/bin/time -f %M -o "$MS_TMP/rss" timeout -k 5 240 \
	"$bin" run --out "$out" --seeds "$MS_TMP/web/seeds.tsv" --delay 0.05 --timeout "$req_timeout" \
	--retries 1 --max-pages 30 --threads 1 $(ms_resolve_args) 2>"$MS_TMP/run.err"
rc=$?
end=$(date +%s.%N)
expect_code 0 "$rc"
[ "$rc" = 0 ] || tail -20 "$MS_TMP/run.err" >&2
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
rss=$(tail -1 "$MS_TMP/rss")
echo "run took $secs s, max RSS $rss KB"
if [ "$asan" = 0 ]; then
	expect_match "$(awk -v r="$rss" 'BEGIN { print (r + 0 < 300 * 1024) ? "ok" : "rss " r " KB" }')" '^ok$'
	expect_match "$(awk -v s="$secs" 'BEGIN { print (s < 120) ? "ok" : "slow " s }')" '^ok$'
else
	echo "ASan build: memory and time not asserted"
fi

db="$out/muniscan.db"
# one dump: url state reason http_status attempts truncated body_len utf8_ok
python3 - "$db" >"$MS_TMP/rows.tsv" <<'PY'
import sqlite3, sys, zlib
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for r in con.execute("SELECT f.url, f.state, f.reason, f.http_status, f.attempts, p.truncated,"
                     " p.body_len, p.body, p.kind FROM frontier f LEFT JOIN pages p ON p.url = f.url"):
    ok = ""
    if r[7] is not None and r[8] == "html":
        try:
            zlib.decompress(r[7]).decode("utf-8")
            ok = "utf8"
        except UnicodeDecodeError:
            ok = "NOT-UTF8"
    print("\t".join("" if v is None else str(v) for v in r[:7]) + "\t" + ok)
PY
row() { awk -F'\t' -v u="$1" '$1 == u { print $2, $3, $4, $5, $8; exit }' "$MS_TMP/rows.tsv"; }

# encodings: every page fetched and stored as valid UTF-8 (nul.html once
# was stored with heap bytes after its NULs: charset.c copied it as a string)
E="http://enc.faults.test:$port"
for p in bad-utf8 sjis-as-utf8 mixed nul unknown-charset utf16-nobom lying-bom truncated-char overlong; do
	r=$(row "$E/$p.html")
	echo "$p: $r"
	expect_match "$r" "^(fetched  200 $att utf8|failed charset 200 $att )\$"
done
expect_eq 0 "$(grep -c 'NOT-UTF8' "$MS_TMP/rows.tsv")"
# the Japanese text of the page sent as Shift_JIS with a UTF-8 header survived
expect_match "$(ms_page_text "$db" "$E/sjis-as-utf8.html")" '経営相談窓口'

# 100,000 links: the first 20,000 (extract/html.c MAX_LINKS) recorded in
# the frontier, the budget respected
L="http://links.faults.test:$port"
expect_match "$(row "$L/")" "^fetched  200 $att utf8\$"
nl=$(awk -F'\t' -v p="$L/p/" 'index($1, p) == 1' "$MS_TMP/rows.tsv" | wc -l)
echo "links recorded: $nl"
expect_match "$(awk -v n="$nl" 'BEGIN { print (n >= 19000) ? "ok" : "only " n }')" '^ok$'
expect_match "$(awk -F'\t' -v p="$L/" 'index($1, p) == 1 && $2 == "fetched"' "$MS_TMP/rows.tsv" | wc -l)" '^(29|30)$'

# deep nesting: fetched (extract blanks tags nested deeper than 400, so the
# links at the bottom are dropped by design: printed, not asserted)
D="http://deep.faults.test:$port"
for p in div b table; do
	expect_match "$(row "$D/$p.html")" "^fetched  200 $att utf8\$"
	echo "bottom-$p: $(row "$D/bottom-$p.html")"
done

# robots.txt of 10 MB: the crawl goes on; the page it allows is fetched
R="http://robots.faults.test:$port"
echo "robots: $(ms_sql "$db" "SELECT robots_status, length(robots_body) FROM hosts WHERE origin='$R'")"
expect_match "$(row "$R/ok.html")" "^fetched  200 $att utf8\$"
expect_match "$(row "$R/late/x.html")" '^(refused robots|fetched)'

# redirect loops end
O="http://loop.faults.test:$port"
for p in a b self; do echo "$p: $(row "$O/$p")"; done
expect_match "$(row "$O/a")" "^(fetched|skipped) redirect 302 $att"
expect_match "$(row "$O/self")" "^(fetched|skipped) redirect 301 $att"
expect_match "$(row "$O/ok.html")" "^fetched  200 $att utf8\$"
expect_match "$(awk '$2 == "loop.faults.test" && $3 == "/a"' "$MS_TMP/nginx/logs/access.log" | wc -l)" "^$att\$"

expect_file "$out/failures.csv"
expect_eq ok "$(ms_sql "$db" "PRAGMA integrity_check")"
expect_eq "done" "$(ms_sql "$db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1")"

# KNOWN BUG (classify/tokenize.c, see docs/TESTING.md "Reliability"): a
# page whose text is one long ASCII word costs MeCab time quadratic in the
# chunk (16 KB), ~16 s per MB; a 5 MB page (the body cap) takes ~100 s.
# 512 KB must classify in under 8 s.
python3 -c "print('<html><body><p>' + 'y' * 524288 + '</p></body></html>')" >"$MS_TMP/word.html"
t0=$(date +%s.%N)
timeout -k 2 8 "$bin" classify-file "$MS_TMP/word.html" >/dev/null 2>"$MS_TMP/word.err"
expect_code 0 $?
echo "classify-file of a 512 KB word: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
# KNOWN BUG (classify/rules.c rules_elem(): a '#' element concatenates every
# following number token, so a page listing N numbers costs N^2/2): a page of
# 100,000 numbered links took > 240 s.  40,000 numbers must classify in 8 s.
python3 -c "print('<html><body><p>' + ' '.join(str(i) for i in range(40000)) + '</p></body></html>')" >"$MS_TMP/numbers.html"
t0=$(date +%s.%N)
timeout -k 2 8 "$bin" classify-file "$MS_TMP/numbers.html" >/dev/null 2>"$MS_TMP/numbers.err"
expect_code 0 $?
echo "classify-file of 40,000 numbers: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
finish
