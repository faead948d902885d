/*
 * pqueue: binary heap (see pqueue.h).
 */
#include "pqueue.h"

#include <stdlib.h>

#include "xalloc.h"

/* pq_before: true when a goes out before b. */
static bool
pq_before(const struct pq_item *a, const struct pq_item *b)
{
	if (a->prio != b->prio)
		return a->prio > b->prio;
	return a->id < b->id;
}

void
pqueue_push(struct pqueue *q, struct pq_item it)
{
	size_t i;

	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->v = xreallocarray(q->v, q->cap, sizeof(*q->v));
	}
	i = q->n++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (!pq_before(&it, &q->v[parent]))
			break;
		q->v[i] = q->v[parent];
		i = parent;
	}
	q->v[i] = it;
}

bool
pqueue_pop(struct pqueue *q, struct pq_item *out)
{
	struct pq_item last;
	size_t i = 0;

	if (q->n == 0)
		return false;
	*out = q->v[0];
	last = q->v[--q->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, best;

		if (l >= q->n)
			break;
		best = (r < q->n && pq_before(&q->v[r], &q->v[l])) ? r : l;
		if (!pq_before(&q->v[best], &last))
			break;
		q->v[i] = q->v[best];
		i = best;
	}
	if (q->n > 0)
		q->v[i] = last;
	return true;
}

const struct pq_item *
pqueue_peek(const struct pqueue *q)
{
	return q->n ? &q->v[0] : NULL;
}

void
pqueue_free(struct pqueue *q)
{
	free(q->v);
	q->v = NULL;
	q->n = q->cap = 0;
}
