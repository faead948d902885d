/*
 * review: applying a reviewed programs.csv to a new run (see review.h and
 * docs/REVIEW.md).
 *
 * A page's current page_sha256 is taken from this run's programs on it; a
 * page without programs is re-extracted from the stored body and hashed the
 * way classify does (SHA-256 of the NFKC-normalised main text, norm_simple).
 */
#include "review.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "extract.h"
#include "log.h"
#include "match.h"
#include "norm.h"
#include "progs.h"
#include "store.h"
#include "store_internal.h"
#include "util.h"
#include "xalloc.h"

#define REVIEW_MAX_BODY (64u << 20)

/* the current page_sha256 of a page with no program in this run, from the
 * pages table; *page_id and *fetched_at (caller frees) describe the page */
static int
review_page_sha(struct store *st, const struct prog *r, char out[65], int64_t *page_id,
	char **fetched_at)
{
	sqlite3_stmt *stmt = NULL;
	char *key = match_url_key(r->col[PC_URL]);
	int rc, s;

	out[0] = '\0';
	*page_id = 0;
	*fetched_at = NULL;
	if ((rc = store_prepare(st, &stmt,
	    "SELECT id, url, final_url, kind, content_type, body, body_len, fetched_at"
	    " FROM pages WHERE municipality_code = ? AND http_status < 400"
	    " ORDER BY fetched_at DESC, id DESC")) != 0)
		goto out;
	sqlite3_bind_text(stmt, 1, r->col[PC_CODE], -1, SQLITE_STATIC);
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW) {
		char *k1 = match_url_key(store_text(stmt, 1)), *k2 = match_url_key(store_text(stmt, 2));
		bool same = strcmp(k1, key) == 0 || strcmp(k2, key) == 0;
		struct extract_opts eo = EXTRACT_OPTS_INIT;
		struct extract_page *page = NULL;
		char *body = NULL;
		size_t blen = 0;
		int e;

		free(k1);
		free(k2);
		if (!same)
			continue;
		*page_id = sqlite3_column_int64(stmt, 0);
		*fetched_at = xstrdup(store_text(stmt, 7));
		if (util_zuncompress(&body, &blen, sqlite3_column_blob(stmt, 5),
		    (size_t)sqlite3_column_bytes(stmt, 5), REVIEW_MAX_BODY) != 0) {
			log_warn("%s: stored body unreadable, page taken as changed: %s",
			    store_text(stmt, 2), err_msg());
			err_clear();
			break;
		}
		eo.url = store_text(stmt, 2);
		eo.content_type = store_text(stmt, 4);
		e = strcmp(store_text(stmt, 3), "pdf") == 0 ?
		    extract_pdf(&page, body, blen, &eo) : extract_html(&page, body, blen, &eo);
		if (e == 0) {
			const char *mt = page->main_text ? page->main_text : "";
			char *nt = norm_simple(mt, strlen(mt));

			util_sha256_hex(out, nt, strlen(nt));
			free(nt);
		} else {
			log_warn("%s: cannot extract, page taken as changed: %s", eo.url, err_msg());
			err_clear();
		}
		extract_page_free(page);
		free(body);
		break;
	}
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		rc = store_fail(st, "read pages");
out:
	sqlite3_finalize(stmt);
	free(key);
	return rc;
}

static bool
review_one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

/* the reviewer's cells must be values programs.csv allows */
static int
review_check(const struct progs *rev, const struct prog *r)
{
	static const char *const yesno[] = { "yes", "no", NULL };
	static const char *const cost[] = { "free", "partial", "paid", "unknown", NULL };
	static const char *const cont[] = { "single", "multiple", "unknown", NULL };
	long v;

	if (!review_one_of(r->col[PC_IT_SECURITY], yesno))
		return err_set(MS_EINVAL, "%s:%zu: it_security is '%s', not yes or no",
		    rev->name, r->line, r->col[PC_IT_SECURITY]);
	if (!review_one_of(r->col[PC_EXPERT_REGISTRY], yesno))
		return err_set(MS_EINVAL, "%s:%zu: expert_registry is '%s', not yes or no",
		    rev->name, r->line, r->col[PC_EXPERT_REGISTRY]);
	if (!review_one_of(r->col[PC_COST], cost))
		return err_set(MS_EINVAL, "%s:%zu: cost is '%s', not free, partial, paid or unknown",
		    rev->name, r->line, r->col[PC_COST]);
	if (!review_one_of(r->col[PC_CONTINUITY], cont))
		return err_set(MS_EINVAL, "%s:%zu: continuity is '%s', not single, multiple or unknown",
		    rev->name, r->line, r->col[PC_CONTINUITY]);
	if (r->col[PC_MAX_VISITS][0] && (!util_parse_long(r->col[PC_MAX_VISITS], &v) || v < 1))
		return err_set(MS_EINVAL, "%s:%zu: max_visits is '%s', not a positive number",
		    rev->name, r->line, r->col[PC_MAX_VISITS]);
	if (r->types == 0)
		return err_set(MS_EINVAL, "%s:%zu: types is empty", rev->name, r->line);
	return 0;
}

static void
review_bind_labels(sqlite3_stmt *stmt, const struct prog *r, int first)
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
review_step(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int s = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return s == SQLITE_DONE ? 0 : store_fail(st, what);
}

int
review_apply_stats(struct store *st, const char *reviewed_csv, struct review_stats *out)
{
	struct progs *rev = NULL, *cur = NULL;
	struct match_item *ri = NULL, *ci = NULL;
	long *map = NULL;
	sqlite3_stmt *upd = NULL, *del = NULL, *ins = NULL;
	struct review_stats stats;
	bool in_tx = false;
	int rc;

	memset(&stats, 0, sizeof(stats));
	if ((rc = progs_read_csv(&rev, reviewed_csv)) != 0)
		goto out;
	for (size_t i = 0; i < rev->n; i++)
		if (strcmp(rev->v[i].review, "wrong") != 0 &&
		    (rc = review_check(rev, &rev->v[i])) != 0)
			goto out;
	if ((rc = progs_from_store(&cur, st)) != 0)
		goto out;
	ri = xreallocarray(NULL, rev->n ? rev->n : 1, sizeof(*ri));
	ci = xreallocarray(NULL, cur->n ? cur->n : 1, sizeof(*ci));
	map = xreallocarray(NULL, rev->n ? rev->n : 1, sizeof(*map));
	for (size_t i = 0; i < rev->n; i++) {
		ri[i].code = rev->v[i].col[PC_CODE];
		ri[i].url = rev->v[i].col[PC_URL];
		ri[i].title = rev->v[i].col[PC_PROGRAM];
	}
	for (size_t j = 0; j < cur->n; j++) {
		ci[j].code = cur->v[j].col[PC_CODE];
		ci[j].url = cur->v[j].col[PC_URL];
		ci[j].title = cur->v[j].col[PC_PROGRAM];
	}
	match_pairs(map, ri, rev->n, ci, cur->n, MATCH_LONE);

	if ((rc = store_prepare(st, &upd,
	    "UPDATE programs SET program=?, types=?, it_security=?, expert_registry=?,"
	    " cost=?, max_visits=?, continuity=?, riss_fit=?, review=? WHERE id=?")) != 0 ||
	    (rc = store_prepare(st, &del, "DELETE FROM programs WHERE id=?")) != 0 ||
	    (rc = store_prepare(st, &ins,
	    "INSERT INTO programs(program, types, it_security, expert_registry, cost,"
	    " max_visits, continuity, riss_fit, municipality_code, page_id, url, evidence,"
	    " page_sha256, fetched_at, review, run_id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'missing',"
	    " (SELECT max(run_id) FROM programs))")) != 0)
		goto out;
	if ((rc = store_begin(st)) != 0)
		goto out;
	in_tx = true;
	for (size_t i = 0; i < rev->n; i++) {
		const struct prog *r = &rev->v[i];
		const char *label = r->review;
		char sha[65] = "";
		int64_t page_id = 0;
		char *fetched_at = NULL;

		if (map[i] >= 0) {
			snprintf(sha, sizeof(sha), "%s", cur->v[map[i]].col[PC_PAGE_SHA256]);
		} else {
			/* the page's programs in this run tell its current hash */
			char *key = match_url_key(r->col[PC_URL]);

			for (size_t j = 0; j < cur->n && !sha[0]; j++) {
				char *k = match_url_key(cur->v[j].col[PC_URL]);

				if (strcmp(cur->v[j].col[PC_CODE], r->col[PC_CODE]) == 0 &&
				    strcmp(k, key) == 0)
					snprintf(sha, sizeof(sha), "%s", cur->v[j].col[PC_PAGE_SHA256]);
				free(k);
			}
			free(key);
			if (strcmp(label, "missing") == 0) {
				char now_sha[65];

				if ((rc = review_page_sha(st, r, now_sha, &page_id, &fetched_at)) != 0)
					goto out;
				if (!sha[0])
					memcpy(sha, now_sha, sizeof(sha));
			}
		}
		if (!r->col[PC_PAGE_SHA256][0] || strcmp(sha, r->col[PC_PAGE_SHA256]) != 0) {
			stats.page_changed++;
			log_debug("%s:%zu: page changed, review not carried: %s", rev->name,
			    r->line, r->col[PC_URL]);
			free(fetched_at);
			continue;
		}
		if (map[i] >= 0) {
			const struct prog *p = &cur->v[map[i]];

			if (strcmp(label, "wrong") == 0) {
				sqlite3_bind_int64(del, 1, p->id);
				rc = review_step(st, del, "drop a wrong program");
				stats.dropped++;
			} else {
				review_bind_labels(upd, r, 1);
				sqlite3_bind_text(upd, 9, "ok", -1, SQLITE_STATIC);
				sqlite3_bind_int64(upd, 10, p->id);
				rc = review_step(st, upd, "apply a review");
				stats.applied++;
			}
		} else if (strcmp(label, "missing") == 0) {
			review_bind_labels(ins, r, 1);
			sqlite3_bind_text(ins, 9, r->col[PC_CODE], -1, SQLITE_STATIC);
			if (page_id)
				sqlite3_bind_int64(ins, 10, page_id);
			else
				sqlite3_bind_null(ins, 10);
			sqlite3_bind_text(ins, 11, r->col[PC_URL], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 12, r->col[PC_EVIDENCE], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 13, r->col[PC_PAGE_SHA256], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 14, fetched_at ? fetched_at : r->col[PC_FETCHED_AT],
			    -1, SQLITE_STATIC);
			rc = review_step(st, ins, "add a missing program");
			stats.added++;
		} else {
			stats.not_found++;
		}
		free(fetched_at);
		if (rc != 0)
			goto out;
	}
	if ((rc = store_commit(st)) != 0)
		goto out;
	in_tx = false;
	log_info("%s: review carried forward: %zu applied, %zu dropped, %zu added, "
	    "%zu on changed pages, %zu no longer found", reviewed_csv, stats.applied,
	    stats.dropped, stats.added, stats.page_changed, stats.not_found);
out:
	if (in_tx)
		store_rollback(st);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	free(ri);
	free(ci);
	free(map);
	progs_free(rev);
	progs_free(cur);
	if (out)
		*out = stats;
	return rc;
}

int
review_apply(struct store *st, const char *reviewed_csv)
{
	return review_apply_stats(st, reviewed_csv, NULL);
}
