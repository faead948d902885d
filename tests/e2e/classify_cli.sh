#!/usr/bin/env bash
# classify_cli: classify-file on small hand-written pages (tests/data/classify):
# a Shift_JIS page, a resident page, a loan list with one dispatch item, a
# city page listing its own, a prefecture's and residents' desks; an
# unreadable file is named on stderr and the others still print (exit 1);
# usage errors exit 2; `classify` refuses a folder without a database.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
data="$src/tests/data/classify"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

"$bin" classify-file --url http://www.city.example.test/a.html --code 131016 "$data/dispatch-sjis.html" >"$tmp/a.csv" 2>"$tmp/a.err"
check "sjis page exits 0" '[ $? -eq 0 ]'
check "sjis page: one program" '[ $(tail -n +2 "$tmp/a.csv" | grep -c .) -eq 1 ]'
check "sjis page: dispatch, 5 visits, partial" 'grep -q "expert_dispatch,yes,yes,partial,5,multiple,4" "$tmp/a.csv"'
check "sjis page: title" 'grep -q "IT専門家派遣事業" "$tmp/a.csv"'
check "code" 'grep -q "^131016," "$tmp/a.csv"'

"$bin" classify-file "$data/resident.html" "$data/loan-list.html" >"$tmp/b.csv" 2>"$tmp/b.err"
check "resident+list exit 0" '[ $? -eq 0 ]'
check "resident page has no program" '! grep -q "resident.html" "$tmp/b.csv"'
check "loan list: only the dispatch item" '[ $(grep -c "loan-list.html" "$tmp/b.csv") -eq 1 ] && grep -q "経営改善専門家派遣" "$tmp/b.csv"'

# stronger evidence for a unit: of a city page's desks only the city's own
# business desk is a program, not the one under a prefecture's heading, not
# one listed among residents' desks, not a desk named in a subsidy's
# eligibility conditions, not a legal reference whose only work-style word is
# one weak cue repeated
"$bin" classify-file --url http://www.city.kawabe.lg.test/kansen/shien.html "$data/desks-list.html" >"$tmp/e.csv" 2>"$tmp/e.err"
check "desks list exit 0" '[ $? -eq 0 ]'
check "desks list: one program" '[ $(tail -n +2 "$tmp/e.csv" | grep -c .) -eq 1 ]'
check "desks list: the city's business desk" 'grep -q "^,,,中小企業経営相談窓口,.*,consultation_desk," "$tmp/e.csv"'

# an overview heading over desks that each have a heading of their own (相談窓口の概要 >
# …サポートセンター, …相談室) lists two programs, not one named after the overview; a
# dispatch that can be used again and again (繰り返し利用できます) is continuing support
"$bin" classify-file --url http://www.city.minato.lg.test/kyoka.html "$data/overview-desks.html" \
	>"$tmp/f.csv" 2>"$tmp/f.err"
check "overview exit 0" '[ $? -eq 0 ]'
"$bin" classify-file "$data/dispatch-repeat.html" >>"$tmp/f.csv" 2>>"$tmp/f.err"
check "overview: the two desks" '[ "$(tail -n +2 "$tmp/f.csv" | grep kyoka | cut -d, -f4 | tr "\n" "|")" = "みなとビジネスサポートセンター|創業・経営なんでも相談室|" ]'
check "repeat: continuity multiple" 'grep -q "^,,,経営改善専門家派遣事業,.*,expert_dispatch,no,yes,free,,multiple,3," "$tmp/f.csv"'

"$bin" classify-file "$data/resident.html" "$tmp/missing.html" "$data/dispatch-sjis.html" >"$tmp/c.csv" 2>"$tmp/c.err"
check "missing file exits 1" '[ $? -eq 1 ]'
check "missing file named" 'grep -q "missing.html" "$tmp/c.err"'
check "missing file named once" '[ "$(grep -o "missing.html" "$tmp/c.err" | wc -l)" -eq 1 ]'
check "others still printed" 'grep -q "IT専門家派遣事業" "$tmp/c.csv"'

"$bin" classify-file >/dev/null 2>&1
check "no file: usage" '[ $? -eq 2 ]'
"$bin" classify-file --threads 0 "$data/resident.html" >/dev/null 2>&1
check "bad threads: usage" '[ $? -eq 2 ]'
"$bin" classify --out "$tmp/nothing" >/dev/null 2>"$tmp/d.err"
check "classify without a database exits 1" '[ $? -eq 1 ]'
exit $fail
