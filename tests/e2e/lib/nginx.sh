# nginx.sh: a real web server on loopback for end-to-end tests.
#
#   . "$MUNISCAN_SRC/tests/e2e/lib/nginx.sh"
#   ms_web_setup                      # $MS_TMP, removed (with nginx stopped) at exit;
#                                     # $port free, $web=$MS_TMP/web
#   ms_nginx_server www.city.a.test "$root" 'location = /busy { return 429; }'
#   ms_nginx_start "$port"            # serves every server block added so far
#   ...  "$MUNISCAN_BIN" crawl ... $(ms_resolve_args)
#   ms_nginx_log                      # the access log, one request a line:
#                                     # "$msec $host $request_uri $status $bytes $request_time"
#                                     # ($msec is when the response ended)
#   ms_nginx_stop
#
#   ms_web_setup; ms_web_start GENERATOR.py [ARGS...]
#                                     # GENERATOR.py writes $MS_TMP/web (pages,
#                                     # servers.tsv: host, root, extra config)
#                                     # for PORT; every host is served
#
# nginx runs as the current user with a config generated in $MS_TMP/nginx
# (daemon off, in the background), listening on 127.0.0.1:PORT only; tests
# point muniscan at it with --resolve HOST:PORT:127.0.0.1 for every host.
# Exit 77 (skip) when nginx is not installed.

MS_NGINX_BIN=${MS_NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
MS_NGINX_SERVERS=""
MS_NGINX_HOSTS=""
MS_NGINX_PID=""
MS_NGINX_PORT=""

ms_tmpdir() {
	MS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/muniscan-e2e.XXXXXX")
	trap 'ms_nginx_stop; ms_cleanup_extra; rm -rf "$MS_TMP"' EXIT
}

# ms_cleanup_extra: tests may redefine it to stop their own helpers
ms_cleanup_extra() { :; }

ms_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ms_web_setup: ms_tmpdir, then sets port (a free loopback port) and web
# ($MS_TMP/web, where a test writes its sites or ms_web_start its generator's)
ms_web_setup() {
	ms_tmpdir
	port=$(ms_free_port)
	web="$MS_TMP/web"
}

# ms_nginx_server HOST ROOT [EXTRA_CONFIG]: one virtual host
ms_nginx_server() {
	local host=$1 root=$2 extra=${3:-}
	MS_NGINX_HOSTS="$MS_NGINX_HOSTS $host"
	MS_NGINX_SERVERS="$MS_NGINX_SERVERS
	server {
		listen 127.0.0.1:@PORT@;
		server_name $host;
		root $root;
		$extra
	}"
}

# ms_nginx_start PORT: writes the config and starts nginx; waits until it
# answers
ms_nginx_start() {
	local port=$1 dir="$MS_TMP/nginx" i
	[ -x "$MS_NGINX_BIN" ] || { echo "SKIP: nginx not installed"; exit 77; }
	MS_NGINX_PORT=$port
	mkdir -p "$dir/logs" "$dir/tmp"
	{
		echo "worker_processes 1;"
		[ "$(id -u)" = 0 ] && echo "user $(id -un) $(id -gn);"
		echo "daemon off;"
		echo "pid $dir/nginx.pid;"
		echo "error_log $dir/logs/error.log warn;"
		echo "events { worker_connections 1024; }"
		echo "http {"
		echo "  include /etc/nginx/mime.types;"
		echo "  default_type application/octet-stream;"
		echo "  log_format ms '\$msec \$host \$request_uri \$status \$body_bytes_sent \$request_time';"
		echo "  access_log $dir/logs/access.log ms;"
		echo "  client_body_temp_path $dir/tmp/body;"
		echo "  proxy_temp_path $dir/tmp/proxy;"
		echo "  fastcgi_temp_path $dir/tmp/fastcgi;"
		echo "  uwsgi_temp_path $dir/tmp/uwsgi;"
		echo "  scgi_temp_path $dir/tmp/scgi;"
		echo "  keepalive_requests 100000;"
		echo "  server_names_hash_bucket_size 128;"
		echo "  server_names_hash_max_size 4096;"
		echo "  server { listen 127.0.0.1:$port default_server; return 404; }"
		printf '%s\n' "$MS_NGINX_SERVERS" | sed "s/@PORT@/$port/g"
		echo "}"
	} >"$dir/nginx.conf"
	: >"$dir/logs/access.log"
	"$MS_NGINX_BIN" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" \
		>"$dir/logs/stdout.log" 2>&1 &
	MS_NGINX_PID=$!
	for i in $(seq 1 100); do
		if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); s.connect(('127.0.0.1',$port))" 2>/dev/null; then
			return 0
		fi
		kill -0 "$MS_NGINX_PID" 2>/dev/null || break
		sleep 0.05
	done
	echo "nginx did not start:" >&2
	cat "$dir/logs/error.log" "$dir/logs/stdout.log" >&2
	return 1
}

ms_web_start() { # GENERATOR [ARGS...]; uses $port
	local gen=$1 host root extra
	shift
	python3 "$gen" "$MS_TMP/web" "${port:?}" "$@" || return 1
	while IFS=$'\t' read -r host root extra; do
		ms_nginx_server "$host" "$root" "$extra"
	done <"$MS_TMP/web/servers.tsv"
	ms_nginx_start "$port"
}

ms_nginx_stop() {
	if [ -n "$MS_NGINX_PID" ]; then
		kill "$MS_NGINX_PID" 2>/dev/null
		wait "$MS_NGINX_PID" 2>/dev/null
		MS_NGINX_PID=""
	fi
}

ms_nginx_log() {
	cat "$MS_TMP/nginx/logs/access.log"
}

# ms_resolve_args: --resolve HOST:PORT:127.0.0.1 for every server added
ms_resolve_args() {
	local h
	for h in $MS_NGINX_HOSTS; do
		printf -- '--resolve %s:%s:127.0.0.1 ' "$h" "$MS_NGINX_PORT"
	done
}

# ms_min_gap LOG: per host, the smallest gap in seconds between the starts
# of two consecutive requests ($msec - $request_time), as "host gap" lines
# (hosts with one request omitted)
ms_min_gap() {
	awk '{ t[$2] = t[$2] " " sprintf("%.3f", $1 - $6) } END { for (h in t) print h, t[h] }' "$1" |
	while read -r host times; do
		printf '%s\n' $times | sort -n | awk -v h="$host" '
			NR > 1 { g = $1 - p; if (min == "" || g < min) min = g }
			{ p = $1 }
			END { if (min != "") printf "%s %.3f\n", h, min }'
	done
}

# ms_sql DB SQL: one query, rows tab-separated (NULL as empty); the sqlite3
# CLI when installed, else python's sqlite3
ms_sql() {
	if command -v sqlite3 >/dev/null; then
		sqlite3 -readonly -separator "$(printf '\t')" "$1" "$2"
		return
	fi
	python3 - "$1" "$2" <<'PY'
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for row in con.execute(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))
PY
}

# ms_page_text DB URL: the stored body of a page, decompressed
ms_page_text() {
	python3 - "$1" "$2" <<'PY'
import sqlite3, sys, zlib
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
row = con.execute("SELECT body FROM pages WHERE url=?", (sys.argv[2],)).fetchone()
if row:
    sys.stdout.buffer.write(zlib.decompress(row[0]))
PY
}
