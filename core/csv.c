/*
 * csv: RFC 4180 writing with formula guard, reading with BOM and cp932
 * support (see csv.h).
 */
#include "csv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "buf.h"
#include "err.h"
#include "util.h"
#include "xalloc.h"

struct csv_out {
	struct buf b;
	size_t ncell; /* cells in the current row */
};

struct csv_out *
csv_out_new(bool bom)
{
	struct csv_out *c = xcalloc(1, sizeof(*c));

	buf_init(&c->b, 0);
	if (bom)
		buf_adds(&c->b, "\xef\xbb\xbf");
	return c;
}

void
csv_out_free(struct csv_out *c)
{
	if (c == NULL)
		return;
	buf_free(&c->b);
	free(c);
}

bool
csv_guard_needed(const char *s, size_t len)
{
	return len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

void
csv_cell_n(struct csv_out *c, const char *s, size_t len)
{
	bool quote = false;
	size_t i;

	if (c->ncell++)
		buf_addc(&c->b, ',');
	if (s == NULL)
		return;
	for (i = 0; i < len; i++) {
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n') {
			quote = true;
			break;
		}
	}
	/* a cell that starts with U+FEFF would read as a byte-order mark at
	 * the start of a file; quoted, it stays a cell */
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		quote = true;
	if (quote)
		buf_addc(&c->b, '"');
	if (csv_guard_needed(s, len))
		buf_addc(&c->b, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(&c->b, '"');
		buf_addc(&c->b, s[i]);
	}
	if (quote)
		buf_addc(&c->b, '"');
}

void
csv_cell(struct csv_out *c, const char *s)
{
	csv_cell_n(c, s, s ? strlen(s) : 0);
}

void
csv_cell_long(struct csv_out *c, long v)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%ld", v);
	csv_cell(c, tmp);
}

void
csv_end_row(struct csv_out *c)
{
	buf_adds(&c->b, "\r\n");
	c->ncell = 0;
}

int
csv_save(struct csv_out *c, const char *path)
{
	return util_write_atomic(path, c->b.ptr ? c->b.ptr : "", c->b.len);
}

int
csv_print(struct csv_out *c, FILE *f)
{
	if (c->b.len && fwrite(c->b.ptr, 1, c->b.len, f) != c->b.len)
		return err_set(MS_EIO, "write error");
	return fflush(f) == 0 ? 0 : err_set(MS_EIO, "write error");
}

const char *
csv_data(const struct csv_out *c, size_t *len_out)
{
	*len_out = c->b.len;
	return buf_cstr(&c->b);
}

/* cp932 -> UTF-8 through ICU; returns NULL when the bytes are not cp932. */
static char *
csv_from_cp932(const char *data, size_t len, size_t *len_out)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv = ucnv_open("windows-31j", &st);
	UChar *u = NULL;
	char *out = NULL;
	int32_t ulen, olen;

	if (U_FAILURE(st) || len > INT32_MAX / 4)
		goto out;
	ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
	u = xreallocarray(NULL, len + 1, sizeof(UChar));
	ulen = ucnv_toUChars(cv, u, (int32_t)len + 1, data, (int32_t)len, &st);
	if (U_FAILURE(st))
		goto out;
	out = xmalloc((size_t)ulen * 3 + 1);
	st = U_ZERO_ERROR;
	{
		UConverter *u8 = ucnv_open("UTF-8", &st);

		olen = ucnv_fromUChars(u8, out, ulen * 3 + 1, u, ulen, &st);
		ucnv_close(u8);
	}
	if (U_FAILURE(st)) {
		free(out);
		out = NULL;
		goto out;
	}
	*len_out = (size_t)olen;
out:
	free(u);
	if (cv)
		ucnv_close(cv);
	return out;
}

static void
csv_unguard(char *cell)
{
	size_t len = strlen(cell);

	if (len >= 2 && cell[0] == '\'' && csv_guard_needed(cell + 1, len - 1))
		memmove(cell, cell + 1, len);
}

/* a row of empty cells only ("", ",,") carries nothing and would be
 * written back as a blank line, which reads as no row: skip it */
static bool
csv_row_blank(char **row, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (row[i][0] != '\0')
			return false;
	return true;
}

int
csv_parse(struct csv_table **out, const char *name, const char *data, size_t len)
{
	struct csv_table *t = xcalloc(1, sizeof(*t));
	char *conv = NULL;
	const char *p, *end;
	char **row = NULL;
	size_t nrow = 0, line = 1, row_line = 1;
	struct buf cell = BUF_INIT;
	bool header_done = false;
	int rc = 0;

	*out = NULL;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		/* A file saved twice by a BOM-adding editor carries two marks. */
		while (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			len -= 3;
		}
		if (!util_utf8_valid(data, len)) {
			rc = err_set(MS_EINVAL, "%s: not valid UTF-8 after a UTF-8 byte-order mark", name);
			goto out;
		}
	} else if (!util_utf8_valid(data, len)) {
		size_t clen = 0;

		if ((conv = csv_from_cp932(data, len, &clen)) == NULL) {
			rc = err_set(MS_EINVAL, "%s: neither UTF-8 nor cp932", name);
			goto out;
		}
		data = conv;
		len = clen;
		t->was_cp932 = true;
	}
	p = data;
	end = data + len;
	while (p < end) {
		bool quoted = false;
		char c;

		buf_reset(&cell);
		if (*p == '"') {
			quoted = true;
			p++;
			for (;;) {
				if (p >= end) {
					rc = err_set(MS_EINVAL, "%s:%zu: unterminated quoted cell",
					    name, row_line);
					goto out;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						buf_addc(&cell, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n')
					line++;
				buf_addc(&cell, *p++);
			}
		}
		while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
			if (quoted) {
				rc = err_set(MS_EINVAL, "%s:%zu: text after a closing quote",
				    name, line);
				goto out;
			}
			buf_addc(&cell, *p++);
		}
		row = xreallocarray(row, nrow + 1, sizeof(*row));
		row[nrow] = buf_detach(&cell, NULL);
		csv_unguard(row[nrow]);
		nrow++;
		c = p < end ? *p : '\n';
		if (c == ',') {
			p++;
			if (p == end)
				goto endrow;
			continue;
		}
		if (c == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
	endrow:
		if (!header_done) {
			t->header = row;
			t->ncols = nrow;
			header_done = true;
		} else if (!csv_row_blank(row, nrow)) {
			if (nrow > t->ncols) {
				/* trailing empty cells are harmless */
				while (nrow > t->ncols && row[nrow - 1][0] == '\0')
					free(row[--nrow]);
				if (nrow > t->ncols) {
					rc = err_set(MS_EINVAL, "%s:%zu: %zu cells, header has %zu",
					    name, row_line, nrow, t->ncols);
					for (size_t i = 0; i < nrow; i++)
						free(row[i]);
					free(row);
					row = NULL;
					goto out;
				}
			}
			row = xreallocarray(row, t->ncols ? t->ncols : 1, sizeof(*row));
			t->widths = xreallocarray(t->widths, t->nrows + 1, sizeof(*t->widths));
			t->widths[t->nrows] = nrow;
			while (nrow < t->ncols)
				row[nrow++] = xstrdup("");
			t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof(*t->rows));
			t->lines = xreallocarray(t->lines, t->nrows + 1, sizeof(*t->lines));
			t->rows[t->nrows] = row;
			t->lines[t->nrows] = row_line;
			t->nrows++;
		} else {
			for (size_t i = 0; i < nrow; i++)
				free(row[i]);
			free(row);
		}
		row = NULL;
		nrow = 0;
		line++;
		row_line = line;
	}
	if (!header_done) {
		rc = err_set(MS_EINVAL, "%s:1: empty file, no header", name);
		goto out;
	}
out:
	if (row) {
		for (size_t i = 0; i < nrow; i++)
			free(row[i]);
		free(row);
	}
	buf_free(&cell);
	free(conv);
	if (rc != 0)
		csv_table_free(t);
	else
		*out = t;
	return rc;
}

int
csv_read(struct csv_table **out, const char *path)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = util_read_file(&data, &len, path, 0)) != 0)
		return rc;
	rc = csv_parse(out, path, data, len);
	free(data);
	return rc;
}

void
csv_table_free(struct csv_table *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	for (j = 0; t->header && j < t->ncols; j++)
		free(t->header[j]);
	free(t->header);
	free(t->rows);
	free(t->lines);
	free(t->widths);
	free(t);
}

int
csv_col(const struct csv_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	return -1;
}

bool
csv_fix_code(char out[8], const char *cell)
{
	size_t n = strlen(cell), i;

	if (n == 0 || n > 6)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)cell[i]))
			return false;
	memset(out, '0', 6 - n);
	memcpy(out + 6 - n, cell, n);
	out[6] = '\0';
	return true;
}
