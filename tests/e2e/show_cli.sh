#!/usr/bin/env bash
# show_cli: `muniscan show` prints a page as the crawl archived it.  A real
# nginx on loopback serves a Shift_JIS page (gzip transfer on), a UTF-8 page
# and a PDF; after a crawl, show gives back each body byte for byte (not the
# UTF-8 the database keeps), also from inside the folder and for a URL written
# in another form; after the files on the server change, the archive still
# gives what was fetched; --head adds the stored HTTP head; a URL not in the
# archive exits 1 naming it; a revisit whose body is in last year's folder
# (--since) names the capture to look for; usage errors exit 2.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"
command -v iconv >/dev/null || skip "iconv not installed"

ms_tmpdir
port=$(ms_free_port)
web="$MS_TMP/web"
mkdir -p "$web/a/keizai"
printf 'User-agent: *\nAllow: /\n' >"$web/a/robots.txt"
cat >"$MS_TMP/index.html" <<'EOF'
<html><head><meta charset="shift_jis"><title>テスト市</title></head><body>
<h1>事業者の皆さまへ</h1>
<p><a href="/keizai/haken.html">中小企業専門家派遣事業</a></p>
<p><a href="/keizai/guide.pdf">案内 (PDF)</a></p>
</body></html>
EOF
# long enough for nginx to compress it (gzip_min_length)
for i in $(seq 1 40); do echo "<p>経営相談窓口のご案内 $i</p>"; done >>"$MS_TMP/index.html"
iconv -f UTF-8 -t SHIFT_JIS "$MS_TMP/index.html" >"$web/a/index.html" || skip "iconv has no SHIFT_JIS"
cat >"$web/a/keizai/haken.html" <<'EOF'
<html><head><meta charset="utf-8"><title>専門家派遣</title></head><body>
<h1>中小企業専門家派遣事業</h1><p>専門家を無料で派遣します。最大5回まで。</p>
</body></html>
EOF
printf '%%PDF-1.4\n%% not a real PDF, only bytes to archive\n%%%%EOF\n' >"$web/a/keizai/guide.pdf"
cp -r "$web/a" "$MS_TMP/fetched"
ms_nginx_server www.city.show.test "$web/a" 'gzip on; gzip_min_length 20; gzip_types text/html;'
ms_nginx_start "$port" || exit 1
printf 'code\tname\tprefecture\tcategory\turl\n131016\tテスト区\t東京都\tward\thttp://www.city.show.test:%s/\n' \
	"$port" >"$MS_TMP/seeds.tsv"
out="$MS_TMP/out"
# shellcheck disable=SC2046
"$bin" crawl --out "$out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --timeout 5 --retries 1 \
	--no-progress --allow-private $(ms_resolve_args) 2>"$MS_TMP/crawl.err"
rc=$?
expect_code 0 "$rc"
[ "$rc" = 0 ] || cat "$MS_TMP/crawl.err" >&2
expect_file "$out/crawl.warc.gz"
A="http://www.city.show.test:$port"

# the live pages change after the crawl: show must not look at them
echo '<html><body>changed</body></html>' >"$web/a/keizai/haken.html"

# each body as fetched, byte for byte
for f in index.html keizai/haken.html keizai/guide.pdf; do
	u="$A/$f"
	[ "$f" = index.html ] && u="$A/"
	"$bin" show --out "$out" "$u" >"$MS_TMP/got" 2>"$MS_TMP/err"
	expect_code 0 $?
	if ! cmp -s "$MS_TMP/fetched/$f" "$MS_TMP/got"; then
		_fail "show $u differs from the file served: $(head -c 200 "$MS_TMP/got") $(cat "$MS_TMP/err")"
	fi
done
# the Shift_JIS page stays Shift_JIS (the database has it as UTF-8)
"$bin" show --out "$out" "$A/" 2>/dev/null | iconv -f SHIFT_JIS -t UTF-8 >"$MS_TMP/utf8"
expect_match "$(cat "$MS_TMP/utf8")" '中小企業専門家派遣事業'
# the capture date goes to stderr
"$bin" show --out "$out" "$A/keizai/haken.html" 2>"$MS_TMP/err" >/dev/null
expect_match "$(cat "$MS_TMP/err")" 'captured [0-9]{4}-[0-9]{2}-[0-9]{2}T'
# another form of the same URL (host case, default fragment), and from
# inside the folder without --out
got=$(cd "$out" && "$bin" show "http://WWW.City.Show.test:$port/keizai/haken.html#top" 2>/dev/null)
expect_match "$got" '専門家を無料で派遣します'
# --head: the stored status line and headers, then the body
"$bin" show --out "$out" --head "$A/keizai/haken.html" >"$MS_TMP/head" 2>/dev/null
expect_code 0 $?
expect_match "$(head -1 "$MS_TMP/head")" '^HTTP/1\.1 200'
expect_match "$(cat "$MS_TMP/head")" 'Content-Length: '
expect_match "$(cat "$MS_TMP/head")" '専門家を無料で派遣します'
# the Shift_JIS page came gzip-compressed: stored decoded, the original named
"$bin" show --out "$out" --head "$A/" 2>/dev/null | tr -d '\r' >"$MS_TMP/head2"
expect_match "$(cat "$MS_TMP/head2")" '^X-Original-Content-Encoding: gzip'

# a year later under --since: an unchanged page is a revisit (304) in the
# new archive, its body in the old one; show says where to look
# shellcheck disable=SC2046
"$bin" crawl --out "$MS_TMP/out2" --since "$out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 \
	--timeout 5 --retries 1 --no-progress --allow-private $(ms_resolve_args) 2>"$MS_TMP/crawl2.err"
expect_code 0 $?
if gzip -dc "$MS_TMP/out2/crawl.warc.gz" | tr -d '\r' | grep -aq '^WARC-Type: revisit'; then
	"$bin" show --out "$MS_TMP/out2" "$A/keizai/guide.pdf" >"$MS_TMP/got" 2>"$MS_TMP/err"
	expect_code 1 $?
	expect_eq 1 "$(wc -l <"$MS_TMP/err")"
	expect_match "$(cat "$MS_TMP/err")" "$A/keizai/guide.pdf: .*revisit of the capture of [0-9]{4}-.*--since"
else
	_fail "no revisit record in the --since archive"
fi
# the changed page was fetched again: the new archive has the new body
expect_match "$("$bin" show --out "$MS_TMP/out2" "$A/keizai/haken.html" 2>/dev/null)" 'changed'

# not in the archive: exit 1, one line naming the URL
"$bin" show --out "$out" "$A/nothere.html" >"$MS_TMP/got" 2>"$MS_TMP/err"
expect_code 1 $?
expect_eq 1 "$(wc -l <"$MS_TMP/err")"
expect_match "$(cat "$MS_TMP/err")" "$A/nothere.html: not in .*crawl.warc.gz"
expect_eq 0 "$(wc -c <"$MS_TMP/got")"
# a folder without an archive: exit 1 naming the file
"$bin" show --out "$MS_TMP" "$A/" >/dev/null 2>"$MS_TMP/err"
expect_code 1 $?
expect_match "$(cat "$MS_TMP/err")" 'crawl.warc.gz'
# usage errors
"$bin" show --out "$out" >/dev/null 2>"$MS_TMP/err"
expect_code 2 $?
expect_match "$(cat "$MS_TMP/err")" 'usage: muniscan show'
"$bin" show --bogus "$A/" >/dev/null 2>&1
expect_code 2 $?
"$bin" show --out "$out" "$A/" "$A/x" >/dev/null 2>&1
expect_code 2 $?
"$bin" show --help | grep -q 'usage: muniscan show'
expect_code 0 $?
"$bin" --help | grep -q '^  show '
expect_code 0 $?
finish
