/*
 * program: the program row's names, formulas and evidence (see program.h).
 */
#include "program.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "err.h"
#include "norm.h"
#include "util.h"
#include "xalloc.h"

const char *const program_columns[PC_NCOLS] = {
	"municipality_code", "municipality", "category", "program", "url", "types",
	"it_security", "expert_registry", "cost", "max_visits", "continuity",
	"riss_fit", "evidence", "page_sha256", "fetched_at",
};

const char *const program_types[PROGRAM_NTYPES] = {
	"expert_dispatch", "consultation_desk", "workstyle_reform",
};

void
program_types_format(char out[64], unsigned mask)
{
	out[0] = '\0';
	for (int k = 0; k < PROGRAM_NTYPES; k++) {
		if (!(mask & (1u << k)))
			continue;
		if (out[0])
			strcat(out, ";");
		strcat(out, program_types[k]);
	}
}

int
program_types_parse(unsigned *out, const char *cell)
{
	const char *p = cell;
	unsigned mask = 0;

	*out = 0;
	while (*p) {
		size_t n;
		int k;

		while (*p == ';' || *p == ',' || *p == ' ' || *p == '|' || *p == '\t')
			p++;
		if (!*p)
			break;
		n = strcspn(p, ";, |\t");
		for (k = 0; k < PROGRAM_NTYPES; k++)
			if (strlen(program_types[k]) == n && strncmp(p, program_types[k], n) == 0)
				break;
		if (k == PROGRAM_NTYPES)
			return err_set(MS_EINVAL, "unknown type '%.*s'", (int)n, p);
		mask |= 1u << k;
		p += n;
	}
	*out = mask;
	return 0;
}

const char *
program_cost_str(enum classify_cost c)
{
	switch (c) {
	case COST_FREE: return "free";
	case COST_PARTIAL: return "partial";
	case COST_PAID: return "paid";
	default: return "unknown";
	}
}

const char *
program_continuity_str(enum classify_continuity c)
{
	switch (c) {
	case CONT_SINGLE: return "single";
	case CONT_MULTIPLE: return "multiple";
	default: return "unknown";
	}
}

int
program_riss_fit(bool it_security, bool expert_registry, enum classify_cost cost,
	enum classify_continuity continuity)
{
	return it_security + expert_registry + (cost == COST_FREE || cost == COST_PARTIAL) +
	    (continuity == CONT_MULTIPLE);
}

void
program_page_sha256(char out[65], const char *main_text)
{
	const char *t = main_text ? main_text : "";
	char *nt = norm_simple(t, strlen(t));

	util_sha256_hex(out, nt, strlen(nt));
	free(nt);
}

/* ---- evidence ---- */

const char *
program_criterion(const char *name)
{
	for (int k = 0; k < PROGRAM_NTYPES; k++)
		if (strcmp(name, program_types[k]) == 0)
			return program_types[k];
	for (int k = 0; k < PC_NCOLS; k++)
		if (strcmp(name, program_columns[k]) == 0)
			return program_columns[k];
	return NULL;
}

void
program_evidence_add(struct program_evidences *e, const char *criterion, const char *rule,
	const char *passage, size_t hit_start, size_t hit_end)
{
	struct program_evidence *it;

	e->v = xreallocarray(e->v, e->n + 1, sizeof(*e->v));
	it = &e->v[e->n++];
	it->criterion = criterion;
	it->rule = xstrdup(rule ? rule : "");
	it->passage = xstrdup(passage ? passage : "");
	it->hit_start = hit_start;
	it->hit_end = hit_end;
}

void
program_evidences_copy(struct program_evidences *dst, const struct program_evidences *src)
{
	dst->v = NULL;
	dst->n = 0;
	for (size_t i = 0; i < src->n; i++)
		program_evidence_add(dst, src->v[i].criterion, src->v[i].rule, src->v[i].passage,
		    src->v[i].hit_start, src->v[i].hit_end);
}

void
program_evidences_free(struct program_evidences *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->v[i].rule);
		free(e->v[i].passage);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

char *
program_evidence_cell(const struct program_evidences *e)
{
	struct buf b = BUF_INIT;
	size_t chars = 0;

	for (size_t i = 0; i < e->n; i++) {
		const struct program_evidence *it = &e->v[i];
		size_t n = util_utf8_chars(it->criterion, strlen(it->criterion)) + 2 +
		    util_utf8_chars(it->passage, strlen(it->passage)) + (b.len ? 3 : 0);

		if (chars + n > PROGRAM_EVIDENCE_CELL_CHARS)
			continue;
		if (b.len)
			buf_adds(&b, " | ");
		buf_addf(&b, "%s: %s", it->criterion, it->passage);
		chars += n;
	}
	return buf_detach(&b, NULL);
}

/* ---- the row ---- */

void
classify_program_copy(struct classify_program *d, const struct classify_program *s)
{
	*d = *s;
	d->municipality_code = xstrdup(s->municipality_code);
	d->program = xstrdup(s->program);
	d->url = xstrdup(s->url);
	program_evidences_copy(&d->evidence, &s->evidence);
	d->fetched_at = xstrdup(s->fetched_at);
	d->extra_urls = xstrdup(s->extra_urls);
	d->links = s->nlinks ? xcalloc(s->nlinks, sizeof(char *)) : NULL;
	for (size_t i = 0; i < s->nlinks; i++)
		d->links[i] = xstrdup(s->links[i]);
}

void
classify_program_clear(struct classify_program *p)
{
	free(p->municipality_code);
	free(p->program);
	free(p->url);
	program_evidences_free(&p->evidence);
	free(p->fetched_at);
	free(p->extra_urls);
	for (size_t i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	memset(p, 0, sizeof(*p));
}

void
classify_programs_free(struct classify_programs *p)
{
	for (size_t i = 0; i < p->n; i++)
		classify_program_clear(&p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

void
program_cells_of(struct program_cells *out, const struct classify_program *p,
	const char *municipality, const char *category)
{
	char types[64];

	program_types_format(types, p->types);
	out->v[PC_CODE] = xstrdup(p->municipality_code ? p->municipality_code : "");
	out->v[PC_MUNICIPALITY] = xstrdup(municipality ? municipality : "");
	out->v[PC_CATEGORY] = xstrdup(category ? category : "");
	out->v[PC_PROGRAM] = xstrdup(p->program ? p->program : "");
	out->v[PC_URL] = xstrdup(p->url ? p->url : "");
	out->v[PC_TYPES] = xstrdup(types);
	out->v[PC_IT_SECURITY] = xstrdup(p->it_security ? "yes" : "no");
	out->v[PC_EXPERT_REGISTRY] = xstrdup(p->expert_registry ? "yes" : "no");
	out->v[PC_COST] = xstrdup(program_cost_str(p->cost));
	out->v[PC_MAX_VISITS] = p->max_visits > 0 ? xasprintf("%d", p->max_visits) : xstrdup("");
	out->v[PC_CONTINUITY] = xstrdup(program_continuity_str(p->continuity));
	out->v[PC_RISS_FIT] = xasprintf("%d", p->riss_fit);
	out->v[PC_EVIDENCE] = program_evidence_cell(&p->evidence);
	out->v[PC_PAGE_SHA256] = xstrdup(p->page_sha256);
	out->v[PC_FETCHED_AT] = xstrdup(p->fetched_at ? p->fetched_at : "");
}

void
program_cells_free(struct program_cells *c)
{
	for (int k = 0; k < PC_NCOLS; k++) {
		free(c->v[k]);
		c->v[k] = NULL;
	}
}

void
program_csv_header(struct csv_out *c, const char *const *extra, size_t nextra)
{
	for (int k = 0; k < PC_NCOLS; k++)
		csv_cell(c, program_columns[k]);
	for (size_t k = 0; k < nextra; k++)
		csv_cell(c, extra[k]);
	csv_end_row(c);
}

void
program_csv_row(struct csv_out *c, char *const cells[PC_NCOLS], const char *const *extra,
	size_t nextra)
{
	for (int k = 0; k < PC_NCOLS; k++)
		csv_cell(c, cells[k]);
	for (size_t k = 0; k < nextra; k++)
		csv_cell(c, extra[k]);
	csv_end_row(c);
}
