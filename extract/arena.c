/*
 * arena: the memory gumbo parses one page into (see extract_internal.h).
 *
 * gumbo makes a few allocations per tag and per text run, grows its
 * buffers by allocating anew and freeing the old one, and at the end frees
 * every node one by one.  Through malloc that was a tenth of extraction's
 * instructions.  Here small blocks come from 64 KiB chunks in size classes
 * of 16 to 4096 bytes, a freed block goes on its class's list for the next
 * request of that class, larger blocks go to malloc, and the whole tree is
 * released at once by freeing the chunks: gumbo_destroy_output is not
 * needed.  Live memory is at most twice what gumbo holds (a block is at
 * most twice its request), plus the chunk tails.
 *
 * The arena counts what it holds and may have a limit: gumbo clones the
 * open formatting elements (b, font ...) for every run of text, so a few
 * KiB of tags can make gigabytes of nodes, and a cap on the input's tags
 * does not bound the tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"
#include "xalloc.h"

#define CHUNK_BYTES (64u * 1024)
#define HDR 16u        /* before every block: its class (16: keeps alignment) */
#define BIG_CLASS 0xffu

struct chunk {
	struct chunk *next;
	size_t pad;        /* the blocks after it stay 16-byte aligned */
};

/* a large block: linked so that ex_arena_done() can free what gumbo kept */
struct big {
	struct big *prev, *next;
	size_t size;       /* bytes taken from malloc, this header included */
	size_t pad;        /* the block after it stays 16-byte aligned */
};

static unsigned
class_of(size_t n)
{
	unsigned k = 0;
	size_t sz = 16;

	while (sz < n) {
		sz <<= 1;
		k++;
	}
	return k;
}

/* arena_hold: n more bytes are about to be held (the limit is checked
 * before the memory is taken, so it is never exceeded) */
static void
arena_hold(struct ex_arena *a, size_t n)
{
	if (a->limit && a->over_limit && (a->held + n > a->limit || a->held + n < n))
		a->over_limit(a);
	a->held += n;
}

void *
ex_arena_alloc(void *ud, size_t n)
{
	struct ex_arena *a = ud;
	unsigned k;
	size_t need;
	unsigned char *p;

	if (n == 0)
		n = 1;
	if (n > EX_ARENA_MAX_SMALL) {
		struct big *b;

		if (n > SIZE_MAX - sizeof(*b) - HDR)
			abort();
		arena_hold(a, sizeof(*b) + HDR + n);
		b = xmalloc(sizeof(*b) + HDR + n);
		b->size = sizeof(*b) + HDR + n;
		b->prev = NULL;
		b->next = a->bigs;
		if (a->bigs)
			a->bigs->prev = b;
		a->bigs = b;
		p = (unsigned char *)(b + 1);
		p[0] = BIG_CLASS;
		return p + HDR;
	}
	k = class_of(n);
	if (a->free_list[k]) {
		void **f = a->free_list[k];

		a->free_list[k] = *f;
		return f;
	}
	need = HDR + ((size_t)16 << k);
	if (a->left < need) {
		struct chunk *c;

		arena_hold(a, CHUNK_BYTES);
		c = xmalloc(CHUNK_BYTES);

		c->next = a->chunks;
		a->chunks = c;
		a->cur = (unsigned char *)(c + 1);
		a->left = CHUNK_BYTES - sizeof(*c);
	}
	p = a->cur;
	a->cur += need;
	a->left -= need;
	p[0] = (unsigned char)k;
	return p + HDR;
}

void
ex_arena_free(void *ud, void *ptr)
{
	struct ex_arena *a = ud;
	unsigned char *p;

	if (!ptr)
		return;
	p = (unsigned char *)ptr - HDR;
	if (p[0] == BIG_CLASS) {
		struct big *b = (struct big *)p - 1;

		if (b->prev)
			b->prev->next = b->next;
		else
			a->bigs = b->next;
		if (b->next)
			b->next->prev = b->prev;
		a->held -= b->size;
		free(b);
		return;
	}
	*(void **)ptr = a->free_list[p[0]];
	a->free_list[p[0]] = ptr;
}

void
ex_arena_done(struct ex_arena *a)
{
	while (a->chunks) {
		struct chunk *c = a->chunks;

		a->chunks = c->next;
		free(c);
	}
	while (a->bigs) {
		struct big *b = a->bigs;

		a->bigs = b->next;
		free(b);
	}
	memset(a, 0, sizeof(*a));
}
