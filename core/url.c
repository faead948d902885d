/*
 * url: normalising and resolving URLs before they enter the frontier.
 *
 * curl's URL API does the parsing and the RFC 3986 resolution of a link
 * against its page; this module then rebuilds the URL from its parts so that
 * two spellings of one resource give one string:
 *   - scheme and host lower-case (curl 7.88 keeps the host's case),
 *   - no default port (curl keeps ":443" on http and the reverse),
 *   - no fragment (curl keeps it),
 *   - percent-encoding with upper-case hex, unreserved characters decoded,
 *     bytes that may not appear raw (non-ASCII, space, quotes...) encoded,
 *   - dot segments resolved after that decoding ("/%2E%2E/" is "/../"),
 *   - empty path "/", empty query dropped,
 *   - user name and password dropped: a public link never needs them, the
 *     crawler must not send them, and curl keeps them raw (spaces and all),
 *     which would break the normal form,
 *   - session ids dropped (url_is_session_param): a site that puts one in
 *     its links would otherwise give every visit new URLs for the same pages.
 * Invariant: url_normalize(url_normalize(x)) == url_normalize(x).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "buf.h"
#include "err.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

/* URLs longer than this are refused outright; url_is_trap() uses the same
 * cap, so a refused URL and a trap are the same thing to the frontier. */
#define URL_MAX_INPUT 8192
#define URL_TRAP_LEN 1024
#define URL_TRAP_SEGMENTS 15
#define URL_TRAP_REPEATS 3

static bool
url_unreserved(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Bytes that are kept as they are in a path or query: unreserved,
 * sub-delims, ':', '@', '/', '?'.  Everything else is percent-encoded. */
static bool
url_keep_raw(unsigned char c)
{
	if (c < 0x80 && url_unreserved(c))
		return true;
	return c != 0 && strchr("!$&'()*+,;=:@/?", c) != NULL;
}

/* url_pct_normalize: appends s to b with percent-encoding in normal form. */
static void
url_pct_normalize(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '%' && util_hexval(p[1]) >= 0 && util_hexval(p[2]) >= 0) {
			unsigned char c = (unsigned char)(util_hexval(p[1]) * 16 + util_hexval(p[2]));

			if (url_unreserved(c) && c < 0x80) {
				buf_addc(b, (char)c);
			} else {
				buf_addc(b, '%');
				buf_addc(b, hex[c >> 4]);
				buf_addc(b, hex[c & 15]);
			}
			p += 2;
		} else if (url_keep_raw(*p)) {
			buf_addc(b, (char)*p);
		} else {
			/* includes a lone '%' not followed by two hex digits */
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
	}
}

static bool
url_name_is(const char *name, size_t n, const char *want)
{
	return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

/* url_token: the value is a run of at least min characters of set
 * (a generated token, not a word or a small number) */
static bool
url_token(const char *v, size_t n, size_t min, const char *set)
{
	if (n < min)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strchr(set, v[i]) == NULL)
			return false;
	return true;
}

/* url_is_session_param: a path or query parameter that carries a session
 * id: jsessionid, phpsessid, sessionid, session_id, aspsessionid... with any
 * value; sid with a token of 16 or more letters and digits; s (vBulletin
 * and others) with 16 or more hex digits.  A short sid or s (a section
 * number, a search word) is kept. */
static bool
url_is_session_param(const char *p, size_t n)
{
	static const char alnum[] =
	    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
	static const char hexd[] = "0123456789abcdefABCDEF";
	const char *eq = memchr(p, '=', n);
	size_t nl = eq ? (size_t)(eq - p) : n;
	const char *v = eq ? eq + 1 : p + n;
	size_t vl = (size_t)(p + n - v);

	if (url_name_is(p, nl, "jsessionid") || url_name_is(p, nl, "phpsessid") ||
	    url_name_is(p, nl, "sessionid") || url_name_is(p, nl, "session_id") ||
	    (nl >= 12 && strncasecmp(p, "aspsessionid", 12) == 0))
		return true;
	if (url_name_is(p, nl, "sid"))
		return url_token(v, vl, 16, alnum);
	if (nl == 1 && p[0] == 's')
		return url_token(v, vl, 16, hexd);
	return false;
}

/* url_strip_path_sessions: drops ";jsessionid=..." style parameters from a
 * path, up to the next '/' or ';'; in place. */
static void
url_strip_path_sessions(char *path)
{
	char *in = path, *out = path;

	while (*in) {
		if (*in == ';') {
			size_t n = 1 + strcspn(in + 1, "/;");

			if (url_is_session_param(in + 1, n - 1)) {
				in += n;
				continue;
			}
		}
		*out++ = *in++;
	}
	*out = '\0';
}

/* url_add_query: appends '?' and the query's parameters but the session
 * ids (nothing when none is left) */
static void
url_add_query(struct buf *b, const char *q)
{
	bool first = true;

	while (*q) {
		size_t n = strcspn(q, "&");

		if (n > 0 && !url_is_session_param(q, n)) {
			buf_addc(b, first ? '?' : '&');
			buf_add(b, q, n);
			first = false;
		}
		q += n;
		if (*q == '&')
			q++;
	}
}

/* url_remove_dots: RFC 3986 5.2.4 on a path starting with '/'; in place. */
static void
url_remove_dots(char *path)
{
	char *in = path, *out = path;

	/* out always ends just after a segment (or is the start); in walks
	 * the input, which is never behind out. */
	while (*in) {
		if (strncmp(in, "/./", 3) == 0) {
			in += 2;
		} else if (strcmp(in, "/.") == 0) {
			in[1] = '\0'; /* "/." -> "/" */
		} else if (strncmp(in, "/../", 4) == 0 || strcmp(in, "/..") == 0) {
			/* drop the last output segment */
			while (out > path && *(out - 1) != '/')
				out--;
			if (out > path)
				out--;
			if (in[3] == '/') {
				in += 3;
			} else {
				in += 2;
				*in = '/';
			}
		} else {
			do
				*out++ = *in++;
			while (*in && *in != '/');
		}
	}
	*out = '\0';
	if (out == path) {
		path[0] = '/';
		path[1] = '\0';
	}
}

/* url_clean_href: what browsers do before parsing: trim C0 controls and
 * spaces at both ends, drop tabs and newlines inside, and turn backslashes
 * before the query into slashes.  Caller frees. */
static char *
url_clean_href(const char *href)
{
	size_t len = strlen(href), i = 0;
	char *s, *o;
	bool in_query = false;

	while (len && (unsigned char)href[len - 1] <= 0x20)
		len--;
	while (i < len && (unsigned char)href[i] <= 0x20)
		i++;
	s = o = xmalloc(len - i + 1);
	for (; i < len; i++) {
		char c = href[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '?' || c == '#')
			in_query = true;
		*o++ = (c == '\\' && !in_query) ? '/' : c;
	}
	*o = '\0';
	return s;
}

static void
url_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* url_parse: a curl handle for href resolved against base; MS_EINVAL. */
static int
url_parse(CURLU **out, const char *base, const char *href)
{
	const unsigned flags = CURLU_URLENCODE | CURLU_ALLOW_SPACE;
	CURLU *u = NULL;
	CURLUcode uc;
	char *clean = NULL, *scheme = NULL;
	int rc = 0;

	*out = NULL;
	if (strlen(href) > URL_MAX_INPUT || (base && strlen(base) > URL_MAX_INPUT)) {
		rc = err_set(MS_EINVAL, "%.80s...: url too long", href);
		goto out;
	}
	clean = url_clean_href(href);
	u = curl_url();
	if (!u)
		abort(); /* out of memory, as in xalloc */
	if (base) {
		char *cbase = url_clean_href(base);

		uc = curl_url_set(u, CURLUPART_URL, cbase, flags);
		free(cbase);
		if (uc != CURLUE_OK) {
			rc = err_set(MS_EINVAL, "%s: bad base url: %s", base, curl_url_strerror(uc));
			goto out;
		}
	}
	/* curl 7.88 resolves "" and "#frag" against ".../page" to the page's
	 * folder; RFC 3986 says they are the page itself. */
	if (!(base && (clean[0] == '\0' || clean[0] == '#'))) {
		uc = curl_url_set(u, CURLUPART_URL, clean, flags);
		if (uc != CURLUE_OK) {
			rc = err_set(MS_EINVAL, "%s: bad url: %s", href, curl_url_strerror(uc));
			goto out;
		}
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		rc = err_set(MS_EINVAL, "%s: url without a scheme", href);
		goto out;
	}
	url_lower(scheme);
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		rc = err_set(MS_EINVAL, "%s: not an http(s) url", href);
		goto out;
	}
	*out = u;
	u = NULL;
out:
	curl_free(scheme);
	curl_url_cleanup(u);
	free(clean);
	return rc;
}

/* url_get: one part, or NULL when absent (caller curl_free()s). */
static char *
url_get(CURLU *u, CURLUPart part, unsigned flags)
{
	char *s = NULL;

	if (curl_url_get(u, part, &s, flags) != CURLUE_OK)
		return NULL;
	return s;
}

/* url_ipv4_shorthand: a host whose labels are all numbers (decimal or
 * 0x hex) but that is not four decimal parts, like "42" or "10.1" or
 * "0x7f.1": curl rewrites it as an address on the next parse ("0.0.0.42"),
 * so its normal form would not be a fixed point.  No site is named so. */
static bool
url_ipv4_shorthand(const char *host)
{
	const char *p = host;
	int parts = 0;
	bool plain = true;

	while (*p) {
		size_t n = strcspn(p, ".");

		if (n == 0)
			return false;
		if (n > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			for (size_t i = 2; i < n; i++)
				if (!isxdigit((unsigned char)p[i]))
					return false;
			plain = false;
		} else {
			for (size_t i = 0; i < n; i++)
				if (!isdigit((unsigned char)p[i]))
					return false;
			if (n > 3 || (n > 1 && p[0] == '0') || atoi(p) > 255)
				plain = false;
		}
		parts++;
		p += n;
		if (*p == '.')
			p++;
	}
	return parts > 0 && !(parts == 4 && plain);
}

/* url_build: the normal form of a parsed URL into b; with_path false gives
 * the origin only. */
static int
url_build(struct buf *b, CURLU *u, bool with_path, bool with_query)
{
	char *scheme = url_get(u, CURLUPART_SCHEME, 0);
	char *host = url_get(u, CURLUPART_HOST, 0);
	char *port = url_get(u, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
	char *path = url_get(u, CURLUPART_PATH, 0);
	char *query = url_get(u, CURLUPART_QUERY, 0);
	int rc = 0;

	if (!scheme || !host || !*host) {
		rc = err_set(MS_EINVAL, "url without a host");
		goto out;
	}
	url_lower(scheme);
	url_lower(host);
	/* curl percent-decodes a host once per parse, so "%252e" would change
	 * on every pass; no real host has '%' or punctuation beyond these */
	for (const unsigned char *h = (const unsigned char *)host; *h; h++) {
		if (*h < 0x80 && !isalnum(*h) && !strchr(".-_[]:", *h)) {
			rc = err_set(MS_EINVAL, "bad character in host");
			goto out;
		}
	}
	if (url_ipv4_shorthand(host)) {
		rc = err_set(MS_EINVAL, "numeric host that is not a dotted quad");
		goto out;
	}
	buf_adds(b, scheme);
	buf_adds(b, "://");
	buf_adds(b, host);
	/* CURLU_NO_DEFAULT_PORT only drops the port matching the scheme curl
	 * saw, which is what we want */
	if (port)
		buf_addf(b, ":%s", port);
	if (with_path) {
		struct buf p = BUF_INIT;

		if (!path || path[0] != '/')
			buf_addc(&p, '/');
		url_pct_normalize(&p, path ? path : "");
		/* before the dot segments: "..;jsessionid=x" is ".." once
		 * stripped, and the normal form must be a fixed point */
		url_strip_path_sessions(p.ptr);
		url_remove_dots(p.ptr);
		buf_adds(b, p.ptr);
		buf_free(&p);
	}
	if (with_query && query && *query) {
		struct buf q = BUF_INIT;

		url_pct_normalize(&q, query);
		url_add_query(b, buf_cstr(&q));
		buf_free(&q);
	}
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	return rc;
}

int
url_normalize(char **out, const char *base, const char *href)
{
	struct buf b = BUF_INIT;
	CURLU *u = NULL;
	int rc;

	*out = NULL;
	if ((rc = url_parse(&u, base, href)) != 0)
		goto out;
	if ((rc = url_build(&b, u, true, true)) != 0) {
		rc = err_set(MS_EINVAL, "%s: url without a host", href);
		goto out;
	}
	/* percent-encoding can triple the length; a normal form that a second
	 * pass would refuse is no normal form */
	if (b.len > URL_MAX_INPUT) {
		rc = err_set(MS_EINVAL, "%.80s...: url too long once encoded", href);
		goto out;
	}
	*out = buf_detach(&b, NULL);
out:
	curl_url_cleanup(u);
	buf_free(&b);
	return rc;
}

/* url_part: shared body of the accessors below. */
static char *
url_part(const char *url, bool path_query)
{
	struct buf b = BUF_INIT;
	CURLU *u = NULL;
	char *res = NULL;

	if (!url || url_parse(&u, NULL, url) != 0)
		goto out;
	if (path_query) {
		/* build the whole URL so the path is normalised, then cut */
		if (url_build(&b, u, true, true) != 0)
			goto out;
		{
			const char *p = url_path(b.ptr);

			res = xstrdup(p && *p == '/' ? p : "/");
		}
	} else if (url_build(&b, u, false, false) == 0) {
		res = buf_detach(&b, NULL);
	}
out:
	curl_url_cleanup(u);
	buf_free(&b);
	return res;
}

char *
url_host(const char *url)
{
	CURLU *u = NULL;
	char *host = NULL, *res = NULL;

	if (!url || url_parse(&u, NULL, url) != 0)
		goto out;
	if ((host = url_get(u, CURLUPART_HOST, 0)) == NULL || !*host)
		goto out;
	res = xstrdup(host);
	url_lower(res);
out:
	curl_free(host);
	curl_url_cleanup(u);
	return res;
}

char *
url_origin(const char *url)
{
	return url_part(url, false);
}

char *
url_path_query(const char *url)
{
	return url_part(url, true);
}

bool
url_is_trap(const char *url)
{
	const char *p, *end;
	size_t nseg = 0;
	/* segments seen, as (start, length) pairs into url */
	const char *seg[URL_TRAP_SEGMENTS + 1];
	size_t seglen[URL_TRAP_SEGMENTS + 1];

	if (!url)
		return true;
	if (strlen(url) > URL_TRAP_LEN)
		return true;
	p = url_path(url);
	if (!p || *p != '/')
		return false;
	end = p + strcspn(p, "?#");
	while (p < end) {
		const char *s = p + 1;
		size_t n = (size_t)(end - s), same = 1;
		const char *slash = memchr(s, '/', n);

		if (slash)
			n = (size_t)(slash - s);
		p = s + n;
		if (n == 0)
			continue; /* "//" and the trailing slash */
		if (nseg == URL_TRAP_SEGMENTS)
			return true;
		for (size_t i = 0; i < nseg; i++)
			if (seglen[i] == n && memcmp(seg[i], s, n) == 0)
				same++;
		if (same >= URL_TRAP_REPEATS)
			return true;
		seg[nseg] = s;
		seglen[nseg] = n;
		nseg++;
	}
	return false;
}

const char *
url_authority(const char *url)
{
	const char *p = url;

	if (!url || !isalpha((unsigned char)*p))
		return NULL;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0 ? p + 3 : NULL;
}

const char *
url_host_span(const char *url, size_t *len)
{
	const char *a = url_authority(url);

	*len = a ? strcspn(a, "/:?#") : 0;
	return a;
}

const char *
url_path(const char *url)
{
	const char *a = url_authority(url);

	return a ? a + strcspn(a, "/?#") : NULL;
}

bool
url_same_host(const char *a, const char *b)
{
	size_t la, lb;
	const char *pa = url_host_span(a, &la), *pb = url_host_span(b, &lb);

	return pa && pb && la == lb && strncasecmp(pa, pb, la) == 0;
}
