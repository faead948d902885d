/*
 * html: extract_html(), from UTF-8 HTML to title, main content, sections
 * and links (see extract.h).
 *
 * Steps:
 * 1. Bound the cost (html_prep.c): cap the size, leave out what is never
 *    read (script and style bodies, comments, indentation), replace
 *    invalid UTF-8 bytes and tags nested deeper than the cap with blanks,
 *    then parse; line offsets are mapped back to the caller's page.
 * 2. Find the main content (html_main.c): <main> / role=main, the target
 *    of the skip link (本文へ), the usual CMS containers, else the smallest
 *    element holding most of the page's non-link text (counted in
 *    characters: Japanese has no spaces to count words by).
 * 3. Walk it, dropping template furniture by tag, ARIA role and class/id
 *    words (html_filter.c), into lines (ex_lines); lines.c cuts them into
 *    sections.
 * 4. Collect every <a href> of the document for the crawler.
 *
 * This file owns the parse, the walk into lines, the links and the title;
 * it calls into html_main.c and html_filter.c (html_internal.h), never the
 * other way.  Recursion is bounded by the depth cap of step 1.
 */
#include "extract.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <gumbo.h>

#include "buf.h"
#include "err.h"
#include "extract_internal.h"
#include "html_internal.h"
#include "log.h"
#include "util.h"
#include "xalloc.h"

#define DEFAULT_MAX_BYTES (8u * 1024 * 1024)
/* Links of one page: beyond this the page is a link farm, not a menu. */
#define MAX_LINKS 20000
#define MAX_HREF 4096
/* A bold line longer than this is emphasis, not a heading. */
#define BOLD_HEADING_MAX 40
/* A block named as furniture that holds this many times the non-link text
 * of the rest of the main region is the page (holds_most). */
#define NAMED_KEEP_RATIO 3
/* A list item with this many characters is content, not a menu entry. */
#define ITEM_MIN_CHARS 40
/* a line that is one link this long at most can title the list after it */
#define LINK_TITLE_MAX_CHARS 60

/* ---- step 1 (bounding the cost) is in html_prep.c, step 2 (the main
 * content) in html_main.c ---- */

static bool
is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
	case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_CAPTION: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_HR: case GUMBO_TAG_CENTER: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_LEGEND: case GUMBO_TAG_BODY: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
	case GUMBO_TAG_DIR: case GUMBO_TAG_MENU: case GUMBO_TAG_HGROUP:
		return true;
	default:
		return false;
	}
}

struct ctx {
	const char *html;      /* the compact copy gumbo parsed (html_prep.c) */
	size_t len;
	struct ex_prep_map map; /* its offsets back to the page's */
	struct ex_cmemo memo;  /* subtree counts (ex_count()) */
	const struct extract_opts *opts;
	CURLU *base;           /* page URL (or <base href>), NULL when none */
	const GumboNode *main; /* the main content region: main's children ... */
	const GumboNode *main_start; /* or: from this node on, to main's end */
	struct ex_lines lines;
	/* the line being built */
	struct buf line;
	size_t line_start, line_end;
	bool space, space_nl;  /* a blank is pending (and held a newline) */
	size_t bold_chars, all_chars;
	int bold;
	int in_heading, in_item, in_cell, in_pre, in_link;
	/* main links, in document order, to mark in_main in the full list */
	const GumboNode **main_links;
	size_t nmain_links, main_links_cap;
	char *first_h1;        /* first h1 of the main content */
	size_t skip_until;     /* source offset: nodes before it belong to a dropped form */
	bool row_end;          /* the line ends with a table row: no bold heading */
	bool join_lines;       /* in a list row's first cell: its lines are one */
	size_t main_nonlink;   /* non-link characters of the region (holds_most) */
	bool main_counted;
};

/* ---- links ---- */

static bool
skip_scheme(const char *h)
{
	static const char *const schemes[] = {
		"javascript:", "mailto:", "tel:", "data:", "fax:", "sms:", "callto:",
		"about:", "file:", "vbscript:",
	};

	for (size_t i = 0; i < sizeof(schemes) / sizeof(*schemes); i++)
		if (strncasecmp(h, schemes[i], strlen(schemes[i])) == 0)
			return true;
	return false;
}

/* resolve: the absolute URL of href (fragment dropped, host lowercased,
 * default port dropped), or NULL for links the crawler cannot follow. */
static char *
resolve(CURLU *base, const char *href_in)
{
	char *href = ex_collapse(href_in, strlen(href_in));
	char *res = NULL, *url = NULL, *host = NULL, *scheme = NULL;
	CURLU *h = NULL;

	if (!href[0] || href[0] == '#' || skip_scheme(href) || strlen(href) > MAX_HREF)
		goto out;
	h = base ? curl_url_dup(base) : curl_url();
	if (!h)
		goto out;
	if (curl_url_set(h, CURLUPART_URL, href,
	    CURLU_URLENCODE | CURLU_ALLOW_SPACE | CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
		if (!base && !strchr(href, ':'))
			res = xstrdup(href); /* relative, and nothing to resolve it by */
		goto out;
	}
	if (curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0))
		goto out;
	curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0);
	if (curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		for (char *p = host; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		curl_url_set(h, CURLUPART_HOST, host, 0);
	}
	if (curl_url_get(h, CURLUPART_URL, &url, CURLU_NO_DEFAULT_PORT) == CURLUE_OK)
		res = xstrdup(url);
out:
	curl_free(url);
	curl_free(host);
	curl_free(scheme);
	curl_url_cleanup(h);
	free(href);
	return res;
}

/* text_of: the text of a subtree, inline joined, blanks collapsed; image
 * alts stand in when there is no text (icon links). */
static void
text_walk(const GumboNode *n, struct buf *b, struct buf *alts, int depth)
{
	const GumboVector *ch;

	if (depth > 64 || b->len > 1000)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
	    n->type == GUMBO_NODE_WHITESPACE) {
		buf_adds(b, n->v.text.text);
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT)
		return;
	if (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE)
		return;
	if (n->v.element.tag == GUMBO_TAG_IMG && ex_attr(n, "alt") && alts->len < 200)
		buf_adds(alts, ex_attr(n, "alt"));
	if (n->v.element.tag == GUMBO_TAG_BR)
		buf_addc(b, ' ');
	ch = &n->v.element.children;
	for (unsigned i = 0; i < ch->length; i++)
		text_walk(ch->data[i], b, alts, depth + 1);
}

static char *
text_of(const GumboNode *n)
{
	struct buf b = BUF_INIT, alts = BUF_INIT;
	char *s;

	text_walk(n, &b, &alts, 0);
	s = b.len ? ex_collapse(b.ptr, b.len) : NULL;
	if (!s || !*s) {
		free(s);
		s = ex_collapse(buf_cstr(&alts), alts.len);
	}
	buf_free(&b);
	buf_free(&alts);
	return s;
}

struct all_links {
	struct extract_link *v;
	size_t n, cap;
	size_t k; /* next main link to meet */
};

static void
links_walk(struct ctx *c, const GumboNode *n, struct all_links *al, int depth)
{
	const GumboVector *ch;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 2 * EX_HTML_MAX_DEPTH + 100)
		return;
	if (n->v.element.tag == GUMBO_TAG_A || n->v.element.tag == GUMBO_TAG_AREA) {
		const char *href = ex_attr(n, "href");
		bool in_main = al->k < c->nmain_links && c->main_links[al->k] == n;
		char *r;

		if (in_main)
			al->k++;
		if (href && al->n < MAX_LINKS && (r = resolve(c->base, href)) != NULL) {
			if (al->n == al->cap) {
				al->cap = al->cap ? al->cap * 2 : 64;
				al->v = xreallocarray(al->v, al->cap, sizeof(*al->v));
			}
			al->v[al->n].href = r;
			al->v[al->n].text = text_of(n);
			al->v[al->n].in_main = in_main;
			al->n++;
		}
		/* a link holds no links; its text is taken above */
		return;
	}
	ch = &n->v.element.children;
	for (unsigned i = 0; i < ch->length; i++)
		links_walk(c, ch->data[i], al, depth + 1);
}

/* ---- step 3: lines ---- */

static bool
line_empty(const struct ctx *c)
{
	return c->line.len == 0;
}

static void
end_line(struct ctx *c, enum ex_kind kind, int level)
{
	struct ex_line *ln;
	size_t len = c->line.len;

	c->space = c->space_nl = false;
	if (c->join_lines && kind == EXL_TEXT) {
		/* the first cell of a list row names the row's item: its
		 * paragraphs (市独自！ / the name / 受付終了) make one title */
		if (len > 0)
			c->space = true;
		return;
	}
	if (len == 0)
		goto reset;
	if (ex_template_line(c->line.ptr, len) &&
	    !(kind == EXL_HEADING && ex_template_heading(c->line.ptr, len))) {
		/* the links of a dropped line go with it; a template heading
		 * (このページは役に立ちましたか) goes on to the sections, which drop
		 * it with the block under it */
		while (c->lines.nlinks && c->lines.link_line[c->lines.nlinks - 1] == c->lines.n) {
			c->lines.nlinks--;
			free(c->lines.links[c->lines.nlinks].href);
			free(c->lines.links[c->lines.nlinks].text);
		}
		goto reset;
	}
	if (kind == EXL_TEXT && !c->in_item && !c->in_cell && !c->row_end && c->all_chars > 0 &&
	    c->bold_chars == c->all_chars && c->all_chars <= BOLD_HEADING_MAX &&
	    !(len >= 3 && memcmp(c->line.ptr + len - 3, "。", 3) == 0)) {
		/* a short line all in bold that is not a sentence: a heading */
		kind = EXL_HEADING;
		level = 6;
	}
	ln = ex_lines_push(&c->lines, buf_detach(&c->line, NULL), len,
	    ex_prep_orig(&c->map, c->line_start), ex_prep_orig_end(&c->map, c->line_end),
	    kind, level);
	ln->in_item = c->in_item > 0;
reset:
	buf_reset(&c->line);
	c->bold_chars = c->all_chars = 0;
}

static void
add_text(struct ctx *c, const GumboNode *n)
{
	const char *s = n->v.text.text;
	size_t off = n->v.text.start_pos.offset;
	size_t end = off + n->v.text.original_text.length;

	for (size_t i = 0; s[i];) {
		unsigned char ch = (unsigned char)s[i];
		size_t cl;

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
		    (ch == 0xc2 && (unsigned char)s[i + 1] == 0xa0)) {
			if (c->in_pre && ch == '\n') {
				end_line(c, EXL_TEXT, 0);
				i++;
				continue;
			}
			c->space = true;
			if (ch == '\n' || ch == '\r')
				c->space_nl = true;
			i += ch == 0xc2 ? 2 : 1;
			continue;
		}
		cl = ch < 0x80 ? 1 : ch < 0xe0 ? 2 : ch < 0xf0 ? 3 : 4;
		for (size_t k = 1; k < cl; k++)
			if (!s[i + k]) {
				cl = k;
				break;
			}
		if (c->line.len == 0) {
			c->line_start = off;
		} else if (c->space) {
			/* a source line break between two Japanese characters is
			 * no space (the author wrapped the line); elsewhere it is */
			unsigned char prev = (unsigned char)c->line.ptr[c->line.len - 1];

			if (!(c->space_nl && (prev >= 0x80 || ch >= 0x80)))
				buf_addc(&c->line, ' ');
		}
		c->space = c->space_nl = false;
		buf_add(&c->line, s + i, cl);
		c->all_chars++;
		if (c->bold)
			c->bold_chars++;
		if (end > c->line_end || c->line.len == cl)
			c->line_end = end;
		i += cl;
	}
}

static bool
list_table(const GumboNode *table, const GumboNode **header)
{
	/* a table that lists things, one per row: its first row is all
	 * header cells (two or more <th>, or <td>s whose text is all bold)
	 * and at least two more rows follow; or every row opens with a row
	 * header (<th>) followed by two or more <td>s (a key/value table has
	 * one) */
	const GumboNode *first = NULL;
	size_t rows = 0, headed = 0;
	const GumboVector *ch = &table->v.element.children;

	for (unsigned i = 0; i < ch->length; i++) {
		const GumboNode *sec = ch->data[i];
		GumboTag t = ex_tag_of(sec);

		if (t != GUMBO_TAG_TBODY && t != GUMBO_TAG_THEAD && t != GUMBO_TAG_TFOOT)
			continue;
		for (unsigned j = 0; j < sec->v.element.children.length; j++) {
			const GumboNode *tr = sec->v.element.children.data[j];
			size_t th = 0, td = 0, cells = 0;
			bool th_first = false;

			if (ex_tag_of(tr) != GUMBO_TAG_TR)
				continue;
			for (unsigned k = 0; k < tr->v.element.children.length; k++) {
				GumboTag ct = ex_tag_of(tr->v.element.children.data[k]);

				if (ct != GUMBO_TAG_TH && ct != GUMBO_TAG_TD)
					continue;
				if (cells++ == 0)
					th_first = ct == GUMBO_TAG_TH;
				th += ct == GUMBO_TAG_TH;
				td += ct == GUMBO_TAG_TD;
			}
			if (cells == 0)
				continue; /* an empty row (<thead><tr></tr></thead>) */
			if (!first)
				first = tr;
			rows++;
			if (th_first && th == 1 && td >= 2)
				headed++;
		}
	}
	*header = NULL;
	if (!first || rows < 2)
		return false;
	if (headed == rows)
		return true;
	if (rows < 3)
		return false;
	{
		size_t th = 0, td = 0, bold_td = 0;

		for (unsigned i = 0; i < first->v.element.children.length; i++) {
			const GumboNode *cell = first->v.element.children.data[i];
			GumboTag t = ex_tag_of(cell);

			th += t == GUMBO_TAG_TH;
			if (t == GUMBO_TAG_TD) {
				size_t all = 0, in_bold = 0;

				td++;
				ex_text_under(cell, GUMBO_TAG_B, GUMBO_TAG_STRONG, &all, &in_bold);
				bold_td += all > 0 && in_bold == all;
			}
		}
		if (td >= 2 && th == 0 && bold_td == td) {
			*header = first; /* names columns: no item */
			return true;
		}
		return th >= 2 && td == 0;
	}
}

static bool
row_has_td(const GumboNode *tr)
{
	for (unsigned i = 0; i < tr->v.element.children.length; i++)
		if (ex_tag_of(tr->v.element.children.data[i]) == GUMBO_TAG_TD)
			return true;
	return false;
}

/* nth_cell: the row's k-th cell (<td> or <th>, from 0), NULL when fewer */
static const GumboNode *
nth_cell(const GumboNode *tr, unsigned k)
{
	for (unsigned i = 0; i < tr->v.element.children.length; i++) {
		const GumboNode *cell = tr->v.element.children.data[i];
		GumboTag t = ex_tag_of(cell);

		if ((t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) && k-- == 0)
			return cell;
	}
	return NULL;
}

/* category_column: a list table whose first column groups the rows (区分:
 * 給付・助成 on many rows, then 貸付, その他) rather than naming them: at
 * least three item rows of three or more cells, whose first cells take at
 * most half as many values as there are rows, while the second cells
 * differ from row to row */
static bool
category_column(const GumboNode *table, const GumboNode *header)
{
	char *first[64], *second[64];
	size_t rows = 0, d1 = 0, d2 = 0;
	bool ok = true;
	const GumboVector *ch = &table->v.element.children;

	for (unsigned i = 0; i < ch->length && ok; i++) {
		const GumboNode *sec = ch->data[i];
		GumboTag t = ex_tag_of(sec);

		if (t != GUMBO_TAG_TBODY && t != GUMBO_TAG_THEAD && t != GUMBO_TAG_TFOOT)
			continue;
		for (unsigned j = 0; j < sec->v.element.children.length && ok; j++) {
			const GumboNode *tr = sec->v.element.children.data[j];

			if (ex_tag_of(tr) != GUMBO_TAG_TR || tr == header || !row_has_td(tr))
				continue;
			if (!nth_cell(tr, 2) || rows == sizeof(first) / sizeof(*first)) {
				ok = false;
				break;
			}
			first[rows] = text_of(nth_cell(tr, 0));
			second[rows] = text_of(nth_cell(tr, 1));
			rows++;
		}
	}
	for (size_t r = 0; r < rows; r++) {
		bool seen1 = false, seen2 = false;

		for (size_t q = 0; q < r; q++) {
			seen1 = seen1 || strcmp(first[q], first[r]) == 0;
			seen2 = seen2 || strcmp(second[q], second[r]) == 0;
		}
		d1 += !seen1;
		d2 += !seen2;
	}
	ok = ok && rows >= 3 && 2 * d1 <= rows && d2 == rows;
	for (size_t r = 0; r < rows; r++) {
		free(first[r]);
		free(second[r]);
	}
	return ok;
}

struct walk_state {
	bool list_table;
	const GumboNode *header; /* a list table's header row of bold <td>s */
	bool category_col; /* a list table's first column groups its rows (区分) */
	int cell; /* index of the cell in the current row item, -1 outside */
	size_t first_cell_len;
	size_t row_line;
};

static void walk(struct ctx *c, const GumboNode *n, int depth, struct walk_state *ws);

static size_t
node_offset(const GumboNode *n)
{
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		return n->v.element.start_pos.offset;
	if (n->type == GUMBO_NODE_DOCUMENT)
		return 0;
	return n->v.text.start_pos.offset;
}

/* form_skip: gumbo 0.10.1 sometimes leaves a form empty and puts its
 * content after it as siblings (text right after <form>); what lies
 * between <form> and </form> in the source is the form's, so it is
 * skipped by offset. */
static void
form_skip(struct ctx *c, const GumboNode *form)
{
	size_t off = form->v.element.start_pos.offset;
	size_t limit = c->len - off > 65536 ? off + 65536 : c->len;

	if (form->v.element.original_tag.length == 0 || off >= c->len)
		return; /* inserted by the parser: no source */
	for (size_t i = off + 1; i + 6 <= limit; i++)
		if (c->html[i] == '<' && c->html[i + 1] == '/' &&
		    strncasecmp(c->html + i + 2, "form", 4) == 0) {
			c->skip_until = i;
			return;
		}
}

static void
walk_children(struct ctx *c, const GumboNode *n, int depth, struct walk_state *ws)
{
	const GumboVector *ch = &n->v.element.children;

	for (unsigned i = 0; i < ch->length; i++)
		walk(c, ch->data[i], depth + 1, ws);
}

/* close_item: after an li or a row, whether the lines from start make an
 * item (several lines, a list marker, or enough text that is not just a
 * link), and if so mark them. */
static void
close_item(struct ctx *c, const GumboNode *n, size_t start, bool force, size_t head_len)
{
	struct ex_line *first;
	size_t total = 0;
	bool item;

	if (c->lines.n <= start)
		return;
	first = &c->lines.v[start];
	for (size_t i = start; i < c->lines.n; i++)
		total += util_utf8_chars(c->lines.v[i].text, c->lines.v[i].len);
	item = force || c->lines.n - start >= 2 || ex_marker_len(first->text, first->len) > 0;
	if (!item && total >= ITEM_MIN_CHARS) {
		struct ex_counts k = ex_count(&c->memo, n, 0);

		item = k.link * 2 < k.text; /* a long link title is still a menu entry */
	}
	if (!item)
		return;
	first->kind = EXL_ITEM;
	first->level = 1;
	first->head_len = head_len;
	ex_lines_push(&c->lines, NULL, 0, first->start, first->start, EXL_ITEMEND, 0);
}

/* link_title_line: line li is a text line that is one link and nothing
 * else, short enough to name something (支援策パンフレット, …の相談窓口を
 * 開設しています) */
static bool
link_title_line(const struct ctx *c, size_t li)
{
	const struct ex_line *ln = &c->lines.v[li];
	const struct ex_lines *l = &c->lines;
	size_t n = 0;
	bool same = false;

	if (ln->kind != EXL_TEXT || ln->in_item ||
	    util_utf8_chars(ln->text, ln->len) > LINK_TITLE_MAX_CHARS)
		return false;
	for (size_t i = l->nlinks; i-- > 0 && l->link_line[i] == li;) {
		n++;
		same = l->links[i].text && strcmp(l->links[i].text, ln->text) == 0;
	}
	return n == 1 && same;
}

/* text_list: a list whose items are text, not links (a list of links is
 * a menu, not a description) */
static bool
text_list(struct ctx *c, const GumboNode *list)
{
	size_t items = 0;

	for (unsigned i = 0; i < list->v.element.children.length; i++) {
		const GumboNode *li = list->v.element.children.data[i];
		struct ex_counts k;

		if (ex_tag_of(li) != GUMBO_TAG_LI)
			continue;
		k = ex_count(&c->memo, li, 0);
		if (k.text == 0 || k.link * 2 >= k.text)
			return false;
		items++;
	}
	return items > 0;
}

/* content_heading: a heading under n (a few levels down) that is not a
 * template heading such as お問い合わせ. */
static bool
content_heading(const GumboNode *n, int budget)
{
	const GumboVector *ch;

	if (n->type != GUMBO_NODE_ELEMENT || budget <= 0)
		return false;
	if (ex_is_heading_tag(n->v.element.tag)) {
		char *t = text_of(n);
		bool ok = *t && !ex_template_heading(t, strlen(t));

		free(t);
		return ok;
	}
	ch = &n->v.element.children;
	for (unsigned i = 0; i < ch->length; i++)
		if (content_heading(ch->data[i], budget - 1))
			return true;
	return false;
}

/* holds_most: whether a block that its class words call furniture holds
 * most of the main region's non-link text (three times the rest), under
 * headings of its own: then the words were the site's private naming
 * (<div class="menu_area_body"> around the article), not a side block or
 * a contact box, and dropping it would lose the page. */
static bool
holds_most(struct ctx *c, const GumboNode *n)
{
	struct ex_counts own = { 0, 0 };

	for (unsigned i = 0; i < n->v.element.children.length; i++) {
		struct ex_counts k = ex_count(&c->memo, n->v.element.children.data[i], 0);

		own.text += k.text;
		own.link += k.link;
	}
	if (own.text - own.link < EX_MAIN_MIN_CHARS)
		return false;
	if (!c->main_counted) {
		/* the region without its furniture, this block included */
		c->main_nonlink = ex_nonlink_chars(&c->memo, c->main);
		c->main_counted = true;
	}
	return own.text - own.link >= NAMED_KEEP_RATIO * c->main_nonlink &&
	    content_heading(n, 6);
}

static void
walk(struct ctx *c, const GumboNode *n, int depth, struct walk_state *ws)
{
	GumboTag t;

	if (depth > 2 * EX_HTML_MAX_DEPTH + 100)
		return;
	if (c->skip_until && node_offset(n) < c->skip_until &&
	    node_offset(n) > 0)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
	    n->type == GUMBO_NODE_WHITESPACE) {
		add_text(c, n);
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT)
		return;
	if (n->v.element.tag == GUMBO_TAG_FORM)
		form_skip(c, n);
	switch (ex_drop_reason(n, true)) {
	case EX_KEEP:
		break;
	case EX_DROP_NAMED:
		if (holds_most(c, n))
			break; /* <div class="menu_area_body"> around the whole article */
		return;
	case EX_DROP_TAG:
		return;
	}
	t = n->v.element.tag;
	switch (t) {
	case GUMBO_TAG_BR:
		end_line(c, EXL_TEXT, 0);
		return;
	case GUMBO_TAG_IMG:
		if (c->in_heading && ex_attr(n, "alt")) {
			/* headings drawn as images */
			GumboNode fake = *n;
			fake.type = GUMBO_NODE_TEXT;
			fake.v.text.text = ex_attr(n, "alt");
			fake.v.text.start_pos = n->v.element.start_pos;
			fake.v.text.original_text = n->v.element.original_tag;
			add_text(c, &fake);
		}
		return;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		if (c->in_item || c->in_cell)
			break; /* a heading inside an item is the item's line */
		end_line(c, EXL_TEXT, 0);
		c->in_heading++;
		walk_children(c, n, depth, ws);
		c->in_heading--;
		if (t == GUMBO_TAG_H1 && !c->first_h1 && c->line.len)
			c->first_h1 = ex_collapse(c->line.ptr, c->line.len);
		end_line(c, EXL_HEADING, (int)(t - GUMBO_TAG_H1) + 1);
		return;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL:
		end_line(c, EXL_TEXT, 0);
		if (!c->in_item && !c->in_cell && c->lines.n > 0 && link_title_line(c, c->lines.n - 1) &&
		    text_list(c, n)) {
			/* a line that is one link, then a list that says what
			 * it is (<p><a>…の相談窓口を開設しています</a></p>
			 * <ul><li>事業者を対象に…</li></ul>): the link names an
			 * item and the list is its text */
			struct ex_line *title = &c->lines.v[c->lines.n - 1];

			title->kind = EXL_ITEM;
			title->level = 1;
			title->head_len = 0;
			title->in_item = true;
			c->in_item++;
			walk_children(c, n, depth, ws);
			end_line(c, EXL_TEXT, 0);
			c->in_item--;
			ex_lines_push(&c->lines, NULL, 0, c->lines.v[c->lines.n - 1].end,
			    c->lines.v[c->lines.n - 1].end, EXL_ITEMEND, 0);
			return;
		}
		walk_children(c, n, depth, ws);
		end_line(c, EXL_TEXT, 0);
		return;
	case GUMBO_TAG_DL:
		/* a definition list: each term (dt) with the descriptions after
		 * it (dd) is one item, titled by the term (よろず経営相談 /
		 * 中小企業診断士が経営全般の相談に応じます) */
		if (c->in_item)
			break;
		{
			const GumboVector *ch = &n->v.element.children;
			size_t start = 0;
			const GumboNode *term = NULL;

			end_line(c, EXL_TEXT, 0);
			for (unsigned k = 0; k < ch->length; k++) {
				const GumboNode *d = ch->data[k];

				if (ex_tag_of(d) == GUMBO_TAG_DT) {
					if (term) {
						end_line(c, EXL_TEXT, 0);
						c->in_item--;
						close_item(c, term, start, true, 0);
					}
					end_line(c, EXL_TEXT, 0);
					start = c->lines.n;
					c->in_item++;
					term = d;
					walk(c, d, depth + 1, ws);
					end_line(c, EXL_TEXT, 0);
				} else
					walk(c, d, depth + 1, ws);
			}
			end_line(c, EXL_TEXT, 0);
			if (term) {
				c->in_item--;
				close_item(c, term, start, true, 0);
			}
		}
		return;
	case GUMBO_TAG_LI:
		if (c->in_item)
			break;
		{
			size_t start;

			end_line(c, EXL_TEXT, 0);
			start = c->lines.n;
			c->in_item++;
			walk_children(c, n, depth, ws);
			end_line(c, EXL_TEXT, 0);
			c->in_item--;
			close_item(c, n, start, false, 0);
		}
		return;
	case GUMBO_TAG_TABLE:
		{
			struct walk_state inner = { false, NULL, false, -1, 0, 0 };

			inner.list_table = list_table(n, &inner.header);
			inner.category_col = inner.list_table && category_column(n, inner.header);

			end_line(c, EXL_TEXT, 0);
			walk_children(c, n, depth, &inner);
			end_line(c, EXL_TEXT, 0);
		}
		return;
	case GUMBO_TAG_TR:
		if (ws->list_table && !c->in_item && row_has_td(n) && n != ws->header) {
			size_t start;

			end_line(c, EXL_TEXT, 0);
			start = c->lines.n;
			c->in_item++;
			ws->cell = 0;
			ws->first_cell_len = 0;
			if (ws->category_col && nth_cell(n, 2)) {
				/* the first cell is the row's category (給付・助成,
				 * その他): the second names the item, so it goes
				 * first, and the category follows as text */
				const GumboNode *name = nth_cell(n, 1);

				walk(c, name, depth + 1, ws);
				for (unsigned k = 0; k < n->v.element.children.length; k++)
					if (n->v.element.children.data[k] != name)
						walk(c, n->v.element.children.data[k], depth + 1, ws);
			} else
				walk_children(c, n, depth, ws);
			end_line(c, EXL_TEXT, 0);
			c->in_item--;
			ws->cell = -1;
			close_item(c, n, start, true, ws->first_cell_len);
			return;
		}
		end_line(c, EXL_TEXT, 0);
		if (ws->list_table && !row_has_td(n)) {
			/* a list table's header row names its columns */
			return;
		}
		if (ws->list_table && n == ws->header)
			return;
		walk_children(c, n, depth, ws);
		/* a header row is bold but names columns, not a part */
		c->row_end = true;
		end_line(c, EXL_TEXT, 0);
		c->row_end = false;
		return;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH:
		{
			size_t line_no = c->lines.n;

			if (!line_empty(c)) {
				c->space = true;
				c->space_nl = false;
			}
			c->in_cell++;
			c->join_lines = ws->cell == 0 && line_empty(c);
			walk_children(c, n, depth, ws);
			c->join_lines = false;
			c->in_cell--;
			if (ws->cell == 0) {
				/* the first cell names the row's item, when it
				 * fits on the row's first line */
				ws->first_cell_len = c->lines.n == line_no ? c->line.len : 0;
				ws->cell = 1;
			}
		}
		return;
	case GUMBO_TAG_A:
		{
			const char *href = ex_attr(n, "href");
			char *r;

			if (href && (r = resolve(c->base, href)) != NULL) {
				ex_lines_add_link(&c->lines, c->lines.n, r, text_of(n));
				if (c->nmain_links == c->main_links_cap) {
					c->main_links_cap = c->main_links_cap ? c->main_links_cap * 2 : 32;
					c->main_links = xreallocarray(c->main_links,
					    c->main_links_cap, sizeof(*c->main_links));
				}
				c->main_links[c->nmain_links++] = n;
			}
			c->in_link++;
			walk_children(c, n, depth, ws);
			c->in_link--;
		}
		return;
	case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
		c->bold++;
		walk_children(c, n, depth, ws);
		c->bold--;
		return;
	case GUMBO_TAG_PRE:
		end_line(c, EXL_TEXT, 0);
		c->in_pre++;
		walk_children(c, n, depth, ws);
		c->in_pre--;
		end_line(c, EXL_TEXT, 0);
		return;
	default:
		break;
	}
	if (is_block(t)) {
		end_line(c, EXL_TEXT, 0);
		walk_children(c, n, depth, ws);
		end_line(c, EXL_TEXT, 0);
		return;
	}
	walk_children(c, n, depth, ws);
}

/* ---- entry point ---- */

/* The parse under a memory cap: when the tree would hold more than the
 * cap, the arena jumps back here and the parse starts again on the first
 * half of what it was given (cut before a tag), until it fits.  The tags
 * cap of html_prep.c keeps ordinary pages far below the memory cap; this
 * is for the pages where gumbo makes many nodes of few tags (formatting
 * elements cloned for every text). */
struct parse_try {
	jmp_buf over;
};

static void
parse_over(struct ex_arena *a)
{
	longjmp(((struct parse_try *)a->user)->over, 1);
}

/* cut_before_tag: a length <= want at which the copy can end: before the
 * last '<' that starts at or before want, else on a UTF-8 boundary. */
static size_t
cut_before_tag(const char *s, size_t want)
{
	for (size_t i = want; i > 0; i--)
		if (s[i - 1] == '<')
			return i - 1;
	while (want > 0 && ((unsigned char)s[want] & 0xc0) == 0x80)
		want--;
	return want;
}

static GumboOutput *
parse_capped(GumboOptions *go, struct ex_arena *arena, char *copy, size_t *len,
	size_t max_tree, bool *cut)
{
	struct parse_try t;

	*cut = false;
	for (;;) {
		arena->limit = max_tree;
		arena->over_limit = parse_over;
		arena->user = &t;
		if (setjmp(t.over) == 0)
			return gumbo_parse_with_options(go, copy, *len);
		/* nothing of the failed parse lives outside the arena */
		ex_arena_done(arena);
		*cut = true;
		*len = cut_before_tag(copy, *len / 2);
		copy[*len] = '\0';
	}
}

/* title_unsplit: the cleaned title is the whole <title>: nothing told the
 * page's name from the site's. */
static bool
title_unsplit(const struct ex_finds *f, const char *clean)
{
	char *raw = f->title ? text_of(f->title) : NULL;
	bool same = raw && strcmp(raw, clean) == 0;

	free(raw);
	return same;
}

static char *
choose_title(struct ctx *c, const struct ex_finds *f, const struct extract_page *page)
{
	char *title = NULL, *site = NULL, *t;

	if (f->site_name && ex_attr(f->site_name, "content"))
		site = ex_collapse(ex_attr(f->site_name, "content"),
		    strlen(ex_attr(f->site_name, "content")));
	if (f->title) {
		char *raw = text_of(f->title);
		title = ex_title_clean(raw, site);
		free(raw);
	}
	if (title && *title && c->first_h1 && *c->first_h1 && !ex_site_name_like(c->first_h1) &&
	    (strstr(title, c->first_h1) || title_unsplit(f, title))) {
		/* the h1 is the page's own name; the title adds a category, or
		 * is one piece that may as well be the site's name */
		/* the h1 is the page's own name; the title adds a category */
		free(title);
		title = xstrdup(c->first_h1);
	}
	if ((!title || !*title) && c->first_h1 && !ex_site_name_like(c->first_h1)) {
		free(title);
		title = xstrdup(c->first_h1);
	}
	if ((!title || !*title) && f->h1) {
		char *h = text_of(f->h1);

		free(title);
		title = h;
		if (ex_site_name_like(title)) {
			free(title);
			title = NULL;
		}
	}
	if ((!title || !*title) && f->og_title && ex_attr(f->og_title, "content")) {
		free(title);
		title = ex_title_clean(ex_attr(f->og_title, "content"), site);
	}
	if (!title || !*title) {
		for (size_t i = 0; i < page->nsections; i++)
			if (page->sections[i].kind == EXTRACT_HEADING && page->sections[i].heading[0]) {
				free(title);
				title = xstrdup(page->sections[i].heading);
				break;
			}
	}
	free(site);
	t = title ? title : xstrdup("");
	{
		/* "■モノづくり相談窓口": the marker is decoration */
		size_t mk = ex_marker_len(t, strlen(t));

		if (mk)
			memmove(t, t + mk, strlen(t + mk) + 1);
	}
	return t;
}

int
extract_html(struct extract_page **out, const char *html, size_t len,
	const struct extract_opts *opts)
{
	struct extract_opts def = EXTRACT_OPTS_INIT;
	struct ctx c;
	struct ex_finds f;
	struct walk_state ws = { false, NULL, false, -1, 0, 0 };
	struct all_links al = { NULL, 0, 0, 0 };
	GumboOptions gopts = kGumboDefaultOptions;
	GumboOutput *g = NULL;
	struct ex_arena arena = { 0 };
	struct extract_page *page = NULL;
	char *copy = NULL, skip_id[128] = "";
	const char *what;
	size_t max_bytes, clen = 0, blanked = 0;
	int max_depth, rc = 0;
	bool tags_cut = false, tree_cut = false;

	*out = NULL;
	if ((rc = ex_dict_ready()) != 0)
		return rc;
	if (!opts)
		opts = &def;
	what = opts->url ? opts->url : NULL;
	max_bytes = opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
	max_depth = opts->max_depth > 0 ? opts->max_depth : EX_HTML_MAX_DEPTH;
	if (max_depth > EX_HTML_MAX_DEPTH * 2)
		max_depth = EX_HTML_MAX_DEPTH * 2; /* the walks' recursion bound */
	if (len > max_bytes)
		return ex_err(MS_ELIMIT, what, "page of %zu bytes is over the %zu byte cap", len, max_bytes);
	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	f.ncms = ex_words(EXW_MAIN_CONTAINER)->n;
	f.cms = xcalloc(f.ncms ? f.ncms : 1, sizeof(*f.cms));
	c.opts = opts;

	copy = ex_prep_compact_capped(html, len, max_depth,
	    opts->max_tags ? opts->max_tags : EXTRACT_MAX_TAGS, &clen, &c.map, &blanked, &tags_cut);
	if (blanked)
		log_debug("%s: %zu tags nested deeper than %d flattened", what, blanked, max_depth);
	if (!util_utf8_valid(copy, clen) || memchr(copy, '\0', clen))
		ex_prep_sanitize_utf8(copy, clen);
	c.html = copy;
	c.len = clen;

	gopts.max_errors = 50;
	gopts.allocator = ex_arena_alloc;
	gopts.deallocator = ex_arena_free;
	gopts.userdata = &arena;
	g = parse_capped(&gopts, &arena, copy, &clen,
	    opts->max_tree ? opts->max_tree : EXTRACT_MAX_TREE, &tree_cut);
	c.len = clen;
	if (!g || !g->root) {
		rc = ex_err(MS_EINVAL, what, "html parser failed");
		goto out;
	}
	ex_find_walk(g->root, &f, 0, skip_id, sizeof(skip_id));

	if (opts->url && *opts->url) {
		c.base = curl_url();
		if (curl_url_set(c.base, CURLUPART_URL, opts->url,
		    CURLU_URLENCODE | CURLU_ALLOW_SPACE) != CURLUE_OK) {
			curl_url_cleanup(c.base);
			c.base = NULL;
		}
	}
	if (f.base) {
		char *b = resolve(c.base, ex_attr(f.base, "href"));

		if (b && strncmp(b, "http", 4) == 0) {
			CURLU *nb = curl_url();

			if (curl_url_set(nb, CURLUPART_URL, b, 0) == CURLUE_OK) {
				curl_url_cleanup(c.base);
				c.base = nb;
			} else {
				curl_url_cleanup(nb);
			}
		}
		free(b);
	}

	page = ex_page_new(opts);
	if (tags_cut || tree_cut) {
		page->too_large = true;
		page->too_large_cap = tree_cut ? "tree" : "tags"; /* the one that set the size */
		log_warn("%s%spage too large (%s cap): only its first %zu of %zu bytes extracted",
		    what && *what ? what : "", what && *what ? ": " : "", page->too_large_cap,
		    ex_prep_orig_end(&c.map, clen), len);
	}
	ex_main_choose(&c.main, &c.main_start, &c.memo, &f, skip_id, g->root);
	if (c.main && c.main->type == GUMBO_NODE_ELEMENT) {
		const GumboVector *ch = &c.main->v.element.children;

		if (c.main_start) {
			/* the marker and what follows it, level by level up */
			const GumboNode *k = c.main_start;

			walk(&c, k, 1, &ws);
			while (k != c.main && k->parent && k->parent->type == GUMBO_NODE_ELEMENT) {
				const GumboVector *sib = &k->parent->v.element.children;

				for (unsigned i = (unsigned)k->index_within_parent + 1; i < sib->length; i++)
					walk(&c, sib->data[i], 1, &ws);
				k = k->parent;
			}
		} else if (ex_tag_of(c.main) == GUMBO_TAG_TABLE) {
			walk(&c, c.main, 0, &ws);
		} else if (ex_tag_of(c.main) == GUMBO_TAG_TBODY && c.main->parent &&
		    ex_tag_of(c.main->parent) == GUMBO_TAG_TABLE) {
			/* a table's body chosen: the table is walked, so that a
			 * table listing things (a header row, a row per item)
			 * is read as one */
			walk(&c, c.main->parent, 0, &ws);
		} else {
			for (unsigned i = 0; i < ch->length; i++)
				walk(&c, ch->data[i], 1, &ws);
		}
		end_line(&c, EXL_TEXT, 0);
	}
	if ((rc = ex_build_sections_capped(page, &c.lines, opts)) != 0)
		goto out;
	if (!opts->no_page_links)
		links_walk(&c, g->root, &al, 0);
	page->links = al.v;
	page->nlinks = al.n;
	al.v = NULL;
	free(page->title);
	page->title = choose_title(&c, &f, page);
	*out = page;
	page = NULL;
out:
	extract_page_free(page);
	ex_lines_free(&c.lines);
	buf_free(&c.line);
	free(c.main_links);
	free(c.first_h1);
	free(f.cms);
	curl_url_cleanup(c.base);
	ex_cmemo_free(&c.memo);
	ex_arena_done(&arena); /* the tree with it */
	ex_prep_map_free(&c.map);
	free(copy);
	return rc;
}
