/*
 * extract: what the HTML and PDF paths share (see extract.h and
 * extract_internal.h): sectioning of lines, list markers, template lines,
 * titles, and extract_bytes(), which picks the path for a stored page.
 *
 * The words that name template lines, headings and sites come from
 * dict/extract.tsv (extract_dict.c); the patterns here are the structure
 * around them (numbered markers, where a title splits).
 */
#include "extract.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charset.h"
#include "err.h"
#include "extract_internal.h"
#include "log.h"
#include "util.h"
#include "xalloc.h"

#define DEFAULT_MAX_BYTES (8u * 1024 * 1024)
/* A PDF may be larger than the HTML cap: brochures carry images. */
#define PDF_MAX_BYTES (64u * 1024 * 1024)
/* A line naming Adobe this long is a paragraph, not a download notice. */
#define NOTICE_MAX 600
/* A template heading may carry this many characters of decoration. */
#define HEADING_DECORATION 4

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

/* ---- small UTF-8 helpers ---- */

static bool
starts(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

static bool
contains(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	if (n > len)
		return false;
	for (size_t i = 0; i + n <= len; i++)
		if (s[i] == p[0] && memcmp(s + i, p, n) == 0)
			return true;
	return false;
}

/* blank_len: bytes of ASCII or ideographic blanks at s. */
static size_t
blank_len(const char *s, size_t len)
{
	size_t i = 0;

	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (i + 3 <= len && memcmp(s + i, "\xe3\x80\x80", 3) == 0)
			i += 3; /* U+3000 */
		else if (i + 2 <= len && memcmp(s + i, "\xc2\xa0", 2) == 0)
			i += 2; /* U+00A0 */
		else
			return i;
	}
}

char *
ex_collapse(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	bool sp = false;
	size_t i = 0;

	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		size_t bl = 0;

		/* only these bytes can start a blank */
		if (ch == ' ' || ch == '\t' || ch == 0xe3 || ch == 0xc2)
			bl = blank_len(s + i, len - i);
		else if (ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v')
			bl = 1;
		if (bl) {
			sp = true;
			i += bl;
			continue;
		}
		if (sp && o > out)
			*o++ = ' ';
		sp = false;
		*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

/* ---- markers ---- */

/* digits: ASCII or full-width digits at s; returns bytes, 0 if none. */
static size_t
digits(const char *s, size_t len)
{
	size_t i = 0;

	for (;;) {
		if (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		else if (i + 3 <= len && (unsigned char)s[i] == 0xef &&
		    (unsigned char)s[i + 1] == 0xbc && (unsigned char)s[i + 2] >= 0x90 &&
		    (unsigned char)s[i + 2] <= 0x99)
			i += 3; /* ０-９ */
		else
			return i;
	}
}

size_t
ex_marker_len(const char *s, size_t len)
{
	size_t m = 0, d;
	const unsigned char *u = (const unsigned char *)s;

	if (len == 0)
		return 0;
	/* (1) （1） (１) （１） */
	if (s[0] == '(' || starts(s, len, "（")) {
		size_t o = s[0] == '(' ? 1 : 3;

		d = digits(s + o, len - o);
		if (d && d <= 6 && o + d < len) {
			if (s[o + d] == ')')
				m = o + d + 1;
			else if (starts(s + o + d, len - o - d, "）"))
				m = o + d + 3;
		}
	} else if ((d = digits(s, len)) > 0 && d <= 6) {
		/* 1. 1) １． １） 1、 but not 1.5 or 2023年 */
		const char *p = s + d;
		size_t rest = len - d;

		if (rest >= 1 && (p[0] == '.' || p[0] == ')') &&
		    !(rest >= 2 && p[1] >= '0' && p[1] <= '9'))
			m = d + 1;
		else if (starts(p, rest, "．") || starts(p, rest, "）"))
			m = d + 3;
		if (m && rest > 0 && p[0] == '.' && d > 2)
			m = 0; /* 2023.4.1 */
	} else if (len >= 3 && u[0] == 0xe2 && u[1] == 0x91 && u[2] >= 0xa0 && u[2] <= 0xb3) {
		m = 3; /* ①-⑳ */
	} else if (len >= 3 && u[0] == 0xe2 && u[1] == 0x91 && u[2] >= 0xb4) {
		m = 3; /* ⑴-⒇ start at U+2474 */
	} else if (len >= 3 && u[0] == 0xe2 && u[1] == 0x9d && u[2] >= 0xb6 && u[2] <= 0xbf) {
		m = 3; /* ❶-❿ */
	} else {
		m = ex_words_prefix(EXW_LIST_MARKER, s, len);
	}
	if (m == 0 || m >= len)
		return 0; /* a marker alone on a line is no item */
	return m + blank_len(s + m, len - m);
}

/* ---- template lines ---- */

bool
ex_template_line(const char *s, size_t len)
{
	/* lines of the site template that CMSs put inside the content area */
	if (ex_words_prefix(EXW_TEMPLATE_LINE, s, len))
		return true;
	/* "Adobe ... Reader ... ダウンロード" notices in any wording; a
	 * paragraph of a program page never mentions Acrobat */
	if (len < NOTICE_MAX && ex_words_within(EXW_TEMPLATE_NOTICE_NAME, s, len) &&
	    ex_words_within(EXW_TEMPLATE_NOTICE_WORD, s, len))
		return true;
	return false;
}

bool
ex_template_heading(const char *s, size_t len)
{
	const struct ex_words *w = ex_words(EXW_TEMPLATE_HEADING);

	for (size_t i = 0; i < w->n; i++) {
		size_t n = w->len[i];

		/* the whole heading, give or take a few characters of decoration */
		if (starts(s, len, w->v[i]) && util_utf8_chars(s + n, len - n) <= HEADING_DECORATION)
			return true;
	}
	return false;
}

/* ---- titles ---- */

bool
ex_site_name_like(const char *s)
{
	size_t len = strlen(s), n;
	const struct ex_words *tails = ex_words(EXW_PLACE_SUFFIX);

	if (ex_words_within(EXW_SITE_WORD, s, len))
		return true;
	/* a bare local-government name: 守口市, 大阪府, 北海道, 東京都港区 */
	n = util_utf8_chars(s, len);
	if (n >= 2 && n <= 8)
		for (size_t i = 0; i < tails->n; i++)
			if (len >= tails->len[i] && strcmp(s + len - tails->len[i], tails->v[i]) == 0)
				return true;
	return false;
}

char *
ex_title_clean(const char *title, const char *site_name)
{
	char *t = ex_collapse(title, strlen(title));
	char *best = NULL;
	size_t len = strlen(t);
	const struct ex_words *seps = ex_words(EXW_TITLE_SEPARATOR);

	/* Split on the first kind of separator the title uses (a title uses one
	 * kind between page and site), keep the first part that is not the site. */
	for (size_t k = 0; k < seps->n; k++) {
		const char *sep = seps->v[k];
		size_t sl = seps->len[k];
		const char *p = t;
		bool split = false;

		if (!contains(t, len, sep))
			continue;
		while (p && *p) {
			const char *q = strstr(p, sep);
			size_t n = q ? (size_t)(q - p) : strlen(p);
			char *part = ex_collapse(p, n);

			split = true;
			if (*part && !ex_site_name_like(part) &&
			    !(site_name && *site_name && strstr(site_name, part)) && !best)
				best = part;
			else
				free(part);
			p = q ? q + sl : NULL;
		}
		if (split)
			break;
	}
	if (!best && !ex_site_name_like(t) && !(site_name && *site_name && strcmp(site_name, t) == 0))
		best = xstrdup(t);
	free(t);
	return best ? best : xstrdup("");
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
	while (left > 0 && ((unsigned char)ln->text[left] & 0xc0) == 0x80)
		left--;
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
				size_t rest = mk + hl + blank_len(ln->text + mk + hl, ln->len - mk - hl);
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

/* looks_binary: NULs or many control bytes near the top mean this is not
 * a text document, whatever its Content-Type says. */
static bool
looks_binary(const char *data, size_t len)
{
	size_t n = len < 4096 ? len : 4096, ctl = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == 0)
			return true;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
			ctl++;
	}
	return n > 0 && ctl * 20 > n;
}

static bool
is_pdf(const char *data, size_t len, const char *ct)
{
	size_t n = len < 1024 ? len : 1024;

	if (ct && (strstr(ct, "application/pdf") || strstr(ct, "application/x-pdf")))
		return true;
	/* the header may follow a little junk (PDF 1.7, 7.5.2) */
	for (size_t i = 0; i + 5 <= n; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

int
extract_bytes(struct extract_page **out, const char *data, size_t len,
	const struct extract_opts *opts)
{
	struct charset_result cs = { 0 };
	const char *what = opts && opts->url ? opts->url : NULL;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
	int rc;

	*out = NULL;
	if ((rc = ex_dict_ready()) != 0)
		return rc;
	if (len == 0)
		return ex_err(MS_EINVAL, what, "empty document");
	if (is_pdf(data, len, opts ? opts->content_type : NULL)) {
		if (len > PDF_MAX_BYTES)
			return ex_err(MS_ELIMIT, what, "pdf of %zu bytes is over the %u byte cap", len, PDF_MAX_BYTES);
		return extract_pdf(out, data, len, opts);
	}
	if (len > max)
		return ex_err(MS_ELIMIT, what, "page of %zu bytes is over the %zu byte cap", len, max);
	if (looks_binary(data, len) && !(len >= 2 && (data[0] == '\xff' || data[0] == '\xfe')))
		return ex_err(MS_EINVAL, what, "binary data, not an html page");
	if ((rc = charset_decode(&cs, data, len, opts ? opts->content_type : NULL)) != 0)
		return rc;
	rc = extract_html(out, cs.utf8, cs.len, opts);
	if (rc == 0) {
		free((*out)->charset);
		free((*out)->charset_reason);
		(*out)->charset = cs.charset;
		(*out)->charset_reason = cs.reason;
		cs.charset = cs.reason = NULL;
	}
	charset_result_free(&cs);
	return rc;
}
