/*
 * crawl_robots: robots.txt and sitemaps for the crawl loop (see
 * docs/CRAWLER.md, "robots.txt"): an origin's robots.txt answer (its
 * rules, a same-host redirect followed by hand, retries while it is
 * unavailable), its Crawl-delay raising the host's gap, the answers cached
 * in the `hosts` table and reloaded at start, and the Sitemap lines whose
 * <loc> URLs of the government's own sites seed the frontier.
 *
 * Parsing is robots.c's; the transfers are started by crawl.c, which
 * calls crawl_robots_done() and crawl_sitemap_done() with their responses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crawl_internal.h"
#include "err.h"
#include "fetch.h"
#include "frontier.h"
#include "log.h"
#include "priority.h"
#include "robots.h"
#include "seeds.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

#define CRAWL_CRAWL_DELAY_MAX 30.0
#define CRAWL_ROBOTS_RETRIES 3
#define CRAWL_ROBOTS_RETRY_BASE 30.0 /* s, scaled by --delay */
#define CRAWL_SITEMAPS_PER_ORIGIN 3
#define CRAWL_SITEMAP_URLS 500
#define CRAWL_SITEMAP_PRIORITY (-20.0)

/* crawl_robots_prepare: the statement that records robots.txt answers */
int
crawl_robots_prepare(struct crawl *c)
{
	return store_prepare(c->st, &c->q_host,
	    "INSERT INTO hosts(origin, robots_status, robots_body, crawl_delay,"
	    " fetched_at, municipality_code, charged) VALUES (?,?,?,?,?,?,?)"
	    " ON CONFLICT(origin) DO UPDATE SET robots_status=excluded.robots_status,"
	    " robots_body=excluded.robots_body, crawl_delay=excluded.crawl_delay,"
	    " fetched_at=excluded.fetched_at,"
	    " municipality_code=coalesce(excluded.municipality_code, hosts.municipality_code),"
	    " charged=hosts.charged + excluded.charged");
}

/* ------------------------------------------------------------- robots */

static void
crawl_apply_robots(struct crawl *c, struct host *h, struct origin *o)
{
	double cd = robots_crawl_delay(o->robots);

	if (c->o->replay_dir)
		return;
	if (cd > CRAWL_CRAWL_DELAY_MAX)
		cd = CRAWL_CRAWL_DELAY_MAX;
	if (cd > h->delay) {
		log_info("%s: robots.txt crawl-delay %.3g s", o->origin, cd);
		h->delay = cd;
	}
}

static void
crawl_queue_sitemaps(struct crawl *c, struct host *h, struct origin *o)
{
	const char *const *maps;
	size_t n;
	long owner = frontier_owner(c->frontier, h->name);

	if (!c->o->sitemaps || owner < 0)
		return;
	maps = robots_sitemaps(o->robots, &n);
	for (size_t i = 0; i < n && i < CRAWL_SITEMAPS_PER_ORIGIN; i++) {
		char *url = NULL, *mh;
		struct sitemap_job *j;

		if (url_normalize(&url, o->origin, maps[i]) != 0) {
			err_clear();
			continue;
		}
		mh = url_host(url);
		/* a sitemap is fetched from its own host, which must be ours */
		if (mh == NULL || strcmp(mh, h->name) != 0) {
			free(mh);
			free(url);
			continue;
		}
		free(mh);
		j = xcalloc(1, sizeof(*j));
		j->url = url;
		j->gov = (uint32_t)owner;
		j->next = h->sitemaps;
		h->sitemaps = j;
	}
}

int
crawl_robots_done(struct crawl *c, struct host *h, struct origin *o, struct fetch_resp *r,
	double now)
{
	char when[32];
	long status = r->result == FETCH_OK ? r->status : -1;
	int rc;

	if (r->result == FETCH_PRIVATE) {
		/* no request was made: the host's URLs are refused, and the
		 * budget gets its request back */
		o->state = RB_NONE;
		if (o->charged_n > 0) {
			c->govs[o->charged_gov].used--;
			o->charged_n--;
		}
		return crawl_private_found(c, h, r);
	}
	if ((rc = crawl_archive(c, r)) != 0)
		return rc;
	robots_free(o->robots);
	o->robots = NULL;
	if (status >= 300 && status < 400 && r->location &&
	    o->robots_hops < CRAWL_MAX_REDIRECTS) {
		/* RFC 9309 2.3.1.2: follow up to five redirects and apply what
		 * is reached to this origin.  Hops on the same host (http ->
		 * https, /robots.txt -> /robots.txt?x) wait for this host's
		 * turn; a hop to another host is not followed and the file
		 * counts as absent, allow all (that host's own robots.txt rules
		 * its pages). */
		char *target = NULL, *thost = NULL;
		bool same;

		if (url_normalize(&target, r->url, r->location) != 0)
			err_clear();
		thost = target ? url_host(target) : NULL;
		same = thost && strcmp(thost, h->name) == 0;
		free(thost);
		if (same) {
			free(o->robots_url);
			o->robots_url = target;
			o->robots_hops++;
			o->state = RB_NONE;
			return 0;
		}
		free(target);
	}
	if (status >= 200 && status < 300) {
		o->robots = robots_parse(r->body.ptr ? r->body.ptr : "", r->body.len, CRAWL_PRODUCT);
		o->state = RB_READY;
	} else if (status >= 300 && status < 500 && status != 429) {
		o->robots = robots_allow_all();
		o->state = RB_READY;
	} else {
		/* 5xx, 429 (too many requests: the file exists but is not
		 * given now), a redirect loop, or no answer: nothing is allowed
		 * on this origin for now; ask again later in the run */
		char why[64];

		if (status > 0)
			snprintf(why, sizeof(why), "HTTP %ld", status);
		else
			snprintf(why, sizeof(why), "%s", r->reason);
		o->attempts++;
		if (o->attempts > CRAWL_ROBOTS_RETRIES) {
			log_warn("%s/robots.txt: unavailable (%s) after %d attempts; skipping the host",
			    o->origin, why, o->attempts);
			o->robots = robots_deny_all();
			o->state = RB_DEAD;
		} else {
			double base = CRAWL_ROBOTS_RETRY_BASE * (c->o->delay > 0 ? c->o->delay : 0.01);
			double ra = (status == 429 || status == 503) ?
			    fetch_retry_after(r->retry_after, time(NULL)) : -1;

			if (ra > CRAWL_RETRY_AFTER_MAX)
				ra = CRAWL_RETRY_AFTER_MAX;
			o->state = RB_WAIT;
			o->retry_at = now + (ra > base ? ra : base);
			log_info("%s/robots.txt: unavailable (%s); retrying in %.3g s", o->origin,
			    why, o->retry_at - now);
		}
	}
	if (o->state == RB_READY) {
		crawl_apply_robots(c, h, o);
		crawl_queue_sitemaps(c, h, o);
	}
	util_now_iso(when);
	sqlite3_bind_text(c->q_host, 1, o->origin, -1, SQLITE_STATIC);
	sqlite3_bind_int64(c->q_host, 2, status);
	if (status >= 200 && status < 300)
		sqlite3_bind_blob(c->q_host, 3, r->body.ptr ? r->body.ptr : "",
		    (int)r->body.len, SQLITE_STATIC);
	else
		sqlite3_bind_null(c->q_host, 3);
	if (o->robots && robots_crawl_delay(o->robots) > 0)
		sqlite3_bind_double(c->q_host, 4, robots_crawl_delay(o->robots));
	else
		sqlite3_bind_null(c->q_host, 4);
	sqlite3_bind_text(c->q_host, 5, when, -1, SQLITE_TRANSIENT);
	if (o->charged_gov >= 0)
		sqlite3_bind_text(c->q_host, 6, c->govs[o->charged_gov].seed->code, -1,
		    SQLITE_STATIC);
	else
		sqlite3_bind_null(c->q_host, 6);
	sqlite3_bind_int(c->q_host, 7, o->charged_n);
	o->charged_n = 0;
	rc = store_step(c->st, c->q_host, "record robots.txt");
	sqlite3_clear_bindings(c->q_host);
	return rc;
}

/* crawl_load_robots: the robots.txt answers of an earlier invocation on this
 * folder (the cache lasts the whole run, across resumes) */
int
crawl_load_robots(struct crawl *c)
{
	sqlite3_stmt *s = NULL;
	int rc, r;

	if ((rc = store_prepare(c->st, &s,
	    "SELECT origin, robots_status, robots_body FROM hosts"
	    " WHERE robots_status BETWEEN 200 AND 499 AND robots_status <> 429")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *origin = store_text(s, 0);
		long status = sqlite3_column_int64(s, 1);
		char *hn = url_host(origin);
		struct host *h;
		struct origin *o;

		if (hn == NULL)
			continue;
		h = crawl_host(c, hn);
		free(hn);
		o = crawl_origin(h, origin);
		if (status < 300)
			o->robots = robots_parse(sqlite3_column_blob(s, 2),
			    (size_t)sqlite3_column_bytes(s, 2), CRAWL_PRODUCT);
		else
			o->robots = robots_allow_all();
		o->state = RB_READY;
		crawl_apply_robots(c, h, o);
	}
	if (r != SQLITE_DONE)
		rc = store_fail(c->st, "read hosts");
	sqlite3_finalize(s);
	return rc;
}


/* ------------------------------------------------------------ sitemaps */

static const char *
crawl_find(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

int
crawl_sitemap_done(struct crawl *c, struct host *h, struct fetch_resp *r)
{
	struct sitemap_job *j = h->xsitemap;
	struct frontier_pendings pend = FRONTIER_PENDINGS_INIT;
	const char *p, *end;
	size_t count = 0;
	int rc;

	h->xsitemap = NULL;
	if (r->result == FETCH_PRIVATE) {
		rc = crawl_private_found(c, h, r);
		goto out;
	}
	if ((rc = crawl_archive(c, r)) != 0)
		goto out;
	if (r->result != FETCH_OK || r->status != 200 || r->body.len == 0)
		goto out;
	if ((rc = store_begin(c->st)) != 0)
		goto out;
	p = r->body.ptr;
	end = p + r->body.len;
	while (count < CRAWL_SITEMAP_URLS && (p = crawl_find(p, (size_t)(end - p), "<loc>")) != NULL) {
		const char *s = p + 5, *e = crawl_find(s, (size_t)(end - s), "</loc>");
		char *raw, *url = NULL;
		const char *reason;
		bool offsite;
		enum frontier_verdict v;

		if (e == NULL)
			break;
		p = e + 6;
		raw = xstrndup(s, (size_t)(e - s));
		if (url_normalize(&url, NULL, raw) == 0) {
			char *uh = url_host(url);

			/* sitemaps only add pages of the government's own sites
			 * (judged only then: another site's URL must not count
			 * against the off-site hosts) */
			v = frontier_owner(c->frontier, uh) == (long)j->gov ?
			    frontier_judge(c->frontier, j->gov, url, NULL, 1, &offsite, &reason) : FRONTIER_IGNORE;
			free(uh);
			if (v == FRONTIER_QUEUE && !offsite) {
				rc = frontier_upsert(c->frontier, &pend, url, j->gov, 1,
				    priority_score(c->prio, NULL, url, 0) + CRAWL_SITEMAP_PRIORITY,
				    0, NULL, false, "queued", "sitemap");
				count++;
			}
		} else {
			err_clear();
		}
		free(url);
		free(raw);
		if (rc != 0)
			break;
	}
	if (rc == 0)
		rc = store_commit(c->st);
	if (rc != 0) {
		store_rollback(c->st);
		crawl_pendings_flush(c, &pend, false);
	} else {
		crawl_pendings_flush(c, &pend, true);
		log_debug("%s: %zu URLs from the sitemap", j->url, count);
	}
out:
	free(j->url);
	free(j);
	return rc;
}
