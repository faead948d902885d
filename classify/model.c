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
#include "strmap.h"
#include "util.h"
#include "xalloc.h"

/* feature names and their indexes (index + 1 as the map's value) */
struct ftab {
	struct strmap *idx;
	char **names;
	size_t n;
};

struct model {
	struct ftab tab;
	double *w;
	double threshold;
};

static long
ftab_find(const struct ftab *t, const char *name)
{
	uintptr_t v = t->idx ? (uintptr_t)strmap_get(t->idx, name) : 0;

	return v ? (long)v - 1 : -1;
}

/* ftab_add: the index of name, added when new */
static size_t
ftab_add(struct ftab *t, const char *name)
{
	long k = ftab_find(t, name);

	if (k >= 0)
		return (size_t)k;
	if (!t->idx)
		t->idx = strmap_new();
	t->names = xreallocarray(t->names, t->n + 1, sizeof(*t->names));
	t->names[t->n] = xstrdup(name);
	strmap_put(t->idx, name, (void *)(uintptr_t)(t->n + 1));
	return t->n++;
}

static void
ftab_free(struct ftab *t)
{
	for (size_t k = 0; k < t->n; k++)
		free(t->names[k]);
	free(t->names);
	strmap_free(t->idx);
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
model_set(struct model *m, const char *name, double w)
{
	size_t k = ftab_add(&m->tab, name);

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
		char num[64], *feat;
		double v;
		int rc;

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
		feat = xstrndup(line, (size_t)(tab - line));
		if (ftab_find(&m->tab, feat) >= 0) {
			model_free(m);
			rc = err_set(MS_EINVAL, "%s:%zu: feature '%s' given twice", name, lineno, feat);
			free(feat);
			return rc;
		}
		model_set(m, feat, v);
		free(feat);
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
model_weight(const struct model *m, const char *feat)
{
	long k = ftab_find(&m->tab, feat);

	return k >= 0 ? m->w[k] : 0.0;
}

double
model_score(const struct model *m, const char *feats, size_t len)
{
	double z = model_weight(m, "bias");

	for (size_t off = 0; off < len;) {
		size_t l = strnlen(feats + off, len - off);

		z += model_weight(m, feats + off);
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
	struct ftab tab = { NULL, NULL, 0 };
	size_t **ids = xcalloc(n ? n : 1, sizeof(*ids)), *nids = xcalloc(n ? n : 1, sizeof(*nids));
	size_t *count, bias;
	bool *prior;
	double *w, *g, *acc;
	struct model *m;

	if (!o)
		o = &d;
	bias = ftab_add(&tab, "bias");
	for (size_t i = 0; i < n; i++) {
		if (ex[i].group == skip_group && skip_group >= 0)
			continue;
		for (size_t off = 0; off < ex[i].len;) {
			size_t l = strnlen(ex[i].feats + off, ex[i].len - off);

			ids[i] = xreallocarray(ids[i], nids[i] + 1, sizeof(**ids));
			ids[i][nids[i]++] = ftab_add(&tab, ex[i].feats + off);
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
			model_set(m, tab.names[k], w[k]);
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
