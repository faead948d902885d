#!/usr/bin/env bash
# classify_typical: one page per common shape of a municipal program page
# (52 pages written for this test, tests/data/classify/typical): dispatch,
# desks, consultation days, subsidies, a desk opened, an overview of desks;
# and of pages with desk words that are no program: national, residents',
# consumers', childcare, elderly, jobs, tax, benefit and tender desks, a loan
# guarantee's certification, a category index, press releases, a partner's
# desk named for reference, a loan whose contact line takes questions, a
# guide to measures.  Every row, its types and criteria as expected.csv says.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
data="$src/tests/data/classify/typical"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "file,program,types,it_security,expert_registry,cost,max_visits,continuity,riss_fit" >"$tmp/got.csv"
for f in "$data"/*.html; do
	b=$(basename "$f")
	"$bin" classify-file --url "http://www.city.sakura.lg.test/$b" "$f" 2>"$tmp/err" >"$tmp/one.csv" ||
		{ echo "FAIL: $b: exit $?"; cat "$tmp/err"; exit 1; }
	tail -n +2 "$tmp/one.csv" | tr -d '\r' | while IFS= read -r l; do
		echo "$b,$(echo "$l" | cut -d, -f4,6-12)"
	done >>"$tmp/got.csv"
done
if ! diff -u "$data/expected.csv" "$tmp/got.csv"; then
	echo "FAIL: rows differ from expected.csv (- expected, + got)"
	exit 1
fi
echo "ok: $(($(wc -l <"$tmp/got.csv") - 1)) rows as expected"
