#!/usr/bin/env python3
"""faultserver: a small HTTP server on loopback for the behaviours nginx
cannot produce (tests/e2e/faults_*.sh).

    python3 faultserver.py [--max-seconds N] [--log FILE]

Listens on 127.0.0.1, port 0 (the kernel picks one), prints the port on the
first line of stdout and serves until --max-seconds have passed (default
120), then exits whatever the clients are doing: a test can never hang on it.
Threaded: one thread per connection, daemon threads.  Each request is
appended to --log as "HOST PATH" (one line), so a test can count requests.

Paths (any Host; the host's first label names the fault, see "/"):
  /                    an index page linking to /<first label of Host>.html
                       and to /ok.html
  /robots.txt          404 (everything allowed)
  /ok.html             a small good page
  /reset.html          200, Content-Length 200000, 4 KB of HTML, then a TCP
                       reset (SO_LINGER 0) in the middle of the body
  /hang.html           reads the request and never answers
  /chunked.html        chunked body that never ends (60 KB chunks)
  /gzipbomb.html       Content-Encoding: gzip; 1 MB on the wire inflating to
                       1 GiB of zeros after an HTML start
  /bigcl.html          Content-Length: 1073741824, 4 KB, then stalls
  /bigclclose.html     Content-Length: 1073741824, 4 KB, then closes
  /redir.html          302 to /redir/1, /redir/N to /redir/N+1 forever
  /headers.html        200 then header lines forever
  /trickle.html        200, one byte of body per second
  /garbage.html        a reply that is not HTTP
"""
import argparse
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import zlib

STOP = threading.Event()
LOG_LOCK = threading.Lock()
LOG_PATH = None
BOMB = b""


def gzip_bomb(total=1 << 30, block=1 << 20):
    """A gzip member of HTML then `total` zero bytes.  The zeros are
    compressed once per 1 MiB block after a full flush, so every block
    after the first compresses to the same bytes and is repeated rather
    than recomputed; the CRC is computed for real."""
    head = b"<!DOCTYPE html><html><head><meta charset=utf-8><title>bomb</title></head><body><p>"
    zeros = bytes(block)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"]
    out.append(c.compress(head) + c.flush(zlib.Z_FULL_FLUSH))
    seg = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    seg2 = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    assert seg == seg2
    n = total // block
    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(zeros, crc)
    out.append(seg * n)
    out.append(c.flush(zlib.Z_FINISH))
    out.append(struct.pack("<II", crc & 0xFFFFFFFF, (len(head) + n * block) & 0xFFFFFFFF))
    return b"".join(out)


def log(host, path):
    if LOG_PATH is None:
        return
    with LOG_LOCK, open(LOG_PATH, "a") as f:
        f.write("%s %s\n" % (host, path))


class Handler(socketserver.BaseRequestHandler):
    def setup(self):
        self.request.settimeout(5)

    def send(self, data):
        try:
            self.request.sendall(data)
            return True
        except OSError:
            return False

    def wait(self, seconds):
        """sleep up to `seconds`, returning early when the server stops or
        the client goes away"""
        end = time.monotonic() + seconds
        self.request.settimeout(0.1)
        while time.monotonic() < end and not STOP.is_set():
            try:
                if self.request.recv(4096) == b"":
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def reply(self, status, body, ctype="text/html; charset=utf-8", extra=""):
        head = "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n" % (
            status, ctype, len(body), extra)
        self.send(head.encode() + body)

    def handle(self):
        buf = b""
        while True:  # keep-alive: one request after another
            try:
                while b"\r\n\r\n" not in buf:
                    chunk = self.request.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                    if len(buf) > 1 << 20:
                        return
            except OSError:
                return
            head, buf = buf.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            path = parts[1] if len(parts) > 1 else "/"
            host = ""
            for l in lines[1:]:
                if l.lower().startswith("host:"):
                    host = l[5:].strip().split(":")[0]
            log(host, path)
            if not self.serve(host, path):
                return

    def serve(self, host, path):
        """answers one request; False closes the connection"""
        label = host.split(".")[0] if host else "ok"
        if path == "/":
            body = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head>'
                    '<body><h1>%s</h1><ul><li><a href="/%s.html">fault</a></li>'
                    '<li><a href="/ok.html">ok</a></li></ul></body></html>' % (label, label, label))
            self.reply("200 OK", body.encode())
            return True
        if path == "/robots.txt":
            self.reply("404 Not Found", b"no robots", "text/plain")
            return True
        if path == "/ok.html":
            self.reply("200 OK", "<!DOCTYPE html><html><head><meta charset=utf-8><title>ok</title>"
                       "</head><body><p>経営相談窓口</p></body></html>".encode())
            return True
        if path == "/reset.html":
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200000\r\n\r\n"
                      + b"<html><body>" + b"x" * 4096)
            time.sleep(0.05)
            self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.request.close()
            return False
        if path == "/hang.html":
            self.wait(3600)
            return False
        if path == "/chunked.html":
            if not self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n"):
                return False
            chunk = ("<p>endless body 終わらない本文 %s</p>\n" % ("x" * 20)).encode() * 1024
            frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
            sent = 0
            while not STOP.is_set() and sent < (4 << 30):
                if not self.send(frame):
                    return False
                sent += len(chunk)
            return False
        if path == "/gzipbomb.html":
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                      b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(BOMB))
            self.send(BOMB)
            return True
        if path in ("/bigcl.html", "/bigclclose.html"):
            self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                      b"Content-Length: 1073741824\r\n\r\n<html><body>" + b"z" * 4096)
            if path == "/bigcl.html":
                self.wait(3600)
            return False
        if path == "/redir.html" or path.startswith("/redir/"):
            n = int(path.rsplit("/", 1)[1]) + 1 if path.startswith("/redir/") else 1
            self.reply("302 Found", b"", extra="Location: /redir/%d\r\n" % n)
            return True
        if path == "/headers.html":
            if not self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"):
                return False
            i = 0
            while not STOP.is_set() and i < 10000000:
                if not self.send(b"X-Filler-%d: %s\r\n" % (i, b"h" * 100)):
                    return False
                i += 1
            return False
        if path == "/trickle.html":
            if not self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                             b"Content-Length: 100000\r\n\r\n"):
                return False
            for _ in range(3600):
                if STOP.is_set() or not self.send(b"t"):
                    return False
                self.wait(1)
            return False
        if path == "/garbage.html":
            self.send(b"\x00\xffSPDY?\r\n\r\nnot http at all" * 10)
            return False
        self.reply("404 Not Found", b"not found")
        return True


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main():
    global LOG_PATH
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-seconds", type=float, default=120)
    ap.add_argument("--log")
    a = ap.parse_args()
    global BOMB
    LOG_PATH = a.log
    BOMB = gzip_bomb()  # before the port is printed: no request waits for it
    srv = Server(("127.0.0.1", 0), Handler)
    print(srv.server_address[1], flush=True)

    def stopper():
        STOP.wait(a.max_seconds)
        STOP.set()
        srv.shutdown()

    threading.Thread(target=stopper, daemon=True).start()
    try:
        srv.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    STOP.set()
    srv.server_close()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
