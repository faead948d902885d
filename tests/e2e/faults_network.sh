#!/usr/bin/env bash
# faults_network: `muniscan run` against tests/e2e/lib/faultserver.py on
# loopback, one seed host per fault (the host's first label names it): a
# connection reset mid-body, a server that never answers, an endless chunked
# body, a gzip bomb (1 MB inflating to 1 GiB), a 1 GB Content-Length that
# stalls and one that closes, an endless redirect chain, endless headers, a
# body trickling one byte a second and a reply that is not HTTP.
# Each time: the run finishes (exit 0, under `timeout`), every fault page
# is recorded with its reason (frontier and failures.csv), the good page
# next to it is fetched, and the max RSS stays under 300 MB (not measured
# under ASan, whose shadow memory dwarfs it).
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_tmpdir
fs_pid=""
ms_cleanup_extra() { [ -n "$fs_pid" ] && kill "$fs_pid" 2>/dev/null; }

asan=0
if [ -n "${MUNISCAN_ASAN:-}" ] || grep -aq __asan_init "$bin"; then asan=1; fi

# the server, bounded to 90 s whatever happens
mkfifo "$MS_TMP/port.fifo"
python3 "$src/tests/e2e/lib/faultserver.py" --max-seconds 90 --log "$MS_TMP/requests.log" \
	>"$MS_TMP/port.fifo" 2>"$MS_TMP/faultserver.err" &
fs_pid=$!
read -r -t 30 port <"$MS_TMP/port.fifo" || { cat "$MS_TMP/faultserver.err" >&2; echo "faultserver did not start" >&2; exit 1; }

faults="reset hang chunked gzipbomb bigcl bigclclose redir headers trickle garbage"
codes=(011002 011029 011045 011061 011088 011100 011126 011142 011169 011185)
resolve=()
{
	printf 'code\tname\tprefecture\tcategory\turl\n'
	i=0
	for f in $faults; do
		printf '%s\t障害%s市\t試験県\tcity\thttp://%s.fault.test:%s/\n' "${codes[$i]}" "$f" "$f" "$port"
		resolve+=(--resolve "$f.fault.test:$port:127.0.0.1")
		i=$((i + 1))
	done
} >"$MS_TMP/seeds.tsv"

out="$MS_TMP/out"
start=$(date +%s.%N)
/usr/bin/time -f %M -o "$MS_TMP/rss" timeout -k 5 120 \
	"$bin" run --out "$out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --timeout 2 \
	--retries 1 --threads 1 "${resolve[@]}" 2>"$MS_TMP/run.err"
rc=$?
end=$(date +%s.%N)
expect_code 0 "$rc"
[ "$rc" = 0 ] || tail -20 "$MS_TMP/run.err" >&2
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
rss=$(tail -1 "$MS_TMP/rss")
echo "run took $secs s, max RSS $rss KB"
if [ "$asan" = 0 ]; then
	expect_match "$(awk -v r="$rss" 'BEGIN { print (r + 0 < 300 * 1024) ? "ok" : "rss " r " KB" }')" '^ok$'
else
	echo "ASan build: memory not asserted"
fi
# no hang: the slowest fault costs 2 tries of --timeout 2
expect_match "$(awk -v s="$secs" 'BEGIN { print (s < 60) ? "ok" : "slow " s }')" '^ok$'

db="$out/muniscan.db"
# one dump of the frontier (with the page, if any) and of failures.csv:
# url state reason http_status attempts truncated body_len failures_reason
python3 - "$db" "$out/failures.csv" >"$MS_TMP/rows.tsv" <<'PY'
import csv, os, sqlite3, sys
fails = {}
if os.path.exists(sys.argv[2]):
    with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            fails[row["url"]] = row["reason"]
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for r in con.execute("SELECT f.url, f.state, f.reason, f.http_status, f.attempts, p.truncated, p.body_len"
                     " FROM frontier f LEFT JOIN pages p ON p.url = f.url"):
    print("\t".join("" if v is None else str(v) for v in r) + "\t" + fails.get(r[0], "-"))
PY
row() { awk -F'\t' -v u="$1" '$1 == u { print; exit }' "$MS_TMP/rows.tsv"; }
state() { # fault -> "state reason status attempts"
	row "http://$1.fault.test:$port/$1.html" | awk -F'\t' '{ print $2, $3, $4, $5 }'
}
fail_reason() { # fault -> the reason column of failures.csv
	row "http://$1.fault.test:$port/$1.html" | cut -f8
}

for f in $faults; do
	echo "$f: $(state "$f")"
	# the good page beside each fault was fetched: one fault spoils nothing else
	expect_eq "fetched" "$(row "http://$f.fault.test:$port/ok.html" | cut -f2)"
done
# network faults: failed after 1 + 1 tries, with a network reason
# (a slow sanitizer build may still be reading when the reset comes late
# enough to meet the request timeout instead)
expect_match "$(state reset)" '^failed (network:(recv|partial)|timeout)  2$'
expect_match "$(fail_reason reset)" '^(network:(recv|partial)|timeout)$'
expect_match "$(state hang)" '^failed timeout  2$'
expect_eq "timeout" "$(fail_reason hang)"
expect_match "$(state bigcl)" '^failed timeout  2$'
expect_eq "timeout" "$(fail_reason bigcl)"
# the close after 4 KB is a partial body; a sanitizer build beside another
# heavy test has been seen to reach the 2 s request timeout first
if [ "$asan" = 0 ]; then
	expect_match "$(state bigclclose)" '^failed network:partial  2$'
	expect_eq "network:partial" "$(fail_reason bigclclose)"
else
	expect_match "$(state bigclclose)" '^failed (network:partial|timeout)  2$'
fi
expect_match "$(state trickle)" '^failed timeout  2$'
expect_eq "timeout" "$(fail_reason trickle)"
expect_match "$(state garbage)" '^failed network:(bad_reply|not_http)  2$'
expect_match "$(fail_reason garbage)" '^network:'
expect_match "$(state headers)" '^failed (network:header_too_large|timeout)'
expect_match "$(fail_reason headers)" '^(network:|timeout)'
# endless bodies: kept up to the cap (5 MiB) and marked truncated (a slow
# first try may time out on a loaded machine: one retry allowed); body_len
# is the UTF-8 after decoding, so a character cut at the cap may add 2 bytes;
# failures.csv lists them as not read whole by classify (the endless page
# cut by a work cap of extraction, the bomb's zeros no text at all)
expect_match "$(fail_reason chunked)" '^partly_read:'
expect_eq "not_read" "$(fail_reason gzipbomb)"
for f in chunked gzipbomb; do
	expect_match "$(state "$f")" '^fetched truncated 200 [12]$'
	expect_match "$(row "http://$f.fault.test:$port/$f.html" | awk -F'\t' '{ print $6, ($7 > 5000000 && $7 <= 5242880 + 3) ? "capped" : "len " $7 }')" '^1 capped$'
done
# the endless redirect chain stops after 5 hops
expect_eq "failed too_many_redirects 302 1" "$(awk -F'\t' -v p="http://redir.fault.test:$port/redir/" 'index($1, p) == 1 && $2 == "failed" { print $2, $3, $4, $5 }' "$MS_TMP/rows.tsv")"
expect_eq 0 "$(grep -c '^redir.fault.test /redir/[7-9]' "$MS_TMP/requests.log")"
# the report was written and the database is sound
expect_file "$out/failures.csv"
expect_file "$out/municipalities.csv"
expect_eq ok "$(ms_sql "$db" "PRAGMA integrity_check")"
expect_eq "done" "$(ms_sql "$db" "SELECT status FROM runs ORDER BY id DESC LIMIT 1")"
# the WARC reads back whole
expect_match "$(python3 -c "
import gzip, sys
n = 0
with gzip.open(sys.argv[1], 'rb') as f:
    for line in f:
        if line.startswith(b'WARC-Type: response'): n += 1
print('responses', n)" "$out/crawl.warc.gz" 2>&1)" '^responses [0-9]+$'
# every error line is one line naming a URL
expect_no_match "$(grep -i 'error:' "$MS_TMP/run.err" | grep -v 'http://' || true)" '.'
finish
