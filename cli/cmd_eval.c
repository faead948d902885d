/*
 * cmd_eval: `muniscan eval --gold GOLD.csv --pred PRED.csv [--fail-under F1]`
 * prints the scores of a prediction against gold programs (see report/eval.h
 * and docs/REPORT.md); the last line is `eval: program_f1=...`, new fields
 * only ever added at its end.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "eval.h"
#include "util.h"

int
cmd_eval(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "gold", required_argument, NULL, 'g' },
		{ "pred", required_argument, NULL, 'p' },
		{ "fail-under", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *gold = NULL, *pred = NULL;
	struct eval_result r;
	double fail_under = -1;
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'g': gold = optarg; break;
		case 'p': pred = optarg; break;
		case 'f':
			if (!util_parse_double(optarg, &fail_under) || fail_under < 0 ||
			    fail_under > 1)
				return cli_usage("eval", "--fail-under wants a number from 0 to 1, not '%s'",
				    optarg);
			break;
		case 'h':
			return cli_help("eval",
			    "GOLD.csv and PRED.csv are programs.csv tables (UTF-8 with or without a\n"
			    "BOM, or cp932 as Excel saves it).  GOLD.csv may be a reviewed file: rows\n"
			    "with review=wrong are left out, review=missing rows count as gold.\n"
			    "Prints program precision/recall/F1, per-type P/R/F1, per-criterion\n"
			    "accuracy (riss_fit recomputed from the four criteria of each row),\n"
			    "title accuracy of matched programs and the disagreements; the last\n"
			    "line is\n"
			    "  eval: program_f1=F type_f1=F criteria_acc=F title_acc=F\n"
			    "--fail-under F1 exits 1 when program F1 is below F1.\n"
			    "Matching rules: docs/REPORT.md.\n");
		default:
			return cli_bad_option("eval", argv);
		}
	}
	if (optind < argc)
		return cli_usage("eval", "unexpected argument '%s'", argv[optind]);
	if (!gold || !pred)
		return cli_usage("eval", "--gold and --pred are required");
	if (eval_files(&r, gold, pred, stdout) != 0)
		return cli_fail();
	if (fail_under >= 0 && r.programs.f1 < fail_under) {
		fprintf(stderr, "muniscan: eval: program F1 %.3f is under %.3f\n",
		    r.programs.f1, fail_under);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
