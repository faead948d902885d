#!/usr/bin/env bash
# extract_cli: `muniscan extract` prints text and JSON for a page, and one
# error line with exit 1 for an unreadable or damaged file.
set -u
bin=${MUNISCAN_BIN:?}
data=${MUNISCAN_TESTDATA:?}/extract
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "extract_cli: $*" >&2; exit 1; }

out=$("$bin" extract --url https://www.city.minato.example.lg.jp/sangyo/haken.html "$data/cms_tmp.html") ||
	fail "extract failed"
grep -q '^title: 中小企業専門家派遣事業$' <<<"$out" || fail "no title line: $out"
grep -q 'item < \[[0-9]*\].*: 働き方改革の相談' <<<"$out" || fail "no item: $out"
grep -q 'このページは役に立ちましたか' <<<"$out" && fail "template kept: $out"

"$bin" extract --json "$data/skip_marker.sjis.html" >"$tmp/j.json" || fail "json failed"
grep -q '"charset":"windows-31j"' "$tmp/j.json" || fail "charset not in json"
grep -q '"kind":"item"' "$tmp/j.json" || fail "no item in json"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/j.json" || fail "invalid json"
fi

# errors: one line naming the file, exit 1
printf '%%PDF-1.4\n%%\xef\xbf\xbd\ngarbage\n' >"$tmp/broken.pdf"
"$bin" extract "$tmp/broken.pdf" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "damaged pdf: exit $rc"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "damaged pdf: not one line: $(cat "$tmp/err")"
grep -q "^muniscan: error: $tmp/broken.pdf: " "$tmp/err" || fail "bad error line: $(cat "$tmp/err")"
"$bin" extract "$tmp/missing.html" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "missing file: exit $rc"
: >"$tmp/empty.html"
"$bin" extract "$tmp/empty.html" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "empty file: exit $rc"
"$bin" extract --nope x >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "unknown option: exit $rc"
"$bin" extract >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "no file: exit $rc"
echo "extract_cli: ok"
