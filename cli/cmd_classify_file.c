/*
 * cmd_classify_file: `muniscan classify-file [options] FILE...` classifies
 * local HTML (any encoding) or PDF files and prints programs.csv rows
 * (header once, no BOM) to stdout (see CONTRACT.md).
 *
 * Files are extracted and classified in parallel (--threads).  A file that
 * cannot be read or extracted gets one error line naming it; the others go
 * on, and the exit code is 1 at the end.
 *
 * Ownership with --seeds: a page on a seed's host (www. and the .lg label
 * ignored, since sites move from city.x.jp to city.x.lg.jp) is that
 * government's.  A page on another host (an affiliated organisation one
 * link away) belongs to the government that links to it; when several
 * do, to the one the page names, else to a prefecture (DOMAIN.md); when
 * none does, to the government the page names most often.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "csv.h"
#include "err.h"
#include "extract.h"
#include "log.h"
#include "seeds.h"
#include "util.h"
#include "xalloc.h"

struct cf_file {
	const char *path;
	char *url;
	char *host;           /* normalised host, or NULL */
	struct extract_page *page;
	struct classify_programs progs;
	int seed;             /* owning seed index, or -1 */
	bool failed;
	char *error;
};

struct cf_run {
	struct cf_file *files;
	size_t n;
	const char *url_opt;
	char fetched_at[32];
	bool want_links; /* --seeds: pages' links decide ownership */
};

/* cf_host: "http://www.city.x.lg.jp:80/..." -> "city.x.jp" (caller frees) */
static char *
cf_host(const char *url)
{
	const char *p = strstr(url, "://"), *e;
	char *h, *q;
	size_t n;

	if (!p)
		return NULL;
	p += 3;
	e = p + strcspn(p, "/:?#");
	n = (size_t)(e - p);
	h = xstrndup(p, n);
	for (q = h; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	if (strncmp(h, "www.", 4) == 0)
		memmove(h, h + 4, strlen(h + 4) + 1);
	if ((q = strstr(h, ".lg.")) != NULL)
		memmove(q, q + 3, strlen(q + 3) + 1);
	return h;
}

/* cf_content_type: the Content-Type of a .headers sidecar, if any */
static char *
cf_content_type(const char *path)
{
	char *side = xasprintf("%s.headers", path), *data = NULL, *ct = NULL;
	size_t len;

	if (util_is_file(side) && util_read_file(&data, &len, side, 1 << 20) == 0) {
		for (char *line = data; line && *line;) {
			char *nl = strchr(line, '\n');

			if (nl)
				*nl = '\0';
			if (strncasecmp(line, "Content-Type:", 13) == 0) {
				char *v = line + 13;

				while (*v == ' ')
					v++;
				v[strcspn(v, "\r")] = '\0';
				ct = xstrdup(v);
				break;
			}
			line = nl ? nl + 1 : NULL;
		}
	}
	err_clear();
	free(data);
	free(side);
	return ct;
}

static int
cf_one(struct classify_worker *w, size_t i, void *arg)
{
	struct cf_run *run = arg;
	struct cf_file *f = &run->files[i];
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct classify_page_meta meta = { NULL, NULL, NULL, 0 };
	char *data = NULL, *ct = NULL;
	size_t len;
	int rc;

	if ((rc = util_read_file(&data, &len, f->path, 0)) < 0)
		goto fail;
	ct = cf_content_type(f->path);
	eo.url = f->url;
	eo.content_type = ct;
	eo.no_page_links = !run->want_links;
	if ((rc = extract_bytes(&f->page, data, len, &eo)) < 0)
		goto fail;
	meta.url = f->url;
	meta.fetched_at = run->fetched_at;
	meta.page_id = (int64_t)i;
	if ((rc = classify_page(w, f->page, &meta, &f->progs)) < 0)
		goto done; /* a tokeniser failure stops the run */
	goto done;
fail:
	/* a bad file is reported and skipped, not fatal */
	f->failed = true;
	if (*err_msg() && strstr(err_msg(), f->path))
		f->error = xstrdup(err_msg()); /* it names the file already */
	else
		f->error = xasprintf("%s: %s", f->path, *err_msg() ? err_msg() : "cannot classify");
	rc = 0;
done:
	free(data);
	free(ct);
	return rc;
}

/* cf_url_map: reads FILE<TAB>URL lines (a first line starting "file<TAB>"
 * is a header; further columns are ignored) and gives each listed file its
 * URL.  A map entry names a FILE argument by its path or by its base name.
 * A malformed line is an error naming the map's file and line. */
static int
cf_url_map(struct cf_run *run, const char *path)
{
	char *data = NULL, *line, *next;
	size_t len, lineno = 0;
	int rc;

	if ((rc = util_read_file(&data, &len, path, 0)) < 0)
		goto out;
	for (line = data; line && *line; line = next) {
		char *tab, *url, *end;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (!*line || *line == '#' || (lineno == 1 && strncmp(line, "file\t", 5) == 0))
			continue;
		if ((tab = strchr(line, '\t')) == NULL || tab == line || !tab[1]) {
			rc = err_set(MS_EINVAL, "%s:%zu: want FILE<TAB>URL", path, lineno);
			goto out;
		}
		*tab = '\0';
		url = tab + 1;
		if ((end = strchr(url, '\t')) != NULL)
			*end = '\0';
		for (size_t i = 0; i < run->n; i++) {
			struct cf_file *f = &run->files[i];
			const char *base = strrchr(f->path, '/');

			base = base ? base + 1 : f->path;
			if (strcmp(f->path, line) == 0 || strcmp(base, line) == 0) {
				free(f->url);
				f->url = xstrdup(url);
			}
		}
	}
out:
	free(data);
	return rc;
}

static int
cf_seed_by_host(const struct seeds *s, const char *host)
{
	for (size_t i = 0; host && i < s->n; i++) {
		char *h = cf_host(s->v[i].url);
		bool eq = h && strcmp(h, host) == 0;

		for (size_t k = 0; !eq && k < s->v[i].nstart; k++) {
			free(h);
			h = cf_host(s->v[i].start_urls[k]);
			eq = h && strcmp(h, host) == 0;
		}
		free(h);
		if (eq)
			return (int)i;
	}
	return -1;
}

static size_t
cf_count(const char *text, const char *needle)
{
	size_t n = 0, l = strlen(needle);

	if (!l)
		return 0;
	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += l)
		n++;
	return n;
}

/* cf_assign: decides each file's government (see the top comment). */
static void
cf_assign(struct cf_run *run, const struct seeds *s)
{
	size_t ns = s->n;
	/* links[f * ns + k]: seed k has a page linking to file f's host */
	bool *links = xcalloc(run->n * (ns ? ns : 1), sizeof(bool));

	for (size_t i = 0; i < run->n; i++)
		run->files[i].seed = cf_seed_by_host(s, run->files[i].host);
	for (size_t i = 0; i < run->n; i++) {
		const struct cf_file *src = &run->files[i];

		if (src->seed < 0 || !src->page)
			continue;
		for (size_t l = 0; l < src->page->nlinks; l++) {
			char *h = cf_host(src->page->links[l].href ? src->page->links[l].href : "");

			if (!h)
				continue;
			for (size_t j = 0; j < run->n; j++)
				if (run->files[j].seed < 0 && run->files[j].host &&
				    strcmp(run->files[j].host, h) == 0)
					links[j * ns + (size_t)src->seed] = true;
			free(h);
		}
	}
	for (size_t j = 0; j < run->n; j++) {
		struct cf_file *f = &run->files[j];
		const char *text;
		int best = -1, nlink = 0;
		size_t best_count = 0;

		if (f->seed >= 0 || !f->page)
			continue;
		text = f->page->main_text ? f->page->main_text : "";
		for (size_t k = 0; k < ns; k++)
			if (links[j * ns + k])
				nlink++;
		for (size_t k = 0; k < ns; k++) {
			size_t c = cf_count(text, s->v[k].name);

			if (nlink > 0 && !links[j * ns + k])
				continue;
			if (c > best_count) {
				best_count = c;
				best = (int)k;
			}
		}
		if (best < 0 && nlink > 0)
			for (size_t k = 0; k < ns; k++)
				if (links[j * ns + k] && (best < 0 ||
				    strncmp(s->v[k].category, "pref", 4) == 0))
					best = (int)k;
		f->seed = best;
	}
	free(links);
}

static void
cf_print_row(struct csv_out *out, const struct classify_program *p, const struct seed *sd)
{
	char types[64];

	classify_types_str(types, p->types);
	csv_cell(out, p->municipality_code);
	csv_cell(out, sd ? sd->name : "");
	csv_cell(out, sd ? sd->category : "");
	csv_cell(out, p->program);
	csv_cell(out, p->url);
	csv_cell(out, types);
	csv_cell(out, p->it_security ? "yes" : "no");
	csv_cell(out, p->expert_registry ? "yes" : "no");
	csv_cell(out, classify_cost_str(p->cost));
	if (p->max_visits > 0)
		csv_cell_long(out, p->max_visits);
	else
		csv_cell(out, "");
	csv_cell(out, classify_continuity_str(p->continuity));
	csv_cell_long(out, p->riss_fit);
	csv_cell(out, p->evidence);
	csv_cell(out, p->page_sha256);
	csv_cell(out, p->fetched_at);
	csv_end_row(out);
}

static const char cf_details[] =
	"Options:\n"
	"  --url URL         the URL of the (single) FILE\n"
	"  --url-map TSV     FILE<TAB>URL lines giving the FILEs' URLs (a FILE\n"
	"                    matches by its path or its base name)\n"
	"  --code CODE       the government all FILEs belong to\n"
	"  --seeds FILE      take the government from the seed whose host matches\n"
	"  --site-root DIR   DIR/<host>/<path> is http://<host>/<path>\n"
	"  --rules DIR       rule files (default: <dict>/rules)\n"
	"  --dict DIR        data folder (default: as for every command)\n"
	"  --threads N       worker threads (default: all CPUs)\n"
	"A program described on several of the FILEs is printed once.  Files that\n"
	"cannot be read are named on stderr; the exit code is then 1.\n";

int
cmd_classify_file(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "url-map", required_argument, NULL, 'm' },
		{ "code", required_argument, NULL, 'c' },
		{ "seeds", required_argument, NULL, 's' },
		{ "site-root", required_argument, NULL, 'r' },
		{ "rules", required_argument, NULL, 'R' },
		{ "dict", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct classify_opts co = CLASSIFY_OPTS_INIT;
	const char *code = NULL, *seeds_path = NULL, *site_root = NULL, *url_map = NULL;
	struct seeds *seeds = NULL;
	struct classifier *cl = NULL;
	struct cf_run run;
	struct classify_programs all = CLASSIFY_PROGRAMS_INIT;
	struct csv_out *out = NULL;
	long threads = 0;
	int c, ret = EXIT_OK, failed = 0;

	memset(&run, 0, sizeof(run));
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'u': run.url_opt = optarg; break;
		case 'm': url_map = optarg; break;
		case 'c': code = optarg; break;
		case 's': seeds_path = optarg; break;
		case 'r': site_root = optarg; break;
		case 'R': co.rules_dir = optarg; break;
		case 'd': co.dict_dir = optarg; break;
		case 't':
			if (!util_parse_long(optarg, &threads) || threads < 1 || threads > 256)
				return cli_usage("classify-file", "--threads wants 1 to 256, not '%s'", optarg);
			break;
		case 'h':
			return cli_help("classify-file", cf_details);
		default:
			return cli_usage("classify-file", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("classify-file", "no FILE given");
	if (run.url_opt && url_map)
		return cli_usage("classify-file", "--url and --url-map exclude each other");
	if (run.url_opt && argc - optind > 1)
		return cli_usage("classify-file", "--url names one FILE, not %d", argc - optind);
	if (code && !seeds_code_valid(code))
		return cli_usage("classify-file", "--code '%s' is not a local-government code", code);
	co.threads = (int)threads;
	if (seeds_path && seeds_load(&seeds, seeds_path, NULL) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (classifier_new(&cl, &co) < 0) {
		ret = cli_fail();
		goto out;
	}
	util_now_iso(run.fetched_at);
	run.want_links = seeds != NULL;
	run.n = (size_t)(argc - optind);
	run.files = xcalloc(run.n, sizeof(*run.files));
	for (size_t i = 0; i < run.n; i++) {
		struct cf_file *f = &run.files[i];
		size_t rl = site_root ? strlen(site_root) : 0;

		f->path = argv[optind + (int)i];
		f->seed = -1;
		while (rl > 1 && site_root[rl - 1] == '/')
			rl--;
		if (run.url_opt)
			f->url = xstrdup(run.url_opt);
		else if (site_root && strncmp(f->path, site_root, rl) == 0 && f->path[rl] == '/')
			f->url = xasprintf("http://%s", f->path + rl + 1);
		else
			f->url = xstrdup(f->path);
	}
	if (url_map && cf_url_map(&run, url_map) < 0) {
		ret = cli_fail();
		goto out;
	}
	for (size_t i = 0; i < run.n; i++)
		run.files[i].host = cf_host(run.files[i].url);
	if (classify_batch(cl, co.threads, run.n, cf_one, &run) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (seeds)
		cf_assign(&run, seeds);
	for (size_t i = 0; i < run.n; i++) {
		struct cf_file *f = &run.files[i];
		const char *mc = code ? code : f->seed >= 0 ? seeds->v[f->seed].code : "";

		if (f->failed) {
			log_err("%s", f->error);
			failed++;
			continue;
		}
		for (size_t k = 0; k < f->progs.n; k++) {
			free(f->progs.v[k].municipality_code);
			f->progs.v[k].municipality_code = xstrdup(mc);
			if (all.n == all.cap) {
				all.cap = all.cap ? all.cap * 2 : 64;
				all.v = xreallocarray(all.v, all.cap, sizeof(*all.v));
			}
			all.v[all.n++] = f->progs.v[k];
		}
		f->progs.n = 0;
	}
	classify_merge(&all);
	out = csv_out_new(false);
	for (size_t i = 0; i < classify_ncolumns; i++)
		csv_cell(out, classify_csv_columns[i]);
	csv_end_row(out);
	for (size_t i = 0; i < all.n; i++) {
		const struct seed *sd = seeds ? seeds_find(seeds, all.v[i].municipality_code) : NULL;

		cf_print_row(out, &all.v[i], sd);
	}
	if (csv_print(out, stdout) < 0 || fflush(stdout) != 0) {
		ret = cli_fail();
		goto out;
	}
	if (failed)
		ret = EXIT_RUNTIME;
out:
	csv_out_free(out);
	classify_programs_free(&all);
	for (size_t i = 0; i < run.n; i++) {
		extract_page_free(run.files[i].page);
		classify_programs_free(&run.files[i].progs);
		free(run.files[i].url);
		free(run.files[i].host);
		free(run.files[i].error);
	}
	free(run.files);
	classifier_free(cl);
	seeds_free(seeds);
	return ret;
}
