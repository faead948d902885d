/*
 * test_extract_dict: the word lists of extraction come from
 * dict/extract.tsv.  Every row of the shipped file has the effect its kind
 * promises on a small page made for it, and the same page without the word
 * does not; a malformed or missing file stops extraction with file:line; a
 * word a researcher adds changes what is dropped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "extract.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

#define MAIN_TEXT "市内の中小企業を対象に、経営の専門家を無料で派遣する事業の説明です。"
#define FOREIGN "テンプレートの文言です"

static char *tmpdir;

static const char *
dict_dir(void)
{
	const char *d = getenv("MUNISCAN_DICT");

	return d && *d ? d : "dict";
}

static struct extract_page *
extract(const char *html)
{
	struct extract_page *p = NULL;

	if (extract_html(&p, html, strlen(html), NULL) != 0)
		fail_msg("extract: %s", err_msg());
	return p;
}

/* kept: whether text is in the main text of the page built from html. */
static bool
kept(const char *html, const char *text)
{
	struct extract_page *p = extract(html);
	bool k = strstr(p->main_text, text) != NULL;

	extract_page_free(p);
	return k;
}

static char *
title_of(const char *html)
{
	struct extract_page *p = extract(html);
	char *t = xstrdup(p->title);

	extract_page_free(p);
	return t;
}

static bool
has_item(const char *html, const char *heading)
{
	struct extract_page *p = extract(html);
	bool found = false;

	for (size_t i = 0; i < p->nsections; i++)
		if (p->sections[i].kind == EXTRACT_ITEM && strcmp(p->sections[i].heading, heading) == 0)
			found = true;
	extract_page_free(p);
	return found;
}

static char *
vformat(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	buf_vaddf(&b, fmt, ap);
	return buf_detach(&b, NULL);
}

/* in_main: a page whose <main> holds the page text and then the body
 * formatted from fmt. */
static char *in_main(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *
in_main(const char *fmt, ...)
{
	va_list ap;
	char *body, *page;

	va_start(ap, fmt);
	body = vformat(fmt, ap);
	va_end(ap);
	page = xasprintf("<html><head><title>専門家派遣事業</title></head><body><main>"
	    "<p>%s</p>%s</main></body></html>", MAIN_TEXT, body);
	free(body);
	return page;
}

/* titled: a page whose title is formatted from fmt. */
static char *titled(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *
titled(const char *fmt, ...)
{
	va_list ap;
	char *title, *page;

	va_start(ap, fmt);
	title = vformat(fmt, ap);
	va_end(ap);
	page = xasprintf("<html><head><title>%s</title></head><body><main><p>%s</p></main>"
	    "</body></html>", title, MAIN_TEXT);
	free(title);
	return page;
}

/* ---- every row of the shipped file ---- */

struct row {
	char kind[64];
	char value[256];
	size_t line;
};

static struct row *
read_rows(size_t *n_out)
{
	char *path = util_path_join(dict_dir(), "extract.tsv");
	struct tsv *t = NULL;
	struct row *rows = NULL;
	size_t n = 0;
	char **f;
	size_t nf;
	int rc;

	assert_int_equal(tsv_open(&t, path), 0);
	while ((rc = tsv_next(t, &f, &nf)) == 1) {
		const char *v = f[1];
		size_t vl = strlen(v);

		assert_true(nf >= 2);
		if (strcmp(f[0], "kind") == 0)
			continue;
		rows = xreallocarray(rows, n + 1, sizeof(*rows));
		snprintf(rows[n].kind, sizeof(rows[n].kind), "%s", f[0]);
		if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"')
			snprintf(rows[n].value, sizeof(rows[n].value), "%.*s", (int)(vl - 2), v + 1);
		else
			snprintf(rows[n].value, sizeof(rows[n].value), "%s", v);
		rows[n].line = tsv_line(t);
		n++;
	}
	assert_int_equal(rc, 0);
	tsv_free(t);
	free(path);
	*n_out = n;
	return rows;
}

/* check_row: the row's word has its effect (pos) and the same page without
 * it does not (neg); returns a failure description or NULL. */
static char *
check_row(const struct row *r, const struct row *rows, size_t nrows)
{
	const char *k = r->kind, *v = r->value;
	char *pos = NULL, *neg = NULL, *why = NULL;

	if (strcmp(k, "drop_class") == 0 || strcmp(k, "drop_class_part") == 0) {
		pos = in_main("<div class=\"%s\"><p>" FOREIGN "</p></div>", v);
		neg = in_main("<div class=\"plainbox\"><p>" FOREIGN "</p></div>");
		if (kept(pos, FOREIGN) || !kept(pos, MAIN_TEXT) || !kept(neg, FOREIGN))
			why = xstrdup("a block of that class is not dropped");
	} else if (strcmp(k, "drop_class_unless_heading") == 0) {
		pos = in_main("<div id=\"%s\"><p>" FOREIGN "</p></div>", v);
		neg = in_main("<div id=\"%s\"><h2>事業の概要</h2><p>" FOREIGN "</p></div>", v);
		if (kept(pos, FOREIGN) || !kept(neg, FOREIGN))
			why = xstrdup("dropped without a heading, kept with one: not so");
	} else if (strcmp(k, "drop_class_unless_content") == 0) {
		/* links: navigation, dropped; text of its own: content, kept */
		pos = in_main("<ul class=\"%s\"><li><a href=\"/a\">" FOREIGN "</a></li>"
		    "<li><a href=\"/b\">" FOREIGN "</a></li></ul>", v);
		neg = in_main("<dl class=\"%s\"><dt>" FOREIGN "</dt><dd>" MAIN_TEXT "</dd></dl>", v);
		if (kept(pos, FOREIGN) || !kept(neg, FOREIGN))
			why = xstrdup("links dropped and text kept: not so");
	} else if (strcmp(k, "main_container") == 0) {
		/* a side column longer than the content: the container wins */
		const char *fmt = "<html><body><div id=\"%s\"><p>%s</p></div><div><p>%s%s%s</p></div>"
		    "</body></html>";

		pos = xasprintf(fmt, v, MAIN_TEXT, FOREIGN, FOREIGN, FOREIGN);
		neg = xasprintf(fmt, "plainbox", MAIN_TEXT, FOREIGN, FOREIGN, FOREIGN);
		if (kept(pos, FOREIGN) || !kept(pos, MAIN_TEXT) || !kept(neg, FOREIGN))
			why = xstrdup("the container is not the main content");
	} else if (strcmp(k, "skip_link") == 0) {
		/* the skip target (200+ characters) is smaller than the side */
		const char *fmt = "<html><body><div><p>%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s</p></div>"
		    "<p><a href=\"#skiptarget\">%s</a></p><div id=\"skiptarget\"><p>%s%s%s%s%s%s%s</p>"
		    "</div></body></html>";
		const char *f = FOREIGN, *m = MAIN_TEXT;

		pos = xasprintf(fmt, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, v,
		    m, m, m, m, m, m, m);
		neg = xasprintf(fmt, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, f, "次へ",
		    m, m, m, m, m, m, m);
		if (kept(pos, FOREIGN) || !kept(pos, MAIN_TEXT) || !kept(neg, FOREIGN))
			why = xstrdup("the skip link's target is not the main content");
	} else if (strcmp(k, "external_link_class") == 0) {
		const char *fmt = "<p>詳しくは<a href=\"https://example.jp/\">外部サイト</a>"
		    "<span class=\"%s\">＜外部リンク＞</span>をご覧ください。</p>";

		pos = in_main(fmt, v);
		neg = in_main(fmt, "note");
		if (kept(pos, "＜外部リンク＞") || !kept(neg, "＜外部リンク＞"))
			why = xstrdup("the span is not dropped");
	} else if (strcmp(k, "template_line") == 0) {
		pos = in_main("<p>%s：" FOREIGN "</p>", v);
		neg = in_main("<p>見出しのない行：" FOREIGN "</p>");
		if (kept(pos, FOREIGN) || !kept(neg, FOREIGN))
			why = xstrdup("the line is not dropped");
	} else if (strcmp(k, "template_notice_name") == 0 ||
	    strcmp(k, "template_notice_word") == 0) {
		/* each name with every word */
		bool name = strcmp(k, "template_notice_name") == 0;

		for (size_t i = 0; i < nrows && !why; i++) {
			if (strcmp(rows[i].kind, name ? "template_notice_word" :
			    "template_notice_name") != 0)
				continue;
			free(pos);
			pos = in_main("<p>告知：%s %s " FOREIGN "</p>",
			    name ? v : rows[i].value, name ? rows[i].value : v);
			if (kept(pos, FOREIGN))
				why = xasprintf("a line with '%s' is not dropped", rows[i].value);
		}
		neg = in_main("<p>告知：%s " FOREIGN "</p>", v);
		if (!why && !kept(neg, FOREIGN))
			why = xstrdup("dropped without its partner word");
	} else if (strcmp(k, "template_heading") == 0) {
		const char *fmt = "<h2>%s</h2><p>" FOREIGN "</p><h2>次の見出し</h2><p>後続の本文です</p>";

		pos = in_main(fmt, v);
		neg = in_main(fmt, "事業の概要");
		if (kept(pos, FOREIGN) || !kept(pos, "後続の本文です") || !kept(neg, FOREIGN))
			why = xstrdup("the block under the heading is not dropped");
	} else if (strcmp(k, "site_word") == 0 || strcmp(k, "place_suffix") == 0) {
		char *tp, *tn;
		bool site = k[0] == 's';

		pos = titled(site ? "%s｜支援事業の案内" : "みなと%s｜支援事業の案内", v);
		neg = titled(site ? "事業の一覧｜支援事業の案内" : "みなと地域｜支援事業の案内");
		tp = title_of(pos);
		tn = title_of(neg);
		if (strcmp(tp, "支援事業の案内") != 0 || strcmp(tn, "支援事業の案内") == 0)
			why = xasprintf("titles \"%s\" and \"%s\"", tp, tn);
		free(tp);
		free(tn);
	} else if (strcmp(k, "title_separator") == 0) {
		char *tp, *tn;

		pos = titled("支援事業の案内%sみなと市役所", v);
		neg = titled("支援事業の案内・みなと市役所");
		tp = title_of(pos);
		tn = title_of(neg);
		if (strcmp(tp, "支援事業の案内") != 0 || strcmp(tn, "支援事業の案内") == 0)
			why = xasprintf("titles \"%s\" and \"%s\"", tp, tn);
		free(tp);
		free(tn);
	} else if (strcmp(k, "list_marker") == 0) {
		pos = in_main("<h2>事業の概要</h2><p>%s 対象者は市内の中小企業です</p>", v);
		neg = in_main("<h2>事業の概要</h2><p>対象者は市内の中小企業です</p>");
		if (!has_item(pos, "対象者は市内の中小企業です") ||
		    has_item(neg, "対象者は市内の中小企業です"))
			why = xstrdup("the line is not an item");
	} else if (strcmp(k, "pdf_heading_mark") == 0) {
		/* needs pdftotext and a PDF: test_extract's PDF cases cover 【 */
	} else {
		why = xstrdup("no test for this kind");
	}
	free(pos);
	free(neg);
	return why;
}

static void
test_every_row(void **state)
{
	size_t n = 0, failed = 0;
	struct row *rows;

	(void)state;
	assert_int_equal(extract_config_load(dict_dir()), 0);
	rows = read_rows(&n);
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++) {
		char *why = check_row(&rows[i], rows, n);

		if (why) {
			print_error("extract.tsv:%zu: %s '%s': %s\n", rows[i].line, rows[i].kind,
			    rows[i].value, why);
			failed++;
		}
		free(why);
	}
	free(rows);
	assert_int_equal(failed, 0);
}

/* ---- malformed files ---- */

static void
write_dict(const char *text)
{
	char *path = util_path_join(tmpdir, "extract.tsv");

	assert_int_equal(util_write_atomic(path, text, strlen(text)), 0);
	free(path);
}

/* A valid file: one row of each kind (no template words at all beyond). */
#define HEAD "kind\tvalue\tnote\n"
#define MINIMAL HEAD "drop_class\tnav\ndrop_class_unless_heading\theader\n" \
	"drop_class_unless_content\tmenu\ndrop_class_part\tpankuzu\n" \
	"main_container\ttmp_contents\nskip_link\t本文\nexternal_link_class\texternal\n" \
	"template_line\t更新日\ntemplate_notice_name\tAdobe\ntemplate_notice_word\tReader\n" \
	"template_heading\tお問い合わせ\nsite_word\t市役所\nplace_suffix\t市\n" \
	"title_separator\t｜\nlist_marker\t●\npdf_heading_mark\t【\n"

static void
test_malformed(void **state)
{
	static const struct {
		const char *text;
		const char *want; /* after "DIR/extract.tsv:" */
	} cases[] = {
		{ "drop_class\tnav\n", "1: expected the header row" },
		{ HEAD "# comment\ndrop_class\tnav\nnavigation\n", "4: expected kind<TAB>value" },
		{ HEAD "drop_class\tnav\tnote\textra\n", "2: expected kind<TAB>value" },
		{ HEAD "drop_klass\tnav\n", "2: unknown kind 'drop_klass'" },
		{ HEAD "drop_class\ttmp-nav\n", "2: drop_class 'tmp-nav': a class word is ASCII" },
		{ HEAD "drop_class\tナビ\n", "2: drop_class 'ナビ': a class word is ASCII" },
		{ HEAD "template_line\t\n", "2: template_line '': empty value" },
		{ HEAD "template_line\t 更新日\n", "2: template_line ' 更新日': blanks around" },
		{ HEAD "main_container\tmain body\n", "2: main_container 'main body': an id" },
		{ HEAD "site_word\t公式\n\nsite_word\t公式\n", "4: site_word '公式' repeats line 2" },
		{ HEAD "site_word\t公式\n", "2: no drop_class rows" },
		{ MINIMAL "template_line\t\xff\n", "18: not valid UTF-8" },
	};
	char *prefix = util_path_join(tmpdir, "extract.tsv:");
	struct extract_page *p = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *want = xasprintf("%s%s", prefix, cases[i].want);

		write_dict(cases[i].text);
		assert_int_equal(extract_config_load(tmpdir), MS_EINVAL);
		if (strncmp(err_msg(), want, strlen(want)) != 0 || strchr(err_msg(), '\n'))
			fail_msg("case %zu: \"%s\", want \"%s...\"", i, err_msg(), want);
		/* and every extraction fails with the same line until a load succeeds */
		err_clear();
		assert_int_equal(extract_html(&p, "<p>x</p>", 8, NULL), MS_EINVAL);
		assert_null(p);
		assert_int_equal(strncmp(err_msg(), want, strlen(want)), 0);
		err_clear();
		assert_int_equal(extract_bytes(&p, "<p>x</p>", 8, NULL), MS_EINVAL);
		assert_int_equal(strncmp(err_msg(), want, strlen(want)), 0);
		free(want);
	}
	write_dict(MINIMAL);
	assert_int_equal(extract_config_load(tmpdir), 0);
	assert_int_equal(extract_html(&p, "<p>x</p>", 8, NULL), 0);
	extract_page_free(p);
	p = NULL;

	/* a missing file names the file */
	{
		char *path = util_path_join(tmpdir, "extract.tsv");

		unlink(path);
		assert_int_equal(extract_config_load(tmpdir), MS_EINVAL);
		assert_non_null(strstr(err_msg(), path));
		assert_int_equal(extract_html(&p, "<p>x</p>", 8, NULL), MS_EINVAL);
		free(path);
	}
	free(prefix);
	assert_int_equal(extract_config_load(dict_dir()), 0);
}

/* ---- a researcher adds a word ---- */

static struct extract_page *
extract_file(const char *name)
{
	const char *base = getenv("MUNISCAN_TESTDATA");
	char *d = util_path_join(base ? base : "tests/data", "extract");
	char *path = util_path_join(d, name), *data = NULL;
	struct extract_page *p = NULL;
	size_t len = 0;

	assert_int_equal(util_read_file(&data, &len, path, 0), 0);
	if (extract_bytes(&p, data, len, NULL) != 0)
		fail_msg("%s: %s", name, err_msg());
	free(data);
	free(path);
	free(d);
	return p;
}

static void
test_added_class_word(void **state)
{
	char *shipped = util_path_join(dict_dir(), "extract.tsv"), *data = NULL;
	struct extract_page *p;
	struct buf b = BUF_INIT;
	size_t len = 0;

	(void)state;
	assert_int_equal(extract_config_load(dict_dir()), 0);
	p = extract_file("dict_class.html");
	assert_non_null(strstr(p->main_text, "広告：みなと信用金庫"));
	extract_page_free(p);

	/* the shipped file plus one row: <div class="koukoku-area"> goes */
	assert_int_equal(util_read_file(&data, &len, shipped, 0), 0);
	buf_add(&b, data, len);
	buf_adds(&b, "drop_class\tkoukoku\tadvertisements\n");
	write_dict(buf_cstr(&b));
	assert_int_equal(extract_config_load(tmpdir), 0);
	p = extract_file("dict_class.html");
	assert_null(strstr(p->main_text, "広告：みなと信用金庫"));
	assert_non_null(strstr(p->main_text, "開業に要する経費の一部を補助します。"));
	assert_non_null(strstr(p->main_text, "店舗の改装費"));
	extract_page_free(p);

	assert_int_equal(extract_config_load(dict_dir()), 0);
	buf_free(&b);
	free(data);
	free(shipped);
}

static int
setup(void **state)
{
	char tmpl[] = "/tmp/muniscan-test-extract-dict-XXXXXX";

	(void)state;
	if (!mkdtemp(tmpl))
		return -1;
	tmpdir = xstrdup(tmpl);
	return 0;
}

static int
teardown(void **state)
{
	char *path = util_path_join(tmpdir, "extract.tsv");

	(void)state;
	unlink(path);
	rmdir(tmpdir);
	free(path);
	free(tmpdir);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_added_class_word),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
