/*
 * xalloc: allocation that never returns NULL.
 *
 * Running out of memory is not a condition muniscan can recover from in a
 * useful way, so every allocation goes through these wrappers, which print
 * one line and abort.  Size arithmetic is overflow-checked here so callers
 * do not have to repeat the check.
 */
#ifndef MUNISCAN_XALLOC_H
#define MUNISCAN_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* xreallocarray: like xrealloc(ptr, nmemb * size) with the product checked. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* xstrndup: copies at most n bytes and always NUL-terminates. */
char *xstrndup(const char *s, size_t n);
/* xasprintf: caller frees with free(). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
