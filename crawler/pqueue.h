/*
 * pqueue: a binary max-heap of frontier entries for one host's queue.
 *
 * Order: higher priority first, then lower frontier id (discovery order), so
 * the order is total and a resumed crawl pops entries exactly as an
 * uninterrupted one.  Entries are small (the URL stays in the database) so
 * a queue of a large site costs little memory.
 */
#ifndef MUNISCAN_PQUEUE_H
#define MUNISCAN_PQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pq_item {
	double prio;
	int64_t id;  /* frontier id */
	uint32_t gov; /* index of the government in the crawl */
};

struct pqueue {
	struct pq_item *v;
	size_t n, cap;
};

#define PQUEUE_INIT { NULL, 0, 0 }

void pqueue_push(struct pqueue *q, struct pq_item it);
/* pqueue_pop: false when empty. */
bool pqueue_pop(struct pqueue *q, struct pq_item *out);
/* pqueue_peek: the first entry, or NULL (borrowed until the next change). */
const struct pq_item *pqueue_peek(const struct pqueue *q);
void pqueue_free(struct pqueue *q);

#endif
