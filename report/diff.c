/*
 * diff: year-to-year comparison of two output folders (see diff.h).
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "err.h"
#include "match.h"
#include "progs.h"
#include "store.h"
#include "util.h"
#include "xalloc.h"

/* the fields compared, in the order their rows are written */
static const enum prog_col diff_fields[] = {
	PC_PROGRAM, PC_URL, PC_TYPES, PC_IT_SECURITY, PC_EXPERT_REGISTRY, PC_COST,
	PC_MAX_VISITS, PC_CONTINUITY, PC_RISS_FIT,
};
#define NFIELDS (sizeof(diff_fields) / sizeof(*diff_fields))

struct diff_row {
	const struct prog *p;  /* the program the row is about (new, or old when removed) */
	int change;            /* 0 added, 1 removed, 2 changed */
	size_t order;          /* field order within a changed pair */
	const char *field, *old, *new_;
};

static int
diff_cmp(const void *x, const void *y)
{
	const struct diff_row *a = x, *b = y;
	int c;

	if ((c = strcmp(a->p->col[PC_CODE], b->p->col[PC_CODE])) != 0)
		return c;
	if ((c = strcmp(a->p->col[PC_URL], b->p->col[PC_URL])) != 0)
		return c;
	if ((c = strcmp(a->p->col[PC_PROGRAM], b->p->col[PC_PROGRAM])) != 0)
		return c;
	if (a->change != b->change)
		return a->change - b->change;
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool
diff_same(const char *a, const char *b)
{
	long x, y;

	return strcmp(a, b) == 0 ||
	    (util_parse_long(a, &x) && util_parse_long(b, &y) && x == y);
}

int
diff_dirs(struct diff_counts *out, const char *old_dir, const char *new_dir, bool bom)
{
	struct store *so = NULL, *sn = NULL;
	struct progs *po = NULL, *pn = NULL;
	struct match_item *io = NULL, *in = NULL;
	long *map = NULL;
	bool *used = NULL;
	struct diff_row *rows = NULL;
	size_t nrows = 0;
	struct csv_out *c = NULL;
	char *path = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_open(&so, old_dir, STORE_READONLY)) != 0 ||
	    (rc = store_open(&sn, new_dir, STORE_READONLY)) != 0 ||
	    (rc = progs_from_store(&po, so)) != 0 ||
	    (rc = progs_from_store(&pn, sn)) != 0)
		goto out;
	io = xreallocarray(NULL, po->n ? po->n : 1, sizeof(*io));
	in = xreallocarray(NULL, pn->n ? pn->n : 1, sizeof(*in));
	map = xreallocarray(NULL, po->n ? po->n : 1, sizeof(*map));
	used = xcalloc(pn->n ? pn->n : 1, sizeof(*used));
	/* at most one row per field per pair, plus added and removed */
	rows = xreallocarray(NULL, (po->n * NFIELDS) + pn->n + 1, sizeof(*rows));
	for (size_t i = 0; i < po->n; i++) {
		io[i].code = po->v[i].col[PC_CODE];
		io[i].url = po->v[i].col[PC_URL];
		io[i].title = po->v[i].col[PC_PROGRAM];
	}
	for (size_t j = 0; j < pn->n; j++) {
		in[j].code = pn->v[j].col[PC_CODE];
		in[j].url = pn->v[j].col[PC_URL];
		in[j].title = pn->v[j].col[PC_PROGRAM];
	}
	match_pairs(map, io, po->n, in, pn->n, MATCH_MOVED | MATCH_REST);
	for (size_t i = 0; i < po->n; i++) {
		const struct prog *o = &po->v[i], *n;
		bool changed = false;

		if (map[i] < 0) {
			rows[nrows++] = (struct diff_row){ o, 1, 0, "", "", "" };
			out->removed++;
			continue;
		}
		n = &pn->v[map[i]];
		used[map[i]] = true;
		for (size_t k = 0; k < NFIELDS; k++) {
			const char *a = o->col[diff_fields[k]], *b = n->col[diff_fields[k]];

			if (diff_fields[k] == PC_URL) {
				char *ka = match_url_key(a), *kb = match_url_key(b);
				bool same = strcmp(ka, kb) == 0;

				free(ka);
				free(kb);
				if (same)
					continue;
			} else if (diff_same(a, b)) {
				continue;
			}
			rows[nrows++] = (struct diff_row){ n, 2, k, program_columns[diff_fields[k]], a, b };
			changed = true;
		}
		if (changed)
			out->changed++;
		else
			out->unchanged++;
	}
	for (size_t j = 0; j < pn->n; j++) {
		if (used[j])
			continue;
		rows[nrows++] = (struct diff_row){ &pn->v[j], 0, 0, "", "", "" };
		out->added++;
	}
	util_sort(rows, nrows, sizeof(*rows), diff_cmp);

	c = csv_out_new(bom);
	{
		static const char *const header[] = {
			"change", "municipality_code", "municipality", "program", "url", "field",
			"old", "new",
		};

		for (size_t k = 0; k < sizeof(header) / sizeof(*header); k++)
			csv_cell(c, header[k]);
		csv_end_row(c);
	}
	for (size_t r = 0; r < nrows; r++) {
		static const char *const change[] = { "added", "removed", "changed" };
		const struct diff_row *d = &rows[r];

		csv_cell(c, change[d->change]);
		csv_cell(c, d->p->col[PC_CODE]);
		csv_cell(c, d->p->col[PC_MUNICIPALITY]);
		csv_cell(c, d->p->col[PC_PROGRAM]);
		csv_cell(c, d->p->col[PC_URL]);
		csv_cell(c, d->field);
		csv_cell(c, d->old);
		csv_cell(c, d->new_);
		csv_end_row(c);
	}
	out->rows = nrows;
	path = util_path_join(new_dir, "diff.csv");
	rc = csv_save(c, path);
out:
	free(path);
	csv_out_free(c);
	free(rows);
	free(used);
	free(map);
	free(io);
	free(in);
	progs_free(po);
	progs_free(pn);
	store_close(so);
	store_close(sn);
	return rc;
}
