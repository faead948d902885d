/*
 * cmd_diff: `muniscan diff [--no-bom] OLD_DIR NEW_DIR` compares two runs,
 * writes NEW_DIR/diff.csv and prints a summary (see report/diff.h and
 * docs/REPORT.md).  Both databases are opened read-only.  Exits 0 whether or
 * not anything changed.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "diff.h"

int
cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "no-bom", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct diff_counts d;
	bool bom = true;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': bom = false; break;
		case 'h':
			return cli_help("diff",
			    "Compares the programs of two output folders (last year's and this\n"
			    "year's), both opened read-only, and writes NEW_DIR/diff.csv:\n"
			    "  change,municipality_code,municipality,program,url,field,old,new\n"
			    "one row per added or removed program and one per changed field.\n"
			    "  --no-bom   diff.csv without the UTF-8 byte-order mark\n"
			    "Matching rules: docs/REPORT.md.\n");
		default:
			return cli_bad_option("diff", argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage("diff", "want OLD_DIR and NEW_DIR");
	if (diff_dirs(&d, argv[optind], argv[optind + 1], bom) != 0)
		return cli_fail();
	printf("diff: added %zu, removed %zu, changed %zu, unchanged %zu (%s/diff.csv, %zu rows)\n",
	    d.added, d.removed, d.changed, d.unchanged, argv[optind + 1], d.rows);
	return EXIT_OK;
}
