#!/usr/bin/env python3
"""make_web: the hostile-content web of tests/e2e/faults_content.sh.

    python3 make_web.py OUT_DIR PORT

Writes OUT_DIR/sites/<host>/..., OUT_DIR/servers.tsv (host, root, extra
nginx config) and OUT_DIR/seeds.tsv.  Generated at test time: the big files
(a 100,000-link page, a 10 MB robots.txt) are not worth keeping in git.

Hosts (one seed each, so the faults are crawled in parallel):
  enc.faults.test     invalid UTF-8, Shift_JIS sent as UTF-8, a page half
                      Shift_JIS half UTF-8, NUL bytes, an unknown charset
                      name, UTF-16 without a BOM, a lying BOM
  links.faults.test   one page with 100,000 links (to pages of its own site)
  deep.faults.test    10,000 nested <div>s, 100,000 unclosed <b>s, a
                      10,000-deep nested table, each with a link at the bottom
  robots.faults.test  a robots.txt of 10 MB (its last line disallows /late/)
  loop.faults.test    /a -> /b -> /a, /self -> /self
"""
import os
import sys

out, port = sys.argv[1], sys.argv[2]
P = ":" + port
sites = os.path.join(out, "sites")
servers = []


def write(host, path, data):
    p = os.path.join(sites, host, path.lstrip("/"))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def page(title, body, charset="utf-8"):
    return ('<!DOCTYPE html><html><head><meta charset="%s"><title>%s</title></head>'
            '<body>%s</body></html>' % (charset, title, body))


# --- encodings
H = "enc.faults.test"
jp = "中小企業の経営相談窓口。専門家を無料で派遣します。"
enc_pages = {
    "bad-utf8.html": page("bad", "<p>" + jp + "</p>").encode() .replace("窓口".encode(), b"\xe7\xaa\xff\xc0\xaf\xed\xa0\x80"),
    "sjis-as-utf8.html": page("sjis", "<p>" + jp + "</p>").encode("cp932"),
    "mixed.html": page("mixed", "<p>" + jp + "</p>").encode("cp932") + ("<p>" + jp + "（UTF-8 後半）</p>").encode(),
    "nul.html": page("nul", "<p>" + jp + "</p>").encode().replace(b"<p>", b"<p>\x00\x00\x00"),
    "unknown-charset.html": page("unknown", "<p>" + jp + "</p>", "x-no-such-charset").encode(),
    "utf16-nobom.html": page("utf16", "<p>" + jp + "</p>").encode("utf-16-le"),
    "lying-bom.html": b"\xef\xbb\xbf" + page("bom", "<p>" + jp + "</p>").encode("euc-jp"),
    "truncated-char.html": page("cut", "<p>" + jp + "</p>").encode()[:-20] + "経".encode()[:2],
    "overlong.html": page("overlong", "<p>" + jp + "</p>").encode() + b"\xc0\xbc\xe0\x80\xbc\xf8\x88\x80\x80\x80\xf4\x90\x80\x80",
}
links = "".join('<li><a href="/%s">%s</a></li>' % (n, n) for n in enc_pages)
write(H, "/index.html", page("enc", "<ul>%s</ul>" % links))
for n, b in enc_pages.items():
    write(H, n, b)
servers.append((H, os.path.join(sites, H),
                "charset_types text/html; location ~ /(bad|sjis|mixed|nul|utf16|lying|truncated|overlong) { charset utf-8; }"))

# --- 100,000 links
H = "links.faults.test"
body = "<p>" + "".join("<a href=/p/%d>リンク</a> " % i for i in range(100000)) + "</p>"
write(H, "/index.html", page("links", body))
write(H, "/p/0.html", page("p0", "<p>" + jp + "</p>"))
servers.append((H, os.path.join(sites, H), "location /p/ { try_files $uri /p/0.html; }"))

# --- deep nesting
H = "deep.faults.test"
write(H, "/index.html", page("deep", '<a href="/div.html">div</a> <a href="/b.html">b</a> <a href="/table.html">table</a>'))
write(H, "/div.html", page("div", "<div>" * 10000 + '<a href="/bottom-div.html">bottom</a>' + "</div>" * 10000))
write(H, "/b.html", page("b", "<b>" * 100000 + '<a href="/bottom-b.html">bottom</a>'))
write(H, "/table.html", page("table", "<table><tr><td>" * 10000 + '<a href="/bottom-table.html">bottom</a>'))
for n in ("bottom-div", "bottom-b", "bottom-table"):
    write(H, "/%s.html" % n, page(n, "<p>" + jp + "</p>"))
servers.append((H, os.path.join(sites, H), ""))

# --- a robots.txt of 10 MB
H = "robots.faults.test"
lines = ["User-agent: *", "Disallow: /late/"]
n = 0
chunk = []
while n < 10 * 1024 * 1024:
    l = "Disallow: /nothing/%08d/\n" % len(chunk)
    chunk.append(l)
    n += len(l)
write(H, "/robots.txt", "User-agent: muniscan\n" + "".join(chunk) + "Disallow: /late/\n")
write(H, "/index.html", page("robots", '<a href="/late/x.html">late</a> <a href="/ok.html">ok</a>'))
write(H, "/ok.html", page("ok", "<p>" + jp + "</p>"))
write(H, "/late/x.html", page("late", "<p>late</p>"))
servers.append((H, os.path.join(sites, H), ""))

# --- redirect loops
H = "loop.faults.test"
write(H, "/index.html", page("loop", '<a href="/a">a</a> <a href="/self">self</a> <a href="/ok.html">ok</a>'))
write(H, "/ok.html", page("ok", "<p>" + jp + "</p>"))
servers.append((H, os.path.join(sites, H),
                "location = /a { return 302 /b; } location = /b { return 302 /a; } "
                "location = /self { return 301 /self; }"))

with open(os.path.join(out, "servers.tsv"), "w") as f:
    for s in servers:
        f.write("\t".join(s) + "\n")
with open(os.path.join(out, "seeds.tsv"), "w") as f:
    f.write("code\tname\tprefecture\tcategory\turl\n")
    for code, h in zip(("011002", "011029", "011045", "011061", "011088"),
                       ("enc", "links", "deep", "robots", "loop")):
        f.write("%s\t%s市\t試験県\tcity\thttp://%s.faults.test%s/\n" % (code, h, h, P))
