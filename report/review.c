/*
 * review: carrying a reviewed programs.csv forward to a new run (see
 * review.h and docs/REVIEW.md).
 *
 * A page's current page_sha256 is taken from this run's programs on it; a
 * page without programs is re-extracted from the stored body and hashed the
 * way classify does (program_page_sha256).
 * Pages are extracted lazily and at most once per carry: only pages that a
 * row needs (a missing row's page, the pages of a government whose missing
 * row's URL is gone) cost anything.
 *
 * Nothing is written before every row's outcome is known, and all writes
 * are one transaction.
 */
#include "review.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "err.h"
#include "extract.h"
#include "log.h"
#include "match.h"
#include "progs.h"
#include "store.h"
#include "store_internal.h"
#include "util.h"
#include "xalloc.h"

#define REVIEW_MAX_HOPS 10

struct review {
	struct progs *rows;
	struct review_result *res;
	char **reason;   /* owned strings behind res[i].reason (NULL: "") */
	char **url_now;  /* owned strings behind res[i].url_now (NULL: "") */
};

/* a fetched page of this run, extracted on demand */
struct rv_page {
	int64_t id;
	char *code, *url, *final_url, *fetched_at;
	bool loaded;
	char sha[65];     /* "" when the page could not be extracted */
	char *ntext;      /* main text, title-normalised (match_title_norm) */
	char *ntitle;     /* page title, title-normalised */
	char **nheads;    /* section headings, title-normalised */
	size_t nheads_n;
};

struct rv_key {
	char *key;
	size_t page;
};

struct rv_ctx {
	struct store *st;
	const struct progs *rev;    /* the reviewed rows */
	char **rev_key;             /* their URL keys */
	struct progs *cur;          /* this run's programs */
	char **cur_key;             /* their URL keys */
	struct rv_page *pages;
	size_t npages;
	struct rv_key *keys;        /* url and final_url keys of pages, sorted */
	size_t nkeys;
	sqlite3_stmt *q_body;
};

/* ------------------------------------------------------------ reading */

static bool
rv_one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

/* a row's cells must be values programs.csv allows */
static int
rv_check(const struct progs *rev, const struct prog *r)
{
	static const char *const yesno[] = { "yes", "no", NULL };
	static const char *const cost[] = { "free", "partial", "paid", "unknown", NULL };
	static const char *const cont[] = { "single", "multiple", "unknown", NULL };
	long v;

	if (!r->col[PC_PROGRAM][0])
		return err_set(MS_EINVAL, "%s:%zu: program is empty", rev->name, r->line);
	if (!r->col[PC_URL][0])
		return err_set(MS_EINVAL, "%s:%zu: url is empty", rev->name, r->line);
	if (r->types == 0)
		return err_set(MS_EINVAL, "%s:%zu: types is empty", rev->name, r->line);
	if (!rv_one_of(r->col[PC_IT_SECURITY], yesno))
		return err_set(MS_EINVAL, "%s:%zu: it_security is '%s', not yes or no",
		    rev->name, r->line, r->col[PC_IT_SECURITY]);
	if (!rv_one_of(r->col[PC_EXPERT_REGISTRY], yesno))
		return err_set(MS_EINVAL, "%s:%zu: expert_registry is '%s', not yes or no",
		    rev->name, r->line, r->col[PC_EXPERT_REGISTRY]);
	if (!rv_one_of(r->col[PC_COST], cost))
		return err_set(MS_EINVAL, "%s:%zu: cost is '%s', not free, partial, paid or unknown",
		    rev->name, r->line, r->col[PC_COST]);
	if (!rv_one_of(r->col[PC_CONTINUITY], cont))
		return err_set(MS_EINVAL, "%s:%zu: continuity is '%s', not single, multiple or unknown",
		    rev->name, r->line, r->col[PC_CONTINUITY]);
	if (r->col[PC_MAX_VISITS][0] && (!util_parse_long(r->col[PC_MAX_VISITS], &v) || v < 1))
		return err_set(MS_EINVAL, "%s:%zu: max_visits is '%s', not a positive number",
		    rev->name, r->line, r->col[PC_MAX_VISITS]);
	return 0;
}

int
review_read(struct review **out, const char *path)
{
	struct progs *p = NULL;
	struct review *rv = NULL;
	char *first = NULL;
	size_t nbad = 0;
	int rc;

	*out = NULL;
	if ((rc = progs_read_csv(&p, path)) != 0)
		goto out;
	if (!p->has_review) {
		rc = err_set(MS_EINVAL, "%s:1: no review column: not a reviewed file (mark rows ok, "
		    "wrong or missing in a column named review)", path);
		goto out;
	}
	for (size_t i = 0; i < p->n; i++) {
		if (rv_check(p, &p->v[i]) == 0)
			continue;
		if (nbad++ == 0)
			first = xstrdup(err_msg());
	}
	if (nbad > 0) {
		if (nbad == 1)
			rc = err_set(MS_EINVAL, "%s", first);
		else
			rc = err_set(MS_EINVAL, "%s (and %zu more bad row%s)", first, nbad - 1,
			    nbad == 2 ? "" : "s");
		goto out;
	}
	rv = xcalloc(1, sizeof(*rv));
	rv->rows = p;
	p = NULL;
	rv->res = xcalloc(rv->rows->n ? rv->rows->n : 1, sizeof(*rv->res));
	rv->reason = xcalloc(rv->rows->n ? rv->rows->n : 1, sizeof(*rv->reason));
	rv->url_now = xcalloc(rv->rows->n ? rv->rows->n : 1, sizeof(*rv->url_now));
	for (size_t i = 0; i < rv->rows->n; i++) {
		const struct prog *r = &rv->rows->v[i];
		struct review_result *res = &rv->res[i];

		res->line = r->line;
		res->label = r->review;
		res->code = r->col[PC_CODE];
		res->program = r->col[PC_PROGRAM];
		res->url = r->col[PC_URL];
		res->outcome = REVIEW_UNCHECKED;
		res->reason = "";
		res->url_now = "";
	}
	*out = rv;
out:
	free(first);
	progs_free(p);
	return rc;
}

void
review_free(struct review *rv)
{
	if (rv == NULL)
		return;
	for (size_t i = 0; i < rv->rows->n; i++) {
		free(rv->reason[i]);
		free(rv->url_now[i]);
	}
	free(rv->reason);
	free(rv->url_now);
	free(rv->res);
	progs_free(rv->rows);
	free(rv);
}

size_t
review_nrows(const struct review *rv)
{
	return rv->rows->n;
}

const struct review_result *
review_result(const struct review *rv, size_t i)
{
	assert(i < rv->rows->n);
	return &rv->res[i];
}

const char *
review_outcome_str(enum review_outcome o)
{
	switch (o) {
	case REVIEW_UNCHECKED: return "unchecked";
	case REVIEW_CONFIRMED: return "ok";
	case REVIEW_CORRECTED: return "corrected";
	case REVIEW_DROPPED: return "dropped";
	case REVIEW_GONE: return "gone";
	case REVIEW_ADDED: return "added";
	case REVIEW_NOT_CARRIED: return "not carried";
	}
	return "?";
}

/* ------------------------------------------------------------ this run's pages */

static int
rv_cmp_key(const void *x, const void *y)
{
	const struct rv_key *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->page < b->page ? -1 : a->page > b->page);
}

static int
rv_load_pages(struct rv_ctx *cx)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc, s;

	/* the pages classify reads (2xx), in its order */
	if ((rc = store_prepare(cx->st, &q,
	    "SELECT id, municipality_code, url, final_url, fetched_at FROM pages"
	    " WHERE http_status BETWEEN 200 AND 299 ORDER BY municipality_code, final_url, id")) != 0)
		return rc;
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		struct rv_page *pg;

		if (cx->npages == cap) {
			cap = cap ? cap * 2 : 256;
			cx->pages = xreallocarray(cx->pages, cap, sizeof(*cx->pages));
		}
		pg = &cx->pages[cx->npages++];
		memset(pg, 0, sizeof(*pg));
		pg->id = sqlite3_column_int64(q, 0);
		pg->code = xstrdup(store_text(q, 1));
		pg->url = xstrdup(store_text(q, 2));
		pg->final_url = xstrdup(store_text(q, 3));
		pg->fetched_at = xstrdup(store_text(q, 4));
	}
	if (s != SQLITE_DONE)
		rc = store_fail(cx->st, "read pages");
	sqlite3_finalize(q);
	if (rc != 0)
		return rc;
	cx->keys = xreallocarray(NULL, cx->npages * 2 + 1, sizeof(*cx->keys));
	for (size_t i = 0; i < cx->npages; i++) {
		cx->keys[cx->nkeys++] = (struct rv_key){ match_url_key(cx->pages[i].final_url), i };
		cx->keys[cx->nkeys++] = (struct rv_key){ match_url_key(cx->pages[i].url), i };
	}
	util_sort(cx->keys, cx->nkeys, sizeof(*cx->keys), rv_cmp_key);
	return store_prepare(cx->st, &cx->q_body,
	    "SELECT kind, body FROM pages WHERE id = ?");
}

/* the page whose URL (or final URL) has the key; one of the row's
 * government first */
static struct rv_page *
rv_page_by_key(struct rv_ctx *cx, const char *key, const char *code)
{
	size_t lo = 0, hi = cx->nkeys;
	struct rv_page *any = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(cx->keys[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cx->nkeys && strcmp(cx->keys[lo].key, key) == 0; lo++) {
		struct rv_page *pg = &cx->pages[cx->keys[lo].page];

		if (strcmp(pg->code, code) == 0)
			return pg;
		if (!any)
			any = pg;
	}
	return any;
}

/* extracts pg once: its hash, normalised text, title and headings.  A page
 * that cannot be read or extracted keeps an empty hash (taken as changed). */
static int
rv_page_load(struct rv_ctx *cx, struct rv_page *pg)
{
	struct extract_page *page = NULL;
	int rc = 0, s;

	if (pg->loaded)
		return 0;
	pg->loaded = true;
	sqlite3_bind_int64(cx->q_body, 1, pg->id);
	s = sqlite3_step(cx->q_body);
	if (s != SQLITE_ROW) {
		rc = s == SQLITE_DONE ? 0 : store_fail(cx->st, "read a page");
		goto out;
	}
	/* read back exactly as classify reads it, so the digest compares */
	if (classify_stored_page(&page, store_text(cx->q_body, 0), sqlite3_column_blob(cx->q_body, 1),
	    (size_t)sqlite3_column_bytes(cx->q_body, 1), pg->final_url, CLASSIFY_MAX_BODY) != 0) {
		log_warn("%s: cannot read the stored page, taken as changed: %s", pg->final_url,
		    err_msg());
		err_clear();
		goto out;
	}
	{
		const char *mt = page->main_text ? page->main_text : "";

		program_page_sha256(pg->sha, mt);
		pg->ntext = match_title_norm(mt);
		pg->ntitle = match_title_norm(page->title ? page->title : "");
		pg->nheads = xreallocarray(NULL, page->nsections ? page->nsections : 1,
		    sizeof(*pg->nheads));
		for (size_t k = 0; k < page->nsections; k++)
			if (page->sections[k].heading && page->sections[k].heading[0])
				pg->nheads[pg->nheads_n++] = match_title_norm(page->sections[k].heading);
	}
out:
	sqlite3_reset(cx->q_body);
	sqlite3_clear_bindings(cx->q_body);
	extract_page_free(page);
	return rc;
}

static void
rv_page_fini(struct rv_page *pg)
{
	free(pg->code);
	free(pg->url);
	free(pg->final_url);
	free(pg->fetched_at);
	free(pg->ntext);
	free(pg->ntitle);
	for (size_t k = 0; k < pg->nheads_n; k++)
		free(pg->nheads[k]);
	free(pg->nheads);
}

/* the current hash of the page at key: this run's programs on it tell it;
 * else the page is extracted.  "" when there is no such page. */
static int
rv_sha_at(struct rv_ctx *cx, const char *key, struct rv_page *pg, const char **out)
{
	int rc;

	*out = "";
	for (size_t j = 0; j < cx->cur->n; j++) {
		if (strcmp(cx->cur_key[j], key) == 0 && cx->cur->v[j].col[PC_PAGE_SHA256][0]) {
			*out = cx->cur->v[j].col[PC_PAGE_SHA256];
			return 0;
		}
	}
	if (!pg)
		return 0;
	if ((rc = rv_page_load(cx, pg)) != 0)
		return rc;
	*out = pg->sha;
	return 0;
}

/* how well pg names a program of normalised title nt: 3 same text as the
 * reviewed page (sha), 2 its title or a heading contains the name, 1 its
 * text does, 0 not at all */
static int
rv_names(const struct rv_page *pg, const char *nt, const char *sha)
{
	if (sha[0] && pg->sha[0] && strcmp(pg->sha, sha) == 0)
		return 3;
	if (!nt[0])
		return 0;
	if (pg->ntitle && strstr(pg->ntitle, nt))
		return 2;
	for (size_t k = 0; k < pg->nheads_n; k++)
		if (strstr(pg->nheads[k], nt))
			return 2;
	return pg->ntext && strstr(pg->ntext, nt) ? 1 : 0;
}

/* a page of the row's government that names the program in its title or
 * a heading (or has the reviewed text), the best first; NULL when none or
 * when the row names no government (every page would be extracted) */
static int
rv_page_by_name(struct rv_ctx *cx, const struct prog *r, struct rv_page **out)
{
	char *nt = match_title_norm(r->col[PC_PROGRAM]);
	int best = 1, rc = 0;

	*out = NULL;
	for (size_t i = 0; i < cx->npages && r->col[PC_CODE][0]; i++) {
		struct rv_page *pg = &cx->pages[i];
		int s;

		if (strcmp(pg->code, r->col[PC_CODE]) != 0)
			continue;
		if ((rc = rv_page_load(cx, pg)) != 0)
			break;
		s = rv_names(pg, nt, r->col[PC_PAGE_SHA256]);
		if (s > best) {
			best = s;
			*out = pg;
		}
	}
	free(nt);
	return rc;
}

/* the crawl's record of the URL: its frontier row, and where the redirects
 * the crawler followed from it lead */
struct rv_front {
	bool found;
	char *state, *reason;
	long http;
	char *target;    /* the fetched URL a redirect chain ends at, or NULL */
};

static void
rv_front_fini(struct rv_front *f)
{
	free(f->state);
	free(f->reason);
	free(f->target);
}

static int
rv_frontier(struct rv_ctx *cx, const struct prog *r, const char *key, struct rv_front *out)
{
	sqlite3_stmt *q = NULL, *qc = NULL;
	int64_t id = 0;
	int rc, s = SQLITE_DONE;

	memset(out, 0, sizeof(*out));
	/* the row's government first, then anyone's (the code may be wrong) */
	if ((rc = store_prepare(cx->st, &q,
	    "SELECT id, url, state, COALESCE(reason, ''), COALESCE(http_status, 0) FROM frontier"
	    " ORDER BY municipality_code <> ?, id")) != 0)
		goto out;
	sqlite3_bind_text(q, 1, r->col[PC_CODE], -1, SQLITE_STATIC);
	while ((s = sqlite3_step(q)) == SQLITE_ROW) {
		char *k = match_url_key(store_text(q, 1));
		bool same = strcmp(k, key) == 0;

		free(k);
		if (!same)
			continue;
		out->found = true;
		id = sqlite3_column_int64(q, 0);
		out->state = xstrdup(store_text(q, 2));
		out->reason = xstrdup(store_text(q, 3));
		out->http = (long)sqlite3_column_int64(q, 4);
		break;
	}
	if (s != SQLITE_DONE && s != SQLITE_ROW) {
		rc = store_fail(cx->st, "read the frontier");
		goto out;
	}
	if (!out->found || strcmp(out->state, "skipped") != 0 || strcmp(out->reason, "redirect") != 0)
		goto out;
	/* a redirect's target is queued as its child */
	if ((rc = store_prepare(cx->st, &qc,
	    "SELECT id, url, state FROM frontier WHERE parent_id = ? ORDER BY id LIMIT 1")) != 0)
		goto out;
	for (int hop = 0; hop < REVIEW_MAX_HOPS; hop++) {
		sqlite3_bind_int64(qc, 1, id);
		if ((s = sqlite3_step(qc)) != SQLITE_ROW) {
			if (s != SQLITE_DONE)
				rc = store_fail(cx->st, "read the frontier");
			break;
		}
		id = sqlite3_column_int64(qc, 0);
		if (strcmp(store_text(qc, 2), "fetched") == 0) {
			out->target = xstrdup(store_text(qc, 1));
			break;
		}
		sqlite3_reset(qc);
	}
out:
	sqlite3_finalize(q);
	sqlite3_finalize(qc);
	return rc;
}

/* the crawl fetched the URL and found nothing to keep, or it is gone (404,
 * 410), or it redirects: not a fetch that failed or was declined */
static bool
rv_front_gone(const struct rv_front *f)
{
	return strcmp(f->state, "fetched") == 0 ||
	    (strcmp(f->state, "failed") == 0 && (f->http == 404 || f->http == 410)) ||
	    (strcmp(f->state, "skipped") == 0 && strcmp(f->reason, "redirect") == 0);
}

/* the current hash of pg (see rv_sha_at) */
static int
rv_page_sha(struct rv_ctx *cx, struct rv_page *pg, const char **out)
{
	char *key = match_url_key(pg->final_url);
	int rc = rv_sha_at(cx, key, pg, out);

	free(key);
	return rc;
}

/* ------------------------------------------------------------ carrying */

static bool
rv_same_labels(const struct prog *r, const struct prog *p)
{
	long a, b;
	bool na, nb;

	if (strcmp(r->col[PC_PROGRAM], p->col[PC_PROGRAM]) != 0 || r->types != p->types)
		return false;
	if (strcmp(r->col[PC_IT_SECURITY], p->col[PC_IT_SECURITY]) != 0 ||
	    strcmp(r->col[PC_EXPERT_REGISTRY], p->col[PC_EXPERT_REGISTRY]) != 0 ||
	    strcmp(r->col[PC_COST], p->col[PC_COST]) != 0 ||
	    strcmp(r->col[PC_CONTINUITY], p->col[PC_CONTINUITY]) != 0)
		return false;
	na = util_parse_long(r->col[PC_MAX_VISITS], &a);
	nb = util_parse_long(p->col[PC_MAX_VISITS], &b);
	return na == nb && (!na || a == b);
}

static void
rv_bind_labels(sqlite3_stmt *stmt, const struct prog *r, int first)
{
	long v;

	sqlite3_bind_text(stmt, first, r->col[PC_PROGRAM], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 1, r->col[PC_TYPES], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 2, r->col[PC_IT_SECURITY], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 3, r->col[PC_EXPERT_REGISTRY], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, first + 4, r->col[PC_COST], -1, SQLITE_STATIC);
	if (util_parse_long(r->col[PC_MAX_VISITS], &v))
		sqlite3_bind_int64(stmt, first + 5, v);
	else
		sqlite3_bind_null(stmt, first + 5);
	sqlite3_bind_text(stmt, first + 6, r->col[PC_CONTINUITY], -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, first + 7, progs_riss_fit(r));
}

static int
rv_step(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int s = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return s == SQLITE_DONE ? 0 : store_fail(st, what);
}

/* the pairs review_carry decides on: reviewed row -> this run's program.
 * match.h's passes, but the lone-row pass counts only the rows the tool
 * once reported: a missing row never was one of this page's programs, so it
 * neither takes a page's lone program whatever its title nor keeps a lone
 * tool row from its program. */
static void
rv_match(struct rv_ctx *cx, long *map, bool *moved)
{
	const struct progs *rev = cx->rev;
	char **rkey = cx->rev_key;
	struct match_item *ri = xreallocarray(NULL, rev->n ? rev->n : 1, sizeof(*ri));
	struct match_item *ci = xreallocarray(NULL, cx->cur->n ? cx->cur->n : 1, sizeof(*ci));
	bool *used = xcalloc(cx->cur->n ? cx->cur->n : 1, sizeof(*used));

	for (size_t i = 0; i < rev->n; i++) {
		ri[i].code = rev->v[i].col[PC_CODE];
		ri[i].url = rev->v[i].col[PC_URL];
		ri[i].title = rev->v[i].col[PC_PROGRAM];
		moved[i] = false;
	}
	for (size_t j = 0; j < cx->cur->n; j++) {
		ci[j].code = cx->cur->v[j].col[PC_CODE];
		ci[j].url = cx->cur->v[j].col[PC_URL];
		ci[j].title = cx->cur->v[j].col[PC_PROGRAM];
	}
	match_pairs(map, ri, rev->n, ci, cx->cur->n, 0);
	for (size_t i = 0; i < rev->n; i++)
		if (map[i] >= 0)
			used[map[i]] = true;
	/* a page's lone reviewed row: its most similar program on the page */
	for (size_t i = 0; i < rev->n; i++) {
		struct match_title ti;
		size_t same = 0;
		long best = -1;
		double best_s = -1;

		if (map[i] >= 0 || strcmp(rev->v[i].review, "missing") == 0)
			continue;
		for (size_t k = 0; k < rev->n; k++)
			same += strcmp(rev->v[k].review, "missing") != 0 && strcmp(rkey[k], rkey[i]) == 0;
		if (same != 1)
			continue;
		match_title_init(&ti, rev->v[i].col[PC_PROGRAM]);
		for (size_t j = 0; j < cx->cur->n; j++) {
			struct match_title tj;
			double sc;

			if (used[j] || strcmp(cx->cur_key[j], rkey[i]) != 0)
				continue;
			match_title_init(&tj, cx->cur->v[j].col[PC_PROGRAM]);
			sc = match_title_score(&ti, &tj);
			match_title_fini(&tj);
			if (sc > best_s) {
				best_s = sc;
				best = (long)j;
			}
		}
		match_title_fini(&ti);
		if (best >= 0) {
			map[i] = best;
			used[best] = true;
		}
	}
	/* a title the reviewer rewrote beyond recognition: on the same page,
	 * this run's row with the evidence the reviewed row still carries */
	for (size_t i = 0; i < rev->n; i++) {
		const struct prog *r = &rev->v[i];

		if (map[i] >= 0 || !r->col[PC_EVIDENCE][0])
			continue;
		for (size_t j = 0; j < cx->cur->n; j++) {
			if (!used[j] && strcmp(cx->cur_key[j], rkey[i]) == 0 &&
			    strcmp(cx->cur->v[j].col[PC_EVIDENCE], r->col[PC_EVIDENCE]) == 0) {
				map[i] = (long)j;
				used[j] = true;
				break;
			}
		}
	}
	/* a page that is gone from its URL: the government's program of the
	 * same title elsewhere (whether its text is the same decides later) */
	for (size_t i = 0; i < rev->n; i++) {
		const struct prog *r = &rev->v[i];
		bool reported = false;
		char *nt;

		if (map[i] >= 0 || !r->review[0] || strcmp(r->review, "wrong") == 0 ||
		    !r->col[PC_CODE][0] || rv_page_by_key(cx, rkey[i], r->col[PC_CODE]) != NULL)
			continue;
		for (size_t j = 0; j < cx->cur->n && !reported; j++)
			reported = strcmp(cx->cur_key[j], rkey[i]) == 0;
		if (reported)
			continue;
		nt = match_title_norm(r->col[PC_PROGRAM]);
		for (size_t j = 0; j < cx->cur->n && nt[0]; j++) {
			char *nc;
			bool same;

			if (used[j] || strcmp(cx->cur->v[j].col[PC_CODE], r->col[PC_CODE]) != 0)
				continue;
			nc = match_title_norm(cx->cur->v[j].col[PC_PROGRAM]);
			same = strcmp(nc, nt) == 0;
			free(nc);
			if (same) {
				map[i] = (long)j;
				used[j] = true;
				moved[i] = true;
				break;
			}
		}
		free(nt);
	}
	free(ri);
	free(ci);
	free(used);
}

/* sets row i's outcome, and its reason (printf-style; NULL for none) */
static void
rv_set(struct review *rv, size_t i, enum review_outcome o, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
rv_set(struct review *rv, size_t i, enum review_outcome o, const char *fmt, ...)
{
	rv->res[i].outcome = o;
	free(rv->reason[i]);
	rv->reason[i] = NULL;
	rv->res[i].reason = "";
	if (fmt) {
		struct buf b = BUF_INIT;
		va_list ap;

		va_start(ap, fmt);
		buf_vaddf(&b, fmt, ap);
		va_end(ap);
		rv->reason[i] = buf_detach(&b, NULL);
		rv->res[i].reason = rv->reason[i];
	}
}

static void
rv_set_url(struct review *rv, size_t i, const char *url)
{
	free(rv->url_now[i]);
	rv->url_now[i] = xstrdup(url);
	rv->res[i].url_now = rv->url_now[i];
}

/* why a checked row whose page has no URL match this year is not carried:
 * what the crawl knows of the URL */
static void
rv_why_no_page(struct review *rv, size_t i, const struct rv_front *f, bool by_name,
	struct review_stats *s)
{
	const char *title = by_name ? " or title" : "";

	if (f->found && rv_front_gone(f)) {
		/* fetched but not kept (not 2xx), gone, or moved away */
		if (strcmp(f->state, "skipped") == 0)
			rv_set(rv, i, REVIEW_NOT_CARRIED,
			    "no page with this URL%s: the URL redirects to a page not crawled", title);
		else if (strcmp(f->state, "fetched") == 0)
			rv_set(rv, i, REVIEW_NOT_CARRIED, "no page with this URL%s: the URL gave no page",
			    title);
		else
			rv_set(rv, i, REVIEW_NOT_CARRIED, "no page with this URL%s: the URL is gone (%s)",
			    title, f->reason);
		s->no_page++;
	} else if (f->found) {
		rv_set(rv, i, REVIEW_NOT_CARRIED, "page not crawled this year (%s%s%s)", f->state,
		    f->reason[0] ? ": " : "", f->reason);
		s->not_crawled++;
	} else {
		rv_set(rv, i, REVIEW_NOT_CARRIED,
		    "no page with this URL%s: the crawl did not reach the URL this year", title);
		s->no_page++;
	}
}

int
review_carry(struct review_stats *out, struct store *st, struct review *rv)
{
	const struct progs *rev = rv->rows;
	struct rv_ctx cx;
	struct review_stats s;
	long *map = NULL;
	bool *moved = NULL;
	sqlite3_stmt *upd = NULL, *del = NULL, *ins = NULL;
	bool in_tx = false;
	int rc;

	memset(&cx, 0, sizeof(cx));
	memset(&s, 0, sizeof(s));
	cx.st = st;
	cx.rev = rev;
	cx.rev_key = xreallocarray(NULL, rev->n ? rev->n : 1, sizeof(*cx.rev_key));
	for (size_t i = 0; i < rev->n; i++)
		cx.rev_key[i] = match_url_key(rev->v[i].col[PC_URL]);
	if ((rc = progs_from_store(&cx.cur, st)) != 0)
		goto out;
	cx.cur_key = xreallocarray(NULL, cx.cur->n ? cx.cur->n : 1, sizeof(*cx.cur_key));
	for (size_t j = 0; j < cx.cur->n; j++)
		cx.cur_key[j] = match_url_key(cx.cur->v[j].col[PC_URL]);
	if ((rc = rv_load_pages(&cx)) != 0)
		goto out;
	map = xreallocarray(NULL, rev->n ? rev->n : 1, sizeof(*map));
	moved = xcalloc(rev->n ? rev->n : 1, sizeof(*moved));
	rv_match(&cx, map, moved);

	if ((rc = store_prepare(st, &upd,
	    "UPDATE programs SET program=?, types=?, it_security=?, expert_registry=?,"
	    " cost=?, max_visits=?, continuity=?, riss_fit=?, review=? WHERE id=?")) != 0 ||
	    (rc = store_prepare(st, &del, "DELETE FROM programs WHERE id=?")) != 0 ||
	    (rc = store_prepare(st, &ins,
	    "INSERT INTO programs(program, types, it_security, expert_registry, cost,"
	    " max_visits, continuity, riss_fit, municipality_code, page_id, url, evidence,"
	    " page_sha256, fetched_at, review, run_id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'missing', (SELECT max(id) FROM runs))")) != 0)
		goto out;
	if ((rc = store_begin(st)) != 0)
		goto out;
	in_tx = true;
	s.rows = rev->n;
	for (size_t i = 0; i < rev->n; i++) {
		const struct prog *r = &rev->v[i];
		const char *label = r->review, *rsha = r->col[PC_PAGE_SHA256], *sha = "";
		const char *key = cx.rev_key[i];
		char *nt = match_title_norm(r->col[PC_PROGRAM]);
		struct rv_page *pg = NULL;
		struct rv_front f;
		bool page_ok;

		memset(&f, 0, sizeof(f));
		if (map[i] >= 0) {
			const struct prog *p = &cx.cur->v[map[i]];

			pg = rv_page_by_key(&cx, cx.cur_key[map[i]], p->col[PC_CODE]);
			sha = p->col[PC_PAGE_SHA256];
			if (rsha[0]) {
				page_ok = strcmp(sha, rsha) == 0;
			} else {
				/* an added row: no hash to compare; the page must name it */
				if (pg && (rc = rv_page_load(&cx, pg)) != 0)
					goto row_out;
				page_ok = pg && rv_names(pg, nt, "") > 0;
			}
			if (!label[0] && (!page_ok || rv_same_labels(r, p))) {
				/* an empty cell is the row as it stands (docs/REVIEW.md):
				 * unedited, nothing to carry; an edited label on an
				 * unchanged page is a correction (below) */
				rv_set(rv, i, REVIEW_UNCHECKED, NULL);
				s.unchecked++;
			} else if (!page_ok) {
				if (moved[i]) {
					/* a URL the crawl did not fetch is not a page that moved */
					if ((rc = rv_frontier(&cx, r, key, &f)) != 0)
						goto row_out;
					if (f.found && !rv_front_gone(&f)) {
						rv_why_no_page(rv, i, &f, false, &s);
						goto row_out;
					}
					rv_set(rv, i, REVIEW_NOT_CARRIED, "page moved to %s and changed",
					    p->col[PC_URL]);
				} else if (rsha[0])
					rv_set(rv, i, REVIEW_NOT_CARRIED, "page changed");
				else
					rv_set(rv, i, REVIEW_NOT_CARRIED, "page changed: it no longer names "
					    "the program (the row has no page_sha256)");
				s.page_changed++;
				goto row_out;
			} else if (strcmp(label, "wrong") == 0) {
				sqlite3_bind_int64(del, 1, p->id);
				rc = rv_step(st, del, "drop a wrong program");
				rv_set(rv, i, REVIEW_DROPPED, NULL);
				s.dropped++;
			} else {
				bool same = rv_same_labels(r, p);
				/* a row an earlier carry corrected or added keeps its mark */
				const char *state = !same ? "corrected" :
				    strcmp(p->review, "corrected") == 0 || strcmp(p->review, "missing") == 0 ?
				    p->review : "ok";

				rv_bind_labels(upd, r, 1);
				sqlite3_bind_text(upd, 9, state, -1, SQLITE_STATIC);
				sqlite3_bind_int64(upd, 10, p->id);
				rc = rv_step(st, upd, "apply a review");
				if (moved[i]) {
					rv_set(rv, i, same ? REVIEW_CONFIRMED : REVIEW_CORRECTED,
					    "page moved to %s", p->col[PC_URL]);
					rv_set_url(rv, i, p->col[PC_URL]);
					s.moved++;
				} else {
					rv_set(rv, i, same ? REVIEW_CONFIRMED : REVIEW_CORRECTED, NULL);
				}
				if (same)
					s.confirmed++;
				else
					s.corrected++;
			}
			goto row_out;
		}
		/* this run does not report the program */
		if (!label[0]) {
			rv_set(rv, i, REVIEW_UNCHECKED, NULL);
			s.unchecked++;
			goto row_out;
		}
		if (strcmp(label, "wrong") == 0) {
			rv_set(rv, i, REVIEW_GONE, NULL);
			s.gone++;
			goto row_out;
		}
		pg = rv_page_by_key(&cx, key, r->col[PC_CODE]);
		/* programs on a page missing from the pages table (a hand-built
		 * store) tell its hash too */
		if ((rc = rv_sha_at(&cx, key, pg, &sha)) != 0)
			goto row_out;
		if (!pg && !sha[0]) {
			bool is_missing = strcmp(label, "missing") == 0;

			if ((rc = rv_frontier(&cx, r, key, &f)) != 0)
				goto row_out;
			if (f.target) {
				char *tk = match_url_key(f.target);

				pg = rv_page_by_key(&cx, tk, r->col[PC_CODE]);
				free(tk);
			}
			/* the URL is gone, moved away or was never seen (not one
			 * the crawl failed or declined to fetch): the program may
			 * be on another page that names it */
			if (!pg && is_missing && (!f.found || rv_front_gone(&f)) &&
			    (rc = rv_page_by_name(&cx, r, &pg)) != 0)
				goto row_out;
			if (!pg) {
				rv_why_no_page(rv, i, &f, is_missing, &s);
				goto row_out;
			}
			if ((rc = rv_page_sha(&cx, pg, &sha)) != 0)
				goto row_out;
		}
		page_ok = rsha[0] && strcmp(sha, rsha) == 0;
		if (strcmp(label, "missing") != 0) {
			if (page_ok) {
				rv_set(rv, i, REVIEW_NOT_CARRIED,
				    "page unchanged, but this run no longer reports the program");
				s.not_found++;
			} else {
				rv_set(rv, i, REVIEW_NOT_CARRIED, "page changed");
				s.page_changed++;
			}
			goto row_out;
		}
		/* a missing row: added when its page is unchanged or still names it */
		{
			int named = 0;
			const char *url_now = pg ? pg->final_url : r->col[PC_URL];
			char *now_key = match_url_key(url_now);
			bool elsewhere = strcmp(now_key, key) != 0;

			free(now_key);
			if (pg) {
				if ((rc = rv_page_load(&cx, pg)) != 0)
					goto row_out;
				named = rv_names(pg, nt, "");
			}
			if (!page_ok && named == 0) {
				if (rsha[0])
					rv_set(rv, i, REVIEW_NOT_CARRIED,
					    "page changed: it no longer names the program");
				else
					rv_set(rv, i, REVIEW_NOT_CARRIED, "the page does not name the "
					    "program (and the row has no page_sha256 to compare)");
				s.page_changed++;
				goto row_out;
			}
			rv_bind_labels(ins, r, 1);
			sqlite3_bind_text(ins, 9, pg ? pg->code : r->col[PC_CODE], -1, SQLITE_STATIC);
			if (pg)
				sqlite3_bind_int64(ins, 10, pg->id);
			else
				sqlite3_bind_null(ins, 10);
			sqlite3_bind_text(ins, 11, url_now, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 12, r->col[PC_EVIDENCE], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 13, sha, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 14, pg ? pg->fetched_at : r->col[PC_FETCHED_AT], -1,
			    SQLITE_STATIC);
			rc = rv_step(st, ins, "add a missing program");
			if (elsewhere) {
				rv_set(rv, i, REVIEW_ADDED, "moved to %s", url_now);
				s.moved++;
			} else if (rsha[0] && !page_ok) {
				rv_set(rv, i, REVIEW_ADDED,
				    "page changed, but it still names the program: check its labels");
			} else {
				rv_set(rv, i, REVIEW_ADDED, NULL);
			}
			rv_set_url(rv, i, url_now);
			s.added++;
		}
row_out:
		rv_front_fini(&f);
		free(nt);
		if (rc != 0)
			goto out;
	}
	if ((rc = store_commit(st)) != 0)
		goto out;
	in_tx = false;
	s.not_carried = s.page_changed + s.not_crawled + s.no_page + s.not_found;
	for (size_t i = 0; i < rev->n; i++) {
		const struct review_result *res = &rv->res[i];
		/* "ok, not carried", "missing, added"; "unchecked" alone */
		const char *sep = res->label[0] ? ", " : "";

		if (res->reason[0])
			log_info("%s:%zu: %s%s%s: %s: %s <%s>", rev->name, res->line, res->label, sep,
			    review_outcome_str(res->outcome), res->reason, res->program, res->url);
		else
			log_debug("%s:%zu: %s%s%s: %s <%s>", rev->name, res->line, res->label, sep,
			    review_outcome_str(res->outcome), res->program, res->url);
	}
	log_info("%s: review carried forward: %zu ok, %zu corrected, %zu wrong dropped "
	    "(%zu already gone), %zu missing added (%zu moved); not carried %zu: %zu page changed, "
	    "%zu not crawled this year, %zu no page, %zu no longer found; %zu unchecked",
	    rev->name, s.confirmed, s.corrected, s.dropped, s.gone, s.added, s.moved,
	    s.not_carried, s.page_changed, s.not_crawled, s.no_page, s.not_found, s.unchecked);
out:
	if (in_tx)
		store_rollback(st);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	sqlite3_finalize(cx.q_body);
	for (size_t k = 0; k < cx.nkeys; k++)
		free(cx.keys[k].key);
	free(cx.keys);
	for (size_t k = 0; k < cx.npages; k++)
		rv_page_fini(&cx.pages[k]);
	free(cx.pages);
	if (cx.cur) {
		for (size_t j = 0; j < cx.cur->n; j++)
			free(cx.cur_key[j]);
	}
	free(cx.cur_key);
	for (size_t i = 0; i < rev->n; i++)
		free(cx.rev_key[i]);
	free(cx.rev_key);
	progs_free(cx.cur);
	free(map);
	free(moved);
	if (out)
		*out = s;
	return rc;
}

int
review_apply_stats(struct store *st, const char *reviewed_csv, struct review_stats *out)
{
	struct review *rv = NULL;
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	if ((rc = review_read(&rv, reviewed_csv)) == 0)
		rc = review_carry(out, st, rv);
	review_free(rv);
	return rc;
}

int
review_apply(struct store *st, const char *reviewed_csv)
{
	return review_apply_stats(st, reviewed_csv, NULL);
}
