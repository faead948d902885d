/*
 * cmd_classify: `muniscan classify --out DIR [--rules DIR] [--review FILE]
 * [--threads N]` re-classifies every page stored in DIR without fetching
 * (see docs/muniscan.1), records the run, and with --review carries a reviewed
 * programs.csv forward (report/review.h).  The reviewed file is read and
 * validated before the folder is opened: a bad file changes nothing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "err.h"
#include "jsonw.h"
#include "log.h"
#include "paths.h"
#include "review.h"
#include "store.h"
#include "util.h"
#include "xalloc.h"

static const char cl_details[] =
	"Options:\n"
	"  --out DIR        the output folder holding muniscan.db (required)\n"
	"  --rules DIR      rule files (default: <dict>/rules)\n"
	"  --dict DIR       data folder (default: as for every command)\n"
	"  --review FILE    a reviewed programs.csv to carry forward: rows marked ok,\n"
	"                   wrong or missing in its review column (empty: unchecked);\n"
	"                   the whole file is checked first, and a bad one changes nothing;\n"
	"                   each row not carried is named with its reason\n"
	"  --threads N      worker threads (default: all CPUs)\n"
	"Replaces the programs table; run `muniscan report --out DIR` to write the files.\n";

int
cmd_classify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "rules", required_argument, NULL, 'R' },
		{ "dict", required_argument, NULL, 'd' },
		{ "review", required_argument, NULL, 'r' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct classify_opts co = CLASSIFY_OPTS_INIT;
	struct store *st = NULL;
	struct store_run_info ri;
	struct buf json = BUF_INIT;
	const char *out = NULL;
	char *dict = NULL, *rules = NULL;
	const char *review_file = NULL;
	char rules_sha[65] = "", dict_sha[65] = "";
	struct review *rv = NULL;
	struct review_stats rs;
	int64_t run_id = 0;
	int c, ret = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'R': co.rules_dir = optarg; break;
		case 'd': co.dict_dir = optarg; break;
		case 'r': review_file = optarg; break;
		case 't':
			if ((c = cli_threads("classify", optarg, &co.threads)) != 0)
				return c;
			break;
		case 'h':
			return cli_help("classify", cl_details);
		default:
			return cli_bad_option("classify", argv);
		}
	}
	if (optind < argc)
		return cli_usage("classify", "unexpected argument '%s'", argv[optind]);
	if (!out)
		return cli_usage("classify", "--out DIR is required");
	if (review_file && !util_is_file(review_file)) {
		err_set(MS_EIO, "%s: no such file", review_file);
		return cli_fail();
	}
	/* the whole file is checked before anything is reclassified */
	if (review_file && review_read(&rv, review_file) < 0)
		return cli_fail();
	if (paths_dict(&dict, co.dict_dir) < 0) {
		ret = cli_fail();
		goto out;
	}
	rules = co.rules_dir ? xstrdup(co.rules_dir) : util_path_join(dict, "rules");
	if (util_file_sha256(rules_sha, rules) < 0 || util_file_sha256(dict_sha, dict) < 0)
		err_clear();
	if (store_open(&st, out, 0) < 0) {
		ret = cli_fail();
		goto out;
	}
	buf_adds(&json, "{");
	jsonw_key(&json, "rules", true);
	jsonw_str(&json, rules, false);
	jsonw_key(&json, "threads", false);
	buf_addf(&json, "%d", co.threads);
	jsonw_key(&json, "review", false);
	jsonw_str(&json, review_file, false);
	buf_adds(&json, "}");
	memset(&ri, 0, sizeof(ri));
	ri.command = "classify";
	ri.options_json = buf_cstr(&json);
	ri.rules_sha256 = rules_sha;
	ri.dict_sha256 = dict_sha;
	if (store_run_begin(st, &run_id, &ri) < 0) {
		ret = cli_fail();
		goto out;
	}
	if (classify_store(st, &co, run_id) < 0) {
		ret = cli_fail();
		store_run_end(st, run_id, "failed");
		goto out;
	}
	if (rv && review_carry(&rs, st, rv) < 0) {
		ret = cli_fail();
		store_run_end(st, run_id, "failed");
		goto out;
	}
	if (store_run_end(st, run_id, "done") < 0)
		ret = cli_fail();
out:
	store_close(st);
	review_free(rv);
	buf_free(&json);
	free(dict);
	free(rules);
	return ret;
}
