/*
 * crawl: the event loop, the per-host queues and the frontier decisions
 * (see crawl.h and docs/CRAWLER.md).
 *
 * Invariants:
 *  - every queued frontier row of a government in this crawl is in exactly
 *    one host's heap, or is that host's current entry (h->cur);
 *  - a host has at most one transfer in flight (h->busy), and its next
 *    transfer starts no earlier than h->next_due: the start of the previous
 *    request plus the host's delay, and at least a quarter of the delay
 *    after its response ended;
 *  - the database changes for one response (page, frontier state, links,
 *    scope) are one transaction; the heaps are updated after the commit, so
 *    memory never holds what the database does not;
 *  - gov->used counts the requests charged to a government's page budget:
 *    committed ones (reloaded at start from the frontier) and in-flight ones.
 */
#include "crawl.h"

#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "addr.h"
#include "buf.h"
#include "charset.h"
#include "err.h"
#include "extract.h"
#include "fetch.h"
#include "jsonw.h"
#include "log.h"
#include "paths.h"
#include "pqueue.h"
#include "priority.h"
#include "robots.h"
#include "seeds.h"
#include "store.h"
#include "store_internal.h"
#include "strmap.h"
#include "url.h"
#include "util.h"
#include "warc.h"
#include "xalloc.h"

/* priority of seeds and start URLs (depth 0: fetched before their links
 * anyway; the value only seeds the parent term of their links) */
#define CRAWL_SEED_PRIORITY 10.0
#define CRAWL_MAX_REDIRECTS 5
#define CRAWL_MAX_QUERY_VARIANTS 10
#define CRAWL_RETRY_AFTER_MAX 60.0
#define CRAWL_CRAWL_DELAY_MAX 30.0
#define CRAWL_ROBOTS_RETRIES 3
#define CRAWL_ROBOTS_RETRY_BASE 30.0 /* s, scaled by --delay */
#define CRAWL_SITEMAPS_PER_ORIGIN 3
#define CRAWL_SITEMAP_URLS 500
#define CRAWL_SITEMAP_PRIORITY (-20.0)
#define CRAWL_SITEMAP_MAX (10u * 1024u * 1024u)
/* answers of 429 or 503 in a row after which a host is given up */
#define CRAWL_HOST_BUSY_MAX 10

static volatile sig_atomic_t crawl_stop_flag;

void
crawl_interrupt(void)
{
	crawl_stop_flag = 1;
}

struct gov {
	const struct seed *seed;
	long used;   /* requests charged to the budget */
	long offsite_hosts; /* off-site hosts its links may reach */
	bool capped_logged;
	bool offsite_logged;
};

enum robots_state { RB_NONE, RB_FETCHING, RB_READY, RB_WAIT, RB_DEAD };

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

struct sitemap_job {
	char *url;
	uint32_t gov;
	struct sitemap_job *next;
};

enum xfer_kind { X_NONE, X_ROBOTS, X_PAGE, X_SITEMAP };

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

/* urlset: every URL in the frontier, as a 64-bit hash, with one flag: may
 * the row still be revived (refused offsite, skipped max_depth).  Lets the
 * crawler drop the links it already knows without asking the database;
 * 9 bytes a URL. */
struct urlset {
	uint64_t *k; /* 0: empty */
	uint8_t *revivable;
	size_t cap, n;
};

struct crawl {
	struct store *st;
	sqlite3 *db;
	const struct crawl_opts *o;
	int64_t run_id;
	struct gov *govs;
	size_t ngov;
	struct strmap *gov_by_code; /* code -> index + 1 */
	struct strmap *hosts;       /* name -> struct host */
	struct host **hostv;
	size_t nhost;
	struct strmap *scope;       /* host name -> gov index + 1 */
	struct strmap *trusted;     /* the seeds' own hosts: may be private */
	struct strmap *qvariants;   /* URL without query -> distinct queries + 1 */
	struct strmap *offsite;     /* "gov index\thost" of off-site hosts reached */
	struct urlset known;
	struct priority *prio;
	struct fetcher *fetcher;
	struct warc *warc;
	struct store *since;
	sqlite3_stmt *q_item, *q_state, *q_upsert, *q_exists, *q_page, *q_scope,
	    *q_host, *q_since, *q_since_body;
	struct crawl_stats stats;
	double started;
	double last_progress;
	double last_flush;
	bool tty;
	unsigned rng;
	char *ua;
};

/* ---------------------------------------------------------------- helpers */

static void *
crawl_idx_val(size_t i)
{
	return (void *)(uintptr_t)(i + 1);
}

static long
crawl_val_idx(void *v)
{
	return v ? (long)(uintptr_t)v - 1 : -1;
}

static long
crawl_scope_owner(struct crawl *c, const char *host)
{
	return host ? crawl_val_idx(strmap_get(c->scope, host)) : -1;
}

/* crawl_may_be_private: may this host be at a private address: the
 * seeds' own hosts (the user named them) and everything under
 * --allow-private */
static bool
crawl_may_be_private(struct crawl *c, const char *host)
{
	return c->o->allow_private || (host && strmap_get(c->trusted, host) != NULL);
}

/* crawl_private_host: a host the crawler must not contact: a private name
 * or address literal, or a name already seen resolving to a private
 * address (fetch.c refused the connection) */
static bool
crawl_private_host(struct crawl *c, const char *host)
{
	const struct host *h;

	if (host == NULL || crawl_may_be_private(c, host))
		return false;
	if (addr_host_private(host))
		return true;
	h = strmap_get(c->hosts, host);
	return h && h->private_addr;
}

static double
crawl_jitter(struct crawl *c)
{
	c->rng = c->rng * 1103515245u + 12345u;
	return (double)((c->rng >> 16) & 0x7fff) / 32768.0;
}

static bool
crawl_is_html_type(const char *ct)
{
	return ct && (strncasecmp(ct, "text/html", 9) == 0 ||
	    strncasecmp(ct, "application/xhtml+xml", 21) == 0);
}

/* crawl_doc_kind: "html", "pdf" or NULL, from the type or, without one,
 * from the bytes */
static const char *
crawl_doc_kind(const char *ct, const char *body, size_t len)
{
	while (ct && *ct == ' ')
		ct++;
	if (ct && *ct) {
		if (crawl_is_html_type(ct))
			return "html";
		if (strncasecmp(ct, "application/pdf", 15) == 0)
			return "pdf";
		if (strncasecmp(ct, "application/octet-stream", 24) != 0)
			return NULL;
	}
	if (len >= 5 && memcmp(body, "%PDF-", 5) == 0)
		return "pdf";
	for (size_t i = 0; i < len && i < 512; i++) {
		if (body[i] == '<')
			return "html";
		if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r' && body[i] != '\n' &&
		    (unsigned char)body[i] != 0xEF && (unsigned char)body[i] != 0xBB &&
		    (unsigned char)body[i] != 0xBF)
			break;
	}
	return NULL;
}

/* crawl_skip_ext: links whose file extension says they are not HTML or PDF
 * are recorded as skipped without spending a request on them */
static bool
crawl_skip_ext(const char *url)
{
	static const char *const exts[] = {
		"jpg", "jpeg", "png", "gif", "bmp", "svg", "webp", "ico", "tif", "tiff",
		"zip", "lzh", "gz", "tgz", "7z", "rar", "exe", "msi", "dmg",
		"doc", "docx", "xls", "xlsx", "xlsm", "ppt", "pptx", "odt", "ods", "jtd", "rtf",
		"csv", "txt", "xml", "json", "ics", "kml", "css", "js",
		"mp3", "mp4", "m4a", "wav", "avi", "mov", "wmv", "flv", "mpg", "mpeg",
	};
	const char *path = url_path(url), *end, *dot, *slash;
	size_t n;

	if (!path)
		path = url + strcspn(url, "/");
	end = path + strcspn(path, "?#");
	slash = path;
	for (const char *s = path; s < end; s++)
		if (*s == '/')
			slash = s;
	dot = NULL;
	for (const char *s = slash; s < end; s++)
		if (*s == '.')
			dot = s;
	if (dot == NULL)
		return false;
	n = (size_t)(end - dot - 1);
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
		if (strlen(exts[i]) == n && strncasecmp(dot + 1, exts[i], n) == 0)
			return true;
	return false;
}

static void
crawl_item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->url);
	free(it->anchor);
	free(it);
}

static struct host *
crawl_host(struct crawl *c, const char *name)
{
	struct host *h = strmap_get(c->hosts, name);

	if (h)
		return h;
	h = xcalloc(1, sizeof(*h));
	h->name = xstrdup(name);
	h->delay = c->o->replay_dir ? 0 : c->o->delay;
	strmap_put(c->hosts, name, h);
	c->hostv = xreallocarray(c->hostv, c->nhost + 1, sizeof(*c->hostv));
	c->hostv[c->nhost++] = h;
	return h;
}

static void
crawl_host_free(struct host *h)
{
	struct origin *o, *on;
	struct sitemap_job *j, *jn;

	pqueue_free(&h->q);
	crawl_item_free(h->cur);
	for (o = h->origins; o; o = on) {
		on = o->next;
		free(o->origin);
		free(o->robots_url);
		robots_free(o->robots);
		free(o);
	}
	for (j = h->sitemaps; j; j = jn) {
		jn = j->next;
		free(j->url);
		free(j);
	}
	if (h->xsitemap) {
		free(h->xsitemap->url);
		free(h->xsitemap);
	}
	fetch_slot_free(h->slot);
	free(h->name);
	free(h);
}

static struct origin *
crawl_origin(struct host *h, const char *origin)
{
	struct origin *o;

	for (o = h->origins; o; o = o->next)
		if (strcmp(o->origin, origin) == 0)
			return o;
	o = xcalloc(1, sizeof(*o));
	o->origin = xstrdup(origin);
	o->charged_gov = -1;
	o->next = h->origins;
	h->origins = o;
	return o;
}

static void
crawl_push(struct crawl *c, int64_t id, const char *url, double prio, uint32_t gov)
{
	char *hn = url_host(url);
	struct host *h;
	struct pq_item it;

	if (hn == NULL)
		return;
	h = crawl_host(c, hn);
	free(hn);
	it.prio = prio;
	it.id = id;
	it.gov = gov;
	pqueue_push(&h->q, it);
}

/* crawl_qkey: the URL without its query, or NULL when it has none */
static char *
crawl_qkey(const char *url)
{
	const char *q = strchr(url, '?');

	return q ? xstrndup(url, (size_t)(q - url)) : NULL;
}

static void
crawl_now(char out[32])
{
	util_now_iso(out);
}

static uint64_t
crawl_url_hash(const char *url)
{
	uint64_t h = util_fnv1a64(url);

	h ^= h >> 31;
	return h ? h : 1;
}

static size_t
urlset_slot(const struct urlset *u, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & (u->cap - 1);

	while (u->k[i] && u->k[i] != h)
		i = (i + 1) & (u->cap - 1);
	return i;
}

/* urlset_get: -1 unknown, 0 known for good, 1 known and revivable */
static int
urlset_get(const struct urlset *u, const char *url)
{
	size_t i;
	uint64_t h;

	if (u->cap == 0)
		return -1;
	h = crawl_url_hash(url);
	i = urlset_slot(u, h);
	return u->k[i] ? u->revivable[i] : -1;
}

static void
urlset_put(struct urlset *u, const char *url, bool revivable)
{
	uint64_t h = crawl_url_hash(url);
	size_t i;

	if ((u->n + 1) * 2 > u->cap) {
		struct urlset old = *u;

		u->cap = u->cap ? u->cap * 2 : 4096;
		u->k = xcalloc(u->cap, sizeof(*u->k));
		u->revivable = xcalloc(u->cap, 1);
		u->n = 0;
		for (size_t j = 0; j < old.cap; j++) {
			if (old.k[j]) {
				size_t t = urlset_slot(u, old.k[j]);

				u->k[t] = old.k[j];
				u->revivable[t] = old.revivable[j];
				u->n++;
			}
		}
		free(old.k);
		free(old.revivable);
	}
	i = urlset_slot(u, h);
	if (!u->k[i]) {
		u->k[i] = h;
		u->n++;
	}
	u->revivable[i] = revivable ? 1 : 0;
}

static bool
crawl_revivable(const char *state, const char *reason)
{
	return reason && ((strcmp(state, "refused") == 0 && strcmp(reason, "offsite") == 0) ||
	    (strcmp(state, "skipped") == 0 && strcmp(reason, "max_depth") == 0));
}

/* ---------------------------------------------------------- SQL helpers */

static int
crawl_step_done(struct crawl *c, sqlite3_stmt *s, const char *what)
{
	int r = sqlite3_step(s);

	sqlite3_reset(s);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return store_fail(c->st, what);
	return 0;
}

static int
crawl_prepare(struct crawl *c)
{
	int rc;

	/* crawl_scope is in the schema (core/store.c, migration 2) */
	if ((rc = store_prepare(c->st, &c->q_item,
	    "SELECT url, municipality_code, depth, priority, offsite, anchor, reason, state"
	    " FROM frontier WHERE id=?")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_state,
	    "UPDATE frontier SET state=?, reason=?, http_status=?, attempts=?, updated_at=?"
	    " WHERE id=?")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_upsert,
	    "INSERT INTO frontier(url, municipality_code, depth, priority, parent_id, anchor,"
	    " offsite, state, reason, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"
	    " ON CONFLICT(url) DO UPDATE SET municipality_code=excluded.municipality_code,"
	    " depth=excluded.depth, priority=excluded.priority, parent_id=excluded.parent_id,"
	    " anchor=excluded.anchor, offsite=excluded.offsite, state=excluded.state,"
	    " reason=excluded.reason, http_status=NULL, attempts=0, updated_at=excluded.updated_at"
	    " WHERE excluded.state='queued' AND ((frontier.state='refused' AND"
	    " frontier.reason='offsite') OR (frontier.state='skipped' AND"
	    " frontier.reason='max_depth'))"
	    " RETURNING id, state")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_exists,
	    "SELECT state, reason FROM frontier WHERE url=?")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_page,
	    "INSERT OR REPLACE INTO pages(frontier_id, municipality_code, url, final_url,"
	    " http_status, content_type, kind, headers, charset, charset_reason, etag,"
	    " last_modified, body_sha256, body, body_len, truncated, revisit, fetched_at, run_id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_scope,
	    "INSERT OR IGNORE INTO crawl_scope(municipality_code, host) VALUES (?,?)")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_host,
	    "INSERT INTO hosts(origin, robots_status, robots_body, crawl_delay,"
	    " fetched_at, municipality_code, charged) VALUES (?,?,?,?,?,?,?)"
	    " ON CONFLICT(origin) DO UPDATE SET robots_status=excluded.robots_status,"
	    " robots_body=excluded.robots_body, crawl_delay=excluded.crawl_delay,"
	    " fetched_at=excluded.fetched_at,"
	    " municipality_code=coalesce(excluded.municipality_code, hosts.municipality_code),"
	    " charged=hosts.charged + excluded.charged")) != 0)
		return rc;
	if (c->since) {
		if ((rc = store_prepare(c->since, &c->q_since,
		    "SELECT etag, last_modified FROM pages WHERE url=? AND http_status=200"
		    " ORDER BY id DESC LIMIT 1")) != 0 ||
		    (rc = store_prepare(c->since, &c->q_since_body,
		    "SELECT final_url, content_type, kind, headers, charset, charset_reason, etag,"
		    " last_modified, body_sha256, body, body_len, truncated, fetched_at"
		    " FROM pages WHERE url=? AND http_status=200 ORDER BY id DESC LIMIT 1")) != 0)
			return rc;
	}
	return 0;
}

static void
crawl_finalize_stmts(struct crawl *c)
{
	sqlite3_finalize(c->q_item);
	sqlite3_finalize(c->q_state);
	sqlite3_finalize(c->q_upsert);
	sqlite3_finalize(c->q_exists);
	sqlite3_finalize(c->q_page);
	sqlite3_finalize(c->q_scope);
	sqlite3_finalize(c->q_host);
	sqlite3_finalize(c->q_since);
	sqlite3_finalize(c->q_since_body);
}

/* crawl_set_state: a frontier row's final state (outside a page's
 * transaction: one autocommit statement) */
static int
crawl_set_state(struct crawl *c, int64_t id, const char *state, const char *reason,
	long http_status, int attempts)
{
	char now[32];

	crawl_now(now);
	sqlite3_bind_text(c->q_state, 1, state, -1, SQLITE_STATIC);
	if (reason)
		sqlite3_bind_text(c->q_state, 2, reason, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(c->q_state, 2);
	if (http_status > 0)
		sqlite3_bind_int64(c->q_state, 3, http_status);
	else
		sqlite3_bind_null(c->q_state, 3);
	sqlite3_bind_int(c->q_state, 4, attempts);
	sqlite3_bind_text(c->q_state, 5, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(c->q_state, 6, id);
	if (strcmp(state, "failed") == 0)
		c->stats.failed++;
	else if (strcmp(state, "fetched") != 0)
		c->stats.refused++;
	return crawl_step_done(c, c->q_state, "update frontier");
}

/* a link or redirect target waiting to enter the heaps after the commit */
struct pending {
	int64_t id;
	char *url;
	double prio;
	uint32_t gov;
};

struct pendings {
	struct pending *v;
	size_t n;
};

static void
crawl_pendings_flush(struct crawl *c, struct pendings *p, bool push)
{
	for (size_t i = 0; i < p->n; i++) {
		if (push)
			crawl_push(c, p->v[i].id, p->v[i].url, p->v[i].prio, p->v[i].gov);
		free(p->v[i].url);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* crawl_upsert: inserts a frontier row (or revives an upgradable one);
 * queued rows are collected in pend */
static int
crawl_upsert(struct crawl *c, struct pendings *pend, const char *url, uint32_t gov,
	int depth, double prio, int64_t parent, const char *anchor, bool offsite,
	const char *state, const char *reason)
{
	char now[32];
	int r;

	crawl_now(now);
	sqlite3_bind_text(c->q_upsert, 1, url, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_upsert, 2, c->govs[gov].seed->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(c->q_upsert, 3, depth);
	sqlite3_bind_double(c->q_upsert, 4, prio);
	if (parent > 0)
		sqlite3_bind_int64(c->q_upsert, 5, parent);
	else
		sqlite3_bind_null(c->q_upsert, 5);
	if (anchor)
		sqlite3_bind_text(c->q_upsert, 6, anchor, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(c->q_upsert, 6);
	sqlite3_bind_int(c->q_upsert, 7, offsite ? 1 : 0);
	sqlite3_bind_text(c->q_upsert, 8, state, -1, SQLITE_STATIC);
	if (reason)
		sqlite3_bind_text(c->q_upsert, 9, reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(c->q_upsert, 9);
	sqlite3_bind_text(c->q_upsert, 10, now, -1, SQLITE_TRANSIENT);
	while ((r = sqlite3_step(c->q_upsert)) == SQLITE_ROW) {
		urlset_put(&c->known, url, crawl_revivable(state, reason));
		if (strcmp(store_text(c->q_upsert, 1), "queued") == 0 && pend) {
			struct pending *p;

			pend->v = xreallocarray(pend->v, pend->n + 1, sizeof(*pend->v));
			p = &pend->v[pend->n++];
			p->id = sqlite3_column_int64(c->q_upsert, 0);
			p->url = xstrdup(url);
			p->prio = prio;
			p->gov = gov;
		} else if (strcmp(state, "queued") != 0) {
			if (strcmp(state, "failed") == 0)
				c->stats.failed++;
			else
				c->stats.refused++;
		}
	}
	sqlite3_reset(c->q_upsert);
	sqlite3_clear_bindings(c->q_upsert);
	if (r != SQLITE_DONE)
		return store_fail(c->st, "insert into frontier");
	return 0;
}

static int
crawl_add_scope(struct crawl *c, uint32_t gov, const char *host)
{
	long owner = crawl_scope_owner(c, host);

	if (owner >= 0)
		return 0;
	strmap_put(c->scope, host, crawl_idx_val(gov));
	sqlite3_bind_text(c->q_scope, 1, c->govs[gov].seed->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_scope, 2, host, -1, SQLITE_STATIC);
	log_debug("%s: %s in the scope of %s", c->govs[gov].seed->code, host,
	    c->govs[gov].seed->name);
	return crawl_step_done(c, c->q_scope, "record scope");
}

/* ------------------------------------------------------------ judging */

/* crawl_offsite_host: may government gov follow a link to off-site host:
 * yes when the host is one it reached already, or while it has reached
 * fewer than --max-offsite-hosts (then the host counts from now on).
 * Keeps one page with thousands of links to other sites from costing
 * hundreds of robots.txt requests. */
static bool
crawl_offsite_host(struct crawl *c, uint32_t gov, const char *host, bool enforce)
{
	char *key = xasprintf("%u\t%s", gov, host);
	bool ok = true;

	if (strmap_get(c->offsite, key) == NULL) {
		if (enforce && c->govs[gov].offsite_hosts >= c->o->max_offsite_hosts) {
			ok = false;
			if (!c->govs[gov].offsite_logged) {
				c->govs[gov].offsite_logged = true;
				log_info("%s: %d off-site hosts reached; links to more are refused",
				    c->govs[gov].seed->code, c->o->max_offsite_hosts);
			}
		} else {
			strmap_put(c->offsite, key, crawl_idx_val(0));
			c->govs[gov].offsite_hosts++;
		}
	}
	free(key);
	return ok;
}

enum verdict { V_QUEUE, V_REFUSE, V_SKIP, V_IGNORE };

/* crawl_judge: what becomes of a link found by government gov at depth
 * (the link's own depth); *offsite_out and *reason_out say how */
static enum verdict
crawl_judge(struct crawl *c, uint32_t gov, const char *url, const char *anchor, int depth,
	bool *offsite_out, const char **reason_out)
{
	char *host = url_host(url), *qkey;
	long owner;
	int r, known;
	enum verdict v = V_QUEUE;

	*offsite_out = false;
	*reason_out = NULL;
	if (host == NULL)
		return V_IGNORE;
	/* known already: only a refused off-site or too-deep row can be
	 * revived (by a government that may follow it) */
	known = urlset_get(&c->known, url);
	if (known == 0) {
		v = V_IGNORE;
		goto out;
	}
	r = SQLITE_DONE;
	if (known == 1) {
		sqlite3_bind_text(c->q_exists, 1, url, -1, SQLITE_STATIC);
		r = sqlite3_step(c->q_exists);
	}
	if (r == SQLITE_ROW) {
		const char *st = store_text(c->q_exists, 0), *rs = store_text(c->q_exists, 1);
		bool revivable = (strcmp(st, "refused") == 0 && strcmp(rs, "offsite") == 0) ||
		    (strcmp(st, "skipped") == 0 && strcmp(rs, "max_depth") == 0);

		if (!revivable)
			v = V_IGNORE;
	}
	sqlite3_reset(c->q_exists);
	if (v == V_IGNORE)
		goto out;
	owner = crawl_scope_owner(c, host);
	if (owner >= 0 && owner != (long)gov) {
		/* another government's site: that government's pages */
		v = V_IGNORE;
		goto out;
	}
	if (crawl_private_host(c, host)) {
		/* loopback, a private network, a metadata service, "intranet" */
		*offsite_out = owner < 0;
		*reason_out = "private_address";
		v = V_REFUSE;
		goto out;
	}
	if (owner < 0) {
		*offsite_out = true;
		if (!priority_offsite_ok(c->prio, anchor, url)) {
			*reason_out = "offsite";
			v = V_REFUSE;
			goto out;
		}
	}
	if (url_is_trap(url)) {
		*reason_out = "trap";
		v = V_REFUSE;
		goto out;
	}
	if (depth > c->o->max_depth) {
		*reason_out = "max_depth";
		v = V_SKIP;
		goto out;
	}
	if (crawl_skip_ext(url)) {
		*reason_out = "type";
		v = V_SKIP;
		goto out;
	}
	if (owner < 0 && !crawl_offsite_host(c, gov, host, true)) {
		*reason_out = "offsite_hosts";
		v = V_REFUSE;
		goto out;
	}
	if ((qkey = crawl_qkey(url)) != NULL) {
		long n = crawl_val_idx(strmap_get(c->qvariants, qkey)) + 1;

		if (n >= CRAWL_MAX_QUERY_VARIANTS) {
			*reason_out = "trap";
			v = V_REFUSE;
		} else {
			strmap_put(c->qvariants, qkey, crawl_idx_val((size_t)n));
		}
		free(qkey);
	}
out:
	free(host);
	return v;
}

/* crawl_add_link: judges and records one link inside a transaction */
static int
crawl_add_link(struct crawl *c, struct pendings *pend, const struct item *parent,
	const char *href, const char *anchor)
{
	char *url = NULL;
	const char *reason;
	bool offsite;
	int rc = 0;
	enum verdict v;
	double prio;

	if (url_normalize(&url, NULL, href) != 0) {
		err_clear();
		return 0;
	}
	v = crawl_judge(c, parent->gov, url, anchor, parent->depth + 1, &offsite, &reason);
	if (v == V_IGNORE)
		goto out;
	prio = priority_score(c->prio, anchor, url, parent->prio);
	rc = crawl_upsert(c, pend, url, parent->gov, parent->depth + 1, prio, parent->id,
	    anchor, offsite, v == V_QUEUE ? "queued" : v == V_REFUSE ? "refused" : "skipped",
	    reason);
out:
	free(url);
	return rc;
}

/* --------------------------------------------------------------- WARC */

/* crawl_warc_head: the response head as received (warc.c rewrites the
 * framing headers to match the decoded body and keeps the originals) */
static char *
crawl_warc_head(const struct fetch_resp *r)
{
	if (r->head.len == 0)
		return xasprintf("HTTP/1.1 %ld \r\n\r\n", r->status);
	return xstrdup(buf_cstr(&r->head));
}

static int
crawl_archive(struct crawl *c, const struct fetch_resp *r)
{
	char now[32], *head;
	int rc;

	if (c->warc == NULL || r->result != FETCH_OK)
		return 0;
	crawl_now(now);
	head = crawl_warc_head(r);
	rc = warc_write_exchange(c->warc, r->url, now,
	    r->req_head.len ? buf_cstr(&r->req_head) : "GET / HTTP/1.1\r\n\r\n", head,
	    r->body.ptr ? r->body.ptr : "", r->body.len, r->truncated);
	free(head);
	return rc;
}

/* ------------------------------------------------------ private hosts */

/* crawl_private_found: fetch.c refused to connect host because its name
 * resolved to a private address.  Its URLs are refused from now on, and
 * if a redirect had added it to a government's scope, it leaves the scope
 * again (a seed's own hosts never get here: they may be private). */
static int
crawl_private_found(struct crawl *c, struct host *h, const struct fetch_resp *r)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;

	if (!h->private_addr)
		log_warn("%s: resolves to the private address %s; its URLs are refused"
		    " (--allow-private fetches them)", h->name, r->private_addr);
	h->private_addr = true;
	if (crawl_scope_owner(c, h->name) < 0)
		return 0;
	strmap_put(c->scope, h->name, NULL);
	if ((rc = store_prepare(c->st, &s, "DELETE FROM crawl_scope WHERE host=?")) != 0)
		return rc;
	sqlite3_bind_text(s, 1, h->name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail(c->st, "remove a private host from the scope");
	sqlite3_finalize(s);
	return rc;
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
	long owner = crawl_scope_owner(c, h->name);

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

static int
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
	crawl_now(when);
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
	rc = crawl_step_done(c, c->q_host, "record robots.txt");
	sqlite3_clear_bindings(c->q_host);
	return rc;
}

/* crawl_load_robots: the robots.txt answers of an earlier invocation on this
 * folder (the cache lasts the whole run, across resumes) */
static int
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

/* ------------------------------------------------------------- pages */

static int
crawl_store_page(struct crawl *c, struct item *it, const struct fetch_resp *r,
	const char *kind, const char *body, size_t len, bool revisit,
	const char *charset, const char *charset_reason, const char *content_type,
	const char *headers, const char *etag, const char *last_modified,
	const void *zbody, size_t zlen, const char *sha, bool truncated, long status)
{
	char now[32];

	(void)body;
	crawl_now(now);
	sqlite3_bind_int64(c->q_page, 1, it->id);
	sqlite3_bind_text(c->q_page, 2, c->govs[it->gov].seed->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 3, it->url, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 4, r && r->url ? r->url : it->url, -1, SQLITE_STATIC);
	sqlite3_bind_int64(c->q_page, 5, status);
	sqlite3_bind_text(c->q_page, 6, content_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 7, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 8, headers, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 9, charset, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 10, charset_reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 11, etag, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 12, last_modified, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->q_page, 13, sha, -1, SQLITE_STATIC);
	sqlite3_bind_blob(c->q_page, 14, zbody, (int)zlen, SQLITE_STATIC);
	sqlite3_bind_int64(c->q_page, 15, (sqlite3_int64)len);
	sqlite3_bind_int(c->q_page, 16, truncated ? 1 : 0);
	sqlite3_bind_int(c->q_page, 17, revisit ? 1 : 0);
	sqlite3_bind_text(c->q_page, 18, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(c->q_page, 19, c->run_id);
	{
		int rc = crawl_step_done(c, c->q_page, "store page");

		sqlite3_clear_bindings(c->q_page);
		return rc;
	}
}

/* crawl_links: records the links of an HTML page (UTF-8) */
static int
crawl_links(struct crawl *c, struct pendings *pend, struct item *it, const char *html,
	size_t len, const char *page_url)
{
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct extract_page *pg = NULL;
	int rc = 0;

	/* an off-site page is one hop: its links are not followed at all */
	if (it->offsite)
		return 0;
	eo.url = page_url;
	if (extract_html(&pg, html, len, &eo) != 0) {
		log_warn("%s: no links extracted: %s", page_url, err_msg());
		err_clear();
		return 0;
	}
	for (size_t i = 0; i < pg->nlinks && rc == 0; i++)
		if (pg->links[i].href && *pg->links[i].href)
			rc = crawl_add_link(c, pend, it, pg->links[i].href, pg->links[i].text);
	extract_page_free(pg);
	return rc;
}

/* crawl_page_commit: the rest of a page's transaction, after its row is
 * stored: its state (fetched, or failed for a page that cannot be read),
 * reason and status, links of an HTML page, commit.  On failure everything
 * since store_begin() is rolled back. */
static int
crawl_page_commit(struct crawl *c, struct item *it, const char *kind, const char *text,
	size_t tlen, const char *state, const char *reason, long status)
{
	struct pendings pend = { NULL, 0 };
	int rc;

	if ((rc = crawl_set_state(c, it->id, state, reason, status, it->attempts)) != 0)
		goto fail;
	if (strcmp(kind, "html") == 0 && (rc = crawl_links(c, &pend, it, text, tlen, it->url)) != 0)
		goto fail;
	if ((rc = store_commit(c->st)) != 0)
		goto fail;
	c->stats.pages++;
	crawl_pendings_flush(c, &pend, true);
	return 0;
fail:
	store_rollback(c->st);
	crawl_pendings_flush(c, &pend, false);
	return rc;
}

/* crawl_page_done: a 2xx response of HTML or PDF: page, state and links in
 * one transaction */
static int
crawl_page_done(struct crawl *c, struct host *h, struct item *it, struct fetch_resp *r,
	const char *kind)
{
	struct charset_result cs = { NULL, 0, NULL, NULL };
	const char *body = r->body.ptr ? r->body.ptr : "";
	size_t len = r->body.len;
	char *z = NULL, sha[65];
	size_t zlen = 0;
	int rc;

	(void)h;
	if (strcmp(kind, "html") == 0) {
		if ((rc = charset_decode(&cs, body, len, r->content_type)) != 0) {
			log_warn("%s: cannot decode: %s", it->url, err_msg());
			err_clear();
			return crawl_set_state(c, it->id, "failed", "charset", r->status, it->attempts);
		}
		body = cs.utf8;
		len = cs.len;
	}
	if ((rc = util_zcompress(&z, &zlen, body, len)) != 0)
		goto out;
	util_sha256_hex(sha, body, len);
	if ((rc = store_begin(c->st)) != 0)
		goto out;
	if ((rc = crawl_store_page(c, it, r, kind, body, len, false, cs.charset, cs.reason,
	    r->content_type, buf_cstr(&r->head), r->etag, r->last_modified, z, zlen, sha,
	    r->truncated, r->status)) != 0) {
		store_rollback(c->st);
		goto out;
	}
	/* a cut HTML page is read up to the cut; a cut PDF has lost its
	 * cross-reference table and trailer, which come last: it is kept
	 * (pages.truncated) for what a reader can salvage, but it is listed
	 * in failures.csv as failed truncated */
	rc = crawl_page_commit(c, it, kind, body, len,
	    r->truncated && strcmp(kind, "pdf") == 0 ? "failed" : "fetched",
	    r->truncated ? "truncated" : NULL, r->status);
out:
	free(z);
	charset_result_free(&cs);
	return rc;
}

/* crawl_revisit_done: a 304 under --since: the old body, marked revisit */
static int
crawl_revisit_done(struct crawl *c, struct item *it, struct fetch_resp *r)
{
	sqlite3_stmt *s = c->q_since_body;
	char *text = NULL, now[32], digest[48], *head = NULL;
	size_t tlen = 0;
	int rc = 0;

	sqlite3_bind_text(s, 1, it->url, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		/* the old folder has no body to reuse: a plain failure */
		return crawl_set_state(c, it->id, "failed", "http_304", 304, it->attempts);
	}
	if ((rc = util_zuncompress(&text, &tlen, sqlite3_column_blob(s, 9),
	    (size_t)sqlite3_column_bytes(s, 9), 64u * 1024u * 1024u)) != 0)
		goto out;
	crawl_now(now);
	util_sha1_base32(digest, text, tlen);
	head = crawl_warc_head(r);
	if (c->warc && (rc = warc_write_revisit(c->warc, it->url, now, head,
	    store_text(s, 12), digest)) != 0)
		goto out;
	if ((rc = store_begin(c->st)) != 0)
		goto out;
	if ((rc = crawl_store_page(c, it, r, store_text(s, 2), text, tlen, true,
	    store_text(s, 4), store_text(s, 5), store_text(s, 1), store_text(s, 3),
	    r->etag ? r->etag : store_text(s, 6),
	    r->last_modified ? r->last_modified : store_text(s, 7),
	    sqlite3_column_blob(s, 9), (size_t)sqlite3_column_bytes(s, 9), store_text(s, 8),
	    sqlite3_column_int(s, 11) != 0, 200)) != 0) {
		store_rollback(c->st);
		goto out;
	}
	rc = crawl_page_commit(c, it, store_text(s, 2), text, tlen, "fetched", "not_modified",
	    304);
out:
	sqlite3_reset(s);
	free(text);
	free(head);
	return rc;
}

/* crawl_redirect_done: the target becomes a frontier row of its own (same
 * government, depth and priority); this row is skipped with reason redirect
 * (not a page, not a failure) */
static int
crawl_redirect_done(struct crawl *c, struct item *it, struct fetch_resp *r)
{
	struct pendings pend = { NULL, 0 };
	char *target = NULL, *thost = NULL, hops[32];
	const char *state = "queued", *reason = hops;
	bool offsite = it->offsite, add_scope = false;
	long owner;
	int rc = 0;

	if (url_normalize(&target, it->url, r->location) != 0) {
		err_clear();
		return crawl_set_state(c, it->id, "failed", "bad_redirect", r->status, it->attempts);
	}
	if (it->hops + 1 > CRAWL_MAX_REDIRECTS) {
		rc = crawl_set_state(c, it->id, "failed", "too_many_redirects", r->status,
		    it->attempts);
		goto out;
	}
	snprintf(hops, sizeof(hops), "redirect:%d", it->hops + 1);
	thost = url_host(target);
	owner = crawl_scope_owner(c, thost);
	if (owner < 0 && crawl_private_host(c, thost)) {
		/* never fetched, and never added to the government's scope */
		state = "refused";
		reason = "private_address";
		offsite = true;
	} else if (owner == (long)it->gov) {
		offsite = it->offsite;
	} else if (owner >= 0) {
		/* into another government's site: only a seed may follow */
		if (it->depth != 0) {
			state = NULL;
		}
		offsite = false;
	} else if (!it->offsite) {
		const char *path = url_path(it->url);

		if (!path)
			path = "/";
		if (it->depth == 0 || strcmp(path, "/") == 0) {
			/* the government's site moved (http -> https, x.jp -> x.lg.jp) */
			add_scope = true;
			offsite = false;
		} else if (priority_offsite_ok(c->prio, it->anchor, target)) {
			offsite = true;
			if (!crawl_offsite_host(c, it->gov, thost, true)) {
				state = "refused";
				reason = "offsite_hosts";
			}
		} else {
			state = "refused";
			reason = "offsite";
			offsite = true;
		}
	}
	if (state && strcmp(state, "queued") == 0) {
		if (url_is_trap(target)) {
			state = "refused";
			reason = "trap";
		}
	}
	if ((rc = store_begin(c->st)) != 0)
		goto out;
	if ((rc = crawl_set_state(c, it->id, "skipped", "redirect", r->status, it->attempts)) != 0)
		goto fail;
	if (add_scope && (rc = crawl_add_scope(c, it->gov, thost)) != 0)
		goto fail;
	if (state && (rc = crawl_upsert(c, &pend, target, it->gov, it->depth, it->prio, it->id,
	    it->anchor, offsite, state, reason)) != 0)
		goto fail;
	if ((rc = store_commit(c->st)) != 0)
		goto fail;
	crawl_pendings_flush(c, &pend, true);
	goto out;
fail:
	store_rollback(c->st);
	crawl_pendings_flush(c, &pend, false);
out:
	free(target);
	free(thost);
	return rc;
}

/* crawl_backoff: the wait before retry number attempt on host h: its
 * delay (a robots.txt Crawl-delay included) doubled per attempt, with
 * jitter */
static double
crawl_backoff(struct crawl *c, const struct host *h, int attempt)
{
	double base = h->delay > 0.05 ? h->delay : 0.05;

	double f = 1;

	for (int i = 0; i < attempt && i < 16; i++)
		f *= 2;
	return base * f * (1.0 + 0.5 * crawl_jitter(c));
}

/* crawl_item_done: the response to a page request.  Returns with h->cur
 * cleared unless the entry waits for a retry. */
static int
crawl_item_done(struct crawl *c, struct host *h, struct fetch_resp *r, double now)
{
	struct item *it = h->cur;
	struct gov *g = &c->govs[it->gov];
	char reason[64];
	int rc = 0;
	bool retry = false;
	double wait = 0;

	it->attempts++;
	if (r->status != 304 && (rc = crawl_archive(c, r)) != 0)
		return rc;
	if (r->result == FETCH_PRIVATE) {
		/* the name moved to a private address after its robots.txt */
		if ((rc = crawl_private_found(c, h, r)) == 0)
			rc = crawl_set_state(c, it->id, "refused", "private_address", 0, 0);
		/* no request was made: none is charged */
		if (it->charged) {
			g->used--;
			it->charged = false;
		}
	} else if (r->result != FETCH_OK) {
		if (it->attempts <= c->o->retries) {
			retry = true;
			wait = crawl_backoff(c, h, it->attempts);
		} else {
			rc = crawl_set_state(c, it->id, "failed", r->reason, 0, it->attempts);
		}
	} else if (r->status == 429 || r->status == 503) {
		if (++h->busy_run >= CRAWL_HOST_BUSY_MAX) {
			/* it says busy to everything: stop asking it */
			log_warn("%s: %d answers of 429 or 503 in a row; giving the host up",
			    h->name, h->busy_run);
			h->gave_up = r->status;
			snprintf(reason, sizeof(reason), "http_%ld", r->status);
			rc = crawl_set_state(c, it->id, "failed", reason, r->status, it->attempts);
		} else if (it->attempts <= c->o->retries) {
			double ra = fetch_retry_after(r->retry_after, time(NULL));

			retry = true;
			wait = ra >= 0 ? (ra > CRAWL_RETRY_AFTER_MAX ? CRAWL_RETRY_AFTER_MAX : ra) :
			    crawl_backoff(c, h, it->attempts);
		} else {
			snprintf(reason, sizeof(reason), "http_%ld", r->status);
			rc = crawl_set_state(c, it->id, "failed", reason, r->status, it->attempts);
		}
	} else if (r->status >= 300 && r->status < 400 && r->status != 304 && r->location) {
		h->busy_run = 0;
		rc = crawl_redirect_done(c, it, r);
		/* a redirect is not a page: it does not use the budget */
		if (it->charged) {
			g->used--;
			it->charged = false;
		}
	} else if (r->status == 304 && c->since) {
		h->busy_run = 0;
		rc = crawl_revisit_done(c, it, r);
	} else if (r->status < 200 || r->status >= 300) {
		h->busy_run = 0;
		snprintf(reason, sizeof(reason), "http_%ld", r->status);
		rc = crawl_set_state(c, it->id, "failed", reason, r->status, it->attempts);
	} else {
		const char *kind = r->type_refused ? NULL :
		    crawl_doc_kind(r->content_type, r->body.ptr ? r->body.ptr : "", r->body.len);

		h->busy_run = 0;
		if (kind == NULL)
			rc = crawl_set_state(c, it->id, "skipped", "type", r->status, it->attempts);
		else
			rc = crawl_page_done(c, h, it, r, kind);
	}
	if (retry) {
		log_debug("%s: %s; retry %d in %.3g s", it->url,
		    r->result != FETCH_OK ? r->reason : "busy", it->attempts, wait);
		/* the whole host waits: an overloaded server is not asked for
		 * another page meanwhile */
		if (now + wait > h->next_due)
			h->next_due = now + wait;
		return 0;
	}
	crawl_item_free(it);
	h->cur = NULL;
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

static int
crawl_sitemap_done(struct crawl *c, struct host *h, struct fetch_resp *r)
{
	struct sitemap_job *j = h->xsitemap;
	struct pendings pend = { NULL, 0 };
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
		enum verdict v;

		if (e == NULL)
			break;
		p = e + 6;
		raw = xstrndup(s, (size_t)(e - s));
		if (url_normalize(&url, NULL, raw) == 0) {
			char *uh = url_host(url);

			/* sitemaps only add pages of the government's own sites
			 * (judged only then: another site's URL must not count
			 * against the off-site hosts) */
			v = crawl_scope_owner(c, uh) == (long)j->gov ?
			    crawl_judge(c, j->gov, url, NULL, 1, &offsite, &reason) : V_IGNORE;
			free(uh);
			if (v == V_QUEUE && !offsite) {
				rc = crawl_upsert(c, &pend, url, j->gov, 1,
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

/* ----------------------------------------------------------- dispatch */

/* crawl_load_item: the frontier row behind a heap entry, or NULL when it is
 * no longer queued */
static int
crawl_load_item(struct crawl *c, const struct pq_item *pi, struct item **out)
{
	struct item *it;
	const char *reason;
	int r;

	*out = NULL;
	sqlite3_bind_int64(c->q_item, 1, pi->id);
	r = sqlite3_step(c->q_item);
	if (r != SQLITE_ROW) {
		sqlite3_reset(c->q_item);
		return r == SQLITE_DONE ? 0 : store_fail(c->st, "read frontier");
	}
	if (strcmp(store_text(c->q_item, 7), "queued") != 0) {
		sqlite3_reset(c->q_item);
		return 0;
	}
	it = xcalloc(1, sizeof(*it));
	it->id = pi->id;
	it->url = xstrdup(store_text(c->q_item, 0));
	it->gov = pi->gov;
	it->depth = sqlite3_column_int(c->q_item, 2);
	it->prio = sqlite3_column_double(c->q_item, 3);
	it->offsite = sqlite3_column_int(c->q_item, 4) != 0;
	if (sqlite3_column_type(c->q_item, 5) != SQLITE_NULL)
		it->anchor = xstrdup(store_text(c->q_item, 5));
	reason = store_text(c->q_item, 6);
	if (strncmp(reason, "redirect:", 9) == 0)
		it->hops = atoi(reason + 9);
	sqlite3_reset(c->q_item);
	*out = it;
	return 0;
}

static int
crawl_start(struct crawl *c, struct host *h, enum xfer_kind kind, const struct fetch_req *req)
{
	struct fetch_req r = *req;
	int rc;

	if (h->slot == NULL)
		h->slot = fetch_slot_new(c->fetcher);
	r.allow_private = crawl_may_be_private(c, h->name);
	if ((rc = fetcher_start(c->fetcher, h->slot, &r, h)) != 0)
		return rc;
	h->busy = true;
	h->kind = kind;
	h->started = util_monotonic();
	c->stats.requests++;
	return 0;
}

static int
crawl_start_robots(struct crawl *c, struct host *h, struct origin *o)
{
	/* curl follows no redirect: a hop to another host would be a request
	 * outside that host's politeness clock (see crawl_robots_done) */
	struct fetch_req req = { NULL, NULL, NULL, false, false, false };
	char *url = o->robots_url ? xstrdup(o->robots_url) : xasprintf("%s/robots.txt", o->origin);
	int rc;

	req.url = url;
	o->state = RB_FETCHING;
	h->xorigin = o;
	rc = crawl_start(c, h, X_ROBOTS, &req);
	free(url);
	return rc;
}

static int
crawl_start_page(struct crawl *c, struct host *h, struct item *it)
{
	struct fetch_req req = { NULL, NULL, NULL, false, true, false };
	char *etag = NULL, *lm = NULL;
	int rc;

	req.url = it->url;
	if (c->q_since && it->attempts == 0) {
		sqlite3_bind_text(c->q_since, 1, it->url, -1, SQLITE_STATIC);
		if (sqlite3_step(c->q_since) == SQLITE_ROW) {
			if (sqlite3_column_type(c->q_since, 0) != SQLITE_NULL)
				etag = xstrdup(store_text(c->q_since, 0));
			if (sqlite3_column_type(c->q_since, 1) != SQLITE_NULL)
				lm = xstrdup(store_text(c->q_since, 1));
		}
		sqlite3_reset(c->q_since);
	}
	req.if_none_match = etag && *etag ? etag : NULL;
	req.if_modified_since = lm && *lm ? lm : NULL;
	rc = crawl_start(c, h, X_PAGE, &req);
	free(etag);
	free(lm);
	return rc;
}

/* crawl_host_step: starts the host's next transfer if it has one, settling
 * the entries that need no request (robots refusals, exhausted budgets) */
static int
crawl_host_step(struct crawl *c, struct host *h, double now)
{
	int rc;

	while ((h->private_addr || h->gave_up) && h->sitemaps) {
		struct sitemap_job *j = h->sitemaps;

		h->sitemaps = j->next;
		free(j->url);
		free(j);
	}
	if (h->sitemaps) {
		/* a robots.txt sitemap goes before the pages: its URLs may
		 * outrank what is queued (jobs exist only once robots allowed) */
		struct fetch_req req = { NULL, NULL, NULL, false, false, false };

		h->xsitemap = h->sitemaps;
		h->sitemaps = h->sitemaps->next;
		req.url = h->xsitemap->url;
		return crawl_start(c, h, X_SITEMAP, &req);
	}
	for (;;) {
		struct item *it = h->cur;
		struct origin *o;
		char *origin;

		if (it == NULL) {
			struct pq_item pi;

			if (!pqueue_pop(&h->q, &pi))
				return 0;
			if (c->govs[pi.gov].used >= c->o->max_pages) {
				/* left queued: marked max_pages when the crawl ends */
				if (!c->govs[pi.gov].capped_logged) {
					c->govs[pi.gov].capped_logged = true;
					log_info("%s: page budget of %d reached",
					    c->govs[pi.gov].seed->code, c->o->max_pages);
				}
				continue;
			}
			if ((rc = crawl_load_item(c, &pi, &it)) != 0)
				return rc;
			if (it == NULL)
				continue;
			h->cur = it;
		}
		if (h->private_addr) {
			rc = crawl_set_state(c, it->id, "refused", "private_address", 0,
			    it->attempts);
			goto settled;
		}
		if (h->gave_up) {
			rc = crawl_set_state(c, it->id, "failed", "host_gave_up", h->gave_up,
			    it->attempts);
			goto settled;
		}
		if ((origin = url_origin(it->url)) == NULL) {
			rc = crawl_set_state(c, it->id, "refused", "bad_url", 0, it->attempts);
			goto settled;
		}
		o = crawl_origin(h, origin);
		free(origin);
		switch (o->state) {
		case RB_NONE:
		case RB_WAIT:
			if (o->state == RB_WAIT && now < o->retry_at) {
				if (o->retry_at > h->next_due)
					h->next_due = o->retry_at;
				return 0;
			}
			/* an off-site origin's robots.txt is a request made for
			 * this government's link: it costs a page of its budget */
			if (it->offsite) {
				struct gov *g = &c->govs[it->gov];

				if (g->used >= c->o->max_pages) {
					crawl_item_free(it);
					h->cur = NULL;
					continue;
				}
				g->used++;
				o->charged_gov = (long)it->gov;
				o->charged_n++;
			}
			return crawl_start_robots(c, h, o);
		case RB_FETCHING:
			return 0;
		case RB_DEAD:
			rc = crawl_set_state(c, it->id, "refused", "robots_unavailable", 0,
			    it->attempts);
			goto settled;
		case RB_READY:
			break;
		}
		if (!robots_allowed(o->robots, it->url)) {
			rc = crawl_set_state(c, it->id, "refused", "robots", 0, it->attempts);
			goto settled;
		}
		if (!it->charged) {
			if (c->govs[it->gov].used >= c->o->max_pages) {
				crawl_item_free(it);
				h->cur = NULL;
				continue;
			}
			c->govs[it->gov].used++;
			it->charged = true;
		}
		return crawl_start_page(c, h, it);
settled:
		crawl_item_free(it);
		h->cur = NULL;
		if (rc != 0)
			return rc;
	}
}

static int
crawl_collect(struct crawl *c)
{
	struct fetch_slot *slot;
	void *ctx;
	int rc = 0;

	while (rc == 0 && fetcher_next_done(c->fetcher, &slot, &ctx)) {
		struct host *h = ctx;
		struct fetch_resp *r = fetch_slot_resp(slot);
		double now = util_monotonic(), delay = h->delay;

		h->busy = false;
		/* the gap runs from the start of one request to the start of the
		 * next, so a slow server costs no extra time; after a response that
		 * took longer than the gap the host still rests a quarter of it */
		h->next_due = (r->sent_at > 0 ? r->sent_at : h->started) + h->delay;
		if (h->next_due < now + h->delay / 4)
			h->next_due = now + h->delay / 4;
		switch (h->kind) {
		case X_ROBOTS:
			rc = crawl_robots_done(c, h, h->xorigin, r, now);
			h->xorigin = NULL;
			break;
		case X_SITEMAP:
			rc = crawl_sitemap_done(c, h, r);
			break;
		case X_PAGE:
			rc = crawl_item_done(c, h, r, now);
			break;
		case X_NONE:
			break;
		}
		/* a robots.txt Crawl-delay raised the gap: it holds from this
		 * request on, the very next one included */
		if (h->delay > delay) {
			double due = (r->sent_at > 0 ? r->sent_at : h->started) + h->delay;

			if (due > h->next_due)
				h->next_due = due;
		}
		h->kind = X_NONE;
		/* a host with nothing left gives back its handle and connection;
		 * a link found later makes a new one */
		if (rc == 0 && !h->busy && !h->cur && h->q.n == 0 && !h->sitemaps) {
			fetch_slot_free(h->slot);
			h->slot = NULL;
		}
	}
	return rc;
}

/* ------------------------------------------------------------ progress */

static void
crawl_progress(struct crawl *c, double now, bool final)
{
	size_t active = 0, done = 0, queued = 0, busy = 0;
	double eta = 0, rate, el = now - c->started;

	if (!c->o->progress && !final)
		return;
	if (!final && now - c->last_progress < (c->tty ? 0.5 : 10.0))
		return;
	c->last_progress = now;
	for (size_t i = 0; i < c->nhost; i++) {
		struct host *h = c->hostv[i];
		double t;

		if (h->busy)
			busy++;
		if (h->busy || h->cur || h->q.n) {
			active++;
			queued += h->q.n + (h->cur ? 1 : 0);
			t = (double)(h->q.n + (h->cur ? 1 : 0)) * h->delay;
			if (t > eta)
				eta = t;
		} else {
			done++;
		}
	}
	rate = el > 0 ? (double)c->stats.pages / el : 0;
	if (final) {
		if (c->tty && c->o->progress)
			fputs("\r\033[K", stderr);
		log_info("crawl: %ld pages, %ld failed, %ld refused or skipped, %ld requests,"
		    " %zu hosts, %.1f s (%.1f pages/s)", c->stats.pages, c->stats.failed,
		    c->stats.refused, c->stats.requests, c->nhost, el, rate);
		return;
	}
	if (c->tty) {
		fprintf(stderr, "\r\033[Kcrawl: hosts %zu active/%zu done, pages %ld fetched/%zu queued,"
		    " %ld errors, %.1f/s, eta <= %.0fs", active, done, c->stats.pages, queued,
		    c->stats.failed, rate, eta);
		fflush(stderr);
	} else {
		log_info("crawl: hosts %zu active (%zu in flight), %zu done; pages %ld fetched,"
		    " %zu queued; %ld errors; %.1f pages/s", active, busy, done, c->stats.pages,
		    queued, c->stats.failed, rate);
	}
}

/* -------------------------------------------------------------- setup */

static int
crawl_load_govs(struct crawl *c, const struct seeds *seeds)
{
	c->ngov = seeds->n;
	c->govs = xcalloc(seeds->n ? seeds->n : 1, sizeof(*c->govs));
	for (size_t i = 0; i < seeds->n; i++) {
		c->govs[i].seed = &seeds->v[i];
		strmap_put(c->gov_by_code, seeds->v[i].code, crawl_idx_val(i));
	}
	return 0;
}

/* crawl_seed_urls: seeds and start URLs as depth-0 rows, their hosts as
 * the governments' scope (first government wins a shared host) */
static int
crawl_seed_urls(struct crawl *c)
{
	sqlite3_stmt *s = NULL;
	int rc, r;

	if ((rc = store_begin(c->st)) != 0)
		return rc;
	for (size_t i = 0; i < c->ngov && rc == 0; i++) {
		const struct seed *sd = c->govs[i].seed;

		for (size_t k = 0; k <= sd->nstart && rc == 0; k++) {
			const char *raw = k == 0 ? sd->url : sd->start_urls[k - 1];
			char *url = NULL, *host;

			if (url_normalize(&url, NULL, raw) != 0) {
				log_warn("%s: seed URL '%s' skipped: %s", sd->code, raw, err_msg());
				err_clear();
				continue;
			}
			host = url_host(url);
			if (host)
				strmap_put(c->trusted, host, crawl_idx_val(i));
			if (host && (rc = crawl_add_scope(c, (uint32_t)i, host)) != 0) {
				free(host);
				free(url);
				break;
			}
			free(host);
			/* INSERT OR IGNORE through the upsert: an existing row stays */
			rc = crawl_upsert(c, NULL, url, (uint32_t)i, 0, CRAWL_SEED_PRIORITY, 0, NULL,
			    false, "queued", NULL);
			free(url);
		}
	}
	if (rc != 0) {
		store_rollback(c->st);
		return rc;
	}
	if ((rc = store_commit(c->st)) != 0)
		return rc;
	/* hosts added by redirects in an earlier invocation */
	if ((rc = store_prepare(c->st, &s, "SELECT municipality_code, host FROM crawl_scope")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = crawl_val_idx(strmap_get(c->gov_by_code, store_text(s, 0)));

		if (g >= 0 && crawl_scope_owner(c, store_text(s, 1)) < 0)
			strmap_put(c->scope, store_text(s, 1), crawl_idx_val((size_t)g));
	}
	if (r != SQLITE_DONE)
		rc = store_fail(c->st, "read crawl scope");
	sqlite3_finalize(s);
	return rc;
}

/* crawl_load_frontier: budgets used, query variants seen and the queued
 * rows into the host heaps */
static int
crawl_load_frontier(struct crawl *c)
{
	sqlite3_stmt *s = NULL;
	int rc, r;

	/* entries left over by an earlier budget are candidates again: the
	 * budget is recounted below */
	if ((rc = store_exec(c->st,
	    "UPDATE frontier SET state='queued', reason=NULL"
	    " WHERE state='skipped' AND reason='max_pages'")) != 0)
		return rc;
	if ((rc = store_prepare(c->st, &s,
	    "SELECT municipality_code, count(*) FROM frontier"
	    " WHERE state<>'queued' AND attempts>0 AND coalesce(reason,'')<>'redirect'"
	    " GROUP BY municipality_code")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = crawl_val_idx(strmap_get(c->gov_by_code, store_text(s, 0)));

		if (g >= 0)
			c->govs[g].used = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(c->st, "count fetched pages");
	/* robots.txt requests of off-site origins charged to a budget */
	if ((rc = store_prepare(c->st, &s,
	    "SELECT municipality_code, sum(charged) FROM hosts"
	    " WHERE municipality_code IS NOT NULL GROUP BY municipality_code")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = crawl_val_idx(strmap_get(c->gov_by_code, store_text(s, 0)));

		if (g >= 0)
			c->govs[g].used += sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(c->st, "count robots.txt requests");
	if ((rc = store_prepare(c->st, &s,
	    "SELECT url, state, reason, offsite, municipality_code FROM frontier")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *url = store_text(s, 0), *state = store_text(s, 1);

		urlset_put(&c->known, url, crawl_revivable(state, store_text(s, 2)));
		/* the off-site hosts each government reached */
		if (sqlite3_column_int(s, 3) != 0 && strcmp(state, "refused") != 0) {
			long g = crawl_val_idx(strmap_get(c->gov_by_code, store_text(s, 4)));
			char *host = g >= 0 ? url_host(url) : NULL;

			if (host)
				crawl_offsite_host(c, (uint32_t)g, host, false);
			free(host);
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(c->st, "read frontier");
	if ((rc = store_prepare(c->st, &s,
	    "SELECT url FROM frontier WHERE url LIKE '%?%'"
	    " AND NOT (state='refused' AND reason='trap') ORDER BY id")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		char *k = crawl_qkey(store_text(s, 0));

		if (k) {
			long n = crawl_val_idx(strmap_get(c->qvariants, k)) + 1;

			strmap_put(c->qvariants, k, crawl_idx_val((size_t)n));
			free(k);
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(c->st, "read frontier");
	if ((rc = store_prepare(c->st, &s,
	    "SELECT id, url, priority, municipality_code FROM frontier WHERE state='queued'")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = crawl_val_idx(strmap_get(c->gov_by_code, store_text(s, 3)));

		if (g >= 0)
			crawl_push(c, sqlite3_column_int64(s, 0), store_text(s, 1),
			    sqlite3_column_double(s, 2), (uint32_t)g);
	}
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return store_fail(c->st, "read frontier");
	return 0;
}

/* crawl_finish: what is still queued was cut by a budget; each
 * government's status from what its rows say */
static int
crawl_finish(struct crawl *c)
{
	sqlite3_stmt *s = NULL, *u = NULL;
	char now[32];
	int rc;

	crawl_now(now);
	if ((rc = store_begin(c->st)) != 0)
		return rc;
	for (size_t i = 0; i < c->ngov && rc == 0; i++) {
		sqlite3_stmt *m = NULL;

		if ((rc = store_prepare(c->st, &m,
		    "UPDATE frontier SET state='skipped', reason='max_pages', updated_at=?"
		    " WHERE state='queued' AND municipality_code=?")) != 0)
			break;
		sqlite3_bind_text(m, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(m, 2, c->govs[i].seed->code, -1, SQLITE_STATIC);
		if (sqlite3_step(m) != SQLITE_DONE)
			rc = store_fail(c->st, "mark budget");
		sqlite3_finalize(m);
	}
	if (rc != 0)
		goto out;
	if ((rc = store_prepare(c->st, &s,
	    "SELECT (SELECT count(*) FROM pages WHERE municipality_code=?1),"
	    " (SELECT count(*) FROM frontier WHERE municipality_code=?1 AND state='failed'),"
	    " (SELECT count(*) FROM frontier WHERE municipality_code=?1 AND depth=0"
	    "   AND state='refused' AND reason='robots')")) != 0 ||
	    (rc = store_prepare(c->st, &u,
	    "UPDATE municipalities SET status=?, crawled_at=? WHERE code=?")) != 0)
		goto out;
	for (size_t i = 0; i < c->ngov; i++) {
		const char *code = c->govs[i].seed->code, *status;
		long pages, failed, denied;

		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			rc = store_fail(c->st, "count pages");
			goto out;
		}
		pages = sqlite3_column_int64(s, 0);
		failed = sqlite3_column_int64(s, 1);
		denied = sqlite3_column_int64(s, 2);
		sqlite3_reset(s);
		if (denied > 0 && pages == 0)
			status = "robots_denied";
		else if (pages == 0)
			status = "unreachable";
		else if (failed > 0)
			status = "partial";
		else
			status = "ok";
		sqlite3_bind_text(u, 1, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(u, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(u, 3, code, -1, SQLITE_STATIC);
		if (sqlite3_step(u) != SQLITE_DONE) {
			rc = store_fail(c->st, "set municipality status");
			goto out;
		}
		sqlite3_reset(u);
		log_debug("%s %s: %s (%ld pages, %ld failed)", code, c->govs[i].seed->name,
		    status, pages, failed);
	}
out:
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	if (rc == 0)
		rc = store_commit(c->st);
	else
		store_rollback(c->st);
	return rc;
}

char *
crawl_opts_json(const struct crawl_opts *o)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "{\"delay\":%g,\"timeout\":%g,\"retries\":%d,\"max_pages\":%d,"
	    "\"max_depth\":%d,\"max_body\":%zu,\"max_parallel\":%d,\"max_offsite_hosts\":%d,"
	    "\"user_agent\":", o->delay, o->timeout, o->retries, o->max_pages, o->max_depth,
	    o->max_body, o->max_parallel, o->max_offsite_hosts);
	jsonw_str(&b, o->user_agent ? o->user_agent : CRAWL_DEFAULT_UA, false);
	buf_adds(&b, ",\"proxy\":");
	jsonw_str(&b, o->proxy, false);
	buf_adds(&b, ",\"resolve\":[");
	for (size_t i = 0; o->resolve && o->resolve[i]; i++) {
		if (i)
			buf_addc(&b, ',');
		jsonw_str(&b, o->resolve[i], false);
	}
	buf_adds(&b, "],\"since\":");
	jsonw_str(&b, o->since_dir, false);
	buf_adds(&b, ",\"replay_dir\":");
	jsonw_str(&b, o->replay_dir, false);
	buf_addf(&b, ",\"sitemaps\":%s,\"allow_private\":%s}", o->sitemaps ? "true" : "false",
	    o->allow_private ? "true" : "false");
	return buf_detach(&b, NULL);
}

/* ------------------------------------------------------------ the loop */

static bool
crawl_host_has_work(const struct host *h)
{
	return h->busy || h->cur || h->q.n > 0 || h->sitemaps;
}

static int
crawl_loop(struct crawl *c)
{
	int rc = 0;

	for (;;) {
		double now = util_monotonic(), wake = now + 1.0;
		bool work = false;

		if (crawl_stop_flag)
			return err_set(MS_ERROR, "crawl interrupted");
		for (size_t i = 0; i < c->nhost; i++) {
			struct host *h = c->hostv[i];

			if (!h->busy && (h->cur || h->q.n || h->sitemaps) && now >= h->next_due &&
			    fetcher_running(c->fetcher) < (size_t)c->o->max_parallel) {
				if ((rc = crawl_host_step(c, h, now)) != 0)
					return rc;
			}
			if (crawl_host_has_work(h)) {
				work = true;
				if (!h->busy && h->next_due < wake)
					wake = h->next_due;
			}
		}
		if ((rc = crawl_collect(c)) != 0)
			return rc;
		if (!work && fetcher_running(c->fetcher) == 0)
			break;
		now = util_monotonic();
		if (fetcher_running(c->fetcher) > 0 || wake > now) {
			double ms = (wake - now) * 1000.0;

			if (ms < 0)
				ms = 0;
			if (ms > 1000)
				ms = 1000;
			if ((rc = fetcher_poll(c->fetcher, (int)ms + 1)) != 0)
				return rc;
			if ((rc = crawl_collect(c)) != 0)
				return rc;
		}
		if (c->warc && now - c->last_flush > 2.0) {
			c->last_flush = now;
			if ((rc = warc_flush(c->warc)) != 0)
				return rc;
		}
		crawl_progress(c, util_monotonic(), false);
	}
	return 0;
}

int
crawl_run_stats(struct crawl_stats *stats_out, struct store *st, const struct seeds *seeds,
	const struct crawl_opts *opts, int64_t run_id)
{
	struct crawl c;
	struct fetcher_opts fo;
	char *dict = NULL, *path = NULL, *warc_path = NULL;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(&fo, 0, sizeof(fo));
	crawl_stop_flag = 0;
	c.st = st;
	c.db = store_db(st);
	c.o = opts;
	c.run_id = run_id;
	c.started = util_monotonic();
	c.tty = isatty(2) != 0;
	c.rng = 12345u;
	c.gov_by_code = strmap_new();
	c.hosts = strmap_new();
	c.scope = strmap_new();
	c.trusted = strmap_new();
	c.offsite = strmap_new();
	c.qvariants = strmap_new();

	/* one writer per folder: the store holds DIR/crawl.lock while open
	 * for writing (store.h) */
	/* zlib allocates and frees ~270 KiB per page and per WARC record; with
	 * glibc's default thresholds every free trims the heap, and the TLB
	 * flushes that follow cost more than the compression.  Keep the heap. */
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	if (opts->dict_dir == NULL) {
		if ((rc = paths_dict(&dict, NULL)) != 0)
			goto out;
	} else {
		dict = xstrdup(opts->dict_dir);
	}
	path = util_path_join(dict, "crawl-priority.tsv");
	if ((rc = priority_load(&c.prio, path)) != 0)
		goto out;
	if (opts->since_dir && (rc = store_open(&c.since, opts->since_dir, STORE_READONLY)) != 0)
		goto out;
	warc_path = opts->warc_path ? xstrdup(opts->warc_path) :
	    util_path_join(store_dir(st), "crawl.warc.gz");
	if ((rc = warc_open(&c.warc, warc_path)) != 0)
		goto out;
	{
		char *info = xasprintf("software: muniscan/%s\r\nformat: WARC File Format 1.1\r\n"
		    "robots: obey\r\nhttp-header-user-agent: %s\r\n", MUNISCAN_VERSION,
		    opts->user_agent ? opts->user_agent : CRAWL_DEFAULT_UA);

		rc = warc_write_info(c.warc, info);
		free(info);
		if (rc != 0)
			goto out;
	}
	fo.user_agent = opts->user_agent ? opts->user_agent : CRAWL_DEFAULT_UA;
	fo.proxy = opts->proxy;
	fo.resolve = opts->resolve;
	fo.timeout = opts->timeout > 0 ? opts->timeout : 30;
	fo.max_body = opts->max_body ? opts->max_body : 5u * 1024u * 1024u;
	fo.replay_dir = opts->replay_dir;
	fo.guard_private = !opts->allow_private;
	if ((rc = fetcher_new(&c.fetcher, &fo)) != 0)
		goto out;
	if ((rc = crawl_prepare(&c)) != 0 ||
	    (rc = crawl_load_govs(&c, seeds)) != 0 ||
	    (rc = crawl_seed_urls(&c)) != 0 ||
	    (rc = crawl_load_robots(&c)) != 0 ||
	    (rc = crawl_load_frontier(&c)) != 0)
		goto out;
	log_info("crawl: %zu governments, %zu hosts queued, delay %.3g s, max %d pages",
	    c.ngov, c.nhost, opts->delay, opts->max_pages);
	if ((rc = crawl_loop(&c)) != 0)
		goto out;
	if ((rc = crawl_finish(&c)) != 0)
		goto out;
out:
	c.stats.seconds = util_monotonic() - c.started;
	if (c.fetcher && rc != 0)
		fetcher_abort_all(c.fetcher);
	if (c.prio)
		crawl_progress(&c, util_monotonic(), true);
	for (size_t i = 0; i < c.nhost; i++)
		crawl_host_free(c.hostv[i]);
	free(c.hostv);
	crawl_finalize_stmts(&c);
	if (c.warc) {
		int wr = warc_close(c.warc);

		if (rc == 0)
			rc = wr;
	}
	fetcher_free(c.fetcher);
	store_close(c.since);
	priority_free(c.prio);
	strmap_free(c.gov_by_code);
	strmap_free(c.hosts);
	strmap_free(c.scope);
	strmap_free(c.trusted);
	strmap_free(c.offsite);
	strmap_free(c.qvariants);
	free(c.known.k);
	free(c.known.revivable);
	free(c.govs);
	free(dict);
	free(path);
	free(warc_path);
	if (stats_out)
		*stats_out = c.stats;
	return rc;
}

int
crawl_run(struct store *st, const struct seeds *seeds, const struct crawl_opts *opts,
	int64_t run_id)
{
	return crawl_run_stats(NULL, st, seeds, opts, run_id);
}
