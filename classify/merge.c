/*
 * merge: one program described on several pages reported once
 * (classify_merge of classify.h), and the title key that also joins one
 * program under two headings of a page (classify_cands_decide).
 *
 * Two rows are one program when they belong to one government (or, without
 * one, one site), share a type and either have one title key, one title
 * inside the other with only the government's name, a year or announcement
 * words around it (川波市専門家派遣事業について ⊃ 専門家派遣), or one is a
 * list entry linking to the other's page.  The page where the program is
 * the whole subject is kept, else the first in input order; the other
 * pages' URLs move to extra_urls.  The words (what a key leaves out, what
 * may stand around a name) are the classifier's lists from
 * dict/classify.tsv; the shapes of a year and a round are code.
 */
#include "classify.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify_internal.h"
#include "norm.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

char *
classify_title_key(const struct classify_words *w, const char *t)
{
	char *n = norm_simple(t, strlen(t));
	struct buf b = BUF_INIT;

	for (size_t i = 0; n[i];) {
		size_t dl = classify_words_prefix(w, CW_KEY_DROP, n + i);

		if (dl > 0)
			i += dl;
		else
			buf_addc(&b, n[i++]);
	}
	free(n);
	return buf_detach(&b, NULL);
}

/* digit_run: bytes of ASCII digits at s */
static size_t
digit_run(const char *s)
{
	size_t d = 0;

	while (isdigit((unsigned char)s[d]))
		d++;
	return d;
}

/* year_len: bytes of a fiscal-year or round marker at s (令和6年度, 平成31年,
 * 令和元年度, 第2次, 第3回), 0 when there is none.  The words are data
 * (year_era, year_suffix, round_suffix); the shape is not: an era, a
 * number or 元 (its first year), a suffix; or 第, a number, a suffix. */
static size_t
year_len(const struct classify_words *w, const char *s)
{
	size_t i, d, e;

	if ((i = classify_words_prefix(w, CW_YEAR_ERA, s)) > 0) {
		d = strncmp(s + i, "元", 3) == 0 ? 3 : digit_run(s + i);
		if (d == 0)
			return 0;
		i += d;
		e = classify_words_prefix(w, CW_YEAR_SUFFIX, s + i);
		return e > 0 ? i + e : 0;
	}
	if (strncmp(s, "第", 3) == 0 && (d = digit_run(s + 3)) > 0) {
		i = 3 + d;
		if ((e = classify_words_prefix(w, CW_ROUND_SUFFIX, s + i)) > 0)
			return i + e;
	}
	return 0;
}

/* deco_suffix: s (to its end) is only words that announce a program, not
 * ones that name another (について, のご案内, の募集, 事業, を開設しました ...),
 * and year markers. */
static bool
deco_suffix(const struct classify_words *w, const char *s)
{
	for (int guard = 0; *s && guard < 6; guard++) {
		size_t n = year_len(w, s);

		if (n == 0)
			n = classify_words_prefix(w, CW_DECO_SUFFIX, s);
		if (n == 0)
			return false;
		s += n;
	}
	return *s == '\0';
}

/* deco_prefix: s[0..n) is a year marker and/or a government's name (a few
 * characters ending in 市, 県, 町 ...), nothing that qualifies the program. */
static bool
deco_prefix(const struct classify_words *w, const char *s, size_t n)
{
	size_t y;

	if ((y = year_len(w, s)) > 0 && y <= n) {
		s += y;
		n -= y;
	}
	if (n == 0)
		return true;
	/* a year after the name: 川波市令和6年度 */
	for (size_t k = 0; k < n; k++)
		if (year_len(w, s + k) == n - k) {
			n = k;
			break;
		}
	if (util_utf8_chars(s, n) > 8)
		return false;
	return classify_words_ends(w, CW_GOV_SUFFIX, s, n);
}

/* inside_as_name: the shorter key is inside the longer one and what the
 * longer adds only names the government, the year or the announcement
 * (川波市専門家派遣事業について ⊃ 専門家派遣), not a narrower program
 * (感染症対策専門家派遣事業 is not 専門家派遣事業). */
static bool
inside_as_name(const struct classify_words *w, const char *longer, const char *shorter)
{
	const char *p = strstr(longer, shorter);

	return p && deco_prefix(w, longer, (size_t)(p - longer)) &&
	    deco_suffix(w, p + strlen(shorter));
}

static bool
same_program(const struct classify_words *w, const struct classify_program *a, const char *ka,
	const struct classify_program *b, const char *kb)
{
	size_t la = strlen(ka), lb = strlen(kb);

	if (strcmp(a->municipality_code, b->municipality_code) != 0)
		return false;
	/* without a government, only pages of one site can describe one
	 * program */
	if (!*a->municipality_code && !url_same_host(a->url, b->url))
		return false;
	if (strcmp(a->url, b->url) == 0)
		return false;
	if (!(a->types & b->types))
		return false;
	if (la && strcmp(ka, kb) == 0)
		return true;
	/* one title inside the other, when the shorter is a real name and
	 * the longer adds no qualifier */
	if (util_utf8_chars(ka, la) >= 6 && util_utf8_chars(kb, lb) >= 6 &&
	    (inside_as_name(w, ka, kb) || inside_as_name(w, kb, ka)))
		return true;
	/* a list entry linking to the program's own page */
	if (b->whole_page && !a->whole_page)
		for (size_t l = 0; l < a->nlinks; l++)
			if (strcmp(a->links[l], b->url) == 0)
				return true;
	if (a->whole_page && !b->whole_page)
		for (size_t l = 0; l < b->nlinks; l++)
			if (strcmp(b->links[l], a->url) == 0)
				return true;
	return false;
}

static void
append_url(char **list, const char *url)
{
	char *n;

	if (strstr(*list, url))
		return;
	n = **list ? xasprintf("%s %s", *list, url) : xstrdup(url);
	free(*list);
	*list = n;
}

void
classify_merge(const struct classifier *c, struct classify_programs *p)
{
	const struct classify_words *w = classifier_words(c);
	char **keys = xcalloc(p->n ? p->n : 1, sizeof(char *));
	bool *gone = xcalloc(p->n ? p->n : 1, sizeof(bool));
	size_t k = 0;

	for (size_t i = 0; i < p->n; i++)
		keys[i] = classify_title_key(w, p->v[i].program);
	for (size_t i = 0; i < p->n; i++) {
		if (gone[i])
			continue;
		for (size_t j = i + 1; j < p->n; j++) {
			size_t keep, drop;

			if (gone[j] || !same_program(w, &p->v[i], keys[i], &p->v[j], keys[j]))
				continue;
			/* keep the page where it is the whole subject */
			if (p->v[j].whole_page && !p->v[i].whole_page) {
				keep = j;
				drop = i;
			} else {
				keep = i;
				drop = j;
			}
			append_url(&p->v[keep].extra_urls, p->v[drop].url);
			if (*p->v[drop].extra_urls) {
				char *save = NULL, *copy = xstrdup(p->v[drop].extra_urls);

				for (char *u = strtok_r(copy, " ", &save); u; u = strtok_r(NULL, " ", &save))
					append_url(&p->v[keep].extra_urls, u);
				free(copy);
			}
			gone[drop] = true;
			if (drop == i)
				break;
		}
	}
	for (size_t i = 0; i < p->n; i++) {
		free(keys[i]);
		if (gone[i])
			classify_program_clear(&p->v[i]);
		else
			p->v[k++] = p->v[i];
	}
	p->n = k;
	free(keys);
	free(gone);
}
