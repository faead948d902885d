#!/usr/bin/env python3
"""slow_server.py: the behaviours nginx cannot show, for crawl_timeout.sh.

usage: slow_server.py PORT LOGFILE

/            a page linking to the others
/robots.txt  404 (allow all)
/hang        accepts the request and never answers
/trickle     answers 200, then one byte every 0.3 s
/flaky       503 with Retry-After: 1 the first time, then a page
/reset       closes the connection without an answer
/ok.html     a page
Each request is logged as "<time> <path>" to LOGFILE.
"""
import http.server
import socketserver
import sys
import threading
import time

port, logfile = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
seen = {}

PAGE = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>遅いサーバー</title></head>'
        '<body><main><ul><li><a href="/hang">応答なし</a></li><li><a href="/trickle">少しずつ</a></li>'
        '<li><a href="/flaky">混雑</a></li><li><a href="/reset">切断</a></li>'
        '<li><a href="/ok.html">事業者支援</a></li></ul></main></body></html>').encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def page(self, body, status=200, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with lock:
            with open(logfile, "a") as f:
                f.write("%.3f %s\n" % (time.time(), self.path))
            seen[self.path] = seen.get(self.path, 0) + 1
            n = seen[self.path]
        if self.path == "/":
            self.page(PAGE)
        elif self.path == "/robots.txt":
            self.page(b"not found", 404)
        elif self.path == "/hang":
            time.sleep(30)
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
        elif self.path == "/flaky":
            if n == 1:
                self.page(b"busy", 503, [("Retry-After", "1")])
            else:
                self.page(PAGE.replace("遅いサーバー".encode(), "復旧".encode()))
        elif self.path == "/reset":
            self.close_connection = True
            self.connection.close()
        else:
            self.page(b"<html><body>ok</body></html>")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


Server(("127.0.0.1", port), Handler).serve_forever()
