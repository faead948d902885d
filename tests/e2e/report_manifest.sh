#!/usr/bin/env bash
# manifest.json records each run's status: a finished `run` says "done"
# with its end time; a run still going (report written beside it) says
# "running" with no end; a run stopped by SIGINT says "interrupted"; one
# killed outright stays "running" (nothing could record its end) until the
# next run on the folder marks it interrupted.  The slow runs fetch the
# sample web from nginx (one request a second per host).
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"
command -v python3 >/dev/null || skip "python3 not installed"

ms_tmpdir
tmp=$MS_TMP
pid=
ms_cleanup_extra() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; return 0; }
port=$(ms_free_port)
for d in "$src"/corpus/sites/*/; do
  ms_nginx_server "$(basename "$d")" "${d%/}" ""
done
ms_nginx_start "$port" || exit 1
slow=(--seeds "$src/corpus/seeds.tsv" --proxy "http://127.0.0.1:$port" --delay 1 --no-progress)

# last_run DIR -> "status ended_at" of the last run, then the top-level ended_at
last_run() { python3 - "$1/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
r = m["runs"][-1]
print(r["command"], r["status"], "end" if r["ended_at"] else "noend",
      "top-end" if m["ended_at"] else "top-noend")
PY
}

# a finished run
"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$src/corpus/sites" \
  --delay 0 --only 392014 --out "$tmp/done" 2>"$tmp/err"
expect_code 0 $?
expect_eq "run done end top-end" "$(last_run "$tmp/done")"

# a run still crawling: report beside it, then SIGINT
"$bin" -q run "${slow[@]}" --out "$tmp/slow" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/slow/muniscan.db" ] && "$bin" -q report --no-html --out "$tmp/slow" 2>/dev/null && break
  sleep 0.1
done
expect_eq "run running noend top-noend" "$(last_run "$tmp/slow")"
kill -INT "$pid"
wait "$pid"
expect_code 1 $?
pid=
"$bin" -q report --no-html --out "$tmp/slow" 2>"$tmp/err"
expect_code 0 $?
expect_eq "run interrupted end top-end" "$(last_run "$tmp/slow")"

# a run killed outright stays running: nothing recorded its end
"$bin" -q run "${slow[@]}" --out "$tmp/killed" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
  [ -s "$tmp/killed/muniscan.db" ] && sleep 0.5 && break
  sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
pid=
"$bin" -q report --no-html --out "$tmp/killed" 2>"$tmp/err"
expect_code 0 $?
expect_eq "run running noend top-noend" "$(last_run "$tmp/killed")"
# resuming marks it interrupted and records the new run as done
"$bin" -q run --seeds "$src/corpus/seeds.tsv" --proxy "http://127.0.0.1:$port" \
  --delay 0 --only 392014 --no-progress --out "$tmp/killed" 2>"$tmp/err"
expect_code 0 $?
expect_eq "run done end top-end" "$(last_run "$tmp/killed")"
status=$(python3 -c 'import json,sys; print(" ".join(r["status"] for r in json.load(open(sys.argv[1]))["runs"]))' "$tmp/killed/manifest.json")
expect_eq "interrupted done" "$status"
finish
