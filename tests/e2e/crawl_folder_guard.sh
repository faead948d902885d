#!/usr/bin/env bash
# crawl_folder_guard: an output folder's database is checked before it is
# read, and one command writes a folder at a time.
#  - a zero-byte muniscan.db: classify, report and diff refuse it (classify
#    once made a new empty database of it and exited 0);
#  - a damaged muniscan.db (a page overwritten): PRAGMA quick_check at open,
#    one error line, exit 1 (report once exited 0 and wrote garbage);
#  - while a crawl holds the folder: classify is refused, report reads one
#    consistent snapshot (its files agree with each other and the crawl goes
#    on undisturbed).
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_tmpdir
seeds="$src/corpus/seeds.tsv"
sites="$src/corpus/sites"
one_line() { expect_eq 1 "$(grep -c '' "$1")"; }

# a finished folder from the sample web, offline
good="$MS_TMP/good"
"$bin" crawl --out "$good" --seeds "$seeds" --replay-dir "$sites" --only 392014 --no-progress \
	2>"$MS_TMP/crawl.err"
expect_code 0 $?

# a zero-byte database
empty="$MS_TMP/empty"
mkdir -p "$empty"
: >"$empty/muniscan.db"
"$bin" classify --out "$empty" >"$MS_TMP/out" 2>"$MS_TMP/err"
expect_code 1 $?
one_line "$MS_TMP/err"
expect_match "$(cat "$MS_TMP/err")" "$empty/muniscan.db: empty file, not a muniscan database"
expect_eq 0 "$(stat -c %s "$empty/muniscan.db")"
"$bin" report --out "$empty" --no-html >"$MS_TMP/out" 2>"$MS_TMP/err"
expect_code 1 $?
one_line "$MS_TMP/err"
expect_match "$(cat "$MS_TMP/err")" 'empty file, not a muniscan database'
"$bin" diff "$good" "$empty" >"$MS_TMP/out" 2>"$MS_TMP/err"
expect_code 1 $?
one_line "$MS_TMP/err"

# a damaged database: a page in the middle overwritten
bad="$MS_TMP/bad"
cp -r "$good" "$bad"
pages=$(( $(stat -c %s "$bad/muniscan.db") / 4096 ))
expect_match "$pages" '^[0-9]+$'
head -c 8192 /dev/zero | tr '\0' 'Z' |
	dd of="$bad/muniscan.db" bs=4096 seek=$((pages / 2)) conv=notrunc status=none
for cmd in "report --out $bad --no-html" "classify --out $bad" "diff $good $bad"; do
	# shellcheck disable=SC2086
	"$bin" $cmd >"$MS_TMP/out" 2>"$MS_TMP/err"
	expect_code 1 $?
	one_line "$MS_TMP/err"
	expect_match "$(cat "$MS_TMP/err")" "$bad/muniscan.db: the database is damaged \(.+\); restore it from a copy or crawl the folder again"
done
expect_eq "" "$(ls "$bad"/*.csv 2>/dev/null)"

# while a crawl runs: classify refused, report reads a snapshot
port=$(ms_free_port)
while read -r host; do
	ms_nginx_server "$host" "$sites/$host" 'location = /robots.txt { return 404; }'
done < <(ls "$sites")
ms_nginx_start "$port" || exit 1
live="$MS_TMP/live"
"$bin" crawl --out "$live" --seeds "$seeds" --only 401307 --proxy "http://127.0.0.1:$port" \
	--delay 0.3 --no-progress 2>"$MS_TMP/live.err" &
cpid=$!
ms_cleanup_extra() { kill "$cpid" 2>/dev/null; }
for _ in $(seq 1 100); do
	n=$(ms_sql "$live/muniscan.db" "SELECT count(*) FROM pages" 2>/dev/null)
	[ "${n:-0}" -ge 2 ] && break
	sleep 0.1
done
expect_eq running "$(kill -0 "$cpid" 2>/dev/null && echo running)"
"$bin" classify --out "$live" >"$MS_TMP/out" 2>"$MS_TMP/err"
expect_code 1 $?
one_line "$MS_TMP/err"
expect_match "$(cat "$MS_TMP/err")" "$live: another muniscan command \(a crawl, run or classify\) is writing this folder"
"$bin" report --out "$live" --no-html >"$MS_TMP/out" 2>"$MS_TMP/err"
expect_code 0 $?
# one snapshot: municipalities.csv's page count is the pages the frontier says
# were fetched at that moment, as failures.csv's rows are its refusals then
fetched=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print(rows[0]["pages_fetched"])' "$live/municipalities.csv")
expect_match "$fetched" '^[0-9]+$'
expect_eq running "$(kill -0 "$cpid" 2>/dev/null && echo running)"
wait "$cpid"
expect_code 0 $?
expect_match "$(ms_sql "$live/muniscan.db" "SELECT count(*) >= $fetched FROM pages")" '^1$'
expect_eq done "$(ms_sql "$live/muniscan.db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1")"
# and after it, classify has the folder
"$bin" classify --out "$live" >"$MS_TMP/out" 2>"$MS_TMP/err"
expect_code 0 $?
finish
