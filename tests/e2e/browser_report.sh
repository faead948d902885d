#!/bin/bash
# report.html in headless Chromium, from disk: the page renders without
# script errors, shows the right counts, applies a filter given in the URL
# hash, keeps the data's markup as text, shows the government x type
# table, the 47 prefectures, a government's failures (#failures=CODE) and
# the `muniscan show` command of each program's archived copy, and a
# screenshot is saved
# ($MUNISCAN_BUILD/browser_report.png, to look at).  Skips without chromium.
set -u
BIN=${MUNISCAN_BIN:?}
D=${MUNISCAN_TESTDATA:?}/report
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$CHROME" ] || { echo "chromium not installed"; exit 77; }
command -v sqlite3 > /dev/null || { echo "sqlite3 shell not installed"; exit 77; }
command -v python3 > /dev/null || { echo "python3 not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
OUT=${MUNISCAN_BUILD:-$T}

mkdir "$T/run"
sqlite3 "$T/run/muniscan.db" < "$D/schema-v1.sql" || fail "schema"
sqlite3 "$T/run/muniscan.db" < "$D/data.sql" || fail "data"
# the classifier's evidence items (store migration 4): byte spans of the
# matched words in each passage; program 7's passage is hostile markup
sqlite3 "$T/run/muniscan.db" <<'SQL' || fail "evidence"
CREATE TABLE evidence(program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, criterion TEXT NOT NULL, rule TEXT NOT NULL, passage TEXT NOT NULL,
  hit_start INTEGER NOT NULL, hit_end INTEGER NOT NULL, PRIMARY KEY (program_id, seq));
INSERT INTO evidence VALUES
 (5, 0, 'expert_dispatch', 'type_ed_haken', '専門家を派遣します、最大5回', 0, 18),
 (1, 0, 'consultation_desk', 'type_cd_madoguchi', '働き方改革に関する相談窓口を設置', 27, 39),
 (1, 1, 'cost', 'cost_free', '相談は無料です', 9, 15),
 (7, 0, 'workstyle_reform', 'x', '<img src=x onerror=alert(1)>', 0, 4),
 (6, 0, 'nonsense_criterion', 'x', 'ignored', 0, 3);
SQL
"$BIN" report --out "$T/run" 2> "$T/err" || fail "report: $(cat "$T/err")"

browse() { # URL, extra options...: prints the DOM after scripts ran
	local url=$1
	shift
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/profile.XXXX")" --virtual-time-budget=5000 \
		"$@" "$url" 2>> "$T/chrome.log"
}
attr() { # DOM file, attribute of <body>
	grep -o "<body[^>]*" "$1" | grep -o " $2=\"[^\"]*\"" | sed 's/.*="\(.*\)"/\1/'
}

URL="file://$T/run/report.html"
browse "$URL" --dump-dom > "$T/all.html" || fail "chromium failed: $(tail -5 "$T/chrome.log")"
[ "$(attr "$T/all.html" data-ready)" = 1 ] || fail "page script did not finish: $(grep -o '<div id="errors"[^<]*<' "$T/all.html")"
[ "$(attr "$T/all.html" data-errors)" = 0 ] || fail "script errors: $(grep -o '<div id="errors"[^<]*' "$T/all.html")"
[ "$(attr "$T/all.html" data-total)" = 7 ] || fail "total programs: $(attr "$T/all.html" data-total)"
[ "$(attr "$T/all.html" data-shown)" = 7 ] || fail "shown programs: $(attr "$T/all.html" data-shown)"
[ "$(attr "$T/all.html" data-governments)" = 5 ] || fail "governments"
grep -q '<title>muniscan report: 7 / 7 programs</title>' "$T/all.html" || fail "title"
# data stays text: the hostile program title is escaped, never markup
grep -q '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;' "$T/all.html" || fail "title not shown as text"
grep -q '<img src="x"' "$T/all.html" && fail "evidence became markup"
# the words each rule matched are marked, naming the rule; other text is not
grep -q '<mark title="rule type_ed_haken">専門家を派遣</mark>します、最大5回' "$T/all.html" || fail "matched words not marked"
grep -q '<mark title="rule cost_free">無料</mark>' "$T/all.html" || fail "無料 not marked"
grep -q '<mark title="rule type_cd_madoguchi">相談窓口</mark>' "$T/all.html" || fail "相談窓口 not marked"
grep -q '<mark title="rule x">&lt;img</mark>' "$T/all.html" || fail "hostile passage not kept as text"
grep -q 'ignored' "$T/all.html" && fail "an unknown criterion was shown"
# a criterion with no item says its value rests on no cue found
grep -q '<div class="none"><b>continuity: </b>unknown — no cue for it in the program' "$T/all.html" || fail "no note on a criterion without evidence"
[ "$(grep -o '<div class="none">' "$T/all.html" | wc -l)" -ge 3 ] || fail "notes on criteria without evidence"
# a row without items (a reviewer's) shows its cell as written, unmarked
grep -q '<b>情報セキュリティ: </b>情報セキュリティ対策' "$T/all.html" || fail "evidence cell of a row without items"
# Japanese text is there
grep -q '千代田区' "$T/all.html" || fail "Japanese text missing"
# the government x type table: a yes cell links to that government's
# programs of that type; best riss_fit per government; the chart of
# governments offering each type with their share
python3 - "$T/all.html" <<'PY' || fail "government x type table"
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.code, self.cell = {}, None, None
        self.chart, self.depth = "", 0     # text of the chart, div depth inside it
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-gov" in a:
            self.code = a["data-gov"]
            self.rows[self.code] = {}
        if tag == "td" and self.code and "data-col" in a:
            self.cell = a["data-col"]
            self.rows[self.code][self.cell] = [a.get("class", ""), "", None]
        if tag == "a" and self.cell:
            self.rows[self.code][self.cell][2] = a.get("href")
        if tag == "div" and (self.depth or a.get("data-measure") == "governments_with_type"):
            self.depth += 1
    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        if tag == "tr":
            self.code = None
        if tag == "div" and self.depth:
            self.depth -= 1
    def handle_data(self, data):
        if self.cell:
            self.rows[self.code][self.cell][1] += data
        if self.depth:
            self.chart += data + "|"

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
r = p.rows
assert set(r) == {"010006", "011002", "131016", "141305", "202011"}, r.keys()
sap, chi, hok = r["011002"], r["131016"], r["010006"]
for t in ("expert_dispatch", "consultation_desk", "workstyle_reform"):
    assert "yes" in sap[t][0], (t, sap[t])
    assert "no" in hok[t][0], (t, hok[t])
assert "no" in chi["expert_dispatch"][0] and "yes" in chi["consultation_desk"][0], chi
assert sap["expert_dispatch"][2] == "#filter=type:expert_dispatch;gov:011002", sap["expert_dispatch"]
assert hok["expert_dispatch"][2] is None
assert sap["best_riss_fit"][1] == "4" and chi["best_riss_fit"][1] == "1", (sap, chi)
assert hok["best_riss_fit"][1] in ("—", ""), hok
c = p.chart
assert "1 (20.0%)" in c and "2 (40.0%)" in c, c
PY

# the prefectures: all 47 in JIS order, per prefecture the governments
# surveyed and with programs, programs per type and failures; every program
# carries the command that prints its page from the archive; no government's
# failures are open until asked for
python3 - "$T/all.html" "$T/run" <<'PY' || fail "prefectures or archived copies"
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.prefs, self.order, self.pref, self.cell = {}, [], None, None
        self.code, self.codes, self.failrows = None, [], 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-pref" in a:
            self.pref = a["data-pref"]
            self.order.append(self.pref)
            self.prefs[self.pref] = {"class": a.get("class", "")}
        if tag == "td" and self.pref and "data-col" in a:
            self.cell = a["data-col"]
            self.prefs[self.pref][self.cell] = ""
        if tag == "a" and self.pref and self.cell:
            self.prefs[self.pref][self.cell + "_href"] = a.get("href")
        if tag == "code" and "data-show" in a:
            self.code = a["data-show"]
            self.codes.append([self.code, ""])
        if tag == "tr" and "data-failures" in a:
            self.failrows += 1
    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        if tag == "tr":
            self.pref = None
        if tag == "code":
            self.code = None
    def handle_data(self, data):
        if self.pref and self.cell:
            self.prefs[self.pref][self.cell] += data
        if self.code:
            self.codes[-1][1] += data

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
assert len(p.order) == 47, len(p.order)
assert p.order[0] == "北海道" and p.order[12] == "東京都" and p.order[46] == "沖縄県", p.order
def row(name, **want):
    r = p.prefs[name]
    for k, v in want.items():
        assert r[k].strip() == str(v), (name, k, r[k], v)
    return r
h = row("北海道", no="01", surveyed=2, with_programs=1, programs=3, expert_dispatch=2,
        consultation_desk=1, workstyle_reform=1, failures=4)
assert h["share"].startswith("50.0%"), h
assert h["name_href"] == "#filter=prefecture:%E5%8C%97%E6%B5%B7%E9%81%93", h
assert h["expert_dispatch_href"] == "#filter=type:expert_dispatch;prefecture:%E5%8C%97%E6%B5%B7%E9%81%93", h
row("東京都", no="13", surveyed=1, with_programs=1, programs=4, expert_dispatch=0,
    consultation_desk=3, workstyle_reform=2, failures=2)
row("神奈川県", surveyed=1, with_programs=0, programs=0, failures=1)
row("長野県", surveyed=1, with_programs=0, programs=0, failures=0)
a = row("青森県", no="02", surveyed=0, programs=0)
assert "none" in a["class"] and "name_href" not in a, a
# one archived-copy command per program
assert len(p.codes) == 7, p.codes
cmds = {u: c for u, c in p.codes}
want = "muniscan show --out %s https://www.city.sapporo.jp/keizai/haken.html" % sys.argv[2]
assert cmds["https://www.city.sapporo.jp/keizai/haken.html"] == want, cmds
assert p.failrows == 0, p.failrows
PY

# a government's failures, reachable from its row (#failures=CODE opens them)
browse "$URL#failures=011002" --dump-dom > "$T/fails.html" || fail "chromium failed"
[ "$(attr "$T/fails.html" data-errors)" = 0 ] || fail "script errors with #failures"
[ "$(attr "$T/fails.html" data-shown)" = 7 ] || fail "#failures filtered the programs"
python3 - "$T/fails.html" <<'PY' || fail "failures of a government"
import re, sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.rows, self.url, self.cells, self.link = [], {}, None, None, None
        self.gov, self.col = None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-failures" in a:
            self.open.append(a["data-failures"])
        if tag == "tr" and "data-url" in a:
            self.url = a["data-url"]
            self.rows[self.url] = []
        if tag == "td" and self.url:
            self.rows[self.url].append("")
        if tag == "tr" and "data-gov" in a:
            self.gov = a["data-gov"]
        if tag == "td" and self.gov and a.get("data-col") == "failures":
            self.col = True
        if tag == "a" and self.col and self.gov == "011002":
            self.link = a.get("href")
    def handle_endtag(self, tag):
        if tag == "tr":
            self.url = self.gov = None
        if tag == "td":
            self.col = None
    def handle_data(self, data):
        if self.url and self.rows[self.url]:
            self.rows[self.url][-1] += data

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
assert p.open == ["011002"], p.open
assert p.link == "#failures=011002", p.link
r = p.rows
assert set(r) == {"https://www.city.sapporo.jp/big.zip", "https://www.city.sapporo.jp/keizai/old.html",
                  "https://www.city.sapporo.jp/search?q=x"}, r
assert r["https://www.city.sapporo.jp/big.zip"][1:] == ["type", "", "0"], r
assert r["https://www.city.sapporo.jp/keizai/old.html"][1:] == ["http 404", "404", "1"], r
assert r["https://www.city.sapporo.jp/search?q=x"][1:] == ["robots", "", "0"], r
PY

browse "$URL#filter=type:expert_dispatch" --dump-dom > "$T/f1.html" || fail "chromium failed"
[ "$(attr "$T/f1.html" data-errors)" = 0 ] || fail "script errors with a filter"
[ "$(attr "$T/f1.html" data-shown)" = 2 ] || fail "type:expert_dispatch shows $(attr "$T/f1.html" data-shown), want 2"
grep -q 'Showing 2 of 7 programs' "$T/f1.html" || fail "visible count"

browse "$URL#filter=type:consultation_desk;gov:131016;q:%E7%9B%B8%E8%AB%87" --dump-dom > "$T/f2.html" || fail "chromium failed"
[ "$(attr "$T/f2.html" data-shown)" = 2 ] || fail "consultation_desk+131016+相談 shows $(attr "$T/f2.html" data-shown), want 2"
browse "$URL#filter=type:expert_dispatch;gov:011002" --dump-dom > "$T/f4.html" || fail "chromium failed"
[ "$(attr "$T/f4.html" data-shown)" = 2 ] || fail "a yes cell's filter shows $(attr "$T/f4.html" data-shown), want 2"
browse "$URL#filter=category:designated;riss_fit:3%2B" --dump-dom > "$T/f3.html" || fail "chromium failed"
[ "$(attr "$T/f3.html" data-shown)" = 2 ] || fail "designated+riss_fit 3+ shows $(attr "$T/f3.html" data-shown), want 2"

browse "$URL#filter=type:expert_dispatch" --screenshot="$OUT/browser_report.png" --window-size=1280,2000 \
	> /dev/null || fail "screenshot failed"
[ -s "$OUT/browser_report.png" ] || fail "no screenshot"
grep -q "Uncaught" "$T/chrome.log" && fail "uncaught error: $(grep Uncaught "$T/chrome.log")"
echo "ok (screenshot $OUT/browser_report.png)"
