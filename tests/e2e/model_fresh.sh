#!/usr/bin/env bash
# model_fresh: dict/model.tsv is what scripts/train-model.sh fits from the
# committed labels and rules (so a rule or label change comes with its
# retrained weights).  Skipped when the real pages are not there.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
pages="${MUNISCAN_SHARED:-$src/../shared}/data/real-pages"
[ -d "$pages" ] || { echo "skip: no real pages in $pages (set MUNISCAN_SHARED)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MUNISCAN_SHARED="$(dirname "$(dirname "$pages")")" "$src/scripts/train-model.sh" --out "$tmp/model.tsv" \
	"$(dirname "$bin")" >"$tmp/log" 2>&1 || { cat "$tmp/log"; echo "FAIL: train"; exit 1; }
if ! diff -u "$src/dict/model.tsv" "$tmp/model.tsv" | head -40; then :; fi
if ! cmp -s "$src/dict/model.tsv" "$tmp/model.tsv"; then
	echo "FAIL: dict/model.tsv is not what scripts/train-model.sh fits; run it and commit the result"
	exit 1
fi
echo ok
