#!/usr/bin/env bash
# cmake --install puts the binary and dict/ (with the compiled MeCab user
# dictionary) under a prefix, and the installed binary finds its data there
# without the source tree or MUNISCAN_DICT.
set -u
. "$(dirname "$0")/lib/assert.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$MUNISCAN_BUILD" --prefix "$tmp/prefix" >/dev/null 2>&1
expect_code 0 $?
bin="$tmp/prefix/bin/muniscan"
expect_file "$bin"
expect_file "$tmp/prefix/share/muniscan/dict/municipalities.tsv"
expect_file "$tmp/prefix/share/muniscan/dict/user.dic"
expect_file "$tmp/prefix/share/muniscan/dict/model.tsv"

unset MUNISCAN_DICT MUNISCAN_USERDIC
cd "$tmp"
out=$("$bin" seeds --check 2>&1)
expect_code 0 $?
expect_match "$out" "share/muniscan/dict/municipalities.tsv: 121 seeds ok"

# The installed tree classifies a page with its own rules and dictionary.
cat > "$tmp/page.html" <<'HTML'
<html><head><meta charset="utf-8"><title>専門家派遣事業｜テスト市</title></head><body><main>
<h1>中小企業専門家派遣事業</h1>
<p>市内の中小企業に中小企業診断士を無料で派遣します。1社につき年度内3回まで利用できます。</p>
</main></body></html>
HTML
out=$("$bin" classify-file --code 011002 --url http://www.city.test.test/haken.html "$tmp/page.html" 2>"$tmp/err")
expect_code 0 $?
expect_no_match "$(cat "$tmp/err")" "user dictionary"
expect_match "$out" "expert_dispatch"
expect_match "$out" ",free,3,multiple,"

# --dict and MUNISCAN_DICT still override.
"$bin" seeds --check --dict "$tmp/nowhere" 2>"$tmp/err"
expect_code 1 $?
expect_match "$(cat "$tmp/err")" "nowhere"
finish
