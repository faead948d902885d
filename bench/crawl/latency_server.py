#!/usr/bin/env python3
"""latency_server.py: serves a make_big_site.py web with a fixed delay per
response, for bench/crawl/run.sh's latency case.

usage: latency_server.py PORT SITES_DIR SECONDS LOGFILE
Virtual hosts by the Host header (port stripped); LOGFILE gets nginx-like
lines "$msec $host $uri $status $bytes $request_time".
"""
import http.server
import os
import socketserver
import sys
import time

port, root, delay, logfile = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
log = open(logfile, "a", buffering=1)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        t0 = time.time()
        host = (self.headers.get("Host") or "").split(":")[0]
        path = self.path.split("?")[0]
        if path.startswith("http://"):
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
        if path.endswith("/"):
            path += "index.html"
        f = os.path.normpath(os.path.join(root, host, path.lstrip("/")))
        time.sleep(delay)
        if f.startswith(os.path.normpath(root)) and os.path.isfile(f):
            body, status = open(f, "rb").read(), 200
        else:
            body, status = b"not found", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if f.endswith(".txt") else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        t1 = time.time()
        log.write("%.3f %s %s %d %d %.3f\n" % (t1, host, self.path, status, len(body), t1 - t0))


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 512


Server(("127.0.0.1", port), Handler).serve_forever()
