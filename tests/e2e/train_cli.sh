#!/usr/bin/env bash
# train_cli: `muniscan train` on the bundled sample web (corpus/sites, 12
# hosts, 11 sites, 46 programs): leave-one-host-out scores reach a floor, a fitted
# model loads and classifies the sample, --explain and --pred write their
# files, a bad model file is named with its line, usage errors exit 2.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }
cd "$src"
mapfile -t files < <(find corpus/sites -type f \( -name '*.html' -o -name '*.pdf' \) | sort)
floor=${MUNISCAN_TRAIN_FLOOR:-0.9}

"$bin" train --gold corpus/gold.csv --site-root corpus/sites --cv-by-host --threads 2 \
	--pred "$tmp/cv.csv" --explain "$tmp/explain.tsv" "${files[@]}" >"$tmp/cv.out" 2>"$tmp/cv.err"
check "cv exits 0" '[ $? -eq 0 ]'
cat "$tmp/cv.out" | grep -E "^(train|programs|eval|hosts):"
check "cv: 11 hosts seen (kawanami.test and kawanami.lg.test are one)" 'grep -q "^train: [0-9]* pages on 11 hosts, 46 gold programs" "$tmp/cv.out"'
f1=$(sed -n 's/^eval: program_f1=\([0-9.]*\).*/\1/p' "$tmp/cv.out")
check "cv: program F1 $f1 >= $floor" 'awk -v a="${f1:-0}" -v b="$floor" "BEGIN{exit !(a >= b)}"'
check "cv: host-level line" 'grep -q "^hosts: 11, types right on" "$tmp/cv.out"'
check "cv: predictions written" '[ "$(head -1 "$tmp/cv.csv" | tr -d "\r")" = "municipality_code,municipality,category,program,url,types,it_security,expert_registry,cost,max_visits,continuity,riss_fit,evidence,page_sha256,fetched_at" ]'
check "cv: explain header" '[ "$(head -1 "$tmp/explain.tsv")" = "$(printf "file\turl\ttitle\tlabel\tprobability\tfeatures")" ]'
check "cv: explain lists candidates with weights" 'grep -q "	1	0\.[0-9]*	bias " "$tmp/explain.tsv"'

"$bin" train --gold corpus/gold.csv --site-root corpus/sites --out "$tmp/m.tsv" --threads 2 \
	"${files[@]}" >"$tmp/out.out" 2>&1
check "out exits 0" '[ $? -eq 0 ]'
check "out: model written" 'grep -q "^threshold	0\.400$" "$tmp/m.tsv" && grep -q "^bias	" "$tmp/m.tsv"'
"$bin" classify-file --model "$tmp/m.tsv" --site-root corpus/sites --threads 2 "${files[@]}" \
	>"$tmp/pred.csv" 2>/dev/null
"$bin" eval --gold corpus/gold.csv --pred "$tmp/pred.csv" --fail-under 0.95 >"$tmp/eval.out"
check "the fitted model classifies the sample (F1 >= 0.95)" '[ $? -eq 0 ]'

printf 'threshold\t0.5\nbias\tx\n' >"$tmp/bad.tsv"
"$bin" classify-file --model "$tmp/bad.tsv" corpus/sites/www.pref.umino.test/index.html >/dev/null 2>"$tmp/bad.err"
check "bad model exits 1" '[ $? -eq 1 ]'
check "bad model named with its line" 'grep -q "bad.tsv:2: .x. is not a number" "$tmp/bad.err"'
check "bad model: one line" '[ $(wc -l <"$tmp/bad.err") -eq 1 ]'

"$bin" train >/dev/null 2>&1
check "no file: usage" '[ $? -eq 2 ]'
"$bin" train --gold corpus/gold.csv "${files[0]}" >/dev/null 2>&1
check "neither --out nor --cv-by-host: usage" '[ $? -eq 2 ]'
"$bin" train --gold corpus/gold.csv --cv-by-host --threshold 1.5 "${files[0]}" >/dev/null 2>&1
check "bad threshold: usage" '[ $? -eq 2 ]'
"$bin" train --gold corpus/gold.csv --out "$tmp/x.tsv" --pred "$tmp/x.csv" "${files[0]}" >/dev/null 2>&1
check "--pred without --cv-by-host: usage" '[ $? -eq 2 ]'
"$bin" train --gold "$tmp/nothing.csv" --cv-by-host "${files[0]}" >/dev/null 2>"$tmp/g.err"
check "missing gold exits 1" '[ $? -eq 1 ] && grep -q "nothing.csv" "$tmp/g.err"'
exit $fail
