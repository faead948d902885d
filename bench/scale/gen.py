#!/usr/bin/env python3
"""bench/scale/gen.py: one hostile HTML page of a given shape and size.

usage: gen.py SHAPE BYTES OUT

Shapes (each page is exactly BYTES long, UTF-8):
  kwrun   one paragraph of program keywords (専門家派遣, 無料, 相談窓口 ...)
          with no sentence end: every match sits in one endless sentence
  attrs   one tag with as many attributes as fit
  tinyp   "<p>x" over and over: a node, a line and a text per 4 bytes
  deep    "<div>" nested as deep as the page goes, text at the bottom
  text    plain Japanese sentences with no markup at all after <body>
"""
import sys

HEAD = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>scale</title></head><body>'
TAIL = '</body></html>'

# keywords of dict/rules: types with exclusions, cost, a negation cue
KW = '専門家派遣無料相談窓口経営相談派遣する訪問支援職員不要ITテレワーク'


def body(shape, room):
    """The part between HEAD and TAIL, at most room bytes."""
    if shape == 'kwrun':
        unit = KW
        pre, post = '<p>', '</p>'
    elif shape == 'attrs':
        # a1="1" a2="1" ...: distinct names, as a browser would keep them
        out = ['<div']
        n = 5 + len('>x</div>')
        i = 0
        while True:
            a = ' a%d="1"' % i
            if n + len(a) > room:
                break
            out.append(a)
            n += len(a)
            i += 1
        out.append('>x</div>')
        return ''.join(out)
    elif shape == 'tinyp':
        unit, pre, post = '<p>x', '', ''
    elif shape == 'deep':
        unit, pre, post = '<div>', '', '深い'
    elif shape == 'text':
        unit = '中小企業の経営者を対象に専門家を派遣して助言します。費用は無料です。\n'
        pre, post = '', ''
    else:
        raise SystemExit('gen.py: unknown shape %s' % shape)
    fixed = len((pre + post).encode())
    u = len(unit.encode())
    k = max(0, (room - fixed) // u)
    return pre + unit * k + post


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    shape, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    room = size - len((HEAD + TAIL).encode())
    page = (HEAD + body(shape, room)).encode()
    page += b' ' * (size - len(page) - len(TAIL.encode())) + TAIL.encode()
    assert len(page) == size, (len(page), size)
    with open(out, 'wb') as f:
        f.write(page)


if __name__ == '__main__':
    main()
