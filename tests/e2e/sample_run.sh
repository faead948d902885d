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
  governments.csv manifest.json report.html; do
  expect_file "$out/$f"
done

bom=$(printf '\xef\xbb\xbf')
expect_eq "${bom}municipality_code,municipality,category,program,url,types,it_security,expert_registry,cost,max_visits,continuity,riss_fit,evidence,page_sha256,fetched_at,prefecture,review" \
  "$(head -1 "$out/programs.csv" | tr -d '\r')"
expect_eq "${bom}municipality_code,municipality,category,url,status,pages_fetched,pages_failed,robots_blocked,programs,prefecture" \
  "$(head -1 "$out/municipalities.csv" | tr -d '\r')"
expect_eq "${bom}url,municipality_code,reason,http_status,attempts" \
  "$(head -1 "$out/failures.csv" | tr -d '\r')"
expect_eq "${bom}measure,value,count" "$(head -1 "$out/summary.csv" | tr -d '\r')"
expect_eq "${bom}municipality_code,municipality,category,prefecture,expert_dispatch,consultation_desk,workstyle_reform,programs,best_riss_fit" \
  "$(head -1 "$out/governments.csv" | tr -d '\r')"

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
  for f in municipalities.csv failures.csv summary.csv governments.csv; do cp "$out/$f" "$exp/$f"; done
fi
strip_time "$out/programs.csv" > "$tmp/programs.csv"
diff -u "$exp/programs.csv" "$tmp/programs.csv" > "$tmp/d" ; expect_code 0 $?
head -20 "$tmp/d"
for f in municipalities.csv failures.csv summary.csv governments.csv; do
  cmp -s "$exp/$f" "$out/$f"
  expect_code 0 $?
done

# governments.csv and the summary's governments_with_type rows agree with
# programs.csv and municipalities.csv
python3 - "$out" <<'PY'
import csv, sys
d = sys.argv[1]
rd = lambda f: list(csv.DictReader(open(f"{d}/{f}", encoding="utf-8-sig", newline="")))
progs, munis, govs = rd("programs.csv"), rd("municipalities.csv"), rd("governments.csv")
types = ["expert_dispatch", "consultation_desk", "workstyle_reform"]
assert [g["municipality_code"] for g in govs] == [m["municipality_code"] for m in munis]
for g, m in zip(govs, munis):
    mine = [p for p in progs if p["municipality_code"] == g["municipality_code"]]
    assert (g["municipality"], g["category"], g["prefecture"]) == \
        (m["municipality"], m["category"], m["prefecture"]), g
    assert int(g["programs"]) == len(mine) == int(m["programs"]), g
    for t in types:
        want = "yes" if any(t in p["types"].split(";") for p in mine) else "no"
        assert g[t] == want, (g, t)
    assert g["best_riss_fit"] == (str(max(int(p["riss_fit"]) for p in mine)) if mine else ""), g
summ = {(r["measure"], r["value"]): r["count"] for r in rd("summary.csv")}
for t in types:
    n = sum(g[t] == "yes" for g in govs)
    assert summ[("governments_with_type", t)] == str(n), t
    assert summ[("governments_with_type_share", t)] == f"{n / len(govs):.3f}", t
PY
expect_code 0 $?

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
