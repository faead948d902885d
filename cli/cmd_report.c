/*
 * cmd_report: `muniscan report --out DIR [--no-bom] [--no-html]` writes
 * DIR's CSV files (governments.csv too), manifest.json and report.html from
 * DIR/muniscan.db (see report/report.h and docs/REPORT.md).
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "err.h"
#include "report.h"
#include "store.h"

int
cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "no-bom", no_argument, NULL, 'b' },
		{ "no-html", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts o = REPORT_OPTS_INIT;
	struct store *st = NULL;
	const char *out = NULL;
	int c, rc = EXIT_OK;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'b': o.bom = false; break;
		case 'H': o.html = false; break;
		case 'h':
			return cli_help("report",
			    "Writes programs.csv, municipalities.csv, failures.csv, summary.csv,\n"
			    "governments.csv, manifest.json and report.html into DIR from\n"
			    "DIR/muniscan.db (read only).\n"
			    "  --no-bom     CSV files without the UTF-8 byte-order mark\n"
			    "  --no-html    skip report.html\n"
			    "See docs/REPORT.md.\n");
		default:
			return cli_bad_option("report", argv);
		}
	}
	if (optind < argc)
		return cli_usage("report", "unexpected argument '%s'", argv[optind]);
	if (out == NULL)
		return cli_usage("report", "--out DIR is required");
	if (store_open(&st, out, STORE_READONLY) != 0 || report_write(st, &o) != 0)
		rc = cli_fail();
	store_close(st);
	return rc;
}
