#!/usr/bin/env bash
# bench/crawl/run.sh: the crawl's wall time against the politeness lower
# bound, and against wget, on a local multi-host web.
#
# usage: bench/crawl/run.sh [NHOSTS [PAGES [DELAY [RATE]]]]
#   NHOSTS  hosts (default 121, the study), PAGES per host (default 100),
#   DELAY   --delay and wget --wait (default 0.2),
#   RATE    nginx limit_rate per response, to add latency (default off; e.g.
#           8k makes a ~1 KB page take ~0.1 s).
# Env: MUNISCAN_BIN (default ./build/muniscan), WGET_HOSTS (default 12).
#
# The lower bound is what politeness allows with every host in parallel:
# the largest number of requests to one host (robots.txt included) minus
# one, times the delay.  wget fetches one host at a time; its time on
# WGET_HOSTS hosts is scaled to NHOSTS.  Peak memory from /usr/bin/time.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${MUNISCAN_BIN:-$src/build/muniscan}
nhosts=${1:-121}
pages=${2:-100}
delay=${3:-0.2}
rate=${4:-}
whosts=${WGET_HOSTS:-12}
. "$src/tests/e2e/lib/nginx.sh"
[ -x "$bin" ] || { echo "no muniscan binary at $bin (set MUNISCAN_BIN)" >&2; exit 1; }

ms_tmpdir
port=$(ms_free_port)
python3 "$src/tests/data/crawl/make_big_site.py" "$MS_TMP/web" "$port" "$nhosts" "$pages" 8
extra=""
[ -n "$rate" ] && extra="limit_rate $rate; sendfile off;"
while IFS=$'\t' read -r host root _; do
	ms_nginx_server "$host" "$root" "$extra"
done <"$MS_TMP/web/servers.tsv"
ms_nginx_start "$port" || exit 1
log="$MS_TMP/nginx/logs/access.log"

# muniscan, through nginx as the proxy (no --resolve list of 121 entries)
/usr/bin/time -v -o "$MS_TMP/time.txt" "$bin" crawl --out "$MS_TMP/out" \
	--seeds "$MS_TMP/web/seeds.tsv" --delay "$delay" --max-pages $((pages + 1)) \
	--no-progress --proxy "http://127.0.0.1:$port" 2>"$MS_TMP/crawl.err"
rc=$?
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$MS_TMP/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$MS_TMP/time.txt")
cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$MS_TMP/time.txt")
requests=$(wc -l <"$log")
maxreq=$(awk '{ n[$2]++ } END { m = 0; for (h in n) if (n[h] > m) m = n[h]; print m }' "$log")
bound=$(awk -v m="$maxreq" -v d="$delay" 'BEGIN { printf "%.1f", (m - 1) * d }')
lat=$(awk '$3 != "/robots.txt" { s += $6; n++ } END { printf "%.3f", n ? s / n : 0 }' "$log")
fetched=$(sqlite3 -readonly "$MS_TMP/out/muniscan.db" "SELECT count(*) FROM pages" 2>/dev/null || echo "?")
mingap=$(ms_min_gap "$log" | sort -k2 -n | head -1)

# wget on WGET_HOSTS hosts, one after another (as it crawls)
: >"$log"
wstart=$(date +%s.%N)
for i in $(seq 0 $((whosts - 1))); do
	host=$(printf 'www.city.h%03d.test' "$i")
	http_proxy="http://127.0.0.1:$port" wget -q -r -l inf --wait="$delay" -e robots=on \
		-P "$MS_TMP/wget" "http://$host:$port/" 2>/dev/null
done
wend=$(date +%s.%N)
wtime=$(awk -v a="$wstart" -v b="$wend" 'BEGIN { printf "%.1f", b - a }')
wscaled=$(awk -v t="$wtime" -v w="$whosts" -v n="$nhosts" 'BEGIN { printf "%.0f", t * n / w }')
wreq=$(wc -l <"$log")

echo "hosts=$nhosts pages/host=$pages delay=$delay rate=${rate:-none} mean_response=${lat}s"
echo "muniscan: exit $rc, $fetched pages, $requests requests, wall ${wall}s, cpu ${cpu}s, peak RSS ${rss} MB"
echo "politeness bound: ${bound}s (max $maxreq requests to one host); ratio $(awk -v w="$wall" -v b="$bound" 'BEGIN { printf "%.2f", w / b }')"
echo "smallest start-to-start gap on one host: $mingap"
echo "wget -r --wait=$delay: ${wtime}s for $whosts hosts ($wreq requests) -> ~${wscaled}s for $nhosts hosts"
