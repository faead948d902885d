#!/bin/bash
# muniscan diff on two hand-built folders: added, removed, changed (a
# criterion, a page whose site moved host, a program renamed on its page),
# unchanged; diff.csv against
# tests/data/report/expected/diff.csv; the old folder is never written.
set -u
BIN=${MUNISCAN_BIN:?}
D=${MUNISCAN_TESTDATA:?}/report
command -v sqlite3 > /dev/null || { echo "sqlite3 shell not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir "$T/old" "$T/new"
for d in old new; do
	sqlite3 "$T/$d/muniscan.db" < "$D/schema-v1.sql" || fail "schema"
	sqlite3 "$T/$d/muniscan.db" < "$D/data.sql" || fail "data"
done
sqlite3 "$T/new/muniscan.db" <<'SQL' || fail "new year's changes"
UPDATE programs SET cost = 'partial' WHERE program = '中小企業IT専門家派遣事業';
DELETE FROM programs WHERE program LIKE '</script>%';
UPDATE programs SET url = 'https://www.city.chiyoda.tokyo.jp/hataraki.html' WHERE program = '働き方改革相談';
INSERT INTO programs(municipality_code, program, url, types, it_security, expert_registry, cost,
  max_visits, continuity, riss_fit, evidence, page_sha256, fetched_at)
 VALUES ('141305', 'DX推進アドバイザー派遣', 'https://www.city.kawasaki.jp/dx.html', 'expert_dispatch',
  'yes', 'yes', 'free', 4, 'multiple', 4, '', 'dd', '2027-11-28T00:00:00Z');
SQL
old_list=$(cd "$T/old" && ls -l --time-style=+%s; sha256sum muniscan.db)

out=$("$BIN" diff "$T/old" "$T/new" 2> "$T/err") || fail "diff exited $?: $(cat "$T/err")"
[ "$out" = "diff: added 1, removed 1, changed 2, unchanged 4 ($T/new/diff.csv, 4 rows)" ] ||
	fail "summary: $out"
cmp "$T/new/diff.csv" "$D/expected/diff.csv" || { cat "$T/new/diff.csv"; fail "diff.csv differs"; }
[ "$(cd "$T/old" && ls -l --time-style=+%s; sha256sum muniscan.db)" = "$old_list" ] ||
	fail "the old folder was written"

# nothing changed: still exit 0, header only
"$BIN" diff --no-bom "$T/new" "$T/new" > "$T/out" || fail "diff of a folder with itself exited $?"
grep -q 'added 0, removed 0, changed 0, unchanged 7' "$T/out" || fail "self diff: $(cat "$T/out")"
[ "$(cat "$T/new/diff.csv")" = $'change,municipality_code,municipality,program,url,field,old,new\r' ] ||
	fail "self diff.csv: $(cat -A "$T/new/diff.csv")"

# a program renamed on its page (a title a reviewer corrected) is one
# program that changed, so the change of its criteria shows too: alone on
# its page, and beside two others
mkdir "$T/renamed"
sqlite3 "$T/renamed/muniscan.db" < "$D/schema-v1.sql" || fail "schema"
sqlite3 "$T/renamed/muniscan.db" < "$D/data.sql" || fail "data"
sqlite3 "$T/renamed/muniscan.db" <<'SQL' || fail "renames"
UPDATE programs SET program = '長時間労働の見直し支援', cost = 'paid' WHERE program = '働き方改革相談';
UPDATE programs SET program = 'まるで違う事業' WHERE program = '+1 相談';
SQL
out=$("$BIN" diff --no-bom "$T/old" "$T/renamed" 2> "$T/err") || fail "diff exited $?: $(cat "$T/err")"
[ "$out" = "diff: added 0, removed 0, changed 2, unchanged 5 ($T/renamed/diff.csv, 3 rows)" ] ||
	fail "renamed: $out"
grep -q '^changed,131016,千代田区,長時間労働の見直し支援,https://www.city.chiyoda.lg.jp/hataraki.html,program,働き方改革相談,長時間労働の見直し支援' "$T/renamed/diff.csv" ||
	fail "renamed title: $(cat "$T/renamed/diff.csv")"
grep -q '^changed,131016,千代田区,長時間労働の見直し支援,.*,cost,free,paid' "$T/renamed/diff.csv" ||
	fail "the renamed program's cost: $(cat "$T/renamed/diff.csv")"
grep -q "^changed,131016,千代田区,まるで違う事業,https://www.city.chiyoda.lg.jp/a.html,program,'+1 相談,まるで違う事業" "$T/renamed/diff.csv" ||
	fail "renamed beside others: $(cat "$T/renamed/diff.csv")"

"$BIN" diff "$T/old" "$T/nonexistent" > /dev/null 2> "$T/err"
[ $? -eq 1 ] || fail "a missing folder should exit 1"
grep -q 'nonexistent/muniscan.db' "$T/err" || fail "error should name the database"
"$BIN" diff "$T/old" > /dev/null 2>&1
[ $? -eq 2 ] || fail "one folder should exit 2"
echo ok
