#!/bin/bash
# eval on small gold/pred tables: BOM and BOM-less UTF-8, cp932 with codes
# Excel shortened, a reviewed file as gold, --fail-under, bad input;
# riss_fit recomputed from the four criteria, titles of matched pairs scored;
# which types each government offers.
set -u
BIN=${MUNISCAN_BIN:?}
D=${MUNISCAN_TESTDATA:?}/eval
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

expect_last() { # gold pred expected-last-line
	local out last
	out=$("$BIN" eval --gold "$1" --pred "$2") || fail "eval $1 $2 exited $?"
	last=$(printf '%s\n' "$out" | tail -n 1)
	[ "$last" = "$3" ] || fail "eval $1 $2: last line '$last', want '$3'"
	printf '%s\n' "$out" > "$T/out"
}

want='eval: program_f1=0.800 type_f1=0.727 criteria_acc=0.958 title_acc=0.500 gov_type_acc=0.667'
expect_last "$D/gold.csv" "$D/pred.csv" "$want"
grep -q '^programs  *precision=0.800 recall=0.800 f1=0.800 (tp=4 fp=1 fn=1)$' "$T/out" || fail "program line"
grep -q '^type consultation_desk  *precision=1.000 recall=0.500 f1=0.667' "$T/out" || fail "type line"
grep -q '^criterion cost  *accuracy=0.750 (3/4)$' "$T/out" || fail "criterion line"
grep -q 'テレワーク導入支援' "$T/out" || fail "missed program not listed"
grep -q '融資制度' "$T/out" || fail "spurious program not listed"
grep -q 'cost gold=free pred=partial' "$T/out" || fail "criterion mismatch not listed"
# the first predicted row's riss_fit cell (3) is stale: its criteria give 4
grep -q '^criterion riss_fit  *accuracy=1.000 (4/4)$' "$T/out" || fail "riss_fit not from the criteria"
grep -q 'pred.csv:2: .*riss_fit cell 3, the criteria give 4' "$T/out" || fail "stale riss_fit not named"
grep -q '^title  *accuracy=0.500 (2/4)$' "$T/out" || fail "title line"
grep -q 'title gold=経営相談窓口 pred=経営相談窓口のご案内' "$T/out" || fail "title mismatch not listed"
grep -q 'title gold=中小企業専門家派遣事業' "$T/out" && fail "titles equal after normalisation listed as a mismatch"
# the government-level answer: 011002 offers all three types in the gold, two in the
# predictions (no work-style row); 131016 misses its desk
grep -q '^governments: 2; which types each offers: 4 of 6 cells right (0.667), all three right for 0$' "$T/out" || fail "governments line"
grep -q '^government consultation_desk  *precision=1.000 recall=0.500 f1=0.667 (tp=1 fp=0 fn=1)$' "$T/out" || fail "government type line"
expect_last "$D/gold_nobom.csv" "$D/pred_cp932.csv" "$want"
# files with and without the trailing prefecture column
expect_last "$D/gold.csv" "$D/pred_prefecture.csv" "$want"
expect_last "$D/pred_prefecture.csv" "$D/pred.csv" 'eval: program_f1=1.000 type_f1=1.000 criteria_acc=1.000 title_acc=1.000 gov_type_acc=1.000'
expect_last "$D/gold.csv" "$D/pred_cp932.csv" "$want"
# pred scored against itself
expect_last "$D/pred.csv" "$D/pred.csv" 'eval: program_f1=1.000 type_f1=1.000 criteria_acc=1.000 title_acc=1.000 gov_type_acc=1.000'
# a reviewed cp932 file as gold: wrong rows out, missing rows in
expect_last "$D/reviewed_cp932.csv" "$D/pred.csv" 'eval: program_f1=0.800 type_f1=0.800 criteria_acc=0.958 title_acc=1.000 gov_type_acc=0.833'
grep -q 'review=wrong rows left out' "$T/out" || fail "wrong rows not reported"
# a gold file with stale riss_fit cells: scored by its criteria
expect_last "$D/gold_stale_fit.csv" "$D/pred.csv" "$want"
grep -q 'gold_stale_fit.csv:5: .*riss_fit cell (empty), the criteria give 3' "$T/out" || fail "empty riss_fit not named"

"$BIN" eval --gold "$D/gold.csv" --pred "$D/pred.csv" --fail-under 0.8 > /dev/null ||
	fail "--fail-under 0.8 should pass at 0.800"
"$BIN" eval --gold "$D/gold.csv" --pred "$D/pred.csv" --fail-under 0.81 > /dev/null 2>&1
[ $? -eq 1 ] || fail "--fail-under 0.81 should exit 1"
"$BIN" eval --gold "$D/missing_cols.csv" --pred "$D/pred.csv" > /dev/null 2> "$T/err"
[ $? -eq 1 ] || fail "missing columns should exit 1"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "error should be one line"
grep -q 'missing_cols.csv:1: .*missing columns types' "$T/err" || fail "error should name the file: $(cat "$T/err")"
"$BIN" eval --gold "$T/nonexistent.csv" --pred "$D/pred.csv" > /dev/null 2>&1
[ $? -eq 1 ] || fail "unreadable gold should exit 1"
"$BIN" eval --gold "$D/gold.csv" > /dev/null 2>&1
[ $? -eq 2 ] || fail "missing --pred should exit 2"
echo ok
