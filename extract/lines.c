/*
 * lines: the lines both extraction paths produce (html.c, pdf.c), the
 * sections ex_build_sections() cuts them into, and the page those fill
 * (ex_page_new, extract_page_free, ex_err for its messages); see
 * extract_internal.h.
 *
 * Sectioning is one set of rules for HTML and PDF: headings nest by level,
 * an item (a list item, a table row, a line opening with a list marker)
 * takes the text up to its end, template headings drop the block under
 * them, and the work caps of extract_opts cut a page that is too large.
 * The text helpers it uses (markers, template headings, collapsing) are in
 * text.c; nothing here calls back into the extraction paths.
 */
#include "extract.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "extract_internal.h"
#include "log.h"
#include "util.h"
#include "xalloc.h"

/* ---- lines ---- */

void
ex_lines_free(struct ex_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	ex_links_free(l->links, l->nlinks);
	free(l->link_line);
	memset(l, 0, sizeof(*l));
}

struct ex_line *
ex_lines_push(struct ex_lines *l, char *text, size_t len, size_t start,
	size_t end, enum ex_kind kind, int level)
{
	struct ex_line *ln;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	ln = &l->v[l->n++];
	memset(ln, 0, sizeof(*ln));
	ln->text = text ? text : xstrdup("");
	ln->len = text ? len : 0;
	ln->start = start;
	ln->end = end;
	ln->kind = kind;
	ln->level = level;
	return ln;
}

void
ex_lines_add_link(struct ex_lines *l, size_t line, char *href, char *text)
{
	if (l->nlinks == l->links_cap) {
		l->links_cap = l->links_cap ? l->links_cap * 2 : 32;
		l->links = xreallocarray(l->links, l->links_cap, sizeof(*l->links));
		l->link_line = xreallocarray(l->link_line, l->links_cap, sizeof(*l->link_line));
	}
	l->links[l->nlinks].href = href;
	l->links[l->nlinks].text = text;
	l->links[l->nlinks].in_main = true;
	l->link_line[l->nlinks] = line;
	l->nlinks++;
}

void
ex_links_free(struct extract_link *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].href);
		free(v[i].text);
	}
	free(v);
}


/* ---- sections ---- */

struct secs {
	struct extract_section *v;
	size_t n, cap;
	struct buf *texts; /* body text being built, one per section */
};

static size_t
sec_new(struct secs *s, enum extract_section_kind kind, int level,
	const char *heading, size_t hlen, size_t start, size_t end, int parent)
{
	struct extract_section *sec;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
		s->texts = xreallocarray(s->texts, s->cap, sizeof(*s->texts));
	}
	sec = &s->v[s->n];
	memset(sec, 0, sizeof(*sec));
	sec->kind = kind;
	sec->level = level;
	sec->heading = ex_collapse(heading, hlen);
	sec->byte_start = start;
	sec->byte_end = end;
	sec->parent = parent;
	buf_init(&s->texts[s->n], 0);
	return s->n++;
}

static void
sec_add_text(struct secs *s, size_t i, const char *text, size_t len,
	size_t start, size_t end)
{
	struct buf *b = &s->texts[i];

	if (len == 0)
		return;
	if (b->len)
		buf_addc(b, '\n');
	buf_add(b, text, len);
	if (start < s->v[i].byte_start)
		s->v[i].byte_start = start;
	if (end > s->v[i].byte_end)
		s->v[i].byte_end = end;
}

/* The work caps of ex_build_sections_capped: sections, and bytes of kept
 * text (cap_text cuts a line to what is left, on a character boundary). */
struct caps {
	size_t max_sections, max_text;
	size_t text;        /* bytes kept so far */
	const char *hit;    /* the cap that cut the page, or NULL */
};

static bool
cap_section(struct caps *k, const struct secs *s)
{
	if (s->n < k->max_sections)
		return true;
	k->hit = "sections";
	return false;
}

static bool
cap_text(struct caps *k, struct ex_line *ln)
{
	size_t left = k->max_text - k->text;

	if (ln->len <= left) {
		k->text += ln->len;
		return true;
	}
	left = util_utf8_prefix(ln->text, ln->len, left);
	ln->len = left;
	ln->text[left] = '\0';
	if (ln->head_len > left)
		ln->head_len = left;
	k->text += left;
	k->hit = "text";
	return left > 0;
}

int
ex_build_sections(struct extract_page *page, struct ex_lines *lines)
{
	return ex_build_sections_capped(page, lines, NULL);
}

int
ex_build_sections_capped(struct extract_page *page, struct ex_lines *lines,
	const struct extract_opts *opts)
{
	struct caps k = { EXTRACT_MAX_SECTIONS, EXTRACT_MAX_TEXT, 0, NULL };
	struct secs s = { 0 };
	int stack_idx[8];   /* open headings by level: section index */
	int stack_lvl[8];
	int depth = 0;
	long cur = -1;      /* section receiving text */
	long item = -1;     /* open item, if any */
	bool item_by_dom = false; /* the open item ends at EXL_ITEMEND */
	int skip_level = 0; /* > 0: inside a template block opened by a heading */
	long page_sec = -1; /* PDF: the current page section */
	size_t *line_sec = xcalloc(lines->n ? lines->n : 1, sizeof(size_t));
	bool *line_kept = xcalloc(lines->n ? lines->n : 1, sizeof(bool));
	struct buf main = BUF_INIT;

	if (opts && opts->max_sections)
		k.max_sections = opts->max_sections;
	if (opts && opts->max_text)
		k.max_text = opts->max_text;
	for (size_t li = 0; li < lines->n && !k.hit; li++) {
		struct ex_line *ln = &lines->v[li];
		int parent = depth ? stack_idx[depth - 1] : (page_sec >= 0 ? (int)page_sec : -1);
		size_t mk;

		switch (ln->kind) {
		case EXL_PAGE:
			if (!cap_section(&k, &s))
				continue;
			depth = 0;
			skip_level = 0;
			item = -1;
			page_sec = (long)sec_new(&s, EXTRACT_PDF_PAGE, ln->level, ln->text,
			    ln->len, ln->start, ln->end, -1);
			cur = page_sec;
			continue;
		case EXL_ITEMEND:
			if (item >= 0 && item_by_dom) {
				item = -1;
				cur = parent;
			}
			continue;
		case EXL_HEADING:
			if (skip_level && ln->level > skip_level)
				continue;
			skip_level = 0;
			if (ex_template_heading(ln->text, ln->len)) {
				skip_level = ln->level;
				item = -1;
				cur = -1;
				continue;
			}
			if (!cap_section(&k, &s) || !cap_text(&k, ln))
				continue;
			while (depth && stack_lvl[depth - 1] >= ln->level)
				depth--;
			parent = depth ? stack_idx[depth - 1] : (page_sec >= 0 ? (int)page_sec : -1);
			mk = ex_marker_len(ln->text, ln->len);
			cur = (long)sec_new(&s, EXTRACT_HEADING, ln->level, ln->text + mk,
			    ln->len - mk, ln->start, ln->end, parent);
			if (depth < 8) {
				stack_idx[depth] = (int)cur;
				stack_lvl[depth] = ln->level;
				depth++;
			}
			item = -1;
			line_sec[li] = (size_t)cur;
			line_kept[li] = true;
			continue;
		case EXL_ITEM:
		case EXL_TEXT:
			break;
		}
		if (skip_level)
			continue;
		if (!cap_text(&k, ln))
			continue;
		mk = ln->kind == EXL_TEXT && !ln->in_item ? ex_marker_len(ln->text, ln->len) : 0;
		if (ln->kind == EXL_ITEM || mk) {
			size_t hl;

			if (!cap_section(&k, &s))
				continue;
			if (ln->kind == EXL_ITEM)
				mk = ex_marker_len(ln->text, ln->len);
			hl = ln->head_len > mk ? ln->head_len - mk : ln->len - mk;
			item = (long)sec_new(&s, EXTRACT_ITEM, ln->level > 0 ? ln->level : 1,
			    ln->text + mk, hl, ln->start, ln->end, parent);
			item_by_dom = ln->kind == EXL_ITEM;
			cur = item;
			if (mk + hl < ln->len) {
				size_t rest = mk + hl +
				    ex_blank_len(ln->text + mk + hl, ln->len - mk - hl);
				sec_add_text(&s, (size_t)cur, ln->text + rest, ln->len - rest,
				    ln->start, ln->end);
			}
			line_sec[li] = (size_t)cur;
			line_kept[li] = true;
			continue;
		}
		if (cur < 0) {
			if (!cap_section(&k, &s))
				continue;
			cur = (long)sec_new(&s, EXTRACT_INTRO, 0, "", 0, ln->start, ln->end, -1);
		}
		sec_add_text(&s, (size_t)cur, ln->text, ln->len, ln->start, ln->end);
		line_sec[li] = (size_t)cur;
		line_kept[li] = true;
	}

	/* links go to the section of their line; counted first so that a
	 * page of 100,000 links does not grow an array one link at a time */
	for (size_t i = 0; i < lines->nlinks; i++) {
		size_t li = lines->link_line[i];

		if (li < lines->n && line_kept[li])
			s.v[line_sec[li]].nlinks++;
	}
	for (size_t i = 0; i < s.n; i++) {
		if (s.v[i].nlinks)
			s.v[i].links = xreallocarray(NULL, s.v[i].nlinks, sizeof(*s.v[i].links));
		s.v[i].nlinks = 0;
	}
	for (size_t i = 0; i < lines->nlinks; i++) {
		size_t li = lines->link_line[i];
		struct extract_section *sec;

		if (li >= lines->n || !line_kept[li]) {
			free(lines->links[i].href);
			free(lines->links[i].text);
			continue;
		}
		sec = &s.v[line_sec[li]];
		sec->links[sec->nlinks++] = lines->links[i];
	}
	free(lines->links);
	free(lines->link_line);
	lines->links = NULL;
	lines->link_line = NULL;
	lines->nlinks = lines->links_cap = 0;

	for (size_t i = 0; i < s.n; i++) {
		s.v[i].text = buf_detach(&s.texts[i], NULL);
		if (s.v[i].heading[0]) {
			if (main.len)
				buf_addc(&main, '\n');
			buf_adds(&main, s.v[i].heading);
		}
		if (s.v[i].text[0]) {
			if (main.len)
				buf_addc(&main, '\n');
			buf_adds(&main, s.v[i].text);
		}
	}
	free(s.texts);
	free(line_sec);
	free(line_kept);
	page->sections = s.v;
	page->nsections = s.n;
	page->main_text = buf_detach(&main, NULL);
	if (k.hit && !page->too_large) {
		page->too_large = true;
		page->too_large_cap = k.hit;
		log_warn("%s%spage too large (%s cap): only its first %zu sections, %zu bytes of text "
		    "extracted", page->url, *page->url ? ": " : "", k.hit, s.n, k.text);
	}
	return 0;
}

/* ---- pages ---- */

int
ex_err(int code, const char *url, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (url && *url)
		buf_addf(&b, "%s: ", url);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	err_set(code, "%s", buf_cstr(&b));
	buf_free(&b);
	return code;
}

struct extract_page *
ex_page_new(const struct extract_opts *opts)
{
	struct extract_page *p = xcalloc(1, sizeof(*p));

	p->url = xstrdup(opts && opts->url ? opts->url : "");
	p->title = xstrdup("");
	p->charset = xstrdup("utf-8");
	p->charset_reason = xstrdup("given");
	return p;
}

void
extract_page_free(struct extract_page *page)
{
	if (!page)
		return;
	for (size_t i = 0; i < page->nsections; i++) {
		free(page->sections[i].heading);
		free(page->sections[i].text);
		ex_links_free(page->sections[i].links, page->sections[i].nlinks);
	}
	free(page->sections);
	ex_links_free(page->links, page->nlinks);
	free(page->url);
	free(page->title);
	free(page->main_text);
	free(page->charset);
	free(page->charset_reason);
	free(page);
}
