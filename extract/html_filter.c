/*
 * html_filter: the template filter of HTML extraction (see
 * html_internal.h): whether an element is site furniture (navigation,
 * headers and footers, forms, hidden blocks, blocks whose class or id
 * words name a menu or a side column) rather than page content.
 *
 * The main-content search (html_main.c) counts only what the filter keeps,
 * and the walk into lines (html.c) skips what it drops.  The class and id
 * words come from dict/extract.tsv (extract_dict.c).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <gumbo.h>

#include "extract_internal.h"
#include "html_internal.h"

static bool
has_heading(const GumboNode *n, int budget)
{
	const GumboVector *c;

	if (n->type != GUMBO_NODE_ELEMENT || budget <= 0)
		return false;
	if (ex_is_heading_tag(n->v.element.tag))
		return true;
	c = &n->v.element.children;
	for (unsigned i = 0; i < c->length; i++)
		if (has_heading(c->data[i], budget - 1))
			return true;
	return false;
}

/* Words in class and id values that mark template furniture come from
 * dict/extract.tsv: drop_class words are matched as whole words after
 * splitting on - _ and camelCase, drop_class_part inside words too
 * (tmp_lnavi, topicpath). */

/* word_drops: 3 for a drop_class_unless_content word, 2 for a
 * drop_class_unless_heading word, 1 for a drop_class word, 0 for others. */
static int
word_drops(const char *w, size_t n)
{
	char low[40];

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[n] = '\0';
	if (ex_words_has(EXW_DROP_CLASS_UNLESS_HEADING, low))
		return 2;
	if (ex_words_has(EXW_DROP_CLASS_UNLESS_CONTENT, low))
		return 3;
	return ex_words_has(EXW_DROP_CLASS, low) ? 1 : 0;
}

/* names_drop: whether a class or id value names template furniture;
 * *header is set when a reason is a header/head word (kept when the element
 * holds the page heading), *menu when one is a menu word (kept when its
 * text in the main content is not links), and neither when another word
 * drops it whatever it holds. */
static bool
names_drop(const char *v, bool *header, bool *menu)
{
	char low[256];
	size_t n = 0;
	const char *p = v;
	bool hit = false, other = false, content = false;

	if (!v || !*v)
		return false;
	for (; *p && n < sizeof(low) - 1; p++)
		low[n++] = (char)tolower((unsigned char)*p);
	low[n] = '\0';
	if (ex_words_within(EXW_DROP_CLASS_PART, low, n))
		other = true;
	/* words: split on non-alphanumerics and lower-to-upper case changes */
	p = v;
	while (*p) {
		const char *w;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		w = p;
		while (*p && isalnum((unsigned char)*p)) {
			p++;
			if (isupper((unsigned char)*p) && islower((unsigned char)p[-1]))
				break;
		}
		if (p > w) {
			int d = word_drops(w, (size_t)(p - w));

			if (d == 3)
				content = true;
			else if (d == 2)
				hit = true;
			else if (d == 1)
				other = true;
		}
	}
	*header = hit && !other;
	*menu = content && !other;
	return hit || other || content;
}

static void
text_under(const GumboNode *n, GumboTag m1, GumboTag m2, bool in, size_t *all, size_t *marked,
	int *budget)
{
	const GumboVector *c;

	if ((*budget)-- <= 0)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
		size_t k = ex_visible_chars(n->v.text.text);

		*all += k;
		if (in)
			*marked += k;
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag == GUMBO_TAG_SCRIPT ||
	    n->v.element.tag == GUMBO_TAG_STYLE)
		return; /* no visible text */
	in = in || n->v.element.tag == m1 || n->v.element.tag == m2;
	c = &n->v.element.children;
	for (unsigned i = 0; i < c->length && *budget > 0; i++)
		text_under(c->data[i], m1, m2, in, all, marked, budget);
}

bool
ex_text_under(const GumboNode *n, GumboTag m1, GumboTag m2, size_t *all, size_t *marked)
{
	int budget = EX_TEXT_UNDER_NODES;

	*all = *marked = 0;
	text_under(n, m1, m2, false, all, marked, &budget);
	return budget > 0;
}

/* text_not_links: a block with some text, at most a fifth of it in links
 * (a support menu as a list of descriptions, not a navigation menu) */
static bool
text_not_links(const GumboNode *n)
{
	size_t text, link;

	return ex_text_under(n, GUMBO_TAG_A, GUMBO_TAG_A, &text, &link) && text >= 40 &&
	    link * 5 <= text;
}

static bool
style_hidden(const char *style)
{
	char low[256];
	size_t n = 0, m = 0;

	if (!style)
		return false;
	for (const char *p = style; *p && n < sizeof(low) - 1; p++)
		if (!isspace((unsigned char)*p))
			low[n++] = (char)tolower((unsigned char)*p);
	low[n] = '\0';
	(void)m;
	return strstr(low, "display:none") || strstr(low, "visibility:hidden");
}

/* ex_drop_reason: whether and why the element is template furniture.  In
 * the main walk, ancestors of the main region are never dropped (the walk
 * does not meet them). */
enum ex_drop_why
ex_drop_reason(const GumboNode *n, bool in_main)
{
	const char *v;
	bool header_only = false, menu_only = false;
	GumboTag t;

	if (n->type != GUMBO_NODE_ELEMENT)
		return EX_KEEP;
	t = n->v.element.tag;
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG:
	case GUMBO_TAG_CANVAS: case GUMBO_TAG_FOOTER: case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_MATH:
		return EX_DROP_TAG;
	case GUMBO_TAG_HEADER:
		/* <article><header><h1> holds the page title */
		if (!(in_main && has_heading(n, 4)))
			return EX_DROP_TAG;
		break;
	case GUMBO_TAG_FORM:
		/* search boxes and page surveys; ASP.NET wraps whole pages in a
		 * form, but then the form holds the main region and is never
		 * met here */
		return EX_DROP_TAG;
	default:
		break;
	}
	if (ex_attr(n, "hidden") || style_hidden(ex_attr(n, "style")))
		return EX_DROP_TAG;
	if ((v = ex_attr(n, "aria-hidden")) && strcmp(v, "true") == 0)
		return EX_DROP_TAG;
	if ((v = ex_attr(n, "role")) && (strcmp(v, "navigation") == 0 ||
	    strcmp(v, "banner") == 0 || strcmp(v, "contentinfo") == 0 ||
	    strcmp(v, "complementary") == 0 || strcmp(v, "search") == 0))
		return EX_DROP_TAG;
	if (t == GUMBO_TAG_SPAN && (v = ex_attr(n, "class")) &&
	    ex_words_within(EXW_EXTERNAL_LINK_CLASS, v, strlen(v)))
		return EX_DROP_TAG; /* "＜外部リンク＞" and "新しいウィンドウで開きます" after links */
	if (t == GUMBO_TAG_A || t == GUMBO_TAG_SPAN || t == GUMBO_TAG_STRONG ||
	    t == GUMBO_TAG_B || t == GUMBO_TAG_EM || t == GUMBO_TAG_IMG)
		return EX_KEEP; /* inline words such as "hide" mark accessibility text only on blocks */
	for (int k = 0; k < 2; k++) {
		bool ho = false, mo = false;

		v = ex_attr(n, k == 0 ? "id" : "class");
		if (names_drop(v, &ho, &mo)) {
			if (!ho && !mo)
				return EX_DROP_NAMED;
			header_only |= ho;
			menu_only |= mo;
		}
	}
	if (header_only && !(in_main && has_heading(n, 6)))
		return EX_DROP_NAMED;
	if (menu_only && !(in_main && text_not_links(n)))
		return EX_DROP_NAMED;
	return EX_KEEP;
}

bool
ex_drops(const GumboNode *n, bool in_main)
{
	return ex_drop_reason(n, in_main) != EX_KEEP;
}
