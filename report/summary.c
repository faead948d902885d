/*
 * summary: governments with crawl counts, and summary.csv (see summary.h).
 */
#include "summary.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "progs.h"
#include "store.h"
#include "store_internal.h"
#include "util.h"
#include "xalloc.h"

int
summary_munis_load(struct munis **out, struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	struct munis *m = xcalloc(1, sizeof(*m));
	int rc, s;

	*out = NULL;
	if ((rc = store_prepare(st, &stmt,
	    "SELECT m.code, m.name, " PROGS_PREFECTURE_SQL ", m.category, m.url,"
	    " COALESCE(m.status,''),"
	    " (SELECT count(*) FROM frontier f WHERE f.municipality_code = m.code"
	    "   AND f.state = 'fetched'),"
	    " (SELECT count(*) FROM frontier f WHERE f.municipality_code = m.code"
	    "   AND f.state = 'failed'),"
	    " (SELECT count(*) FROM frontier f WHERE f.municipality_code = m.code"
	    "   AND f.state = 'refused' AND f.reason LIKE 'robots%'),"
	    " (SELECT count(*) FROM programs p WHERE p.municipality_code = m.code)"
	    " FROM municipalities m ORDER BY m.code")) != 0)
		goto out;
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct muni_row *r;

		m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
		r = &m->v[m->n++];
		r->code = xstrdup(store_text(stmt, 0));
		r->name = xstrdup(store_text(stmt, 1));
		r->prefecture = xstrdup(store_text(stmt, 2));
		r->category = xstrdup(store_text(stmt, 3));
		r->url = xstrdup(store_text(stmt, 4));
		r->status = xstrdup(store_text(stmt, 5));
		r->fetched = (long)sqlite3_column_int64(stmt, 6);
		r->failed = (long)sqlite3_column_int64(stmt, 7);
		r->robots_blocked = (long)sqlite3_column_int64(stmt, 8);
		r->programs = (long)sqlite3_column_int64(stmt, 9);
		r->types = 0;
		r->best_fit = -1;
	}
	if (s != SQLITE_DONE)
		rc = store_fail(st, "read municipalities");
out:
	sqlite3_finalize(stmt);
	if (rc != 0)
		summary_munis_free(m);
	else
		*out = m;
	return rc;
}

static int
summary_cmp_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct muni_row *)elem)->code);
}

void
summary_munis_tally(struct munis *m, const struct progs *p)
{
	for (size_t i = 0; i < m->n; i++) {
		m->v[i].types = 0;
		m->v[i].best_fit = -1;
	}
	for (size_t i = 0; i < p->n; i++) {
		/* rows are in code order (byte order, as strcmp) */
		struct muni_row *r = m->n ? bsearch(p->v[i].col[PC_CODE], m->v, m->n,
		    sizeof(*m->v), summary_cmp_code) : NULL;
		long fit;

		if (r == NULL)
			continue;
		r->types |= p->v[i].types;
		if (util_parse_long(p->v[i].col[PC_RISS_FIT], &fit) && fit >= 0 && fit <= 4 &&
		    fit > r->best_fit)
			r->best_fit = (int)fit;
	}
}

void
summary_munis_free(struct munis *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].code);
		free(m->v[i].name);
		free(m->v[i].prefecture);
		free(m->v[i].category);
		free(m->v[i].url);
		free(m->v[i].status);
	}
	free(m->v);
	free(m);
}

static void
summary_add(struct summary *s, const char *measure, const char *value, long count)
{
	struct summary_row *r;

	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	r = &s->v[s->n++];
	r->measure = xstrdup(measure);
	r->value = xstrdup(value);
	r->count = count;
	r->is_share = false;
	r->share = 0;
}

static void
summary_bump(struct summary *s, size_t from, const char *measure, const char *value,
	long by)
{
	for (size_t i = from; i < s->n; i++) {
		if (strcmp(s->v[i].value, value) == 0) {
			s->v[i].count += by;
			return;
		}
	}
	summary_add(s, measure, value, by);
}

/* true when the ';'-separated list cats holds cat */
static bool
summary_has_cat(const char *cats, const char *cat)
{
	size_t n = strlen(cat);

	for (const char *p = cats; *p;) {
		size_t k = strcspn(p, ";");

		if (k == n && strncmp(p, cat, n) == 0)
			return true;
		p += k;
		if (*p == ';')
			p++;
	}
	return false;
}

static const char *const summary_cats[] = {
	"pref", "capital", "designated", "ward", "city", "town", "village",
};
#define NCATS (sizeof(summary_cats) / sizeof(*summary_cats))

/* one measure over program column col: fixed values first (0 counts too),
 * then any other value found, in order of appearance */
static void
summary_column(struct summary *s, const struct progs *p, const char *measure,
	enum prog_col col, const char *const *values, size_t nvalues)
{
	size_t from = s->n;

	for (size_t k = 0; k < nvalues; k++)
		summary_add(s, measure, values[k], 0);
	for (size_t i = 0; i < p->n; i++)
		summary_bump(s, from, measure, p->v[i].col[col][0] ? p->v[i].col[col] : "(empty)", 1);
}

struct summary *
summary_compute(const struct munis *m, const struct progs *p)
{
	static const char *const yesno[] = { "yes", "no" };
	static const char *const cost[] = { "free", "partial", "paid", "unknown" };
	static const char *const cont[] = { "single", "multiple", "unknown" };
	static const char *const riss[] = { "0", "1", "2", "3", "4" };
	static const char *const status[] = { "ok", "partial", "unreachable", "robots_denied" };
	struct summary *s = xcalloc(1, sizeof(*s));
	long with = 0, with_type[PROGRAM_NTYPES];
	size_t from;

	for (size_t i = 0; i < m->n; i++)
		with += m->v[i].programs > 0;
	summary_add(s, "governments", "surveyed", (long)m->n);
	summary_add(s, "governments", "with_programs", with);
	summary_add(s, "programs", "total", (long)p->n);
	for (int k = 0; k < PROGRAM_NTYPES; k++) {
		long n = 0;

		for (size_t i = 0; i < p->n; i++)
			n += (p->v[i].types >> k) & 1u;
		summary_add(s, "type", program_types[k], n);
	}
	summary_column(s, p, "it_security", PC_IT_SECURITY, yesno, 2);
	summary_column(s, p, "expert_registry", PC_EXPERT_REGISTRY, yesno, 2);
	summary_column(s, p, "cost", PC_COST, cost, 4);
	summary_column(s, p, "continuity", PC_CONTINUITY, cont, 3);
	summary_column(s, p, "riss_fit", PC_RISS_FIT, riss, 5);
	for (int pass = 0; pass < 3; pass++) {
		static const char *const names[] = {
			"category", "category_with_programs", "category_programs",
		};

		for (size_t k = 0; k < NCATS; k++) {
			long n = 0;

			for (size_t i = 0; i < m->n; i++) {
				if (!summary_has_cat(m->v[i].category, summary_cats[k]))
					continue;
				n += pass == 0 ? 1 : pass == 1 ? m->v[i].programs > 0 :
				    m->v[i].programs;
			}
			summary_add(s, names[pass], summary_cats[k], n);
		}
	}
	from = s->n;
	for (size_t k = 0; k < 4; k++)
		summary_add(s, "status", status[k], 0);
	for (size_t i = 0; i < m->n; i++)
		summary_bump(s, from, "status", m->v[i].status[0] ? m->v[i].status : "not_crawled", 1);
	/* added after the first release's rows, so they come last */
	for (int k = 0; k < PROGRAM_NTYPES; k++) {
		long n = 0;

		for (size_t i = 0; i < m->n; i++)
			n += (m->v[i].types >> k) & 1u;
		with_type[k] = n;
		summary_add(s, "governments_with_type", program_types[k], n);
	}
	for (int k = 0; k < PROGRAM_NTYPES; k++) {
		summary_add(s, "governments_with_type_share", program_types[k], 0);
		s->v[s->n - 1].is_share = true;
		s->v[s->n - 1].share = m->n ? (double)with_type[k] / (double)m->n : 0.0;
	}
	return s;
}

void
summary_free(struct summary *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].measure);
		free(s->v[i].value);
	}
	free(s->v);
	free(s);
}

long
summary_get(const struct summary *s, const char *measure, const char *value)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].measure, measure) == 0 && strcmp(s->v[i].value, value) == 0)
			return s->v[i].count;
	return 0;
}
