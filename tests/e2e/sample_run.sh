#!/usr/bin/env bash
# The main job on the bundled sample, as the README's first command runs
# it: every output file is written, the CSV files equal the committed
# expected ones (fetch times aside), they start with a BOM and the
# contract's headers, and the programs meet the classifier's bar against
# corpus/gold.csv.  A second run on the same folder resumes and changes
# nothing.
set -u
. "$(dirname "$0")/lib/assert.sh"

bin=$MUNISCAN_BIN
src=$MUNISCAN_SRC
exp=$MUNISCAN_TESTDATA/sample
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/sample

"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$src/corpus/sites" \
  --delay 0 --out "$out" 2>"$tmp/err"
expect_code 0 $?
for f in muniscan.db crawl.warc.gz programs.csv municipalities.csv failures.csv summary.csv \
  manifest.json report.html; do
  expect_file "$out/$f"
done

bom=$(printf '\xef\xbb\xbf')
expect_eq "${bom}municipality_code,municipality,category,program,url,types,it_security,expert_registry,cost,max_visits,continuity,riss_fit,evidence,page_sha256,fetched_at,prefecture" \
  "$(head -1 "$out/programs.csv" | tr -d '\r')"
expect_eq "${bom}municipality_code,municipality,category,url,status,pages_fetched,pages_failed,robots_blocked,programs,prefecture" \
  "$(head -1 "$out/municipalities.csv" | tr -d '\r')"
expect_eq "${bom}url,municipality_code,reason,http_status,attempts" \
  "$(head -1 "$out/failures.csv" | tr -d '\r')"
expect_eq "${bom}measure,value,count" "$(head -1 "$out/summary.csv" | tr -d '\r')"

# programs.csv without its fetched_at column (fetch times); the rest as committed
strip_time() { python3 -c '
import csv, sys
rows = csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))
w = csv.writer(sys.stdout, lineterminator="\n")
drop = None
for r in rows:
    if drop is None:
        drop = r.index("fetched_at")
    w.writerow(r[:drop] + r[drop + 1:])' "$1"; }
if [ "${MUNISCAN_UPDATE_EXPECTED:-}" = 1 ]; then
  strip_time "$out/programs.csv" > "$exp/programs.csv"
  for f in municipalities.csv failures.csv summary.csv; do cp "$out/$f" "$exp/$f"; done
fi
strip_time "$out/programs.csv" > "$tmp/programs.csv"
diff -u "$exp/programs.csv" "$tmp/programs.csv" > "$tmp/d" ; expect_code 0 $?
head -20 "$tmp/d"
for f in municipalities.csv failures.csv summary.csv; do
  cmp -s "$exp/$f" "$out/$f"
  expect_code 0 $?
done

# the classifier's bar, through the crawl path
line=$("$bin" eval --gold "$src/corpus/gold.csv" --pred "$out/programs.csv" --fail-under 0.9 | tail -1)
expect_code 0 "${PIPESTATUS[0]}"
echo "$line"
expect_match "$line" '^eval: program_f1='

# rerun on the same folder: resumes, fetches nothing new, same programs
cp "$out/programs.csv" "$tmp/first.csv"
"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$src/corpus/sites" \
  --delay 0 --out "$out" 2>>"$tmp/err"
expect_code 0 $?
strip_time "$tmp/first.csv" > "$tmp/a.csv"
strip_time "$out/programs.csv" > "$tmp/b.csv"
cmp -s "$tmp/a.csv" "$tmp/b.csv"; expect_code 0 $?
finish
