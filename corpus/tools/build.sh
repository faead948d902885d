#!/bin/sh
# Build corpus/sites/ from corpus/src/.
#  - every file under src/<host>/ is copied to sites/<host>/;
#  - files listed in src/ENCODINGS.tsv are converted from UTF-8 with iconv (CP932 = Windows-31J, EUC-JP);
#  - the texts in src/pdf/<host>__<path with / as __>.txt are rendered to PDFs with tools/mkpdf.py
#    (needs: apt-get install -y python3-reportlab fonts-ipafont-gothic; check with pdftotext FILE -).
# To regenerate src/ itself from the scaffold script: python3 corpus/tools/gen_src.py (overwrites src/ HTML, gold.csv, seeds.tsv).
set -eu
cd "$(dirname "$0")/.."
rm -rf sites
mkdir -p sites
for d in src/*/; do
  h=$(basename "$d")
  [ "$h" = pdf ] && continue
  cp -r "src/$h" "sites/$h"
done
grep -v '^#' src/ENCODINGS.tsv | while IFS="$(printf '\t')" read -r f enc; do
  [ -n "$f" ] || continue
  iconv -f UTF-8 -t "$enc" "src/$f" > "sites/$f"
done
for t in src/pdf/*.txt; do
  b=$(basename "$t" .txt)
  out="sites/$(echo "$b" | sed 's|__|/|g').pdf"
  mkdir -p "$(dirname "$out")"
  /usr/bin/python3 tools/mkpdf.py "$t" "$out"
done
echo "built: $(find sites -name '*.html' | wc -l) html, $(find sites -name '*.pdf' | wc -l) pdf" >&2
