/*
 * extract_dict: the word lists of extraction, read from dict/extract.tsv
 * (see docs/EXTRACT.md and the file's own header).
 *
 * Invariants: the lists are loaded once and never change while pages are
 * extracted; every extraction first calls ex_dict_ready(), which loads the
 * default dict/ on first use under a mutex (the crawler extracts from
 * several threads), so the lookups below need no lock.  A missing or
 * malformed file is remembered: every later extraction fails with the same
 * file:line message instead of running with empty lists.
 */
#include "extract.h"

#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "extract_internal.h"
#include "paths.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

#define DICT_FILE "extract.tsv"
/* class words are compared in a 40-byte buffer (html.c word_drops) */
#define CLASS_WORD_MAX 39

static const char *const list_names[EXW_NLISTS] = {
	[EXW_DROP_CLASS] = "drop_class",
	[EXW_DROP_CLASS_UNLESS_HEADING] = "drop_class_unless_heading",
	[EXW_DROP_CLASS_UNLESS_CONTENT] = "drop_class_unless_content",
	[EXW_DROP_CLASS_PART] = "drop_class_part",
	[EXW_MAIN_CONTAINER] = "main_container",
	[EXW_SKIP_LINK] = "skip_link",
	[EXW_EXTERNAL_LINK_CLASS] = "external_link_class",
	[EXW_TEMPLATE_LINE] = "template_line",
	[EXW_TEMPLATE_NOTICE_NAME] = "template_notice_name",
	[EXW_TEMPLATE_NOTICE_WORD] = "template_notice_word",
	[EXW_TEMPLATE_HEADING] = "template_heading",
	[EXW_SITE_WORD] = "site_word",
	[EXW_PLACE_SUFFIX] = "place_suffix",
	[EXW_TITLE_SEPARATOR] = "title_separator",
	[EXW_LIST_MARKER] = "list_marker",
	[EXW_PDF_HEADING_MARK] = "pdf_heading_mark",
};

struct ex_dict {
	struct ex_words w[EXW_NLISTS];
	size_t cap[EXW_NLISTS];
};

static pthread_mutex_t dict_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ex_dict *dict_cur;  /* loaded lists, or NULL */
static char *dict_failure;        /* the message of a failed load, or NULL */

static void
dict_free(struct ex_dict *d)
{
	if (!d)
		return;
	for (int k = 0; k < EXW_NLISTS; k++) {
		for (size_t i = 0; i < d->w[k].n; i++)
			free(d->w[k].v[i]);
		free(d->w[k].v);
		free(d->w[k].len);
		free(d->w[k].sorted);
	}
	free(d);
}

static int
list_of(const char *name)
{
	for (int k = 0; k < EXW_NLISTS; k++)
		if (strcmp(name, list_names[k]) == 0)
			return k;
	return -1;
}

/* check_value: whether value fits its list; *why says what is wrong. */
static bool
check_value(int k, char *v, const char **why)
{
	size_t n = strlen(v);

	if (n == 0) {
		*why = "empty value";
		return false;
	}
	if (k == EXW_DROP_CLASS || k == EXW_DROP_CLASS_UNLESS_HEADING ||
	    k == EXW_DROP_CLASS_UNLESS_CONTENT) {
		/* class values are split into words at everything that is not
		 * an ASCII letter or digit: a word with '-' or '_' never matches */
		if (n > CLASS_WORD_MAX) {
			*why = "class word longer than 39 bytes";
			return false;
		}
		for (size_t i = 0; i < n; i++) {
			if (!isalnum((unsigned char)v[i]) || (unsigned char)v[i] >= 0x80) {
				*why = "a class word is ASCII letters and digits only "
				    "(use drop_class_part for a part of a name)";
				return false;
			}
			v[i] = (char)tolower((unsigned char)v[i]);
		}
	} else if (k == EXW_DROP_CLASS_PART) {
		for (size_t i = 0; i < n; i++)
			v[i] = (char)tolower((unsigned char)v[i]);
	} else if (k == EXW_MAIN_CONTAINER) {
		for (size_t i = 0; i < n; i++)
			if (isspace((unsigned char)v[i])) {
				*why = "an id or class name has no blanks";
				return false;
			}
	} else if (k != EXW_TITLE_SEPARATOR) {
		if (isspace((unsigned char)v[0]) || isspace((unsigned char)v[n - 1])) {
			*why = "blanks around the value (quote it if they are meant)";
			return false;
		}
	}
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* words_sort: the sorted view ex_words_has() searches. */
static void
words_sort(struct ex_words *w)
{
	w->sorted = xreallocarray(NULL, w->n ? w->n : 1, sizeof(*w->sorted));
	memcpy(w->sorted, w->v, w->n * sizeof(*w->v));
	qsort(w->sorted, w->n, sizeof(*w->sorted), cmp_str);
}

static void
words_add(struct ex_dict *d, int k, const char *v)
{
	struct ex_words *w = &d->w[k];

	if (w->n == d->cap[k]) {
		d->cap[k] = d->cap[k] ? d->cap[k] * 2 : 16;
		w->v = xreallocarray(w->v, d->cap[k], sizeof(*w->v));
		w->len = xreallocarray(w->len, d->cap[k], sizeof(*w->len));
	}
	w->v[w->n] = xstrdup(v);
	w->len[w->n] = strlen(v);
	w->n++;
}

/* because: MS_EINVAL, "what: cannot read ... (the message set below)";
 * the message is copied first: err_set() writes where err_msg() points. */
static int
because(const char *what)
{
	char *why = xstrdup(err_msg());
	const char *w = why;
	size_t wl = strlen(what);

	if (strncmp(w, what, wl) == 0 && w[wl] == ':' && w[wl + 1] == ' ')
		w += wl + 2; /* "PATH: No such file" names the path once */
	err_set(MS_EINVAL, "%s: cannot read the extraction word lists (%s)", what, w);
	free(why);
	return MS_EINVAL;
}

/* dict_read: parses path into *out (caller frees with dict_free). */
static int
dict_read(struct ex_dict **out, const char *path)
{
	struct tsv *t = NULL;
	struct ex_dict *d = NULL;
	size_t *first_line[EXW_NLISTS] = { 0 };
	char **fields;
	size_t nf;
	bool header = false;
	int rc;

	*out = NULL;
	if ((rc = tsv_open(&t, path)) != 0) {
		rc = because(path);
		goto out;
	}
	d = xcalloc(1, sizeof(*d));
	while ((rc = tsv_next(t, &fields, &nf)) > 0) {
		size_t line = tsv_line(t);
		char *v;
		const char *why = NULL;
		int k;

		if (!header) {
			if (nf < 2 || strcmp(fields[0], "kind") != 0 || strcmp(fields[1], "value") != 0) {
				rc = err_set(MS_EINVAL, "%s:%zu: expected the header row "
				    "kind<TAB>value<TAB>note", path, line);
				goto out;
			}
			header = true;
			continue;
		}
		if (nf < 2 || nf > 3) {
			rc = err_set(MS_EINVAL, "%s:%zu: expected kind<TAB>value[<TAB>note], "
			    "found %zu field%s", path, line, nf, nf == 1 ? "" : "s");
			goto out;
		}
		if ((k = list_of(fields[0])) < 0) {
			rc = err_set(MS_EINVAL, "%s:%zu: unknown kind '%s'", path, line, fields[0]);
			goto out;
		}
		v = fields[1];
		if (strlen(v) >= 2 && v[0] == '"' && v[strlen(v) - 1] == '"') {
			v[strlen(v) - 1] = '\0'; /* quoted: the blanks are meant */
			v++;
		}
		if (!check_value(k, v, &why)) {
			rc = err_set(MS_EINVAL, "%s:%zu: %s '%s': %s", path, line, fields[0],
			    fields[1], why);
			goto out;
		}
		for (size_t i = 0; i < d->w[k].n; i++)
			if (strcmp(d->w[k].v[i], v) == 0) {
				rc = err_set(MS_EINVAL, "%s:%zu: %s '%s' repeats line %zu", path,
				    line, fields[0], v, first_line[k][i]);
				goto out;
			}
		words_add(d, k, v);
		first_line[k] = xreallocarray(first_line[k], d->cap[k], sizeof(size_t));
		first_line[k][d->w[k].n - 1] = line;
	}
	if (rc < 0)
		goto out; /* tsv named file:line */
	for (int k = 0; k < EXW_NLISTS; k++)
		if (d->w[k].n == 0) {
			rc = err_set(MS_EINVAL, "%s:%zu: no %s rows (every kind needs one; "
			    "a truncated file would silently keep template text)",
			    path, tsv_line(t), list_names[k]);
			goto out;
		}
	for (int k = 0; k < EXW_NLISTS; k++)
		words_sort(&d->w[k]);
	*out = d;
	d = NULL;
	rc = 0;
out:
	for (int k = 0; k < EXW_NLISTS; k++)
		free(first_line[k]);
	dict_free(d);
	tsv_free(t);
	return rc < 0 ? MS_EINVAL : 0;
}

/* load_locked: reads DIR/extract.tsv (dir NULL: the default data folder)
 * and makes it current, or records the failure.  dict_lock is held. */
static int
load_locked(const char *dict_dir)
{
	char *dir = NULL, *path = NULL;
	struct ex_dict *d = NULL;
	int rc;

	if ((rc = paths_dict(&dir, dict_dir)) != 0) {
		rc = because(DICT_FILE);
		goto out;
	}
	path = util_path_join(dir, DICT_FILE);
	if ((rc = dict_read(&d, path)) != 0)
		goto out;
	dict_free(dict_cur);
	dict_cur = d;
	free(dict_failure);
	dict_failure = NULL;
out:
	if (rc != 0) {
		free(dict_failure);
		dict_failure = xstrdup(err_msg());
		dict_free(dict_cur);
		dict_cur = NULL;
	}
	free(dir);
	free(path);
	return rc;
}

int
extract_config_load(const char *dict_dir)
{
	int rc;

	pthread_mutex_lock(&dict_lock);
	rc = load_locked(dict_dir);
	pthread_mutex_unlock(&dict_lock);
	return rc;
}

int
ex_dict_ready(void)
{
	int rc = 0;

	pthread_mutex_lock(&dict_lock);
	if (!dict_cur) {
		if (dict_failure)
			rc = err_set(MS_EINVAL, "%s", dict_failure);
		else
			rc = load_locked(NULL);
	}
	pthread_mutex_unlock(&dict_lock);
	return rc;
}

const struct ex_words *
ex_words(enum ex_list which)
{
	/* every extraction passed ex_dict_ready() before any lookup */
	assert(dict_cur);
	return &dict_cur->w[which];
}

size_t
ex_words_prefix(enum ex_list which, const char *s, size_t len)
{
	const struct ex_words *w = ex_words(which);

	for (size_t i = 0; i < w->n; i++)
		if (len >= w->len[i] && memcmp(s, w->v[i], w->len[i]) == 0)
			return w->len[i];
	return 0;
}

bool
ex_words_within(enum ex_list which, const char *s, size_t len)
{
	const struct ex_words *w = ex_words(which);

	for (size_t k = 0; k < w->n; k++) {
		const char *p = w->v[k];
		size_t n = w->len[k];

		if (n > len)
			continue;
		for (size_t i = 0; i + n <= len; i++)
			if (s[i] == p[0] && memcmp(s + i, p, n) == 0)
				return true;
	}
	return false;
}

bool
ex_words_has(enum ex_list which, const char *s)
{
	const struct ex_words *w = ex_words(which);

	return bsearch(&s, w->sorted, w->n, sizeof(*w->sorted), cmp_str) != NULL;
}
