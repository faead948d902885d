#!/usr/bin/env bash
# valgrind.sh: the cmocka unit tests and a small `muniscan run` on the
# sample web under valgrind memcheck (outside CI: it takes minutes).
#
#   scripts/valgrind.sh [BUILD_DIR]     (default build-rel; a plain build,
#                                        not the sanitizer one)
#
# Each program runs with --error-exitcode=1 --leak-check=full
# --errors-for-leak-kinds=definite; the log of each is kept in
# BUILD_DIR/valgrind/<name>.log.  Prints one line per program and exits 1
# if any had errors or definite leaks.  MeCab's and ICU's one-off
# allocations are "still reachable", not errors.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build-rel}" 2>/dev/null && pwd) || { echo "${1:-build-rel}: no such build folder" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind not installed" >&2; exit 2; }
[ -x "$build/muniscan" ] || { echo "$build/muniscan: not built" >&2; exit 2; }
if grep -aq __asan_init "$build/muniscan"; then
	echo "$build: a sanitizer build; valgrind needs a plain one" >&2
	exit 2
fi
logs="$build/valgrind"
mkdir -p "$logs"
export MUNISCAN_SRC=$src MUNISCAN_DICT=$src/dict MUNISCAN_TESTDATA=$src/tests/data
export MUNISCAN_SHARED=$src/../shared MUNISCAN_BUILD=$build
vg=(valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
	--track-origins=yes --num-callers=30 --quiet)
bad=0

check() { # NAME COMMAND...
	local name=$1 t0 rc
	shift
	t0=$(date +%s)
	"${vg[@]}" --log-file="$logs/$name.log" "$@" >"$logs/$name.out" 2>&1
	rc=$?
	local errs
	errs=$(grep -c '^==[0-9]*== \(Invalid\|Conditional\|Use of\|Syscall param\|Mismatched\|Source and destination\)' "$logs/$name.log")
	local leaks
	leaks=$(grep -o 'definitely lost: [0-9,]* bytes' "$logs/$name.log" | head -1)
	printf '%-28s exit %-3s %3s errors  %-32s %4ss\n' "$name" "$rc" "$errs" "${leaks:-no definite leak}" "$(($(date +%s) - t0))"
	[ "$rc" = 0 ] || bad=1
	return "$rc"
}

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	(cd "$build/tests" && check "$(basename "$t")" "$t")
	[ $? = 0 ] || bad=1
done
out=$(mktemp -d "${TMPDIR:-/tmp}/muniscan-vg.XXXXXX")
trap 'rm -rf "$out"' EXIT
# two governments of the sample web, one classification thread
check run-sample  "$build/muniscan" run --seeds "$src/corpus/seeds.tsv" --only 390003,392014 \
	--replay-dir "$src/corpus/sites" --delay 0 --max-pages 20 --threads 1 --no-progress \
	--out "$out/run"
check classify-file "$build/muniscan" classify-file --threads 2 \
	"$src"/corpus/sites/www.pref.yamabe.test/sangyo/chusho/*.html
echo "logs in $logs"
exit $bad
