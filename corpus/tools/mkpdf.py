#!/usr/bin/python3
"""Render a UTF-8 text file as a simple A4 PDF with an embedded Japanese TrueType font.
Usage: mkpdf.py IN.txt OUT.pdf   (needs Debian packages python3-reportlab and fonts-ipafont-gothic)"""
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
pdfmetrics.registerFont(TTFont("IPAGothic", FONT))
src, dst = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().splitlines()
c = canvas.Canvas(dst, pagesize=A4, invariant=1)  # invariant: reproducible bytes
c.setTitle(lines[1] if len(lines) > 1 else lines[0])
w, h = A4
y = h - 60
def wrap(line, size, width):
    out, cur = [], ""
    for ch in line:
        if pdfmetrics.stringWidth(cur + ch, "IPAGothic", size) > width:
            out.append(cur)
            cur = "　" + ch if line.startswith("　") else ch
        else:
            cur += ch
    out.append(cur)
    return out


for i, line in enumerate(lines):
    size = 16 if i < 3 else 10.5
    for part in wrap(line, size, w - 100):
        c.setFont("IPAGothic", size)
        c.drawString(50, y, part)
        y -= size * 1.7
        if y < 60:
            c.showPage()
            y = h - 60
c.save()
