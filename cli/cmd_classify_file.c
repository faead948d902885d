/*
 * cmd_classify_file: `muniscan classify-file [options] FILE...` classifies
 * local HTML (any encoding) or PDF files and prints programs.csv rows
 * (header once, no BOM) to stdout (see docs/muniscan.1).
 *
 * Files are extracted and classified in parallel (--threads).  A file that
 * cannot be read or extracted gets one error line naming it; the others go
 * on, and the exit code is 1 at the end.
 *
 * Ownership with --seeds: a page on a seed's host (www. and the .lg label
 * ignored, since sites move from city.x.jp to city.x.lg.jp) is that
 * government's.  A page on another host (an affiliated organisation one
 * link away) belongs to the government that links to it; when several
 * do, to the one the page names, else to a prefecture (docs/CRITERIA.md); when
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
#include "pagefiles.h"
#include "seeds.h"
#include "util.h"
#include "xalloc.h"

static int
cf_seed_by_host(const struct seeds *s, const char *host)
{
	for (size_t i = 0; host && i < s->n; i++) {
		char *h = pf_host(s->v[i].url);
		bool eq = h && strcmp(h, host) == 0;

		for (size_t k = 0; !eq && k < s->v[i].nstart; k++) {
			free(h);
			h = pf_host(s->v[i].start_urls[k]);
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
cf_assign(struct pf_run *run, const struct seeds *s)
{
	size_t ns = s->n;
	/* links[f * ns + k]: seed k has a page linking to file f's host */
	bool *links = xcalloc(run->n * (ns ? ns : 1), sizeof(bool));

	for (size_t i = 0; i < run->n; i++)
		run->files[i].seed = cf_seed_by_host(s, run->files[i].host);
	for (size_t i = 0; i < run->n; i++) {
		const struct pf_file *src = &run->files[i];

		if (src->seed < 0 || !src->page)
			continue;
		for (size_t l = 0; l < src->page->nlinks; l++) {
			char *h = pf_host(src->page->links[l].href ? src->page->links[l].href : "");

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
		struct pf_file *f = &run->files[j];
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


static const char cf_details[] =
	"Options:\n"
	"  --url URL         the URL of the (single) FILE\n"
	"  --url-map TSV     FILE<TAB>URL lines giving the FILEs' URLs (a FILE\n"
	"                    matches by its path or its base name)\n"
	"  --code CODE       the government all FILEs belong to\n"
	"  --seeds FILE      take the government from the seed whose host matches\n"
	"  --site-root DIR   DIR/<host>/<path> is http://<host>/<path>\n"
	"  --rules DIR       rule files (default: <dict>/rules)\n"
	"  --model FILE      the model's weights (default: <dict>/model.tsv)\n"
	"  --no-model        the rules' gates alone decide (as before the model)\n"
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
		{ "model", required_argument, NULL, 'M' },
		{ "no-model", no_argument, NULL, 'N' },
		{ "dict", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct classify_opts co = CLASSIFY_OPTS_INIT;
	const char *code = NULL, *seeds_path = NULL, *site_root = NULL, *url_map = NULL;
	struct seeds *seeds = NULL;
	struct classifier *cl = NULL;
	struct pf_run run;
	struct classify_programs all = CLASSIFY_PROGRAMS_INIT;
	struct csv_out *out = NULL;
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
		case 'M': co.model_path = optarg; break;
		case 'N': co.no_model = true; break;
		case 'd': co.dict_dir = optarg; break;
		case 't':
			if ((c = cli_threads("classify-file", optarg, &co.threads)) != 0)
				return c;
			break;
		case 'h':
			return cli_help("classify-file", cf_details);
		default:
			return cli_bad_option("classify-file", argv);
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
	if (seeds_path && seeds_load(&seeds, seeds_path, NULL) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (classifier_new(&cl, &co) < 0) {
		ret = cli_fail();
		goto out;
	}
	run.want_links = seeds != NULL;
	pf_init(&run, argv + optind, (size_t)(argc - optind), site_root);
	if (url_map && pf_url_map(&run, url_map) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (classify_batch(cl, co.threads, run.n, pf_one, &run) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (seeds)
		cf_assign(&run, seeds);
	for (size_t i = 0; i < run.n; i++) {
		struct pf_file *f = &run.files[i];
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
	classify_merge(cl, &all);
	out = csv_out_new(false);
	pf_print_header(out);
	for (size_t i = 0; i < all.n; i++) {
		const struct seed *sd = seeds ? seeds_find(seeds, all.v[i].municipality_code) : NULL;

		pf_print_row(out, &all.v[i], sd ? sd->name : "", sd ? sd->category : "");
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
	pf_free(&run);
	classifier_free(cl);
	seeds_free(seeds);
	return ret;
}
