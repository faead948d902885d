/*
 * priority: link scoring for the best-first frontier (see priority.h).
 *
 * Terms are kept lower-cased (ASCII only: Japanese has no case); the anchor
 * and the URL are lower-cased the same way before the substring tests, and
 * the URL's path and query are percent-decoded first so that a term such as
 * 中小企業 matches a URL that spells it %E4%B8%AD....
 */
#include "priority.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "tsv.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

struct priority_term {
	char *term; /* lower-cased */
	double weight;
	bool offsite;
};

struct priority {
	struct priority_term *v;
	size_t n;
};

/* a link's text is capped: a page can put a whole paragraph in an <a> */
#define PRIORITY_TEXT_MAX 2048

static void
priority_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* priority_url_text: the lower-cased, percent-decoded path and query of a
 * URL.  For scoring the host is left out (it says which site, not which
 * section); for the off-site test it counts (www.x-cci.jp). */
static char *
priority_url_text(const char *url, bool with_host)
{
	const char *p = url_authority(url);
	size_t n, i, j;
	char *out;

	if (!p)
		p = url;
	if (!with_host)
		p += strcspn(p, "/?");
	n = strlen(p);
	if (n > PRIORITY_TEXT_MAX)
		n = PRIORITY_TEXT_MAX;
	out = xmalloc(n + 1);
	for (i = j = 0; i < n; i++) {
		int hi, lo;

		if (p[i] == '%' && i + 2 < n && (hi = util_hexval(p[i + 1])) >= 0 &&
		    (lo = util_hexval(p[i + 2])) >= 0) {
			out[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[j++] = p[i];
		}
	}
	out[j] = '\0';
	priority_lower(out);
	return out;
}

static char *
priority_anchor_text(const char *anchor)
{
	size_t n;
	char *out;

	if (anchor == NULL)
		return xstrdup("");
	n = util_utf8_prefix(anchor, strlen(anchor), PRIORITY_TEXT_MAX);
	out = xstrndup(anchor, n);
	priority_lower(out);
	return out;
}

static int
priority_from_tsv(struct priority **out, struct tsv *t)
{
	struct priority *p = xcalloc(1, sizeof(*p));
	char **f;
	size_t nf;
	int r, rc = 0;
	bool header = true;

	*out = NULL;
	while ((r = tsv_next(t, &f, &nf)) > 0) {
		struct priority_term *pt;
		double w;

		if (header) {
			header = false;
			if (nf < 3 || strcmp(f[0], "term") != 0 || strcmp(f[1], "weight") != 0 ||
			    strcmp(f[2], "offsite") != 0) {
				rc = err_set(MS_EINVAL, "%s:%zu: expected header 'term\tweight\toffsite'",
				    tsv_name(t), tsv_line(t));
				goto out;
			}
			continue;
		}
		if (nf < 3 || f[0][0] == '\0') {
			rc = err_set(MS_EINVAL, "%s:%zu: expected term, weight and offsite",
			    tsv_name(t), tsv_line(t));
			goto out;
		}
		if (!util_parse_double(f[1], &w)) {
			rc = err_set(MS_EINVAL, "%s:%zu: weight '%s' is not a number",
			    tsv_name(t), tsv_line(t), f[1]);
			goto out;
		}
		if (strcmp(f[2], "yes") != 0 && strcmp(f[2], "no") != 0) {
			rc = err_set(MS_EINVAL, "%s:%zu: offsite must be yes or no, not '%s'",
			    tsv_name(t), tsv_line(t), f[2]);
			goto out;
		}
		p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
		pt = &p->v[p->n++];
		pt->term = xstrdup(f[0]);
		priority_lower(pt->term);
		pt->weight = w;
		pt->offsite = strcmp(f[2], "yes") == 0;
	}
	if (r < 0) {
		rc = r;
		goto out;
	}
	if (header) {
		rc = err_set(MS_EINVAL, "%s: empty priority file", tsv_name(t));
		goto out;
	}
out:
	if (rc != 0)
		priority_free(p);
	else
		*out = p;
	return rc;
}

int
priority_load(struct priority **out, const char *path)
{
	struct tsv *t = NULL;
	int rc;

	*out = NULL;
	if ((rc = tsv_open(&t, path)) != 0)
		return rc;
	rc = priority_from_tsv(out, t);
	tsv_free(t);
	return rc;
}

int
priority_load_mem(struct priority **out, const char *name, const char *data, size_t len)
{
	struct tsv *t = tsv_open_mem(name, data, len);
	int rc = priority_from_tsv(out, t);

	tsv_free(t);
	return rc;
}

void
priority_free(struct priority *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].term);
	free(p->v);
	free(p);
}

size_t
priority_nterms(const struct priority *p)
{
	return p->n;
}

double
priority_score(const struct priority *p, const char *anchor, const char *url,
	double parent)
{
	char *a = priority_anchor_text(anchor);
	char *u = priority_url_text(url, false);
	double s = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (strstr(a, p->v[i].term))
			s += p->v[i].weight;
		else if (strstr(u, p->v[i].term))
			s += p->v[i].weight / 2;
	}
	free(a);
	free(u);
	return s + parent / 2;
}

bool
priority_offsite_ok(const struct priority *p, const char *anchor, const char *url)
{
	char *a = priority_anchor_text(anchor);
	char *u = priority_url_text(url, true);
	bool ok = false;

	for (size_t i = 0; i < p->n && !ok; i++)
		if (p->v[i].offsite && (strstr(a, p->v[i].term) || strstr(u, p->v[i].term)))
			ok = true;
	free(a);
	free(u);
	return ok;
}
