#!/usr/bin/env bash
# docs/CRITERIA.md describes every column the tool writes: the header of
# each CSV file of a report (and diff.csv), every summary.csv measure, and
# the four criteria with riss_fit; the man page names every CSV file.
set -u
. "$(dirname "$0")/lib/assert.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 shell not installed"
command -v python3 >/dev/null || skip "python3 not installed"

bin=$MUNISCAN_BIN
src=$MUNISCAN_SRC
d=$MUNISCAN_TESTDATA/report
doc=$src/docs/CRITERIA.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect_file "$doc"
for y in old new; do
  mkdir "$tmp/$y"
  sqlite3 "$tmp/$y/muniscan.db" < "$d/schema-v1.sql"
  sqlite3 "$tmp/$y/muniscan.db" < "$d/data.sql"
done
"$bin" -q report --out "$tmp/new" --no-html
expect_code 0 $?
"$bin" -q diff "$tmp/old" "$tmp/new" >/dev/null
expect_code 0 $?

# every (file, column) and summary measure not in CRITERIA.md as `name`
missing=$(python3 - "$tmp/new" "$doc" <<'PY'
import csv, re, sys
d, doc = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
named = set(re.findall(r"`([^`]+)`", doc))
# a cell like `municipality_code`, `municipality`, `category` names each
for cell in re.findall(r"^\| ([^|]+) \|", doc, re.M):
    named.update(re.findall(r"`([^`]+)`", cell))
out = []
for f in ["programs.csv", "municipalities.csv", "governments.csv", "failures.csv",
          "summary.csv", "diff.csv"]:
    rows = list(csv.reader(open(f"{d}/{f}", encoding="utf-8-sig", newline="")))
    if f"`{f}`" not in doc:
        out.append(f)
    out += [f"{f}:{c}" for c in rows[0] if c not in named]
    if f == "summary.csv":
        out += [f"summary.csv measure {m}" for m in sorted({r[0] for r in rows[1:]}) if m not in named]
print(" ".join(out))
PY
)
expect_eq "" "$missing"
for term in it_security expert_registry cost max_visits continuity riss_fit "A. IT" "B. Registered" \
  "C. Cost" "D. Continuity" review; do
  expect_match "$(cat "$doc")" "$term"
done
for f in programs.csv municipalities.csv governments.csv failures.csv summary.csv manifest.json \
  report.html diff.csv; do
  expect_match "$(cat "$src/docs/muniscan.1")" "^\.B $f\$"
done
finish
