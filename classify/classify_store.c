/*
 * classify_store: classify_store() of classify.h: re-classifies every page
 * stored in an output folder without the network.
 *
 * The page list is read first (ids only); worker threads then load one
 * body at a time through a shared statement under a mutex (SQLite calls are
 * short; extraction and MeCab, the costly part, run in parallel).  The
 * programs table is replaced in one transaction, so a failure leaves the
 * previous classification in place.
 */
#include "classify.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "extract.h"
#include "log.h"
#include "store.h"
#include "store_internal.h"
#include "util.h"
#include "xalloc.h"


struct cs_page {
	int64_t id;
	char *code;
	struct classify_programs progs;
	char *problem;  /* not_read, partly_read:CAP, or NULL: read whole */
	char *detail;   /* the message */
};

struct cs_run {
	struct store *st;
	sqlite3_stmt *q_body;
	pthread_mutex_t mu;
	struct cs_page *pages;
	size_t n;
	size_t failed;
};

int
classify_stored_page(struct extract_page **out, const char *kind, const void *zbody, size_t zlen,
	const char *url, size_t max_body)
{
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	char *body = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = util_zuncompress(&body, &len, zbody, zlen, max_body)) < 0)
		return rc;
	/* the crawler decided the charset once and stored UTF-8: a stored
	 * type's charset (text/html; charset=shift_jis) or a meta tag would
	 * decide again, wrongly; the kind tells a PDF without sniffing */
	eo.url = url;
	eo.content_type = kind && strcmp(kind, "pdf") == 0 ? "application/pdf" :
	    "text/html; charset=utf-8";
	rc = extract_bytes(out, body, len, &eo);
	free(body);
	return rc;
}

static int
cs_one(struct classify_worker *w, size_t i, void *arg)
{
	struct cs_run *run = arg;
	struct cs_page *pg = &run->pages[i];
	struct extract_page *page = NULL;
	struct classify_page_meta meta = { NULL, NULL, NULL, 0 };
	char *url = NULL, *kind = NULL, *fetched = NULL, *z = NULL;
	size_t zlen = 0;
	int rc = 0, src;

	pthread_mutex_lock(&run->mu);
	sqlite3_bind_int64(run->q_body, 1, pg->id);
	src = sqlite3_step(run->q_body);
	if (src == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(run->q_body, 2);

		url = xstrdup(store_text(run->q_body, 0));
		kind = xstrdup(store_text(run->q_body, 1));
		zlen = (size_t)sqlite3_column_bytes(run->q_body, 2);
		z = xmalloc(zlen ? zlen : 1);
		if (blob)
			memcpy(z, blob, zlen);
		fetched = xstrdup(store_text(run->q_body, 3));
	} else if (src != SQLITE_DONE)
		rc = store_fail(run->st, "read page");
	sqlite3_reset(run->q_body);
	pthread_mutex_unlock(&run->mu);
	if (rc < 0 || !url)
		goto out;
	if (classify_stored_page(&page, kind, z, zlen, url, CLASSIFY_MAX_BODY) < 0) {
		/* one damaged page is reported and skipped */
		log_warn("%s: not classified: %s", url, err_msg());
		pg->problem = xstrdup("not_read");
		pg->detail = xstrdup(err_msg());
		err_clear();
		pthread_mutex_lock(&run->mu);
		run->failed++;
		pthread_mutex_unlock(&run->mu);
		goto out;
	}
	if (page->too_large) {
		/* only the start was read: programs further down are missed */
		pg->problem = xasprintf("partly_read:%s", page->too_large_cap ? page->too_large_cap : "");
		pg->detail = xstrdup("a work cap cut the page");
	}
	meta.url = url;
	meta.municipality_code = pg->code;
	meta.fetched_at = fetched;
	meta.page_id = pg->id;
	rc = classify_page(w, page, &meta, &pg->progs);
out:
	extract_page_free(page);
	free(url);
	free(kind);
	free(fetched);
	free(z);
	return rc;
}

static int
cs_list(struct cs_run *run)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc, src;

	/* by URL, not by id: the order pages were saved depends on timing
	 * (hosts in parallel, a resumed crawl), and the merge of one program
	 * described on several pages keeps the first */
	if ((rc = store_prepare(run->st, &q,
	    "SELECT id, municipality_code FROM pages"
	    " WHERE http_status BETWEEN 200 AND 299 ORDER BY municipality_code, final_url, id")) < 0)
		return rc;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		if (run->n == cap) {
			cap = cap ? cap * 2 : 256;
			run->pages = xreallocarray(run->pages, cap, sizeof(*run->pages));
		}
		memset(&run->pages[run->n], 0, sizeof(*run->pages));
		run->pages[run->n].id = sqlite3_column_int64(q, 0);
		run->pages[run->n].code = xstrdup(store_text(q, 1));
		run->n++;
	}
	if (src != SQLITE_DONE)
		rc = store_fail(run->st, "list pages");
	sqlite3_finalize(q);
	return rc;
}

/* cs_evidence: the evidence rows of program id (in the caller's
 * transaction) */
static int
cs_evidence(struct store *st, sqlite3_stmt *ins, int64_t id, const struct program_evidences *e)
{
	for (size_t k = 0; k < e->n; k++) {
		const struct program_evidence *it = &e->v[k];

		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)k);
		sqlite3_bind_text(ins, 3, it->criterion, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, it->rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, it->passage, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 6, (sqlite3_int64)it->hit_start);
		sqlite3_bind_int64(ins, 7, (sqlite3_int64)it->hit_end);
		if (sqlite3_step(ins) != SQLITE_DONE)
			return store_fail(st, "insert evidence");
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
	}
	return 0;
}

/* cs_problems: the page_problems table replaced by this run's */
static int
cs_problems(struct store *st, const struct cs_run *run)
{
	sqlite3_stmt *ins = NULL;
	int rc;

	if ((rc = store_exec(st, "DELETE FROM page_problems")) < 0 ||
	    (rc = store_prepare(st, &ins,
	    "INSERT INTO page_problems(page_id, problem, detail) VALUES (?,?,?)")) < 0)
		return rc;
	for (size_t i = 0; i < run->n && rc == 0; i++) {
		const struct cs_page *pg = &run->pages[i];

		if (!pg->problem)
			continue;
		sqlite3_bind_int64(ins, 1, pg->id);
		sqlite3_bind_text(ins, 2, pg->problem, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, pg->detail ? pg->detail : "", -1, SQLITE_STATIC);
		rc = store_step(st, ins, "record a page problem");
	}
	sqlite3_finalize(ins);
	return rc;
}

/* cs_write: the programs table replaced, each program with its evidence
 * cell (what programs.csv shows) and its evidence rows, and the pages not
 * read whole, in one transaction */
static int
cs_write(struct store *st, const struct classify_programs *all, const struct cs_run *run,
	int64_t run_id)
{
	sqlite3_stmt *ins = NULL, *ins_ev = NULL;
	struct program_cells cells = { { NULL } };
	int rc;

	if ((rc = store_begin(st)) < 0)
		return rc;
	if ((rc = store_exec(st, "DELETE FROM programs")) < 0 || (rc = cs_problems(st, run)) < 0)
		goto fail;
	if ((rc = store_prepare(st, &ins,
	    "INSERT INTO programs(municipality_code, page_id, program, url, types, it_security,"
	    " expert_registry, cost, max_visits, continuity, riss_fit, evidence, page_sha256,"
	    " fetched_at, extra_urls, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) < 0)
		goto fail;
	if ((rc = store_prepare(st, &ins_ev,
	    "INSERT INTO evidence(program_id, seq, criterion, rule, passage, hit_start, hit_end)"
	    " VALUES (?,?,?,?,?,?,?)")) < 0)
		goto fail;
	for (size_t i = 0; i < all->n; i++) {
		const struct classify_program *p = &all->v[i];

		/* the same cells as programs.csv; the numbers as numbers */
		program_cells_free(&cells);
		program_cells_of(&cells, p, NULL, NULL);
		sqlite3_bind_text(ins, 1, cells.v[PC_CODE], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, p->page_id);
		for (int k = PC_PROGRAM; k <= PC_COST; k++)
			sqlite3_bind_text(ins, 3 + k - PC_PROGRAM, cells.v[k], -1, SQLITE_STATIC);
		if (p->max_visits > 0)
			sqlite3_bind_int(ins, 9, p->max_visits);
		else
			sqlite3_bind_null(ins, 9);
		sqlite3_bind_text(ins, 10, cells.v[PC_CONTINUITY], -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 11, p->riss_fit);
		sqlite3_bind_text(ins, 12, cells.v[PC_EVIDENCE], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 13, cells.v[PC_PAGE_SHA256], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 14, cells.v[PC_FETCHED_AT], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 15, p->extra_urls, -1, SQLITE_STATIC);
		if (run_id > 0)
			sqlite3_bind_int64(ins, 16, run_id);
		else
			sqlite3_bind_null(ins, 16);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = store_fail(st, "insert program");
			goto fail;
		}
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
		if ((rc = cs_evidence(st, ins_ev, sqlite3_last_insert_rowid(store_db(st)),
		    &p->evidence)) < 0)
			goto fail;
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(ins_ev);
	program_cells_free(&cells);
	return store_commit(st);
fail:
	sqlite3_finalize(ins);
	sqlite3_finalize(ins_ev);
	program_cells_free(&cells);
	store_rollback(st);
	return rc;
}

int
classify_store(struct store *st, const struct classify_opts *o, int64_t run_id)
{
	struct classify_opts def = CLASSIFY_OPTS_INIT;
	struct classifier *c = NULL;
	struct cs_run run;
	struct classify_programs all = CLASSIFY_PROGRAMS_INIT;
	int rc;

	if (!o)
		o = &def;
	memset(&run, 0, sizeof(run));
	run.st = st;
	pthread_mutex_init(&run.mu, NULL);
	if ((rc = classifier_new(&c, o)) < 0)
		goto out;
	if ((rc = cs_list(&run)) < 0)
		goto out;
	if ((rc = store_prepare(st, &run.q_body,
	    "SELECT final_url, kind, body, fetched_at FROM pages WHERE id = ?")) < 0)
		goto out;
	if ((rc = classify_batch(c, o->threads, run.n, cs_one, &run)) < 0)
		goto out;
	for (size_t i = 0; i < run.n; i++) {
		struct classify_programs *p = &run.pages[i].progs;

		for (size_t k = 0; k < p->n; k++) {
			if (all.n == all.cap) {
				all.cap = all.cap ? all.cap * 2 : 64;
				all.v = xreallocarray(all.v, all.cap, sizeof(*all.v));
			}
			all.v[all.n++] = p->v[k];
		}
		p->n = 0;
	}
	classify_merge(c, &all);
	rc = cs_write(st, &all, &run, run_id);
	log_info("classify: %zu pages, %zu programs, %zu pages not readable", run.n, all.n,
	    run.failed);
out:
	sqlite3_finalize(run.q_body);
	for (size_t i = 0; i < run.n; i++) {
		free(run.pages[i].code);
		free(run.pages[i].problem);
		free(run.pages[i].detail);
		classify_programs_free(&run.pages[i].progs);
	}
	free(run.pages);
	pthread_mutex_destroy(&run.mu);
	classify_programs_free(&all);
	classifier_free(c);
	return rc;
}
