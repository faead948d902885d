#!/usr/bin/env bash
# bad_input: the table tests/data/bad_input/cases.tsv of malformed seeds,
# rule and gold files and bad options.  Each row: the exit code (2 usage,
# 1 runtime/data) and exactly one error line on stderr ("usage:" lines
# aside) that names the file and line, or the option.  No crash (signals,
# sanitizer reports) and no hang (each command under `timeout`).
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/muniscan-bad.XXXXXX")
trap 'rm -rf "$T"' EXIT
D="$src/tests/data/bad_input"
PAGE="$src/corpus/sites/www.pref.yamabe.test/index.html"
FILE="$T/a-file"
echo "not a folder" >"$FILE"
mkdir -p "$T/empty"
export MUNISCAN_DICT=${MUNISCAN_DICT:-$src/dict}
known=0
while IFS=$'\t' read -r id args want regex note; do
	case "$id" in '#'* | id | '') continue ;; esac
	expanded=()
	for a in $args; do
		case "$a" in
		@RULES:*)
			r="$T/rules-$id"
			rm -rf "$r"
			cp -r "$src/dict/rules" "$r"
			cp "$D/rules/${a#@RULES:}" "$r/99-bad.tsv"
			a=$r
			;;
		esac
		a=${a//@D/$D}
		a=${a//@T/$T}
		a=${a//@PAGE/$PAGE}
		a=${a//@FILE/$FILE}
		a=${a//@SEEDS/$src/corpus/seeds.tsv}
		a=${a//@SITES/$src/corpus/sites}
		expanded+=("$a")
	done
	regex=${regex//@FILE/$FILE}
	rm -rf "$T/o"
	timeout -k 2 30 "$bin" "${expanded[@]}" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	msg=$(grep -v '^usage:' "$T/err" | grep -v '^muniscan: \(run\|crawl\): [0-9]* ' || true)
	lines=$(printf '%s' "$msg" | grep -c '' || true)
	before=$_failures
	[ -n "$note" ] && [ "${note#KNOWN-BUG}" != "$note" ] && echo "$id: $note"
	expect_eq "$id exit $want" "$id exit $rc"
	expect_eq "$id: 1 line" "$id: $lines line$([ "$lines" = 1 ] || echo s)"
	expect_match "$msg" "$regex"
	expect_no_match "$(cat "$T/err")" 'AddressSanitizer|runtime error|Segmentation|Aborted|core dumped'
	if [ "$_failures" != "$before" ]; then
		echo "  $id: muniscan ${expanded[*]}"
		sed 's/^/  stderr: /' "$T/err" | head -5
		[ "${note#KNOWN-BUG}" != "$note" ] && known=$((known + 1))
	fi
done <"$D/cases.tsv"
echo "cases marked KNOWN-BUG that failed: $known"
finish
