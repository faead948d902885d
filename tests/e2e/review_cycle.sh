#!/usr/bin/env bash
# The reviewers' year on the bundled sample web: year 1 is crawled and
# reported; a reviewer marks programs.csv (ok, a corrected label, a
# rewritten title, wrong rows, missing rows, unchecked rows, one of them
# edited: an empty cell is the row as it stands, so the edit is carried as a
# correction, docs/REVIEW.md); year 2 crawls a copy of the web where pages changed, moved, fail
# or are refused by robots.txt, and `classify --review` carries the review
# forward.  Every correction is either carried (programs.csv and report.html
# show its review state) or named on stderr with its reason; a page that was
# not crawled is never blamed as changed; a bad review file changes nothing
# (muniscan.db and programs.csv byte-identical); diff shows the rewritten
# title as a change of the program, not a removal and an addition.
# `run --review` carries the same review.
set -u
. "$(dirname "$0")/lib/assert.sh"

bin=$MUNISCAN_BIN
src=$MUNISCAN_SRC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
y1=$tmp/2026
y2=$tmp/2027

# ---- year 1
"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$src/corpus/sites" --delay 0 \
  --out "$y1" 2>"$tmp/err1"
expect_code 0 $?
expect_eq "review" "$(head -1 "$y1/programs.csv" | tr -d '\r' | awk -F, '{ print $NF }')"

# ---- the review: a copy of programs.csv with its review column filled
python3 - "$y1/programs.csv" "$tmp/reviewed.csv" <<'PY'
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(src, encoding="utf-8-sig", newline="")))
cols = list(rows[0].keys())
if "review" not in cols:  # a programs.csv without the column: the reviewer adds it
    cols.append("review")
    for r in rows:
        r["review"] = ""
by = {r["program"]: r for r in rows}
def mark(title, review, **cells):
    r = by[title]
    r["review"] = review
    r.update(cells)
mark("中小企業診断士派遣事業", "ok")                              # right as it stands
mark("テレワーク導入専門家派遣", "ok", cost="partial")            # a corrected label
mark("経営革新専門家派遣", "ok", program="新事業計画づくりの助言")  # a rewritten title
mark("テレワーク導入促進補助金", "wrong")                          # a subsidy: not a program of interest
mark("テレワーク機器導入補助金", "wrong")                          # the same, on a page year 2 changes
mark("働き方改革応援事業", "ok", cost="partial")                  # a correction on a page year 2 changes
mark("ものづくりアドバイザー派遣", "", cost="free")              # edited, review cell left empty
base = dict(municipality="", category="", types="consultation_desk", it_security="no",
            expert_registry="no", cost="free", max_visits="", continuity="unknown",
            riss_fit="1", evidence="reviewer: found by hand", page_sha256="", fetched_at="",
            prefecture="", review="missing")
missing = [
    # an unchanged page without programs: carried by its URL
    ("401307", "両立支援推進企業の認定", "http://www.city.minatohara.test/business/roudou/ninntei.html"),
    # a page year 2 moves: carried by the program's name
    ("131199", "東京都よろず支援拠点", "http://www.city.sakuradai.test/sangyo/keiei/yorozu-news.html"),
    # a page that fails in year 2 (HTTP 503)
    ("400009", "営業時間短縮協力金", "http://www.pref.umino.test/shigoto/chusho/kyoryokukin.html"),
    # a page robots.txt refuses in year 2
    ("402036", "時短営業協力金", "http://www.city.matsumori.test/shoko/kyoryokukin.html"),
    # a page the crawl never reaches
    ("390003", "よろず経営相談窓口", "http://www.yamabe-iso.test/shien/soudan.html"),
    # a page year 2 rewrites: it no longer names the program
    ("394025", "人材派遣会社による合同説明会", "http://www.town.kitaura.test/sangyo/jinzai-news.html"),
]
out = rows + [dict(base, municipality_code=c, program=p, url=u) for c, p, u in missing]
with open(dst, "w", encoding="utf-8-sig", newline="") as f:
    w = csv.DictWriter(f, fieldnames=cols)
    w.writeheader()
    w.writerows(out)
PY
expect_code 0 $?

# ---- year 2: the web a year later
cp -r "$src/corpus/sites" "$tmp/sites"
w=$tmp/sites
# two pages change their text
sed -i 's|有料（1回5,000円）で、最大3回まで利用できます。|有料（1回6,000円）で、最大3回まで利用できます。令和9年度から申込みは電子申請のみです。|' \
  "$w/www.town.kitaura.test/sangyo/hatarakikata.html"
sed -i 's|を補助します。|を補助します。令和9年度の受付は終了しました。|' "$w/www.town.kitaura.test/sangyo/telework.html"
# a page is rewritten about something else
sed -i 's|人材派遣会社による合同説明会の開催|町民運動会の開催|g; s|町内外の人材派遣会社5社が参加する合同説明会を開催します。|町民運動会を開催します。|' \
  "$w/www.town.kitaura.test/sangyo/jinzai-news.html"
# a page moves, and the links follow it
mv "$w/www.city.sakuradai.test/sangyo/keiei/yorozu-news.html" "$w/www.city.sakuradai.test/sangyo/keiei/yorozu-kyoten.html"
grep -rl 'yorozu-news.html' "$w/www.city.sakuradai.test" | xargs sed -i 's|yorozu-news.html|yorozu-kyoten.html|g'
# a page fails, another is refused
printf 'Status: 503\n' > "$w/www.pref.umino.test/shigoto/chusho/kyoryokukin.html.headers"
printf 'Disallow: /shoko/kyoryokukin.html\n' >> "$w/www.city.matsumori.test/robots.txt"
for f in hatarakikata telework jinzai-news; do
  cmp -s "$src/corpus/sites/www.town.kitaura.test/sangyo/$f.html" "$w/www.town.kitaura.test/sangyo/$f.html" &&
    _fail "year 2: $f.html not edited"
done

"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$w" --delay 0 --retries 0 \
  --out "$y2" 2>"$tmp/err2"
expect_code 0 $?

# ---- a bad review file changes nothing, and says where it is bad
state() { (cd "$y2" && sha256sum muniscan.db programs.csv && ls); }
before=$(state)
line_of() { grep -n "$1" "$tmp/reviewed.csv" | head -1 | cut -d: -f1; }
bad_line=$(line_of 'テレワーク導入専門家派遣')
sed "${bad_line}s/,partial,/,maybe,/" "$tmp/reviewed.csv" > "$tmp/bad.csv"
"$bin" classify --out "$y2" --review "$tmp/bad.csv" 2>"$tmp/bad.err"
expect_code 1 $?
expect_eq 1 "$(wc -l < "$tmp/bad.err")"
expect_match "$(cat "$tmp/bad.err")" "bad.csv:$bad_line: cost is 'maybe', not free, partial, paid or unknown"
expect_eq "$before" "$(state)"
ok_line=$(line_of '中小企業診断士派遣事業')
sed "${ok_line}s/,ok\r\?\$/,okay/" "$tmp/reviewed.csv" > "$tmp/bad2.csv"
"$bin" classify --out "$y2" --review "$tmp/bad2.csv" 2>"$tmp/bad2.err"
expect_code 1 $?
expect_match "$(cat "$tmp/bad2.err")" "bad2.csv:$ok_line: review is 'okay'"
expect_eq "$before" "$(state)"

# ---- the review carried forward
"$bin" -v classify --out "$y2" --review "$tmp/reviewed.csv" 2>"$tmp/carry.err"
expect_code 0 $?
"$bin" -q report --out "$y2"
expect_code 0 $?
grep 'review carried forward' "$tmp/carry.err"
expect_match "$(cat "$tmp/carry.err")" 'review carried forward: 1 ok, 3 corrected, 1 wrong dropped'

python3 - "$tmp/reviewed.csv" "$y2/programs.csv" "$tmp/carry.err" <<'PY'
import csv, re, sys
rev = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
new = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
log = open(sys.argv[3], encoding="utf-8").read().splitlines()
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
named = {}
for l in log:
    m = re.search(r"reviewed\.csv:(\d+): (.*)$", l)
    if m:
        named.setdefault(int(m.group(1)), []).append(m.group(2))
def rows(title):
    return [r for r in new if r["program"] == title]
def one(title):
    rs = rows(title)
    check(len(rs) == 1, f"{title}: {len(rs)} rows in year 2")
    return rs[0] if rs else {}
line = {r["program"]: i + 2 for i, r in enumerate(rev)}
def reason(title):
    return " / ".join(named.get(line[title], []))

# every checked row (and every edited unchecked one) is carried or named
carried = {"ok", "corrected", "missing"}
for i, r in enumerate(rev):
    n, t, lab = i + 2, r["program"], r["review"]
    if not lab and n not in named:
        continue
    why = " / ".join(named.get(n, []))
    if lab == "wrong":
        gone = not [x for x in new if x["program"] == t and x["url"] == r["url"]]
        check(gone or "not carried:" in why, f"line {n} wrong {t}: neither dropped nor named ({why})")
    elif lab in ("ok", "missing"):
        here = [x for x in new if x["program"] == t and x["review"] in carried]
        check(here or "not carried:" in why, f"line {n} {lab} {t}: neither carried nor named ({why})")
    # a page that was not crawled is never blamed as changed
    check(not ("not crawled" in why and "changed" in why), f"line {n}: {why}")
    check(not ("did not reach" in why and "changed" in why), f"line {n}: {why}")

# each case, as the year-2 programs.csv shows it
r = one("中小企業診断士派遣事業"); check(r.get("review") == "ok", f"ok row: {r}")
r = one("テレワーク導入専門家派遣")
check(r.get("review") == "corrected" and r.get("cost") == "partial", f"corrected label: {r}")
check(r.get("riss_fit") == "3", f"riss_fit recomputed: {r.get('riss_fit')}")
r = one("新事業計画づくりの助言")
check(r.get("review") == "corrected" and r.get("url", "").endswith("/shien-list.html"), f"rewritten title: {r}")
check(not rows("経営革新専門家派遣"), "the tool's title stayed")
check(not rows("テレワーク導入促進補助金"), "wrong row on an unchanged page not dropped")
r = one("テレワーク機器導入補助金")
check(r.get("review") == "", f"wrong row on a changed page: {r}")
check("wrong, not carried: page changed" in reason("テレワーク機器導入補助金"), reason("テレワーク機器導入補助金"))
r = one("働き方改革応援事業")
check(r.get("review") == "" and r.get("cost") != "partial", f"correction on a changed page: {r}")
check("ok, not carried: page changed" in reason("働き方改革応援事業"), reason("働き方改革応援事業"))
r = one("ものづくりアドバイザー派遣")
# an empty cell is the row as it stands (docs/REVIEW.md): its edit is carried
check(r.get("review") == "corrected" and r.get("cost") == "free", f"edited row with an empty cell: {r}")
r = one("両立支援推進企業の認定")
check(r.get("review") == "missing" and len(r.get("page_sha256", "")) == 64, f"missing by URL: {r}")
r = one("東京都よろず支援拠点")
check(r.get("review") == "missing" and r.get("url") == "http://www.city.sakuradai.test/sangyo/keiei/yorozu-kyoten.html",
      f"missing, moved: {r}")
check("moved to http://www.city.sakuradai.test/sangyo/keiei/yorozu-kyoten.html" in reason("東京都よろず支援拠点"),
      reason("東京都よろず支援拠点"))
check(not rows("営業時間短縮協力金"), "missing on a failed page added")
check("page not crawled this year (failed: http_503)" in reason("営業時間短縮協力金"), reason("営業時間短縮協力金"))
check(not rows("時短営業協力金"), "missing on a refused page added")
check("page not crawled this year (refused: robots)" in reason("時短営業協力金"), reason("時短営業協力金"))
check(not rows("よろず経営相談窓口"), "missing on a page never crawled added")
check("no page with this URL or title: the crawl did not reach the URL this year" in reason("よろず経営相談窓口"),
      reason("よろず経営相談窓口"))
check(not rows("人材派遣会社による合同説明会"), "missing on a rewritten page added")
check("the page does not name the program" in reason("人材派遣会社による合同説明会"),
      reason("人材派遣会社による合同説明会"))
# the three states, and nothing else, in the review column
check({x["review"] for x in new} == {"", "ok", "corrected", "missing"}, {x["review"] for x in new})
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
expect_code 0 $?

# `run --review` does the same: a bad file is refused before the folder is
# touched; a good one gives the same programs.csv
after=$(state)
"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$w" --delay 0 --retries 0 \
  --out "$y2" --review "$tmp/bad.csv" 2>"$tmp/runbad.err"
expect_code 1 $?
expect_match "$(cat "$tmp/runbad.err")" "bad.csv:$bad_line: cost is 'maybe'"
expect_eq "$after" "$(state)"
cp "$y2/programs.csv" "$tmp/carried.csv"
"$bin" -q run --seeds "$src/corpus/seeds.tsv" --replay-dir "$w" --delay 0 --retries 0 \
  --out "$y2" --review "$tmp/reviewed.csv" 2>"$tmp/run.err"
expect_code 0 $?
cmp -s "$tmp/carried.csv" "$y2/programs.csv"
expect_code 0 $?

# report.html carries the states
expect_match "$(grep -o '"review":"corrected"' "$y2/report.html" | head -1)" corrected
expect_match "$(grep -o '"review":"missing"' "$y2/report.html" | head -1)" missing

# ---- next year's reviewer reads the carried file as a review: the states
# are accepted, and eval scores it
"$bin" eval --gold "$y2/programs.csv" --pred "$y2/programs.csv" > "$tmp/eval.out"
expect_code 0 $?
expect_match "$(tail -1 "$tmp/eval.out")" '^eval: program_f1=1.000'

# ---- diff: the rewritten title is a change of its program
"$bin" diff --no-bom "$y1" "$y2" > "$tmp/diff.out"
expect_code 0 $?
expect_match "$(cat "$y2/diff.csv")" '^changed,390003,山辺県,新事業計画づくりの助言,http://www.pref.yamabe.test/sangyo/chusho/shien-list.html,program,経営革新専門家派遣,新事業計画づくりの助言'
expect_no_match "$(cat "$y2/diff.csv")" '^(removed|added),.*(経営革新専門家派遣|新事業計画づくりの助言)'
expect_match "$(cat "$y2/diff.csv")" '^changed,.*テレワーク導入専門家派遣,.*,cost,free,partial'

# ---- report.html in headless Chromium: the review states and their filter
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$chrome" ]; then
  browse() {
    timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$(mktemp -d "$tmp/profile.XXXX")" --virtual-time-budget=5000 \
      --dump-dom "$1" 2>>"$tmp/chrome.log"
  }
  attr() { grep -o "<body[^>]*" "$1" | grep -o " $2=\"[^\"]*\"" | sed 's/.*="\(.*\)"/\1/'; }
  browse "file://$y2/report.html#filter=review:corrected" > "$tmp/dom.html"
  expect_eq 1 "$(attr "$tmp/dom.html" data-ready)"
  expect_eq 0 "$(attr "$tmp/dom.html" data-errors)"
  expect_eq "review:corrected" "$(attr "$tmp/dom.html" data-filter)"
  ncorr=$(python3 -c 'import csv,sys; print(sum(r["review"] in ("corrected","missing") for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$y2/programs.csv")
  expect_eq "$ncorr" "$(attr "$tmp/dom.html" data-shown)"
  expect_eq "$ncorr" "$(grep -o '<tr data-code="[0-9]*" data-review="\(corrected\|missing\)"' "$tmp/dom.html" | wc -l)"
  expect_match "$(cat "$tmp/dom.html")" '<span class="review corrected"[^>]*>review: corrected</span>'
  expect_match "$(cat "$tmp/dom.html")" 'data-measure="review"'
  browse "file://$y2/report.html#filter=review:unchecked" > "$tmp/dom2.html"
  nun=$(python3 -c 'import csv,sys; print(sum(r["review"] == "" for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$y2/programs.csv")
  expect_eq "$nun" "$(attr "$tmp/dom2.html" data-shown)"
else
  echo "chromium not installed: report.html not rendered"
fi
finish
