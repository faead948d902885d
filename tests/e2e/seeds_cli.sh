#!/usr/bin/env bash
# The seeds command and the global CLI surface: exit codes, messages naming
# the file and line, and the 121 study seeds.
set -u
. "$(dirname "$0")/lib/assert.sh"

bin=$MUNISCAN_BIN
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The study's 121: exactly 121 rows and the category counts of docs/CRITERIA.md.
out=$("$bin" seeds --check "$MUNISCAN_SRC/dict/municipalities.tsv")
expect_code 0 $?
expect_match "$out" "121 seeds ok"
expect_match "$out" "pref  *47"
expect_match "$out" "capital  *31"
expect_match "$out" "capital;designated  *15"
expect_match "$out" "designated  *5"
expect_match "$out" "ward  *23"
# default seeds when no FILE is given
out=$("$bin" seeds --check)
expect_match "$out" "121 seeds ok"
out=$("$bin" seeds --check "$MUNISCAN_SRC/dict/municipalities-all.tsv")
expect_code 0 $?
expect_match "$out" "1788 seeds ok"
n=$("$bin" seeds | wc -l)
expect_eq 121 "$n"

# A table of bad files: each names its line and exits 1.
while IFS=$'\t' read -r content code msg; do
  case "$content" in \#*) continue ;; esac
  printf '%b' "$content" > "$tmp/seeds.tsv"
  err=$("$bin" seeds --check "$tmp/seeds.tsv" 2>&1 >/dev/null)
  rc=$?
  if [ "$code" = 0 ]; then
    out=$("$bin" seeds --check "$tmp/seeds.tsv")
    expect_match "$out" "$msg"
  else
    expect_match "$err" "seeds.tsv$msg"
  fi
  expect_code "$code" "$rc"
done < "$MUNISCAN_TESTDATA/seeds/cases.tsv"

# Every error is on its own line and all bad lines are reported at once.
printf 'code\tname\tprefecture\tcategory\turl\n1\ta\tb\tcity\thttp://a.test/\n2\ta\tb\tcity\thttp://a.test/\n' > "$tmp/two.tsv"
n=$("$bin" seeds --check "$tmp/two.tsv" 2>&1 | grep -c 'two.tsv:[23]:')
expect_eq 2 "$n"

"$bin" seeds --check "$tmp/missing.tsv" 2>"$tmp/err"
expect_code 1 $?
expect_match "$(cat "$tmp/err")" "missing.tsv"

# Usage errors exit 2; help and version exit 0.
"$bin" seeds --bogus 2>/dev/null; expect_code 2 $?
"$bin" nosuchcommand 2>/dev/null; expect_code 2 $?
"$bin" 2>/dev/null; expect_code 2 $?
"$bin" --version >/dev/null; expect_code 0 $?
expect_match "$("$bin" --version)" "^muniscan [0-9]"
for c in classify classify-file crawl diff eval extract report robots run seeds show train; do
  "$bin" "$c" --help > "$tmp/help" 2>&1
  expect_code 0 $?
  expect_match "$(cat "$tmp/help")" "usage: muniscan $c"
  # every command words a bad option alike: one line naming it, and the usage
  "$bin" "$c" --no-such-option > /dev/null 2> "$tmp/err"
  expect_code 2 $?
  expect_eq "muniscan: unknown option '--no-such-option'" "$(head -1 "$tmp/err")"
  expect_match "$(sed -n 2p "$tmp/err")" "^usage: muniscan $c "
done
# --threads is checked alike by the commands that take it
for c in classify classify-file train run; do
  "$bin" "$c" --threads 0 x > /dev/null 2> "$tmp/err"
  expect_code 2 $?
  expect_eq "muniscan: --threads wants 1 to 256, not '0'" "$(head -1 "$tmp/err")"
done
finish
