/*
 * buf: a growable byte buffer with an optional cap.
 *
 * Invariant: ptr is NULL or NUL-terminated at ptr[len], so a buf holding
 * text can be handed to C string functions.  When max is non-zero an append
 * that would grow len past max fails with MS_ELIMIT and leaves the buffer
 * unchanged (every buffer filled from the network has a cap).
 */
#ifndef MUNISCAN_BUF_H
#define MUNISCAN_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max; /* 0: unlimited */
};

#define BUF_INIT { NULL, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
/* buf_free: releases the memory; the buf is left empty and reusable. */
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* buf_detach: returns the contents (never NULL; caller frees with free()). */
char *buf_detach(struct buf *b, size_t *len_out);
/* buf_cstr: the contents as a C string, "" when empty (borrowed). */
const char *buf_cstr(const struct buf *b);

#endif
