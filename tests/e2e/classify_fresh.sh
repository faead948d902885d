#!/usr/bin/env bash
# classify_fresh: classify-file over the third batch of real pages, labelled
# blind (corpus/real-fresh.tsv: file, URL; pages in
# $MUNISCAN_SHARED/data/real-pages, outside the repository), scored with
# `muniscan eval` against corpus/real-fresh-gold.csv.  Program F1 must reach
# the floor below, set just under what the classifier reaches.  Before any
# rule was changed for it this set scored 0.000 (the unseen estimate, see
# docs/CLASSIFIER.md); its errors were then read and fixed, so it is a
# development set now.  Skipped when the real pages are not there.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
floor=${MUNISCAN_FRESH_FLOOR:-0.95}
pages="${MUNISCAN_SHARED:-$src/../shared}/data/real-pages"
labelled="$src/corpus/real-fresh.tsv"
gold="$src/corpus/real-fresh-gold.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$pages" ]; then
	echo "skip: no real pages in $pages (set MUNISCAN_SHARED)"
	exit 77
fi
mapfile -t files < <(tail -n +2 "$labelled" | cut -f1 | sed "s|^|$pages/|")
for f in "${files[@]}"; do
	[ -f "$f" ] || { echo "FAIL: labelled page $f is missing"; exit 1; }
done
echo "pages: ${#files[@]} labelled, $(($(wc -l <"$gold") - 1)) gold programs"
"$bin" classify-file --url-map "$labelled" --threads 2 "${files[@]}" >"$tmp/pred.csv" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then
	echo "FAIL: classify-file exited $rc"
	cat "$tmp/err"
	exit 1
fi
"$bin" eval --gold "$gold" --pred "$tmp/pred.csv" --fail-under "$floor" >"$tmp/eval" 2>&1
rc=$?
cat "$tmp/eval"
if [ $rc -ne 0 ]; then
	echo "FAIL: program F1 under $floor"
	exit 1
fi
echo "ok"
