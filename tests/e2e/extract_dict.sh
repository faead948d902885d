#!/usr/bin/env bash
# extract_dict: `muniscan extract --dict DIR` reads the template words from
# DIR/extract.tsv: a malformed file is one error line naming file:line and
# exit 1; a class word added by a researcher drops the block it names.
set -u
bin=${MUNISCAN_BIN:?}
data=${MUNISCAN_TESTDATA:?}/extract
dict=${MUNISCAN_DICT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "extract_dict: $*" >&2; exit 1; }

page=$data/dict_class.html
"$bin" extract --dict "$dict" "$page" >"$tmp/before" || fail "extract failed"
grep -q '広告：みなと信用金庫' "$tmp/before" || fail "advertisement not kept by default"

mkdir "$tmp/d"
cp "$dict/extract.tsv" "$tmp/d/extract.tsv"
printf 'drop_class\tkoukoku\tadvertisements\n' >>"$tmp/d/extract.tsv"
"$bin" extract --dict "$tmp/d" "$page" >"$tmp/after" || fail "extract with the added word failed"
grep -q '広告：みなと信用金庫' "$tmp/after" && fail "added class word did not drop the block"
grep -q '開業に要する経費' "$tmp/after" || fail "page text lost"

# malformed: one line, file:line, exit 1, nothing on stdout
line=$(($(wc -l <"$tmp/d/extract.tsv") + 1))
printf 'drop_clas\tkoukoku\n' >>"$tmp/d/extract.tsv"
"$bin" extract --dict "$tmp/d" "$page" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "malformed: exit $rc"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "malformed: not one line: $(cat "$tmp/err")"
grep -q "^muniscan: error: $tmp/d/extract.tsv:$line: unknown kind 'drop_clas'" "$tmp/err" ||
	fail "malformed: bad error line: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "malformed: output written"

# missing file
rm "$tmp/d/extract.tsv"
"$bin" extract --dict "$tmp/d" "$page" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "missing: exit $rc"
grep -q "$tmp/d/extract.tsv" "$tmp/err" || fail "missing: file not named: $(cat "$tmp/err")"

# the same through MUNISCAN_DICT (what crawl and classify use)
MUNISCAN_DICT=$tmp/d "$bin" extract "$page" >/dev/null 2>&1 && fail "MUNISCAN_DICT: missing file accepted"
echo "extract_dict: ok"
