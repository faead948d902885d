/*
 * pipeline: the set-up and tear-down `crawl` and `run` share (see
 * pipeline.h).
 */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "crawl.h"
#include "crawl_args.h"
#include "err.h"
#include "extract.h"
#include "log.h"
#include "paths.h"
#include "seeds.h"
#include "store.h"
#include "util.h"
#include "xalloc.h"

static void
pipeline_on_signal(int sig)
{
	(void)sig;
	crawl_interrupt();
}

int
pipeline_open(struct pipeline *p, const char *cmd, const char *out,
	const char *seeds_opt, const char *dict_opt, const char *rules_opt,
	struct crawl_args *a)
{
	struct crawl_opts *o = &a->crawl;
	struct store_run_info info;
	struct buf errors = BUF_INIT;
	char seeds_sha[65] = "", dict_sha[65] = "", rules_sha[65] = "";
	int rc = EXIT_RUNTIME;

	memset(p, 0, sizeof(*p));
	if (paths_dict(&p->dict, dict_opt) != 0)
		goto fail;
	o->dict_dir = p->dict;
	/* the crawler extracts links: with this data folder's word lists */
	if (extract_config_load(p->dict) != 0)
		goto fail;
	p->seeds_path = seeds_opt ? xstrdup(seeds_opt) :
	    util_path_join(p->dict, "municipalities.tsv");
	if (seeds_load(&p->seeds, p->seeds_path, &errors) != 0) {
		if (errors.len)
			fputs(buf_cstr(&errors), stderr);
		else
			cli_fail();
		goto out;
	}
	if (a->only && strspn(a->only, ", ") == strlen(a->only)) {
		rc = cli_usage(cmd, "--only: no code given");
		goto out;
	}
	if (a->only && seeds_filter(p->seeds, a->only) != 0)
		goto fail;
	if (p->seeds->n == 0) {
		err_set(MS_EINVAL, "%s: no local governments to crawl", p->seeds_path);
		goto fail;
	}
	p->rules_dir = rules_opt ? xstrdup(rules_opt) : util_path_join(p->dict, "rules");
	if (util_file_sha256(seeds_sha, p->seeds_path) != 0 ||
	    util_file_sha256(dict_sha, p->dict) != 0 ||
	    (util_is_dir(p->rules_dir) && util_file_sha256(rules_sha, p->rules_dir) != 0))
		goto fail;
	if (store_open(&p->st, out, STORE_CREATE) != 0)
		goto fail;
	p->json = crawl_opts_json(o);
	memset(&info, 0, sizeof(info));
	info.command = cmd;
	info.options_json = p->json;
	info.seeds_path = p->seeds_path;
	info.seeds_sha256 = seeds_sha;
	info.dict_sha256 = dict_sha;
	info.rules_sha256 = rules_sha[0] ? rules_sha : NULL;
	if (store_run_begin(p->st, &p->run_id, &info) != 0)
		goto fail;
	p->run_open = true;
	if (store_put_seeds(p->st, p->seeds) != 0)
		goto fail;
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail();
out:
	buf_free(&errors);
	return rc;
}

int
pipeline_crawl(struct pipeline *p, const struct crawl_args *a)
{
	struct sigaction sa;

	if (!p->signals) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = pipeline_on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &p->old_int);
		sigaction(SIGTERM, &sa, &p->old_term);
		p->signals = true;
	}
	if (crawl_run(p->st, p->seeds, &a->crawl, p->run_id) != 0)
		return pipeline_fail(p);
	return EXIT_OK;
}

int
pipeline_fail(struct pipeline *p)
{
	int rc = cli_fail();

	if (p->run_open) {
		const char *status = strstr(err_msg(), "interrupted") ? "interrupted" : "failed";

		/* the failure is already reported; a database that cannot
		 * record it (a full disk) has nothing new to say */
		if (store_run_end(p->st, p->run_id, status) != 0)
			log_debug("%s", err_msg());
		p->run_open = false;
	}
	return rc;
}

int
pipeline_close(struct pipeline *p, int rc)
{
	if (p->run_open) {
		if (store_run_end(p->st, p->run_id, rc == EXIT_OK ? "done" : "failed") != 0) {
			log_err("%s", err_msg());
			rc = EXIT_RUNTIME;
		}
		p->run_open = false;
	}
	if (p->signals) {
		sigaction(SIGINT, &p->old_int, NULL);
		sigaction(SIGTERM, &p->old_term, NULL);
		p->signals = false;
	}
	store_close(p->st);
	seeds_free(p->seeds);
	free(p->dict);
	free(p->seeds_path);
	free(p->rules_dir);
	free(p->json);
	memset(p, 0, sizeof(*p));
	return rc;
}
