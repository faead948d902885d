/*
 * frontier: the URL set, the scope, the judging of discovered links and
 * the frontier and crawl_scope rows (see frontier.h and docs/CRAWLER.md).
 *
 * Invariants:
 *  - the urlset mirrors the frontier table (every URL in it, with its
 *    revivable flag), so a link already known costs no database read
 *    unless its row may be revived;
 *  - the scope map mirrors crawl_scope plus the seeds' hosts; a host
 *    belongs to the first government that claims it;
 *  - the query-variant and off-site-host counts are those of the rows in
 *    the frontier (rebuilt at load, grown as links are queued).
 */
#include "frontier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "crawl.h"
#include "err.h"
#include "log.h"
#include "priority.h"
#include "seeds.h"
#include "store.h"
#include "store_internal.h"
#include "strmap.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

/* priority of seeds and start URLs (depth 0: fetched before their links
 * anyway; the value only seeds the parent term of their links) */
#define FRONTIER_SEED_PRIORITY 10.0
#define FRONTIER_MAX_QUERY_VARIANTS 10

/* per government: the off-site hosts its links reached */
struct frontier_gov {
	long offsite_hosts;
	bool offsite_logged;
};

struct frontier {
	struct store *st;
	const struct seeds *seeds;
	const struct priority *prio;
	struct frontier_opts o;
	struct crawl_stats *stats;
	struct frontier_gov *govs;
	struct strmap *gov_by_code; /* code -> index + 1 */
	struct strmap *scope;       /* host name -> gov index + 1 */
	struct strmap *trusted;     /* the seeds' own hosts: may be private */
	struct strmap *private_hosts; /* names seen resolving to a private address */
	struct strmap *qvariants;   /* URL without query -> distinct queries + 1 */
	struct strmap *offsite;     /* "gov index\thost" of off-site hosts reached */
	struct urlset known;
	sqlite3_stmt *q_upsert, *q_exists, *q_scope;
};

/* ---------------------------------------------------------------- urlset */

static uint64_t
frontier_url_hash(const char *url)
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

int
urlset_get(const struct urlset *u, const char *url)
{
	size_t i;
	uint64_t h;

	if (u->cap == 0)
		return -1;
	h = frontier_url_hash(url);
	i = urlset_slot(u, h);
	return u->k[i] ? u->revivable[i] : -1;
}

void
urlset_put(struct urlset *u, const char *url, bool revivable)
{
	uint64_t h = frontier_url_hash(url);
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

void
urlset_free(struct urlset *u)
{
	free(u->k);
	free(u->revivable);
	memset(u, 0, sizeof(*u));
}

/* ---------------------------------------------------------------- helpers */

static void *
frontier_idx_val(size_t i)
{
	return (void *)(uintptr_t)(i + 1);
}

static long
frontier_val_idx(void *v)
{
	return v ? (long)(uintptr_t)v - 1 : -1;
}

static bool
frontier_revivable(const char *state, const char *reason)
{
	return reason && ((strcmp(state, "refused") == 0 && strcmp(reason, "offsite") == 0) ||
	    (strcmp(state, "skipped") == 0 && strcmp(reason, "max_depth") == 0));
}

/* frontier_qkey: the URL without its query, or NULL when it has none */
static char *
frontier_qkey(const char *url)
{
	const char *q = strchr(url, '?');

	return q ? xstrndup(url, (size_t)(q - url)) : NULL;
}

/* frontier_skip_ext: links whose file extension says they are not HTML or
 * PDF are recorded as skipped without spending a request on them */
static bool
frontier_skip_ext(const char *url)
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

static const char *
frontier_code(const struct frontier *f, uint32_t gov)
{
	return f->seeds->v[gov].code;
}

/* -------------------------------------------------------- life cycle */

int
frontier_new(struct frontier **out, struct store *st, const struct seeds *seeds,
	const struct priority *prio, const struct frontier_opts *o, struct crawl_stats *stats)
{
	struct frontier *f = xcalloc(1, sizeof(*f));
	int rc;

	*out = NULL;
	f->st = st;
	f->seeds = seeds;
	f->prio = prio;
	f->o = *o;
	f->stats = stats;
	f->govs = xcalloc(seeds->n ? seeds->n : 1, sizeof(*f->govs));
	f->gov_by_code = strmap_new();
	f->scope = strmap_new();
	f->trusted = strmap_new();
	f->private_hosts = strmap_new();
	f->qvariants = strmap_new();
	f->offsite = strmap_new();
	for (size_t i = 0; i < seeds->n; i++)
		strmap_put(f->gov_by_code, seeds->v[i].code, frontier_idx_val(i));
	/* crawl_scope is in the schema (core/store.c, migration 2) */
	if ((rc = store_prepare(st, &f->q_upsert,
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
	    (rc = store_prepare(st, &f->q_exists,
	    "SELECT state, reason FROM frontier WHERE url=?")) != 0 ||
	    (rc = store_prepare(st, &f->q_scope,
	    "INSERT OR IGNORE INTO crawl_scope(municipality_code, host) VALUES (?,?)")) != 0) {
		frontier_free(f);
		return rc;
	}
	*out = f;
	return 0;
}

void
frontier_free(struct frontier *f)
{
	if (f == NULL)
		return;
	sqlite3_finalize(f->q_upsert);
	sqlite3_finalize(f->q_exists);
	sqlite3_finalize(f->q_scope);
	urlset_free(&f->known);
	strmap_free(f->gov_by_code);
	strmap_free(f->scope);
	strmap_free(f->trusted);
	strmap_free(f->private_hosts);
	strmap_free(f->qvariants);
	strmap_free(f->offsite);
	free(f->govs);
	free(f);
}

void
frontier_pendings_clear(struct frontier_pendings *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].url);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* ------------------------------------------------------------- hosts */

long
frontier_owner(const struct frontier *f, const char *host)
{
	return host ? frontier_val_idx(strmap_get(f->scope, host)) : -1;
}

bool
frontier_may_be_private(const struct frontier *f, const char *host)
{
	return f->o.allow_private || (host && strmap_get(f->trusted, host) != NULL);
}

bool
frontier_private_host(const struct frontier *f, const char *host)
{
	if (host == NULL || frontier_may_be_private(f, host))
		return false;
	if (addr_host_private(host))
		return true;
	return strmap_get(f->private_hosts, host) != NULL;
}

int
frontier_host_private(struct frontier *f, const char *host)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;

	strmap_put(f->private_hosts, host, frontier_idx_val(0));
	if (frontier_owner(f, host) < 0)
		return 0;
	strmap_put(f->scope, host, NULL);
	if ((rc = store_prepare(f->st, &s, "DELETE FROM crawl_scope WHERE host=?")) != 0)
		return rc;
	sqlite3_bind_text(s, 1, host, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail(f->st, "remove a private host from the scope");
	sqlite3_finalize(s);
	return rc;
}

int
frontier_add_scope(struct frontier *f, uint32_t gov, const char *host)
{
	long owner = frontier_owner(f, host);

	if (owner >= 0)
		return 0;
	strmap_put(f->scope, host, frontier_idx_val(gov));
	sqlite3_bind_text(f->q_scope, 1, frontier_code(f, gov), -1, SQLITE_STATIC);
	sqlite3_bind_text(f->q_scope, 2, host, -1, SQLITE_STATIC);
	log_debug("%s: %s in the scope of %s", frontier_code(f, gov), host,
	    f->seeds->v[gov].name);
	return store_step(f->st, f->q_scope, "record scope");
}

/* Keeps one page with thousands of links to other sites from costing
 * hundreds of robots.txt requests. */
bool
frontier_offsite_host(struct frontier *f, uint32_t gov, const char *host, bool enforce)
{
	char *key = xasprintf("%u\t%s", gov, host);
	bool ok = true;

	if (strmap_get(f->offsite, key) == NULL) {
		if (enforce && f->govs[gov].offsite_hosts >= f->o.max_offsite_hosts) {
			ok = false;
			if (!f->govs[gov].offsite_logged) {
				f->govs[gov].offsite_logged = true;
				log_info("%s: %d off-site hosts reached; links to more are refused",
				    frontier_code(f, gov), f->o.max_offsite_hosts);
			}
		} else {
			strmap_put(f->offsite, key, frontier_idx_val(0));
			f->govs[gov].offsite_hosts++;
		}
	}
	free(key);
	return ok;
}

/* ------------------------------------------------------------ judging */

enum frontier_verdict
frontier_judge(struct frontier *f, uint32_t gov, const char *url, const char *anchor,
	int depth, bool *offsite_out, const char **reason_out)
{
	char *host = url_host(url), *qkey;
	long owner;
	int r, known;
	enum frontier_verdict v = FRONTIER_QUEUE;

	*offsite_out = false;
	*reason_out = NULL;
	if (host == NULL)
		return FRONTIER_IGNORE;
	/* known already: only a refused off-site or too-deep row can be
	 * revived (by a government that may follow it) */
	known = urlset_get(&f->known, url);
	if (known == 0) {
		v = FRONTIER_IGNORE;
		goto out;
	}
	r = SQLITE_DONE;
	if (known == 1) {
		sqlite3_bind_text(f->q_exists, 1, url, -1, SQLITE_STATIC);
		r = sqlite3_step(f->q_exists);
	}
	if (r == SQLITE_ROW &&
	    !frontier_revivable(store_text(f->q_exists, 0), store_text(f->q_exists, 1)))
		v = FRONTIER_IGNORE;
	sqlite3_reset(f->q_exists);
	if (v == FRONTIER_IGNORE)
		goto out;
	owner = frontier_owner(f, host);
	if (owner >= 0 && owner != (long)gov) {
		/* another government's site: that government's pages */
		v = FRONTIER_IGNORE;
		goto out;
	}
	if (frontier_private_host(f, host)) {
		/* loopback, a private network, a metadata service, "intranet" */
		*offsite_out = owner < 0;
		*reason_out = "private_address";
		v = FRONTIER_REFUSE;
		goto out;
	}
	if (owner < 0) {
		*offsite_out = true;
		if (!priority_offsite_ok(f->prio, anchor, url)) {
			*reason_out = "offsite";
			v = FRONTIER_REFUSE;
			goto out;
		}
	}
	if (url_is_trap(url)) {
		*reason_out = "trap";
		v = FRONTIER_REFUSE;
		goto out;
	}
	if (depth > f->o.max_depth) {
		*reason_out = "max_depth";
		v = FRONTIER_SKIP;
		goto out;
	}
	if (frontier_skip_ext(url)) {
		*reason_out = "type";
		v = FRONTIER_SKIP;
		goto out;
	}
	if (owner < 0 && !frontier_offsite_host(f, gov, host, true)) {
		*reason_out = "offsite_hosts";
		v = FRONTIER_REFUSE;
		goto out;
	}
	if ((qkey = frontier_qkey(url)) != NULL) {
		long n = frontier_val_idx(strmap_get(f->qvariants, qkey)) + 1;

		if (n >= FRONTIER_MAX_QUERY_VARIANTS) {
			*reason_out = "trap";
			v = FRONTIER_REFUSE;
		} else {
			strmap_put(f->qvariants, qkey, frontier_idx_val((size_t)n));
		}
		free(qkey);
	}
out:
	free(host);
	return v;
}

/* ----------------------------------------------------------- recording */

int
frontier_upsert(struct frontier *f, struct frontier_pendings *pend, const char *url,
	uint32_t gov, int depth, double prio, int64_t parent, const char *anchor, bool offsite,
	const char *state, const char *reason)
{
	char now[32];
	int r;

	util_now_iso(now);
	sqlite3_bind_text(f->q_upsert, 1, url, -1, SQLITE_STATIC);
	sqlite3_bind_text(f->q_upsert, 2, frontier_code(f, gov), -1, SQLITE_STATIC);
	sqlite3_bind_int(f->q_upsert, 3, depth);
	sqlite3_bind_double(f->q_upsert, 4, prio);
	if (parent > 0)
		sqlite3_bind_int64(f->q_upsert, 5, parent);
	else
		sqlite3_bind_null(f->q_upsert, 5);
	if (anchor)
		sqlite3_bind_text(f->q_upsert, 6, anchor, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(f->q_upsert, 6);
	sqlite3_bind_int(f->q_upsert, 7, offsite ? 1 : 0);
	sqlite3_bind_text(f->q_upsert, 8, state, -1, SQLITE_STATIC);
	if (reason)
		sqlite3_bind_text(f->q_upsert, 9, reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(f->q_upsert, 9);
	sqlite3_bind_text(f->q_upsert, 10, now, -1, SQLITE_TRANSIENT);
	while ((r = sqlite3_step(f->q_upsert)) == SQLITE_ROW) {
		urlset_put(&f->known, url, frontier_revivable(state, reason));
		if (strcmp(store_text(f->q_upsert, 1), "queued") == 0 && pend) {
			struct frontier_pending *p;

			pend->v = xreallocarray(pend->v, pend->n + 1, sizeof(*pend->v));
			p = &pend->v[pend->n++];
			p->id = sqlite3_column_int64(f->q_upsert, 0);
			p->url = xstrdup(url);
			p->prio = prio;
			p->gov = gov;
		} else if (strcmp(state, "queued") != 0 && f->stats) {
			if (strcmp(state, "failed") == 0)
				f->stats->failed++;
			else
				f->stats->refused++;
		}
	}
	sqlite3_reset(f->q_upsert);
	sqlite3_clear_bindings(f->q_upsert);
	if (r != SQLITE_DONE)
		return store_fail(f->st, "insert into frontier");
	return 0;
}

int
frontier_add_link(struct frontier *f, struct frontier_pendings *pend, uint32_t gov,
	int64_t parent_id, int parent_depth, double parent_prio, const char *href,
	const char *anchor)
{
	char *url = NULL;
	const char *reason;
	bool offsite;
	int rc = 0;
	enum frontier_verdict v;
	double prio;

	if (url_normalize(&url, NULL, href) != 0) {
		err_clear();
		return 0;
	}
	v = frontier_judge(f, gov, url, anchor, parent_depth + 1, &offsite, &reason);
	if (v == FRONTIER_IGNORE)
		goto out;
	prio = priority_score(f->prio, anchor, url, parent_prio);
	rc = frontier_upsert(f, pend, url, gov, parent_depth + 1, prio, parent_id, anchor,
	    offsite, v == FRONTIER_QUEUE ? "queued" : v == FRONTIER_REFUSE ? "refused" : "skipped",
	    reason);
out:
	free(url);
	return rc;
}

/* ------------------------------------------------------------ loading */

int
frontier_seed(struct frontier *f)
{
	sqlite3_stmt *s = NULL;
	int rc, r;

	if ((rc = store_begin(f->st)) != 0)
		return rc;
	for (size_t i = 0; i < f->seeds->n && rc == 0; i++) {
		const struct seed *sd = &f->seeds->v[i];

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
				strmap_put(f->trusted, host, frontier_idx_val(i));
			if (host && (rc = frontier_add_scope(f, (uint32_t)i, host)) != 0) {
				free(host);
				free(url);
				break;
			}
			free(host);
			/* INSERT OR IGNORE through the upsert: an existing row stays */
			rc = frontier_upsert(f, NULL, url, (uint32_t)i, 0, FRONTIER_SEED_PRIORITY, 0,
			    NULL, false, "queued", NULL);
			free(url);
		}
	}
	if (rc != 0) {
		store_rollback(f->st);
		return rc;
	}
	if ((rc = store_commit(f->st)) != 0)
		return rc;
	/* hosts added by redirects in an earlier invocation */
	if ((rc = store_prepare(f->st, &s, "SELECT municipality_code, host FROM crawl_scope")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = frontier_val_idx(strmap_get(f->gov_by_code, store_text(s, 0)));

		if (g >= 0 && frontier_owner(f, store_text(s, 1)) < 0)
			strmap_put(f->scope, store_text(s, 1), frontier_idx_val((size_t)g));
	}
	if (r != SQLITE_DONE)
		rc = store_fail(f->st, "read crawl scope");
	sqlite3_finalize(s);
	return rc;
}

int
frontier_load(struct frontier *f, long *used,
	void (*push)(void *ctx, int64_t id, const char *url, double prio, uint32_t gov),
	void *ctx)
{
	sqlite3_stmt *s = NULL;
	int rc, r;

	for (size_t i = 0; i < f->seeds->n; i++)
		used[i] = 0;
	/* entries left over by an earlier budget are candidates again: the
	 * budget is recounted below */
	if ((rc = store_exec(f->st,
	    "UPDATE frontier SET state='queued', reason=NULL"
	    " WHERE state='skipped' AND reason='max_pages'")) != 0)
		return rc;
	/* each government's budget used: pages fetched, and robots.txt
	 * requests of off-site origins charged to it */
	if ((rc = store_prepare(f->st, &s,
	    "SELECT code, sum(n) FROM ("
	    " SELECT municipality_code AS code, count(*) AS n FROM frontier"
	    "  WHERE state<>'queued' AND attempts>0 AND coalesce(reason,'')<>'redirect'"
	    "  GROUP BY municipality_code"
	    " UNION ALL SELECT municipality_code, sum(charged) FROM hosts"
	    "  WHERE municipality_code IS NOT NULL GROUP BY municipality_code)"
	    " GROUP BY code")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = frontier_val_idx(strmap_get(f->gov_by_code, store_text(s, 0)));

		if (g >= 0)
			used[g] = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(f->st, "count the budgets used");
	if ((rc = store_prepare(f->st, &s,
	    "SELECT url, state, reason, offsite, municipality_code FROM frontier")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *url = store_text(s, 0), *state = store_text(s, 1);

		urlset_put(&f->known, url, frontier_revivable(state, store_text(s, 2)));
		/* the off-site hosts each government reached */
		if (sqlite3_column_int(s, 3) != 0 && strcmp(state, "refused") != 0) {
			long g = frontier_val_idx(strmap_get(f->gov_by_code, store_text(s, 4)));
			char *host = g >= 0 ? url_host(url) : NULL;

			if (host)
				frontier_offsite_host(f, (uint32_t)g, host, false);
			free(host);
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(f->st, "read frontier");
	if ((rc = store_prepare(f->st, &s,
	    "SELECT url FROM frontier WHERE url LIKE '%?%'"
	    " AND NOT (state='refused' AND reason='trap') ORDER BY id")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		char *k = frontier_qkey(store_text(s, 0));

		if (k) {
			long n = frontier_val_idx(strmap_get(f->qvariants, k)) + 1;

			strmap_put(f->qvariants, k, frontier_idx_val((size_t)n));
			free(k);
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if (r != SQLITE_DONE)
		return store_fail(f->st, "read frontier");
	if ((rc = store_prepare(f->st, &s,
	    "SELECT id, url, priority, municipality_code FROM frontier WHERE state='queued'")) != 0)
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		long g = frontier_val_idx(strmap_get(f->gov_by_code, store_text(s, 3)));

		if (g >= 0)
			push(ctx, sqlite3_column_int64(s, 0), store_text(s, 1),
			    sqlite3_column_double(s, 2), (uint32_t)g);
	}
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return store_fail(f->st, "read frontier");
	return 0;
}
