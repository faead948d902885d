#!/usr/bin/env python3
"""Sanity check of the sample web: BFS from seeds.tsv over corpus/sites/ (URL path '/' -> index.html,
query ignored when finding the file, .headers sidecars honoured), then report depth of every gold URL
and pages never reached."""
import csv, os, re, sys, urllib.parse
ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
SITES = os.path.join(ROOT, "sites")

def local(url):
    u = urllib.parse.urlsplit(url)
    p = u.path or "/"
    if p.endswith("/"):
        p += "index.html"
    return os.path.join(SITES, u.hostname or "", p.lstrip("/"))

def headers(f):
    h = {}
    if os.path.exists(f + ".headers"):
        for line in open(f + ".headers", encoding="utf-8"):
            if ":" in line:
                k, v = line.split(":", 1)
                h[k.strip().lower()] = v.strip()
    return h

def decode(b):
    for enc in ("utf-8", "cp932", "euc-jp"):
        try:
            return b.decode(enc)
        except UnicodeDecodeError:
            pass
    return b.decode("latin-1")

seeds = [l.rstrip("\n").split("\t") for l in open(os.path.join(ROOT, "seeds.tsv"), encoding="utf-8") if not l.startswith("#")][1:]
depth = {}
queue = []
for s in seeds:
    queue.append((s[4], 0))
    for extra in (s[5].split() if len(s) > 5 else []):
        queue.append((extra, 0))
seen_files = set()
while queue:
    url, d = queue.pop(0)
    url = urllib.parse.urldefrag(url)[0]
    if url in depth or not url.startswith("http://") or ".test" not in urllib.parse.urlsplit(url).hostname:
        continue
    depth[url] = d
    f = local(url)
    if not os.path.exists(f):
        print("MISSING", url, file=sys.stderr); continue
    h = headers(f)
    st = h.get("status", "200")
    if st.startswith("3"):
        queue.insert(0, (urllib.parse.urljoin(url, h["location"]), d)); continue
    if st != "200":
        continue
    seen_files.add(os.path.relpath(f, SITES))
    if not f.endswith(".html"):
        continue
    for href in re.findall(r'href="([^"]+)"', decode(open(f, "rb").read())):
        href = href.replace("&amp;", "&")
        queue.append((urllib.parse.urljoin(url, href), d + 1))
gold = list(csv.DictReader(open(os.path.join(ROOT, "gold.csv"), encoding="utf-8")))
bad = 0
for g in gold:
    d = depth.get(g["url"])
    if d is None or d > 4:
        print("gold url too deep/unreached:", g["url"], d); bad += 1
allf = set()
for dp, dn, fn in os.walk(SITES):
    for n in fn:
        if n.endswith((".html", ".pdf")):
            allf.add(os.path.relpath(os.path.join(dp, n), SITES))
for f in sorted(allf - seen_files):
    print("never reached (200):", f)
print("urls visited %d, gold %d, gold problems %d, max gold depth %d" % (len(depth), len(gold), bad, max(depth.get(g["url"], 99) for g in gold)))
