#!/usr/bin/env bash
# reliability_kill: a crawl killed with SIGKILL at random points loses
# nothing and refetches nothing it had committed.
#
# nginx serves the sample web (corpus/sites, one server block per host) and
# muniscan reaches it through --proxy, so the seeds are used unchanged.
# First an uninterrupted crawl + classify + report: the reference.  Then
# rounds: in a fresh folder, `crawl --delay 0.02` is started and killed with
# SIGKILL after a random 0.05-1.5 s, again on the same folder, up to 5 times
# (a run that finishes first ends the round early); then a clean rerun to
# the end, classify and report.  Rounds go on until at least 20 kills
# (MUNISCAN_KILLS) landed on a running crawl.  Every round must end with
#   - the same set of pages and the same programs.csv (fetched_at aside) as
#     the reference;
#   - no URL requested more often than in the reference plus one per kill
#     of that round (only what was in flight may be fetched again);
#   - a WARC that reads to its end, with a response record per page;
#   - a database that passes PRAGMA integrity_check.
# RANDOM is seeded from MUNISCAN_KILL_SEED (printed) to replay a failure.
#
# (The programs comparison once failed in some rounds: pages were merged in
# commit order, and any title containment merged two programs.  Pages are
# now classified in URL order and containment needs a mere name, year or
# announcement around the shorter title; docs/CLASSIFIER.md.)
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_tmpdir
kills_wanted=${MUNISCAN_KILLS:-20}
seed=${MUNISCAN_KILL_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$seed
echo "kill seed $seed (MUNISCAN_KILL_SEED=$seed to replay)"

port=$(ms_free_port)
# a copy of the sample web without Crawl-delay (one host asks for 1 s, which
# would make every round last a minute)
cp -r "$src/corpus/sites" "$MS_TMP/sites"
sed -i '/^[Cc]rawl-[Dd]elay/d' "$MS_TMP"/sites/*/robots.txt 2>/dev/null
for d in "$MS_TMP"/sites/*/; do
	h=$(basename "$d")
	ms_nginx_server "$h" "${d%/}" ""
done
ms_nginx_start "$port" || exit 1
log="$MS_TMP/nginx/logs/access.log"
seeds="$src/corpus/seeds.tsv"
copts=(--seeds "$seeds" --proxy "http://127.0.0.1:$port" --delay 0.02 --timeout 5 --retries 0 --no-progress)

# pages URL list, programs without fetched_at, request counts
snapshot() { # DIR -> DIR.pages DIR.programs
	ms_sql "$1/muniscan.db" "SELECT url FROM pages ORDER BY url" >"$1.pages"
	python3 - "$1/programs.csv" >"$1.programs" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
head = rows[0]
drop = head.index("fetched_at")
print("\n".join(sorted("\t".join(c for i, c in enumerate(r) if i != drop) for r in rows[1:])))
PY
}
requests() { # FROM_LINE TO_LINE -> "count key" lines for that part of the log
	# (CONNECT attempts for https links, which nginx answers 400 with no
	# host, are not pages: their robots.txt is retried by every run)
	sed -n "$1,$2p" "$log" | awk 'NF == 5 && $2 != "-" { print $2 " " $3 }' | sort | uniq -c |
		awk '{ print $2 " " $3 "\t" $1 }' | sort
}
warc_check() { # DIR -> "ok N" or an error
	python3 - "$1/crawl.warc.gz" <<'PY'
import gzip, sys, zlib
n = 0
try:
    with gzip.open(sys.argv[1], "rb") as f:
        for line in f:
            if line.startswith(b"WARC-Type: response"):
                n += 1
    print("ok", n)
except (OSError, EOFError, zlib.error) as e:
    print("unreadable:", e)
PY
}

# the reference
ref="$MS_TMP/ref"
l0=$(($(wc -l <"$log") + 1))
"$bin" crawl --out "$ref" "${copts[@]}" 2>"$MS_TMP/ref.err"
expect_code 0 $?
"$bin" classify --out "$ref" 2>>"$MS_TMP/ref.err" && "$bin" report --out "$ref" 2>>"$MS_TMP/ref.err"
expect_code 0 $?
requests "$l0" '$' >"$MS_TMP/ref.requests"
snapshot "$ref"
npages=$(wc -l <"$ref.pages")
echo "reference: $npages pages, $(wc -l <"$ref.programs") programs, $(wc -l <"$log") requests"
expect_match "$npages" '^[1-9][0-9]+$'

kills=0
round=0
start=$(date +%s)
while [ "$kills" -lt "$kills_wanted" ] && [ $(($(date +%s) - start)) -lt 100 ]; do
	round=$((round + 1))
	out="$MS_TMP/round$round"
	l0=$(($(wc -l <"$log") + 1))
	rk=0
	while [ "$rk" -lt 5 ]; do
		"$bin" crawl --out "$out" "${copts[@]}" 2>>"$MS_TMP/round$round.err" &
		pid=$!
		# 0.05 to 1.5 s
		sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.3f", 0.05 + 1.45 * r / 32767 }')"
		if kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; then
			wait "$pid" 2>/dev/null
			rk=$((rk + 1))
			kills=$((kills + 1))
			continue
		fi
		wait "$pid"
		expect_code 0 $?
		break
	done
	# the clean rerun: finishes the crawl
	"$bin" crawl --out "$out" "${copts[@]}" 2>>"$MS_TMP/round$round.err"
	expect_code 0 $?
	"$bin" classify --out "$out" 2>>"$MS_TMP/round$round.err" &&
		"$bin" report --out "$out" 2>>"$MS_TMP/round$round.err"
	expect_code 0 $?
	snapshot "$out"
	echo "round $round: $rk kills, $(wc -l <"$out.pages") pages, $(wc -l <"$out.programs") programs"
	expect_eq "" "$(diff "$ref.pages" "$out.pages" | head -5)"
	expect_eq "" "$(diff "$ref.programs" "$out.programs" | head -5)"
	# refetches: at most one extra request per URL per kill
	requests "$l0" '$' >"$out.requests"
	extra=$(join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 "$MS_TMP/ref.requests" "$out.requests" |
		awk -F'\t' -v k="$rk" '$3 > $2 + k { print $1 " requested " $3 " times (reference " $2 ", kills " k ")" }')
	expect_eq "" "$(printf '%s' "$extra" | head -5)"
	w=$(warc_check "$out")
	expect_match "$w" '^ok [0-9]+$'
	expect_match "$(awk -v w="${w#ok }" -v p="$npages" 'BEGIN { print (w + 0 >= p) ? "ok" : "responses " w " < pages " p }')" '^ok$'
	expect_eq ok "$(ms_sql "$out/muniscan.db" "PRAGMA integrity_check")"
done
echo "$kills kills in $round rounds, $(($(date +%s) - start)) s"
expect_match "$(awk -v k="$kills" -v w="$kills_wanted" 'BEGIN { print (k >= w) ? "ok" : "only " k " kills" }')" '^ok$'
finish
