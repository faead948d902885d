/*
 * cmd_train: `muniscan train` fits the model's weights (dict/model.tsv) on
 * labelled pages, and measures it honestly with --cv-by-host.
 *
 * Every FILE is a labelled page: its programs are the gold rows on its URL
 * (none: a labelled negative).  Each candidate unit of a page (classify.h)
 * is an example, positive when it matches a gold row as `eval` matches
 * rows (docs/CRITERIA.md).  --cv-by-host fits one model per host without that
 * host's pages, classifies the host's pages with it, and scores all these
 * held-out predictions with `eval`: the figure to quote for sites no weight
 * was fitted on.  docs/MODEL.md describes the features and the procedure.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "cli.h"
#include "csv.h"
#include "err.h"
#include "eval.h"
#include "log.h"
#include "match.h"
#include "model.h"
#include "pagefiles.h"
#include "progs.h"
#include "util.h"
#include "xalloc.h"

static const char tr_details[] =
	"Options:\n"
	"  --url-map TSV[,TSV...]  FILE<TAB>URL lines giving the FILEs' URLs\n"
	"  --site-root DIR         DIR/<host>/<path> is http://<host>/<path>\n"
	"  --gold CSV[,CSV...]     the labelled programs (programs.csv columns); a\n"
	"                          FILE without a row there is a labelled negative\n"
	"  --out FILE              write the fitted model (e.g. dict/model.tsv)\n"
	"  --cv-by-host            leave-one-host-out: score each host's pages with a\n"
	"                          model fitted without them, and print `eval`'s report\n"
	"  --pred FILE             with --cv-by-host: the held-out predictions as CSV\n"
	"  --cv-pages DIR          with --cv-by-host: hold out and score only the FILEs\n"
	"                          under DIR; the others are fitted on in every fold\n"
	"  --drop-features P[,P]   leave out the features whose names start with P\n"
	"  --explain FILE          with --cv-by-host: every held-out candidate as TSV\n"
	"                          (file, title, label, probability, weightiest features)\n"
	"  --l2 X                  L2 penalty (default 10)\n"
	"  --iterations N          passes over the examples (default 400)\n"
	"  --min-count N           a feature must occur in N examples (default 2)\n"
	"  --threshold P           probability that makes a program (default 0.4)\n"
	"  --pos-weight W          weight of a positive example (default 1)\n"
	"  --prior-l2 F            factor on --l2 for the rules' verdicts (rules:,\n"
	"                          gate:; default 0.3): under 1 keeps the model nearer the rules\n"
	"  --rules DIR, --dict DIR, --threads N   as for classify-file\n";

struct tr_gold {
	struct progs **files;
	size_t n;
};

static void
tr_gold_free(struct tr_gold *g)
{
	for (size_t i = 0; i < g->n; i++)
		progs_free(g->files[i]);
	free(g->files);
}

/* tr_gold_read: the comma-separated gold files */
static int
tr_gold_read(struct tr_gold *g, const char *list)
{
	char *l = xstrdup(list), *save = NULL;
	int rc = 0;

	for (char *p = strtok_r(l, ",", &save); p && rc == 0; p = strtok_r(NULL, ",", &save)) {
		g->files = xreallocarray(g->files, g->n + 1, sizeof(*g->files));
		if ((rc = progs_read_csv(&g->files[g->n], p)) == 0)
			g->n++;
	}
	free(l);
	return rc;
}

/* tr_groups: one id per host (groups[i] for file i) */
static int
tr_groups(const struct pf_run *run, int *groups, char ***names)
{
	int n = 0;

	*names = NULL;
	for (size_t i = 0; i < run->n; i++) {
		const char *h = run->files[i].host ? run->files[i].host : run->files[i].path;
		int g = -1;

		for (int k = 0; k < n && g < 0; k++)
			if (strcmp((*names)[k], h) == 0)
				g = k;
		if (g < 0) {
			*names = xreallocarray(*names, (size_t)n + 1, sizeof(**names));
			(*names)[n] = xstrdup(h);
			g = n++;
		}
		groups[i] = g;
	}
	return n;
}

/* tr_label: marks the candidates of the pages that match a gold row */
static void
tr_label(const struct pf_run *run, const struct tr_gold *gold, int **labels)
{
	size_t ng = 0, nc = 0, k;
	struct match_item *gi, *ci;
	long *g_to_c;
	size_t (*where)[2];

	for (size_t f = 0; f < gold->n; f++)
		ng += gold->files[f]->n;
	for (size_t i = 0; i < run->n; i++)
		nc += run->files[i].cands.n;
	gi = xcalloc(ng ? ng : 1, sizeof(*gi));
	ci = xcalloc(nc ? nc : 1, sizeof(*ci));
	where = xcalloc(nc ? nc : 1, sizeof(*where));
	g_to_c = xcalloc(ng ? ng : 1, sizeof(*g_to_c));
	k = 0;
	for (size_t f = 0; f < gold->n; f++)
		for (size_t j = 0; j < gold->files[f]->n; j++) {
			const struct prog *p = &gold->files[f]->v[j];

			gi[k].code = "";
			gi[k].url = p->col[PC_URL];
			gi[k++].title = p->col[PC_PROGRAM];
		}
	k = 0;
	for (size_t i = 0; i < run->n; i++)
		for (size_t j = 0; j < run->files[i].cands.n; j++) {
			ci[k].code = "";
			ci[k].url = run->files[i].cands.v[j].row.url;
			ci[k].title = run->files[i].cands.v[j].row.program;
			where[k][0] = i;
			where[k++][1] = j;
		}
	match_pairs(g_to_c, gi, ng, ci, nc, MATCH_LONE);
	for (size_t i = 0; i < ng; i++)
		if (g_to_c[i] >= 0)
			labels[where[g_to_c[i]][0]][where[g_to_c[i]][1]] = 1;
	free(gi);
	free(ci);
	free(where);
	free(g_to_c);
}

/* tr_scored_gold: the gold rows on the FILEs' pages, as one table */
static bool tr_scored(const struct pf_file *f, const char *cv_pages);

/* The FILEs' lenient URL keys, sorted, to find the file of a row's URL in
 * log time (train runs over thousands of pages). */
struct tr_key {
	char *key;
	size_t file;
};

static int
by_key(const void *a, const void *b)
{
	return strcmp(((const struct tr_key *)a)->key, ((const struct tr_key *)b)->key);
}

/* tr_keys: the keys of the files that pass (cv_pages: scored only; NULL
 * with all set: every file); caller frees with tr_keys_free */
static struct tr_key *
tr_keys(const struct pf_run *run, const char *cv_pages, bool all, size_t *n)
{
	struct tr_key *k = xcalloc(run->n ? run->n : 1, sizeof(*k));

	*n = 0;
	for (size_t i = 0; i < run->n; i++)
		if (all || tr_scored(&run->files[i], cv_pages)) {
			k[*n].key = match_url_key(run->files[i].url);
			k[(*n)++].file = i;
		}
	qsort(k, *n, sizeof(*k), by_key);
	return k;
}

static void
tr_keys_free(struct tr_key *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* tr_file_of: the file whose URL is url (the first in FILE order when
 * several share it), or -1 */
static long
tr_file_of(const struct tr_key *k, size_t n, const char *url)
{
	struct tr_key want = { match_url_key(url), 0 };
	const struct tr_key *hit = bsearch(&want, k, n, sizeof(*k), by_key);
	long best = -1;

	if (hit) {
		/* equal keys sit together: take the lowest file index */
		while (hit > k && strcmp(hit[-1].key, want.key) == 0)
			hit--;
		for (; hit < k + n && strcmp(hit->key, want.key) == 0; hit++)
			if (best < 0 || (long)hit->file < best)
				best = (long)hit->file;
	}
	free(want.key);
	return best;
}


static struct progs *
tr_scored_gold(const struct pf_run *run, const struct tr_gold *gold, const char *cv_pages)
{
	struct progs *out = xcalloc(1, sizeof(*out));
	size_t nk;
	struct tr_key *keys = tr_keys(run, cv_pages, false, &nk);

	out->name = xstrdup(gold->n ? gold->files[0]->name : "gold");
	for (size_t f = 0; f < gold->n; f++)
		for (size_t j = 0; j < gold->files[f]->n; j++) {
			struct prog *p = &gold->files[f]->v[j];

			if (tr_file_of(keys, nk, p->col[PC_URL]) < 0)
				continue;
			out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
			out->v[out->n++] = *p;
			/* moved: the source keeps an empty row */
			memset(p, 0, sizeof(*p));
			for (int c = 0; c < PC_NCOLS; c++)
				p->col[c] = xstrdup("");
			p->review = xstrdup("");
			p->prefecture = xstrdup("");
		}
	tr_keys_free(keys, nk);
	return out;
}

static int
tr_write_pred(const char *path, const struct classify_programs *all)
{
	struct csv_out *out = csv_out_new(false);
	FILE *f = fopen(path, "w");
	int rc = 0;

	if (!f) {
		csv_out_free(out);
		return err_set(MS_EIO, "%s: cannot write: %s", path, strerror(errno));
	}
	pf_print_header(out);
	for (size_t i = 0; i < all->n; i++)
		pf_print_row(out, &all->v[i], "", "");
	if (csv_print(out, f) < 0 || fclose(f) != 0)
		rc = err_set(MS_EIO, "%s: cannot write", path);
	csv_out_free(out);
	return rc;
}

/* tr_hosts: per host, the types the gold offers against the predicted
 * ones: the government-level answer ("which types does it offer") */
static void
tr_hosts(const struct pf_run *run, const int *groups, int ngroups, const struct progs *gold,
	const struct classify_programs *pred, const char *cv_pages)
{
	bool *scored = xcalloc((size_t)ngroups, sizeof(*scored));
	int nscored = 0;

	unsigned *gt = xcalloc((size_t)ngroups, sizeof(*gt)), *pt = xcalloc((size_t)ngroups, sizeof(*pt));
	size_t nk, ok = 0, cells = 0, tp[3] = { 0 }, fp[3] = { 0 }, fn[3] = { 0 }, exact = 0;
	struct tr_key *keys = tr_keys(run, NULL, true, &nk);

	for (size_t i = 0; i < run->n; i++)
		if (tr_scored(&run->files[i], cv_pages))
			scored[groups[i]] = true;
	for (int side = 0; side < 2; side++) {
		size_t n = side ? pred->n : gold->n;

		for (size_t j = 0; j < n; j++) {
			long i = tr_file_of(keys, nk, side ? pred->v[j].url : gold->v[j].col[PC_URL]);

			if (i < 0)
				continue;
			if (side)
				pt[groups[i]] |= pred->v[j].types;
			else
				gt[groups[i]] |= gold->v[j].types;
		}
	}
	for (int g = 0; g < ngroups; g++) {
		if (!scored[g])
			continue;
		nscored++;
		exact += gt[g] == pt[g];
		for (int t = 0; t < 3; t++) {
			bool a = gt[g] & (1u << t), b = pt[g] & (1u << t);

			cells++;
			ok += a == b;
			tp[t] += a && b;
			fp[t] += !a && b;
			fn[t] += a && !b;
		}
	}
	printf("\nhosts (the government-level answer: which types each host's pages offer)\n");
	for (int t = 0; t < 3; t++) {
		double p = tp[t] + fp[t] ? (double)tp[t] / (double)(tp[t] + fp[t]) : 1.0;
		double r = tp[t] + fn[t] ? (double)tp[t] / (double)(tp[t] + fn[t]) : 1.0;

		printf("host type %-20s precision=%.3f recall=%.3f f1=%.3f (tp=%zu fp=%zu fn=%zu)\n",
		    program_types[t], p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0, tp[t], fp[t], fn[t]);
	}
	printf("hosts: %d, types right on %zu of %zu host x type cells (%.3f); all three right on %zu (%.3f)\n",
	    nscored, ok, cells, cells ? (double)ok / (double)cells : 0.0, exact,
	    nscored ? (double)exact / (double)nscored : 0.0);
	free(scored);
	tr_keys_free(keys, nk);
	free(gt);
	free(pt);
}

/* tr_scored: file f is held out and scored (--cv-pages) */
static bool
tr_scored(const struct pf_file *f, const char *cv_pages)
{
	size_t n = cv_pages ? strlen(cv_pages) : 0;

	while (n > 1 && cv_pages[n - 1] == '/')
		n--;
	return !cv_pages || (strncmp(f->path, cv_pages, n) == 0 && f->path[n] == '/');
}

/* tr_keep: the features of feats not starting with one of the comma-
 * separated prefixes in drop (caller frees) */
static char *
tr_keep(const char *feats, size_t len, const char *drop, size_t *len_out)
{
	char *out = xmalloc(len + 1);
	size_t n = 0;

	for (size_t off = 0; off < len;) {
		size_t l = strnlen(feats + off, len - off);
		bool skip = false;

		for (const char *d = drop; d && *d && !skip;) {
			size_t dl = strcspn(d, ",");

			skip = dl > 0 && l >= dl && memcmp(feats + off, d, dl) == 0;
			d += dl + (d[dl] == ',');
		}
		if (!skip) {
			memcpy(out + n, feats + off, l);
			out[n + l] = '\0';
			n += l + 1;
		}
		off += l + 1;
	}
	*len_out = n;
	return out;
}

struct tr_contrib {
	const char *name;
	double w;
};

static int
by_contrib(const void *a, const void *b)
{
	double x = fabs(((const struct tr_contrib *)a)->w), y = fabs(((const struct tr_contrib *)b)->w);

	return x < y ? 1 : x > y ? -1 : 0;
}

/* tr_explain: one line per candidate of file f: its label, the held-out
 * model's probability and the features that weigh most */
static void
tr_explain(FILE *out, const struct pf_file *f, const struct model *m, const struct model_example *ex)
{
	for (size_t j = 0; j < f->cands.n; j++) {
		const struct classify_cand *cd = &f->cands.v[j];
		struct tr_contrib *c = NULL;
		size_t n = 0;

		for (size_t off = 0; off < ex[j].len;) {
			size_t l = strlen(ex[j].feats + off);
			double w = model_weight(m, ex[j].feats + off);

			if (w != 0) {
				c = xreallocarray(c, n + 1, sizeof(*c));
				c[n].name = ex[j].feats + off;
				c[n++].w = w;
			}
			off += l + 1;
		}
		qsort(c, n, sizeof(*c), by_contrib);
		fprintf(out, "%s\t%s\t%s\t%d\t%.3f\t", f->path, cd->row.url, cd->row.program, ex[j].label,
		    model_score(m, ex[j].feats, ex[j].len));
		fprintf(out, "bias %+.2f", model_weight(m, "bias"));
		for (size_t k = 0; k < n && k < 12; k++)
			fprintf(out, " %s %+.2f", c[k].name, c[k].w);
		fputc('\n', out);
		free(c);
	}
}

static bool
tr_double(const char *s, double *out, double lo, double hi)
{
	return util_parse_double(s, out) && *out >= lo && *out <= hi;
}

int
cmd_train(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "url-map", required_argument, NULL, 'm' },
		{ "site-root", required_argument, NULL, 'r' },
		{ "gold", required_argument, NULL, 'g' },
		{ "out", required_argument, NULL, 'o' },
		{ "cv-by-host", no_argument, NULL, 'C' },
		{ "pred", required_argument, NULL, 'p' },
		{ "cv-pages", required_argument, NULL, 'V' },
		{ "drop-features", required_argument, NULL, 'D' },
		{ "explain", required_argument, NULL, 'E' },
		{ "l2", required_argument, NULL, 'L' },
		{ "iterations", required_argument, NULL, 'I' },
		{ "min-count", required_argument, NULL, 'M' },
		{ "threshold", required_argument, NULL, 'T' },
		{ "pos-weight", required_argument, NULL, 'P' },
		{ "prior-l2", required_argument, NULL, 'Q' },
		{ "rules", required_argument, NULL, 'R' },
		{ "dict", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct classify_opts co = CLASSIFY_OPTS_INIT;
	struct model_train_opts to = MODEL_TRAIN_OPTS_INIT;
	const char *url_map = NULL, *site_root = NULL, *gold_list = NULL, *out_path = NULL;
	const char *pred_path = NULL, *cv_pages = NULL, *drop = NULL, *explain_path = NULL;
	FILE *explain = NULL;
	char **kept = NULL;
	bool cv = false;
	struct classifier *cl = NULL;
	struct pf_run run;
	struct tr_gold gold = { NULL, 0 };
	struct progs *scored = NULL;
	struct model_example *ex = NULL;
	struct model *m = NULL;
	int **labels = NULL, *groups = NULL, ngroups = 0, c, ret = EXIT_OK;
	char **gnames = NULL;
	size_t nex = 0, npos = 0;
	long lv;
	double dv;

	memset(&run, 0, sizeof(run));
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': url_map = optarg; break;
		case 'r': site_root = optarg; break;
		case 'g': gold_list = optarg; break;
		case 'o': out_path = optarg; break;
		case 'C': cv = true; break;
		case 'p': pred_path = optarg; break;
		case 'V': cv_pages = optarg; break;
		case 'D': drop = optarg; break;
		case 'E': explain_path = optarg; break;
		case 'L':
			if (!tr_double(optarg, &to.l2, 0, 1e6))
				return cli_usage("train", "--l2 wants 0 to 1e6, not '%s'", optarg);
			break;
		case 'I':
			if (!util_parse_long(optarg, &lv) || lv < 1 || lv > 100000)
				return cli_usage("train", "--iterations wants 1 to 100000, not '%s'", optarg);
			to.iterations = (int)lv;
			break;
		case 'M':
			if (!util_parse_long(optarg, &lv) || lv < 1 || lv > 1000000)
				return cli_usage("train", "--min-count wants 1 or more, not '%s'", optarg);
			to.min_count = (int)lv;
			break;
		case 'T':
			if (!tr_double(optarg, &dv, 0.001, 0.999))
				return cli_usage("train", "--threshold wants a probability in (0, 1), not '%s'",
				    optarg);
			to.threshold = dv;
			break;
		case 'P':
			if (!tr_double(optarg, &to.pos_weight, 0.01, 100))
				return cli_usage("train", "--pos-weight wants 0.01 to 100, not '%s'", optarg);
			break;
		case 'Q':
			if (!tr_double(optarg, &to.prior_l2, 0, 100))
				return cli_usage("train", "--prior-l2 wants 0 to 100, not '%s'", optarg);
			break;
		case 'R': co.rules_dir = optarg; break;
		case 'd': co.dict_dir = optarg; break;
		case 't':
			if ((c = cli_threads("train", optarg, &co.threads)) != 0)
				return c;
			break;
		case 'h':
			return cli_help("train", tr_details);
		default:
			return cli_bad_option("train", argv);
		}
	}
	if (optind >= argc)
		return cli_usage("train", "no FILE given");
	if (!gold_list)
		return cli_usage("train", "--gold is required");
	if (!out_path && !cv)
		return cli_usage("train", "give --out FILE, --cv-by-host or both");
	if ((pred_path || explain_path) && !cv)
		return cli_usage("train", "--pred and --explain need --cv-by-host");
	co.no_model = true;
	co.features = true;
	if (tr_gold_read(&gold, gold_list) < 0 || classifier_new(&cl, &co) < 0) {
		ret = cli_fail();
		goto out;
	}
	run.cands = true;
	pf_init(&run, argv + optind, (size_t)(argc - optind), site_root);
	if (url_map && pf_url_map(&run, url_map) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (classify_batch(cl, co.threads, run.n, pf_one, &run) < 0) {
		ret = cli_fail();
		goto out;
	}
	for (size_t i = 0; i < run.n; i++)
		if (run.files[i].failed) {
			log_err("%s", run.files[i].error);
			ret = EXIT_RUNTIME;
		}
	if (ret != EXIT_OK)
		goto out;
	labels = xcalloc(run.n, sizeof(*labels));
	for (size_t i = 0; i < run.n; i++)
		labels[i] = xcalloc(run.files[i].cands.n ? run.files[i].cands.n : 1, sizeof(int));
	tr_label(&run, &gold, labels);
	groups = xcalloc(run.n, sizeof(*groups));
	ngroups = tr_groups(&run, groups, &gnames);
	for (size_t i = 0; i < run.n; i++)
		for (size_t j = 0; j < run.files[i].cands.n; j++) {
			const struct classify_cand *cd = &run.files[i].cands.v[j];

			ex = xreallocarray(ex, nex + 1, sizeof(*ex));
			kept = xreallocarray(kept, nex + 1, sizeof(*kept));
			kept[nex] = tr_keep(cd->feats, cd->feats_len, drop, &ex[nex].len);
			ex[nex].feats = kept[nex];
			ex[nex].label = labels[i][j];
			ex[nex].group = tr_scored(&run.files[i], cv_pages) ? groups[i] : -1;
			npos += labels[i][j] != 0;
			nex++;
		}
	scored = tr_scored_gold(&run, &gold, cv_pages);
	printf("train: %zu pages on %d hosts, %zu gold programs, %zu candidates (%zu matching a gold "
	    "program)\n", run.n, ngroups, scored->n, nex, npos);
	if (cv) {
		struct classify_programs all = CLASSIFY_PROGRAMS_INIT;
		struct progs *pred = NULL;
		struct eval_result er;
		char tmp[] = "/tmp/muniscan-cv-XXXXXX";
		const char *pp = pred_path;
		int fd = -1;

		if (explain_path && (explain = fopen(explain_path, "w")) == NULL) {
			err_set(MS_EIO, "%s: cannot write: %s", explain_path, strerror(errno));
			ret = cli_fail();
			goto out;
		}
		if (explain)
			fprintf(explain, "file\turl\ttitle\tlabel\tprobability\tfeatures\n");
		for (int g = 0; g < ngroups; g++) {
			struct model *fold = NULL;
			bool any = false;

			for (size_t i = 0; i < run.n && !any; i++)
				any = groups[i] == g && run.files[i].cands.n > 0 &&
				    tr_scored(&run.files[i], cv_pages);
			if (!any)
				continue;
			model_train(&fold, ex, nex, g, &to);
			for (size_t i = 0, e = 0; i < run.n; e += run.files[i].cands.n, i++)
				if (groups[i] == g && tr_scored(&run.files[i], cv_pages)) {
					classify_cands_decide(&run.files[i].cands, fold, &all);
					if (explain)
						tr_explain(explain, &run.files[i], fold, ex + e);
				}
			model_free(fold);
		}
		/* no classify_merge: the files carry no government codes, and
		 * merging works within one government */
		if (!pp) {
			if ((fd = mkstemp(tmp)) < 0) {
				classify_programs_free(&all);
				ret = cli_fail();
				goto out;
			}
			close(fd);
			pp = tmp;
		}
		if (tr_write_pred(pp, &all) < 0 || progs_read_csv(&pred, pp) < 0) {
			classify_programs_free(&all);
			if (!pred_path)
				unlink(tmp);
			ret = cli_fail();
			goto out;
		}
		printf("leave-one-host-out: each host's pages classified by a model fitted without them\n\n");
		fflush(stdout);
		eval_progs(&er, scored, pred, stdout);
		tr_hosts(&run, groups, ngroups, scored, &all, cv_pages);
		progs_free(pred);
		classify_programs_free(&all);
		if (!pred_path)
			unlink(tmp);
	}
	if (out_path) {
		char *hdr;

		model_train(&m, ex, nex, -1, &to);
		hdr = xasprintf("# muniscan model: weights of the features that make a candidate unit a\n"
		    "# program (docs/MODEL.md).  Written by `muniscan train` from %zu pages on %d hosts,\n"
		    "# %zu gold programs, %zu candidates (%zu positive); l2 %g, %d iterations,\n"
		    "# min-count %d, pos-weight %g, prior-l2 %g.  Edit by retraining, not by hand.\n",
		    run.n, ngroups, scored->n, nex, npos, to.l2, to.iterations, to.min_count, to.pos_weight,
		    to.prior_l2);
		if (model_write(m, out_path, hdr) < 0) {
			free(hdr);
			ret = cli_fail();
			goto out;
		}
		free(hdr);
		printf("train: wrote %s (%zu features)\n", out_path, model_nfeatures(m));
	}
out:
	if (explain)
		fclose(explain);
	model_free(m);
	for (size_t i = 0; i < nex; i++)
		free(kept[i]);
	free(kept);
	free(ex);
	if (labels)
		for (size_t i = 0; i < run.n; i++)
			free(labels[i]);
	free(labels);
	free(groups);
	for (int g = 0; g < ngroups; g++)
		free(gnames[g]);
	free(gnames);
	progs_free(scored);
	tr_gold_free(&gold);
	pf_free(&run);
	classifier_free(cl);
	return ret;
}
