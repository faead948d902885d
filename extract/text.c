/*
 * text: the small text helpers of extraction (see extract_internal.h):
 * collapsing blanks, list markers, lines and headings of the site
 * template, and titles without the site's name.
 *
 * The words that name template lines, headings and sites come from
 * dict/extract.tsv (extract_dict.c); the patterns here are the structure
 * around them (numbered markers, where a title splits).  Text is UTF-8
 * (ptr, len) as written; nothing here depends on lines or pages.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"
#include "util.h"
#include "xalloc.h"

/* A line naming Adobe this long is a paragraph, not a download notice. */
#define NOTICE_MAX 600
/* A template heading may carry this many characters of decoration. */
#define HEADING_DECORATION 4

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

size_t
ex_blank_len(const char *s, size_t len)
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
			bl = ex_blank_len(s + i, len - i);
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
	return m + ex_blank_len(s + m, len - m);
}

size_t
extract_number_len(const char *s, size_t len)
{
	size_t m = ex_marker_len(s, len), d, b;

	if (m > 0 || (d = digits(s, len)) == 0 || d > 6)
		return m;
	/* "１ 相談窓口", "2　専門家派遣": at most two digits, then a blank,
	 * then text that is no number or unit (not "3 か月", "10 万円") */
	if (util_utf8_chars(s, d) > 2 || (b = ex_blank_len(s + d, len - d)) == 0 || d + b >= len ||
	    digits(s + d + b, len - d - b) > 0)
		return 0;
	return d + b;
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
