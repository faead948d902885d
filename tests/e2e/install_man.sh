#!/usr/bin/env bash
# cmake --install puts the man page (docs/muniscan.1) into share/man/man1,
# and it renders without warnings (man -l, else groff; skipped when neither
# is installed): the sections a reader looks for are there, and every
# command of `muniscan --help` is described.
set -u
. "$(dirname "$0")/lib/assert.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$MUNISCAN_BUILD" --prefix "$tmp/prefix" >/dev/null 2>&1
expect_code 0 $?
page="$tmp/prefix/share/man/man1/muniscan.1"
expect_file "$page"
cmp -s "$page" "$MUNISCAN_SRC/docs/muniscan.1"
expect_code 0 $?

# groff with every warning on: a roff mistake fails here
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -z "$page" 2>"$tmp/err"
  expect_code 0 $?
  expect_eq "" "$(cat "$tmp/err")"
fi
# what a reader sees: man -l, else groff
text=
if command -v man >/dev/null; then
  text=$(MANWIDTH=100 man -l "$page" 2>"$tmp/err" | sed 's/.\x08//g')
  expect_eq "" "$(cat "$tmp/err")"
fi
if [ -z "$text" ] && command -v groff >/dev/null; then
  text=$(groff -man -Tutf8 "$page" 2>/dev/null | sed 's/.\x08//g')
fi
[ -n "$text" ] || { echo "neither man nor groff renders pages here"; finish; }
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "CRAWL OPTIONS" "OUTPUT FILES" ENVIRONMENT \
  "EXIT STATUS" "SEE ALSO"; do
  expect_match "$text" "^$section\$"
done
expect_match "$text" "muniscan - find and classify"
expect_match "$text" "governments\.csv"
expect_match "$text" "docs/CRITERIA\.md"
# every command of --help has its paragraph
for cmd in $("$MUNISCAN_BIN" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'); do
  expect_match "$text" "^ +$cmd( |\$)"
done
finish
