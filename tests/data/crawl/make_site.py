#!/usr/bin/env python3
"""make_site.py: writes the crawl tests' sample web and its nginx extras.

usage: make_site.py OUT_DIR PORT

OUT_DIR/sites/<host>/...    document roots (absolute links carry :PORT)
OUT_DIR/servers.tsv         host <TAB> root <TAB> extra nginx config (one line)
OUT_DIR/seeds.tsv           the seeds of the test governments

The web exercises what tests/e2e/crawl_basic.sh checks: a seed host that
redirects to the government's new host, robots.txt rules and a sitemap,
404/500/429 answers, a redirect chain longer than 5, an oversized page,
Shift_JIS/EUC-JP pages with and without a header charset and with a lying
meta tag, a PDF, an image, a calendar trap, an affiliated site one link
off-site, an unrelated site, a robots.txt answering 503, one redirecting
on its own host and a host whose robots.txt refuses everything.
"""
import os
import sys

out, port = sys.argv[1], sys.argv[2]
P = ":" + port
sites = os.path.join(out, "sites")
servers = []


def page(title, body_links, extra="", charset="utf-8"):
    links = "\n".join('<li><a href="%s">%s</a></li>' % (h, t) for h, t in body_links)
    meta = '<meta charset="%s">' % charset if charset else ""
    return ("<!DOCTYPE html>\n<html lang=\"ja\"><head>%s<title>%s</title></head>\n"
            "<body><main><h1>%s</h1>\n<ul>\n%s\n</ul>\n%s</main></body></html>\n"
            % (meta, title, title, links, extra))


def write(host, path, data, enc=None):
    full = os.path.join(sites, host, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    if isinstance(data, str):
        data = data.encode(enc or "utf-8")
    with open(full, "wb") as f:
        f.write(data)


def server(host, extra=""):
    servers.append((host, os.path.join(sites, host), extra.replace("\n", " ")))
    os.makedirs(os.path.join(sites, host), exist_ok=True)


A = "www.city.alpha.test"
AU = "http://" + A + P

# --- alpha: the main government site --------------------------------------
server("alpha-old.test", "location / { return 301 http://%s%s$request_uri; }" % (A, P))
server(A, " ".join([
    "gzip on; gzip_min_length 1;",
    "location = /err500.html { return 500; }",
    "location = /busy.html { add_header Retry-After 1 always; return 429; }",
    "location = /moved.html { return 302 /sangyo/index.html; }",
    " ".join("location = /r%d { return 302 /r%d; }" % (i, i + 1) for i in range(1, 9)),
    "location = /sjis-header.html { types { } default_type \"text/html; charset=Shift_JIS\"; }",
    "location = /euc-header.html { types { } default_type \"text/html; charset=EUC-JP\"; }",
    "location = /sjis-meta.html { types { } default_type \"text/html\"; }",
    "location = /lying-meta.html { types { } default_type \"text/html\"; }",
    "location = /euc-bare.html { types { } default_type \"text/html\"; }",
    "location = /data.bin { types { } default_type \"application/octet-stream\"; }",
    "location = /event/calendar.html { types { } default_type \"text/html\"; }",
]))
write(A, "robots.txt",
      "User-agent: *\nDisallow: /private/\n\n"
      "User-agent: muniscan\nDisallow: /private/\nDisallow: /members/\n\n"
      "Sitemap: %s/sitemap.xml\n" % AU)
write(A, "sitemap.xml",
      '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
      "<url><loc>%s/sangyo/from-sitemap.html</loc></url>\n"
      "<url><loc>http://www.unrelated.test%s/not-ours.html</loc></url>\n"
      "</urlset>\n" % (AU, P))
write(A, "index.html", page("アルファ市", [
    ("/sangyo/index.html", "産業・しごと"),
    ("/kanko/index.html", "観光"),
    ("/private/secret.html", "非公開"),
    ("/members/list.html", "会員"),
    ("/event/calendar.html", "イベントカレンダー"),
    ("/missing.html", "存在しないページ"),
    ("/err500.html", "エラー"),
    ("/busy.html", "混雑"),
    ("/moved.html", "移動したページ"),
    ("/r1", "転送の連鎖"),
    ("/big.html", "大きなページ"),
    ("/sjis-header.html", "シフトJIS(ヘッダー)"),
    ("/euc-header.html", "EUC-JP(ヘッダー)"),
    ("/sjis-meta.html", "シフトJIS(meta)"),
    ("/lying-meta.html", "嘘のmeta"),
    ("/euc-bare.html", "EUC-JP(宣言なし)"),
    ("/docs/chirashi.pdf", "チラシ(PDF)"),
    ("/img/photo.jpg", "写真"),
    ("/data.bin", "データ"),
    ("http://www.alpha-cci.test%s/" % P, "アルファ商工会議所"),
    ("http://www.unrelated.test%s/" % P, "関係のないリンク"),
    ("http://www.city.delta.test%s/other.html" % P, "デルタ市のページ"),
    ("mailto:info@alpha.test", "メール"),
]))
write(A, "sangyo/index.html", page("産業・しごと", [
    ("/sangyo/chusho.html", "中小企業専門家派遣事業"),
    ("/sangyo/rodo.html", "働き方改革支援"),
    ("/sangyo/d1.html", "深い階層"),
    ("/", "トップ"),
]))
write(A, "sangyo/chusho.html", page("中小企業専門家派遣事業", [("/sangyo/index.html", "戻る")],
                                    "<p>専門家を無料で派遣します。</p>"))
write(A, "sangyo/rodo.html", page("働き方改革支援", [("/sangyo/index.html", "戻る")]))
write(A, "sangyo/from-sitemap.html", page("サイトマップからのページ", []))
for d in range(1, 9):
    write(A, "sangyo/d%d.html" % d, page("階層%d" % d, [("/sangyo/d%d.html" % (d + 1), "次の階層")]))
write(A, "kanko/index.html", page("観光", [("/kanko/spot.html", "名所")]))
write(A, "kanko/spot.html", page("名所", []))
write(A, "private/secret.html", page("非公開", []))
write(A, "members/list.html", page("会員", []))
write(A, "event/calendar.html", page("イベントカレンダー", [
    ("/event/calendar.html?ym=2024%02d" % m, "2024年%d月" % m) for m in range(1, 31)]))
write(A, "big.html", page("大きなページ", [], "<p>" + "あ" * (700 * 1024) + "</p>"))
write(A, "docs/chirashi.pdf",
      b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
write(A, "img/photo.jpg", b"\xff\xd8\xff\xe0not really a jpeg")
write(A, "data.bin", b"\x00\x01\x02binary")
SJ = "中小企業の経営相談窓口（シフトJIS）"
write(A, "sjis-header.html", page(SJ, [], "<p>①髙橋</p>", charset=None), "cp932")
write(A, "euc-header.html", page("経営相談（EUC-JP）", [], "<p>専門家派遣</p>", charset=None), "euc_jp")
write(A, "sjis-meta.html", page("メタで宣言（シフトJIS）", [], "<p>相談窓口</p>", charset="Shift_JIS"), "cp932")
write(A, "euc-bare.html", page("宣言のないEUC-JPのページ", [],
      "<p>" + "中小企業の皆様を対象に、経営の専門家を無料で派遣し、販路開拓や事業承継の相談に応じます。" * 4 + "</p>",
      charset=None), "euc_jp")
write(A, "lying-meta.html", page("メタは嘘（実はUTF-8）", [], "<p>働き方改革</p>", charset="Shift_JIS"))

# --- the affiliated site, one hop off-site ---------------------------------
C = "www.alpha-cci.test"
server(C)
write(C, "index.html", page("アルファ商工会議所", [("/keiei.html", "経営相談")]))
write(C, "keiei.html", page("経営相談", []))

# --- a site nobody should fetch --------------------------------------------
server("www.unrelated.test")
write("www.unrelated.test", "index.html", page("関係のないサイト", []))

# --- beta: robots.txt answers 503 ----------------------------------------
B = "www.city.beta.test"
server(B, "location = /robots.txt { return 503; }")
write(B, "index.html", page("ベータ市", []))

# --- gamma: robots.txt refuses everything --------------------------------
G = "www.city.gamma.test"
server(G)
write(G, "robots.txt", "User-agent: *\nDisallow: /\n")
write(G, "index.html", page("ガンマ町", []))

# --- delta: a plain site for the politeness measurements ------------------
D = "www.city.delta.test"
server(D, "location = /robots.txt { return 301 /robots-real.txt; }")
write(D, "robots-real.txt", "User-agent: *\nDisallow: /p11.html\n")
write(D, "index.html", page("デルタ市", [("/p%02d.html" % i, "事業者支援 %d" % i) for i in range(12)]
                            + [("/other.html", "その他")]))
for i in range(12):
    write(D, "p%02d.html" % i, page("ページ%d" % i, [("/index.html", "トップ")]))
write(D, "other.html", page("その他", []))

with open(os.path.join(out, "servers.tsv"), "w") as f:
    for h, r, e in servers:
        f.write("%s\t%s\t%s\n" % (h, r, e))
with open(os.path.join(out, "seeds.tsv"), "w") as f:
    f.write("code\tname\tprefecture\tcategory\turl\tstart_urls\n")
    f.write("392014\tアルファ市\t山辺県\tcapital\thttp://alpha-old.test%s/\t\n" % P)
    f.write("394025\tベータ町\t山辺県\ttown\thttp://%s%s/\t\n" % (B, P))
    f.write("400009\tガンマ県\tガンマ県\tpref\thttp://%s%s/\t\n" % (G, P))
    f.write("401307\tデルタ市\tガンマ県\tcapital\thttp://%s%s/\t\n" % (D, P))
