#!/usr/bin/env python3
"""make_big_site.py: a deterministic multi-host web for the resume test and
the benchmark.

usage: make_big_site.py OUT_DIR PORT NHOSTS PAGES [LINKS]

Host i is www.city.h<i>.test with PAGES pages; page j links to LINKS other
pages of its host with anchors drawn from industry, labour and unrelated
words (so priorities differ), plus the top page.  Writes OUT_DIR/sites,
OUT_DIR/servers.tsv (host, root) and OUT_DIR/seeds.tsv (valid codes).
"""
import os
import sys

out, port, nhosts, pages = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
links = int(sys.argv[5]) if len(sys.argv) > 5 else 8
words = ["中小企業支援", "専門家派遣", "経営相談", "働き方改革", "産業振興", "観光案内",
         "子育て支援", "ごみの出し方", "選挙", "議会だより", "イベント", "お知らせ",
         "テレワーク導入", "健康", "防災", "事業者向け"]


def code(i):
    five = "%05d" % (10000 + i * 7)
    s = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2)))
    cd = (11 - s % 11) % 10
    return five + str(cd)


sites = os.path.join(out, "sites")
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "servers.tsv"), "w") as srv, \
        open(os.path.join(out, "seeds.tsv"), "w") as seeds:
    seeds.write("code\tname\tprefecture\tcategory\turl\tstart_urls\n")
    for i in range(nhosts):
        host = "www.city.h%03d.test" % i
        root = os.path.join(sites, host)
        os.makedirs(root, exist_ok=True)
        srv.write("%s\t%s\t\n" % (host, root))
        seeds.write("%s\t市%d\t県\tcity\thttp://%s:%s/\t\n" % (code(i), i, host, port))
        with open(os.path.join(root, "robots.txt"), "w") as f:
            f.write("User-agent: *\nDisallow: /private/\n")
        for j in range(pages):
            name = "index.html" if j == 0 else "p%04d.html" % j
            items = []
            for k in range(links):
                t = (j * 7 + k * 13 + i) % pages
                if t == 0:
                    continue
                w = words[(j * 3 + k * 5 + i) % len(words)]
                items.append('<li><a href="/p%04d.html">%s %d</a></li>' % (t, w, t))
            items.append('<li><a href="/">トップ</a></li>')
            with open(os.path.join(root, name), "w") as f:
                f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s %d</title>"
                        "</head><body><main><h1>ページ %d</h1><ul>%s</ul><p>%s</p></main>"
                        "</body></html>\n" % (host, j, j, "".join(items), "本文。" * 50))
