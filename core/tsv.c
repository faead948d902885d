/*
 * tsv: tab-separated data files (see tsv.h).
 */
#include "tsv.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "util.h"
#include "xalloc.h"

#define TSV_MAX_FILE ((size_t)64 << 20)
#define TSV_MAX_FIELDS 256

struct tsv {
	char *name;
	char *owned;     /* file contents when opened from a path */
	const char *data;
	size_t len, pos;
	size_t line;
	char *row;       /* copy of the current line */
	char *fields[TSV_MAX_FIELDS];
};

static struct tsv *
tsv_new(const char *name, const char *data, size_t len)
{
	struct tsv *t = xcalloc(1, sizeof(*t));

	t->name = xstrdup(name);
	t->data = data;
	t->len = len;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		t->pos = 3;
	return t;
}

int
tsv_open(struct tsv **out, const char *path)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = util_read_file(&data, &len, path, TSV_MAX_FILE)) != 0)
		return rc;
	*out = tsv_new(path, data, len);
	(*out)->owned = data;
	return 0;
}

struct tsv *
tsv_open_mem(const char *name, const char *data, size_t len)
{
	return tsv_new(name, data, len);
}

int
tsv_next(struct tsv *t, char ***fields_out, size_t *n_out)
{
	for (;;) {
		const char *start, *nl;
		size_t n, len, nf = 0;
		char *p;

		if (t->pos >= t->len)
			return 0;
		start = t->data + t->pos;
		nl = memchr(start, '\n', t->len - t->pos);
		len = nl ? (size_t)(nl - start) : t->len - t->pos;
		t->pos += len + (nl ? 1 : 0);
		t->line++;
		if (len && start[len - 1] == '\r')
			len--;
		if (len == 0 || start[0] == '#')
			continue;
		if (!util_utf8_valid(start, len))
			return err_set(MS_EINVAL, "%s:%zu: not valid UTF-8", t->name, t->line);
		free(t->row);
		t->row = xstrndup(start, len);
		for (p = t->row, n = 0; ; n++) {
			char *tab = strchr(p, '\t');

			if (nf == TSV_MAX_FIELDS)
				return err_set(MS_EINVAL, "%s:%zu: more than %d fields",
				    t->name, t->line, TSV_MAX_FIELDS);
			t->fields[nf++] = p;
			if (tab == NULL)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		*fields_out = t->fields;
		*n_out = nf;
		return 1;
	}
}

size_t
tsv_line(const struct tsv *t)
{
	return t->line;
}

const char *
tsv_name(const struct tsv *t)
{
	return t->name;
}

void
tsv_free(struct tsv *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->owned);
	free(t->row);
	free(t);
}
