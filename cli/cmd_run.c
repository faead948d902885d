/*
 * cmd_run: `muniscan run` — the main job: crawl, classify and report into
 * one output folder (default results/<YYYY-MM-DD>/, UTC date).  Running
 * again on an existing folder resumes it: the crawl continues where it
 * stopped, then classification and the files are redone from the whole
 * database.  The run is recorded as done before the files are written,
 * so manifest.json says "done" with its end time; an interrupted or failed
 * run writes no files.  With --review, the reviewed file is read and
 * checked before anything is crawled, and carried forward after the
 * classification (report/review.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "cli.h"
#include "crawl.h"
#include "crawl_args.h"
#include "err.h"
#include "log.h"
#include "pipeline.h"
#include "report.h"
#include "review.h"
#include "seeds.h"
#include "store.h"
#include "util.h"
#include "xalloc.h"

enum {
	OPT_OUT = 'o', OPT_SEEDS = 's', OPT_HELP = 'h',
	OPT_DICT = 0x100, OPT_REVIEW, OPT_RULES, OPT_NO_BOM, OPT_THREADS
};

static const char run_help[] =
    "  --out DIR               output folder (default results/<YYYY-MM-DD>/; rerun to resume)\n"
    "  --seeds FILE            seeds file (default dict/municipalities.tsv, the 121)\n"
    "  --dict DIR              data folder (default: found as in README)\n"
    "  --rules DIR             classification rules (default DICT/rules)\n"
    "  --review FILE           carry a reviewed programs.csv forward (see classify --help)\n"
    "  --threads N             classification threads (default: one per core)\n"
    "  --no-bom                CSV files without the UTF-8 byte-order mark\n\n";

int
cmd_run(int argc, char **argv)
{
	static const struct option own[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "seeds", required_argument, NULL, OPT_SEEDS },
		{ "dict", required_argument, NULL, OPT_DICT },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "review", required_argument, NULL, OPT_REVIEW },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "no-bom", no_argument, NULL, OPT_NO_BOM },
		{ "help", no_argument, NULL, OPT_HELP },
	};
	struct option *longopts;
	struct crawl_args copts = CRAWL_ARGS_INIT;
	struct classify_opts clopts = CLASSIFY_OPTS_INIT;
	struct report_opts ropts = REPORT_OPTS_INIT;
	struct pipeline p;
	struct review *rv = NULL;
	const char *seeds_opt = NULL, *dict_opt = NULL, *review_file = NULL;
	char *out = NULL;
	int c, rc = EXIT_OK;

	memset(&p, 0, sizeof(p));
	longopts = crawl_args_longopts(own, sizeof(own) / sizeof(*own));
	while ((c = getopt_long(argc, argv, "ho:s:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT: free(out); out = xstrdup(optarg); break;
		case OPT_SEEDS: seeds_opt = optarg; break;
		case OPT_DICT: dict_opt = optarg; break;
		case OPT_RULES: clopts.rules_dir = optarg; break;
		case OPT_REVIEW: review_file = optarg; break;
		case OPT_NO_BOM: ropts.bom = false; break;
		case OPT_THREADS:
			if ((rc = cli_threads("run", optarg, &clopts.threads)) != 0)
				goto out;
			break;
		case OPT_HELP:
			rc = cli_help("run", run_help);
			fputs(crawl_args_help, stdout);
			goto out;
		default:
			if ((rc = crawl_args_other(&copts, "run", c, optarg, argv)) != 0)
				goto out;
			break;
		}
	}
	if (optind < argc) {
		rc = cli_usage("run", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (out == NULL) {
		char day[16];

		util_today(day);
		out = xasprintf("results/%s", day);
	}
	/* a bad review file is refused before the folder is touched */
	if (review_file && review_read(&rv, review_file) != 0) {
		rc = cli_fail();
		goto out;
	}
	if ((rc = pipeline_open(&p, "run", out, seeds_opt, dict_opt, clopts.rules_dir, &copts)) != 0)
		goto out;
	clopts.dict_dir = p.dict;
	log_info("run: %zu local governments into %s", p.seeds->n, out);
	if ((rc = pipeline_crawl(&p, &copts)) != 0)
		goto out;
	if (classify_store(p.st, &clopts, p.run_id) != 0 ||
	    (rv && review_carry(NULL, p.st, rv) != 0)) {
		rc = pipeline_fail(&p);
		goto out;
	}
	/* the run is recorded as done before the files are written, so that
	 * manifest.json, written from the runs table, says so */
	if (store_run_end(p.st, p.run_id, "done") != 0) {
		rc = pipeline_fail(&p);
		goto out;
	}
	p.run_open = false;
	if (report_write(p.st, &ropts) != 0) {
		rc = cli_fail();
		/* the message is printed; the files belong to the run, which failed */
		if (store_run_end(p.st, p.run_id, "failed") != 0)
			log_debug("%s", err_msg());
		goto out;
	}
	log_info("run: results in %s", out);
out:
	rc = pipeline_close(&p, rc);
	review_free(rv);
	crawl_args_free(&copts);
	free(longopts);
	free(out);
	return rc;
}
