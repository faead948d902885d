#!/usr/bin/env bash
# scale_hostile: `muniscan extract` and `classify-file` on hostile pages of a
# few MiB stay fast and under 64 MB of peak memory, and a page cut by a work
# cap says so on stderr ("page too large (CAP cap)") instead of failing.
#   keyword run: one endless sentence of cue words (rules rescanned the
#     sentence per hit: 75 s for 0.5 MiB)
#   attributes: one tag with 300,000 attributes (gumbo: square of the count)
#   tiny <p>: "<p>x" over and over (830 MB for 5 MiB)
#   long text: 5 MiB of sentences (the tokens of all of it, 230 MB)
#   cloned formatting: 300 open <b> cloned for every <p>'s text (12 KiB
#     of tags made 330 MB of nodes)
# Bounds are generous (seconds where a linear run takes a tenth); peak RSS
# is from /usr/bin/time.  Under ASan (found as in faults_content.sh) the
# memory is not checked and the time bounds are ten times longer.
set -u
bin=${MUNISCAN_BIN:?}
src=${MUNISCAN_SRC:?}
. "$src/tests/e2e/lib/assert.sh"
[ -x /usr/bin/time ] || skip "no /usr/bin/time"
command -v python3 >/dev/null || skip "no python3"
export MUNISCAN_DICT=${MUNISCAN_DICT:-$src/dict}
asan=0
if [ -n "${MUNISCAN_ASAN:-}" ] || grep -aq __asan_init "$bin"; then asan=1; fi

T=$(mktemp -d "${TMPDIR:-/tmp}/muniscan-scale.XXXXXX")
trap 'rm -rf "$T"' EXIT

python3 - "$T" <<'EOF'
import sys
d = sys.argv[1]
head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>'

def page(name, body, size):
    b = (head + body).encode()[:size]
    open('%s/%s.html' % (d, name), 'wb').write(b)

MiB = 1 << 20
page('kwrun', '<p>' + '専門家派遣無料相談窓口経営相談派遣する訪問支援職員不要' * 40000, 2 * MiB)
page('attrs', '<div' + ''.join(' a%d="1"' % i for i in range(300000)) + '>x</div>', 4 * MiB)
page('tinyp', '<p>x' * (5 * MiB // 4), 5 * MiB)
page('text', '中小企業の経営者を対象に専門家を派遣して助言します。費用は無料です。\n' * 60000, 5 * MiB)
page('clone', '<p>' + ''.join('<b class=c%d>' % i for i in range(300)) + '<p>x' * 2000, 1 * MiB)
EOF

# run NAME MAX_SECONDS CMD...: runs CMD, checks exit 0, time and peak RSS
run() {
	local name=$1 max=$2 t rss rc
	shift 2
	[ $asan = 1 ] && max=$((max * 10))
	timeout -k 2 $((max * 6)) /usr/bin/time -f "%e %M" -o "$T/time" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	expect_eq "$name: exit 0" "$name: exit $rc"
	read -r t rss < <(tail -1 "$T/time" 2>/dev/null || echo "999 999999999")
	echo "$name: ${t}s, $((rss / 1024)) MB"
	awk -v t="$t" -v m="$max" 'BEGIN { exit !(t <= m) }' || _fail "$name: ${t}s, over ${max}s"
	[ $asan = 1 ] || [ "$rss" -le $((64 * 1024)) ] ||
		_fail "$name: peak RSS $((rss / 1024)) MB, over 64 MB"
}

run "extract keyword run" 5 "$bin" extract "$T/kwrun.html"
run "classify keyword run" 5 "$bin" classify-file --threads 1 "$T/kwrun.html"
expect_match "$(cat "$T/err")" 'kwrun.html: page too large \(text cap\)'
run "extract attributes" 5 "$bin" extract "$T/attrs.html"
expect_match "$(cat "$T/out")" '^sections: 1,'
run "classify attributes" 5 "$bin" classify-file --threads 1 "$T/attrs.html"
run "extract tiny <p>" 5 "$bin" extract --json "$T/tinyp.html"
expect_match "$(cat "$T/err")" '^muniscan: warning: page too large \(tags cap\): only its first [0-9]+ of 5242880 bytes'
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" || _fail "tiny <p>: invalid json"
run "classify tiny <p>" 5 "$bin" classify-file --threads 1 "$T/tinyp.html"
expect_match "$(cat "$T/err")" 'tinyp.html: page too large \(tags cap\)'
run "extract long text" 5 "$bin" extract "$T/text.html"
run "classify long text" 5 "$bin" classify-file --threads 1 "$T/text.html"
expect_match "$(cat "$T/err")" 'text.html: page too large \(text cap\)'
expect_match "$(cat "$T/out")" 'expert_dispatch'
run "extract cloned formatting" 5 "$bin" extract "$T/clone.html"
expect_match "$(cat "$T/err")" 'page too large \(tree cap\)'
run "classify cloned formatting" 5 "$bin" classify-file --threads 1 "$T/clone.html"

# an ordinary page: no cap, no warning
run "extract ordinary page" 5 "$bin" extract "$src/corpus/sites/www.pref.yamabe.test/index.html"
expect_eq "" "$(cat "$T/err")"
finish
