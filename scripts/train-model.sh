#!/usr/bin/env bash
# Fits dict/model.tsv on every labelled page except the frozen set, or
# measures the fit leave-one-host-out (docs/MODEL.md).
#
# usage: scripts/train-model.sh [--cv | --out FILE] [BUILD_DIR]
#   (no option)  write dict/model.tsv
#   --out FILE   write FILE instead
#   --cv         print the leave-one-host-out scores on the real pages
#                (the synthetic sample web trains in every fold)
# Needs the real pages in ${MUNISCAN_SHARED:-../shared}/data/real-pages.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cv=0 out=dict/model.tsv
case "${1:-}" in
--cv) cv=1; shift ;;
--out) out=$2; shift 2 ;;
esac
build=${1:-$here/build}
pages="${MUNISCAN_SHARED:-$here/../shared}/data/real-pages"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
[ -d "$pages" ] || { echo "train-model: no real pages in $pages (set MUNISCAN_SHARED)" >&2; exit 1; }
cd "$here"
# the development sets; corpus/real-frozen.* is never trained or tuned on
sets="real-labelled:real-gold real-heldout real-fresh real-batch4a real-batch4b real-batch5a real-batch5b real-batch5c"
maps=() golds=() files=()
for s in $sets; do
	tsv=${s%%:*} gold=${s#*:}
	[ "$gold" = "$s" ] && gold=$tsv-gold
	maps+=("corpus/$tsv.tsv") golds+=("corpus/$gold.csv")
	while IFS=$'\t' read -r f _; do files+=("$pages/$f"); done < <(tail -n +2 "corpus/$tsv.tsv")
done
mapfile -t -O "${#files[@]}" files < <(find corpus/sites -type f \( -name '*.html' -o -name '*.pdf' \) | sort)
join() { local IFS=,; echo "$*"; }
args=(--url-map "$(join "${maps[@]}")" --gold "$(join "${golds[@]}"),corpus/gold.csv"
	--site-root corpus/sites)
if [ $cv = 1 ]; then
	exec "$build/muniscan" train "${args[@]}" --cv-by-host --cv-pages "$pages" "${files[@]}"
fi
exec "$build/muniscan" train "${args[@]}" --out "$out" "${files[@]}"
