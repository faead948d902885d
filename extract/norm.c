/*
 * norm: normalised text for matching, with a map back to the original (see
 * norm.h).
 *
 * The input is cut into chunks at NFKC boundaries (a chunk is a starter and
 * whatever may combine with it, e.g. ｶ + ﾞ), each chunk is normalised on its
 * own and every output byte of a chunk maps to the chunk's first original
 * byte.  So the map is exact at chunk granularity, which is all evidence
 * quoting needs.  ASCII takes a fast path: NFKC leaves it alone.
 *
 * The NFKC instance from unorm2_getNFKCInstance() is shared and documented
 * as thread-safe; everything else is per call.
 */
#include "norm.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "err.h"
#include "xalloc.h"

struct out {
	char *text;
	size_t len, cap;
	size_t *map;
	bool space_pending; /* a whitespace run is open */
	bool space_nl;      /* ... and it holds a line break */
	bool keep_lines;    /* a run with a line break becomes "\n" */
	size_t space_orig;  /* where that run started in the original */
};

static void
out_grow(struct out *o, size_t extra)
{
	if (o->len + extra + 1 <= o->cap)
		return;
	while (o->len + extra + 1 > o->cap)
		o->cap = o->cap ? o->cap * 2 : 256;
	o->text = xrealloc(o->text, o->cap);
	o->map = xreallocarray(o->map, o->cap, sizeof(*o->map));
}

static void
out_bytes(struct out *o, const char *s, size_t n, size_t orig)
{
	out_grow(o, n);
	memcpy(o->text + o->len, s, n);
	for (size_t i = 0; i < n; i++)
		o->map[o->len + i] = orig;
	o->len += n;
}

static bool
is_space(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v' || c == 0x00a0 || c == 0x3000 || c == 0x2002 || c == 0x2003 ||
	    c == 0x2009 || c == 0x200b || c == 0xfeff;
}

/* fold: the variants NFKC keeps apart but a reader does not. */
static UChar32
fold(UChar32 c)
{
	switch (c) {
	case 0x007e: /* ~ (NFKC of ～) */
	case 0x301c: /* 〜 */
	case 0x223c: /* ∼ */
	case 0x223f: /* ∿ */
		return 0x301c;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0x2043: case 0xfe58: case 0xfe63:
	case 0xff0d:
		return '-';
	default:
		return c;
	}
}

/* emit: one normalised code point, folded, whitespace collapsed. */
static void
emit(struct out *o, UChar32 c, size_t orig)
{
	char tmp[4];
	int32_t n = 0;

	if (is_space(c)) {
		if (!o->space_pending) {
			o->space_pending = true;
			o->space_nl = false;
			o->space_orig = orig;
		}
		if (c == '\n' || c == '\r')
			o->space_nl = true;
		return;
	}
	if (o->space_pending) {
		if (o->len > 0) /* no leading space */
			out_bytes(o, o->keep_lines && o->space_nl ? "\n" : " ", 1, o->space_orig);
		o->space_pending = false;
	}
	c = fold(c);
	U8_APPEND_UNSAFE(tmp, n, c);
	out_bytes(o, tmp, (size_t)n, orig);
}

/* utf8_next: the code point at s[*i] (advancing *i), or -1 for a
 * malformed sequence (*i then undefined).  ICU's U8_NEXT would do, but
 * its macro body trips -Wconversion. */
static UChar32
utf8_next(const char *s, size_t len, int32_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = len - (size_t)*i;
	UChar32 c;
	int n;

	if (u[0] < 0x80) {
		(*i)++;
		return u[0];
	} else if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 1; c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 2; c = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 3; c = u[0] & 0x07;
	} else {
		return -1;
	}
	if (left <= (size_t)n)
		return -1;
	for (int k = 1; k <= n; k++) {
		if ((u[k] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[k] & 0x3f);
	}
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*i += n + 1;
	return c;
}

/* chunk: normalises s[start..end) and emits the result. */
static int
chunk(struct out *o, const UNormalizer2 *nfkc, const char *s, size_t start,
	size_t end, UChar *ubuf, UChar *nbuf, int32_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t ulen, nlen, i = 0;

	u_strFromUTF8(ubuf, cap, &ulen, s + start, (int32_t)(end - start), &st);
	if (U_FAILURE(st))
		return err_set(MS_EINVAL, "norm: invalid utf-8 at byte %zu", start);
	nlen = unorm2_normalize(nfkc, ubuf, ulen, nbuf, cap, &st);
	if (U_FAILURE(st))
		return err_set(MS_ERROR, "norm: nfkc failed at byte %zu: %s", start,
		    u_errorName(st));
	while (i < nlen) {
		UChar32 c;

		U16_NEXT(nbuf, i, nlen, c);
		emit(o, c, start);
	}
	return 0;
}

/* ---- the fast path for text that NFKC leaves alone ----
 * Per BMP code point, two facts from ICU, looked up once per block of 256
 * on first use: NFKC_BOUNDARY (a chunk may start before it) and
 * NFKC_ALONE (normalised on its own it is itself).  A code point with both,
 * followed by one with a boundary before it, is its own chunk and its own
 * normal form: emitted without the round trip through UTF-16. */
#define NFKC_BOUNDARY 1u
#define NFKC_ALONE 2u

static unsigned char nfkc_flags[0x10000];
static atomic_uchar nfkc_block_ready[0x100];
static pthread_mutex_t nfkc_lock = PTHREAD_MUTEX_INITIALIZER;

static void
nfkc_fill_block(const UNormalizer2 *nfkc, unsigned blk)
{
	pthread_mutex_lock(&nfkc_lock);
	if (!atomic_load_explicit(&nfkc_block_ready[blk], memory_order_relaxed)) {
		for (UChar32 c = (UChar32)(blk << 8); c < (UChar32)((blk + 1) << 8); c++) {
			UErrorCode st = U_ZERO_ERROR;
			UChar in = (UChar)c, outb[20];
			int32_t n;
			unsigned f = 0;

			if (c >= 0xd800 && c <= 0xdfff)
				continue; /* surrogates never reach here */
			if (unorm2_hasBoundaryBefore(nfkc, c))
				f |= NFKC_BOUNDARY;
			n = unorm2_normalize(nfkc, &in, 1, outb, 20, &st);
			if (U_SUCCESS(st) && n == 1 && outb[0] == in)
				f |= NFKC_ALONE;
			nfkc_flags[c] = (unsigned char)f;
		}
		atomic_store_explicit(&nfkc_block_ready[blk], 1, memory_order_release);
	}
	pthread_mutex_unlock(&nfkc_lock);
}

static unsigned
nfkc_flags_of(const UNormalizer2 *nfkc, UChar32 c)
{
	unsigned blk = (unsigned)c >> 8;

	if (c >= 0x10000)
		return 0;
	if (!atomic_load_explicit(&nfkc_block_ready[blk], memory_order_acquire))
		nfkc_fill_block(nfkc, blk);
	return nfkc_flags[c];
}

/* alone_here: whether the code point c that ends at s[j] is its own chunk
 * and normal form. */
static bool
alone_here(const UNormalizer2 *nfkc, UChar32 c, const char *s, size_t len, int32_t j)
{
	UChar32 next;

	if ((nfkc_flags_of(nfkc, c) & (NFKC_BOUNDARY | NFKC_ALONE)) !=
	    (NFKC_BOUNDARY | NFKC_ALONE))
		return false;
	if ((size_t)j >= len || (unsigned char)s[j] < 0x80)
		return true;
	next = utf8_next(s, len, &j);
	/* a malformed byte is emitted on its own, a boundary too */
	return next < 0 || (nfkc_flags_of(nfkc, next) & NFKC_BOUNDARY);
}

/* A chunk longer than this (a base followed by hundreds of combining marks)
 * is cut anyway: exactness of the fold matters less than a bounded cost. */
#define CHUNK_MAX 64
/* NFKC expands one code point to at most 18 UTF-16 units (U+FDFA). */
#define NBUF_CAP (CHUNK_MAX * 18 + 16)

int
norm_text(struct norm **out, const char *s, size_t len)
{
	return norm_text_lines(out, s, len, false);
}

int
norm_text_lines(struct norm **out, const char *s, size_t len, bool keep_lines)
{
	const UNormalizer2 *nfkc;
	UErrorCode st = U_ZERO_ERROR;
	struct out o = { 0 };
	UChar ubuf[CHUNK_MAX * 2 + 4], nbuf[NBUF_CAP];
	size_t i = 0, cstart = 0, ncp = 0;
	bool open = false;
	struct norm *n;
	int rc;

	*out = NULL;
	if (len > INT32_MAX)
		return err_set(MS_ELIMIT, "norm: text too long");
	nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return err_set(MS_ERROR, "norm: no nfkc data: %s", u_errorName(st));
	o.keep_lines = keep_lines;
	out_grow(&o, len);
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		UChar32 c;
		int32_t j = (int32_t)i;

		if (b < 0x80) {
			/* ASCII is its own NFKC and a boundary on both sides,
			 * except before a combining mark, handled below */
			if (open) {
				if ((rc = chunk(&o, nfkc, s, cstart, i, ubuf, nbuf, NBUF_CAP)) != 0)
					goto fail;
				open = false;
			}
			if (i + 1 < len && (unsigned char)s[i + 1] >= 0x80) {
				cstart = i;
				open = true;
				ncp = 1;
				i++;
				continue;
			}
			emit(&o, (UChar32)b, i);
			i++;
			continue;
		}
		c = utf8_next(s, len, &j);
		if (c < 0) {
			/* not UTF-8 after all: one U+FFFD per bad byte, so
			 * callers never lose the rest of the text */
			if (open) {
				if ((rc = chunk(&o, nfkc, s, cstart, i, ubuf, nbuf, NBUF_CAP)) != 0)
					goto fail;
				open = false;
			}
			emit(&o, 0xfffd, i);
			i++;
			continue;
		}
		if (alone_here(nfkc, c, s, len, j)) {
			if (open) {
				if ((rc = chunk(&o, nfkc, s, cstart, i, ubuf, nbuf, NBUF_CAP)) != 0)
					goto fail;
				open = false;
			}
			emit(&o, c, i);
			i = (size_t)j;
			continue;
		}
		if (open && (unorm2_hasBoundaryBefore(nfkc, c) || ncp >= CHUNK_MAX)) {
			if ((rc = chunk(&o, nfkc, s, cstart, i, ubuf, nbuf, NBUF_CAP)) != 0)
				goto fail;
			open = false;
		}
		if (!open) {
			cstart = i;
			open = true;
			ncp = 0;
		}
		ncp++;
		i = (size_t)j;
	}
	if (open && (rc = chunk(&o, nfkc, s, cstart, len, ubuf, nbuf, NBUF_CAP)) != 0)
		goto fail;
	out_grow(&o, 0);
	o.text[o.len] = '\0';
	o.map[o.len] = len;
	n = xmalloc(sizeof(*n));
	n->text = o.text;
	n->len = o.len;
	n->map = o.map;
	*out = n;
	return 0;
fail:
	free(o.text);
	free(o.map);
	return rc;
}

void
norm_free(struct norm *n)
{
	if (!n)
		return;
	free(n->text);
	free(n->map);
	free(n);
}

void
norm_orig(const struct norm *n, size_t start, size_t end, size_t *ostart,
	size_t *oend)
{
	size_t j;

	if (start > n->len)
		start = n->len;
	if (end > n->len)
		end = n->len;
	if (end < start)
		end = start;
	*ostart = n->map[start];
	if (end == start) {
		*oend = *ostart;
		return;
	}
	/* the end is where the chunk holding the last byte ends, i.e. the
	 * next different map entry */
	j = end;
	while (j < n->len && n->map[j] <= n->map[end - 1])
		j++;
	*oend = n->map[j];
}

char *
norm_simple(const char *s, size_t len)
{
	struct norm *n = NULL;
	char *t;

	if (norm_text(&n, s, len) != 0)
		return xstrndup(s, len); /* only on an internal ICU failure */
	t = n->text;
	n->text = NULL;
	norm_free(n);
	return t;
}
