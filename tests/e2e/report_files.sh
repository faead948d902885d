#!/bin/bash
# muniscan report on a hand-built folder (tests/data/report/schema-v1.sql +
# data.sql, loaded with the sqlite3 shell): the CSV files byte for byte
# against tests/data/report/expected (BOM, header, order, quoting, formula
# guard), --no-bom, manifest.json, report.html, and the error for a folder
# without a database.  The database is opened read-only: it must not change.
set -u
BIN=${MUNISCAN_BIN:?}
D=${MUNISCAN_TESTDATA:?}/report
command -v sqlite3 > /dev/null || { echo "sqlite3 shell not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir "$T/run"
sqlite3 "$T/run/muniscan.db" < "$D/schema-v1.sql" || fail "schema"
sqlite3 "$T/run/muniscan.db" < "$D/data.sql" || fail "data"
before=$(sha256sum < "$T/run/muniscan.db")

"$BIN" report --out "$T/run" 2> "$T/err" || fail "report exited $?: $(cat "$T/err")"
for f in programs.csv municipalities.csv failures.csv summary.csv governments.csv; do
	cmp "$T/run/$f" "$D/expected/$f" || fail "$f differs from expected"
done
[ "$(head -c 3 "$T/run/programs.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "no BOM"
grep -q ",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\"," "$T/run/programs.csv" ||
	fail "formula cell not guarded and quoted"
grep -q ",'+1 " "$T/run/programs.csv" || fail "+1 cell not guarded"
[ -s "$T/run/report.html" ] || fail "no report.html"
[ -s "$T/run/manifest.json" ] || fail "no manifest.json"
if command -v python3 > /dev/null; then
	python3 - "$T/run/manifest.json" <<'PY' || fail "manifest.json"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
assert m["tool"] == "muniscan"
assert m["seeds"]["path"] == "corpus/seeds.tsv"
assert m["counts"]["programs"] == 7 and m["counts"]["governments"] == 5
assert m["started_at"] == "2026-11-28T01:00:00Z" and m["ended_at"] == "2026-11-28T01:32:00Z"
assert set(m["files"]) == {"programs.csv", "municipalities.csv", "failures.csv", "summary.csv", "governments.csv", "report.html"}
PY
fi
ls "$T/run" | grep -q '\.tmp' && fail "temporary files left behind"
[ "$(sha256sum < "$T/run/muniscan.db")" = "$before" ] || fail "report changed the database"

"$BIN" report --out "$T/run" --no-bom 2> /dev/null || fail "--no-bom exited $?"
for f in programs.csv municipalities.csv failures.csv summary.csv governments.csv; do
	tail -c +4 "$D/expected/$f" | cmp - "$T/run/$f" || fail "--no-bom $f differs"
done

mkdir "$T/empty"
"$BIN" report --out "$T/empty" > /dev/null 2> "$T/err"
[ $? -eq 1 ] || fail "a folder without a database should exit 1"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "error should be one line: $(cat "$T/err")"
grep -q 'muniscan.db' "$T/err" || fail "error should name the database: $(cat "$T/err")"
"$BIN" report > /dev/null 2>&1
[ $? -eq 2 ] || fail "report without --out should exit 2"
echo ok
