/*
 * model: logistic weights over named features (see model.h).
 */
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "util.h"
#include "xalloc.h"

/* a feature name -> index table, open addressing */
struct ftab {
	char **names;
	size_t n;
	size_t *slots; /* index + 1, 0 empty */
	size_t nslots;
};

struct model {
	struct ftab tab;
	double *w;
	double threshold;
};

static uint64_t
fhash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static long
ftab_find(const struct ftab *t, const char *s, size_t len)
{
	if (!t->nslots)
		return -1;
	for (size_t i = fhash(s, len) & (t->nslots - 1);; i = (i + 1) & (t->nslots - 1)) {
		size_t k = t->slots[i];

		if (k == 0)
			return -1;
		if (strlen(t->names[k - 1]) == len && memcmp(t->names[k - 1], s, len) == 0)
			return (long)(k - 1);
	}
}

static void
ftab_grow(struct ftab *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 256;

	free(t->slots);
	t->slots = xcalloc(ns, sizeof(*t->slots));
	t->nslots = ns;
	for (size_t k = 0; k < t->n; k++) {
		size_t i = fhash(t->names[k], strlen(t->names[k])) & (ns - 1);

		while (t->slots[i])
			i = (i + 1) & (ns - 1);
		t->slots[i] = k + 1;
	}
}

/* ftab_add: the index of s, added when new */
static size_t
ftab_add(struct ftab *t, const char *s, size_t len)
{
	long k = ftab_find(t, s, len);
	size_t i;

	if (k >= 0)
		return (size_t)k;
	if (2 * (t->n + 1) > t->nslots) {
		t->names = xreallocarray(t->names, t->nslots ? t->nslots : 128, sizeof(*t->names));
		ftab_grow(t);
	}
	t->names[t->n] = xstrndup(s, len);
	for (i = fhash(s, len) & (t->nslots - 1); t->slots[i]; i = (i + 1) & (t->nslots - 1))
		;
	t->slots[i] = ++t->n;
	return t->n - 1;
}

static void
ftab_free(struct ftab *t)
{
	for (size_t k = 0; k < t->n; k++)
		free(t->names[k]);
	free(t->names);
	free(t->slots);
}

void
model_free(struct model *m)
{
	if (!m)
		return;
	ftab_free(&m->tab);
	free(m->w);
	free(m);
}

static void
model_set(struct model *m, const char *name, size_t len, double w)
{
	size_t k = ftab_add(&m->tab, name, len);

	m->w = xreallocarray(m->w, m->tab.n, sizeof(*m->w));
	m->w[k] = w;
}

int
model_load_mem(struct model **out, const char *name, const char *data, size_t len)
{
	struct model *m = xcalloc(1, sizeof(*m));
	size_t lineno = 0;
	bool have_threshold = false;

	*out = NULL;
	m->threshold = 0.5;
	for (size_t off = 0; off < len;) {
		const char *line = data + off, *nl = memchr(line, '\n', len - off), *tab;
		size_t ll = nl ? (size_t)(nl - line) : len - off;
		char num[64];
		double v;

		off += ll + (nl ? 1 : 0);
		lineno++;
		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		if (ll == 0 || line[0] == '#')
			continue;
		tab = memchr(line, '\t', ll);
		if (!tab || tab == line || (size_t)(line + ll - tab - 1) >= sizeof(num) ||
		    tab + 1 == line + ll) {
			model_free(m);
			return err_set(MS_EINVAL, "%s:%zu: want FEATURE<TAB>WEIGHT", name, lineno);
		}
		memcpy(num, tab + 1, (size_t)(line + ll - tab - 1));
		num[line + ll - tab - 1] = '\0';
		if (!util_parse_double(num, &v) || !isfinite(v)) {
			model_free(m);
			return err_set(MS_EINVAL, "%s:%zu: '%s' is not a number", name, lineno, num);
		}
		if ((size_t)(tab - line) == 9 && memcmp(line, "threshold", 9) == 0) {
			if (have_threshold || v <= 0 || v >= 1) {
				model_free(m);
				return err_set(MS_EINVAL, "%s:%zu: threshold wants one value in (0, 1)", name,
				    lineno);
			}
			have_threshold = true;
			m->threshold = v;
			continue;
		}
		if (ftab_find(&m->tab, line, (size_t)(tab - line)) >= 0) {
			model_free(m);
			return err_set(MS_EINVAL, "%s:%zu: feature '%.*s' given twice", name, lineno,
			    (int)(tab - line), line);
		}
		model_set(m, line, (size_t)(tab - line), v);
	}
	*out = m;
	return 0;
}

int
model_load(struct model **out, const char *path)
{
	char *data = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = util_read_file(&data, &len, path, 64u << 20)) < 0)
		return rc;
	rc = model_load_mem(out, path, data, len);
	free(data);
	return rc;
}

double
model_weight(const struct model *m, const char *feat, size_t len)
{
	long k = ftab_find(&m->tab, feat, len);

	return k >= 0 ? m->w[k] : 0.0;
}

double
model_score(const struct model *m, const char *feats, size_t len)
{
	double z = model_weight(m, "bias", 4);

	for (size_t off = 0; off < len;) {
		size_t l = strnlen(feats + off, len - off);

		z += model_weight(m, feats + off, l);
		off += l + 1;
	}
	return 1.0 / (1.0 + exp(-z));
}

double
model_threshold(const struct model *m)
{
	return m->threshold;
}

size_t
model_nfeatures(const struct model *m)
{
	return m->tab.n;
}

static const struct model *sort_model;

static int
by_weight(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double wx = fabs(sort_model->w[x]), wy = fabs(sort_model->w[y]);

	if (wx != wy)
		return wx < wy ? 1 : -1;
	return strcmp(sort_model->tab.names[x], sort_model->tab.names[y]);
}

int
model_write(const struct model *m, const char *path, const char *header)
{
	struct buf b = BUF_INIT;
	size_t *order = xcalloc(m->tab.n ? m->tab.n : 1, sizeof(*order));
	int rc;

	if (header)
		buf_adds(&b, header);
	buf_addf(&b, "threshold\t%.3f\n", m->threshold);
	for (size_t k = 0; k < m->tab.n; k++)
		order[k] = k;
	sort_model = m;
	qsort(order, m->tab.n, sizeof(*order), by_weight);
	for (size_t k = 0; k < m->tab.n; k++)
		if (m->w[order[k]] != 0.0)
			buf_addf(&b, "%s\t%.4f\n", m->tab.names[order[k]], m->w[order[k]]);
	rc = util_write_atomic(path, b.ptr ? b.ptr : "", b.len);
	buf_free(&b);
	free(order);
	return rc;
}

/* ---- training ---- */

int
model_train(struct model **out, const struct model_example *ex, size_t n, int skip_group,
	const struct model_train_opts *o)
{
	struct model_train_opts d = MODEL_TRAIN_OPTS_INIT;
	struct ftab tab = { NULL, 0, NULL, 0 };
	size_t **ids = xcalloc(n ? n : 1, sizeof(*ids)), *nids = xcalloc(n ? n : 1, sizeof(*nids));
	size_t *count, bias;
	bool *prior;
	double *w, *g, *acc;
	struct model *m;

	if (!o)
		o = &d;
	bias = ftab_add(&tab, "bias", 4);
	for (size_t i = 0; i < n; i++) {
		if (ex[i].group == skip_group && skip_group >= 0)
			continue;
		for (size_t off = 0; off < ex[i].len;) {
			size_t l = strnlen(ex[i].feats + off, ex[i].len - off);

			ids[i] = xreallocarray(ids[i], nids[i] + 1, sizeof(**ids));
			ids[i][nids[i]++] = ftab_add(&tab, ex[i].feats + off, l);
			off += l + 1;
		}
	}
	count = xcalloc(tab.n, sizeof(*count));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nids[i]; k++)
			count[ids[i][k]]++;
	/* the hand-written rules' verdicts (rules:, gate:) are a prior the
	 * data may move less easily than a single word */
	prior = xcalloc(tab.n, sizeof(*prior));
	for (size_t k = 0; k < tab.n; k++)
		prior[k] = strncmp(tab.names[k], "rules:", 6) == 0 || strncmp(tab.names[k], "gate:", 5) == 0;
	w = xcalloc(tab.n, sizeof(*w));
	g = xcalloc(tab.n, sizeof(*g));
	acc = xcalloc(tab.n, sizeof(*acc));
	for (int it = 0; it < o->iterations; it++) {
		memset(g, 0, tab.n * sizeof(*g));
		for (size_t i = 0; i < n; i++) {
			double z = w[bias], p, e;

			if (ex[i].group == skip_group && skip_group >= 0)
				continue;
			for (size_t k = 0; k < nids[i]; k++)
				if (count[ids[i][k]] >= (size_t)o->min_count)
					z += w[ids[i][k]];
			p = 1.0 / (1.0 + exp(-z));
			e = (p - ex[i].label) * (ex[i].label ? o->pos_weight : 1.0);
			g[bias] += e;
			for (size_t k = 0; k < nids[i]; k++)
				g[ids[i][k]] += e;
		}
		for (size_t k = 0; k < tab.n; k++) {
			if (k != bias && count[k] < (size_t)o->min_count)
				continue;
			if (k != bias)
				g[k] += (prior[k] ? o->l2 * o->prior_l2 : o->l2) * w[k];
			acc[k] += g[k] * g[k];
			if (acc[k] > 0)
				w[k] -= 0.5 * g[k] / sqrt(acc[k]);
		}
	}
	m = xcalloc(1, sizeof(*m));
	m->threshold = o->threshold;
	for (size_t k = 0; k < tab.n; k++)
		if ((k == bias || count[k] >= (size_t)o->min_count) && fabs(w[k]) >= 1e-4)
			model_set(m, tab.names[k], strlen(tab.names[k]), w[k]);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(nids);
	free(count);
	free(prior);
	free(w);
	free(g);
	free(acc);
	ftab_free(&tab);
	*out = m;
	return 0;
}
