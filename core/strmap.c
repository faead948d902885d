/*
 * strmap: open-addressing hash table (see strmap.h).  Linear probing, load
 * factor at most 1/2, no deletion (its users only ever add).
 */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xalloc.h"

struct strmap_slot {
	char *key;
	void *val;
};

struct strmap {
	struct strmap_slot *v;
	size_t cap; /* a power of two */
	size_t n;
};

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 64;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	return m;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	free(m);
}

static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)util_fnv1a64(key) & (m->cap - 1);

	while (m->v[i].key && strcmp(m->v[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s = strmap_find(m, key);

	return s->key ? s->val : NULL;
}

static void
strmap_grow(struct strmap *m)
{
	struct strmap_slot *old = m->v;
	size_t oldcap = m->cap;

	m->cap *= 2;
	m->v = xcalloc(m->cap, sizeof(*m->v));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*strmap_find(m, old[i].key) = old[i];
	free(old);
}

void
strmap_put(struct strmap *m, const char *key, void *val)
{
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	s = strmap_find(m, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		m->n++;
	}
	s->val = val;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}

void
strmap_each(const struct strmap *m, void (*fn)(const char *key, void *val, void *ctx),
	void *ctx)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key)
			fn(m->v[i].key, m->v[i].val, ctx);
}
