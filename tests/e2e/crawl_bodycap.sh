#!/usr/bin/env bash
# crawl_bodycap: what --max-body cuts.  An HTML page cut at the cap is read
# up to the cut (fetched truncated).  A PDF cut at the cap has lost its
# cross-reference table and trailer: it is kept for what can be salvaged,
# but its frontier row is failed truncated, so failures.csv lists it (it was
# once in no output file at all).  After classify, a page that a work cap
# of extraction cut (big.html: more tags than the parser is given) is
# listed as partly_read:CAP, and a page that could not be read at all
# (scan.pdf: no text) as not_read; a later classify that reads them drops
# the rows again.
set -u
src=${MUNISCAN_SRC:?}
bin=${MUNISCAN_BIN:?}
. "$src/tests/e2e/lib/assert.sh"
. "$src/tests/e2e/lib/nginx.sh"

ms_web_setup
mkdir -p "$web"
cat >"$web/index.html" <<'EOF'
<html><body>
<a href="/big.pdf">補助金のご案内（PDF）</a>
<a href="/small.pdf">相談窓口（PDF）</a>
<a href="/big.html">産業振興</a>
<a href="/scan.pdf">スキャンした要綱（PDF）</a>
</body></html>
EOF
python3 - "$web" <<'PY'
import sys, zlib
web = sys.argv[1]
def pdf(text_ops, pad):
    # a one-page PDF whose content stream is padded to make it large
    stream = text_ops + b"\n%" + b"x" * pad + b"\n"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
ops = b"BT /F1 12 Tf 72 720 Td (Subsidy for small firms) Tj ET"
open(web + "/big.pdf", "wb").write(pdf(ops, 2 * 1024 * 1024))
open(web + "/small.pdf", "wb").write(pdf(ops, 1000))
open(web + "/scan.pdf", "wb").write(pdf(b"", 1000))
open(web + "/big.html", "w").write("<html><body>" + "<p>産業振興の支援</p>\n" * 80000 + "</body></html>")
PY
ms_nginx_server www.city.a.test "$web" 'location = /robots.txt { return 404; }'
ms_nginx_start "$port" || exit 1
printf 'code\tname\tprefecture\tcategory\turl\n392014\tA市\t山辺県\tcapital\thttp://www.city.a.test:%s/\n' \
	"$port" >"$MS_TMP/seeds.tsv"
out="$MS_TMP/out"
# shellcheck disable=SC2046
"$bin" crawl --out "$out" --seeds "$MS_TMP/seeds.tsv" --delay 0.05 --max-body 1048576 \
	--no-progress $(ms_resolve_args) 2>"$MS_TMP/err"
expect_code 0 $?
db="$out/muniscan.db"
A="http://www.city.a.test:$port"
state() { ms_sql "$db" "SELECT state || ' ' || coalesce(reason,'') || ' ' || coalesce(http_status,'') FROM frontier WHERE url='$1'"; }
expect_eq "failed truncated 200" "$(state "$A/big.pdf")"
expect_eq "fetched truncated 200" "$(state "$A/big.html")"
expect_eq "fetched  200" "$(state "$A/small.pdf")"
# the cut PDF's bytes are kept, marked truncated
expect_eq "pdf 1 1048576" "$(ms_sql "$db" "SELECT kind || ' ' || truncated || ' ' || body_len FROM pages WHERE url='$A/big.pdf'")"
"$bin" report --out "$out" --no-html 2>"$MS_TMP/report.err"
expect_code 0 $?
expect_eq "$A/big.pdf,392014,truncated,200,1" "$(grep 'big\.pdf' "$out/failures.csv" | tr -d '\r')"
expect_eq 0 "$(grep -c 'big\.html\|small\.pdf' "$out/failures.csv")"
expect_eq "392014 partial" "$(ms_sql "$db" "SELECT code || ' ' || status FROM municipalities")"

# classify reads the stored pages: what it could not read whole is listed
"$bin" -q classify --out "$out" 2>"$MS_TMP/classify.err"
expect_code 0 $?
"$bin" report --out "$out" --no-html 2>"$MS_TMP/report.err"
expect_code 0 $?
expect_eq "$A/big.html,392014,partly_read:tags,200,1" "$(grep 'big\.html' "$out/failures.csv" | tr -d '\r')"
expect_eq "$A/scan.pdf,392014,not_read,200,1" "$(grep 'scan\.pdf' "$out/failures.csv" | tr -d '\r')"
expect_eq "$A/big.pdf,392014,truncated,200,1" "$(grep 'big\.pdf' "$out/failures.csv" | tr -d '\r')"
expect_eq 0 "$(grep -c 'small\.pdf' "$out/failures.csv")"
expect_match "$(ms_sql "$db" "SELECT detail FROM page_problems WHERE problem = 'not_read'")" "no text"
# rows are this classify's: with the problem gone, so is the row
sqlite3 "$db" "UPDATE pages SET body = (SELECT body FROM pages WHERE url = '$A/small.pdf') WHERE url = '$A/scan.pdf'" >/dev/null
"$bin" -q classify --out "$out" 2>"$MS_TMP/classify.err"
"$bin" report --out "$out" --no-html 2>"$MS_TMP/report.err"
expect_eq 0 "$(grep -c 'scan\.pdf' "$out/failures.csv")"
finish
