/*
 * crawl_internal: what crawl.c (the loop) and crawl_robots.c (robots.txt
 * and sitemaps) share: the crawl's state, its hosts and their origins, and
 * the few loop helpers the robots.txt side calls.  Included only by those
 * two .c files; frontier.h and pagestore.h are the modules' own contracts.
 */
#ifndef MUNISCAN_CRAWL_INTERNAL_H
#define MUNISCAN_CRAWL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "crawl.h"
#include "pqueue.h"
#include "store_internal.h"

struct fetch_resp;
struct frontier;
struct frontier_pendings;

#define CRAWL_MAX_REDIRECTS 5
#define CRAWL_RETRY_AFTER_MAX 60.0

/* a government: its seed and the requests charged to its page budget */
struct gov {
	const struct seed *seed;
	long used;   /* requests charged to the budget */
	bool capped_logged;
};

enum robots_state { RB_NONE, RB_FETCHING, RB_READY, RB_WAIT, RB_DEAD };

/* an origin (scheme://host:port) of a host, and its robots.txt */
struct origin {
	char *origin;
	enum robots_state state;
	struct robots *robots;
	int attempts;
	double retry_at;
	char *robots_url; /* a same-host redirect's target, or NULL */
	int robots_hops;
	long charged_gov; /* robots.txt requests of an off-site origin are
			   * charged to this government's budget, or -1 */
	int charged_n;    /* such requests not yet written to hosts */
	struct origin *next;
};

/* an entry being worked on, loaded from its frontier row */
struct item {
	int64_t id;
	char *url;
	uint32_t gov;
	int depth;
	double prio;
	bool offsite;
	char *anchor;
	int hops;     /* redirects that led here */
	int attempts; /* requests made for it in this invocation */
	bool charged; /* counted in gov->used */
};

/* a sitemap from robots.txt waiting for its host's turn */
struct sitemap_job {
	char *url;
	uint32_t gov;
	struct sitemap_job *next;
};

enum xfer_kind { X_NONE, X_ROBOTS, X_PAGE, X_SITEMAP };

/* a host: its queue, its origins, its politeness clock, its transfer */
struct host {
	char *name;
	struct pqueue q;
	struct item *cur;
	struct origin *origins;
	struct sitemap_job *sitemaps;
	struct fetch_slot *slot;
	enum xfer_kind kind;
	struct origin *xorigin;  /* robots transfer: whose */
	struct sitemap_job *xsitemap;
	bool busy;
	double started;  /* when the transfer in flight started */
	double next_due;
	double delay;
	bool private_addr; /* resolved to a private address: its URLs are refused */
	int busy_run;      /* 429 and 503 answers in a row */
	long gave_up;      /* the status that made the crawl give the host up
			    * (CRAWL_HOST_BUSY_MAX busy answers in a row), or 0 */
};

struct crawl {
	struct store *st;
	const struct crawl_opts *o;
	int64_t run_id;
	struct gov *govs;
	size_t ngov;
	struct strmap *hosts;       /* name -> struct host */
	struct host **hostv;
	size_t nhost;
	struct frontier *frontier;
	struct pagestore *pages;
	struct pagestore *since_pages; /* the --since folder's, or NULL */
	struct priority *prio;
	struct fetcher *fetcher;
	struct warc *warc;
	struct store *since;
	sqlite3_stmt *q_item, *q_state, *q_host;
	struct crawl_stats stats;
	double started;
	double last_progress;
	double last_flush;
	bool tty;
	unsigned rng;
};

/* in crawl.c */
struct host *crawl_host(struct crawl *c, const char *name);
struct origin *crawl_origin(struct host *h, const char *origin);
/* crawl_archive: appends a response to the WARC archive */
int crawl_archive(struct crawl *c, const struct fetch_resp *r);
/* crawl_private_found: host h resolved to a private address (r says which) */
int crawl_private_found(struct crawl *c, struct host *h, const struct fetch_resp *r);
/* crawl_pendings_flush: after a commit (push) the pendings enter the host
 * queues; after a rollback they are dropped; p is emptied either way */
void crawl_pendings_flush(struct crawl *c, struct frontier_pendings *p, bool push);

/* in crawl_robots.c */
int crawl_robots_prepare(struct crawl *c);
int crawl_robots_done(struct crawl *c, struct host *h, struct origin *o, struct fetch_resp *r,
	double now);
int crawl_load_robots(struct crawl *c);
int crawl_sitemap_done(struct crawl *c, struct host *h, struct fetch_resp *r);

#endif
