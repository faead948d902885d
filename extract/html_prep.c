/*
 * html_prep: step 1 of extract_html(), the source before gumbo sees it.
 *
 * gumbo spends some hundred instructions on every byte, and a quarter of a
 * municipal page's bytes say nothing extraction uses: script and style
 * bodies, comments, and the indentation between tags.  ex_prep_compact()
 * takes them out and keeps a map, so offsets in the compact copy turn back
 * into offsets of the page (ex_prep_orig()).  In the same pass it blanks
 * tags nested deeper than the cap.
 *
 * Both are scans of tags, not parsers; where they and the HTML tokenizer
 * could disagree (a '>' inside a quoted attribute, a script that writes
 * "<!--<script>"), the result is still HTML and the difference is confined
 * to the odd construct.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_internal.h"
#include "util.h"
#include "xalloc.h"

/* tag_name: the tag name at p (up to end), lower-cased into nm; 0 when it is
 * longer than cap - 1 (then it is none of the names this file knows). */
static size_t
tag_name(const char *p, const char *end, char *nm, size_t cap)
{
	size_t n = 0;

	while (p + n < end && isalnum((unsigned char)p[n])) {
		if (n + 1 >= cap) {
			nm[0] = '\0';
			return 0;
		}
		nm[n] = (char)tolower((unsigned char)p[n]);
		n++;
	}
	nm[n] = '\0';
	return n;
}

static bool
in_list(const char *nm, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (nm[0] == names[i][0] && strcmp(nm, names[i]) == 0)
			return true;
	return false;
}

/* Elements whose content is raw text: no tags inside. */
static bool
raw_text(const char *nm)
{
	static const char *const names[] = { "script", "style", "textarea", "xmp", "title" };

	return in_list(nm, names, sizeof(names) / sizeof(*names));
}

/* Elements that never hold children, and those whose end tag the parser
 * infers, do not deepen the tree in the count. */
static bool
flat_element(const char *nm)
{
	static const char *const names[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
		"meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
		"tr", "td", "th", "option", "optgroup", "tbody", "thead", "tfoot",
		"colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
	};

	return in_list(nm, names, sizeof(names) / sizeof(*names));
}

/* end_tag: the start of "</name" (name followed by a non-alnum byte, any
 * case) at or after p, or end. */
static const char *
end_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) >= n + 2 && p[1] == '/' &&
		    strncasecmp(p + 2, name, n) == 0 &&
		    (p + 2 + n == end || !isalnum((unsigned char)p[2 + n])))
			return p;
		p++;
	}
	return end;
}

/* find: the first pat[0..n) in [p, end), or NULL. */
static const char *
find(const char *p, const char *end, const char *pat, size_t n)
{
	while ((size_t)(end - p) >= n && (p = memchr(p, pat[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, pat, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* comment_end: just past the comment that opens at p ("<!--").  *no_end
 * remembers that no "-->" follows, so a page of unclosed comments costs one
 * scan, not one per comment. */
static const char *
comment_end(const char *p, const char *end, bool *no_end)
{
	const char *q = p + 4, *a = NULL, *b;

	/* "<!-->" and "<!--->" are whole (empty) comments */
	if (q < end && *q == '>')
		return q + 1;
	if (end - q >= 2 && q[0] == '-' && q[1] == '>')
		return q + 2;
	if (!*no_end && (a = find(q, end, "-->", 3)) == NULL)
		*no_end = true;
	/* "--!>" also ends one */
	b = find(q, a ? a + 3 : end, "--!>", 4);
	if (b && (!a || b < a))
		return b + 4;
	return a ? a + 3 : end;
}

static bool
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

struct compact {
	char *out;
	size_t len;
	struct ex_prep_map *map;
};

static void
put(struct compact *c, const char *s, size_t n)
{
	memcpy(c->out + c->len, s, n);
	c->len += n;
}

/* drop: n source bytes are left out at the current output position. */
static void
drop(struct compact *c, size_t n)
{
	struct ex_prep_map *m = c->map;
	size_t before = m->n ? m->gone[m->n - 1] : 0;

	if (n == 0)
		return;
	if (m->n && m->at[m->n - 1] == c->len) {
		m->gone[m->n - 1] += n;
		return;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->at = xreallocarray(m->at, m->cap, sizeof(*m->at));
		m->gone = xreallocarray(m->gone, m->cap, sizeof(*m->gone));
	}
	m->at[m->n] = c->len;
	m->gone[m->n] = before + n;
	m->n++;
}

/* Attributes that extraction reads, and those that steer gumbo's tree
 * building (type of <input> in a table; color, face, size of <font> and
 * encoding, which leave or enter foreign content); the rest (onclick,
 * data-*, src, width, title, target, lang ...) are left out. */
static bool
keep_attr(const char *a, size_t n)
{
	static const char *const names[] = {
		"id", "class", "style", "hidden", "aria-hidden", "role", "href", "alt", "name",
		"content", "property", "type", "color", "face", "size", "encoding", "charset",
		"http-equiv",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strlen(names[i]) == n && strncasecmp(a, names[i], n) == 0)
			return true;
	return false;
}

#define MAX_ATTRS 64

/* An attribute as the start tag scan reads it: blank before, name, end
 * of value. */
struct attr_seg {
	const char *ws, *name, *name_end, *end;
};

/* next_attr: the attribute from p, up to end.  1: one was read into *a;
 * 0: the tag ends at *gt ('>'), blanks before it from *tail; -1: the page
 * ends inside the tag (in a quoted value, or before any '>'). */
static int
next_attr(const char *p, const char *end, struct attr_seg *a, const char **tail,
	const char **gt)
{
	const char *ws = p, *q;

	while (p < end && (blank(*p) || *p == '/'))
		p++;
	if (p >= end)
		return -1;
	if (*p == '>') {
		*tail = ws;
		*gt = p;
		return 0;
	}
	a->ws = ws;
	a->name = p++;
	while (p < end && !blank(*p) && *p != '/' && *p != '>' && *p != '=')
		p++;
	a->name_end = p;
	q = p;
	while (q < end && blank(*q))
		q++;
	if (q < end && *q == '=') {
		q++;
		while (q < end && blank(*q))
			q++;
		if (q < end && (*q == '"' || *q == '\'')) {
			const char *cl = memchr(q + 1, *q, (size_t)(end - q - 1));

			if (!cl)
				return -1;
			p = cl + 1;
		} else {
			while (q < end && !blank(*q) && *q != '>')
				q++;
			p = q;
		}
	}
	a->end = p;
	return 1;
}

/* copy_start_tag: the start tag at lt (its name ends at name_end) with
 * only the attributes keep_attr() wants, read as the HTML tokenizer reads
 * them (quoted values may hold '>').  Returns the end of the tag, or NULL
 * (nothing written) when the tag does not end or cannot be cut cleanly:
 * the caller then copies it whole.
 *
 * A tag of more than MAX_ATTRS attributes is never copied whole: gumbo
 * checks each attribute against those before it, so 100,000 of them cost
 * the square.  It keeps its first MAX_ATTRS wanted ones (a second scan of
 * the tag); when the page ends inside it, the tag and the rest of the page
 * are left out, as a browser leaves them. */
static const char *
copy_start_tag(struct compact *c, const char *lt, const char *name_end, const char *end)
{
	struct attr_seg a, seg[MAX_ATTRS], prev = { NULL, NULL, NULL, NULL };
	bool keep[MAX_ATTRS], prev_keep = false, glued = false;
	size_t n = 0, kept = 0;
	const char *p = name_end, *tail = NULL, *gt = NULL;
	int r;

	while ((r = next_attr(p, end, &a, &tail, &gt)) == 1) {
		bool k = keep_attr(a.name, (size_t)(a.name_end - a.name));

		/* a kept attribute glued to a dropped one before it
		 * (<a x="1"href=...>) would glue to what precedes */
		if (k && a.ws == a.name && n > 0 && !prev_keep)
			glued = true;
		if (n < MAX_ATTRS) {
			seg[n] = a;
			keep[n] = k;
		}
		prev_keep = k;
		p = a.end;
		n++;
	}
	if (n <= MAX_ATTRS) {
		if (r < 0 || glued)
			return NULL;
		put(c, lt, (size_t)(name_end - lt));
		for (size_t i = 0; i < n; i++) {
			if (keep[i])
				put(c, seg[i].ws, (size_t)(seg[i].end - seg[i].ws));
			else
				drop(c, (size_t)(seg[i].end - seg[i].ws));
		}
		put(c, tail, (size_t)(gt + 1 - tail));
		return gt + 1;
	}
	if (r < 0) {
		drop(c, (size_t)(end - lt));
		return end;
	}
	/* too many to remember: a second scan writes the first MAX_ATTRS
	 * wanted ones (those glued to a dropped one go too) */
	put(c, lt, (size_t)(name_end - lt));
	p = name_end;
	prev_keep = false;
	while (next_attr(p, end, &a, &tail, &gt) == 1) {
		bool k = keep_attr(a.name, (size_t)(a.name_end - a.name)) && kept < MAX_ATTRS &&
		    !(a.ws == a.name && prev.name && !prev_keep);

		if (k) {
			put(c, a.ws, (size_t)(a.end - a.ws));
			kept++;
		} else
			drop(c, (size_t)(a.end - a.ws));
		prev = a;
		prev_keep = k;
		p = a.end;
	}
	put(c, tail, (size_t)(gt + 1 - tail));
	return gt + 1;
}

char *
ex_prep_compact(const char *html, size_t len, int max_depth, size_t *out_len,
	struct ex_prep_map *map, size_t *blanked)
{
	bool cut;

	return ex_prep_compact_capped(html, len, max_depth, 0, out_len, map, blanked, &cut);
}

char *
ex_prep_compact_capped(const char *html, size_t len, int max_depth, size_t max_tags,
	size_t *out_len, struct ex_prep_map *map, size_t *blanked, bool *cut)
{
	struct compact c = { xmalloc(len + 1), 0, map };
	const char *p = html, *end = html + len;
	int pre = 0; /* open <pre>/<listing>: blanks there are content */
	long depth = 0;
	size_t tags = 0;
	bool no_end = false;

	memset(map, 0, sizeof(*map));
	*blanked = 0;
	*cut = false;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p)), *name, *gt;
		char nm[12];
		bool closing;

		if (!lt) {
			put(&c, p, (size_t)(end - p));
			break;
		}
		put(&c, p, (size_t)(lt - p));
		if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0) {
			p = comment_end(lt, end, &no_end);
			drop(&c, (size_t)(p - lt));
			continue;
		}
		name = lt + 1;
		closing = name < end && *name == '/';
		if (closing)
			name++;
		if (name >= end || !(isalpha((unsigned char)*name) || *name == '!')) {
			put(&c, lt, 1);
			p = lt + 1;
			continue;
		}
		if ((gt = memchr(name, '>', (size_t)(end - name))) == NULL) {
			/* a tag that no '>' ends runs to the end of the page,
			 * and the tokenizer drops it there with all it holds:
			 * so do we, rather than have gumbo read 100,000
			 * attributes of it (or a million "<a" one by one) */
			drop(&c, (size_t)(end - lt));
			break;
		}
		if (max_tags && tags++ == max_tags) {
			/* the work cap: the copy ends before this tag, and
			 * gumbo closes what is open */
			drop(&c, (size_t)(end - lt));
			*cut = true;
			break;
		}
		{
			const char *ne = name, *te = NULL;
			size_t out_start = c.len;
			bool named;

			while (ne < end && !blank(*ne) && *ne != '/' && *ne != '>')
				ne++;
			if (!closing && *name != '!')
				te = copy_start_tag(&c, lt, ne, end);
			if (te) {
				p = te;
			} else {
				put(&c, lt, (size_t)(gt + 1 - lt));
				p = gt + 1;
			}
			named = *name != '!' && tag_name(name, p - 1, nm, sizeof(nm));
			if (*name == '!')
				nm[0] = '\0';
			/* the depth bound: a tag nested deeper than max_depth,
			 * and its end tag, become blanks of the same length, so
			 * gumbo never builds deep trees.  Void elements, those
			 * whose end the parser infers (p, li, td) and a raw-text
			 * element's start tag do not deepen. */
			if (*name != '!' && (closing || !raw_text(nm)) && !flat_element(nm) &&
			    p[-2] != '/') {
				if (!closing)
					depth++;
				if (depth > max_depth) {
					memset(c.out + out_start, ' ', c.len - out_start);
					(*blanked)++;
				}
				if (closing && depth > 0)
					depth--;
			}
			if (!named)
				goto blanks;
		}
		if (strcmp(nm, "plaintext") == 0 && !closing) {
			put(&c, p, (size_t)(end - p));
			break;
		}
		if (!closing && raw_text(nm)) {
			const char *q = end_tag(p, end, nm);

			if (strcmp(nm, "script") == 0 || strcmp(nm, "style") == 0)
				drop(&c, (size_t)(q - p)); /* never read */
			else
				put(&c, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (strcmp(nm, "pre") == 0 || strcmp(nm, "listing") == 0)
			pre += closing ? (pre > 0 ? -1 : 0) : 1;
blanks:
		/* blanks between two tags read as one blank, a line break
		 * when they hold one (the text walk cares about no more); the
		 * one kept is one of the page's, so the copy stays a
		 * subsequence of the page */
		if (pre == 0 && p < end && blank(*p)) {
			const char *q = p, *keep = NULL;

			while (q < end && blank(*q)) {
				if (!keep && (*q == '\n' || *q == '\r'))
					keep = q;
				q++;
			}
			if (q < end && *q == '<' && q - p >= 2) {
				if (!keep)
					keep = p;
				drop(&c, (size_t)(keep - p));
				put(&c, keep, 1);
				drop(&c, (size_t)(q - keep) - 1);
				p = q;
			}
		}
	}
	if (*cut)
		c.out = xrealloc(c.out, c.len + 1); /* the page's size was reserved */
	c.out[c.len] = '\0';
	*out_len = c.len;
	return c.out;
}

size_t
ex_prep_orig(const struct ex_prep_map *map, size_t pos)
{
	size_t lo = 0, hi = map->n;

	/* the last removal at or before pos */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (map->at[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return pos + (lo ? map->gone[lo - 1] : 0);
}

size_t
ex_prep_orig_end(const struct ex_prep_map *map, size_t end)
{
	return end ? ex_prep_orig(map, end - 1) + 1 : 0;
}

void
ex_prep_map_free(struct ex_prep_map *map)
{
	free(map->at);
	free(map->gone);
	memset(map, 0, sizeof(*map));
}

void
ex_prep_sanitize_utf8(char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = 1;
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80) {
			size_t want = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
			    c >= 0xf0 && c <= 0xf4 ? 4 : 0;

			if (want && i + want <= len && util_utf8_valid(s + i, want))
				n = want;
			else
				s[i] = '?';
		} else if (c == 0) {
			s[i] = ' ';
		}
		i += n;
	}
}
