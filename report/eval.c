/*
 * eval: program, type and criterion scores of a prediction (see eval.h).
 */
#include "eval.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "util.h"
#include "xalloc.h"

static void
eval_prf_finish(struct eval_prf *m)
{
	if (m->tp + m->fp + m->fn == 0) {
		m->precision = m->recall = m->f1 = 1.0;
		return;
	}
	m->precision = m->tp + m->fp ? (double)m->tp / (double)(m->tp + m->fp) : 0.0;
	m->recall = m->tp + m->fn ? (double)m->tp / (double)(m->tp + m->fn) : 0.0;
	m->f1 = 2.0 * (double)m->tp / (double)(2 * m->tp + m->fp + m->fn);
}

static void
eval_types(struct eval_result *r, unsigned gold, unsigned pred)
{
	for (int k = 0; k < PROGRAM_NTYPES; k++) {
		bool g = (gold >> k) & 1u, p = (pred >> k) & 1u;

		if (g && p)
			r->types[k].tp++;
		else if (p)
			r->types[k].fp++;
		else if (g)
			r->types[k].fn++;
	}
}

/* criterion values are equal as trimmed, lower-cased text, or as numbers */
static bool
eval_same(const char *a, const char *b)
{
	long x, y;

	if (strcmp(a, b) == 0)
		return true;
	return util_parse_long(a, &x) && util_parse_long(b, &y) && x == y;
}

/* the criterion value c of r as scored: riss_fit from the criteria */
static const char *
eval_value(char fit[4], const struct prog *r, int c)
{
	if (progs_criteria[c] != PC_RISS_FIT)
		return r->col[progs_criteria[c]];
	snprintf(fit, 4, "%d", progs_riss_fit(r));
	return fit;
}

/* true when r's riss_fit cell is not the count its criteria give */
static bool
eval_fit_stale(const struct prog *r)
{
	long v;

	return !util_parse_long(r->col[PC_RISS_FIT], &v) || v != progs_riss_fit(r);
}

static void
eval_print_stale(FILE *f, const char *file, const struct prog *p)
{
	fprintf(f, "  %s:%zu: %s %s <%s>: riss_fit cell %s, the criteria give %d\n", file,
	    p->line, p->col[PC_CODE], p->col[PC_PROGRAM], p->col[PC_URL],
	    p->col[PC_RISS_FIT][0] ? p->col[PC_RISS_FIT] : "(empty)", progs_riss_fit(p));
}

static void
eval_print_prf(FILE *f, const char *what, const struct eval_prf *m)
{
	fprintf(f, "%-28s precision=%.3f recall=%.3f f1=%.3f (tp=%zu fp=%zu fn=%zu)\n",
	    what, m->precision, m->recall, m->f1, m->tp, m->fp, m->fn);
}

static void
eval_print_row(FILE *f, const char *file, const struct prog *p)
{
	fprintf(f, "  %s:%zu: %s %s %s <%s> [%s]\n", file, p->line, p->col[PC_CODE],
	    p->col[PC_MUNICIPALITY], p->col[PC_PROGRAM], p->col[PC_URL],
	    p->col[PC_TYPES]);
}

/* eval_governments: per government (municipality_code), the set of types
 * its gold rows offer against its predicted rows' set; rows without a code
 * take no part (classify-file without --code or --seeds prints none) */
static void
eval_governments(struct eval_result *out, const struct progs *gold, const size_t *gmap,
	size_t ng, const struct progs *pred)
{
	const char **codes = xcalloc(ng + pred->n + 1, sizeof(*codes));
	unsigned *gt = xcalloc(ng + pred->n + 1, sizeof(*gt)), *pt = xcalloc(ng + pred->n + 1, sizeof(*pt));
	size_t n = 0;

	for (size_t side = 0; side < 2; side++) {
		size_t m = side ? pred->n : ng;

		for (size_t i = 0; i < m; i++) {
			const struct prog *r = side ? &pred->v[i] : &gold->v[gmap[i]];
			const char *code = r->col[PC_CODE];
			size_t k;

			if (!code[0]) {
				out->pred_no_code += side;
				continue;
			}
			for (k = 0; k < n && strcmp(codes[k], code) != 0; k++)
				;
			if (k == n)
				codes[n++] = code;
			if (side)
				pt[k] |= r->types;
			else
				gt[k] |= r->types;
		}
	}
	/* predictions that carry no code at all (classify-file without
	 * --code or --seeds, train's held-out rows) cannot be compared */
	if (pred->n > 0 && out->pred_no_code == pred->n)
		n = 0;
	out->governments = n;
	for (size_t k = 0; k < n; k++) {
		out->gov_exact += gt[k] == pt[k];
		for (int t = 0; t < PROGRAM_NTYPES; t++) {
			bool a = gt[k] & (1u << t), b = pt[k] & (1u << t);

			out->gov_cells_ok += a == b;
			out->gov_types[t].tp += a && b;
			out->gov_types[t].fp += !a && b;
			out->gov_types[t].fn += a && !b;
		}
	}
	for (int t = 0; t < PROGRAM_NTYPES; t++)
		eval_prf_finish(&out->gov_types[t]);
	out->gov_type_acc = n ? (double)out->gov_cells_ok / (double)(3 * n) : 0.0;
	free(codes);
	free(gt);
	free(pt);
}

void
eval_progs(struct eval_result *out, const struct progs *gold,
	const struct progs *pred, FILE *report)
{
	struct match_item *gi = xreallocarray(NULL, gold->n ? gold->n : 1, sizeof(*gi));
	struct match_item *pi = xreallocarray(NULL, pred->n ? pred->n : 1, sizeof(*pi));
	size_t *gmap = xreallocarray(NULL, gold->n ? gold->n : 1, sizeof(*gmap));
	long *g_to_p = xreallocarray(NULL, gold->n ? gold->n : 1, sizeof(*g_to_p));
	bool *p_used = xcalloc(pred->n ? pred->n : 1, sizeof(bool));
	char **gnorm = NULL, **pnorm = NULL; /* normalised titles of matched rows */
	size_t ng = 0;
	double sum = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < gold->n; i++) {
		const struct prog *g = &gold->v[i];

		if (strcmp(g->review, "wrong") == 0) {
			out->gold_ignored++;
			continue;
		}
		gi[ng].code = g->col[PC_CODE];
		gi[ng].url = g->col[PC_URL];
		gi[ng].title = g->col[PC_PROGRAM];
		gmap[ng++] = i;
	}
	for (size_t j = 0; j < pred->n; j++) {
		pi[j].code = pred->v[j].col[PC_CODE];
		pi[j].url = pred->v[j].col[PC_URL];
		pi[j].title = pred->v[j].col[PC_PROGRAM];
	}
	match_pairs(g_to_p, gi, ng, pi, pred->n, MATCH_LONE);
	gnorm = xcalloc(ng ? ng : 1, sizeof(*gnorm));
	pnorm = xcalloc(pred->n ? pred->n : 1, sizeof(*pnorm));
	for (size_t i = 0; i < ng; i++) {
		out->fit_stale_gold += eval_fit_stale(&gold->v[gmap[i]]);
		if (g_to_p[i] >= 0) {
			gnorm[i] = match_title_norm(gold->v[gmap[i]].col[PC_PROGRAM]);
			pnorm[g_to_p[i]] = match_title_norm(pred->v[g_to_p[i]].col[PC_PROGRAM]);
		}
	}
	for (size_t j = 0; j < pred->n; j++)
		out->fit_stale_pred += eval_fit_stale(&pred->v[j]);

	for (size_t i = 0; i < ng; i++) {
		const struct prog *g = &gold->v[gmap[i]];

		if (g_to_p[i] < 0) {
			out->programs.fn++;
			eval_types(out, g->types, 0);
			continue;
		}
		{
			const struct prog *p = &pred->v[g_to_p[i]];

			p_used[g_to_p[i]] = true;
			out->programs.tp++;
			out->matched++;
			eval_types(out, g->types, p->types);
			for (int c = 0; c < PROGS_NCRITERIA; c++) {
				char gf[4], pf[4];

				out->criterion_ok[c] += eval_same(eval_value(gf, g, c),
				    eval_value(pf, p, c));
			}
			out->title_ok += strcmp(gnorm[i], pnorm[g_to_p[i]]) == 0;
		}
	}
	for (size_t j = 0; j < pred->n; j++) {
		if (p_used[j])
			continue;
		out->programs.fp++;
		eval_types(out, 0, pred->v[j].types);
	}
	eval_prf_finish(&out->programs);
	for (int k = 0; k < PROGRAM_NTYPES; k++) {
		out->types_micro.tp += out->types[k].tp;
		out->types_micro.fp += out->types[k].fp;
		out->types_micro.fn += out->types[k].fn;
		eval_prf_finish(&out->types[k]);
	}
	eval_prf_finish(&out->types_micro);
	for (int c = 0; c < PROGS_NCRITERIA; c++) {
		out->criterion_acc[c] = out->matched ?
		    (double)out->criterion_ok[c] / (double)out->matched : 0.0;
		sum += out->criterion_acc[c];
	}
	out->criteria_acc = sum / PROGS_NCRITERIA;
	out->title_acc = out->matched ? (double)out->title_ok / (double)out->matched : 0.0;
	eval_governments(out, gold, gmap, ng, pred);

	if (report) {
		FILE *f = report;
		size_t n;

		fprintf(f, "gold: %s (%zu programs%s)\n", gold->name, ng,
		    out->gold_ignored ? ", review=wrong rows left out" : "");
		fprintf(f, "pred: %s (%zu programs)\n\n", pred->name, pred->n);
		eval_print_prf(f, "programs", &out->programs);
		for (int k = 0; k < PROGRAM_NTYPES; k++) {
			char what[64];

			snprintf(what, sizeof(what), "type %s", program_types[k]);
			eval_print_prf(f, what, &out->types[k]);
		}
		eval_print_prf(f, "types (micro)", &out->types_micro);
		for (int c = 0; c < PROGS_NCRITERIA; c++) {
			char what[64];

			snprintf(what, sizeof(what), "criterion %s", program_columns[progs_criteria[c]]);
			if (out->matched)
				fprintf(f, "%-28s accuracy=%.3f (%zu/%zu)\n", what,
				    out->criterion_acc[c], out->criterion_ok[c], out->matched);
			else
				fprintf(f, "%-28s accuracy=n/a (no matched programs)\n", what);
		}
		if (out->matched)
			fprintf(f, "%-28s accuracy=%.3f (%zu/%zu)\n", "title", out->title_acc,
			    out->title_ok, out->matched);
		else
			fprintf(f, "%-28s accuracy=n/a (no matched programs)\n", "title");
		if (out->governments) {
			fprintf(f, "\ngovernments: %zu; which types each offers: %zu of %zu cells right (%.3f), "
			    "all three right for %zu%s\n", out->governments, out->gov_cells_ok,
			    3 * out->governments, out->gov_type_acc, out->gov_exact,
			    out->pred_no_code ? " (predicted rows without a code left out)" : "");
			for (int k = 0; k < PROGRAM_NTYPES; k++) {
				char what[64];

				snprintf(what, sizeof(what), "government %s", program_types[k]);
				eval_print_prf(f, what, &out->gov_types[k]);
			}
		} else
			fprintf(f, "\ngovernments: n/a (%s)\n", out->pred_no_code ?
			    "the predicted rows carry no municipality_code" : "no row has a municipality_code");

		fprintf(f, "\nmissed (gold, not predicted): %zu\n", out->programs.fn);
		for (size_t i = 0; i < ng; i++)
			if (g_to_p[i] < 0)
				eval_print_row(f, gold->name, &gold->v[gmap[i]]);
		fprintf(f, "spurious (predicted, not gold): %zu\n", out->programs.fp);
		for (size_t j = 0; j < pred->n; j++)
			if (!p_used[j])
				eval_print_row(f, pred->name, &pred->v[j]);
		if (out->fit_stale_gold + out->fit_stale_pred) {
			fprintf(f, "riss_fit scored from the criteria; cells that differ: %zu\n",
			    out->fit_stale_gold + out->fit_stale_pred);
			for (size_t i = 0; i < ng; i++)
				if (eval_fit_stale(&gold->v[gmap[i]]))
					eval_print_stale(f, gold->name, &gold->v[gmap[i]]);
			for (size_t j = 0; j < pred->n; j++)
				if (eval_fit_stale(&pred->v[j]))
					eval_print_stale(f, pred->name, &pred->v[j]);
		}
		n = 0;
		for (size_t i = 0; i < ng; i++) {
			const struct prog *g = &gold->v[gmap[i]], *p;

			if (g_to_p[i] < 0)
				continue;
			p = &pred->v[g_to_p[i]];
			if (g->types != p->types) {
				if (n++ == 0)
					fprintf(f, "label mismatches (gold vs predicted):\n");
				fprintf(f, "  %s:%zu: %s %s <%s>: types gold=%s pred=%s\n",
				    pred->name, p->line, g->col[PC_CODE], g->col[PC_PROGRAM],
				    g->col[PC_URL], g->col[PC_TYPES], p->col[PC_TYPES]);
			}
			for (int c = 0; c < PROGS_NCRITERIA; c++) {
				char gf[4], pf[4];
				const char *gv = eval_value(gf, g, c), *pv = eval_value(pf, p, c);

				if (eval_same(gv, pv))
					continue;
				if (n++ == 0)
					fprintf(f, "label mismatches (gold vs predicted):\n");
				fprintf(f, "  %s:%zu: %s %s <%s>: %s gold=%s pred=%s\n",
				    pred->name, p->line, g->col[PC_CODE], g->col[PC_PROGRAM],
				    g->col[PC_URL], program_columns[progs_criteria[c]],
				    gv[0] ? gv : "(empty)", pv[0] ? pv : "(empty)");
			}
			if (strcmp(gnorm[i], pnorm[g_to_p[i]]) != 0) {
				if (n++ == 0)
					fprintf(f, "label mismatches (gold vs predicted):\n");
				fprintf(f, "  %s:%zu: %s %s <%s>: title gold=%s pred=%s\n",
				    pred->name, p->line, g->col[PC_CODE], g->col[PC_PROGRAM],
				    g->col[PC_URL], g->col[PC_PROGRAM], p->col[PC_PROGRAM]);
			}
		}
		if (n == 0)
			fprintf(f, "label mismatches (gold vs predicted): 0\n");
		fprintf(f, "\neval: program_f1=%.3f type_f1=%.3f criteria_acc=%.3f title_acc=%.3f",
		    out->programs.f1, out->types_micro.f1, out->criteria_acc, out->title_acc);
		if (out->governments)
			fprintf(f, " gov_type_acc=%.3f\n", out->gov_type_acc);
		else
			fprintf(f, " gov_type_acc=n/a\n");
		fflush(f);
	}
	for (size_t i = 0; i < ng; i++)
		free(gnorm[i]);
	for (size_t j = 0; j < pred->n; j++)
		free(pnorm[j]);
	free(gnorm);
	free(pnorm);
	free(gi);
	free(pi);
	free(gmap);
	free(g_to_p);
	free(p_used);
}

int
eval_files(struct eval_result *out, const char *gold_csv, const char *pred_csv,
	FILE *report)
{
	struct progs *gold = NULL, *pred = NULL;
	int rc;

	if ((rc = progs_read_csv(&gold, gold_csv)) != 0)
		goto out;
	if ((rc = progs_read_csv(&pred, pred_csv)) != 0)
		goto out;
	eval_progs(out, gold, pred, report);
out:
	progs_free(gold);
	progs_free(pred);
	return rc;
}
