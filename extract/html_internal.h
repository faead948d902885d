/*
 * html_internal: what the HTML walk (html.c) asks of the template filter
 * (html_filter.c) and of the main-content search (html_main.c).  Only these
 * three files see gumbo's types; the dependencies point from html.c to the
 * other two, and from html_main.c to html_filter.c.
 *
 * Every node passed in is borrowed from the parse tree, which lives until
 * extract_html() releases its arena.
 */
#ifndef MUNISCAN_HTML_INTERNAL_H
#define MUNISCAN_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <gumbo.h>

/* The default depth cap of html_prep.c; the recursions over the tree stop
 * at twice it and a margin. */
#define EX_HTML_MAX_DEPTH 400
/* A region must hold at least this many characters to be the main content
 * (a <main> holding only a banner is not). */
#define EX_MAIN_MIN_CHARS 20

/* ---- helpers over the tree ---- */

static inline const char *
ex_attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

static inline GumboTag
ex_tag_of(const GumboNode *n)
{
	return n->type == GUMBO_NODE_ELEMENT ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}

static inline bool
ex_is_heading_tag(GumboTag t)
{
	return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

/* ---- the template filter (html_filter.c) ---- */

enum ex_drop_why {
	EX_KEEP = 0,
	EX_DROP_TAG,   /* by tag, attribute or ARIA role */
	EX_DROP_NAMED  /* by the words of its class or id */
};

/* ex_drop_reason: whether and why the element is template furniture.  In
 * the main walk (in_main), ancestors of the main region are never dropped
 * (the walk does not meet them). */
enum ex_drop_why ex_drop_reason(const GumboNode *n, bool in_main);
/* ex_drops: ex_drop_reason() != EX_KEEP. */
bool ex_drops(const GumboNode *n, bool in_main);

/* ---- counts of a subtree (html_main.c) ---- */

struct ex_counts {
	size_t text;  /* characters kept */
	size_t link;  /* of which inside links */
};

/* Counts of a subtree are asked for again and again (every level of the
 * main-content search, every list item), so each element's are kept, by
 * node address, for the life of the parse.  Zero-initialise; release with
 * ex_cmemo_free(). */
struct ex_cmemo {
	const GumboNode **key;
	struct ex_counts *val;
	size_t n, cap; /* cap: a power of two */
};

void ex_cmemo_free(struct ex_cmemo *m);
/* ex_count: characters of n's subtree kept by the template filter, and of
 * those how many are inside links; depth: of n, for the recursion bound. */
struct ex_counts ex_count(struct ex_cmemo *m, const GumboNode *n, int depth);
/* ex_nonlink_chars: the kept characters of n's subtree outside links. */
size_t ex_nonlink_chars(struct ex_cmemo *m, const GumboNode *n);
/* ex_text_under: the visible characters of the text under n (*all) and of
 * those inside an element m1 or m2 (*marked: links, bold), walking at most
 * EX_TEXT_UNDER_NODES nodes; false when the walk was cut there. */
#define EX_TEXT_UNDER_NODES 4000
bool ex_text_under(const GumboNode *n, GumboTag m1, GumboTag m2, size_t *all, size_t *marked);
/* ex_visible_chars: code points of the NUL-terminated s that are not ASCII
 * blanks. */
size_t ex_visible_chars(const char *s);

/* ---- the main-content search (html_main.c) ---- */

/* What one pass over the document finds for the search and the title. */
struct ex_finds {
	const GumboNode *main_el, *role_main, *body, *title, *og_title, *site_name, *base;
	const GumboNode *skip_target;
	const GumboNode *h1; /* first h1 of the document */
	const char *skip_id;
	const GumboNode **cms; /* by cms_rank(): one per main_container row */
	size_t ncms;
};

/* ex_find_walk: fills f from the tree under n (f->cms allocated by the
 * caller, ex_words(EXW_MAIN_CONTAINER)->n entries, zeroed), and the target
 * id of the first skip link (本文へ) into skip_id[0..idcap). */
void ex_find_walk(const GumboNode *n, struct ex_finds *f, int depth, char *skip_id,
	size_t idcap);
/* ex_main_choose: the element holding the main content into *out_main; and
 * *out_start, when the content starts at a marker inside it (the skip
 * link's target) rather than at its first child, else NULL. */
void ex_main_choose(const GumboNode **out_main, const GumboNode **out_start,
	struct ex_cmemo *m, const struct ex_finds *f, const char *skip_id,
	const GumboNode *root);

#endif
