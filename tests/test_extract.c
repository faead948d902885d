/*
 * test_extract: table-driven page cases (tests/data/extract/cases.tsv) and
 * pathological inputs that must come back without a crash or a hang.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "extract.h"
#include "extract_internal.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

static char *
data_path(const char *dir, const char *name)
{
	const char *base = getenv("MUNISCAN_TESTDATA");
	char *d, *p;

	d = util_path_join(base ? base : "tests/data", dir);
	p = util_path_join(d, name);
	free(d);
	return p;
}

static const struct extract_section *
find_section(const struct extract_page *p, enum extract_section_kind kind, const char *heading)
{
	for (size_t i = 0; i < p->nsections; i++)
		if (p->sections[i].kind == kind && strcmp(p->sections[i].heading, heading) == 0)
			return &p->sections[i];
	return NULL;
}

static bool
has_link(const struct extract_page *p, const char *href, bool need_main)
{
	for (size_t i = 0; i < p->nlinks; i++)
		if (strcmp(p->links[i].href, href) == 0 && (!need_main || p->links[i].in_main))
			return true;
	return false;
}

struct page_case {
	char file[128];
	char url[512];
	char ctype[128];
	struct extract_page *page;
};

static void
load(struct page_case *pc)
{
	char *path = data_path("extract", pc->file), *data = NULL;
	size_t len = 0;
	struct extract_opts o = EXTRACT_OPTS_INIT;
	int rc;

	assert_int_equal(util_read_file(&data, &len, path, 0), 0);
	o.url = pc->url[0] ? pc->url : NULL;
	o.content_type = pc->ctype[0] ? pc->ctype : NULL;
	rc = extract_bytes(&pc->page, data, len, &o);
	if (rc != 0)
		fail_msg("%s: %s", pc->file, err_msg());
	free(data);
	free(path);
}

static void
check(struct page_case *pc, const char *what, const char *value, size_t line)
{
	const struct extract_page *p;

	if (strcmp(what, "url") == 0) {
		snprintf(pc->url, sizeof(pc->url), "%s", value);
		return;
	}
	if (strcmp(what, "ctype") == 0) {
		snprintf(pc->ctype, sizeof(pc->ctype), "%s", value);
		return;
	}
	if (!pc->page)
		load(pc);
	p = pc->page;
	if (strcmp(what, "title") == 0) {
		if (strcmp(p->title, value) != 0)
			fail_msg("cases.tsv:%zu %s: title \"%s\", want \"%s\"", line, pc->file,
			    p->title, value);
	} else if (strcmp(what, "charset") == 0) {
		if (strcmp(p->charset, value) != 0)
			fail_msg("cases.tsv:%zu %s: charset %s (%s), want %s", line, pc->file,
			    p->charset, p->charset_reason, value);
	} else if (strcmp(what, "keep") == 0) {
		if (!strstr(p->main_text, value))
			fail_msg("cases.tsv:%zu %s: main text lacks \"%s\":\n%s", line, pc->file,
			    value, p->main_text);
	} else if (strcmp(what, "drop") == 0) {
		if (strstr(p->main_text, value))
			fail_msg("cases.tsv:%zu %s: main text keeps \"%s\":\n%s", line, pc->file,
			    value, p->main_text);
	} else if (strcmp(what, "heading") == 0) {
		if (!find_section(p, EXTRACT_HEADING, value))
			fail_msg("cases.tsv:%zu %s: no heading section \"%s\"", line, pc->file, value);
	} else if (strcmp(what, "item") == 0) {
		if (!find_section(p, EXTRACT_ITEM, value))
			fail_msg("cases.tsv:%zu %s: no item section \"%s\"", line, pc->file, value);
	} else if (strcmp(what, "item_parent") == 0) {
		const char *sep = strstr(value, "=>");
		char *item = xstrndup(value, sep ? (size_t)(sep - value) : strlen(value));
		const struct extract_section *s = find_section(p, EXTRACT_ITEM, item);

		if (!sep || !s || s->parent < 0 ||
		    strcmp(p->sections[s->parent].heading, sep + 2) != 0)
			fail_msg("cases.tsv:%zu %s: item \"%s\" not under \"%s\"", line, pc->file,
			    item, sep ? sep + 2 : "?");
		free(item);
	} else if (strcmp(what, "link") == 0 || strcmp(what, "mainlink") == 0) {
		if (!has_link(p, value, what[0] == 'm'))
			fail_msg("cases.tsv:%zu %s: no %s %s", line, pc->file, what, value);
	} else if (strcmp(what, "nolink") == 0) {
		if (has_link(p, value, false))
			fail_msg("cases.tsv:%zu %s: unexpected link %s", line, pc->file, value);
	} else {
		fail_msg("cases.tsv:%zu: unknown check %s", line, what);
	}
}

static void
test_cases(void **state)
{
	char *path = data_path("extract", "cases.tsv");
	struct tsv *t = NULL;
	struct page_case pc;
	char **f;
	size_t n, rows = 0;
	int rc;

	(void)state;
	memset(&pc, 0, sizeof(pc));
	assert_int_equal(tsv_open(&t, path), 0);
	while ((rc = tsv_next(t, &f, &n)) == 1) {
		assert_true(n >= 3);
		if (strcmp(f[0], pc.file) != 0) {
			extract_page_free(pc.page);
			memset(&pc, 0, sizeof(pc));
			snprintf(pc.file, sizeof(pc.file), "%s", f[0]);
		}
		check(&pc, f[1], f[2], tsv_line(t));
		rows++;
	}
	assert_int_equal(rc, 0);
	assert_true(rows > 20);
	extract_page_free(pc.page);
	tsv_free(t);
	free(path);
}

/* Every section's byte range lies in the page and its parent comes first. */
static void
test_ranges_and_parents(void **state)
{
	const char *html = "<html><body><main><h1>A</h1><p>x</p><h2>B</h2><ul>"
	    "<li>（1）一つ目の項目<br>説明</li><li>（2）二つ目の項目<br>説明</li></ul>"
	    "<h2>C</h2><p>■ 印の行</p></main></body></html>";
	struct extract_page *p = NULL;

	(void)state;
	assert_int_equal(extract_html(&p, html, strlen(html), NULL), 0);
	assert_true(p->nsections >= 5);
	for (size_t i = 0; i < p->nsections; i++) {
		const struct extract_section *s = &p->sections[i];

		assert_true(s->byte_start <= s->byte_end);
		assert_true(s->byte_end <= strlen(html));
		assert_true(s->parent < (int)i);
	}
	assert_non_null(find_section(p, EXTRACT_ITEM, "一つ目の項目"));
	assert_non_null(find_section(p, EXTRACT_ITEM, "印の行"));
	{
		const struct extract_section *s = find_section(p, EXTRACT_ITEM, "二つ目の項目");

		assert_non_null(s);
		assert_string_equal(p->sections[s->parent].heading, "B");
		assert_string_equal(s->text, "説明");
	}
	extract_page_free(p);
}

/* What extraction leaves out before parsing (script and style bodies,
 * comments, indentation) moves no byte range: every range still points at
 * its text in the page as given. */
static void
test_prep_offsets(void **state)
{
	const char *html =
	    "<html><head><style>\n  h1 { color: red }\n</style>\n"
	    "<script>var s = \"<h1>偽の見出し</h1>\";</script></head>\n<body>\n"
	    "    <!-- 本文ここから -->\n    <main>\n        <h1>相談窓口</h1>\n"
	    "        <!-->空のコメントの後<!-- a --!>閉じ方の違い\n"
	    "        <p>経営の相談を受け付けます。</p>\n"
	    "        <pre>一行目\n\n    字下げ</pre>\n"
	    "        <h2>費用</h2>\n        <p>無料です。</p>\n    </main>\n</body></html>";
	struct extract_page *p = NULL;
	const char *want[] = { "相談窓口", "費用" };

	(void)state;
	assert_int_equal(extract_html(&p, html, strlen(html), NULL), 0);
	assert_null(strstr(p->main_text, "偽の見出し"));
	assert_null(strstr(p->main_text, "本文ここから"));
	assert_non_null(strstr(p->main_text, "空のコメントの後"));
	assert_non_null(strstr(p->main_text, "閉じ方の違い"));
	assert_null(strstr(p->main_text, "一行目 字下げ")); /* <pre> lines stay lines */
	assert_non_null(strstr(p->main_text, "字下げ"));
	for (size_t k = 0; k < 2; k++) {
		const struct extract_section *s = NULL;

		for (size_t i = 0; i < p->nsections; i++)
			if (strcmp(p->sections[i].heading, want[k]) == 0)
				s = &p->sections[i];
		assert_non_null(s);
		assert_true(s->byte_end <= strlen(html));
		assert_memory_equal(html + s->byte_start, want[k], strlen(want[k]));
	}
	{
		const char *t = strstr(html, "無料です。");
		bool found = false;

		for (size_t i = 0; i < p->nsections; i++)
			if (strstr(p->sections[i].text, "無料です。")) {
				found = true;
				assert_true(p->sections[i].byte_end ==
				    (size_t)(t - html) + strlen("無料です。"));
			}
		assert_true(found);
	}
	extract_page_free(p);
}

/* Attributes extraction never reads are left out before parsing, read
 * as the tokenizer reads them: a '>' inside a quoted value does not end
 * the tag, the attributes that are read (href, alt, class, hidden) stay,
 * and ranges still point into the page. */
static void
test_prep_attributes(void **state)
{
	const char *html =
	    "<html><body><main data-x=\"1\" onclick=\"if (a > b) go()\">"
	    "<h1 title=\"a > b\" lang=ja>相談窓口</h1>"
	    "<p class=\"lead\" data-long='ああ>いい'>経営の相談を受け付けます。"
	    "<a target=_blank href=\"/soudan.html\" rel=\"noopener\">詳しく</a></p>"
	    "<div hidden data-y=2><p>隠れた文</p></div>"
	    "<p><img src=\"x.png\" alt=\"地図\" width=10>案内図</p>"
	    "<p x=\"1\"href=\"glued\">くっついた属性</p>"
	    "</main></body></html>";
	struct extract_opts o = EXTRACT_OPTS_INIT;
	struct extract_page *p = NULL;
	const struct extract_section *h = NULL;

	(void)state;
	o.url = "http://www.city.example.lg.test/a/b.html";
	assert_int_equal(extract_html(&p, html, strlen(html), &o), 0);
	assert_null(strstr(p->main_text, "go()"));
	assert_null(strstr(p->main_text, "いい"));
	assert_null(strstr(p->main_text, "隠れた文"));
	assert_non_null(strstr(p->main_text, "経営の相談を受け付けます。"));
	assert_non_null(strstr(p->main_text, "くっついた属性"));
	assert_true(has_link(p, "http://www.city.example.lg.test/soudan.html", true));
	for (size_t i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].heading, "相談窓口") == 0)
			h = &p->sections[i];
	assert_non_null(h);
	assert_memory_equal(html + h->byte_start, "相談窓口", strlen("相談窓口"));
	extract_page_free(p);
}

/* Inline text joins without spaces; a line break between Japanese
 * characters in the source is no space; cells of a row share a line. */
static void
test_joining(void **state)
{
	const char *html = "<div id=\"main\"><p>中小<b>企業</b>の\n支援<span>です</span>。</p>"
	    "<p>IT\ncoordinator</p><table><tr><th>費用</th><td>無料</td></tr></table></div>";
	struct extract_page *p = NULL;

	(void)state;
	assert_int_equal(extract_html(&p, html, strlen(html), NULL), 0);
	assert_non_null(strstr(p->main_text, "中小企業の支援です。"));
	assert_non_null(strstr(p->main_text, "IT coordinator"));
	assert_non_null(strstr(p->main_text, "費用 無料"));
	extract_page_free(p);
}

static void
test_links(void **state)
{
	const char *html = "<html><head><title>t</title></head><body>"
	    "<nav><a href=\"/menu/\">メニュー</a></nav>"
	    "<main><p>本文の段落です。十分な長さの本文です。<a href=\"doc.pdf#p2\">資料</a>"
	    "<a href=\"javascript:void(0)\">js</a><a href=\"mailto:a@b\">mail</a>"
	    "<a href=\"tel:000\">tel</a><a href=\"HTTP://WWW.Example.JP:80/x y\">外</a>"
	    "<a href=\"#top\">top</a></p></main></body></html>";
	struct extract_opts o = EXTRACT_OPTS_INIT;
	struct extract_page *p = NULL;

	(void)state;
	o.url = "https://www.city.example.lg.jp/a/b/page.html";
	assert_int_equal(extract_html(&p, html, strlen(html), &o), 0);
	assert_true(has_link(p, "https://www.city.example.lg.jp/menu/", false));
	assert_false(has_link(p, "https://www.city.example.lg.jp/menu/", true));
	assert_true(has_link(p, "https://www.city.example.lg.jp/a/b/doc.pdf", true));
	assert_true(has_link(p, "http://www.example.jp/x%20y", true));
	assert_int_equal(p->nlinks, 3);
	extract_page_free(p);
	/* without the page's link list, sections still carry their links */
	o.no_page_links = true;
	assert_int_equal(extract_html(&p, html, strlen(html), &o), 0);
	assert_int_equal(p->nlinks, 0);
	{
		size_t n = 0;

		for (size_t i = 0; i < p->nsections; i++)
			n += p->sections[i].nlinks;
		assert_true(n >= 2);
	}
	extract_page_free(p);
}

static void
test_title(void **state)
{
	struct { const char *html, *want; } cases[] = {
		{ "<title>専門家派遣｜産業振興課｜大阪市</title>", "専門家派遣" },
		{ "<title>みなと市ホームページ</title><h1>相談窓口</h1>", "相談窓口" },
		{ "<title>北区役所 - 働き方改革</title>", "働き方改革" },
		{ "<title>公式サイト：経営相談</title>", "経営相談" },
		{ "<title>経営相談窓口のご案内 - 商工課 - 東野市</title><main><h1>経営相談窓口</h1>本文</main>",
		  "経営相談窓口" },
		{ "<title></title><meta property=\"og:title\" content=\"テレワーク支援\">", "テレワーク支援" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct extract_page *p = NULL;

		assert_int_equal(extract_html(&p, cases[i].html, strlen(cases[i].html), NULL), 0);
		if (strcmp(p->title, cases[i].want) != 0)
			fail_msg("title of %s: \"%s\", want \"%s\"", cases[i].html, p->title,
			    cases[i].want);
		extract_page_free(p);
	}
}

/* ---- pathological inputs ---- */

static void
test_deep_nesting(void **state)
{
	struct buf b = BUF_INIT;
	struct extract_page *p = NULL;
	double t0 = util_monotonic();

	(void)state;
	buf_adds(&b, "<html><body><div id=\"main\"><p>深い入れ子の本文です。</p>");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "<div><span>");
	buf_adds(&b, "底の文");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "</span></div>");
	buf_adds(&b, "</div></body></html>");
	assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
	assert_non_null(strstr(p->main_text, "底の文"));
	assert_true(util_monotonic() - t0 < 10.0);
	extract_page_free(p);
	/* unclosed formatting elements, the other quadratic case */
	buf_reset(&b);
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "<b><i><font>");
	buf_adds(&b, "x");
	assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
	extract_page_free(p);
	buf_free(&b);
}

/* copy_matches_page: every byte of a compact copy is the page's byte
 * that the map names, in order */
static void
copy_matches_page(const char *html, size_t len, const char *copy, size_t clen,
	const struct ex_prep_map *map)
{
	size_t prev = 0;

	for (size_t i = 0; i < clen; i++) {
		size_t o = ex_prep_orig(map, i);

		assert_true(o < len);
		assert_true(i == 0 || o > prev);
		assert_int_equal(html[o], copy[i]);
		prev = o;
	}
}

/* One tag with 100,000 attributes: gumbo compares each attribute with
 * those before it, so the compact copy keeps at most 64 of a tag's wanted
 * attributes and never hands such a tag over whole (it did: minutes). */
static void
test_many_attributes(void **state)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	struct ex_prep_map map;
	struct extract_page *p = NULL;
	size_t clen, blanked;
	char *copy;
	double t0;

	(void)state;
	buf_adds(&b, "<main><div");
	for (int i = 0; i < 100000; i++)
		buf_addf(&b, " a%d=\"1\"", i);
	buf_adds(&b, " class=\"lead\">多すぎる属性</div></main>");
	copy = ex_prep_compact(b.ptr, b.len, 400, &clen, &map, &blanked);
	assert_string_equal(copy, "<main><div class=\"lead\">多すぎる属性</div></main>");
	copy_matches_page(b.ptr, b.len, copy, clen, &map);
	free(copy);
	ex_prep_map_free(&map);
	t0 = util_monotonic();
	assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
	assert_non_null(strstr(p->main_text, "多すぎる属性"));
	assert_true(util_monotonic() - t0 < 2.0);
	extract_page_free(p);
	/* wanted ones past the 64th go too */
	buf_reset(&b);
	buf_adds(&b, "<p");
	buf_adds(&want, "<p");
	for (int i = 0; i < 100; i++) {
		buf_addf(&b, " class=\"k%d\"", i);
		if (i < 64)
			buf_addf(&want, " class=\"k%d\"", i);
	}
	buf_adds(&b, ">y</p>");
	buf_adds(&want, ">y</p>");
	copy = ex_prep_compact(b.ptr, b.len, 400, &clen, &map, &blanked);
	assert_string_equal(copy, buf_cstr(&want));
	copy_matches_page(b.ptr, b.len, copy, clen, &map);
	free(copy);
	ex_prep_map_free(&map);
	/* a quoted value that never closes: the page ends inside the tag,
	 * and the tag and the rest are left out */
	buf_reset(&b);
	buf_adds(&b, "<p>前</p><div");
	for (int i = 0; i < 100; i++)
		buf_addf(&b, " a%d=1", i);
	buf_adds(&b, " title=\"never closed><p>後</p>");
	copy = ex_prep_compact(b.ptr, b.len, 400, &clen, &map, &blanked);
	assert_string_equal(copy, "<p>前</p>");
	free(copy);
	ex_prep_map_free(&map);
	/* a tag that no '>' ends runs to the end of the page, where the
	 * tokenizer drops it: the copy leaves it out rather than hand gumbo
	 * its 100,000 attributes (or a million "<a", each a scan to the end) */
	buf_reset(&b);
	buf_adds(&b, "<p>前</p><div");
	for (int i = 0; i < 100000; i++)
		buf_addf(&b, " a%d=\"1\"", i);
	t0 = util_monotonic();
	assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
	assert_string_equal(p->main_text, "前");
	assert_true(util_monotonic() - t0 < 2.0);
	extract_page_free(p);
	buf_reset(&b);
	buf_adds(&b, "<p>前</p>");
	for (int i = 0; i < 1000000; i++)
		buf_adds(&b, "<a");
	t0 = util_monotonic();
	copy = ex_prep_compact(b.ptr, b.len, 400, &clen, &map, &blanked);
	assert_true(util_monotonic() - t0 < 2.0);
	assert_string_equal(copy, "<p>前</p>");
	free(copy);
	ex_prep_map_free(&map);
	buf_free(&want);
	buf_free(&b);
}

/* The work caps: past each, the page is cut, what is kept is extracted as
 * usual and the page says which cap cut it. */
static void
test_work_caps(void **state)
{
	struct extract_opts o = EXTRACT_OPTS_INIT;
	struct extract_page *p = NULL;
	struct buf b = BUF_INIT;
	size_t xs = 0;

	(void)state;
	/* tags */
	buf_adds(&b, "<html><body><main>");
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, "<p>x");
	assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
	assert_false(p->too_large);
	assert_null(p->too_large_cap);
	for (const char *q = p->main_text; *q; q++)
		xs += *q == 'x';
	assert_int_equal(xs, 1000);
	extract_page_free(p);
	o.max_tags = 100;
	assert_int_equal(extract_html(&p, b.ptr, b.len, &o), 0);
	assert_true(p->too_large);
	assert_string_equal(p->too_large_cap, "tags");
	xs = 0;
	for (const char *q = p->main_text; *q; q++)
		xs += *q == 'x';
	assert_true(xs > 90 && xs < 100);
	extract_page_free(p);
	/* sections */
	o = (struct extract_opts)EXTRACT_OPTS_INIT;
	o.max_sections = 10;
	buf_reset(&b);
	buf_adds(&b, "<html><body><main>");
	for (int i = 0; i < 50; i++)
		buf_addf(&b, "<h2>見出し%d</h2><p>本文%d</p>", i, i);
	assert_int_equal(extract_html(&p, b.ptr, b.len, &o), 0);
	assert_int_equal(p->nsections, 10);
	assert_string_equal(p->sections[9].heading, "見出し9");
	assert_string_equal(p->sections[9].text, "本文9");
	assert_true(p->too_large);
	assert_string_equal(p->too_large_cap, "sections");
	extract_page_free(p);
	/* text: cut on a character boundary */
	o = (struct extract_opts)EXTRACT_OPTS_INIT;
	o.max_text = 1000;
	buf_reset(&b);
	buf_adds(&b, "<html><body><main><h1>題</h1><p>");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "あ");
	buf_adds(&b, "</p><h2>後の見出し</h2>");
	assert_int_equal(extract_html(&p, b.ptr, b.len, &o), 0);
	assert_true(p->too_large);
	assert_string_equal(p->too_large_cap, "text");
	assert_int_equal(p->nsections, 1);
	assert_int_equal(strlen(p->sections[0].text), 3 * 332); /* 1000 - 3 (題), whole characters */
	assert_true(util_utf8_valid(p->main_text, strlen(p->main_text)));
	extract_page_free(p);
	/* the parse tree's memory: gumbo clones 300 open formatting elements
	 * for every <p>'s text (2,000 tags made 600,000 nodes, 330 MB); the
	 * parse starts again on halves of the page until the tree fits */
	o = (struct extract_opts)EXTRACT_OPTS_INIT;
	o.max_tree = 4u << 20;
	buf_reset(&b);
	buf_adds(&b, "<html><body><main><p>前文</p><p>");
	for (int i = 0; i < 300; i++)
		buf_addf(&b, "<b class=c%d>", i);
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, "<p>x");
	assert_int_equal(extract_html(&p, b.ptr, b.len, &o), 0);
	assert_true(p->too_large);
	assert_string_equal(p->too_large_cap, "tree");
	assert_non_null(strstr(p->main_text, "前文"));
	extract_page_free(p);
	/* the same under the default caps, in a bounded time */
	{
		double t0 = util_monotonic();

		assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
		assert_true(p->too_large);
		assert_true(util_monotonic() - t0 < 5.0);
		extract_page_free(p);
	}
	buf_free(&b);
}

static void
test_many_links(void **state)
{
	struct buf b = BUF_INIT;
	struct extract_page *p = NULL;

	(void)state;
	buf_adds(&b, "<html><body><main>");
	for (int i = 0; i < 100000; i++)
		buf_addf(&b, "<a href=\"/p/%d.html\">項目%d</a>", i, i);
	buf_adds(&b, "</main></body></html>");
	assert_int_equal(extract_html(&p, b.ptr, b.len, NULL), 0);
	assert_true(p->nlinks > 1000);
	extract_page_free(p);
	buf_free(&b);
}

static void
test_garbage(void **state)
{
	char junk[65536];
	uint32_t x = 2463534242u;
	struct extract_page *p = NULL;
	int rc;

	(void)state;
	for (size_t i = 0; i < sizeof(junk); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		junk[i] = (char)(x & 0xff);
	}
	/* as bytes of unknown type: refused with a message */
	rc = extract_bytes(&p, junk, sizeof(junk), NULL);
	assert_int_not_equal(rc, 0);
	assert_true(strlen(err_msg()) > 0);
	assert_null(p);
	/* as "UTF-8" HTML: parsed all the same, bad bytes replaced */
	assert_int_equal(extract_html(&p, junk, sizeof(junk), NULL), 0);
	extract_page_free(p);
	p = NULL;
	/* empty */
	assert_int_equal(extract_bytes(&p, "", 0, NULL), MS_EINVAL);
	assert_int_equal(extract_html(&p, "", 0, NULL), 0);
	assert_int_equal(p->nsections, 0);
	extract_page_free(p);
	p = NULL;
	/* invalid UTF-8 inside a page */
	{
		const char bad[] = "<main><p>有効\xff\xfe\xc3\x28無効\xe3\x81</p></main>";

		assert_int_equal(extract_html(&p, bad, sizeof(bad) - 1, NULL), 0);
		assert_true(util_utf8_valid(p->main_text, strlen(p->main_text)));
		extract_page_free(p);
		p = NULL;
	}
	/* over the size cap */
	{
		struct extract_opts o = EXTRACT_OPTS_INIT;

		o.max_bytes = 100;
		assert_int_equal(extract_html(&p, junk, 1000, &o), MS_ELIMIT);
	}
	/* a damaged PDF: a clear error */
	{
		const char pdf[] = "%PDF-1.4\n%\xef\xbf\xbd\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

		rc = extract_bytes(&p, pdf, sizeof(pdf) - 1, NULL);
		assert_int_equal(rc, MS_EINVAL);
		assert_non_null(strstr(err_msg(), "pdf"));
	}
}

/* a block named a menu is navigation when its text is links, and content
 * (a support menu described in a list) when it is not */
static void
test_menu_blocks(void **state)
{
	const char *html = "<html><head><title>支援メニュー</title></head><body>"
	    "<div id=\"main\"><h1>支援メニュー</h1><p>市の支援メニューです。</p>"
	    "<ul class=\"menu\"><li><a href=\"/a\">創業支援</a></li><li><a href=\"/b\">融資制度</a></li>"
	    "<li><a href=\"/c\">商店街振興</a></li></ul>"
	    "<dl class=\"menu-list\"><dt>移動相談会</dt><dd>市内の公民館を巡回して相談会を開きます。"
	    "中小企業診断士がお答えします。</dd><dt>アドバイザー派遣</dt><dd>アドバイザーが事業所に伺い"
	    "ます。</dd></dl></div></body></html>";
	struct extract_page *p = NULL;

	(void)state;
	assert_int_equal(extract_html(&p, html, strlen(html), NULL), 0);
	assert_non_null(strstr(p->main_text, "移動相談会"));
	assert_non_null(strstr(p->main_text, "アドバイザーが事業所に伺います"));
	assert_null(strstr(p->main_text, "商店街振興"));
	extract_page_free(p);
}

/* an old table layout whose content cell holds a table listing measures
 * (a header row, then a row per measure): each row is an item even when
 * the table's body is what the main-content search picks */
static void
test_layout_list_table(void **state)
{
	const char *html = "<html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
	    "<table width=\"580\"><tr><td><b>経営相談のご案内</b></td></tr>"
	    "<tr><td>商工会では、小規模事業者の経営改善のお手伝いをしています。</td></tr><tr><td>"
	    "<table border=\"1\"><tr><td><b>事業名</b></td><td><b>内容</b></td></tr>"
	    "<tr><td><b>経営相談</b></td><td>経営指導員が窓口でご相談をお受けします。相談は無料です。</td></tr>"
	    "<tr><td><b>エキスパートバンク事業</b></td><td>専門家を事業所に派遣します。年3回まで。</td></tr>"
	    "<tr><td><b>記帳指導</b></td><td>帳簿の付け方をお教えします。</td></tr>"
	    "</table></td></tr></table></body></html>";
	struct extract_page *p = NULL;
	size_t items = 0;

	(void)state;
	assert_int_equal(extract_html(&p, html, strlen(html), NULL), 0);
	for (size_t i = 0; i < p->nsections; i++)
		if (p->sections[i].kind == EXTRACT_ITEM) {
			items++;
			if (items == 2)
				assert_string_equal(p->sections[i].heading, "エキスパートバンク事業");
		}
	assert_int_equal(items, 3);
	extract_page_free(p);
}

/* a heading's own numbering, which a program's name leaves out */
static void
test_number_len(void **state)
{
	static const struct {
		const char *s;
		size_t want; /* bytes of the number and the blanks after it */
	} cases[] = {
		{ "１ 市ワンストップ相談窓口で相談", 4 },
		{ "2　専門家派遣", 4 },
		{ "12 相談窓口", 3 },
		{ "(1) 専門家派遣", 4 },
		{ "（２）相談窓口", 9 },
		{ "1. 概要", 3 },
		{ "② 経営相談", 4 },
		{ "●相談窓口", 3 },
		{ "123 相談", 0 },        /* three digits: a figure, not a number */
		{ "3 か月", 2 },          /* the rule cannot tell units; headings rarely start so */
		{ "10 20 30", 0 },        /* a number after the blank */
		{ "2023年度 相談", 0 },
		{ "1.5倍", 0 },
		{ "1 ", 0 },              /* nothing after it */
		{ "相談窓口 1", 0 },
		{ "", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (extract_number_len(cases[i].s, strlen(cases[i].s)) != cases[i].want)
			fail_msg("'%s': %zu, want %zu", cases[i].s,
			    extract_number_len(cases[i].s, strlen(cases[i].s)), cases[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_ranges_and_parents),
		cmocka_unit_test(test_joining),
		cmocka_unit_test(test_prep_offsets),
		cmocka_unit_test(test_prep_attributes),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_many_attributes),
		cmocka_unit_test(test_work_caps),
		cmocka_unit_test(test_many_links),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_number_len),
		cmocka_unit_test(test_menu_blocks),
		cmocka_unit_test(test_layout_list_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
