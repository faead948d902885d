/*
 * html_main: the main-content search of HTML extraction (see
 * html_internal.h): which element holds the page's main content.
 *
 * In order: <main> or role=main, the target of the skip link (本文へ; an
 * empty marker means "from here on"), the usual CMS containers (the
 * main_container words of dict/extract.tsv), else the smallest element
 * holding most of the page's non-link text.  Text is counted in characters
 * (Japanese has no spaces to count words by), only what the template
 * filter (html_filter.c) keeps, and per element once: the counts are kept
 * by node address for the life of the parse (struct ex_cmemo), since the
 * walk (html.c) asks for them too.
 *
 * Recursion is bounded by the depth cap of html_prep.c.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "buf.h"
#include "extract_internal.h"
#include "html_internal.h"
#include "xalloc.h"

/* ---- counting text for main-content selection ---- */

size_t
ex_visible_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xc0) != 0x80 && !isspace(c))
			n++;
	}
	return n;
}

static size_t
cmemo_slot(const struct ex_cmemo *m, const GumboNode *n)
{
	size_t h = (size_t)(uintptr_t)n;

	h ^= h >> 17;
	h *= (size_t)0x9e3779b97f4a7c15ull;
	return (h >> 7) & (m->cap - 1);
}

static void
cmemo_put(struct ex_cmemo *m, const GumboNode *n, struct ex_counts v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct ex_cmemo g = { NULL, NULL, 0, m->cap ? m->cap * 2 : 1024 };

		g.key = xcalloc(g.cap, sizeof(*g.key));
		g.val = xcalloc(g.cap, sizeof(*g.val));
		for (size_t k = 0; k < m->cap; k++)
			if (m->key[k])
				cmemo_put(&g, m->key[k], m->val[k]);
		free(m->key);
		free(m->val);
		*m = g;
	}
	for (i = cmemo_slot(m, n); m->key[i] && m->key[i] != n; i = (i + 1) & (m->cap - 1))
		;
	if (!m->key[i])
		m->n++;
	m->key[i] = n;
	m->val[i] = v;
}

static bool
cmemo_get(const struct ex_cmemo *m, const GumboNode *n, struct ex_counts *v)
{
	if (!m->cap)
		return false;
	for (size_t i = cmemo_slot(m, n); m->key[i]; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == n) {
			*v = m->val[i];
			return true;
		}
	return false;
}

void
ex_cmemo_free(struct ex_cmemo *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

/* count: characters of n's subtree kept by the template filter, and of
 * those how many are inside links. */
struct ex_counts
ex_count(struct ex_cmemo *m, const GumboNode *n, int depth)
{
	struct ex_counts c = { 0, 0 };
	const GumboVector *ch;

	if (depth > 2 * EX_HTML_MAX_DEPTH + 100)
		return c;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
		c.text = ex_visible_chars(n->v.text.text);
		return c;
	}
	if (n->type != GUMBO_NODE_ELEMENT || ex_drops(n, false))
		return c;
	if (cmemo_get(m, n, &c))
		return c;
	ch = &n->v.element.children;
	for (unsigned i = 0; i < ch->length; i++) {
		struct ex_counts k = ex_count(m, ch->data[i], depth + 1);

		c.text += k.text;
		c.link += k.link;
	}
	if (n->v.element.tag == GUMBO_TAG_A)
		c.link = c.text;
	cmemo_put(m, n, c);
	return c;
}

static size_t
kept_chars_node(struct ex_cmemo *m, const GumboNode *n)
{
	return ex_count(m, n, 0).text;
}

static size_t
kept_chars(struct ex_cmemo *m, const GumboNode *n, unsigned from)
{
	size_t t = 0;

	if (n->type != GUMBO_NODE_ELEMENT)
		return 0;
	for (unsigned i = from; i < n->v.element.children.length; i++)
		t += ex_count(m, n->v.element.children.data[i], 0).text;
	return t;
}

/* ---- the search ---- */

/* Container ids and classes of the usual CMSs, most specific first: the
 * main_container rows of dict/extract.tsv. */

static int
cms_rank(const GumboNode *n)
{
	const char *id = ex_attr(n, "id"), *cl = ex_attr(n, "class");
	const struct ex_words *names = ex_words(EXW_MAIN_CONTAINER);

	for (size_t i = 0; i < names->n; i++) {
		if (id && strcasecmp(id, names->v[i]) == 0)
			return (int)i;
	}
	if (cl) {
		/* class lists: any single class equal to a name */
		for (size_t i = 0; i < names->n; i++) {
			size_t l = names->len[i];
			const char *p = cl;

			while ((p = strstr(p, names->v[i])) != NULL) {
				bool b = p == cl || isspace((unsigned char)p[-1]);
				bool e = p[l] == '\0' || isspace((unsigned char)p[l]);

				if (b && e)
					return (int)i;
				p += l;
			}
		}
	}
	return -1;
}

static bool
skip_link_text(const GumboNode *a, char *idbuf, size_t idcap)
{
	const char *href = ex_attr(a, "href");
	struct buf b = BUF_INIT;
	bool hit;

	if (!href || href[0] != '#' || !href[1])
		return false;
	/* the anchor's own text and image alts */
	for (unsigned i = 0; i < a->v.element.children.length; i++) {
		const GumboNode *c = a->v.element.children.data[i];

		if (c->type == GUMBO_NODE_TEXT)
			buf_adds(&b, c->v.text.text);
		else if (ex_tag_of(c) == GUMBO_TAG_IMG && ex_attr(c, "alt"))
			buf_adds(&b, ex_attr(c, "alt"));
		else if (c->type == GUMBO_NODE_ELEMENT)
			for (unsigned j = 0; j < c->v.element.children.length; j++)
				if (((GumboNode *)c->v.element.children.data[j])->type == GUMBO_NODE_TEXT)
					buf_adds(&b, ((GumboNode *)c->v.element.children.data[j])->v.text.text);
	}
	hit = b.len && ex_words_within(EXW_SKIP_LINK, b.ptr, b.len);
	buf_free(&b);
	if (hit)
		snprintf(idbuf, idcap, "%s", href + 1);
	return hit;
}

void
ex_find_walk(const GumboNode *n, struct ex_finds *f, int depth, char *skip_id, size_t idcap)
{
	const GumboVector *ch;
	GumboTag t;
	const char *v;
	int r;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 2 * EX_HTML_MAX_DEPTH + 100)
		return;
	t = n->v.element.tag;
	switch (t) {
	case GUMBO_TAG_MAIN:
		if (!f->main_el)
			f->main_el = n;
		break;
	case GUMBO_TAG_BODY:
		if (!f->body)
			f->body = n;
		break;
	case GUMBO_TAG_H1:
		if (!f->h1)
			f->h1 = n;
		break;
	case GUMBO_TAG_TITLE:
		if (!f->title)
			f->title = n;
		break;
	case GUMBO_TAG_BASE:
		if (!f->base && ex_attr(n, "href"))
			f->base = n;
		break;
	case GUMBO_TAG_META:
		if ((v = ex_attr(n, "property")) || (v = ex_attr(n, "name"))) {
			if (strcasecmp(v, "og:title") == 0 && !f->og_title)
				f->og_title = n;
			else if (strcasecmp(v, "og:site_name") == 0 && !f->site_name)
				f->site_name = n;
		}
		break;
	case GUMBO_TAG_A:
		if (!skip_id[0])
			skip_link_text(n, skip_id, idcap);
		break;
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
		return;
	default:
		break;
	}
	if (!f->role_main && (v = ex_attr(n, "role")) && strcmp(v, "main") == 0)
		f->role_main = n;
	if ((r = cms_rank(n)) >= 0 && !f->cms[r])
		f->cms[r] = n;
	ch = &n->v.element.children;
	for (unsigned i = 0; i < ch->length; i++)
		ex_find_walk(ch->data[i], f, depth + 1, skip_id, idcap);
}

static const GumboNode *
find_id(const GumboNode *n, const char *id, int depth)
{
	const GumboVector *ch;
	const char *v;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 2 * EX_HTML_MAX_DEPTH + 100)
		return NULL;
	if (((v = ex_attr(n, "id")) && strcmp(v, id) == 0) ||
	    (ex_tag_of(n) == GUMBO_TAG_A && (v = ex_attr(n, "name")) && strcmp(v, id) == 0))
		return n;
	ch = &n->v.element.children;
	for (unsigned i = 0; i < ch->length; i++) {
		const GumboNode *r = find_id(ch->data[i], id, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

size_t
ex_nonlink_chars(struct ex_cmemo *m, const GumboNode *n)
{
	struct ex_counts c = ex_count(m, n, 0);

	return c.text - c.link;
}

/* densest: from n down, the smallest element holding most of the non-link
 * text; menus are links, so they do not pull the choice up. */
static const GumboNode *
densest(struct ex_cmemo *m, const GumboNode *n)
{
	for (int guard = 0; guard < 2 * EX_HTML_MAX_DEPTH; guard++) {
		size_t total = ex_nonlink_chars(m, n), best = 0;
		const GumboNode *bn = NULL;
		const GumboVector *ch = &n->v.element.children;

		for (unsigned i = 0; i < ch->length; i++) {
			const GumboNode *k = ch->data[i];
			size_t v;

			if (k->type != GUMBO_NODE_ELEMENT || ex_drops(k, false))
				continue;
			v = ex_nonlink_chars(m, k);
			if (v > best) {
				best = v;
				bn = k;
			}
		}
		if (!bn || total == 0 || best * 10 < total * 6)
			return n;
		n = bn;
	}
	return n;
}

static bool
contains_node(const GumboNode *outer, const GumboNode *inner)
{
	for (const GumboNode *p = inner; p; p = p->parent)
		if (p == outer)
			return true;
	return false;
}

/* refine: a CMS container inside the region holding at least half its
 * text is the better choice (a #container that also holds a side menu
 * without telling class words). */
static const GumboNode *
refine(struct ex_cmemo *m, const GumboNode *region, const struct ex_finds *f)
{
	size_t total = kept_chars(m, region, 0);

	for (size_t r = 0; r < f->ncms; r++) {
		const GumboNode *k = f->cms[r];

		if (!k || k == region || !contains_node(region, k))
			continue;
		if (kept_chars(m, k, 0) * 2 >= total)
			return k;
	}
	return region;
}

void
ex_main_choose(const GumboNode **out_main, const GumboNode **out_start,
	struct ex_cmemo *m, const struct ex_finds *f, const char *skip_id,
	const GumboNode *root)
{
	const GumboNode *body = f->body ? f->body : root;
	const GumboNode *t;
	size_t min_chars;

	*out_start = NULL;
	/* on a tiny page, holding most of the text is enough */
	min_chars = kept_chars_node(m, body) / 2;
	if (min_chars > EX_MAIN_MIN_CHARS)
		min_chars = EX_MAIN_MIN_CHARS;
	if (min_chars == 0)
		min_chars = 1;
	if (f->main_el && kept_chars(m, f->main_el, 0) >= min_chars) {
		*out_main = refine(m, f->main_el, f);
		return;
	}
	if (f->role_main && kept_chars(m, f->role_main, 0) >= min_chars) {
		*out_main = refine(m, f->role_main, f);
		return;
	}
	if (skip_id[0] && (t = find_id(root, skip_id, 0)) != NULL && t != body) {
		if (kept_chars(m, t, 0) >= 200) {
			*out_main = refine(m, t, f);
			return;
		}
		/* a marker (an empty anchor, "ここから本文です", the page h1):
		 * the content is what follows it in document order, up to the
		 * end of the lowest ancestor that holds most of that text (so
		 * a trailing footer outside it stays out) */
		{
			size_t after[2 * EX_HTML_MAX_DEPTH + 128];
			const GumboNode *anc[2 * EX_HTML_MAX_DEPTH + 128];
			size_t na = 0, acc = kept_chars_node(m, t);
			const GumboNode *k = t;

			while (k->parent && k->parent->type == GUMBO_NODE_ELEMENT &&
			    na < sizeof(anc) / sizeof(*anc)) {
				acc += kept_chars(m, k->parent, (unsigned)k->index_within_parent + 1);
				anc[na] = k->parent;
				after[na] = acc;
				na++;
				if (k->parent == body)
					break;
				k = k->parent;
			}
			for (size_t i = 0; i < na && acc >= min_chars; i++)
				if (after[i] * 10 >= acc * 7) {
					*out_main = anc[i];
					*out_start = t;
					return;
				}
		}
	}
	for (size_t r = 0; r < f->ncms; r++)
		if (f->cms[r] && kept_chars(m, f->cms[r], 0) >= min_chars) {
			*out_main = refine(m, f->cms[r], f);
			return;
		}
	*out_main = body->type == GUMBO_NODE_ELEMENT ? densest(m, body) : body;
}
