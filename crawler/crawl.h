/*
 * crawl: the crawl engine.  Fetches the seed governments' sites into the
 * store (frontier, pages, hosts) and the WARC archive.
 *
 * One libcurl multi handle and one event loop drive every host in
 * parallel.  Each host has its own queue in the program and at most one
 * request in flight; a request is handed to curl only when its host is due
 * (the politeness gap since the previous response has passed), so curl never
 * queues anything itself.  The frontier is best-first per government
 * (priority.h) and bounded by --max-pages and --max-depth.
 *
 * Resume: every fetched page is committed in one transaction together with
 * its frontier state and the links it discovered; the in-memory queues are
 * rebuilt from the frontier's queued rows at start.  A killed crawl rerun
 * on the same folder refetches only what was in flight.
 *
 * See docs/CRAWLER.md for politeness, scope, priorities, replay and the
 * failure reasons.
 */
#ifndef MUNISCAN_CRAWL_H
#define MUNISCAN_CRAWL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct seeds;

struct crawl_opts {
	double delay;            /* minimum gap between requests to one host, s */
	double timeout;          /* total time of one request, s */
	int retries;             /* retries after 429/503/network errors */
	int max_pages;           /* per government (off-site pages included) */
	int max_depth;           /* links from a seed or start URL */
	size_t max_body;         /* bytes kept of one response; more = truncated */
	int max_parallel;        /* transfers in flight over all hosts */
	const char *user_agent;  /* NULL: "muniscan/VERSION (+https://...)" */
	const char *proxy;       /* NULL: libcurl's *_proxy environment */
	const char *const *resolve; /* "HOST:PORT:ADDR" entries, NULL-terminated */
	const char *since_dir;   /* older output folder for conditional GET */
	const char *replay_dir;  /* serve DIR/<host>/<path> instead of the network */
	const char *dict_dir;    /* where crawl-priority.tsv is; NULL: paths_dict() */
	const char *warc_path;   /* NULL: <store dir>/crawl.warc.gz */
	bool progress;           /* progress lines on stderr */
	bool sitemaps;           /* seed the frontier from robots.txt Sitemap lines */
	bool allow_private;      /* fetch hosts at private addresses too (the
				  * seeds' own hosts are always allowed) */
	int max_offsite_hosts;   /* off-site hosts one government may reach */
};

#define CRAWL_DEFAULT_UA "muniscan/" MUNISCAN_VERSION " (+https://github.com/muniscan/muniscan)"
#define CRAWL_PRODUCT "muniscan"

#define CRAWL_OPTS_INIT { \
	.delay = 1.0, .timeout = 30.0, .retries = 3, .max_pages = 300, .max_depth = 6, \
	.max_body = 5u * 1024u * 1024u, .max_parallel = 256, .progress = true, \
	.sitemaps = true, .allow_private = false, .max_offsite_hosts = 30 }

/* crawl_stats: what a crawl_run() did in this invocation (not the totals of
 * a resumed folder). */
struct crawl_stats {
	long pages;      /* pages stored */
	long failed;     /* frontier rows set to failed */
	long refused;    /* refused or skipped */
	long requests;   /* HTTP requests made, robots.txt included */
	double seconds;
};

/* crawl_run: crawls every seed (the seeds must already be saved with
 * store_put_seeds()).  Host failures are recorded, not returned: the
 * result is 0 when the crawl ran to its end, or a negative MS_* code for
 * what stops a crawl (database, archive, dictionary, curl setup); the
 * message is set.  stats may be NULL. */
int crawl_run(struct store *st, const struct seeds *seeds,
	const struct crawl_opts *opts, int64_t run_id);
/* crawl_run_stats: as crawl_run(), also filling *stats_out. */
int crawl_run_stats(struct crawl_stats *stats_out, struct store *st,
	const struct seeds *seeds, const struct crawl_opts *opts, int64_t run_id);
/* crawl_interrupt: asks a running crawl to stop after its in-flight
 * transfers are abandoned (async-signal-safe: for SIGINT/SIGTERM handlers).
 * crawl_run() then returns MS_ERROR with "interrupted". */
void crawl_interrupt(void);
/* crawl_opts_json: the options as a JSON object (caller frees), for
 * store_run_begin(). */
char *crawl_opts_json(const struct crawl_opts *opts);

#endif
