#!/usr/bin/env bash
# classify_cv: the figure of merit.  Leave-one-host-out over every labelled
# development real page (scripts/train-model.sh --cv: each host's pages are
# classified by a model fitted without them; the synthetic sample web is
# fitted in every fold), against floors set just under what it reaches
# (docs/MODEL.md).  Skipped when the real pages are not there.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
pages="${MUNISCAN_SHARED:-$src/../shared}/data/real-pages"
[ -d "$pages" ] || { echo "skip: no real pages in $pages (set MUNISCAN_SHARED)"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
MUNISCAN_SHARED="$(dirname "$(dirname "$pages")")" "$src/scripts/train-model.sh" --cv "$(dirname "$bin")" >"$out" 2>&1 ||
	{ cat "$out"; echo "FAIL: train exited $?"; exit 1; }
grep -E "^(train|programs|type|types|criterion|eval|host|hosts)" "$out"
line=$(grep "^eval:" "$out")
get() { echo "$line" | sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
fail=0
for want in "program_f1 ${MUNISCAN_CV_PROGRAM_FLOOR:-0.85}" "type_f1 ${MUNISCAN_CV_TYPE_FLOOR:-0.85}" \
	"criteria_acc ${MUNISCAN_CV_CRITERIA_FLOOR:-0.90}"; do
	set -- $want
	v=$(get "$1")
	if ! awk -v a="${v:-0}" -v b="$2" 'BEGIN{exit !(a >= b)}'; then
		echo "FAIL: $1 ${v:-?} under $2"
		fail=1
	fi
done
[ $fail = 0 ] && echo ok
exit $fail
