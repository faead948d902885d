#!/usr/bin/env bash
# bench/scale/run.sh: time and peak memory of `muniscan extract` and
# `muniscan classify-file` on hostile pages of 0.5, 1, 2, 4 and 8 MiB,
# and the ratio between consecutive sizes.  Both should grow linearly: a
# ratio near 2 per doubling (below 2 once a work cap cuts the page; a
# ratio near 4 is quadratic).  Not run in CI.
#
# usage: bench/scale/run.sh [SHAPE...]
#   SHAPE  kwrun attrs tinyp deep text (default: all; gen.py describes them)
# Env: MUNISCAN_BIN (default ./build/muniscan), SIZES (MiB, default
#   "0.5 1 2 4 8"), TIMEOUT per run in seconds (default 300), REPEAT runs
#   of each (default 3: the best time and the largest peak RSS are shown).
#
# Peak RSS and time come from /usr/bin/time (10 ms steps: ratios of times
# under 0.1 s are mostly noise).  classify-file runs with one thread.  A
# run that fails or passes TIMEOUT shows its exit code (124: timeout).
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${MUNISCAN_BIN:-$src/build/muniscan}
sizes=${SIZES:-0.5 1 2 4 8}
limit=${TIMEOUT:-300}
repeat=${REPEAT:-3}
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(kwrun attrs tinyp deep text)
[ -x "$bin" ] || { echo "bench/scale: no muniscan binary at $bin (set MUNISCAN_BIN)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/scale: needs /usr/bin/time (GNU time)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/muniscan-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# measure CMD...: "SECONDS RSS_MB RC": the best time and the largest peak
# RSS of REPEAT runs (one when a run fails or times out)
measure() {
	local rc=0 i
	: >"$tmp/times"
	for i in $(seq "$repeat"); do
		rm -f "$tmp/time"
		timeout -k 2 "$limit" /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
		rc=$?
		# the last line of two numbers (time adds one when the exit is not 0)
		grep -E '^[0-9.]+ [0-9]+$' "$tmp/time" 2>/dev/null | tail -1 >>"$tmp/times"
		[ "$rc" = 0 ] || break
	done
	awk -v c="$rc" '{ if (t == "" || $1 < t) t = $1; if ($2 > r) r = $2 }
		END { if (t == "") print "- - " c; else printf "%s %.1f %s\n", t, r / 1024, c }' "$tmp/times"
}

# ratio A B: B / A, or "-" when either is not a number or A is 0
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "-" || b == "-" || a + 0 <= 0) { print "-"; exit }
		printf "%.2f", b / a }'
}

echo "muniscan: $bin"
echo "| shape | MiB | extract s | x | extract MB | x | classify s | x | classify MB | x | note |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for shape in "${shapes[@]}"; do
	prev=""
	for mib in $sizes; do
		bytes=$(awk -v m="$mib" 'BEGIN { printf "%d", m * 1048576 }')
		page="$tmp/$shape-$mib.html"
		python3 "$here/gen.py" "$shape" "$bytes" "$page" || exit 1
		read -r et er erc < <(measure "$bin" extract "$page")
		grep -o 'too large ([a-z]* cap)' "$tmp/err" | head -1 >"$tmp/note"
		read -r ct cr crc < <(measure "$bin" classify-file --threads 1 "$page")
		note=$(cat "$tmp/note")
		[ "$erc" = 0 ] || note="$note extract exit $erc"
		[ "$crc" = 0 ] || note="$note classify exit $crc"
		if [ -n "$prev" ]; then
			read -r pet per pct pcr <<<"$prev"
			x1=$(ratio "$pet" "$et") x2=$(ratio "$per" "$er")
			x3=$(ratio "$pct" "$ct") x4=$(ratio "$pcr" "$cr")
		else
			x1=- x2=- x3=- x4=-
		fi
		echo "| $shape | $mib | $et | $x1 | $er | $x2 | $ct | $x3 | $cr | $x4 | $note |"
		prev="$et $er $ct $cr"
		rm -f "$page"
	done
done
