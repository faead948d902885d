/*
 * seeds: parsing and validation of seeds files (see seeds.h).
 */
#include "seeds.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "tsv.h"
#include "xalloc.h"

static const char *const seeds_categories[] = {
	"pref", "capital", "ward", "designated", "city", "town", "village",
	"capital;designated",
};

bool
seeds_code_valid(const char *code)
{
	static const int w[5] = { 6, 5, 4, 3, 2 };
	int sum = 0, i;

	if (strlen(code) != 6)
		return false;
	for (i = 0; i < 6; i++)
		if (!isdigit((unsigned char)code[i]))
			return false;
	for (i = 0; i < 5; i++)
		sum += w[i] * (code[i] - '0');
	return (11 - sum % 11) % 10 == code[5] - '0';
}

bool
seeds_category_valid(const char *category)
{
	for (size_t i = 0; i < sizeof(seeds_categories) / sizeof(*seeds_categories); i++)
		if (strcmp(category, seeds_categories[i]) == 0)
			return true;
	return false;
}

static bool
seeds_url_valid(const char *url)
{
	const char *host;

	if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else
		return false;
	if (*host == '\0' || *host == '/' || *host == ':')
		return false;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ')
			return false;
	return true;
}

static void
seeds_bad(struct buf *errors, int *nbad, const char *file, size_t line,
	const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	if (*nbad == 0)
		err_set(MS_EINVAL, "%s:%zu: %s", file, line, msg);
	if (errors)
		buf_addf(errors, "%s:%zu: %s\n", file, line, msg);
	(*nbad)++;
}

void
seeds_split_urls(struct seed *sd, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n) {
			sd->start_urls = xreallocarray(sd->start_urls, sd->nstart + 1,
			    sizeof(char *));
			sd->start_urls[sd->nstart++] = xstrndup(p, n);
		}
		p += n;
	}
}

int
seeds_load(struct seeds **out, const char *path, struct buf *errors)
{
	static const char *const want[] = { "code", "name", "prefecture", "category", "url" };
	struct seeds *s = xcalloc(1, sizeof(*s));
	struct tsv *t = NULL;
	char **f;
	size_t nf, i;
	bool has_start = false, header = false;
	int rc, nbad = 0;

	*out = NULL;
	if ((rc = tsv_open(&t, path)) != 0)
		goto out;
	while ((rc = tsv_next(t, &f, &nf)) == 1) {
		size_t line = tsv_line(t);
		struct seed *sd;

		/* the reader splits lines at LF (CRLF too); a CR left inside a
		 * row means lines that end in CR alone, and the whole file
		 * would be read as one row */
		for (i = 0; i < nf; i++)
			if (strchr(f[i], '\r'))
				break;
		if (i < nf) {
			seeds_bad(errors, &nbad, path, line, "%s",
			    "lines end with a bare CR (old Mac line ends); save the file with"
			    " LF or CRLF line ends");
			rc = MS_EINVAL;
			goto out;
		}
		if (!header) {
			header = true;
			for (i = 0; i < 5; i++) {
				if (i >= nf || strcmp(f[i], want[i]) != 0) {
					seeds_bad(errors, &nbad, path, line, "%s",
					    "header must be code, name, prefecture, category, url[, start_urls]");
					rc = MS_EINVAL;
					goto out;
				}
			}
			if (nf > 5 && strcmp(f[5], "start_urls") == 0)
				has_start = true;
			continue;
		}
		if (nf < 5 || nf > (has_start ? 6u : 5u)) {
			seeds_bad(errors, &nbad, path, line, "%s", nf < 5 ?
			    "too few fields (5 tab-separated fields expected)" :
			    "too many fields");
			continue;
		}
		if (!seeds_code_valid(f[0])) {
			seeds_bad(errors, &nbad, path, line,
			    "invalid local-government code '%s' (6 digits with check digit)", f[0]);
			continue;
		}
		if (seeds_find(s, f[0])) {
			seeds_bad(errors, &nbad, path, line, "duplicate code %s", f[0]);
			continue;
		}
		if (f[1][0] == '\0') {
			seeds_bad(errors, &nbad, path, line, "%s", "empty name");
			continue;
		}
		if (!seeds_category_valid(f[3])) {
			seeds_bad(errors, &nbad, path, line, "unknown category '%s'", f[3]);
			continue;
		}
		if (!seeds_url_valid(f[4])) {
			seeds_bad(errors, &nbad, path, line, "invalid url '%s' (http or https)", f[4]);
			continue;
		}
		s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
		sd = &s->v[s->n++];
		memset(sd, 0, sizeof(*sd));
		memcpy(sd->code, f[0], 7);
		sd->name = xstrdup(f[1]);
		sd->prefecture = xstrdup(f[2]);
		sd->category = xstrdup(f[3]);
		sd->url = xstrdup(f[4]);
		sd->line = line;
		if (nf == 6) {
			seeds_split_urls(sd, f[5]);
			for (i = 0; i < sd->nstart; i++) {
				if (!seeds_url_valid(sd->start_urls[i])) {
					seeds_bad(errors, &nbad, path, line,
					    "invalid start url '%s'", sd->start_urls[i]);
					break;
				}
			}
		}
	}
	if (rc < 0) {
		if (errors)
			buf_addf(errors, "%s\n", err_msg());
		nbad++;
	} else if (!header) {
		seeds_bad(errors, &nbad, path, 1, "%s", "empty file, no header");
	} else if (s->n == 0 && nbad == 0) {
		seeds_bad(errors, &nbad, path, tsv_line(t), "%s", "no seeds after the header");
	}
	rc = nbad ? MS_EINVAL : 0;
out:
	tsv_free(t);
	if (rc != 0)
		seeds_free(s);
	else
		*out = s;
	return rc;
}

void
seeds_free(struct seeds *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].prefecture);
		free(s->v[i].category);
		free(s->v[i].url);
		for (size_t j = 0; j < s->v[i].nstart; j++)
			free(s->v[i].start_urls[j]);
		free(s->v[i].start_urls);
	}
	free(s->v);
	free(s);
}

const struct seed *
seeds_find(const struct seeds *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].code, code) == 0)
			return &s->v[i];
	return NULL;
}

int
seeds_filter(struct seeds *s, const char *only)
{
	char *list = xstrdup(only), *tok, *save = NULL;
	bool *keep = xcalloc(s->n ? s->n : 1, sizeof(*keep));
	size_t i, j;
	int rc = 0;

	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool found = false;

		for (i = 0; i < s->n; i++) {
			if (strcmp(s->v[i].code, tok) == 0) {
				keep[i] = found = true;
			}
		}
		if (!found) {
			rc = err_set(MS_EINVAL, "--only: no seed with code '%s'", tok);
			goto out;
		}
	}
	for (i = j = 0; i < s->n; i++) {
		if (keep[i]) {
			s->v[j++] = s->v[i];
		} else {
			struct seed *sd = &s->v[i];

			free(sd->name);
			free(sd->prefecture);
			free(sd->category);
			free(sd->url);
			for (size_t k = 0; k < sd->nstart; k++)
				free(sd->start_urls[k]);
			free(sd->start_urls);
		}
	}
	s->n = j;
out:
	free(keep);
	free(list);
	return rc;
}
