#!/usr/bin/env bash
# crawl_ssrf: links and redirects that lead to loopback, to private or
# link-local addresses or to one-label hosts are refused as private_address
# without a request: by the host's name when it says so (127.0.0.1, [::1],
# intranet, *.internal), and by the address curl is about to connect to when
# a public-looking name resolves to one (evil.test -> 127.0.0.1 through
# --resolve).  A seed's redirect to such a host does not widen the
# government's scope.  The seeds' own hosts are reached although they are on
# 127.0.0.1 too; --allow-private reaches the rest.  Every name that looks
# private is also pointed at this nginx, so that even a crawler without the
# guard would only ever talk to 127.0.0.1.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_web_setup
mkdir -p "$web/a" "$web/other"
A="http://www.city.a.test:$port"
printf 'User-agent: *\nAllow: /\n' >"$web/a/robots.txt"
cp "$web/a/robots.txt" "$web/other/robots.txt"
cat >"$web/a/index.html" <<EOF
<html><head><title>A市</title></head><body><main>
<a href="http://127.0.0.1:$port/secret.html">支援センター（ループバック）</a>
<a href="http://[::1]:$port/">支援センター（IPv6）</a>
<a href="http://intranet:$port/">支援センター（イントラ）</a>
<a href="http://metadata.google.internal:$port/computeMetadata/v1/">支援センター（メタデータ）</a>
<a href="http://evil.test:$port/">支援センター（名前は公開）</a>
<a href="/go-inside">支援センター（転送）</a>
<a href="/go-literal">支援センター（転送2）</a>
<a href="/sangyo.html">産業</a>
</main></body></html>
EOF
echo '<html><body><p>産業振興</p></body></html>' >"$web/a/sangyo.html"
echo '<html><body><p>private</p></body></html>' >"$web/other/index.html"
ms_nginx_server www.city.a.test "$web/a" "
	location = /go-inside { return 302 http://inside.test:$port/; }
	location = /go-literal { return 302 http://127.0.0.2:$port/; }"
ms_nginx_server old.b.test "$web/other" "location = /robots.txt { }
	location / { return 301 http://new.b.test:$port/; }"
for h in evil.test inside.test new.b.test intranet metadata.google.internal; do
	ms_nginx_server "$h" "$web/other"
done
ms_nginx_start "$port" || exit 1
printf 'code\tname\tprefecture\tcategory\turl\n%s\n%s\n' \
	"392014	A市	山辺県	capital	$A/" \
	"394025	B町	山辺県	town	http://old.b.test:$port/" >"$MS_TMP/seeds.tsv"
log="$MS_TMP/nginx/logs/access.log"

out="$MS_TMP/out"
# shellcheck disable=SC2046
"$bin" crawl --out "$out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --timeout 5 --retries 0 \
	--no-progress $(ms_resolve_args) 2>"$MS_TMP/err"
rc=$?
expect_code 0 "$rc"
[ "$rc" = 0 ] || cat "$MS_TMP/err" >&2
db="$out/muniscan.db"
state() { ms_sql "$db" "SELECT state || ' ' || coalesce(reason,'') FROM frontier WHERE url='$1'"; }

# the seed's own hosts are fetched, though they are on 127.0.0.1 too
expect_eq "fetched " "$(state "$A/")"
expect_eq "fetched " "$(state "$A/sangyo.html")"
expect_eq "skipped redirect" "$(state "http://old.b.test:$port/")"
# private by name: refused without a request
expect_eq "refused private_address" "$(state "http://127.0.0.1:$port/secret.html")"
expect_eq "refused private_address" "$(state "http://[::1]:$port/")"
expect_eq "refused private_address" "$(state "http://intranet:$port/")"
expect_eq "refused private_address" "$(state "http://metadata.google.internal:$port/computeMetadata/v1/")"
expect_eq "refused private_address" "$(state "http://127.0.0.2:$port/")"
# private by address: curl's connection was refused before it was opened
expect_eq "refused private_address" "$(state "http://evil.test:$port/")"
expect_eq "refused private_address" "$(state "http://inside.test:$port/")"
expect_eq "refused private_address" "$(state "http://new.b.test:$port/")"
for h in 127.0.0.1 127.0.0.2 evil.test inside.test new.b.test intranet metadata.google.internal; do
	expect_eq "0 $h" "$(awk -v h="$h" '$2 == h' "$log" | wc -l) $h"
done
# the seed's redirect did not move government B to the private host
expect_eq "old.b.test" "$(ms_sql "$db" "SELECT group_concat(host, ' ') FROM crawl_scope WHERE municipality_code='394025'")"
expect_eq "394025 unreachable" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities WHERE code='394025'")"
# failures.csv names them
"$bin" report --out "$out" --no-html 2>"$MS_TMP/report.err"
expect_code 0 $?
expect_eq 8 "$(grep -c ',private_address,' "$out/failures.csv")"
expect_match "$(grep 'evil.test' "$out/failures.csv")" '^http://evil.test:[0-9]+/,392014,private_address,,0'
expect_match "$(cat "$MS_TMP/err")" 'evil.test: resolves to the private address 127.0.0.1'

# --allow-private: the same links are followed
: >"$log"
out2="$MS_TMP/out2"
# shellcheck disable=SC2046
"$bin" crawl --out "$out2" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --timeout 5 --retries 0 \
	--no-progress --allow-private $(ms_resolve_args) 2>"$MS_TMP/err2"
expect_code 0 $?
db="$out2/muniscan.db"
expect_eq "fetched " "$(state "http://evil.test:$port/")"
expect_eq "fetched " "$(state "http://inside.test:$port/")"
expect_eq "fetched " "$(state "http://new.b.test:$port/")"
expect_match "$(ms_sql "$db" "SELECT group_concat(host, ' ') FROM crawl_scope WHERE municipality_code='394025'")" 'new.b.test'
expect_eq 1 "$(awk '$2 == "evil.test" && $3 == "/"' "$log" | wc -l)"
finish
