/*
 * cmd_robots: `muniscan robots ROBOTS_FILE PRODUCT_TOKEN URL` prints
 * "allowed" or "disallowed" for that product token per RFC 9309, the same
 * decision the crawler makes (see docs/CRAWLER.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "robots.h"
#include "util.h"

/* A robots.txt bigger than this is not a robots.txt; only the first 500 KiB
 * are parsed anyway. */
#define CMD_ROBOTS_MAX_FILE (64u * 1024 * 1024)

int
cmd_robots(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct robots *r = NULL;
	char *data = NULL;
	size_t len = 0;
	int c, rc = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help("robots",
			    "Reads ROBOTS_FILE as a robots.txt and prints whether the crawler\n"
			    "named PRODUCT_TOKEN (e.g. muniscan) may fetch URL (a whole URL or a\n"
			    "path such as /a/b?c).  The token is matched case-insensitively\n"
			    "against the part of each User-agent value before '/'.\n");
		default:
			return cli_bad_option("robots", argv);
		}
	}
	if (argc - optind != 3)
		return cli_usage("robots", "expected ROBOTS_FILE PRODUCT_TOKEN URL");
	if (argv[optind + 1][0] == '\0')
		return cli_usage("robots", "empty product token");
	if (util_read_file(&data, &len, argv[optind], CMD_ROBOTS_MAX_FILE) != 0) {
		rc = cli_fail();
		goto out;
	}
	r = robots_parse(data, len, argv[optind + 1]);
	puts(robots_allowed(r, argv[optind + 2]) ? "allowed" : "disallowed");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_set(MS_EIO, "stdout: write failed");
		rc = cli_fail();
	}
out:
	robots_free(r);
	free(data);
	return rc;
}
