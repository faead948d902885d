/*
 * cues: cue terms from the rule files (see cues.h).
 */
#include "cues.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

#define CUES_MAX 4000

static const char *const cues_columns[] = {
	"cue", "cues", "pattern", "patterns", "term", "terms", "keyword", "keywords",
	"word", "words", "phrase",
};

/* the labels whose terms explain evidence (types and criteria), as opposed
 * to negation, audience or page-structure rules */
static const char *const cues_labels[] = {
	"type", "it_security", "expert_registry", "cost", "continuity", "visits",
	"max_visits",
};

static bool
cues_label_wanted(const char *label)
{
	size_t n = strcspn(label, "=");

	if (label[n] != '=')
		return true; /* a format we do not know: keep its terms */
	for (size_t i = 0; i < sizeof(cues_labels) / sizeof(*cues_labels); i++)
		if (strlen(cues_labels[i]) == n && strncmp(label, cues_labels[i], n) == 0)
			return true;
	return false;
}

/* adds one term; the rule files separate morphemes with spaces
 * ("専門家 派遣"), which page text does not have, so a space next to a
 * non-ASCII character is dropped ("EC サイト" -> "ECサイト") */
static void
cues_add(struct cues *c, const char *s, size_t n)
{
	char *t;
	size_t k = 0;

	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 2 || n > 60 || c->n >= CUES_MAX)
		return;
	for (size_t i = 0; i < n; i++)
		if (strchr("\\[](){}*+?^$", s[i]))
			return; /* a regular expression, not a term */
	t = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' && k > 0 && i + 1 < n &&
		    (((unsigned char)t[k - 1] & 0x80) || ((unsigned char)s[i + 1] & 0x80)))
			continue;
		t[k++] = s[i];
	}
	t[k] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->v[i], t) == 0) {
			free(t);
			return;
		}
	}
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = t;
}

static void
cues_file(struct cues *c, const char *path)
{
	struct tsv *t = NULL;
	char **f;
	size_t n;
	long col = -1, lcol = -1;

	if (tsv_open(&t, path) != 0)
		return;
	while (tsv_next(t, &f, &n) == 1) {
		if (col < 0) {
			for (size_t k = 0; k < n && col < 0; k++)
				for (size_t j = 0; j < sizeof(cues_columns) / sizeof(*cues_columns); j++)
					if (strcmp(f[k], cues_columns[j]) == 0)
						col = (long)k;
			if (col < 0)
				break; /* the header names no term column */
			for (size_t k = 0; k < n; k++)
				if (strcmp(f[k], "label") == 0)
					lcol = (long)k;
			continue;
		}
		if ((size_t)col >= n)
			continue;
		if (lcol >= 0 && (size_t)lcol < n && !cues_label_wanted(f[lcol]))
			continue;
		for (const char *p = f[col]; *p;) {
			size_t k = strcspn(p, "|");

			cues_add(c, p, k);
			p += k;
			if (*p)
				p++;
		}
	}
	log_debug("%s: cue terms so far %zu", path, c->n);
	tsv_free(t);
}

static int
cues_cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
cues_dir(struct cues *c, const char *dir, bool prefix_only)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nn = 0;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
			continue;
		if (prefix_only && strncmp(e->d_name, "rules", 5) != 0)
			continue;
		names = xreallocarray(names, nn + 1, sizeof(*names));
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(d);
	util_sort(names, nn, sizeof(*names), cues_cmp_name);
	for (size_t i = 0; i < nn; i++) {
		char *path = util_path_join(dir, names[i]);

		if (util_is_file(path))
			cues_file(c, path);
		free(path);
		free(names[i]);
	}
	free(names);
}

static int
cues_cmp_len(const void *a, const void *b)
{
	size_t x = strlen(*(char *const *)a), y = strlen(*(char *const *)b);

	if (x != y)
		return x > y ? -1 : 1;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct cues *
cues_load(const char *dict)
{
	struct cues *c = xcalloc(1, sizeof(*c));

	if (dict) {
		char *sub = util_path_join(dict, "rules");

		cues_dir(c, dict, true);
		cues_dir(c, sub, false);
		free(sub);
	}
	if (c->n)
		util_sort(c->v, c->n, sizeof(*c->v), cues_cmp_len);
	return c;
}

void
cues_free(struct cues *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	free(c);
}
