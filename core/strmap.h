/*
 * strmap: a string-keyed hash table (open addressing, FNV-1a): the
 * crawler's per-host and per-path lookups, the model's feature names.  Keys
 * are copied; values are borrowed pointers the caller owns.
 */
#ifndef MUNISCAN_STRMAP_H
#define MUNISCAN_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_new(void);
/* strmap_free: frees the keys, not the values. NULL is a no-op. */
void strmap_free(struct strmap *m);
/* strmap_get: the value, or NULL. */
void *strmap_get(const struct strmap *m, const char *key);
/* strmap_put: inserts or replaces. */
void strmap_put(struct strmap *m, const char *key, void *val);
size_t strmap_count(const struct strmap *m);
/* strmap_each: calls fn for every entry in an unspecified order. */
void strmap_each(const struct strmap *m, void (*fn)(const char *key, void *val, void *ctx),
	void *ctx);

#endif
