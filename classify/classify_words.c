/*
 * classify_words: the classifier's structural word lists, read from
 * dict/classify.tsv (format in docs/RULES.md and the file's own header):
 * how a heading ends when it is a sentence, what marks a footer line, and
 * what may stand around a program's name when two titles are compared.
 *
 * Invariants: loaded once by classifier_new and never changed while pages
 * are classified (threads share them without a lock); every list has at
 * least one word, so a truncated file is an error, not a classifier that
 * quietly takes every heading for a title.
 */
#include "classify.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "classify_internal.h"
#include "err.h"
#include "tsv.h"
#include "xalloc.h"

static const char *const list_names[CW_NLISTS] = {
	[CW_TITLE_END] = "title_end",
	[CW_FOOTER_MARK] = "footer_mark",
	[CW_KEY_DROP] = "key_drop",
	[CW_DECO_SUFFIX] = "deco_suffix",
	[CW_GOV_SUFFIX] = "gov_suffix",
	[CW_YEAR_ERA] = "year_era",
	[CW_YEAR_SUFFIX] = "year_suffix",
	[CW_ROUND_SUFFIX] = "round_suffix",
	[CW_HARD_NOTPROGRAM] = "hard_notprogram",
};

struct cw_list {
	char **v;
	size_t *len;
	size_t *line; /* where each word was read */
	size_t n;
};

struct classify_words {
	struct cw_list l[CW_NLISTS];
};

void
classify_words_free(struct classify_words *w)
{
	if (!w)
		return;
	for (int k = 0; k < CW_NLISTS; k++) {
		for (size_t i = 0; i < w->l[k].n; i++)
			free(w->l[k].v[i]);
		free(w->l[k].v);
		free(w->l[k].len);
		free(w->l[k].line);
	}
	free(w);
}

static int
list_of(const char *name)
{
	for (int k = 0; k < CW_NLISTS; k++)
		if (strcmp(name, list_names[k]) == 0)
			return k;
	return -1;
}

static void
word_add(struct cw_list *l, const char *v, size_t line)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->len = xreallocarray(l->len, l->n + 1, sizeof(*l->len));
	l->line = xreallocarray(l->line, l->n + 1, sizeof(*l->line));
	l->v[l->n] = xstrdup(v);
	l->len[l->n] = strlen(v);
	l->line[l->n] = line;
	l->n++;
}

/* words_read: rows of t into w; errors name file:line */
static int
words_read(struct classify_words *w, struct tsv *t)
{
	const char *path = tsv_name(t);
	char **fields;
	size_t nf;
	bool header = false;
	int rc;

	while ((rc = tsv_next(t, &fields, &nf)) > 0) {
		size_t line = tsv_line(t), vl;
		char *v;
		int k;

		if (!header) {
			if (nf < 2 || strcmp(fields[0], "list") != 0 || strcmp(fields[1], "word") != 0)
				return err_set(MS_EINVAL, "%s:%zu: expected the header row "
				    "list<TAB>word<TAB>note", path, line);
			header = true;
			continue;
		}
		if (nf < 2 || nf > 3)
			return err_set(MS_EINVAL, "%s:%zu: expected list<TAB>word[<TAB>note], "
			    "found %zu field%s", path, line, nf, nf == 1 ? "" : "s");
		if ((k = list_of(fields[0])) < 0)
			return err_set(MS_EINVAL, "%s:%zu: unknown list '%s'", path, line, fields[0]);
		v = fields[1];
		vl = strlen(v);
		if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
			v[vl - 1] = '\0'; /* quoted: the blanks are meant */
			v++;
			vl -= 2;
		} else if (vl > 0 && (isspace((unsigned char)v[0]) || isspace((unsigned char)v[vl - 1])))
			return err_set(MS_EINVAL, "%s:%zu: %s '%s': blanks around the word "
			    "(quote it if they are meant)", path, line, fields[0], v);
		if (vl == 0)
			return err_set(MS_EINVAL, "%s:%zu: %s: empty word", path, line, fields[0]);
		for (size_t i = 0; i < w->l[k].n; i++)
			if (strcmp(w->l[k].v[i], v) == 0)
				return err_set(MS_EINVAL, "%s:%zu: %s '%s' repeats line %zu", path, line,
				    fields[0], v, w->l[k].line[i]);
		word_add(&w->l[k], v, line);
	}
	if (rc < 0)
		return rc; /* tsv named file:line */
	if (!header)
		return err_set(MS_EINVAL, "%s: no header row list<TAB>word<TAB>note", path);
	for (int k = 0; k < CW_NLISTS; k++)
		if (w->l[k].n == 0)
			return err_set(MS_EINVAL, "%s:%zu: no %s rows (every list needs one)", path,
			    tsv_line(t), list_names[k]);
	return 0;
}

static int
words_load(struct classify_words **out, struct tsv *t)
{
	struct classify_words *w = xcalloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if ((rc = words_read(w, t)) < 0) {
		classify_words_free(w);
		return MS_EINVAL;
	}
	*out = w;
	return 0;
}

int
classify_words_load(struct classify_words **out, const char *path)
{
	struct tsv *t = NULL;
	int rc;

	*out = NULL;
	if ((rc = tsv_open(&t, path)) < 0)
		return rc;
	rc = words_load(out, t);
	tsv_free(t);
	return rc;
}

int
classify_words_load_mem(struct classify_words **out, const char *name, const char *data,
	size_t len)
{
	struct tsv *t = tsv_open_mem(name, data, len);
	int rc = words_load(out, t);

	tsv_free(t);
	return rc;
}

size_t
classify_words_prefix(const struct classify_words *w, enum cw_which which, const char *s)
{
	const struct cw_list *l = &w->l[which];
	size_t best = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->len[i] > best && strncmp(s, l->v[i], l->len[i]) == 0)
			best = l->len[i];
	return best;
}

bool
classify_words_ends(const struct classify_words *w, enum cw_which which, const char *s, size_t n)
{
	const struct cw_list *l = &w->l[which];

	for (size_t i = 0; i < l->n; i++)
		if (n >= l->len[i] && memcmp(s + n - l->len[i], l->v[i], l->len[i]) == 0)
			return true;
	return false;
}

bool
classify_words_has(const struct classify_words *w, enum cw_which which, const char *s)
{
	const struct cw_list *l = &w->l[which];

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(s, l->v[i]) == 0)
			return true;
	return false;
}

bool
classify_words_within(const struct classify_words *w, enum cw_which which, const char *s, size_t n)
{
	const struct cw_list *l = &w->l[which];

	for (size_t k = 0; k < l->n; k++)
		for (size_t i = 0; i + l->len[k] <= n; i++)
			if (memcmp(s + i, l->v[k], l->len[k]) == 0)
				return true;
	return false;
}
