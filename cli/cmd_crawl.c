/*
 * cmd_crawl: `muniscan crawl --out DIR [--seeds FILE] [crawl options]`
 * (see CONTRACT.md).  Rerunning on the same DIR resumes the crawl.
 *
 * Exit 0 when the crawl ran to its end, even if hosts failed (they are
 * recorded in the frontier and in municipalities.status); 1 when it could
 * not run or was interrupted; 2 for usage errors.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "crawl.h"
#include "crawl_args.h"
#include "err.h"
#include "log.h"
#include "paths.h"
#include "seeds.h"
#include "store.h"
#include "util.h"
#include "xalloc.h"

enum { OPT_OUT = 'o', OPT_SEEDS = 's', OPT_HELP = 'h', OPT_DICT = 0x100 };

static void
cmd_crawl_on_signal(int sig)
{
	(void)sig;
	crawl_interrupt();
}

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
	struct crawl_opts o = CRAWL_OPTS_INIT;
	struct store_run_info info;
	struct seeds *seeds = NULL;
	struct store *st = NULL;
	struct buf errors = BUF_INIT;
	struct sigaction sa, old_int, old_term;
	const char *out = NULL, *dict_opt = NULL;
	char *dict = NULL, *seeds_path = NULL, *json = NULL;
	char seeds_sha[65] = "", dict_sha[65] = "";
	size_t nown = sizeof(own) / sizeof(*own), ncrawl = (size_t)crawl_args_nlong();
	int64_t run_id = 0;
	int c, rc = EXIT_OK, crc;
	bool run_open = false, signals = false;

	longopts = xcalloc(nown + ncrawl + 1, sizeof(*longopts));
	memcpy(longopts, own, sizeof(own));
	memcpy(longopts + nown, crawl_long_options, ncrawl * sizeof(*longopts));
	while ((c = getopt_long(argc, argv, "ho:s:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT:
			out = optarg;
			break;
		case OPT_SEEDS:
			seeds_path = xstrdup(optarg);
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
			if (crawl_args_is_crawl_opt(c)) {
				if ((rc = crawl_args_apply_cmd(&o, "crawl", c, optarg)) != 0)
					goto out;
				break;
			}
			rc = cli_bad_option("crawl", argv);
			goto out;
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
	if (paths_dict(&dict, dict_opt) != 0) {
		rc = cli_fail();
		goto out;
	}
	o.dict_dir = dict;
	if (seeds_path == NULL)
		seeds_path = util_path_join(dict, "municipalities.tsv");
	if (seeds_load(&seeds, seeds_path, &errors) != 0) {
		if (errors.len)
			fputs(buf_cstr(&errors), stderr);
		else
			cli_fail();
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (o.only && seeds_filter(seeds, o.only) != 0) {
		rc = cli_fail();
		goto out;
	}
	if (util_file_sha256(seeds_sha, seeds_path) != 0 || util_file_sha256(dict_sha, dict) != 0) {
		rc = cli_fail();
		goto out;
	}
	if (store_open(&st, out, STORE_CREATE) != 0) {
		rc = cli_fail();
		goto out;
	}
	json = crawl_opts_json(&o);
	memset(&info, 0, sizeof(info));
	info.command = "crawl";
	info.options_json = json;
	info.seeds_path = seeds_path;
	info.seeds_sha256 = seeds_sha;
	info.dict_sha256 = dict_sha;
	if (store_run_begin(st, &run_id, &info) != 0) {
		rc = cli_fail();
		goto out;
	}
	run_open = true;
	if (store_put_seeds(st, seeds) != 0) {
		rc = cli_fail();
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = cmd_crawl_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	signals = true;
	crc = crawl_run(st, seeds, &o, run_id);
	if (crc != 0) {
		rc = cli_fail();
		if (store_run_end(st, run_id, strstr(err_msg(), "interrupted") ? "interrupted" :
		    "failed") != 0)
			log_err("%s", err_msg());
		run_open = false;
		goto out;
	}
	if (store_run_end(st, run_id, "done") != 0) {
		rc = cli_fail();
		run_open = false;
		goto out;
	}
	run_open = false;
out:
	if (signals) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
	if (run_open)
		store_run_end(st, run_id, "failed");
	store_close(st);
	seeds_free(seeds);
	buf_free(&errors);
	crawl_args_free(&o);
	free(longopts);
	free(dict);
	free(seeds_path);
	free(json);
	return rc;
}
