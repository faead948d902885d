#!/usr/bin/env python3
"""Scaffold generator for the muniscan sample web.

Writes (overwriting):
  corpus/src/<host>/<path>          UTF-8 HTML sources (+ .headers sidecars, robots.txt, sitemap.xml)
  corpus/src/ENCODINGS.tsv          which files build.sh converts to CP932 / EUC-JP
  corpus/src/pdf/*.txt              text of the PDFs (build.sh renders them)
  corpus/gold.csv, corpus/seeds.tsv

Everything here is fictional and written for this project.
Run:  python3 corpus/tools/gen_src.py && sh corpus/tools/build.sh
"""
import csv
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from templates import TEMPLATES  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
SRC = os.path.join(ROOT, "src")

TYPES_ORDER = ["expert_dispatch", "consultation_desk", "workstyle_reform"]


def check_digit(code5):
    s = sum(int(a) * w for a, w in zip(code5, [6, 5, 4, 3, 2]))
    return code5 + str((11 - s % 11) % 10)


assert check_digit("01100") == "011002" and check_digit("13101") == "131016" and check_digit("01000") == "010006"

# ------------------------------------------------------------------ governments
GOV = {
    # key: (code5, name, prefecture, category, seed url, start_urls)
    "yamabe": ("39000", "山辺県", "山辺県", "pref", "http://www.pref.yamabe.test/", ""),
    "kawanami": ("39201", "川波市", "山辺県", "capital", "http://www.city.kawanami.test/", ""),
    "kitaura": ("39402", "北浦町", "山辺県", "town", "http://www.town.kitaura.test/", ""),
    "umino": ("40000", "海野県", "海野県", "pref", "http://www.pref.umino.test/", "http://www.pref.umino.test/shigoto/index.html"),
    "minatohara": ("40130", "港原市", "海野県", "capital;designated", "http://www.city.minatohara.test/", ""),
    "matsumori": ("40203", "松森市", "海野県", "city", "http://www.city.matsumori.test/", ""),
    "morikawa": ("40606", "森川村", "海野県", "village", "http://www.vill.morikawa.test/", ""),
    "sakuradai": ("13119", "桜台区", "東京都", "ward", "http://www.city.sakuradai.test/", "http://www.city.sakuradai.test/sangyo/index.html"),
}

GOLD = []  # rows for gold.csv
PAGES = []  # (host, path, html, enc)
EXTRA = []  # (host, path, text) non-HTML files
ENC = []  # (host/path, encoding)


def P(title, types, it, reg, cost, visits, cont):
    """A program of interest on a page. visits: int or None; cont: single/multiple/unknown."""
    assert set(types) <= set(TYPES_ORDER) and types
    assert it in ("yes", "no") and reg in ("yes", "no") and cost in ("free", "partial", "paid", "unknown")
    assert cont in ("single", "multiple", "unknown")
    if visits is not None:
        assert cont == ("single" if visits == 1 else "multiple")
    return dict(title=title, types=types, it=it, reg=reg, cost=cost, visits=visits, cont=cont)


def add_site(site, pages):
    tpl = TEMPLATES[site["template"]]
    pages = list(pages) + add_stubs(site, pages)
    for pg in pages:
        html = tpl(site, pg)
        enc = pg.get("enc", "utf-8")
        path = pg["path"]
        PAGES.append((site["host"], path, html, enc))
        if enc != "utf-8":
            ENC.append((site["host"] + "/" + path, enc))
        if pg.get("headers"):
            EXTRA.append((site["host"], path + ".headers", "\n".join(pg["headers"]) + "\n"))
        owner = pg.get("owner", site.get("owner"))
        for prog in pg.get("programs", []):
            add_gold(owner, "http://%s/%s" % (site["host"], "" if path == "index.html" else path), prog)


STUB_BODY = "<p>このページは「%s」のご案内です。内容は準備中です。</p>"


def add_stubs(site, pages):
    """Create short placeholder pages for template links (サイトマップ, プライバシーポリシー …) that no page defines,
    so that a crawl of the sample web does not end in 404s except where intended."""
    import re
    import urllib.parse
    host = site["host"]
    have = {p["path"] for p in pages} | {pp for hh, pp, _, _ in PAGES if hh == host}
    stubs = {}
    for pg in pages:
        html = TEMPLATES[site["template"]](site, pg)
        base = "http://%s/%s" % (host, pg["path"])
        for href, text in re.findall(r'<a href="([^"#]+)"[^>]*>([^<]*)</a>', html):
            u = urllib.parse.urlsplit(urllib.parse.urljoin(base, href.replace("&amp;", "&")))
            if u.hostname != host or u.query:
                continue
            path = u.path.lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            if not path.endswith(".html") or path in have or path in stubs:
                continue
            if any(path.startswith(x) for x in ("contact/", "form/", "admin/")) and host != "www.town.kitaura.test":
                continue
            stubs[path] = text.strip() or "ご案内"
    out = []
    for path, text in sorted(stubs.items()):
        out.append(dict(path=path, title=text, body=STUB_BODY % text, crumbs=[], **site.get("stub", {})))
    return out


def add_gold(owner, url, prog):
    code5, name, pref, cat, _, _ = GOV[owner]
    riss = sum([prog["it"] == "yes", prog["reg"] == "yes", prog["cost"] in ("free", "partial"), prog["cont"] == "multiple"])
    GOLD.append([check_digit(code5), name, cat, prog["title"], url,
                 ";".join(t for t in TYPES_ORDER if t in prog["types"]), prog["it"], prog["reg"], prog["cost"],
                 "" if prog["visits"] is None else str(prog["visits"]), prog["cont"], str(riss), "", "", ""])


ED, CD, WR = "expert_dispatch", "consultation_desk", "workstyle_reform"

# ======================================================================== 山辺県 (CMS template)
YAMABE = dict(
    host="www.pref.yamabe.test", template="cms", owner="yamabe", name="山辺県", name_en="Yamabe Prefecture",
    postal="780-8570 山辺県川波市丸の内1丁目2番20号", tel="088-823-1111", fax="088-823-9999",
    mailform="https://www.pref.yamabe.test/form/inquiry.html", updated="2021年4月1日",
    gnav=[("くらし・環境", "/kurashi/index.html"), ("健康・福祉", "/kenko/index.html"), ("子育て・教育", "/kosodate/index.html"),
          ("産業・ビジネス", "/sangyo/index.html"), ("観光・文化", "/kanko/index.html"), ("県政情報", "/kensei/index.html"),
          ("防災・安全", "/bosai/index.html"), ("選挙", "/senkyo/index.html")],
    side=[("中小企業支援", "/sangyo/chusho/index.html"), ("雇用・労働", "/sangyo/rodo/index.html"), ("農林水産業", "/sangyo/norin.html"),
          ("企業立地", "/sangyo/ricchi.html")],
    footer_extra='<li><a href="/admin/index.html">職員用ページ</a></li>',
)
Y_CHUSHO = ("中小企業支援", "/sangyo/chusho/index.html")
Y_SANGYO = ("産業・ビジネス", "/sangyo/index.html")
Y_RODO = ("雇用・労働", "/sangyo/rodo/index.html")
CT_Y_SHOKO = ("商工労働部 経営支援課", "088-823-9697")
CT_Y_RODO = ("商工労働部 雇用労働政策課", "088-823-9764")

yamabe_pages = [
    dict(path="index.html", title="山辺県ホームページ", h1="山辺県へようこそ", body="""
<div class="top_news"><h2>新着情報</h2>
<ul>
<li>2021年4月1日 <a href="/sangyo/chusho/dx-advisor.html">中小企業デジタル化アドバイザー派遣事業の利用企業を募集します</a></li>
<li>2021年3月30日 <a href="/sangyo/chusho/shien-list.html">令和3年度 中小企業者向け支援制度の一覧を掲載しました</a></li>
<li>2021年3月25日 <a href="/kensei/shokuin-haken.html">被災地への県職員の派遣について</a></li>
<li>2021年3月20日 <a href="/senkyo/index.html">山辺県知事選挙の投票日のお知らせ</a></li>
<li>2021年3月15日 <a href="/kanko/index.html">春の観光キャンペーンを実施中です</a></li>
</ul></div>
<div class="top_banner"><h2>分野から探す</h2>
<ul>
<li><a href="/sangyo/index.html">産業・ビジネス</a></li>
<li><a href="/kurashi/shohi.html">消費生活</a></li>
<li><a href="/kosodate/index.html">子育て・教育</a></li>
<li><a href="http://www.yamabe-iso.test/">（公財）山辺県産業振興財団</a></li>
</ul></div>"""),
    dict(path="sangyo/index.html", title="産業・ビジネス", crumbs=[], body="""
<h2>中小企業支援</h2>
<ul>
<li><a href="chusho/index.html">中小企業支援のトップ</a></li>
<li><a href="chusho/dx-advisor.html">中小企業デジタル化アドバイザー派遣事業</a></li>
<li><a href="chusho/shien-list.html">令和3年度 中小企業者向け支援制度一覧</a></li>
</ul>
<h2>雇用・労働</h2>
<ul>
<li><a href="rodo/index.html">雇用・労働のトップ</a></li>
<li><a href="rodo/hatarakikata.html">働き方改革推進支援事業</a></li>
</ul>
<h2>その他</h2>
<ul><li><a href="norin.html">農林水産業</a></li><li><a href="ricchi.html">企業立地</a></li></ul>"""),
    dict(path="sangyo/chusho/index.html", title="中小企業支援", crumbs=[Y_SANGYO], body="""
<p>県内の中小企業・小規模事業者の皆さまが利用できる県の支援策をまとめています。</p>
<h2>専門家の派遣</h2>
<ul>
<li><a href="dx-advisor.html">中小企業デジタル化アドバイザー派遣事業</a></li>
<li><a href="kansensho-haken.html">感染症対策専門家派遣事業（受付終了）</a></li>
</ul>
<h2>相談</h2>
<ul>
<li><a href="cyber-soudan.html">サイバーセキュリティお困りごと相談窓口</a></li>
<li><a href="shien-list.html">支援制度一覧（融資・相談窓口ほか）</a></li>
</ul>
<h2>関係機関</h2>
<ul>
<li><a href="http://www.yamabe-iso.test/">公益財団法人 山辺県産業振興財団</a>（県の中小企業支援センターです）</li>
<li><a href="http://www.yamabe-iso.test/shien/expert.html">財団の専門家派遣事業</a></li>
</ul>"""),
    dict(path="sangyo/chusho/dx-advisor.html", title="中小企業デジタル化アドバイザー派遣事業", crumbs=[Y_SANGYO, Y_CHUSHO], contact=CT_Y_SHOKO,
         updated="2021年4月1日", body="""
<p>県では、業務のデジタル化や情報セキュリティ対策に取り組む県内中小企業のもとへ、県に登録されたアドバイザーを派遣し、課題の整理から解決策の実行までを支援します。</p>
<h2>対象となる方</h2>
<p>県内に事業所を有する中小企業者及び個人事業主</p>
<h2>支援の内容</h2>
<ul>
<li>ITツール・クラウドサービスの選定、システム導入の計画づくり</li>
<li>情報セキュリティ対策の現状診断と社内ルールの策定</li>
<li>テレワーク環境の整備に関する助言</li>
</ul>
<h2>派遣するアドバイザー</h2>
<p>ITコーディネータ、情報処理安全確保支援士、中小企業診断士など、県の登録専門家名簿に掲載されたアドバイザーの中から、課題に応じて選任します。</p>
<h2>派遣回数・費用</h2>
<p>1企業あたり最大5回まで派遣できます。アドバイザーへの謝金のうち、3分の2を県が負担し、残りの3分の1は利用企業の自己負担となります。</p>
<h2>申込方法</h2>
<p>申込書（<a href="/sangyo/chusho/docs/dx-moushikomi.docx">Word：35KB</a>）に必要事項を記入し、経営支援課へ電子メールでお送りください。</p>""",
         programs=[P("中小企業デジタル化アドバイザー派遣事業", [ED], "yes", "yes", "partial", 5, "multiple")]),
    dict(path="sangyo/chusho/shien-list.html", title="令和3年度 中小企業者向け支援制度一覧", crumbs=[Y_SANGYO, Y_CHUSHO], updated="2021年3月30日",
         contact=CT_Y_SHOKO, body="""
<p>県が実施する主な支援制度は次のとおりです。各制度の詳細は、それぞれの担当までお問い合わせください。</p>
<h2>(1) 山辺県中小企業制度融資</h2>
<p>金融機関を通じて、運転資金・設備資金を低利で融資します。保証料の一部を県が補給します。</p>
<p>担当：経営支援課 金融担当（電話 088-823-9698）</p>
<h2>(2) 経営革新専門家派遣</h2>
<p>新商品の開発や販路開拓など、経営革新計画に取り組む事業者に対し、専門家を派遣して助言を行います。派遣は3回までで、費用は無料です。</p>
<p>担当：経営支援課 経営革新担当（電話 088-823-9699）</p>
<h2>(3) 事業継続支援金</h2>
<p>売上が大きく減少した事業者に対して、1事業者あたり20万円の支援金を給付します。</p>
<p>担当：事業継続支援金コールセンター（電話 0120-000-111）</p>
<h2>(4) 中小企業総合相談窓口</h2>
<p>資金繰り、取引、雇用など経営全般に関するご相談を、経営支援課内の窓口でお受けします。相談は無料で、予約がなくてもご利用いただけます。</p>
<p>担当：経営支援課 相談窓口（電話 088-823-9700）</p>
<h2>(5) 県税の納税猶予</h2>
<p>事業収入が減少した場合、申請により県税の納付を猶予できる場合があります。</p>
<p>担当：税務課（電話 088-823-9400）</p>""",
         programs=[P("経営革新専門家派遣", [ED], "no", "no", "free", 3, "multiple"),
                   P("中小企業総合相談窓口", [CD], "no", "no", "free", None, "unknown")]),
    dict(path="sangyo/chusho/kansensho-haken.html", title="感染症対策専門家派遣事業", crumbs=[Y_SANGYO, Y_CHUSHO], contact=CT_Y_SHOKO,
         updated="2020年12月28日", body="""
<p><strong>本事業の令和2年度の受付は終了しました。多数のお申込みありがとうございました。</strong></p>
<p>飲食店や小売店などの事業者の皆さまが感染防止対策に取り組めるよう、県が専門家を店舗に派遣し、換気や動線の見直しについて具体的な助言を行う事業です。</p>
<ul>
<li>派遣回数：1事業者につき三回まで</li>
<li>費用：無料（専門家への謝金は県が全額負担します）</li>
</ul>""",
         programs=[P("感染症対策専門家派遣事業", [ED], "no", "no", "free", 3, "multiple")]),
    dict(path="sangyo/chusho/cyber-soudan.html", title="サイバーセキュリティお困りごと相談窓口", crumbs=[Y_SANGYO, Y_CHUSHO],
         contact=("商工労働部 産業デジタル推進室", "088-823-9755"), body="""
<p>ウイルス感染、不正アクセス、ホームページの改ざんなど、情報セキュリティに関する事業者の皆さまのお悩みを受け付ける窓口を開設しています。</p>
<table border="1"><caption>相談窓口の概要</caption>
<tr><th>受付時間</th><td>平日 午前9時～午後5時</td></tr>
<tr><th>相談方法</th><td>電話、メール、来庁（予約制）</td></tr>
<tr><th>相談料</th><td>無料</td></tr>
<tr><th>対象</th><td>県内の中小企業・小規模事業者</td></tr>
</table>
<p>被害が発生している場合は、最寄りの警察署にもご相談ください。</p>""",
         programs=[P("サイバーセキュリティお困りごと相談窓口", [CD], "yes", "no", "free", None, "unknown")]),
    dict(path="sangyo/rodo/index.html", title="雇用・労働", crumbs=[Y_SANGYO], side=[("働き方改革推進支援事業", "/sangyo/rodo/hatarakikata.html"),
         ("テレワーク導入促進補助金", "/sangyo/rodo/telework.html"), ("求職者の方へ", "/sangyo/rodo/kyushoku.html")], sidettl="雇用・労働", body="""
<ul>
<li><a href="hatarakikata.html">働き方改革推進支援事業（社会保険労務士の派遣）</a></li>
<li><a href="telework.html">テレワーク導入促進補助金</a></li>
<li><a href="kyushoku.html">求職者の方へ（しごと相談・職業紹介）</a></li>
<li><a href="/sangyo/chusho/index.html">中小企業支援</a></li>
</ul>"""),
    dict(path="sangyo/rodo/hatarakikata.html", title="働き方改革推進支援事業", crumbs=[Y_SANGYO, Y_RODO], contact=CT_Y_RODO, sidettl="雇用・労働",
         body="""
<p>長時間労働の是正や年次有給休暇の取得促進、就業規則の見直しなど、働き方改革に取り組む県内事業所に、県の登録を受けた社会保険労務士を派遣します。</p>
<h2>支援の内容</h2>
<ol>
<li>労働時間の実態把握と削減に向けた助言</li>
<li>就業規則・賃金規程の整備</li>
<li>仕事と育児・介護の両立支援制度の導入</li>
</ol>
<h2>利用回数と費用</h2>
<p>派遣は年度内4回以内です。社会保険労務士への報酬は県が負担するため、事業所の費用負担はありません。</p>
<h2>申込み</h2>
<p>所定の申込書を雇用労働政策課へ郵送またはメールで提出してください。</p>""",
         programs=[P("働き方改革推進支援事業", [ED, WR], "no", "yes", "free", 4, "multiple")]),
    dict(path="sangyo/rodo/telework.html", title="テレワーク導入促進補助金", crumbs=[Y_SANGYO, Y_RODO], contact=CT_Y_RODO, sidettl="雇用・労働",
         body="""
<p>在宅勤務やサテライトオフィス勤務など、多様な働き方を進めるためにテレワーク環境を整える中小企業を対象に、必要な経費の一部を補助します。</p>
<h2>補助対象経費</h2>
<ul><li>ノートパソコン、Web会議用機器などICT機器の購入費</li><li>クラウドサービスの利用料、VPN等のシステム導入費</li><li>テレワーク規程の作成に係る委託費</li></ul>
<h2>補助率・上限額</h2>
<p>補助対象経費の2分の1以内（上限50万円）。残りは事業者の負担となります。</p>
<h2>募集期間</h2>
<p>令和3年5月10日から令和3年7月30日まで（予算に達した時点で締め切ります）</p>""",
         programs=[P("テレワーク導入促進補助金", [WR], "yes", "no", "partial", None, "unknown")]),
    dict(path="sangyo/rodo/kyushoku.html", title="求職者の方へ", crumbs=[Y_SANGYO, Y_RODO], contact=CT_Y_RODO, sidettl="雇用・労働", body="""
<p>仕事を探している方を対象に、山辺県しごとプラザで職業相談・職業紹介を行っています。キャリアカウンセラーが就職に関する相談に無料で応じます。</p>
<ul><li>開設時間：平日 午前10時～午後7時</li><li>場所：川波駅前ビル3階</li></ul>
<p>企業の採用担当者の方は、求人登録をご利用ください。</p>"""),
    dict(path="sangyo/norin.html", title="農林水産業", crumbs=[Y_SANGYO], body="<p>農林水産業に関する情報はこちらのページにまとめています。担い手の育成、鳥獣被害対策などの情報を掲載しています。</p>"),
    dict(path="sangyo/ricchi.html", title="企業立地", crumbs=[Y_SANGYO], body="<p>県内への工場・事業所の立地をご検討の企業向けに、工業団地と立地奨励金をご案内します。</p>"),
    dict(path="kurashi/shohi.html", title="消費生活相談", crumbs=[("くらし・環境", "/kurashi/index.html")], sidettl="くらし・環境",
         contact=("県民生活課 消費生活センター", "088-824-0999"), body="""
<p>契約トラブルや悪質商法など、消費生活に関する県民の皆さまからの相談を、消費生活センターの相談員が受け付けています。相談は無料です。</p>
<p>事業者間の取引に関するご相談はお受けしていません。</p>"""),
    dict(path="kurashi/index.html", title="くらし・環境", crumbs=[], sidettl="くらし・環境", body="""<ul><li><a href="shohi.html">消費生活相談</a></li><li><a href="/kosodate/index.html">子育て</a></li></ul>"""),
    dict(path="kosodate/index.html", title="子育て・教育", crumbs=[], sidettl="子育て・教育", body="<p>子育て応援パスポート、保育所の入所、児童手当など、子育て家庭への支援をご紹介します。</p>"),
    dict(path="kanko/index.html", title="観光・文化", crumbs=[], sidettl="観光・文化", body="<p>清流と山並みに恵まれた山辺県の観光情報です。春の花めぐりスタンプラリーを開催しています。</p>"),
    dict(path="senkyo/index.html", title="選挙", crumbs=[], sidettl="選挙", body="<p>山辺県知事選挙の投票日は令和3年6月6日です。期日前投票は各市町村の期日前投票所で行えます。</p>"),
    dict(path="kensei/shokuin-haken.html", title="被災地への県職員の派遣について", crumbs=[("県政情報", "/kensei/index.html")], sidettl="県政情報",
         contact=("総務部 人事課", "088-823-9100"), body="""
<p>大雨災害を受けた他県からの要請に基づき、本県職員を派遣しました。派遣された職員は、避難所の運営支援や住家被害認定調査に従事します。</p>
<ul><li>派遣期間：令和3年3月22日から4月5日まで</li><li>派遣人数：土木技術職員6名、保健師2名</li></ul>"""),
    dict(path="kensei/index.html", title="県政情報", crumbs=[], sidettl="県政情報", body="""<ul><li><a href="shokuin-haken.html">被災地への県職員の派遣について</a></li></ul>"""),
    dict(path="admin/index.html", title="職員用ページ", crumbs=[], body="<p>このページは職員専用です。</p>", enquete=False),
]
add_site(YAMABE, yamabe_pages)
for _h in ("www.pref.yamabe.test", "www.city.kawanami.lg.test", "www.city.sakuradai.test"):
    EXTRA.append((_h, "shared/style/default.css", "body { font-family: sans-serif; }\n.skip { position: absolute; left: -9999px; }\n"))
EXTRA.append(("www.pref.yamabe.test", "robots.txt", "User-agent: *\nDisallow: /admin/\nDisallow: /cgi-bin/\nCrawl-delay: 1\n"))

# ======================================================================== 山辺県産業振興財団 (org) -> prefecture's programs
ISO = dict(
    host="www.yamabe-iso.test", template="org", owner="yamabe", name="公益財団法人 山辺県産業振興財団", name_en="Yamabe Industrial Support Organization",
    postal="780-0850", addr="山辺県川波市本町2-1-5 県産業会館4階", tel="088-845-6600", fax="088-845-6609",
    gnav=[("財団について", "/about.html"), ("支援メニュー", "/shien/index.html"), ("セミナー", "/seminar.html"), ("アクセス", "/access.html")],
    side=[("専門家派遣事業", "/shien/expert.html"), ("よろず経営相談窓口", "/shien/soudan.html"), ("デジタル化伴走支援", "/shien/digital.html"),
          ("設備資金の貸付", "/shien/kashitsuke.html")],
)
CT_ISO = ("山辺県中小企業支援センター（財団 経営支援部）", "088-845-6611")
iso_pages = [
    dict(path="index.html", title="トップページ", h1="山辺県の中小企業を応援します", body="""
<p>当財団は、山辺県から「山辺県中小企業支援センター」の指定を受け、県内中小企業の経営課題の解決をお手伝いしています。</p>
<h2>お知らせ</h2>
<dl>
<dt>2021.04.05</dt><dd><a href="/shien/expert.html">令和3年度 専門家派遣事業の申込受付を開始しました</a></dd>
<dt>2021.03.18</dt><dd><a href="/shien/digital.html">デジタル化伴走支援の参加企業を募集します</a></dd>
<dt>2021.03.01</dt><dd><a href="/seminar.html">経営セミナーの開催案内</a></dd>
</dl>"""),
    dict(path="shien/index.html", title="支援メニュー", crumbs=[], body="""
<ul>
<li><a href="expert.html">専門家派遣事業</a>：経営・技術・ITの専門家を企業へ派遣</li>
<li><a href="soudan.html">よろず経営相談窓口</a>：財団窓口での経営相談</li>
<li><a href="digital.html">デジタル化伴走支援</a></li>
<li><a href="it-shutcho.html">IT出張相談</a>（有料）</li>
<li><a href="kashitsuke.html">設備資金の貸付（設備貸与）</a></li>
</ul>"""),
    dict(path="shien/expert.html", title="専門家派遣事業", crumbs=[("支援メニュー", "/shien/index.html")], contact=CT_ISO, body="""
<p>山辺県中小企業支援センターでは、経営上の課題を抱える県内中小企業に、財団に登録された専門家を派遣しています。</p>
<h2>対象となる課題</h2>
<p>経営戦略、財務、マーケティング、生産管理、IT活用・情報セキュリティ、労務管理など</p>
<h2>登録専門家</h2>
<p>中小企業診断士、税理士、技術士、ITコーディネータ、社会保険労務士など約150名が登録しています。専門家として登録を希望される方は<a href="/shien/touroku.html">専門家登録のご案内</a>をご覧ください。</p>
<h2>派遣回数</h2>
<p>１企業あたり年度内５回まで</p>
<h2>費用負担</h2>
<p>専門家への謝金・旅費の3分の2を財団が負担します。企業の負担は残りの3分の1です。</p>""",
         programs=[P("専門家派遣事業", [ED], "yes", "yes", "partial", 5, "multiple")]),
    dict(path="shien/touroku.html", title="専門家登録のご案内", crumbs=[("支援メニュー", "/shien/index.html")], contact=CT_ISO, body="""
<p>財団の専門家派遣事業に協力していただける専門家を随時募集しています。登録の要件、申請書類はこのページからダウンロードできます。</p>"""),
    dict(path="shien/soudan.html", title="よろず経営相談窓口", crumbs=[("支援メニュー", "/shien/index.html")], contact=CT_ISO, body="""
<p>売上の減少、資金繰り、事業承継など、経営に関するさまざまなお悩みを財団の窓口でお聞きします。</p>
<ul>
<li>相談日：月曜日～金曜日（祝日を除く）9:00～17:00</li>
<li>相談料：無料</li>
<li>予約：電話で事前にご予約ください</li>
</ul>
<p>※ITに関する相談は対象外です。パソコンの操作やソフトウェアの不具合についてはお答えできません。</p>""",
         programs=[P("よろず経営相談窓口", [CD], "no", "no", "free", None, "unknown")]),
    dict(path="shien/digital.html", title="デジタル化伴走支援", crumbs=[("支援メニュー", "/shien/index.html")], contact=CT_ISO, body="""
<p>業務のデジタル化に踏み出したい小規模事業者を対象に、財団のコーディネーターが事業所を訪問し、目標設定からツールの定着まで伴走して支援します。</p>
<p>DXの第一歩として、受発注のデータ化や会計ソフトの導入などに取り組みたい事業者に適しています。</p>
<p>参加費：無料</p>
<p>募集数：10社（先着順）</p>""",
         programs=[P("デジタル化伴走支援", [ED], "yes", "no", "free", None, "multiple")]),
    dict(path="shien/it-shutcho.html", title="IT出張相談", crumbs=[("支援メニュー", "/shien/index.html")], contact=CT_ISO, body="""
<p>社内ネットワークの構築、業務ソフトの入替え、情報セキュリティ事故への備えなどについて、財団に登録されたITコーディネータが事業所へ出向いてご相談に応じます。</p>
<p>ご利用は年度内に三回までです。</p>
<p>費用は無料ではありません。1回10,000円（税込）を全額ご負担いただきます。</p>""",
         programs=[P("IT出張相談", [ED], "yes", "yes", "paid", 3, "multiple")]),
    dict(path="shien/kashitsuke.html", title="設備資金の貸付", crumbs=[("支援メニュー", "/shien/index.html")], contact=CT_ISO, body="""
<p>設備の導入に必要な資金を、無利子または低利で貸し付けます。貸付限度額は1,000万円です。</p>
<p>詳しくは<a href="/docs/kashitsuke-chirashi.pdf">貸付制度チラシ（PDF：98KB）</a>をご覧ください。</p>"""),
    dict(path="seminar.html", title="セミナー", crumbs=[], body="<p>今年度の経営セミナーは、事業計画の作り方をテーマに全4回開催します。受講料は1回1,000円です。</p>"),
    dict(path="about.html", title="財団について", crumbs=[], body="<p>当財団は昭和60年に設立され、県内産業の振興を目的として活動しています。</p>"),
    dict(path="access.html", title="アクセス", crumbs=[], body="<p>川波駅から徒歩8分、県産業会館の4階です。駐車場はありません。</p>"),
]
add_site(ISO, iso_pages)
EXTRA.append(("www.yamabe-iso.test", "robots.txt", "User-agent: *\nDisallow:\n"))

# ======================================================================== 川波市 (old host redirects; CMS template)
EXTRA.append(("www.city.kawanami.test", "index.html", "<html><body><p>このサイトは移転しました。<a href=\"http://www.city.kawanami.lg.test/\">新しいサイト</a></p></body></html>\n"))
EXTRA.append(("www.city.kawanami.test", "index.html.headers", "Status: 301\nLocation: http://www.city.kawanami.lg.test/\nContent-Type: text/html; charset=UTF-8\n"))
EXTRA.append(("www.city.kawanami.test", "robots.txt", "User-agent: *\nDisallow:\n"))
KH = "www.city.kawanami.lg.test"
KAWANAMI = dict(
    host=KH, template="cms", owner="kawanami", name="川波市", name_en="Kawanami City",
    postal="780-8571 山辺県川波市本町五丁目1番45号", tel="088-822-8111", fax="088-822-8190",
    mailform="https://www.city.kawanami.lg.test/form/toiawase.html", updated="2021年4月12日", sidettl="産業・しごと",
    gnav=[("くらし", "/kurashi/index.html"), ("子育て", "/kosodate/index.html"), ("ごみ・環境", "/gomi/index.html"),
          ("産業・しごと", "http://www.city.kawanami.lg.test/sangyo/index.html"), ("イベント", "/event/calendar.html"), ("市議会", "/gikai/index.html")],
    side=[("中小企業支援", "/sangyo/chusho/"), ("募集中の事業", "/sangyo/chusho/boshu.html"), ("雇用・労働", "/sangyo/rodo/ryoritsu-haken.html"),
          ("関連リンク", "/sangyo/chusho/links.html")],
)
K_SANGYO = ("産業・しごと", "/sangyo/index.html")
K_CHUSHO = ("中小企業支援", "/sangyo/chusho/index.html")
CT_K = ("商工観光部 産業政策課", "088-823-9371")
kawanami_pages = [
    dict(path="index.html", title="川波市公式ホームページ", body="""
<div id="top_news"><h2>お知らせ</h2><ul>
<li>令和3年4月12日 <a href="/sangyo/chusho/boshu.html">事業者向け：募集中の支援事業</a></li>
<li>令和3年4月9日 <a href="/event/calendar.html">イベントカレンダーを更新しました</a></li>
<li>令和3年4月1日 <a href="/sangyo/chusho/dx-advisor.html">中小企業DX推進アドバイザー派遣のお知らせ</a></li>
<li>令和3年3月31日 <a href="http://www.kawanami-cci.test/keiei/junkai.html">商工会議所の巡回訪問支援（市委託事業）</a></li>
<li>令和3年3月28日 <a href="/gomi/index.html">ごみ収集日程表（令和3年度版）</a></li>
</ul></div>
<div id="top_menu"><h2>目的から探す</h2><ul>
<li><a href="/sangyo/index.html">事業者の方へ</a></li>
<li><a href="/kurashi/soudan.html">市民相談</a></li>
<li><a href="/kosodate/index.html">子育て</a></li>
<li><a href="/gikai/index.html">市議会</a></li>
</ul></div>"""),
    dict(path="sangyo/index.html", title="産業・しごと", crumbs=[], body="""
<ul>
<li><a href="chusho/">中小企業支援</a></li>
<li><a href="chusho/keiei-soudan.html">中小企業経営相談窓口</a></li>
<li><a href="chusho/sogyo-banso.html">創業者伴走支援事業</a></li>
<li><a href="rodo/ryoritsu-haken.html">両立支援アドバイザー派遣</a></li>
<li><a href="chusho/hojo.html">省エネルギー設備導入補助金</a></li>
</ul>"""),
    dict(path="sangyo/chusho/index.html", title="中小企業支援", crumbs=[K_SANGYO], body="""
<h2>市の事業</h2>
<ul>
<li><a href="keiei-soudan.html">中小企業経営相談窓口</a></li>
<li><a href="dx-advisor.html">中小企業DX推進アドバイザー派遣</a></li>
<li><a href="sogyo-banso.html">創業者伴走支援事業</a></li>
<li><a href="boshu.html">募集中の事業</a></li>
<li><a href="docs/security-haken-yoko.pdf">情報セキュリティ専門家派遣事業 募集要項（PDF：120KB）</a></li>
<li><a href="seido-2019.html">平成31年度の支援制度（旧ページ）</a></li>
</ul>
<h2>関係機関の事業</h2>
<ul>
<li><a href="http://www.kawanami-cci.test/">川波商工会議所</a></li>
<li><a href="http://www.kawanami-cci.test/keiei/junkai.html">小規模事業者巡回訪問支援事業（市委託）</a></li>
<li><a href="http://www.yamabe-iso.test/shien/expert.html">山辺県産業振興財団の専門家派遣事業</a></li>
<li><a href="links.html">国・県の支援機関へのリンク</a></li>
</ul>"""),
    dict(path="sangyo/chusho/keiei-soudan.html", title="中小企業経営相談窓口", crumbs=[K_SANGYO, K_CHUSHO], contact=CT_K, body="""
<p>市役所本庁舎2階の産業政策課内に、事業者の皆さまのための経営相談窓口を設けています。</p>
<p>市が委嘱した中小企業診断士の相談員が、資金計画、販路開拓、事業計画の作成などについてアドバイスします。</p>
<h2>開設日時</h2><p>毎週火曜日・木曜日　午後1時から午後4時まで（1件あたり1時間程度）</p>
<h2>費用</h2><p>相談は無料です。</p>
<h2>予約</h2><p>前日までに電話で予約してください。</p>""",
         programs=[P("中小企業経営相談窓口", [CD], "no", "yes", "free", None, "unknown")]),
    dict(path="sangyo/chusho/dx-advisor.html", title="中小企業DX推進アドバイザー派遣", crumbs=[K_SANGYO, K_CHUSHO], contact=CT_K, body="""
<p>市内の中小企業がデジタル技術を活用して業務を見直すことができるよう、市がアドバイザーを事業所に派遣します。</p>
<h3>アドバイザー</h3>
<p>情報処理安全確保支援士、ITコーディネータなどの資格を持つ専門家を市で募集し、名簿に登録しています。</p>
<h3>派遣の条件</h3>
<ul><li>同一の事業者への派遣は3回まで</li><li>派遣費用の3分の2を市が負担し、残りを事業者にご負担いただきます</li></ul>
<h3>専門家の皆さまへ</h3>
<p>アドバイザーとして協力いただける専門家を募集しています。</p>""",
         programs=[P("中小企業DX推進アドバイザー派遣", [ED], "yes", "yes", "partial", 3, "multiple")]),
    dict(path="sangyo/chusho/sogyo-banso.html", title="創業者伴走支援事業", crumbs=[K_SANGYO, K_CHUSHO], contact=CT_K, body="""
<p>市内で創業して間もない方を対象に、中小企業診断士が定期的に事業所を訪ね、創業後1年間にわたって経営の立ち上がりを伴走支援します。</p>
<p>支援に係る費用はかかりません。</p>
<p>対象：市内で創業後3年以内の個人事業主・法人</p>""",
         programs=[P("創業者伴走支援事業", [ED], "no", "yes", "free", None, "multiple")]),
    dict(path="sangyo/chusho/boshu.html", title="募集中の事業", crumbs=[K_SANGYO, K_CHUSHO], contact=CT_K, body="""
<p>事業者の皆さま向けに、現在募集している事業の資料を掲載しています。</p>
<ul>
<li><a href="docs/security-haken-yoko.pdf">令和3年度 情報セキュリティ専門家派遣事業 募集要項（PDF：120KB）</a></li>
<li><a href="http://www.yamabe-iso.test/docs/kashitsuke-chirashi.pdf">山辺県産業振興財団 設備資金貸付のチラシ（PDF：98KB）</a></li>
<li><a href="hojo.html">省エネルギー設備導入補助金</a></li>
</ul>
<p>PDFファイルをご覧いただくには、Adobe Acrobat Readerが必要です。</p>"""),
    dict(path="sangyo/chusho/hojo.html", title="省エネルギー設備導入補助金", crumbs=[K_SANGYO, K_CHUSHO], contact=CT_K, body="""
<p>市内の事業所で高効率の空調設備やLED照明へ更新する経費の一部を補助します。補助率は3分の1、上限は100万円です。</p>"""),
    dict(path="sangyo/chusho/links.html", title="国・県の支援機関へのリンク", crumbs=[K_SANGYO, K_CHUSHO], body="""
<p>市以外の機関が実施している支援策です。内容はそれぞれの機関にお問い合わせください。</p>
<ul>
<li><a href="https://www.chusho.meti.example/">中小企業119（国の事業）</a>：専門家派遣を国が実施しています</li>
<li><a href="https://yorozu.example/yamabe/">山辺県よろず支援拠点（国が設置する経営相談所）</a></li>
<li><a href="http://www.yamabe-iso.test/">公益財団法人 山辺県産業振興財団</a></li>
<li><a href="https://hatarakikata.example/">働き方改革推進支援センター（厚生労働省の委託事業）</a></li>
</ul>"""),
    dict(path="sangyo/rodo/ryoritsu-haken.html", title="両立支援アドバイザー派遣", crumbs=[K_SANGYO], contact=("商工観光部 雇用促進課", "088-823-9372"), body="""
<p>従業員が仕事と子育て・介護を両立しやすい職場づくりを目指す市内事業所に、両立支援のアドバイザーを1回派遣します。育児休業制度の整備や、短時間勤務の導入について助言します。</p>
<p>利用料：無料（1社につき1回）</p>""",
         programs=[P("両立支援アドバイザー派遣", [ED, WR], "no", "no", "free", 1, "single")]),
    dict(path="kurashi/soudan.html", title="市民相談", crumbs=[("くらし", "/kurashi/index.html")], sidettl="くらし", contact=("市民課 市民相談室", "088-823-9000"), body="""
<p>日常生活のお困りごとについて、市民相談室で相談をお受けしています。弁護士による無料法律相談（予約制）も毎月実施しています。</p>
<p>対象は市内にお住まいの方です。</p>"""),
    dict(path="kurashi/index.html", title="くらし", crumbs=[], sidettl="くらし", body='<ul><li><a href="soudan.html">市民相談</a></li></ul>'),
    dict(path="kosodate/index.html", title="子育て", crumbs=[], sidettl="子育て", body="<p>保育所の入所申込み、子ども医療費の助成、放課後児童クラブについてご案内します。</p>"),
    dict(path="gomi/index.html", title="ごみ・環境", crumbs=[], sidettl="ごみ・環境", body="<p>燃やすごみは週2回、資源物は月2回の収集です。地区ごとの収集日はごみ収集日程表でご確認ください。</p>"),
    dict(path="gikai/index.html", title="市議会", crumbs=[], sidettl="市議会", body="<p>令和3年3月定例会の会期日程と一般質問の通告一覧を掲載しています。</p>"),
    dict(path="event/calendar.html", title="イベントカレンダー", crumbs=[], sidettl="イベント", body="""
<p class="cal_nav"><a href="calendar.html?ym=202103">&lt; 前の月</a>　2021年4月　<a href="calendar.html?ym=202105">次の月 &gt;</a></p>
<table class="calendar" border="1"><tr><th>日</th><th>月</th><th>火</th><th>水</th><th>木</th><th>金</th><th>土</th></tr>
<tr><td></td><td></td><td></td><td></td><td>1</td><td>2</td><td>3 <a href="/event/hanami.html">花見まつり</a></td></tr>
<tr><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td><td>9</td><td>10</td></tr>
</table>
<p><a href="calendar.html?ym=202104&amp;view=list">一覧表示</a></p>"""),
    dict(path="event/hanami.html", title="川波城花見まつり", crumbs=[("イベント", "/event/calendar.html")], sidettl="イベント", body="<p>城跡公園で花見まつりを開催します。屋台やステージイベントがあります。</p>"),
    dict(path="sangyo/chusho/seido-2019.html", template="bare", title="404", headers=["Status: 404", "Content-Type: text/html; charset=UTF-8"], body="""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ページが見つかりません｜川波市</title></head>
<body><h1>お探しのページは見つかりませんでした</h1><p>ページが移動または削除された可能性があります。<a href="/">トップページ</a>からお探しください。</p></body></html>
"""),
]
for pg in kawanami_pages:
    if pg.get("template") == "bare":
        PAGES.append((KH, pg["path"], pg["body"], "utf-8"))
        EXTRA.append((KH, pg["path"] + ".headers", "\n".join(pg["headers"]) + "\n"))
add_site(KAWANAMI, [p for p in kawanami_pages if p.get("template") != "bare"])
EXTRA.append((KH, "robots.txt", "User-agent: *\nDisallow: /form/\nDisallow: /search/\n\nUser-agent: BadBot\nDisallow: /\n"))
# PDF (rendered by build.sh)
add_gold("kawanami", "http://%s/sangyo/chusho/docs/security-haken-yoko.pdf" % KH,
         P("川波市情報セキュリティ専門家派遣事業", [ED], "yes", "yes", "free", 2, "multiple"))

# ======================================================================== 川波商工会議所 (org, Shift_JIS, charset only in HTTP header)
CCI = dict(
    host="www.kawanami-cci.test", template="org", owner="kawanami", name="川波商工会議所", name_en="Kawanami Chamber of Commerce and Industry",
    postal="780-0870", addr="山辺県川波市本町1丁目6-21", tel="088-875-1170", fax="088-875-1179",
    gnav=[("会議所について", "/about.html"), ("経営支援", "/keiei/index.html"), ("入会案内", "/nyukai.html")],
    stub=dict(enc="cp932", meta="Shift_JIS"),
    side=[("巡回訪問支援", "/keiei/junkai.html"), ("経営安定特別相談室", "/keiei/tokubetsu.html"), ("入会案内", "/nyukai.html")],
)
SJIS_HDR = ["Content-Type: text/html; charset=Shift_JIS"]
CT_CCI = ("川波商工会議所 中小企業相談所", "088-875-1171")
cci_pages = [
    dict(path="index.html", title="トップ", h1="川波商工会議所", meta=None, enc="cp932", headers=SJIS_HDR, body="""
<p>地域の商工業者の皆さまの経営を、相談・指導・情報提供を通じて応援しています。</p>
<ul><li><a href="/keiei/index.html">経営支援メニュー</a></li><li><a href="/keiei/junkai.html">㈱・個人事業主の皆さまへ：巡回訪問支援のご案内</a></li><li><a href="/nyukai.html">入会のご案内</a></li></ul>"""),
    dict(path="keiei/index.html", title="経営支援", meta=None, enc="cp932", headers=SJIS_HDR, body="""
<ul><li><a href="junkai.html">小規模事業者巡回訪問支援事業</a></li><li><a href="tokubetsu.html">経営安定特別相談室</a></li></ul>"""),
    dict(path="keiei/junkai.html", title="小規模事業者巡回訪問支援事業", crumbs=[("経営支援", "/keiei/index.html")], meta=None, enc="cp932", headers=SJIS_HDR,
         contact=CT_CCI, body="""
<p>本事業は<strong>川波市の委託事業</strong>として実施しています。</p>
<p>会議所の経営指導員が市内の小規模事業者を訪問し、記帳、税務、資金繰り、販路開拓などの相談に応じます。1回限りでなく、事業者の状況に合わせて継続的に訪問します。</p>
<p>訪問を待たずに、会議所の相談窓口に直接お越しいただいてのご相談も受け付けています。</p>
<p>費用：無料（会員・非会員を問いません）</p>
<p>※髙島屋通り商店街の皆さまには、商店街事務所での出張相談日も設けています。</p>""",
         programs=[P("小規模事業者巡回訪問支援事業", [ED, CD], "no", "no", "free", None, "multiple")]),
    dict(path="keiei/tokubetsu.html", title="経営安定特別相談室", crumbs=[("経営支援", "/keiei/index.html")], meta="Shift_JIS", enc="cp932", contact=CT_CCI, body="""
<p>倒産の危機に直面している事業者や、取引先の倒産で影響を受けた事業者のための相談室です。弁護士・税理士等の商工調停士が秘密厳守でご相談に応じます。相談は無料です。</p>""",
         programs=[P("経営安定特別相談室", [CD], "no", "no", "free", None, "unknown")]),
    dict(path="nyukai.html", title="入会のご案内", meta="Shift_JIS", enc="cp932", body="<p>年会費は1口8,000円です。入会すると会報の送付、各種共済制度の利用などの特典があります。</p>"),
]
add_site(CCI, cci_pages)
EXTRA.append(("www.kawanami-cci.test", "robots.txt", "User-agent: *\nDisallow: /members/\n"))

# ======================================================================== 北浦町 (<main> template; two pages with a lying meta)
KITAURA = dict(
    host="www.town.kitaura.test", template="main", owner="kitaura", name="北浦町", name_en="Kitaura Town",
    postal="781-2100 山辺県山辺郡北浦町大字北浦1200番地", tel="0889-22-1111", fax="0889-22-1190",
    mailform="/form/index.html", updated="2021年2月15日", sidettl="産業・しごと",
    gnav=[("くらし", "/kurashi/index.html"), ("子育て", "/kosodate/hoiku.html"), ("産業・しごと", "/sangyo/index.html"), ("観光", "/kanko/index.html")],
    side=[("商工業", "/sangyo/shoko.html"), ("働き方改革", "/sangyo/hatarakikata.html"), ("テレワーク", "/sangyo/telework.html")],
)
CT_KT = ("産業振興課 商工観光係", "0889-22-1130")
kitaura_pages = [
    dict(path="index.html", title="北浦町ホームページ", body="""
<section><h2>新着情報</h2><ul>
<li><time datetime="2021-02-15">2021年2月15日</time> <a href="/sangyo/shoko.html">商工業者向け支援制度のご案内</a></li>
<li><time datetime="2021-02-01">2021年2月1日</time> <a href="/sangyo/jinzai-news.html">人材派遣会社による合同説明会の開催</a></li>
<li><time datetime="2021-01-20">2021年1月20日</time> <a href="/kanko/index.html">北浦温泉まつり</a></li>
</ul></section>
<section><h2>事業者の方へ</h2><p><a href="/sangyo/index.html">産業・しごと</a></p></section>"""),
    dict(path="sangyo/index.html", title="産業・しごと", body="""
<ul><li><a href="shoko.html">商工業の振興</a></li><li><a href="hatarakikata.html">働き方改革応援事業</a></li><li><a href="telework.html">テレワーク機器導入補助金</a></li><li><a href="jinzai-news.html">合同説明会のお知らせ</a></li></ul>"""),
    dict(path="sangyo/shoko.html", title="商工業の振興", crumbs=[("産業・しごと", "/sangyo/index.html")], meta="shift_jis", contact=CT_KT, body="""
<p>町内の商工業者の皆さまが利用できる制度を紹介します。</p>
<h2>● プレミアム付き商品券の発行</h2>
<p>町内店舗で使える商品券を発行し、消費の喚起を図ります。（担当：商工観光係）</p>
<h2>● 北浦町中小企業振興資金融資</h2>
<p>町が指定する金融機関を通じて、事業資金を融資します。利子の一部を町が補給します。（担当：商工観光係 0889-22-1131）</p>
<h2>● 事業所訪問相談（出張相談）</h2>
<p>町が依頼した専門家が事業所まで出向き、経営の悩みをお聞きします。1事業所あたり年2回まで、無料で利用できます。（担当：商工観光係 0889-22-1132）</p>
<h2>● 中小企業相談窓口</h2>
<p>役場産業振興課に、事業を営む方のための相談窓口を置いています。販路や補助制度の活用についてご相談ください。（担当：商工観光係 0889-22-1133）</p>""",
         programs=[P("事業所訪問相談（出張相談）", [ED], "no", "no", "free", 2, "multiple"),
                   P("中小企業相談窓口", [CD], "no", "no", "unknown", None, "unknown")]),
    dict(path="sangyo/hatarakikata.html", title="働き方改革応援事業", crumbs=[("産業・しごと", "/sangyo/index.html")], meta="Shift_JIS", contact=CT_KT, body="""
<p>長時間労働の是正や就業規則の整備を進めたい町内の事業所に、社会保険労務士を派遣します。</p>
<p>費用は無料ではありません。有料（1回5,000円）で、最大3回まで利用できます。</p>""",
         programs=[P("働き方改革応援事業", [ED, WR], "no", "yes", "paid", 3, "multiple")]),
    dict(path="sangyo/telework.html", title="テレワーク機器導入補助金", crumbs=[("産業・しごと", "/sangyo/index.html")], contact=CT_KT, body="""
<p>在宅勤務を始める町内事業所に、パソコンやWebカメラなどテレワーク環境の整備に要した経費の2分の1（上限20万円）を補助します。</p>""",
         programs=[P("テレワーク機器導入補助金", [WR], "yes", "no", "partial", None, "unknown")]),
    dict(path="sangyo/jinzai-news.html", title="人材派遣会社による合同説明会の開催", crumbs=[("産業・しごと", "/sangyo/index.html")], contact=CT_KT, body="""
<p>町内外の人材派遣会社5社が参加する合同説明会を開催します。派遣社員として働きたい方、登録を検討している方はお気軽にご参加ください。</p>"""),
    dict(path="kanko/index.html", title="観光", body="<p>北浦温泉と湖畔のキャンプ場が人気です。温泉まつりは毎年1月に開催しています。</p>"),
    dict(path="kosodate/hoiku.html", title="保育所の入所", body="<p>令和3年度の保育所入所申込みは、子育て支援係で受け付けています。</p>"),
    dict(path="kurashi/index.html", title="くらし", body="<p>住民票、戸籍、税、ごみの出し方などをご案内します。</p>"),
]
add_site(KITAURA, kitaura_pages)
EXTRA.append(("www.town.kitaura.test", "robots.txt", "User-agent: *\nAllow: /\n"))

# ======================================================================== 海野県 (<main> template)
UMINO = dict(
    host="www.pref.umino.test", template="main", owner="umino", name="海野県", name_en="Umino Prefecture",
    postal="812-8577 海野県港原市博多区東公園7番7号", tel="092-651-1111", fax="092-643-3107",
    mailform="/contact/", updated="2021年3月19日", sidettl="しごと・産業", houjin="4000020400009",
    gnav=[("くらし・環境", "/kurashi/index.html"), ("健康・福祉", "/kenko/index.html"), ("しごと・産業", "/shigoto/index.html"), ("県政情報", "/kensei/index.html")],
    side=[("中小企業", "/shigoto/chusho/index.html"), ("働き方改革", "/shigoto/rodo/index.html"), ("税の優遇", "/shigoto/chusho/zeisei.html")],
)
U_SHIGOTO = ("しごと・産業", "/shigoto/index.html")
U_CHUSHO = ("中小企業", "/shigoto/chusho/index.html")
U_RODO = ("働き方改革", "/shigoto/rodo/index.html")
CT_U = ("商工部 中小企業振興課", "092-643-3425")
CT_UR = ("商工部 労働政策課", "092-643-3591")
umino_pages = [
    dict(path="index.html", title="海野県庁ホームページ", body="""
<section><h2>注目情報</h2><ul>
<li><a href="/shigoto/chusho/haken.html">専門家派遣制度のご案内</a></li>
<li><a href="/shigoto/rodo/telework-center.html">テレワーク相談センターを開設しました</a></li>
<li><a href="/shigoto/chusho/kyoryokukin.html">営業時間短縮協力金の申請受付</a></li>
</ul></section>"""),
    dict(path="shigoto/index.html", title="しごと・産業", crumbs=[], body="""
<ul><li><a href="chusho/index.html">中小企業支援</a></li><li><a href="rodo/index.html">労働・働き方改革</a></li><li><a href="http://www.city.minatohara.test/">港原市のページ</a></li></ul>"""),
    dict(path="shigoto/chusho/index.html", title="中小企業支援", crumbs=[U_SHIGOTO], body="""
<ul>
<li><a href="haken.html">専門家派遣制度のご案内</a></li>
<li><a href="shokei.html">事業承継相談窓口</a></li>
<li><a href="zeisei.html">県税の課税免除（不均一課税）</a></li>
<li><a href="kyoryokukin.html">営業時間短縮協力金</a></li>
</ul>"""),
    dict(path="shigoto/chusho/haken.html", title="専門家派遣制度のご案内", crumbs=[U_SHIGOTO, U_CHUSHO], contact=CT_U, body="""
<p>県では、目的別に二つの専門家派遣制度を設けています。</p>
<section>
<h2>経営課題解決型 専門家派遣</h2>
<p>販路開拓、生産性向上、事業計画の策定など、経営上の課題に対して、県の登録専門家を派遣します。</p>
<ul><li>回数：最大5回</li><li>費用：派遣費用の2分の1を自己負担していただきます</li></ul>
</section>
<section>
<h2>情報セキュリティ強化 専門家派遣</h2>
<p>サイバー攻撃への備えや、個人情報を扱う業務の安全管理について、情報処理安全確保支援士を派遣して助言します。</p>
<ul><li>回数：年度内4回以内</li><li>費用：無料</li></ul>
</section>
<p>派遣される専門家は、県が公募し登録した方々です。</p>""",
         programs=[P("経営課題解決型 専門家派遣", [ED], "no", "yes", "partial", 5, "multiple"),
                   P("情報セキュリティ強化 専門家派遣", [ED], "yes", "yes", "free", 4, "multiple")]),
    dict(path="shigoto/chusho/shokei.html", title="事業承継相談窓口", crumbs=[U_SHIGOTO, U_CHUSHO], contact=CT_U, body="""
<p>後継者への引継ぎや親族外承継を考えている経営者のための相談窓口です。電話または来庁によりご相談いただけます。</p>""",
         programs=[P("事業承継相談窓口", [CD], "no", "no", "unknown", None, "unknown")]),
    dict(path="shigoto/chusho/zeisei.html", title="県税の課税免除（不均一課税）", crumbs=[U_SHIGOTO, U_CHUSHO], contact=("総務部 税務課", "092-643-3070"), body="""
<p>過疎地域などで一定の設備投資を行った事業者に対し、事業税や不動産取得税を課税免除または軽減します。</p>"""),
    dict(path="shigoto/chusho/kyoryokukin.html", title="営業時間短縮協力金", crumbs=[U_SHIGOTO, U_CHUSHO], contact=("協力金コールセンター", "0570-000-222"), body="""
<p>県の要請に応じて営業時間を短縮した飲食店に、1日あたり4万円の協力金を支給します。申請の相談はコールセンターで受け付けます。</p>"""),
    dict(path="shigoto/rodo/index.html", title="労働・働き方改革", crumbs=[U_SHIGOTO], body="""
<ul><li><a href="telework-center.html">海野県テレワーク相談センター</a></li><li><a href="advisor.html">働き方改革アドバイザー派遣事業</a></li><li><a href="roumu-soudan.html">働き方改革労務相談窓口</a></li></ul>"""),
    dict(path="shigoto/rodo/roumu-soudan.html", title="働き方改革労務相談窓口", crumbs=[U_SHIGOTO, U_RODO], contact=CT_UR, body="""
<p>時間外労働の上限規制への対応、同一労働同一賃金、就業規則の見直しなど、働き方改革に伴う労務管理の疑問に、社会保険労務士の相談員が答えます。</p>
<p>一度きりで終わらず、制度を整えるまで継続的に相談していただけます。</p>
<p>受付：県庁行政棟5階 労働政策課内（月・水・金 10時～16時）</p>""",
         programs=[P("働き方改革労務相談窓口", [CD, WR], "no", "yes", "unknown", None, "multiple")]),
    dict(path="shigoto/rodo/telework-center.html", title="海野県テレワーク相談センター", crumbs=[U_SHIGOTO, U_RODO], contact=CT_UR, body="""
<p>テレワークの導入を検討している県内企業のための相談センターです。テレワーク環境の構築、機器の選び方、セキュリティ対策、在宅勤務の労務管理まで、専任の相談員がお答えします。</p>
<dl><dt>相談方法</dt><dd>電話・メール・オンライン</dd><dt>利用料</dt><dd>無料</dd></dl>""",
         programs=[P("海野県テレワーク相談センター", [CD, WR], "yes", "no", "free", None, "unknown")]),
    dict(path="shigoto/rodo/advisor.html", title="働き方改革アドバイザー派遣事業", crumbs=[U_SHIGOTO, U_RODO], contact=CT_UR, body="""
<p>社会保険労務士や中小企業診断士をアドバイザーとして登録し、働き方改革に取り組む企業へ派遣しています。</p>
<p>多様な働き方の導入や人事評価制度の見直しについて、伴走型で継続的に支援します。アドバイザーの派遣に費用はかかりません（無料）。</p>""",
         programs=[P("働き方改革アドバイザー派遣事業", [ED, WR], "no", "yes", "free", None, "multiple")]),
    dict(path="kurashi/index.html", title="くらし・環境", body="<p>県営住宅、交通安全、環境保全に関する情報です。</p>"),
    dict(path="kenko/index.html", title="健康・福祉", body="<p>がん検診、感染症予防、介護保険に関する情報です。</p>"),
    dict(path="kensei/index.html", title="県政情報", body="<p>知事の記者会見、県議会、予算・決算の情報です。</p>"),
]
add_site(UMINO, umino_pages)
EXTRA.append(("www.pref.umino.test", "robots.txt", "User-agent: *\nDisallow: /contact/\nSitemap: http://www.pref.umino.test/sitemap.xml\n"))
EXTRA.append(("www.pref.umino.test", "sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
              "".join("<url><loc>http://www.pref.umino.test/%s</loc><lastmod>2021-03-19</lastmod></url>\n" % ("" if p["path"] == "index.html" else p["path"]) for p in umino_pages) +
              "</urlset>\n"))

# ======================================================================== 港原市 (<main> template)
MH = "www.city.minatohara.test"
MINATO = dict(
    host=MH, template="main", owner="minatohara", name="港原市", name_en="Minatohara City",
    postal="810-8620 海野県港原市中央区天神1丁目8番1号", tel="092-711-4111", fax="092-733-5582",
    mailform="/contact/", updated="2021年4月2日", sidettl="ビジネス", houjin="5000020401307",
    gnav=[("くらし", "/kurashi/index.html"), ("ビジネス", "/business/index.html"), ("観光", "/kanko/index.html"), ("市政", "/shisei/index.html"), ("選挙", "/senkyo/index.html")],
    side=[("中小企業支援", "/business/support/index.html"), ("支援制度一覧", "/business/support/list.html"), ("働き方改革", "/business/roudou/index.html")],
)
M_BIZ = ("ビジネス", "/business/index.html")
M_SUP = ("中小企業支援", "/business/support/index.html")
M_ROU = ("働き方改革", "/business/roudou/index.html")
CT_M = ("経済観光文化局 中小企業振興部 経営支援課", "092-711-4354")
minato_pages = [
    dict(path="index.html", title="港原市ホームページ", body="""
<section><h2>お知らせ</h2><ul>
<li><a href="/business/support/list.html">中小企業向け支援制度一覧（令和3年度）</a></li>
<li><a href="/shisei/saigai-haken.html">災害派遣職員の活動報告</a></li>
<li><a href="/senkyo/index.html">市長選挙のお知らせ</a></li>
</ul></section>
<section><h2>事業者向け</h2><p><a href="/business/index.html">ビジネス・産業</a>／<a href="http://www.minatohara-sangyo.test/">港原市産業振興財団</a></p></section>"""),
    dict(path="business/index.html", title="ビジネス", body="""
<ul><li><a href="support/index.html">中小企業支援</a></li><li><a href="roudou/index.html">働き方改革</a></li><li><a href="http://www.minatohara-sangyo.test/">港原市産業振興財団（外部サイト）</a></li></ul>"""),
    dict(path="business/support/index.html", title="中小企業支援", crumbs=[M_BIZ], body="""
<ul>
<li><a href="list.html">中小企業向け支援制度一覧</a></li>
<li><a href="shotengai.html">商店街出張経営相談</a></li>
<li><a href="http://www.minatohara-sangyo.test/jigyo/advisor.html">ものづくりアドバイザー派遣（港原市産業振興財団）</a></li>
<li><a href="http://www.minatohara-sangyo.test/jigyo/dx-desk.html">DX相談デスク（港原市産業振興財団）</a></li>
<li><a href="http://www.pref.umino.test/shigoto/chusho/haken.html">海野県の専門家派遣制度（県のページ）</a></li>
</ul>"""),
    dict(path="business/support/list.html", title="中小企業向け支援制度一覧", crumbs=[M_BIZ, M_SUP], updated="2021年4月2日", body="""
<p>令和3年度に市が実施する主な支援制度です。</p>
<table class="table">
<thead><tr><th scope="col">制度名</th><th scope="col">内容</th><th scope="col">問い合わせ先</th></tr></thead>
<tbody>
<tr><td>中小企業振興融資</td><td>運転資金・設備資金を融資します。保証料は全額市が補助します。</td><td>金融課 092-711-4351</td></tr>
<tr><td>経営力向上専門家派遣</td><td>経営改善に取り組む事業所へ専門家を派遣します。最大三回、無料です。</td><td>経営支援課 092-711-4354</td></tr>
<tr><td>事業継続給付金</td><td>売上が減少した事業者に一律10万円を給付します。</td><td>給付金事務局 092-711-4999</td></tr>
<tr><td>港原市中小企業相談窓口</td><td>経営全般のほか、IT・デジタル化に関するご相談にも無料で対応します。</td><td>経営支援課 092-711-4355</td></tr>
</tbody></table>""",
         programs=[P("経営力向上専門家派遣", [ED], "no", "no", "free", 3, "multiple"),
                   P("港原市中小企業相談窓口", [CD], "yes", "no", "free", None, "unknown")]),
    dict(path="business/support/shotengai.html", title="商店街出張経営相談", crumbs=[M_BIZ, M_SUP], contact=CT_M, body="""
<p>市内の商店街に加盟する個店を対象に、経営コンサルタントがお店へ伺い、品ぞろえや店舗レイアウト、販促の方法について助言します。</p>
<p>料金：有料（1回3,000円）</p>
<p>申込みは各商店街振興組合を通じて受け付けます。</p>""",
         programs=[P("商店街出張経営相談", [ED], "no", "no", "paid", None, "unknown")]),
    dict(path="business/roudou/index.html", title="働き方改革", crumbs=[M_BIZ], body="""
<ul><li><a href="telework-desk.html">在宅勤務・テレワーク導入サポートデスク</a></li><li><a href="sharoushi.html">社会保険労務士派遣による就業規則整備支援</a></li><li><a href="ninntei.html">両立支援推進企業の認定</a></li></ul>"""),
    dict(path="business/roudou/telework-desk.html", title="在宅勤務・テレワーク導入サポートデスク", crumbs=[M_BIZ, M_ROU], contact=("経済観光文化局 労働雇用課", "092-711-4370"), body="""
<p>在宅勤務の制度づくりやテレワーク環境の整備に悩む市内中小企業のためのサポートデスクです。電話・オンラインでの相談を受け付け、導入後も継続的にフォローします。</p>
<p>ご利用は無料です。</p>""",
         programs=[P("在宅勤務・テレワーク導入サポートデスク", [CD, WR], "yes", "no", "free", None, "multiple")]),
    dict(path="business/roudou/sharoushi.html", title="社会保険労務士派遣による就業規則整備支援", crumbs=[M_BIZ, M_ROU], contact=("経済観光文化局 労働雇用課", "092-711-4371"), body="""
<p>従業員の働き方を見直すため、就業規則の作成や改定を考えている事業所へ、市に登録された社会保険労務士が訪問します。</p>
<p>派遣は3回までです。費用は無料ではありませんのでご注意ください。専門家謝金の一部として、1回2,000円をご負担いただきます（残りは市が負担）。</p>""",
         programs=[P("社会保険労務士派遣による就業規則整備支援", [ED, WR], "no", "yes", "partial", 3, "multiple")]),
    dict(path="business/roudou/ninntei.html", title="両立支援推進企業の認定", crumbs=[M_BIZ, M_ROU], contact=("経済観光文化局 労働雇用課", "092-711-4372"), body="""
<p>仕事と家庭の両立支援に積極的な企業を市が認定し、市のホームページで紹介します。認定企業は入札参加資格審査で加点されます。</p>"""),
    dict(path="shisei/saigai-haken.html", title="災害派遣職員の活動報告", crumbs=[("市政", "/shisei/index.html")], contact=("総務企画局 人事課", "092-711-4100"), body="""
<p>豪雨災害の被災自治体へ市職員を派遣し、罹災証明書の発行業務や給水活動を支援しました。</p>"""),
    dict(path="shisei/index.html", title="市政", body='<ul><li><a href="saigai-haken.html">災害派遣職員の活動報告</a></li></ul>'),
    dict(path="kanko/index.html", title="観光", body="<p>港原タワーや屋台街など、港原の観光スポットを紹介します。</p>"),
    dict(path="senkyo/index.html", title="選挙", body="<p>港原市長選挙の期日前投票所と投票時間をお知らせします。</p>"),
    dict(path="kurashi/index.html", title="くらし", body="<p>引越し、マイナンバーカード、ごみの分け方についてご案内します。</p>"),
]
add_site(MINATO, minato_pages)
EXTRA.append((MH, "robots.txt", "User-agent: *\nDisallow: /contact/\nDisallow: /search\n"))

# ======================================================================== 港原市産業振興財団 (org) -> city's programs; EUC-JP pages
MS = dict(
    host="www.minatohara-sangyo.test", template="org", owner="minatohara", name="一般財団法人 港原市産業振興財団", name_en="Minatohara Industrial Promotion Foundation",
    postal="812-0027", addr="海野県港原市博多区下川端町3-1", tel="092-441-2000", fax="092-441-2009", meta_style="http-equiv",
    gnav=[("財団概要", "/gaiyo.html"), ("事業案内", "/jigyo/index.html"), ("セミナー", "/jigyo/seminar.html")],
    side=[("ものづくりアドバイザー派遣", "/jigyo/advisor.html"), ("DX相談デスク", "/jigyo/dx-desk.html"), ("セミナー", "/jigyo/seminar.html")],
)
CT_MS = ("港原市産業振興財団 企業支援課", "092-441-2001")
ms_pages = [
    dict(path="index.html", title="ホーム", h1="港原市産業振興財団", meta="EUC-JP", enc="euc-jp", body="""
<p>当財団は港原市の出資により設立され、市の補助を受けて市内中小企業の支援事業を行っています。</p>
<ul><li><a href="/jigyo/advisor.html">ものづくりアドバイザー派遣</a></li><li><a href="/jigyo/dx-desk.html">DX相談デスク</a></li></ul>"""),
    dict(path="jigyo/index.html", title="事業案内", meta="EUC-JP", enc="euc-jp", body="""
<ul><li><a href="advisor.html">ものづくりアドバイザー派遣</a></li><li><a href="dx-desk.html">DX相談デスク</a></li><li><a href="seminar.html">セミナー</a></li></ul>"""),
    dict(path="jigyo/advisor.html", title="ものづくりアドバイザー派遣", crumbs=[("事業案内", "/jigyo/index.html")], meta="EUC-JP", enc="euc-jp", contact=CT_MS, body="""
<p>港原市の補助事業として、製造業の現場改善や品質管理に詳しい登録アドバイザー（企業OB等）を市内の中小製造業に派遣します。</p>
<ul><li>派遣回数：1企業あたり6回まで</li><li>自己負担：1回あたり3,000円（残額は財団が負担）</li></ul>
<p>アドバイザーとして登録していただける方も募集しています。</p>""",
         programs=[P("ものづくりアドバイザー派遣", [ED], "no", "yes", "partial", 6, "multiple")]),
    dict(path="jigyo/dx-desk.html", title="DX相談デスク", crumbs=[("事業案内", "/jigyo/index.html")], meta="EUC-JP", enc="euc-jp", contact=CT_MS, body="""
<p>業務のデジタル化、クラウドの活用、情報セキュリティ対策などについて、財団の登録専門家（ITコーディネータ等）が相談に応じるデスクです。相談は無料、予約制です。</p>""",
         programs=[P("DX相談デスク", [CD], "yes", "yes", "free", None, "unknown")]),
    dict(path="jigyo/seminar.html", title="セミナー", crumbs=[("事業案内", "/jigyo/index.html")], body="<p>経営者向けセミナーを年6回開催しています。受講料は無料です。</p>"),
    dict(path="gaiyo.html", title="財団概要", body="<p>設立：平成元年　基本財産：5億円（港原市出資）</p>"),
]
add_site(MS, ms_pages)
EXTRA.append(("www.minatohara-sangyo.test", "robots.txt", "User-agent: *\nDisallow:\n"))

# ======================================================================== 桜台区 (CMS template)
SH = "www.city.sakuradai.test"
SAKURA = dict(
    host=SH, template="cms", owner="sakuradai", name="桜台区", name_en="Sakuradai City", meta_style="http-equiv",
    postal="176-8501 東京都桜台区豊玉北六丁目12番1号", tel="03-3993-1111", fax="03-3993-1195",
    mailform="https://www.city.sakuradai.test/form/", updated="2021年3月10日", sidettl="産業・経済",
    gnav=[("くらし・手続き", "/kurashi/index.html"), ("子育て・教育", "/kosodate/index.html"), ("ごみ・リサイクル", "/gomi/index.html"),
          ("産業・経済", "/sangyo/index.html"), ("区政情報", "/kusei/index.html")],
    side=[("中小企業の経営支援", "/sangyo/keiei/index.html"), ("就労支援", "/sangyo/keiei/shigoto-soudan.html"), ("区内産業のお知らせ", "/sangyo/keiei/yorozu-news.html")],
)
S_SANGYO = ("産業・経済", "/sangyo/index.html")
S_KEIEI = ("中小企業の経営支援", "/sangyo/keiei/index.html")
CT_S = ("産業経済部 経済課 経営支援係", "03-5984-1483")
sakura_pages = [
    dict(path="index.html", title="桜台区ホームページ", body="""
<div id="top_news"><h2>新着情報</h2><ul>
<li><a href="/sangyo/keiei/telework-haken.html">テレワーク導入専門家派遣の申込みを受け付けています</a></li>
<li><a href="/gomi/index.html">資源ごみの収集曜日が変わります</a></li>
<li><a href="/kosodate/index.html">児童館の利用について</a></li>
</ul></div>"""),
    dict(path="sangyo/index.html", title="産業・経済", crumbs=[], body="""
<ul><li><a href="/sangyo/keiei/index.html">中小企業の経営支援</a></li><li><a href="/sangyo/keiei/shigoto-soudan.html">就労支援（区民の方）</a></li></ul>"""),
    dict(path="sangyo/keiei/index.html", title="中小企業の経営支援", crumbs=[S_SANGYO], body="""
<ul>
<li><a href="shindanshi-haken.html">中小企業診断士派遣事業</a></li>
<li><a href="yorozu.html">よろず経営相談</a></li>
<li><a href="wlb-haken.html">ワーク・ライフ・バランス推進コンサルタント派遣</a></li>
<li><a href="telework-haken.html">テレワーク導入専門家派遣</a></li>
<li><a href="yorozu-news.html">東京都よろず支援拠点のご案内</a></li>
</ul>"""),
    dict(path="sangyo/keiei/shindanshi-haken.html", title="中小企業診断士派遣事業", crumbs=[S_SANGYO, S_KEIEI], contact=CT_S, body="""
<p>区に登録している中小企業診断士が、区内の中小企業を訪問して経営改善の助言を行います。</p>
<table border="1"><tr><th>派遣回数</th><td>5回まで</td></tr><tr><th>費用</th><td>有料（1回5,000円）</td></tr><tr><th>対象</th><td>区内に本店がある中小企業</td></tr></table>""",
         programs=[P("中小企業診断士派遣事業", [ED], "no", "yes", "paid", 5, "multiple")]),
    dict(path="sangyo/keiei/yorozu.html", title="よろず経営相談", crumbs=[S_SANGYO, S_KEIEI], contact=CT_S, body="""
<p>区役所本庁舎9階の経営支援係で、区内事業者の経営に関するご相談をお受けしています。IT活用やホームページ作成の相談もお受けします。</p>
<p>相談料は無料です。</p>""",
         programs=[P("よろず経営相談", [CD], "yes", "no", "free", None, "unknown")]),
    dict(path="sangyo/keiei/wlb-haken.html", title="ワーク・ライフ・バランス推進コンサルタント派遣", crumbs=[S_SANGYO, S_KEIEI], contact=CT_S, body="""
<p>長時間労働の是正や休暇を取りやすい職場づくりを目指す区内中小企業に、区がコンサルタントを派遣します（最大4回、無料）。</p>
<p>区では、本事業のコンサルタントとして社会保険労務士等の専門家を募集しています。</p>""",
         programs=[P("ワーク・ライフ・バランス推進コンサルタント派遣", [ED, WR], "no", "yes", "free", 4, "multiple")]),
    dict(path="sangyo/keiei/telework-haken.html", title="テレワーク導入専門家派遣", crumbs=[S_SANGYO, S_KEIEI], contact=CT_S, body="""
<p>テレワークを始めたい区内事業者に専門家を派遣し、テレワーク環境の設計、クラウドツールの選定、社内ルールづくりを支援します。</p>
<p>派遣は２回まで、費用は無料です。</p>""",
         programs=[P("テレワーク導入専門家派遣", [ED, WR], "yes", "no", "free", 2, "multiple")]),
    dict(path="sangyo/keiei/shigoto-soudan.html", title="区民のための就労相談", crumbs=[S_SANGYO], contact=("産業経済部 就労支援係", "03-5984-1484"), body="""
<p>求職中の区民の方を対象に、キャリアカウンセラーによる就労相談とハローワークの求人検索を提供しています。</p>"""),
    dict(path="sangyo/keiei/yorozu-news.html", title="東京都よろず支援拠点のご案内", crumbs=[S_SANGYO, S_KEIEI], body="""
<p>国が各都道府県に設置している「よろず支援拠点」では、中小企業・小規模事業者の経営相談に無料で応じています。区の事業ではありませんので、お申込みは拠点へ直接お願いします。</p>
<p><a href="https://yorozu.example/tokyo/">東京都よろず支援拠点（外部リンク）</a></p>"""),
    dict(path="gomi/index.html", title="ごみ・リサイクル", crumbs=[], sidettl="ごみ・リサイクル", body="<p>資源ごみの収集曜日が4月から変わります。</p>"),
    dict(path="kosodate/index.html", title="子育て・教育", crumbs=[], sidettl="子育て・教育", body="<p>児童館、学童クラブ、区立幼稚園の情報です。</p>"),
    dict(path="kusei/index.html", title="区政情報", crumbs=[], sidettl="区政情報", body="<p>区長の部屋、区議会、区の計画についての情報です。</p>"),
]
add_site(SAKURA, sakura_pages)
EXTRA.append((SH, "robots.txt", "User-agent: *\nDisallow: /form/\n"))

# ======================================================================== 松森市 (table layout, Shift_JIS / Windows-31J)
MT = "www.city.matsumori.test"
MATSU = dict(
    host=MT, template="table", owner="matsumori", name="松森市", name_en="Matsumori City", catch="みどりと歴史のまち",
    postal="830-8520", addr="海野県松森市城南町15番地3", tel="0942-30-9000", fax="0942-30-9700", updated="令和3年3月1日", sidettl="商工・労働", stub=dict(enc="cp932"),
    gnav=[("くらし", "/kurashi/gomi.html"), ("商工・労働", "/shoko/index.html"), ("観光", "/kanko/index.html"), ("市の紹介", "/shokai.html")],
    side=[("商工業者への支援", "/shoko/shien.html"), ("商工相談室", "/shoko/soudan.html"), ("働き方改革個別相談会", "/shoko/hatarakikata.html"),
          ("求職者の方へ", "/shoko/kyushoku.html"), ("協力金", "/shoko/kyoryokukin.html")],
)
CT_MT = ("商工労働部 商工政策課", "0942-30-9133")
matsu_pages = [
    dict(path="index.html", title="松森市ホームページ", enc="cp932", body="""
<p><b>■新着情報</b><br>
3月1日　<a href="shoko/shien.html">商工業者への支援制度（令和3年度）</a><br>
2月25日　<a href="shoko/hatarakikata.html">働き方改革個別相談会のお知らせ</a><br>
2月20日　<a href="kanko/index.html">松森つつじまつり</a><br>
2月10日　<a href="kurashi/gomi.html">粗大ごみの申込方法</a></p>
<p><a href="shoko/index.html"><b>事業者の方へ（商工・労働）</b></a></p>"""),
    dict(path="shoko/index.html", title="商工・労働", enc="cp932", body="""
<p>・<a href="shien.html">商工業者への支援制度</a><br>・<a href="soudan.html">商工相談室</a><br>・<a href="hatarakikata.html">働き方改革個別相談会</a><br>・<a href="kyushoku.html">求職者の方へ</a><br>・<a href="kyoryokukin.html">時短営業協力金</a></p>"""),
    dict(path="shoko/shien.html", title="商工業者への支援制度", crumbs=[("商工・労働", "/shoko/index.html")], enc="cp932", contact=CT_MT, body="""
<p>市内の中小企業者・個人事業者向けの支援制度です。</p>
<p><b>■中小企業専門家派遣事業</b><br>
経営、技術、情報化の課題について、市が専門家（中小企業診断士、技術士、ITコーディネータ等）を派遣します。<br>
①経営改善　②技術指導　③情報化・システム導入<br>
派遣回数：１事業所 年度内３回以内<br>
費用：派遣費用の2/3を市が負担します（自己負担は1/3）<br>
問合せ：商工政策課 0942-30-9134</p>
<p><b>■ITコーディネータ派遣</b><br>
パソコン・ネットワークの導入や情報セキュリティ対策について、ITコーディネータの資格を持つ専門家が事業所を訪問します。2回まで無料です。<br>
問合せ：商工政策課 0942-30-9135</p>
<p><b>■小口資金融資</b><br>
運転資金を上限500万円まで融資します。㈱松森信用保証の保証付きです。<br>
問合せ：商工政策課 0942-30-9136</p>
<p><b>■経営安定化支援金</b><br>
売上が前年比30％以上減少した事業者に支援金（10万円）を支給します。<br>
問合せ：支援金窓口 0942-30-9137</p>""",
         programs=[P("中小企業専門家派遣事業", [ED], "yes", "yes", "partial", 3, "multiple"),
                   P("ITコーディネータ派遣", [ED], "yes", "yes", "free", 2, "multiple")]),
    dict(path="shoko/soudan.html", title="商工相談室", crumbs=[("商工・労働", "/shoko/index.html")], enc="cp932", contact=CT_MT, body="""
<p>市役所2階に商工相談室を開設しています。経営相談のほか、就業規則の作成や残業の削減など働き方改革に関する労務相談もお受けします。</p>
<p>相談員：社会保険労務士　髙橋 一郎（市の委嘱による）<br>相談日：毎月第1・第3水曜日　午後1時～4時<br>料金：無料</p>""",
         programs=[P("商工相談室", [CD, WR], "no", "yes", "free", None, "unknown")]),
    dict(path="shoko/hatarakikata.html", title="働き方改革個別相談会", crumbs=[("商工・労働", "/shoko/index.html")], enc="cp932", meta="UTF-8", contact=CT_MT, body="""
<p>働き方改革に取り組む市内事業者のための個別相談会を開催します。労働時間の管理や有給休暇の取得促進について、専門の相談員がお答えします。</p>
<p>日時：令和3年3月17日（水）午後2時～5時<br>会場：松森市商工会館　会議室②<br>参加費：無料（１社１回、事前予約制）</p>""",
         programs=[P("働き方改革個別相談会", [CD, WR], "no", "no", "free", 1, "single")]),
    dict(path="shoko/kyushoku.html", title="求職者の方へ", crumbs=[("商工・労働", "/shoko/index.html")], enc="cp932", contact=("商工労働部 雇用対策室", "0942-30-9140"), body="""
<p>市役所1階の「まつもりしごとコーナー」では、仕事を探している方の就職相談と求人情報の提供を行っています。</p>"""),
    dict(path="shoko/kyoryokukin.html", title="時短営業協力金", crumbs=[("商工・労働", "/shoko/index.html")], enc="cp932", contact=("協力金窓口", "0942-30-9137"), body="""
<p>営業時間の短縮に協力いただいた飲食店に、協力金を支給します。申請は郵送で受け付けます。</p>"""),
    dict(path="kurashi/gomi.html", title="粗大ごみの申込方法", crumbs=[("くらし", "/kurashi/gomi.html")], enc="cp932", sidettl="くらし", body="<p>粗大ごみは事前申込制です。電話で申し込み、処理券を貼って出してください。</p>"),
    dict(path="kanko/index.html", title="観光", enc="cp932", sidettl="観光", body="<p>松森城跡とつつじ公園、酒蔵めぐりが人気の観光スポットです。</p>"),
]
add_site(MATSU, matsu_pages)
EXTRA.append((MT, "robots.txt", "User-agent: *\nDisallow: /cgi-bin/\n"))

# ======================================================================== 森川村 (table layout, EUC-JP)
MK = "www.vill.morikawa.test"
MORI = dict(
    host=MK, template="table", owner="morikawa", name="森川村", name_en="Morikawa Village", catch="清流と森の村",
    postal="839-1400", addr="海野県浮羽郡森川村大字森川100", tel="0943-77-2111", fax="0943-77-2119", updated="2021年1月15日", sidettl="村の産業", stub=dict(enc="euc-jp", meta="EUC-JP"),
    gnav=[("くらし", "/kurashi/senkyo.html"), ("産業", "/sangyo/index.html"), ("村の紹介", "/shokai.html")],
    side=[("商工業者の方へ", "/sangyo/shoko.html"), ("働き方改革補助金", "/sangyo/hojo.html")],
)
CT_MK = ("森川村役場 産業振興課", "0943-77-2115")
mori_pages = [
    dict(path="index.html", title="森川村公式サイト", meta="EUC-JP", enc="euc-jp", body="""
<p>【お知らせ】<br>・<a href="sangyo/shoko.html">商工業者の方へ（出張相談・よろず相談会）</a><br>・<a href="kurashi/senkyo.html">村議会議員選挙について</a><br>・<a href="sangyo/index.html">村の産業</a></p>"""),
    dict(path="sangyo/index.html", title="村の産業", meta="EUC-JP", enc="euc-jp", body="""
<p>・<a href="shoko.html">商工業者の方へ</a><br>・<a href="hojo.html">働き方改革・人材確保支援補助金</a></p>"""),
    dict(path="sangyo/shoko.html", title="商工業者の方へ", crumbs=[("村の産業", "/sangyo/index.html")], meta="EUC-JP", enc="euc-jp", contact=CT_MK, body="""
<p>○<b>出張相談事業</b><br>
村内の事業所に専門家が伺い、経営や販売のご相談に応じます。料金は無料です。</p>
<p>○<b>創業・経営よろず相談会</b><br>
毎月第2水曜日に村役場で相談会を開いています。事業を始めたい方、経営に悩んでいる方はお気軽にお越しください（無料・予約制）。</p>""",
         programs=[P("出張相談事業", [ED], "no", "no", "free", None, "unknown"),
                   P("創業・経営よろず相談会", [CD], "no", "no", "free", None, "unknown")]),
    dict(path="sangyo/hojo.html", title="働き方改革・人材確保支援補助金", crumbs=[("村の産業", "/sangyo/index.html")], meta="EUC-JP", enc="euc-jp", contact=CT_MK, body="""
<p>村内の事業者が社会保険労務士に依頼して就業規則を作成・変更する場合や、短時間勤務制度を導入する場合に、経費の2分の1（上限10万円）を補助します。</p>""",
         programs=[P("働き方改革・人材確保支援補助金", [WR], "no", "no", "partial", None, "unknown")]),
    dict(path="kurashi/senkyo.html", title="村議会議員選挙について", meta="EUC-JP", enc="euc-jp", sidettl="くらし", body="<p>森川村議会議員一般選挙の投票は、村内3か所の投票所で行います。</p>"),
    dict(path="shokai.html", title="村の紹介", meta="EUC-JP", enc="euc-jp", sidettl="村の紹介", body="<p>人口約2,800人。清流森川と棚田の風景が自慢の村です。</p>"),
]
add_site(MORI, mori_pages)
EXTRA.append((MK, "robots.txt", "User-agent: *\nDisallow:\n"))


# ======================================================================== write everything
def main():
    if os.path.isdir(SRC):
        for name in os.listdir(SRC):
            p = os.path.join(SRC, name)
            if name == "pdf":
                continue
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    for host, path, html, enc in PAGES:
        out = os.path.join(SRC, host, path)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            f.write(html)
    for host, path, text in EXTRA:
        out = os.path.join(SRC, host, path)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(SRC, "ENCODINGS.tsv"), "w", encoding="utf-8") as f:
        f.write("# file (under src/)\tencoding passed to iconv -t\n")
        for p, e in ENC:
            f.write("%s\t%s\n" % (p, {"cp932": "CP932", "euc-jp": "EUC-JP"}[e]))
    with open(os.path.join(ROOT, "gold.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow("municipality_code,municipality,category,program,url,types,it_security,expert_registry,cost,max_visits,continuity,riss_fit,evidence,page_sha256,fetched_at".split(","))
        for row in GOLD:
            w.writerow(row)
    with open(os.path.join(ROOT, "seeds.tsv"), "w", encoding="utf-8") as f:
        f.write("code\tname\tprefecture\tcategory\turl\tstart_urls\n")
        f.write("# sample web for development; every host ends in .test (served from corpus/sites/)\n")
        for key, (c5, name, pref, cat, url, starts) in GOV.items():
            f.write("\t".join([check_digit(c5), name, pref, cat, url, starts]) + "\n")
    print("pages %d, gold rows %d" % (len(PAGES), len(GOLD)), file=sys.stderr)


if __name__ == "__main__":
    main()
