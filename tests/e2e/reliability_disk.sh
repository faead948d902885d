#!/usr/bin/env bash
# reliability_disk: a full disk and a read-only output folder.
#
# Disk full: `muniscan run` on the sample web (--replay-dir) into tmpfs
# mounts too small for its ~1.2 MB of output (64 KB, 400 KB, 900 KB: full at
# the database's creation, during the crawl, at the WARC or report).  Each
# time: exit 1, one error line, a database (when there is one) that passes
# PRAGMA integrity_check; then the mount grows to 16 MB and the same command
# resumes to the same pages and programs as a run on an ordinary disk.
# Read-only: a folder with a finished run is remounted read-only; `run`,
# `classify` and `report` on it exit 1 with one error line, and after
# remounting read-write the database is intact and unchanged.
# KNOWN BUG: when the crawl stops on a full disk, `run` prints a second
# error line ("...muniscan.db: finish run: database or disk is full") after
# the one that matters; the 400k and 900k cases fail on "1 line" until the
# run's closing error is only logged at debug level (cli/pipeline.c).
# Needs root (mount); exit 77 otherwise.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_tmpdir
mounts=()
ms_cleanup_extra() { local m; for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done; }
mnt() { # DIR SIZE: a fresh tmpfs, or skip
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2" tmpfs "$1" 2>/dev/null || skip "cannot mount a tmpfs (not root?)"
	mounts+=("$1")
}
cmd=(run --seeds "$src/corpus/seeds.tsv" --replay-dir "$src/corpus/sites" --delay 0 --no-progress --threads 1)
errors() { grep -v '^usage:' "$1" | grep -i 'error\|no space\|read-only\|cannot' || true; }
snapshot() { # DIR -> pages, then programs without fetched_at
	ms_sql "$1/muniscan.db" "SELECT url FROM pages ORDER BY url"
	python3 - "$1/programs.csv" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
drop = rows[0].index("fetched_at")
print("\n".join(sorted("\t".join(c for i, c in enumerate(r) if i != drop) for r in rows[1:])))
PY
}

ref="$MS_TMP/ref"
"$bin" "${cmd[@]}" --out "$ref" 2>"$MS_TMP/ref.err"
expect_code 0 $?
snapshot "$ref" >"$MS_TMP/ref.snap"
echo "reference: $(ms_sql "$ref/muniscan.db" "SELECT count(*) FROM pages") pages"

for size in 64k 400k 900k; do
	m="$MS_TMP/full-$size"
	mnt "$m" "$size"
	timeout -k 5 120 "$bin" "${cmd[@]}" --out "$m/out" 2>"$MS_TMP/full-$size.err"
	rc=$?
	e=$(errors "$MS_TMP/full-$size.err")
	echo "disk of $size: exit $rc: $e"
	expect_eq "disk $size: exit 1" "disk $size: exit $rc"
	expect_eq "disk $size: 1 line" "disk $size: $(printf '%s' "$e" | grep -c '') line$([ "$(printf '%s' "$e" | grep -c '')" = 1 ] || echo s)"
	expect_no_match "$(cat "$MS_TMP/full-$size.err")" 'AddressSanitizer|runtime error|Segmentation|Aborted'
	if [ -f "$m/out/muniscan.db" ]; then
		# checked on a copy: the full disk has no room for a WAL
		cp "$m/out/muniscan.db" "$MS_TMP/copy.db"
		[ -f "$m/out/muniscan.db-wal" ] && cp "$m/out/muniscan.db-wal" "$MS_TMP/copy.db-wal"
		expect_eq "disk $size: ok" "disk $size: $(ms_sql "$MS_TMP/copy.db" "PRAGMA integrity_check" 2>&1 | head -1)"
		rm -f "$MS_TMP/copy.db" "$MS_TMP/copy.db-wal"
	fi
	# room again: the same command resumes to the reference result
	mount -o remount,size=16m "$m"
	"$bin" "${cmd[@]}" --out "$m/out" 2>"$MS_TMP/resume-$size.err"
	rc=$?
	expect_eq "resume after $size: exit 0" "resume after $size: exit $rc"
	[ "$rc" = 0 ] || tail -3 "$MS_TMP/resume-$size.err" >&2
	expect_eq "" "$(snapshot "$m/out" | diff "$MS_TMP/ref.snap" - | head -5)"
	expect_eq ok "$(ms_sql "$m/out/muniscan.db" "PRAGMA integrity_check")"
	python3 -c "
import gzip, sys
with gzip.open(sys.argv[1], 'rb') as f:
    while f.read(1 << 20): pass" "$m/out/crawl.warc.gz" 2>"$MS_TMP/warc.err"
	expect_eq "warc after $size: readable" "warc after $size: $([ -s "$MS_TMP/warc.err" ] && tail -1 "$MS_TMP/warc.err" || echo readable)"
done

# read-only: a finished folder on a read-only mount
m="$MS_TMP/ro"
mnt "$m" 16m
"$bin" "${cmd[@]}" --out "$m/out" 2>"$MS_TMP/ro0.err"
expect_code 0 $?
before=$(ms_sql "$m/out/muniscan.db" "SELECT count(*), (SELECT count(*) FROM programs) FROM pages")
sum_before=$(cd "$m/out" && sha256sum muniscan.db crawl.warc.gz programs.csv)
mount -o remount,ro "$m" || skip "cannot remount read-only"
for c in run classify report; do
	case $c in
	run) args=("${cmd[@]}") ;;
	*) args=("$c") ;;
	esac
	timeout -k 5 60 "$bin" "${args[@]}" --out "$m/out" 2>"$MS_TMP/ro-$c.err"
	rc=$?
	e=$(errors "$MS_TMP/ro-$c.err")
	echo "read-only $c: exit $rc: $e"
	expect_eq "read-only $c: exit 1" "read-only $c: exit $rc"
	expect_eq "read-only $c: 1 line" "read-only $c: $(printf '%s' "$e" | grep -c '') line$([ "$(printf '%s' "$e" | grep -c '')" = 1 ] || echo s)"
	expect_match "$e" "$m/out|read-only|readonly"
done
mount -o remount,rw "$m"
expect_eq "$sum_before" "$(cd "$m/out" && sha256sum muniscan.db crawl.warc.gz programs.csv)"
expect_eq "$before" "$(ms_sql "$m/out/muniscan.db" "SELECT count(*), (SELECT count(*) FROM programs) FROM pages")"
expect_eq ok "$(ms_sql "$m/out/muniscan.db" "PRAGMA integrity_check")"
finish
