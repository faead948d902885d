#!/usr/bin/env bash
# crawl_resume: kill -9 a crawl at random moments and rerun the same command
# until it completes; the folder must end with the same set of fetched URLs
# as an uninterrupted crawl (best-first order under a page budget makes that
# a real check), and no URL committed before a kill may be requested again
# after it (checked in nginx's access log).
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_web_setup
ms_web_start "$src/tests/data/crawl/make_big_site.py" 4 90 8 || exit 1
log="$MS_TMP/nginx/logs/access.log"

crawl() { # OUT [&]: run in this shell so that $! is muniscan itself
	# shellcheck disable=SC2046
	if [ "${2:-}" = "&" ]; then
		"$bin" crawl --out "$1" --seeds "$web/seeds.tsv" --delay 0.05 --timeout 5 \
			--max-pages 40 --no-progress $(ms_resolve_args) 2>>"$MS_TMP/crawl.err" &
	else
		"$bin" crawl --out "$1" --seeds "$web/seeds.tsv" --delay 0.05 --timeout 5 \
			--max-pages 40 --no-progress $(ms_resolve_args) 2>>"$MS_TMP/crawl.err"
	fi
}
fetched() { # DB
	ms_sql "$1" "SELECT url FROM frontier WHERE state='fetched' ORDER BY url"
}

# the reference: one uninterrupted crawl
crawl "$MS_TMP/ref"
expect_code 0 $?
fetched "$MS_TMP/ref/muniscan.db" >"$MS_TMP/ref.txt"
nref=$(wc -l <"$MS_TMP/ref.txt")
expect_eq 160 "$nref"

# the same crawl, killed at random moments
out="$MS_TMP/killed"
RANDOM=${MUNISCAN_SEED:-4242}
kills=0
done_rc=""
for i in $(seq 1 40); do
	mark=$(wc -l <"$log")
	crawl "$out" "&"
	pid=$!
	sleep "0.$((RANDOM % 6 + 1))$((RANDOM % 10))"
	if kill -9 "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		kills=$((kills + 1))
		# every URL committed so far must never be requested again
		if [ -f "$out/muniscan.db" ]; then
			fetched "$out/muniscan.db" | sed "s|^http://\([^:/]*\):$port|\1 |" \
				>"$MS_TMP/committed.$kills"
			echo "$(wc -l <"$log")" >"$MS_TMP/mark.$kills"
		fi
	else
		wait "$pid"
		done_rc=$?
		break
	fi
done
echo "$kills kills"
expect_eq 0 "$done_rc"
expect_match "$kills" '^[1-9]'
fetched "$out/muniscan.db" >"$MS_TMP/killed.txt"
expect_eq "" "$(diff "$MS_TMP/ref.txt" "$MS_TMP/killed.txt")"

# no committed URL fetched twice: compare each kill's committed set with the
# requests logged after it
dups=""
for k in $(seq 1 "$kills"); do
	[ -f "$MS_TMP/committed.$k" ] || continue
	m=$(cat "$MS_TMP/mark.$k")
	tail -n +"$((m + 1))" "$log" | awk '{ print $2, $3 }' | sed 's|  *| |' >"$MS_TMP/after.$k"
	# "host /path" lines on both sides
	sed 's|^\([^ ]*\) \(.*\)$|\1 \2|' "$MS_TMP/committed.$k" | sort -u >"$MS_TMP/c.$k"
	sort -u "$MS_TMP/after.$k" >"$MS_TMP/a.$k"
	d=$(comm -12 "$MS_TMP/c.$k" "$MS_TMP/a.$k")
	[ -n "$d" ] && dups="$dups $d"
done
expect_eq "" "$dups"
# every page request in the log beyond the reference count is an in-flight
# refetch: at most one per host per kill
total_pages=$(grep -v ' /robots.txt ' "$log" | wc -l)
extra=$((total_pages - 2 * nref))
echo "refetched in flight: $extra"
expect_match "$(awk -v e=$extra -v k=$kills 'BEGIN { print (e <= 4 * k) ? "ok" : "too many " e }')" '^ok$'
# runs: killed ones stay 'running', the last one is done
expect_eq "done" "$(ms_sql "$out/muniscan.db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1")"

# the archive holds a response for every committed page
missing=$(python3 - "$out/crawl.warc.gz" "$MS_TMP/killed.txt" <<'PY'
import gzip, sys
uris, kind = set(), None
with gzip.open(sys.argv[1], "rb") as f:
    for line in f:
        if line.startswith(b"WARC-Type:"):
            kind = line.split()[1]
        elif line.startswith(b"WARC-Target-URI:") and kind == b"response":
            uris.add(line.split()[1].decode())
for u in open(sys.argv[2]).read().split():
    if u not in uris:
        print(u)
PY
)
expect_eq "" "$missing"

# Ctrl-C: the run is recorded as interrupted, exit 1, and a rerun finishes
crawl "$MS_TMP/int" "&"
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"
expect_code 1 $?
expect_eq "interrupted" "$(ms_sql "$MS_TMP/int/muniscan.db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1")"
crawl "$MS_TMP/int"
expect_code 0 $?
fetched "$MS_TMP/int/muniscan.db" >"$MS_TMP/int.txt"
expect_eq "" "$(diff "$MS_TMP/ref.txt" "$MS_TMP/int.txt")"
finish
