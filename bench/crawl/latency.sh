#!/usr/bin/env bash
# bench/crawl/latency.sh: the crawl against servers that take LATENCY seconds
# per response (bench/crawl/latency_server.py), to show that the politeness
# gap runs from request start to request start.
#
# usage: bench/crawl/latency.sh [NHOSTS [PAGES [DELAY [LATENCY]]]]
#   defaults: 30 hosts, 30 pages, --delay 0.2, 0.15 s per response.
# Env: MUNISCAN_BIN (default ./build/muniscan).
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${MUNISCAN_BIN:-$src/build/muniscan}
nhosts=${1:-30}
pages=${2:-30}
delay=${3:-0.2}
latency=${4:-0.15}
. "$src/tests/e2e/lib/nginx.sh"

ms_tmpdir
port=$(ms_free_port)
python3 "$src/tests/data/crawl/make_big_site.py" "$MS_TMP/web" "$port" "$nhosts" "$pages" 8
python3 "$here/latency_server.py" "$port" "$MS_TMP/web/sites" "$latency" "$MS_TMP/log.txt" &
spid=$!
ms_cleanup_extra() { kill "$spid" 2>/dev/null; }
for i in $(seq 1 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break
	sleep 0.1
done
/usr/bin/time -v -o "$MS_TMP/time.txt" "$bin" crawl --out "$MS_TMP/out" \
	--seeds "$MS_TMP/web/seeds.tsv" --delay "$delay" --max-pages $((pages + 1)) \
	--no-progress --proxy "http://127.0.0.1:$port" 2>"$MS_TMP/crawl.err"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$MS_TMP/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$MS_TMP/time.txt")
awk -v d="$delay" -v w="$wall" -v r="$rss" -v l="$latency" '
	{ n[$2]++; s += $6 }
	END {
		m = 0; for (h in n) if (n[h] > m) m = n[h]
		b = (m - 1) * d
		printf "latency=%.3fs (measured %.3f) delay=%s: %d requests, wall %.1fs, bound %.1fs, ratio %.2f, peak RSS %s MB\n", l, s / NR, d, NR, w, b, w / b, r
	}' "$MS_TMP/log.txt"
grep -c 'unavailable' "$MS_TMP/crawl.err" | sed 's/^/robots.txt failures: /'
