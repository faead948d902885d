/*
 * cli: the command table and what the command files share.
 *
 * Each command is one file, cmd_<name>.c, with an entry point that takes the
 * arguments after the command name (argv[0] is the command) and returns the
 * exit code: 0 success, 1 runtime or data error, 2 usage error.
 */
#ifndef MUNISCAN_CLI_H
#define MUNISCAN_CLI_H

#include <stdbool.h>

struct cmd_entry {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;   /* one line: arguments after the name */
	const char *summary; /* one line */
};

#define EXIT_OK 0
#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

int cmd_classify(int argc, char **argv);
int cmd_classify_file(int argc, char **argv);
int cmd_crawl(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_robots(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_seeds(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_train(int argc, char **argv);

/* cli_usage: prints "muniscan: MSG" and the command's usage line; returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* cli_bad_option: for getopt_long's '?': one line naming the unknown
 * option, or the option missing its argument; returns 2. */
int cli_bad_option(const char *cmd, char *const *argv);
/* cli_threads: parses a --threads value (1 to 256) into *out; a bad one is
 * a usage error (printed; returns 2), else 0. */
int cli_threads(const char *cmd, const char *arg, int *out);
/* cli_fail: prints err_msg() as one error line; returns 1. */
int cli_fail(void);
/* cli_help: prints the command's usage and summary to stdout; returns 0. */
int cli_help(const char *cmd, const char *details);
const struct cmd_entry *cli_find(const char *name);

#endif
