/*
 * frontier: what the crawler knows of URLs before it fetches them, and
 * the decisions on each one it discovers (docs/CRAWLER.md, "Scope" and
 * "Trap guards").  It owns the `frontier` and `crawl_scope` tables and
 * their in-memory mirrors: every URL in the frontier (struct urlset), each
 * government's scope hosts, the seeds' own hosts, the off-site hosts each
 * government reached and the query variants of each path.
 *
 * The crawl loop (crawl.c) owns the host queues, the page budgets' spending
 * and the fetching: upserts hand the rows they queue back as pendings,
 * which the loop pushes onto its queues after its transaction commits.
 *
 * Invariant: every URL in the frontier table is in the urlset, marked
 * revivable exactly when its row is `refused offsite` or `skipped
 * max_depth` (the rows another government or a shorter path may revive).
 */
#ifndef MUNISCAN_FRONTIER_H
#define MUNISCAN_FRONTIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct crawl_stats;
struct priority;
struct seeds;
struct store;

/* urlset: every URL in the frontier, as a 64-bit hash, with one flag: may
 * the row still be revived.  Lets the crawler drop the links it already
 * knows without asking the database; 9 bytes a URL.  Open addressing,
 * grown to keep at most half the slots used. */
struct urlset {
	uint64_t *k; /* 0: empty */
	uint8_t *revivable;
	size_t cap, n;
};

#define URLSET_INIT { NULL, NULL, 0, 0 }

/* urlset_get: -1 unknown, 0 known for good, 1 known and revivable. */
int urlset_get(const struct urlset *u, const char *url);
/* urlset_put: adds url or updates its flag. */
void urlset_put(struct urlset *u, const char *url, bool revivable);
/* urlset_free: frees the table and empties u (u itself is the caller's). */
void urlset_free(struct urlset *u);

struct frontier_opts {
	int max_depth;          /* deeper links are skipped max_depth */
	int max_offsite_hosts;  /* off-site hosts one government may reach */
	bool allow_private;     /* every host may be at a private address */
};

/* what becomes of a discovered link */
enum frontier_verdict {
	FRONTIER_QUEUE,  /* a queued row */
	FRONTIER_REFUSE, /* a refused row, with its reason */
	FRONTIER_SKIP,   /* a skipped row, with its reason */
	FRONTIER_IGNORE  /* no row: known already, or another government's */
};

/* a row an upsert queued, waiting to enter the host queues after the
 * transaction commits */
struct frontier_pending {
	int64_t id;
	char *url;
	double prio;
	uint32_t gov;
};

struct frontier_pendings {
	struct frontier_pending *v;
	size_t n;
};

#define FRONTIER_PENDINGS_INIT { NULL, 0 }

/* frontier_pendings_clear: frees the entries and empties p. */
void frontier_pendings_clear(struct frontier_pendings *p);

struct frontier;

/* frontier_new: a frontier on st's tables for the governments of seeds (a
 * government is its index in seeds->v).  st, seeds and prio are borrowed
 * for the life of the frontier; stats may be NULL, else its failed and
 * refused counts grow with the rows recorded so.  Prepares the statements:
 * MS_EDB with the message set.  Caller frees with frontier_free(). */
int frontier_new(struct frontier **out, struct store *st, const struct seeds *seeds,
	const struct priority *prio, const struct frontier_opts *o, struct crawl_stats *stats);
void frontier_free(struct frontier *f);

/* frontier_seed: the seeds' and start URLs' rows (depth 0; an existing
 * row stays as it is), their hosts as the governments' scope (the first
 * government wins a shared host) and as hosts that may be private; then
 * the scope hosts that redirects added in earlier invocations.  One
 * transaction for the rows.  0 or MS_EDB. */
int frontier_seed(struct frontier *f);

/* frontier_load: the state of an earlier invocation on this store: rows
 * skipped max_pages are queued again, the urlset, the off-site hosts each
 * government reached and the query variants are rebuilt, used[gov] (an
 * array of seeds->n) is set to the requests already charged to each
 * government (fetched or failed rows, off-site robots.txt requests), and
 * push is called for every queued row.  0 or MS_EDB. */
int frontier_load(struct frontier *f, long *used,
	void (*push)(void *ctx, int64_t id, const char *url, double prio, uint32_t gov),
	void *ctx);

/* frontier_owner: the government whose scope host is, or -1 (also for a
 * NULL host). */
long frontier_owner(const struct frontier *f, const char *host);
/* frontier_may_be_private: may host be at a private address: the seeds'
 * own hosts (the user named them), and every host under allow_private. */
bool frontier_may_be_private(const struct frontier *f, const char *host);
/* frontier_private_host: a host the crawler must not contact: a private
 * name or address literal, or one marked by frontier_host_private(). */
bool frontier_private_host(const struct frontier *f, const char *host);
/* frontier_host_private: host resolved to a private address: it is
 * refused from now on, and leaves the scope a redirect had added it to.
 * 0 or MS_EDB. */
int frontier_host_private(struct frontier *f, const char *host);

/* frontier_offsite_host: may government gov follow a link to off-site
 * host: yes when the host is one it reached already, or (with enforce)
 * while it has reached fewer than max_offsite_hosts; the host then counts
 * from now on.  Without enforce the host is counted in any case. */
bool frontier_offsite_host(struct frontier *f, uint32_t gov, const char *host, bool enforce);

/* frontier_judge: what becomes of url (normalised), found by government
 * gov with anchor text anchor (may be NULL) at depth (the link's own).
 * *offsite_out says whether the row is off-site, *reason_out (static) the
 * reason of a refused or skipped row, else NULL.  Counts the query
 * variant and the off-site host of a link it queues. */
enum frontier_verdict frontier_judge(struct frontier *f, uint32_t gov, const char *url,
	const char *anchor, int depth, bool *offsite_out, const char **reason_out);

/* frontier_upsert: inserts a frontier row, or revives a revivable one when
 * state is "queued"; other existing rows stay.  A row it queues is added
 * to pend (may be NULL).  parent <= 0 and anchor NULL for none.  Call
 * inside the caller's transaction.  0 or MS_EDB. */
int frontier_upsert(struct frontier *f, struct frontier_pendings *pend, const char *url,
	uint32_t gov, int depth, double prio, int64_t parent, const char *anchor, bool offsite,
	const char *state, const char *reason);

/* frontier_add_link: normalises href (a link of the page parent_id, found
 * by government gov at the parent's depth and priority), judges it and
 * records its row.  A link that does not normalise is dropped.  0 or
 * MS_EDB. */
int frontier_add_link(struct frontier *f, struct frontier_pendings *pend, uint32_t gov,
	int64_t parent_id, int parent_depth, double parent_prio, const char *href,
	const char *anchor);

/* frontier_add_scope: host joins government gov's scope unless a
 * government has it already; recorded in crawl_scope.  0 or MS_EDB. */
int frontier_add_scope(struct frontier *f, uint32_t gov, const char *host);

#endif
