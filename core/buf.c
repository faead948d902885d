/*
 * buf: growable byte buffer (see buf.h).
 */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "xalloc.h"

void
buf_init(struct buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_free(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

static int
buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		return err_set(MS_ELIMIT, "buffer size overflow");
	need = b->len + extra;
	if (b->max && need > b->max)
		return MS_ELIMIT;
	if (need + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need + 1)
		cap = cap > SIZE_MAX / 2 ? need + 1 : cap * 2;
	b->ptr = xrealloc(b->ptr, cap);
	b->cap = cap;
	return 0;
}

int
buf_add(struct buf *b, const void *data, size_t len)
{
	int rc;

	/* room already (the common case when text is added byte by byte) */
	if (!(b->cap - b->len > len && (!b->max || b->len + len <= b->max)) &&
	    (rc = buf_grow(b, len)) != 0)
		return rc;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return err_set(MS_EINVAL, "bad format string");
	if ((rc = buf_grow(b, (size_t)n)) != 0)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *
buf_detach(struct buf *b, size_t *len_out)
{
	char *p = b->ptr;

	if (p == NULL)
		p = xstrdup("");
	if (len_out)
		*len_out = b->len;
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

const char *
buf_cstr(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}
