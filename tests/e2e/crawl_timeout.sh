#!/usr/bin/env bash
# crawl_timeout: what nginx cannot do, from a small python server: a request
# that never gets an answer, a body trickling in, a 503 that recovers after
# its Retry-After, a connection closed without an answer.  Timeouts and
# network errors are retried --retries times and then recorded.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"
command -v python3 >/dev/null || skip "python3 not installed"

ms_tmpdir
port=$(ms_free_port)
python3 "$src/tests/data/crawl/slow_server.py" "$port" "$MS_TMP/slow.log" &
spid=$!
ms_cleanup_extra() { kill "$spid" 2>/dev/null; }
for i in $(seq 1 50); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null && break
	sleep 0.1
done
host=www.city.slow.test
printf 'code\tname\tprefecture\tcategory\turl\n392014\t遅市\t山辺県\tcapital\thttp://%s:%s/\n' \
	"$host" "$port" >"$MS_TMP/seeds.tsv"
start=$(date +%s.%N)
"$bin" crawl --out "$MS_TMP/out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --timeout 1.5 \
	--retries 1 --no-progress --resolve "$host:$port:127.0.0.1" 2>"$MS_TMP/err"
expect_code 0 $?
end=$(date +%s.%N)
db="$MS_TMP/out/muniscan.db"
U="http://$host:$port"
state() { ms_sql "$db" "SELECT state || ' ' || coalesce(reason,'') || ' ' || coalesce(http_status,'') || ' ' || attempts FROM frontier WHERE url='$1'"; }
expect_match "$(state "$U/hang")" '^failed timeout  2$'
expect_match "$(state "$U/trickle")" '^failed timeout  2$'
expect_match "$(state "$U/flaky")" '^fetched  200 2$'
expect_match "$(state "$U/reset")" '^failed network:[a-z_]+  2$'
expect_match "$(state "$U/ok.html")" '^fetched  200 1$'
expect_eq "392014 partial" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities")"
# the 503's Retry-After: 1 was honoured
g=$(grep ' /flaky$' "$MS_TMP/slow.log" | awk 'NR==1{a=$1} NR==2{printf "%.2f", $1-a}')
expect_match "$(awk -v g="$g" 'BEGIN { print (g >= 0.95) ? "ok" : "short " g }')" '^ok$'
# the timeouts bound the crawl: 2 x (hang + trickle) at 1.5 s, plus gaps
el=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "crawl took $el s"
expect_match "$(awk -v e="$el" 'BEGIN { print (e < 15) ? "ok" : "slow " e }')" '^ok$'
finish
