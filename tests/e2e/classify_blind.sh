#!/usr/bin/env bash
# classify_blind: the synthetic municipal pages written blind on 2026-12-04
# (tests/data/classify/blind, blind2, blind3: their authors read what counts as a
# program and the output columns, never the rules, the model or the other
# test data).  blind: 40 pages, 25 programs; blind2: 40 pages, 27 programs,
# with support-menu tables, FAQ and news pages, ended programs; blind3: 40
# pages, 26 programs, with long guides, top pages, maintenance and report
# pages, PDF-like text, an undeclared Shift_JIS page.  Each page
# has a URL of the kind of site it imitates (urls.tsv); gold.csv is
# expected.csv in the programs.csv columns.  First scores, before any change
# (docs/MODEL.md): blind programs P / R / F1 0.821 / 0.920 / 0.868; blind2,
# with blind's rules in, 0.828 / 0.889 / 0.857; blind3, with both sets'
# rules in, 0.704 / 0.731 / 0.717.  The rules written from
# their misses are general ones; the floor guards against a collapse, and
# no page listed in negatives.txt may yield a program.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
# blind3 is the hardest set: its remaining misses are programs on top pages
floor() { case $1 in blind3) echo "${MUNISCAN_BLIND_FLOOR:-0.85}" ;; *) echo "${MUNISCAN_BLIND_FLOOR:-0.9}" ;; esac; }
for set in blind blind2 blind3; do
	data="$src/tests/data/classify/$set"
	echo "== $set"
	"$bin" classify-file --threads 2 --url-map "$data/urls.tsv" "$data"/page*.html >"$tmp/pred.csv" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $set: classify-file exited $rc"
		cat "$tmp/err"
		exit 1
	fi
	if ! "$bin" eval --gold "$data/gold.csv" --pred "$tmp/pred.csv" \
		--fail-under "$(floor "$set")"; then
		echo "FAIL: $set: program F1 under the floor"
		status=1
	fi
	# every page without a program stays without one (the few near the
	# line, labelled so in the set's README, are left out of this check
	# by a third column "near")
	while IFS=$'\t' read -r f _ near; do
		[ "$near" = near ] && continue
		url=$(awk -F'\t' -v f="$f" '$1 == f { print $2 }' "$data/urls.tsv")
		if grep -qF ",$url," "$tmp/pred.csv"; then
			echo "FAIL: $set: $f has no program, got: $(grep -F ",$url," "$tmp/pred.csv" | cut -d, -f4)"
			status=1
		fi
	done <"$data/negatives.txt"
done
[ $status = 0 ] && echo ok
exit $status
