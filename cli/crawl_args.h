/*
 * crawl_args: the crawl options of `muniscan crawl` and `muniscan run`
 * (docs/muniscan.1), parsed in one place so both commands take them alike.
 *
 * A command appends crawl_long_options to its own getopt_long table (the
 * values are CRAWL_OPT_BASE and up, clear of any short option) and hands
 * every option it does not know to crawl_args_apply().
 *
 * struct crawl_args is what the command line says about a crawl: the
 * engine's options, and the choice of seeds (--only), which the command
 * applies itself with seeds_filter() (pipeline.c).
 */
#ifndef MUNISCAN_CRAWL_ARGS_H
#define MUNISCAN_CRAWL_ARGS_H

#include <getopt.h>
#include <stddef.h>

#include "crawl.h"

struct crawl_args {
	struct crawl_opts crawl;
	const char *only;  /* --only CODE,...: borrowed (argv), or NULL */
};

#define CRAWL_ARGS_INIT { .crawl = CRAWL_OPTS_INIT, .only = NULL }

#define CRAWL_OPT_BASE 0x200

/* terminated by a zero entry */
extern const struct option crawl_long_options[];
/* the options' help text, one per line, for --help */
extern const char crawl_args_help[];

/* crawl_args_nlong: entries in crawl_long_options before the zero one. */
int crawl_args_nlong(void);
/* crawl_args_is_crawl_opt: true when opt is one of crawl_long_options. */
int crawl_args_is_crawl_opt(int opt);
/* crawl_args_apply: sets the option in a; arg is borrowed (argv) for the
 * life of a.  Returns 0, or EXIT_USAGE after printing the error for the
 * command cmd ("crawl", "run"). */
int crawl_args_apply(struct crawl_args *a, int opt, const char *arg);
/* crawl_args_apply_cmd: as crawl_args_apply() with the command named in the
 * usage line. */
int crawl_args_apply_cmd(struct crawl_args *a, const char *cmd, int opt, const char *arg);
/* crawl_args_longopts: the command's own options followed by the crawl
 * options and a zero entry (caller frees with free()). */
struct option *crawl_args_longopts(const struct option *own, size_t nown);
/* crawl_args_other: for an option the command does not handle itself:
 * applies a crawl option, or reports an unknown one (EXIT_USAGE). */
int crawl_args_other(struct crawl_args *a, const char *cmd, int opt, const char *arg,
	char *const *argv);
/* crawl_args_free: frees what crawl_args_apply() allocated (the --resolve
 * list) and sets it to NULL. */
void crawl_args_free(struct crawl_args *a);

#endif
