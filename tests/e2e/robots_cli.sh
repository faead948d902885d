#!/usr/bin/env bash
# robots_cli: `muniscan robots` prints the crawler's decision and keeps to
# the exit codes of docs/ARCHITECTURE.md (0 answer, 1 unreadable file, 2 usage).
set -u
bin=${MUNISCAN_BIN:?}
data=${MUNISCAN_TESTDATA:?}/robots
fail=0

check() { # expected-stdout expected-rc args...
	local want=$1 want_rc=$2 out rc
	shift 2
	out=$("$bin" robots "$@" 2>/tmp/robots_cli.$$.err)
	rc=$?
	if [ "$out" != "$want" ] || [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL: robots $*: got '$out' rc=$rc, want '$want' rc=$want_rc" >&2
		cat /tmp/robots_cli.$$.err >&2
		fail=1
	fi
}

check allowed 0 "$data/groups.txt" alphabot /soshiki/keizai.html
check disallowed 0 "$data/groups.txt" alphabot https://www.city.a.lg.jp/soshiki/x.html
check disallowed 0 "$data/merge.txt" MuniScan /b/page
check allowed 0 "$data/merge.txt" muniscan /c/page
check disallowed 0 "$data/encoding.txt" muniscan "/jp/ツ"
check allowed 0 "$data/all.txt" muniscan /robots.txt

# the crawler and the command share the parser: every table case agrees
while IFS=$'\t' read -r file token url expected; do
	case $file in ''|'#'*) continue ;; esac
	check "$expected" 0 "$data/$file" "$token" "$url"
done < "$data/cases.tsv"

# missing file: one line on stderr naming it, exit 1
out=$("$bin" robots /nonexistent/robots.txt muniscan / 2>/tmp/robots_cli.$$.err)
rc=$?
lines=$(wc -l < /tmp/robots_cli.$$.err)
if [ "$rc" -ne 1 ] || [ -n "$out" ] || [ "$lines" -ne 1 ] ||
    ! grep -q /nonexistent/robots.txt /tmp/robots_cli.$$.err; then
	echo "FAIL: missing file: rc=$rc lines=$lines" >&2
	cat /tmp/robots_cli.$$.err >&2
	fail=1
fi

# wrong argument count and bad options: exit 2
for args in "" "$data/all.txt" "$data/all.txt muniscan" "$data/all.txt muniscan / extra" "--bogus"; do
	# shellcheck disable=SC2086
	"$bin" robots $args >/dev/null 2>&1
	rc=$?
	if [ "$rc" -ne 2 ]; then
		echo "FAIL: robots $args: rc=$rc, want 2" >&2
		fail=1
	fi
done
"$bin" robots --help | grep -q "usage: muniscan robots" || { echo "FAIL: --help" >&2; fail=1; }

rm -f /tmp/robots_cli.$$.err
exit $fail
