# Site templates for the muniscan sample web (see corpus/README.md).
# Each template turns a page description into a complete UTF-8 HTML document;
# tools/build.sh converts some of them to Shift_JIS / EUC-JP afterwards.

import html as _h


def esc(s):
    return _h.escape(s, quote=True)


def meta_tag(meta, style="html5"):
    if meta is None:
        return ""
    if style == "html5":
        return '<meta charset="%s">' % meta
    return '<meta http-equiv="Content-Type" content="text/html; charset=%s">' % meta


def links_ul(items, cls=None):
    c = ' class="%s"' % cls if cls else ""
    return "<ul%s>\n%s\n</ul>" % (c, "\n".join('<li><a href="%s">%s</a></li>' % (esc(h), esc(l)) for l, h in items))


def contact_block(site, page):
    c = page.get("contact")
    if not c:
        return ""
    dept, tel = c
    return dept, tel


# ---------------------------------------------------------------- CMS (tmp_*)
def cms(site, page):
    dept_tel = contact_block(site, page)
    crumbs = " &gt; ".join(['<a href="%s">%s</a>' % (esc(h), esc(l)) for l, h in page.get("crumbs", [])] + ["<span>%s</span>" % esc(page["title"])])
    side = page.get("side") or site.get("side", [])
    inquiry = ""
    if dept_tel:
        dept, tel = dept_tel
        inquiry = """<div id="tmp_inquiry">
<div id="tmp_inquiry_ttl"><p>このページに関するお問い合わせ</p></div>
<div id="tmp_inquiry_cnt">
<p><strong>%s</strong><br>〒%s<br>電話番号：%s　ファクス番号：%s</p>
<p><a href="%s">メールフォームによるお問い合わせ</a></p>
</div></div>""" % (esc(dept), esc(site["postal"]), esc(tel), esc(site["fax"]), esc(site["mailform"]))
    enquete = """<div id="tmp_enquete">
<form action="/cgi-bin/enquete.cgi" method="post">
<p id="tmp_enquete_ttl">このページの情報は役に立ちましたか？</p>
<p><label><input type="radio" name="q1" value="1">役に立った</label> <label><input type="radio" name="q1" value="2">ふつう</label> <label><input type="radio" name="q1" value="3">役に立たなかった</label></p>
<p>このページの情報は見つけやすかったですか？</p>
<p><label><input type="radio" name="q2" value="1">見つけやすかった</label> <label><input type="radio" name="q2" value="2">ふつう</label> <label><input type="radio" name="q2" value="3">見つけにくかった</label></p>
<p><input type="submit" value="送信"></p>
</form></div>""" if page.get("enquete", True) else ""
    top = page["path"] == "index.html"
    return """<!DOCTYPE html>
<html lang="ja">
<head>
%(meta)s
<title>%(title)s｜%(sitename)s</title>
<link rel="stylesheet" href="/shared/style/default.css">
</head>
<body%(bodyid)s>
<div id="tmp_wrapper">
<noscript><p>このサイトではJavaScriptを使用したコンテンツ・機能を提供しています。</p></noscript>
<p><a href="#tmp_honbun" class="skip">本文へスキップします。</a></p>
<div id="tmp_header">
<div id="tmp_hlogo"><p><a href="/index.html"><span>%(sitename)s</span></a></p></div>
<div id="tmp_means"><ul>
<li><a href="/moji.html">文字サイズ・色合い変更</a></li>
<li><a href="/sitemap.html">サイトマップ</a></li>
<li><a href="/foreign/index.html">Foreign Language</a></li>
</ul>
<form action="/search/result.html" method="get"><label for="tmp_query">サイト内検索</label><input id="tmp_query" name="q" type="text"><input type="submit" value="検索"></form>
</div>
</div>
<div id="tmp_gnavi">
%(gnav)s
</div>
%(pankuzu)s
<div id="tmp_wrap_main" class="column_lnavi">
<div id="tmp_main">
<div class="wrap_col_main">
<div class="col_main">
<p id="tmp_honbun" class="skip">ここから本文です。</p>
<div id="tmp_contents">
%(h1)s
%(updated)s
%(body)s
</div>
%(inquiry)s
%(enquete)s
</div></div>
<div class="wrap_col_lft_navi"><div class="col_lft_navi">
<div id="tmp_lnavi">
<div id="tmp_lnavi_ttl"><p>%(sidettl)s</p></div>
<div id="tmp_lnavi_cnt">
%(side)s
</div></div>
</div></div>
</div></div>
<div class="pnavi"><p class="ptop"><a href="#tmp_header">ページの先頭へ戻る</a></p></div>
<div id="tmp_footer">
<div class="footer_cnt">
<ul>
<li><a href="/about/link.html">リンク・著作権・免責事項</a></li>
<li><a href="/about/privacy.html">個人情報の取り扱い</a></li>
<li><a href="/about/accessibility.html">ウェブアクセシビリティ方針</a></li>
%(footer_extra)s
</ul>
<address>%(sitename)s　〒%(postal)s　代表電話：%(tel)s<br>開庁時間：月曜日から金曜日の午前8時30分から午後5時15分（祝日・休日、年末年始を除く）</address>
<p class="copyright" lang="en">Copyright &copy; %(sitename_en)s. All rights reserved.</p>
</div></div>
</div>
</body>
</html>
""" % dict(
        meta=meta_tag(page.get("meta", "utf-8"), site.get("meta_style", "html5")),
        title=esc(page["title"]), sitename=esc(site["name"]), sitename_en=esc(site["name_en"]),
        bodyid=' id="top"' if top else "",
        gnav=links_ul(site["gnav"], "gnavi"),
        pankuzu="" if top else '<div id="tmp_pankuzu"><p>%s</p></div>' % crumbs,
        h1="" if top and not page.get("h1") else "<h1>%s</h1>" % esc(page.get("h1", page["title"])),
        updated="" if top else '<p class="update">更新日：%s</p>' % esc(page.get("updated", site["updated"])),
        body=page["body"], inquiry=inquiry, enquete="" if top else enquete,
        sidettl=esc(page.get("sidettl", site.get("sidettl", "産業・ビジネス"))), side=links_ul(side),
        footer_extra=site.get("footer_extra", ""), postal=esc(site["postal"]), tel=esc(site["tel"]),
    )


# ---------------------------------------------------------------- <main> template
def mainstyle(site, page):
    crumbs = "".join('<li><a href="%s">%s</a></li>' % (esc(h), esc(l)) for l, h in page.get("crumbs", [])) + "<li>%s</li>" % esc(page["title"])
    side = page.get("side") or site.get("side", [])
    c = page.get("contact")
    contact = ""
    if c:
        contact = """<section class="contact">
<h2>お問い合わせ</h2>
<p>%s<br>住所：〒%s<br>電話：%s<br>FAX：%s</p>
<p><a href="%s">お問い合わせフォーム</a></p>
</section>""" % (esc(c[0]), esc(site["postal"]), esc(c[1]), esc(site["fax"]), esc(site["mailform"]))
    top = page["path"] == "index.html"
    feedback = "" if top else """<section class="feedback">
<h2>アンケート</h2>
<form action="/feedback/" method="post"><fieldset><legend>このページは役に立ちましたか？</legend>
<input type="radio" name="useful" id="u1" value="yes"><label for="u1">はい</label>
<input type="radio" name="useful" id="u2" value="no"><label for="u2">いいえ</label>
<button type="submit">送信する</button></fieldset></form>
<p>※お答えが必要な内容はお問い合わせ先へ直接ご連絡ください。</p>
</section>"""
    return """<!DOCTYPE html>
<html lang="ja">
<head>
%(meta)s
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(title)s - %(sitename)s</title>
</head>
<body>
<a class="skip-link" href="#main">メインコンテンツへ移動</a>
<header class="site-header">
<div class="logo"><a href="/"><img src="/img/logo.png" alt="%(sitename)s"></a></div>
<ul class="utility"><li><a href="/access.html">アクセス</a></li><li><a href="/sitemap.html">サイトマップ</a></li><li><a href="/english/">English</a></li><li><a href="/yomiage.html">読み上げ</a></li></ul>
<nav class="global-nav" aria-label="グローバルナビゲーション">
%(gnav)s
</nav>
</header>
%(bc)s
<div class="container">
<main id="main">
%(h1)s
%(body)s
%(updated)s
%(contact)s
%(feedback)s
</main>
<aside class="side-nav">
<h2>%(sidettl)s</h2>
%(side)s
<div class="banner"><a href="/bosai/index.html">防災情報</a></div>
</aside>
</div>
<footer class="site-footer">
<nav aria-label="フッターメニュー"><ul><li><a href="/policy/privacy.html">プライバシーポリシー</a></li><li><a href="/policy/site.html">このサイトについて</a></li><li><a href="/policy/accessibility.html">アクセシビリティ</a></li></ul></nav>
<p>%(sitename)s（法人番号 %(houjin)s）<br>〒%(postal)s　電話番号：%(tel)s（代表）</p>
<p><small>&copy; %(sitename_en)s</small></p>
</footer>
</body>
</html>
""" % dict(
        meta=meta_tag(page.get("meta", "utf-8"), site.get("meta_style", "html5")),
        title=esc(page["title"]), sitename=esc(site["name"]), sitename_en=esc(site["name_en"]),
        gnav=links_ul(site["gnav"]),
        bc="" if top else '<nav class="breadcrumb" aria-label="現在位置"><ol><li><a href="/">トップページ</a></li>%s</ol></nav>' % crumbs,
        h1="" if top and not page.get("h1") else "<h1>%s</h1>" % esc(page.get("h1", page["title"])),
        body=page["body"],
        updated="" if top else '<p class="date">最終更新日：%s</p>' % esc(page.get("updated", site["updated"])),
        contact=contact, feedback=feedback,
        sidettl=esc(page.get("sidettl", site.get("sidettl", "しごと・産業"))), side=links_ul(side),
        postal=esc(site["postal"]), tel=esc(site["tel"]), houjin=site.get("houjin", "0000000000000"),
    )


# ---------------------------------------------------------------- table layout (old sites)
def table(site, page):
    crumbs = " ＞ ".join(['<a href="%s">%s</a>' % (esc(h), esc(l)) for l, h in page.get("crumbs", [])] + [esc(page["title"])])
    side = page.get("side") or site.get("side", [])
    c = page.get("contact")
    contact = ""
    if c:
        contact = """<table width="100%%" border="1" cellspacing="0" cellpadding="4" class="toiawase">
<tr><td bgcolor="#eeeeee"><b>お問い合わせ先</b></td></tr>
<tr><td>%s<br>電話 %s　FAX %s</td></tr></table>""" % (esc(c[0]), esc(c[1]), esc(site["fax"]))
    top = page["path"] == "index.html"
    nav = " | ".join('<a href="%s">%s</a>' % (esc(h), esc(l)) for l, h in site["gnav"])
    sidehtml = "<br>\n".join('・<a href="%s">%s</a>' % (esc(h), esc(l)) for l, h in side)
    return """<html>
<head>
%(meta)s
<title>%(title)s／%(sitename)s</title>
</head>
<body bgcolor="#ffffff" text="#000000" link="#0000cc">
<a href="#contents"><img src="/img/spacer.gif" width="1" height="1" alt="本文へジャンプ" border="0"></a>
<table width="760" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="2" bgcolor="#336633"><font color="#ffffff" size="5"><b>%(sitename)s</b></font>　<font color="#ffffff" size="2">%(catch)s</font></td></tr>
<tr><td colspan="2" bgcolor="#ccddcc"><font size="2">%(nav)s</font></td></tr>
<tr><td colspan="2"><font size="2">%(crumbs)s</font></td></tr>
<tr>
<td width="170" valign="top" bgcolor="#f0f0e8"><font size="2"><b>%(sidettl)s</b><br>
%(side)s
<br><br><a href="/kurashi/index.html">くらしの情報</a><br><a href="/link.html">リンク集</a></font></td>
<td width="590" valign="top"><a name="contents"></a>
%(h1)s
%(body)s
<br>
%(contact)s
%(updated)s
</td></tr>
<tr><td colspan="2" align="center" bgcolor="#336633"><font color="#ffffff" size="2">%(sitename)s　〒%(postal)s %(addr)s　TEL %(tel)s<br>Copyright(C) %(sitename_en)s All Rights Reserved.</font></td></tr>
</table>
</body>
</html>
""" % dict(
        meta=meta_tag(page.get("meta", "Shift_JIS"), "http-equiv"),
        title=esc(page["title"]), sitename=esc(site["name"]), sitename_en=esc(site["name_en"]),
        catch=esc(site.get("catch", "")), nav=nav, crumbs='<a href="/index.html">ホーム</a>' if top else '<a href="/index.html">ホーム</a> ＞ ' + crumbs,
        sidettl=esc(page.get("sidettl", site.get("sidettl", "メニュー"))), side=sidehtml,
        h1="" if top and not page.get("h1") else '<h2><font color="#336633">%s</font></h2>' % esc(page.get("h1", page["title"])),
        body=page["body"], contact=contact,
        updated="" if top else '<p align="right"><font size="2">掲載日：%s</font></p>' % esc(page.get("updated", site["updated"])),
        postal=esc(site["postal"]), addr=esc(site.get("addr", "")), tel=esc(site["tel"]),
    )


# ---------------------------------------------------------------- simple div layout (affiliated organisations)
def org(site, page):
    side = page.get("side") or site.get("side", [])
    c = page.get("contact")
    contact = ""
    if c:
        contact = '<div class="inquiry"><h3>本件に関するお問い合わせ</h3><p>%s<br>TEL：%s／FAX：%s<br>受付時間：平日 9:00～17:00</p></div>' % (esc(c[0]), esc(c[1]), esc(site["fax"]))
    top = page["path"] == "index.html"
    crumbs = "" if top else '<div class="topicpath"><a href="/">HOME</a> &raquo; ' + " &raquo; ".join(['<a href="%s">%s</a>' % (esc(h), esc(l)) for l, h in page.get("crumbs", [])] + [esc(page["title"])]) + "</div>"
    return """<!DOCTYPE html>
<html lang="ja">
<head>
%(meta)s
<title>%(title)s | %(sitename)s</title>
</head>
<body>
<div id="header">
<p class="skip"><a href="#content">コンテンツへ移動</a></p>
<div class="site-title"><a href="/">%(sitename)s</a></div>
<div class="header-tel">お電話でのご相談 %(tel)s</div>
<div id="menu">%(gnav)s</div>
</div>
%(crumbs)s
<div id="wrapper">
<div id="content">
%(h1)s
%(body)s
%(contact)s
</div>
<div id="sidebar">
<h3>%(sidettl)s</h3>
%(side)s
<div class="sns"><a href="https://twitter.example/">Twitter</a> <a href="https://facebook.example/">Facebook</a></div>
</div>
</div>
<div id="footer">
<p>%(sitename)s　〒%(postal)s %(addr)s　TEL %(tel)s</p>
<p class="copy">&copy; %(sitename_en)s</p>
</div>
</body>
</html>
""" % dict(
        meta=meta_tag(page.get("meta", "utf-8"), site.get("meta_style", "html5")),
        title=esc(page["title"]), sitename=esc(site["name"]), sitename_en=esc(site["name_en"]),
        tel=esc(site["tel"]), gnav=links_ul(site["gnav"]), crumbs=crumbs,
        h1="" if top and not page.get("h1") else "<h1>%s</h1>" % esc(page.get("h1", page["title"])),
        body=page["body"], contact=contact,
        sidettl=esc(page.get("sidettl", site.get("sidettl", "事業のご案内"))), side=links_ul(side),
        postal=esc(site["postal"]), addr=esc(site.get("addr", "")),
    )


def bare(site, page):
    """A page given entirely by its body (404 pages, redirect stubs)."""
    return page["body"]


TEMPLATES = {"cms": cms, "main": mainstyle, "table": table, "org": org, "bare": bare}
