/*
 * robots: robots.txt per RFC 9309.
 *
 * Parsing never fails: a robots.txt is written by hand on thousands of
 * municipal servers and a bad line must not cost the crawl the whole file, so
 * unknown and malformed lines are skipped.  The file is read once into
 * groups; robots_parse() then keeps only the rules that apply to the product
 * token it was given (every group naming it, merged, else every '*' group),
 * so robots_allowed() is a scan of one rule list.
 *
 * Paths and patterns are compared in one percent-encoding form: %XX of an
 * unreserved character decoded, other %XX upper-cased, raw non-ASCII bytes
 * and other unsafe bytes encoded.  "/%7Efoo", "/~foo" are then one path, and
 * a UTF-8 pattern matches the encoded URL the crawler fetches.  The two
 * special characters are the exception (RFC 9309 2.2.3): in a pattern a raw
 * '*' is the wildcard and a raw final '$' the end anchor, while "%2A" and
 * "%24" stand for the characters themselves; a path's '*' and '$' are always
 * literal, so the path form encodes them, and "%2A" in a pattern matches a
 * '*' (raw or encoded) in the URL.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "robots.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

/* RFC 9309 2.5: crawlers must parse at least 500 KiB. */
#define ROBOTS_MAX_BYTES (500 * 1024)
#define ROBOTS_MAX_SITEMAPS 1000
/* a day: anything longer is a typo, and the crawler caps it anyway */
#define ROBOTS_MAX_DELAY 86400.0

struct robots_rule {
	char *pattern; /* normalised; may end with '$' */
	size_t len;
	bool allow;
};

struct robots {
	bool deny_all;
	struct robots_rule *rules;
	size_t nrules;
	double delay;
	char **sitemaps;
	size_t nsitemaps;
};

/* A group while parsing: which agents it names, and its rules. */
struct robots_group {
	bool for_product;
	bool for_star;
	struct robots_rule *rules;
	size_t nrules;
	double delay;
	bool has_delay;
};

static bool
robots_unreserved(unsigned char c)
{
	return c < 0x80 && (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~');
}

/* robots_normalize: s[0..len) in the comparison form, appended to b.  In a
 * pattern, '*' and a final '$' stay special; anywhere else they are
 * literal and encoded. */
static void
robots_normalize(struct buf *b, const char *s, size_t len, bool pattern)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' && i + 2 < len &&
		    util_hexval(s[i + 1]) >= 0 && util_hexval(s[i + 2]) >= 0) {
			unsigned char d = (unsigned char)(util_hexval(s[i + 1]) * 16 +
			    util_hexval(s[i + 2]));

			if (robots_unreserved(d)) {
				buf_addc(b, (char)d);
			} else {
				buf_addc(b, '%');
				buf_addc(b, hex[d >> 4]);
				buf_addc(b, hex[d & 15]);
			}
			i += 2;
		} else if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' ||
		    c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' ||
		    (c == '*' && !pattern) || (c == '$' && !(pattern && i + 1 == len))) {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		} else {
			buf_addc(b, (char)c);
		}
	}
}

/* robots_match: pattern (with '*' wildcards, optional trailing '$') against
 * path; patterns match prefixes unless anchored. */
static bool
robots_match(const char *p, size_t plen, const char *s, size_t slen)
{
	bool anchored = plen > 0 && p[plen - 1] == '$';
	size_t i = 0, j = 0, star_i = SIZE_MAX, star_j = 0;

	if (anchored)
		plen--;
	for (;;) {
		if (j == plen) {
			if (!anchored || i == slen)
				return true;
		} else if (p[j] == '*') {
			star_j = ++j;
			star_i = i;
			continue;
		} else if (i < slen && p[j] == s[i]) {
			i++;
			j++;
			continue;
		}
		/* mismatch: let the last '*' swallow one more byte */
		if (star_i == SIZE_MAX || star_i >= slen)
			return false;
		i = ++star_i;
		j = star_j;
	}
}

/* robots_token_eq: does a User-agent value name product?  The product token
 * is the value up to '/', space or end ("MuniScan/1.0" names "muniscan"). */
static bool
robots_token_eq(const char *value, size_t vlen, const char *product)
{
	size_t n = 0, m = strcspn(product, "/ \t");

	while (n < vlen && value[n] != '/' && value[n] != ' ' && value[n] != '\t')
		n++;
	return n > 0 && n == m && strncasecmp(value, product, n) == 0;
}

static void
robots_group_add_rule(struct robots_group *g, bool allow, const char *v, size_t vlen)
{
	struct buf b = BUF_INIT;

	/* an empty Disallow allows everything, i.e. is no rule at all */
	if (vlen == 0)
		return;
	/* "Disallow: private" means "/private" to the servers that write it */
	if (v[0] != '/' && v[0] != '*')
		buf_addc(&b, '/');
	robots_normalize(&b, v, vlen, true);
	g->rules = xreallocarray(g->rules, g->nrules + 1, sizeof(*g->rules));
	g->rules[g->nrules].len = b.len;
	g->rules[g->nrules].allow = allow;
	g->rules[g->nrules].pattern = buf_detach(&b, NULL);
	g->nrules++;
}

static bool
robots_key_is(const char *k, size_t klen, const char *name)
{
	return strlen(name) == klen && strncasecmp(k, name, klen) == 0;
}

static void
robots_groups_free(struct robots_group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < g[i].nrules; k++)
			free(g[i].rules[k].pattern);
		free(g[i].rules);
	}
	free(g);
}

/* robots_take: moves the rules of group g into r. */
static void
robots_take(struct robots *r, struct robots_group *g)
{
	if (g->nrules) {
		r->rules = xreallocarray(r->rules, r->nrules + g->nrules, sizeof(*r->rules));
		memcpy(r->rules + r->nrules, g->rules, g->nrules * sizeof(*g->rules));
		r->nrules += g->nrules;
		g->nrules = 0;
	}
	if (g->has_delay && r->delay == 0)
		r->delay = g->delay;
}

struct robots *
robots_parse(const char *data, size_t len, const char *product)
{
	struct robots *r = xcalloc(1, sizeof(*r));
	struct robots_group *groups = NULL;
	size_t ngroups = 0;
	/* true while the current group is still reading its User-agent lines */
	bool in_agents = false;
	const char *p, *end;
	bool any_product = false;

	if (!data)
		return r;
	if (len > ROBOTS_MAX_BYTES) {
		/* the cut line is incomplete: drop it rather than read half a rule */
		len = ROBOTS_MAX_BYTES;
		while (len > 0 && data[len - 1] != '\n' && data[len - 1] != '\r')
			len--;
	}
	p = data;
	end = data + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *line = p, *eol, *colon, *k, *ke, *v, *ve, *hash;

		while (p < end && *p != '\n' && *p != '\r')
			p++;
		eol = p;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		hash = memchr(line, '#', (size_t)(eol - line));
		if (hash)
			eol = hash;
		colon = memchr(line, ':', (size_t)(eol - line));
		if (!colon)
			continue; /* blank, comment or junk: does not end a group */
		k = line;
		ke = colon;
		while (k < ke && (*k == ' ' || *k == '\t'))
			k++;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		v = colon + 1;
		ve = eol;
		while (v < ve && (*v == ' ' || *v == '\t'))
			v++;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		size_t klen = (size_t)(ke - k), vlen = (size_t)(ve - v);

		if (robots_key_is(k, klen, "user-agent") || robots_key_is(k, klen, "useragent") ||
		    robots_key_is(k, klen, "user agent")) {
			struct robots_group *g;

			if (!in_agents) {
				groups = xreallocarray(groups, ngroups + 1, sizeof(*groups));
				memset(&groups[ngroups], 0, sizeof(*groups));
				ngroups++;
				in_agents = true;
			}
			g = &groups[ngroups - 1];
			if (vlen == 1 && v[0] == '*')
				g->for_star = true;
			else if (product && robots_token_eq(v, vlen, product))
				g->for_product = any_product = true;
		} else if (robots_key_is(k, klen, "allow") || robots_key_is(k, klen, "disallow")) {
			in_agents = false;
			if (ngroups == 0)
				continue; /* a rule before any User-agent belongs to no one */
			robots_group_add_rule(&groups[ngroups - 1],
			    robots_key_is(k, klen, "allow"), v, vlen);
		} else if (robots_key_is(k, klen, "crawl-delay")) {
			char tmp[32];
			char *e;
			double d;

			in_agents = false;
			if (ngroups == 0 || vlen == 0 || vlen >= sizeof(tmp))
				continue;
			memcpy(tmp, v, vlen);
			tmp[vlen] = '\0';
			d = strtod(tmp, &e);
			if (*e != '\0' || !isfinite(d) || d < 0)
				continue;
			if (d > ROBOTS_MAX_DELAY)
				d = ROBOTS_MAX_DELAY;
			if (!groups[ngroups - 1].has_delay) {
				groups[ngroups - 1].delay = d;
				groups[ngroups - 1].has_delay = true;
			}
		} else if (robots_key_is(k, klen, "sitemap") || robots_key_is(k, klen, "site-map")) {
			/* global: does not touch the group state */
			if (vlen == 0 || r->nsitemaps >= ROBOTS_MAX_SITEMAPS)
				continue;
			r->sitemaps = xreallocarray(r->sitemaps, r->nsitemaps + 2, sizeof(char *));
			r->sitemaps[r->nsitemaps++] = xstrndup(v, vlen);
			r->sitemaps[r->nsitemaps] = NULL;
		}
		/* unknown fields (Host, Noindex, ...) are ignored and do not
		 * end the User-agent list, as RFC 9309 2.2.4 allows */
	}
	for (size_t i = 0; i < ngroups; i++)
		if (any_product ? groups[i].for_product : groups[i].for_star)
			robots_take(r, &groups[i]);
	robots_groups_free(groups, ngroups);
	return r;
}

struct robots *
robots_allow_all(void)
{
	return xcalloc(1, sizeof(struct robots));
}

struct robots *
robots_deny_all(void)
{
	struct robots *r = xcalloc(1, sizeof(*r));

	r->deny_all = true;
	return r;
}

void
robots_free(struct robots *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrules; i++)
		free(r->rules[i].pattern);
	free(r->rules);
	for (size_t i = 0; i < r->nsitemaps; i++)
		free(r->sitemaps[i]);
	free(r->sitemaps);
	free(r);
}

/* robots_path_of: the path and query of a path or whole URL, without the
 * fragment; points into s, length in *len_out. */
static const char *
robots_path_of(const char *s, size_t *len_out)
{
	const char *p = url_path(s);

	if (!p)
		p = s;
	*len_out = strcspn(p, "#");
	return p;
}

bool
robots_allowed(const struct robots *r, const char *path_query)
{
	struct buf path = BUF_INIT;
	const char *p;
	size_t plen;
	const struct robots_rule *best = NULL;
	bool allowed;

	if (!r || !path_query)
		return false;
	p = robots_path_of(path_query, &plen);
	if (plen == 0 || p[0] != '/')
		buf_addc(&path, '/');
	robots_normalize(&path, p, plen, false);
	if (strcmp(buf_cstr(&path), "/robots.txt") == 0) {
		allowed = true; /* RFC 9309 2.2.2 */
		goto out;
	}
	if (r->deny_all) {
		allowed = false;
		goto out;
	}
	for (size_t i = 0; i < r->nrules; i++) {
		const struct robots_rule *rule = &r->rules[i];

		if (best && (rule->len < best->len || (rule->len == best->len && !rule->allow)))
			continue;
		if (robots_match(rule->pattern, rule->len, path.ptr, path.len))
			best = rule;
	}
	allowed = best == NULL || best->allow;
out:
	buf_free(&path);
	return allowed;
}

double
robots_crawl_delay(const struct robots *r)
{
	return r ? r->delay : 0;
}

const char *const *
robots_sitemaps(const struct robots *r, size_t *n_out)
{
	static const char *const none[] = { NULL };

	if (!r || r->nsitemaps == 0) {
		if (n_out)
			*n_out = 0;
		return none;
	}
	if (n_out)
		*n_out = r->nsitemaps;
	return (const char *const *)r->sitemaps;
}
