/*
 * crawl: the crawl loop (see crawl.h and docs/CRAWLER.md): the hosts and
 * their queues, dispatch of transfers when a host is due, the libcurl
 * multi loop, the completion of a page request (retries, back-off,
 * redirects, pages, revisits), progress, set-up and the end of a crawl.
 * What a discovered URL becomes is frontier.c's; robots.txt and sitemaps
 * are crawl_robots.c's; the pages rows are pagestore.c's.
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

#include "buf.h"
#include "charset.h"
#include "crawl_internal.h"
#include "err.h"
#include "extract.h"
#include "fetch.h"
#include "frontier.h"
#include "jsonw.h"
#include "log.h"
#include "pagestore.h"
#include "paths.h"
#include "priority.h"
#include "robots.h"
#include "seeds.h"
#include "store.h"
#include "strmap.h"
#include "url.h"
#include "util.h"
#include "warc.h"
#include "xalloc.h"

/* answers of 429 or 503 in a row after which a host is given up */
#define CRAWL_HOST_BUSY_MAX 10

static volatile sig_atomic_t crawl_stop_flag;

void
crawl_interrupt(void)
{
	crawl_stop_flag = 1;
}

/* ---------------------------------------------------------------- helpers */

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

static void
crawl_item_free(struct item *it)
{
	if (it == NULL)
		return;
	free(it->url);
	free(it->anchor);
	free(it);
}

struct host *
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

struct origin *
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

static void
crawl_now(char out[32])
{
	util_now_iso(out);
}

/* ---------------------------------------------------------- SQL helpers */

static int
crawl_prepare(struct crawl *c)
{
	int rc;

	if ((rc = store_prepare(c->st, &c->q_item,
	    "SELECT url, municipality_code, depth, priority, offsite, anchor, reason, state"
	    " FROM frontier WHERE id=?")) != 0 ||
	    (rc = store_prepare(c->st, &c->q_state,
	    "UPDATE frontier SET state=?, reason=?, http_status=?, attempts=?, updated_at=?"
	    " WHERE id=?")) != 0 ||
	    (rc = crawl_robots_prepare(c)) != 0)
		return rc;
	return 0;
}

static void
crawl_finalize_stmts(struct crawl *c)
{
	sqlite3_finalize(c->q_item);
	sqlite3_finalize(c->q_state);
	sqlite3_finalize(c->q_host);
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
	return store_step(c->st, c->q_state, "update frontier");
}

void
crawl_pendings_flush(struct crawl *c, struct frontier_pendings *p, bool push)
{
	for (size_t i = 0; push && i < p->n; i++)
		crawl_push(c, p->v[i].id, p->v[i].url, p->v[i].prio, p->v[i].gov);
	frontier_pendings_clear(p);
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

int
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
int
crawl_private_found(struct crawl *c, struct host *h, const struct fetch_resp *r)
{
	if (!h->private_addr)
		log_warn("%s: resolves to the private address %s; its URLs are refused"
		    " (--allow-private fetches them)", h->name, r->private_addr);
	h->private_addr = true;
	return frontier_host_private(c->frontier, h->name);
}

/* ------------------------------------------------------------- pages */

/* crawl_store_page: stores row as the page of item it: the columns that
 * come from the item and the crawl (frontier row, government, URL, time,
 * run) are filled in here */
static int
crawl_store_page(struct crawl *c, const struct item *it, const struct fetch_resp *r,
	struct page_row *row)
{
	char now[32];

	crawl_now(now);
	row->frontier_id = it->id;
	row->municipality_code = c->govs[it->gov].seed->code;
	row->url = it->url;
	row->final_url = r && r->url ? r->url : it->url;
	row->fetched_at = now;
	row->run_id = c->run_id;
	return pagestore_put(c->pages, row);
}

/* crawl_links: records the links of an HTML page (UTF-8) */
static int
crawl_links(struct crawl *c, struct frontier_pendings *pend, struct item *it, const char *html,
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
			rc = frontier_add_link(c->frontier, pend, it->gov, it->id, it->depth, it->prio,
			    pg->links[i].href, pg->links[i].text);
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
	struct frontier_pendings pend = FRONTIER_PENDINGS_INIT;
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
	struct page_row row = { 0 };
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
	row.http_status = r->status;
	row.content_type = r->content_type;
	row.kind = kind;
	row.headers = buf_cstr(&r->head);
	row.charset = cs.charset;
	row.charset_reason = cs.reason;
	row.etag = r->etag;
	row.last_modified = r->last_modified;
	row.body_sha256 = sha;
	row.zbody = z;
	row.zlen = zlen;
	row.body_len = len;
	row.truncated = r->truncated;
	if ((rc = crawl_store_page(c, it, r, &row)) != 0) {
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
	struct page_row old;
	char *text = NULL, now[32], digest[48], *head = NULL;
	size_t tlen = 0;
	int rc = 0;

	if (!pagestore_since_page(c->since_pages, it->url, &old)) {
		pagestore_since_done(c->since_pages);
		/* the old folder has no body to reuse: a plain failure */
		return crawl_set_state(c, it->id, "failed", "http_304", 304, it->attempts);
	}
	if ((rc = util_zuncompress(&text, &tlen, old.zbody, old.zlen, 64u * 1024u * 1024u)) != 0)
		goto out;
	crawl_now(now);
	util_sha1_base32(digest, text, tlen);
	head = crawl_warc_head(r);
	if (c->warc && (rc = warc_write_revisit(c->warc, it->url, now, head, old.fetched_at,
	    digest)) != 0)
		goto out;
	if ((rc = store_begin(c->st)) != 0)
		goto out;
	/* the old row's body and decision, this response's validators */
	old.body_len = tlen;
	old.revisit = true;
	if (r->etag)
		old.etag = r->etag;
	if (r->last_modified)
		old.last_modified = r->last_modified;
	if ((rc = crawl_store_page(c, it, r, &old)) != 0) {
		store_rollback(c->st);
		goto out;
	}
	rc = crawl_page_commit(c, it, old.kind, text, tlen, "fetched", "not_modified", 304);
out:
	pagestore_since_done(c->since_pages);
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
	struct frontier_pendings pend = FRONTIER_PENDINGS_INIT;
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
	owner = frontier_owner(c->frontier, thost);
	if (owner < 0 && frontier_private_host(c->frontier, thost)) {
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
			if (!frontier_offsite_host(c->frontier, it->gov, thost, true)) {
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
	if (add_scope && (rc = frontier_add_scope(c->frontier, it->gov, thost)) != 0)
		goto fail;
	if (state && (rc = frontier_upsert(c->frontier, &pend, target, it->gov, it->depth, it->prio, it->id,
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
	r.allow_private = frontier_may_be_private(c->frontier, h->name);
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
	if (c->since_pages && it->attempts == 0)
		pagestore_since_validators(c->since_pages, it->url, &etag, &lm);
	req.if_none_match = etag;
	req.if_modified_since = lm;
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

static void
crawl_push_cb(void *ctx, int64_t id, const char *url, double prio, uint32_t gov)
{
	crawl_push(ctx, id, url, prio, gov);
}

/* crawl_setup: the governments, the frontier (seed rows, scope), the
 * robots.txt answers, budgets and queues of earlier invocations */
static int
crawl_setup(struct crawl *c, const struct seeds *seeds)
{
	struct frontier_opts fo;
	long *used;
	int rc;

	c->ngov = seeds->n;
	c->govs = xcalloc(seeds->n ? seeds->n : 1, sizeof(*c->govs));
	for (size_t i = 0; i < seeds->n; i++)
		c->govs[i].seed = &seeds->v[i];
	fo.max_depth = c->o->max_depth;
	fo.max_offsite_hosts = c->o->max_offsite_hosts;
	fo.allow_private = c->o->allow_private;
	if ((rc = crawl_prepare(c)) != 0 ||
	    (rc = pagestore_new(&c->pages, c->st, false)) != 0 ||
	    (c->since && (rc = pagestore_new(&c->since_pages, c->since, true)) != 0) ||
	    (rc = frontier_new(&c->frontier, c->st, seeds, c->prio, &fo, &c->stats)) != 0 ||
	    (rc = frontier_seed(c->frontier)) != 0 ||
	    (rc = crawl_load_robots(c)) != 0)
		return rc;
	used = xcalloc(c->ngov ? c->ngov : 1, sizeof(*used));
	rc = frontier_load(c->frontier, used, crawl_push_cb, c);
	for (size_t i = 0; i < c->ngov; i++)
		c->govs[i].used = used[i];
	free(used);
	return rc;
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
	c.o = opts;
	c.run_id = run_id;
	c.started = util_monotonic();
	c.tty = isatty(2) != 0;
	c.rng = 12345u;
	c.hosts = strmap_new();

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
	if ((rc = crawl_setup(&c, seeds)) != 0)
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
	frontier_free(c.frontier);
	pagestore_free(c.pages);
	pagestore_free(c.since_pages);
	if (c.warc) {
		int wr = warc_close(c.warc);

		if (rc == 0)
			rc = wr;
	}
	fetcher_free(c.fetcher);
	store_close(c.since);
	priority_free(c.prio);
	strmap_free(c.hosts);
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
