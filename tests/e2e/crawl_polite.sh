#!/usr/bin/env bash
# crawl_polite: politeness against hosts that ask for it or push back, as
# nginx's access log saw it:
#  - A: robots.txt says Crawl-delay: 1; every request after it (the very
#    next one included) keeps that gap, not --delay;
#  - B: robots.txt answers 429: the file is unavailable, not absent, so it
#    is asked again later (1 + 3 times) and no page is fetched;
#  - C: one page links to 40 other sites: only --max-offsite-hosts (5) of
#    them are reached, the rest are refused offsite_hosts; with a budget of
#    4 requests, their robots.txt requests use it up (and stay spent when the
#    crawl is resumed);
#  - D: every page answers 429: after 10 in a row the host is given up and
#    its other URLs are failed host_gave_up without a request.
# Every host is on 127.0.0.1; the off-site ones are not named by the seeds,
# hence --allow-private.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_web_setup
mkdir -p "$web/a" "$web/b" "$web/c" "$web/d" "$web/cci"
# A: Crawl-delay
printf 'User-agent: *\nCrawl-delay: 1\nAllow: /\n' >"$web/a/robots.txt"
echo '<html><body><a href="/p1.html">産業1</a><a href="/p2.html">産業2</a></body></html>' \
	>"$web/a/index.html"
echo '<html><body>1</body></html>' >"$web/a/p1.html"
echo '<html><body>2</body></html>' >"$web/a/p2.html"
ms_nginx_server www.city.a.test "$web/a"
# B: robots.txt 429
echo '<html><body>b</body></html>' >"$web/b/index.html"
ms_nginx_server www.town.b.test "$web/b" 'location = /robots.txt { return 429; }'
# C: 40 off-site links
{
	echo '<html><body>'
	for i in $(seq 1 40); do
		printf '<a href="http://cci%d.test:%s/">商工会議所%d</a>\n' "$i" "$port" "$i"
	done
	echo '</body></html>'
} >"$web/c/index.html"
printf 'User-agent: *\nAllow: /\n' >"$web/cci/robots.txt"
echo '<html><body>cci</body></html>' >"$web/cci/index.html"
ms_nginx_server www.city.c.test "$web/c"
for i in $(seq 1 40); do
	ms_nginx_server "cci$i.test" "$web/cci"
done
# D: 429 to every page
{
	echo '<html><body>'
	for i in $(seq 1 20); do
		printf '<a href="/p%d.html">産業%d</a>\n' "$i" "$i"
	done
	echo '</body></html>'
} >"$web/d/index.html"
ms_nginx_server www.city.d.test "$web/d" 'location ~ ^/p { return 429; }'
ms_nginx_start "$port" || exit 1
{
	printf 'code\tname\tprefecture\tcategory\turl\n'
	printf '392014\tA市\t山辺県\tcapital\thttp://www.city.a.test:%s/\n' "$port"
	printf '394025\tB町\t山辺県\ttown\thttp://www.town.b.test:%s/\n' "$port"
	printf '401307\tC市\t山辺県\tcity\thttp://www.city.c.test:%s/\n' "$port"
	printf '402028\tD市\t山辺県\tcity\thttp://www.city.d.test:%s/\n' "$port"
} >"$MS_TMP/seeds.tsv"
log="$MS_TMP/nginx/logs/access.log"
out="$MS_TMP/out"
# shellcheck disable=SC2046
"$bin" crawl --out "$out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --timeout 5 --retries 1 \
	--max-offsite-hosts 5 --no-progress --allow-private $(ms_resolve_args) 2>"$MS_TMP/err"
rc=$?
expect_code 0 "$rc"
[ "$rc" = 0 ] || cat "$MS_TMP/err" >&2
db="$out/muniscan.db"
state() { ms_sql "$db" "SELECT state || ' ' || coalesce(reason,'') FROM frontier WHERE url='$1'"; }
count() { ms_sql "$db" "SELECT count(*) FROM frontier WHERE $1"; }

# A: the gap after robots.txt and between pages is the Crawl-delay
starts=$(awk '$2 == "www.city.a.test" { printf "%.3f\n", $1 - $6 }' "$log" | sort -n)
expect_eq 4 "$(printf '%s\n' "$starts" | wc -l)"
mingap=$(printf '%s\n' "$starts" | awk 'NR > 1 { g = $1 - p; if (m == "" || g < m) m = g } { p = $1 } END { print m }')
expect_eq ok "$(awk -v g="$mingap" 'BEGIN { print (g >= 0.98) ? "ok" : "gap " g }')"
expect_eq "fetched " "$(state "http://www.city.a.test:$port/p2.html")"

# B: robots.txt 429 is asked again, never read as allow-all
expect_eq 4 "$(awk '$2 == "www.town.b.test" && $3 == "/robots.txt"' "$log" | wc -l)"
expect_eq 0 "$(awk '$2 == "www.town.b.test" && $3 != "/robots.txt"' "$log" | wc -l)"
expect_eq "refused robots_unavailable" "$(state "http://www.town.b.test:$port/")"

# C: 5 other sites (robots.txt and page each), the other 35 refused
expect_eq 5 "$(awk '$2 ~ /^cci[0-9]+\.test$/ { print $2 }' "$log" | sort -u | wc -l)"
expect_eq 10 "$(awk '$2 ~ /^cci[0-9]+\.test$/' "$log" | wc -l)"
expect_eq 35 "$(count "municipality_code='401307' AND state='refused' AND reason='offsite_hosts'")"
expect_eq 5 "$(count "municipality_code='401307' AND offsite=1 AND state='fetched'")"

# D: given up after 10 answers of 429 in a row
expect_eq 10 "$(awk '$2 == "www.city.d.test" && $4 == 429' "$log" | wc -l)"
expect_eq 5 "$(count "municipality_code='402028' AND state='failed' AND reason='http_429'")"
expect_eq 15 "$(count "municipality_code='402028' AND state='failed' AND reason='host_gave_up' AND http_status=429 AND attempts=0")"
"$bin" report --out "$out" --no-html 2>"$MS_TMP/report.err"
expect_code 0 $?
expect_eq 15 "$(grep -c ',402028,host_gave_up,429,0' "$out/failures.csv")"
expect_match "$(cat "$MS_TMP/err")" 'www.city.d.test: 10 answers of 429 or 503 in a row; giving the host up'

# C with a budget of 4 requests: the top page and 3 other sites' robots.txt,
# and no page of theirs; a resumed crawl knows the budget is spent
for round in 1 2; do
	: >"$log"
	# shellcheck disable=SC2046
	"$bin" crawl --out "$MS_TMP/out3" --seeds "$MS_TMP/seeds.tsv" --only 401307 --delay 0.05 \
		--timeout 5 --max-pages 4 --max-offsite-hosts 5 --no-progress --allow-private \
		$(ms_resolve_args) 2>"$MS_TMP/err3"
	expect_code 0 $?
	if [ "$round" = 1 ]; then
		expect_eq 3 "$(awk '$2 ~ /^cci[0-9]+\.test$/ && $3 == "/robots.txt"' "$log" | wc -l)"
		expect_eq 0 "$(awk '$2 ~ /^cci[0-9]+\.test$/ && $3 != "/robots.txt"' "$log" | wc -l)"
		expect_eq 3 "$(ms_sql "$MS_TMP/out3/muniscan.db" "SELECT sum(charged) FROM hosts WHERE municipality_code='401307'")"
	else
		expect_eq 0 "$(awk '$2 ~ /^cci[0-9]+\.test$/' "$log" | wc -l)"
	fi
done
finish
