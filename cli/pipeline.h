/*
 * pipeline: what `crawl` and `run` share around the crawl itself: the data
 * folder, the seeds (validated, filtered by --only), their hashes, the
 * output folder's store, the run record, and SIGINT/SIGTERM turning into
 * an orderly stop that leaves the folder resumable.
 */
#ifndef MUNISCAN_PIPELINE_H
#define MUNISCAN_PIPELINE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct crawl_args;
struct seeds;
struct store;

struct pipeline {
	struct store *st;
	struct seeds *seeds;
	char *dict;        /* data folder */
	char *seeds_path;
	char *rules_dir;   /* for the manifest's rules hash; may not exist */
	char *json;        /* the options as recorded */
	int64_t run_id;
	bool run_open;
	bool signals;
	struct sigaction old_int, old_term;
};

/* pipeline_open: resolves dict, loads and filters the seeds (each bad line
 * printed), opens or creates out, saves the seeds and records a run of
 * command cmd.  Returns an exit code: EXIT_OK, or EXIT_RUNTIME after the
 * error was printed.  seeds_opt, dict_opt, rules_opt may be NULL.  Sets
 * a->crawl.dict_dir to the data folder. */
int pipeline_open(struct pipeline *p, const char *cmd, const char *out,
	const char *seeds_opt, const char *dict_opt, const char *rules_opt,
	struct crawl_args *a);
/* pipeline_crawl: runs the crawl with signals routed to crawl_interrupt().
 * Returns EXIT_OK or EXIT_RUNTIME (printed, run marked failed/interrupted). */
int pipeline_crawl(struct pipeline *p, const struct crawl_args *a);
/* pipeline_fail: prints err_msg(), marks the run failed; EXIT_RUNTIME. */
int pipeline_fail(struct pipeline *p);
/* pipeline_close: marks an open run with status ("done" after success),
 * restores signals, closes the store, frees.  Returns EXIT_RUNTIME if the
 * run could not be recorded, else rc. */
int pipeline_close(struct pipeline *p, int rc);

#endif
