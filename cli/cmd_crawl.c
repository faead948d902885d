/*
 * cmd_crawl: `muniscan crawl --out DIR [--seeds FILE] [crawl options]`
 * (see docs/muniscan.1).  Rerunning on the same DIR resumes the crawl.
 *
 * Exit 0 when the crawl ran to its end, even if hosts failed (they are
 * recorded in the frontier and in municipalities.status); 1 when it could
 * not run or was interrupted; 2 for usage errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crawl.h"
#include "crawl_args.h"
#include "pipeline.h"

enum { OPT_OUT = 'o', OPT_SEEDS = 's', OPT_HELP = 'h', OPT_DICT = 0x100 };

int
cmd_crawl(int argc, char **argv)
{
	static const struct option own[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "seeds", required_argument, NULL, OPT_SEEDS },
		{ "dict", required_argument, NULL, OPT_DICT },
		{ "help", no_argument, NULL, OPT_HELP },
	};
	struct option *longopts;
	struct crawl_args o = CRAWL_ARGS_INIT;
	struct pipeline p;
	const char *out = NULL, *dict_opt = NULL, *seeds_opt = NULL;
	int c, rc = EXIT_OK;

	memset(&p, 0, sizeof(p));
	longopts = crawl_args_longopts(own, sizeof(own) / sizeof(*own));
	while ((c = getopt_long(argc, argv, "ho:s:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT:
			out = optarg;
			break;
		case OPT_SEEDS:
			seeds_opt = optarg;
			break;
		case OPT_DICT:
			dict_opt = optarg;
			break;
		case OPT_HELP:
			rc = cli_help("crawl",
			    "  --out DIR               output folder (created; rerun on it to resume)\n"
			    "  --seeds FILE            seeds file (default dict/municipalities.tsv)\n"
			    "  --dict DIR              data folder (default: found as in README)\n\n");
			fputs(crawl_args_help, stdout);
			goto out;
		default:
			if ((rc = crawl_args_other(&o, "crawl", c, optarg, argv)) != 0)
				goto out;
			break;
		}
	}
	if (optind < argc) {
		rc = cli_usage("crawl", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (out == NULL) {
		rc = cli_usage("crawl", "--out DIR is required");
		goto out;
	}
	if ((rc = pipeline_open(&p, "crawl", out, seeds_opt, dict_opt, NULL, &o)) != 0)
		goto out;
	rc = pipeline_crawl(&p, &o);
out:
	rc = pipeline_close(&p, rc);
	crawl_args_free(&o);
	free(longopts);
	return rc;
}
