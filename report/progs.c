/*
 * progs: program rows from CSV files and from the store (see progs.h).
 */
#include "progs.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "err.h"
#include "store.h"
#include "store_internal.h"
#include "util.h"
#include "xalloc.h"

const enum prog_col progs_criteria[PROGS_NCRITERIA] = {
	PC_IT_SECURITY, PC_EXPERT_REGISTRY, PC_COST, PC_MAX_VISITS, PC_CONTINUITY,
	PC_RISS_FIT,
};


static const enum prog_col progs_required[] = {
	PC_CODE, PC_PROGRAM, PC_URL, PC_TYPES, PC_IT_SECURITY, PC_EXPERT_REGISTRY,
	PC_COST, PC_MAX_VISITS, PC_CONTINUITY, PC_RISS_FIT,
};

int
progs_riss_fit(const struct prog *r)
{
	const char *cost = r->col[PC_COST], *cont = r->col[PC_CONTINUITY];

	return program_riss_fit(strcmp(r->col[PC_IT_SECURITY], "yes") == 0,
	    strcmp(r->col[PC_EXPERT_REGISTRY], "yes") == 0,
	    strcmp(cost, "free") == 0 ? COST_FREE : strcmp(cost, "partial") == 0 ? COST_PARTIAL : COST_UNKNOWN,
	    strcmp(cont, "multiple") == 0 ? CONT_MULTIPLE : CONT_UNKNOWN);
}

/* trims ASCII white space and U+3000 at both ends, in place */
static void
progs_trim(char *s)
{
	size_t len = strlen(s), start = 0;

	for (;;) {
		if (start < len && isspace((unsigned char)s[start]))
			start++;
		else if (len - start >= 3 && memcmp(s + start, "\xe3\x80\x80", 3) == 0)
			start += 3;
		else
			break;
	}
	for (;;) {
		if (len > start && isspace((unsigned char)s[len - 1]))
			len--;
		else if (len - start >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
}

static void
progs_lower(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x80)
			*s = (char)tolower((unsigned char)*s);
}

static bool
progs_is_enum(enum prog_col c)
{
	return c == PC_TYPES || c == PC_IT_SECURITY || c == PC_EXPERT_REGISTRY ||
	    c == PC_COST || c == PC_CONTINUITY || c == PC_CATEGORY;
}

static struct progs *
progs_new(const char *name)
{
	struct progs *p = xcalloc(1, sizeof(*p));

	p->name = xstrdup(name);
	return p;
}

static struct prog *
progs_add(struct progs *p)
{
	struct prog *r;

	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	r = &p->v[p->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

static void
prog_fill_defaults(struct prog *r)
{
	for (int c = 0; c < PC_NCOLS; c++)
		if (!r->col[c])
			r->col[c] = xstrdup("");
	if (!r->review)
		r->review = xstrdup("");
	if (!r->prefecture)
		r->prefecture = xstrdup("");
}

int
progs_read_csv(struct progs **out, const char *path)
{
	struct csv_table *t = NULL;
	struct progs *p = NULL;
	int idx[PC_NCOLS], ridx, pidx, rc;
	struct buf missing = BUF_INIT;

	*out = NULL;
	if ((rc = csv_read(&t, path)) != 0)
		return rc;
	for (int c = 0; c < PC_NCOLS; c++) {
		/* a header cell may carry spaces or a stray BOM-less case change */
		idx[c] = -1;
		for (size_t k = 0; k < t->ncols; k++) {
			char *h = xstrdup(t->header[k]);

			progs_trim(h);
			progs_lower(h);
			if (strcmp(h, program_columns[c]) == 0)
				idx[c] = (int)k;
			free(h);
			if (idx[c] >= 0)
				break;
		}
	}
	ridx = csv_col(t, PROGS_REVIEW);
	pidx = csv_col(t, PROGS_PREFECTURE);
	for (size_t k = 0; k < sizeof(progs_required) / sizeof(*progs_required); k++) {
		if (idx[progs_required[k]] >= 0)
			continue;
		if (missing.len)
			buf_adds(&missing, ", ");
		buf_adds(&missing, program_columns[progs_required[k]]);
	}
	if (missing.len) {
		rc = err_set(MS_EINVAL, "%s:1: not a programs table: missing column%s %s",
		    path, strchr(buf_cstr(&missing), ',') ? "s" : "", buf_cstr(&missing));
		goto out;
	}
	p = progs_new(path);
	p->has_review = ridx >= 0;
	for (size_t i = 0; i < t->nrows; i++) {
		struct prog *r;
		char code[8];

		/* a row cut short would read as empty labels: refuse it */
		for (size_t k = 0; k < sizeof(progs_required) / sizeof(*progs_required); k++) {
			if ((size_t)idx[progs_required[k]] >= t->widths[i]) {
				rc = err_set(MS_EINVAL, "%s:%zu: %zu cells, the %s column is missing",
				    path, t->lines[i], t->widths[i],
				    program_columns[progs_required[k]]);
				goto out;
			}
		}
		r = progs_add(p);

		r->line = t->lines[i];
		for (int c = 0; c < PC_NCOLS; c++) {
			if (idx[c] < 0)
				continue;
			r->col[c] = xstrdup(t->rows[i][idx[c]]);
			progs_trim(r->col[c]);
			if (progs_is_enum((enum prog_col)c))
				progs_lower(r->col[c]);
		}
		if (pidx >= 0 && (size_t)pidx < t->widths[i]) {
			r->prefecture = xstrdup(t->rows[i][pidx]);
			progs_trim(r->prefecture);
		}
		if (ridx >= 0) {
			r->review = xstrdup(t->rows[i][ridx]);
			progs_trim(r->review);
			progs_lower(r->review);
		}
		prog_fill_defaults(r);
		/* an empty code is allowed: a labeller may not know whose
		 * program an affiliated organisation's page is */
		if (r->col[PC_CODE][0] == '\0') {
			code[0] = '\0';
		} else if (!csv_fix_code(code, r->col[PC_CODE])) {
			rc = err_set(MS_EINVAL, "%s:%zu: bad municipality_code '%s'", path,
			    r->line, r->col[PC_CODE]);
			goto out;
		}
		free(r->col[PC_CODE]);
		r->col[PC_CODE] = xstrdup(code);
		if (program_types_parse(&r->types, r->col[PC_TYPES]) != 0) {
			char *why = xstrdup(err_msg());

			rc = err_set(MS_EINVAL, "%s:%zu: %s", path, r->line, why);
			free(why);
			goto out;
		}
		/* corrected: how a carried row the reviewer edited is marked */
		if (r->review[0] && strcmp(r->review, "ok") != 0 &&
		    strcmp(r->review, "corrected") != 0 && strcmp(r->review, "wrong") != 0 &&
		    strcmp(r->review, "missing") != 0) {
			rc = err_set(MS_EINVAL,
			    "%s:%zu: review is '%s', not ok, corrected, wrong, missing or empty",
			    path, r->line, r->review);
			goto out;
		}
		{
			char canon[64];

			program_types_format(canon, r->types);
			free(r->col[PC_TYPES]);
			r->col[PC_TYPES] = xstrdup(canon);
		}
	}
out:
	buf_free(&missing);
	csv_table_free(t);
	if (rc != 0)
		progs_free(p);
	else
		*out = p;
	return rc;
}

static int
progs_cmp_id(const void *a, const void *b)
{
	const struct prog *x = *(const struct prog *const *)a, *y = *(const struct prog *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* progs_evidence_from_store: attaches the evidence table's items to the
 * programs read (one pass over the table, in program and seq order) */
static int
progs_evidence_from_store(struct progs *p, struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	struct prog **by_id = NULL;
	bool has;
	size_t k = 0;
	int rc, s;

	if ((rc = store_has_table(st, "evidence", &has)) != 0 || !has || p->n == 0)
		return rc;
	by_id = xreallocarray(NULL, p->n, sizeof(*by_id));
	for (size_t i = 0; i < p->n; i++)
		by_id[i] = &p->v[i];
	util_sort(by_id, p->n, sizeof(*by_id), progs_cmp_id);
	if ((rc = store_prepare(st, &stmt,
	    "SELECT program_id, criterion, rule, passage, hit_start, hit_end FROM evidence"
	    " ORDER BY program_id, seq")) != 0)
		goto out;
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		const char *crit = store_text(stmt, 1);
		sqlite3_int64 hs = sqlite3_column_int64(stmt, 4), he = sqlite3_column_int64(stmt, 5);
		const char *passage = store_text(stmt, 3);
		size_t plen = strlen(passage);
		struct prog *r;

		while (k < p->n && by_id[k]->id < id)
			k++;
		if (k == p->n)
			break;
		if (by_id[k]->id != id)
			continue;
		r = by_id[k];
		if ((crit = program_criterion(crit)) == NULL)
			continue; /* a criterion this version does not know */
		/* a span outside the passage is dropped, not trusted */
		if (hs < 0 || he < hs || (size_t)he > plen)
			hs = he = 0;
		program_evidence_add(&r->ev, crit, store_text(stmt, 2), passage, (size_t)hs,
		    (size_t)he);
	}
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		rc = store_fail(st, "read evidence");
out:
	sqlite3_finalize(stmt);
	free(by_id);
	return rc;
}

int
progs_from_store(struct progs **out, struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	struct progs *p = progs_new(store_file(st));
	int rc, s;

	*out = NULL;
	if ((rc = store_prepare(st, &stmt,
	    "SELECT p.municipality_code, COALESCE(m.name,''), COALESCE(m.category,''),"
	    " p.program, p.url, p.types, p.it_security, p.expert_registry, p.cost,"
	    " p.max_visits, p.continuity, p.riss_fit, p.evidence, p.page_sha256,"
	    " p.fetched_at, COALESCE(p.review,''), " PROGS_PREFECTURE_SQL ", p.id"
	    " FROM programs p LEFT JOIN municipalities m ON m.code = p.municipality_code"
	    " ORDER BY p.municipality_code, p.url, p.program, p.id")) != 0)
		goto out;
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct prog *r = progs_add(p);

		for (int c = 0; c < PC_NCOLS; c++)
			r->col[c] = xstrdup(store_text(stmt, c));
		r->review = xstrdup(store_text(stmt, PC_NCOLS));
		r->prefecture = xstrdup(store_text(stmt, PC_NCOLS + 1));
		r->id = sqlite3_column_int64(stmt, PC_NCOLS + 2);
		if (program_types_parse(&r->types, r->col[PC_TYPES]) != 0)
			err_clear(); /* keep the cell as stored; the known types count */
	}
	if (s != SQLITE_DONE)
		rc = store_fail(st, "read programs");
	else
		rc = progs_evidence_from_store(p, st);
out:
	sqlite3_finalize(stmt);
	if (rc != 0)
		progs_free(p);
	else
		*out = p;
	return rc;
}

void
progs_free(struct progs *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		for (int c = 0; c < PC_NCOLS; c++)
			free(p->v[i].col[c]);
		free(p->v[i].review);
		free(p->v[i].prefecture);
		program_evidences_free(&p->v[i].ev);
	}
	free(p->v);
	free(p->name);
	free(p);
}
