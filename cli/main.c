/*
 * main: global options and dispatch through the sorted command table.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "log.h"
#include "util.h"

/* Sorted by name. */
static const struct cmd_entry cmd_table[] = {
	{ "classify", cmd_classify, "--out DIR [--rules DIR] [--dict DIR] [--review FILE] [--threads N]",
	  "(re)classify every page stored in DIR without fetching" },
	{ "classify-file", cmd_classify_file, "[--url URL] [--code CODE] [--seeds FILE] [--site-root DIR] [--threads N] [--rules DIR] FILE...",
	  "classify local HTML or PDF files; print programs.csv rows" },
	{ "crawl", cmd_crawl, "--out DIR [--seeds FILE] [crawl options]",
	  "fetch the seed sites into DIR (rerun to resume)" },
	{ "diff", cmd_diff, "OLD_DIR NEW_DIR",
	  "compare two runs; write NEW_DIR/diff.csv" },
	{ "eval", cmd_eval, "--gold GOLD.csv --pred PRED.csv [--fail-under F1]",
	  "score predicted programs against gold labels" },
	{ "extract", cmd_extract, "[--url URL] [--json] FILE",
	  "print a page's title and sections as extracted" },
	{ "report", cmd_report, "--out DIR [--no-bom] [--no-html]",
	  "write DIR's CSV files and report.html" },
	{ "robots", cmd_robots, "ROBOTS_FILE PRODUCT_TOKEN URL",
	  "print allowed or disallowed per RFC 9309" },
	{ "run", cmd_run, "[--seeds FILE] [--out DIR] [crawl options]",
	  "crawl, classify and report in one go (the main job)" },
	{ "seeds", cmd_seeds, "[--check] [FILE]",
	  "list or validate a seeds file" },
	{ "show", cmd_show, "[--out DIR] [--head] URL",
	  "print a page as DIR's crawl.warc.gz archived it" },
	{ "train", cmd_train, "--gold CSV [--url-map TSV | --site-root DIR] [--out FILE] [--cv-by-host] FILE...",
	  "fit the model's weights on labelled pages; measure them leave-one-host-out" },
};

#define NCMDS (sizeof(cmd_table) / sizeof(*cmd_table))

const struct cmd_entry *
cli_find(const char *name)
{
	for (size_t i = 0; i < NCMDS; i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	return NULL;
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	const struct cmd_entry *e = cli_find(cmd);
	va_list ap;

	fputs("muniscan: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (e)
		fprintf(stderr, "usage: muniscan %s %s\n", e->name, e->usage);
	return EXIT_USAGE;
}

int
cli_bad_option(const char *cmd, char *const *argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	/* getopt sets optopt for a known option missing its argument, and for
	 * an unknown short option; an unknown long option leaves it 0 */
	if (optopt != 0 && strncmp(arg, "--", 2) == 0)
		return cli_usage(cmd, "option '%s' requires an argument", arg);
	if (optopt > ' ' && optopt < 0x7f)
		return cli_usage(cmd, "option '-%c' is unknown or lacks its argument", optopt);
	return cli_usage(cmd, "unknown option '%s'", arg);
}

int
cli_threads(const char *cmd, const char *arg, int *out)
{
	long n;

	if (!util_parse_long(arg, &n) || n < 1 || n > 256)
		return cli_usage(cmd, "--threads wants 1 to 256, not '%s'", arg);
	*out = (int)n;
	return 0;
}

int
cli_fail(void)
{
	const char *m = err_msg();

	log_err("%s", *m ? m : "failed");
	return EXIT_RUNTIME;
}

int
cli_help(const char *cmd, const char *details)
{
	const struct cmd_entry *e = cli_find(cmd);

	if (e)
		printf("usage: muniscan %s %s\n\n%s.\n", e->name, e->usage, e->summary);
	if (details)
		printf("\n%s", details);
	return EXIT_OK;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: muniscan [--version] [--help] [-v|-q] COMMAND [ARGS]\n\n"
	    "Crawls local-government web sites, finds their support programs for small\n"
	    "businesses and classifies them.\n\ncommands:\n");
	for (size_t i = 0; i < NCMDS; i++)
		fprintf(f, "  %-14s %s\n", cmd_table[i].name, cmd_table[i].summary);
	fprintf(f, "\n'muniscan COMMAND --help' describes a command.\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd_entry *e;
	int c;

	/* stop at the command name: its options are its own */
	while ((c = getopt_long(argc, argv, "+hVvq", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("muniscan %s\n", MUNISCAN_VERSION);
			return EXIT_OK;
		case 'v':
			log_set_level(LOG_DEBUG);
			break;
		case 'q':
			log_set_level(LOG_WARN);
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((e = cli_find(argv[optind])) == NULL) {
		fprintf(stderr, "muniscan: unknown command '%s' (see 'muniscan --help')\n",
		    argv[optind]);
		return EXIT_USAGE;
	}
	{
		int first = optind;

		optind = 0; /* glibc: 0 re-initialises getopt for the command */
		opterr = 0; /* commands report bad options in one line, cli_bad_option() */
		return e->run(argc - first, argv + first);
	}
}
