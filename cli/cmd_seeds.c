/*
 * cmd_seeds: `muniscan seeds [--check] [FILE]` lists or validates a seeds
 * file.  An invalid file exits 1 and names each bad line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "err.h"
#include "paths.h"
#include "seeds.h"
#include "util.h"

int
cmd_seeds(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "dict", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct seeds *s = NULL;
	struct buf errors = BUF_INIT;
	const char *dict_opt = NULL;
	char *dict = NULL, *path = NULL;
	bool check = false;
	int c, rc = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': check = true; break;
		case 'd': dict_opt = optarg; break;
		case 'h':
			return cli_help("seeds",
			    "Without FILE, reads the default seeds (dict/municipalities.tsv).\n"
			    "--check prints a count per category, or each bad line and exits 1.\n");
		default:
			return cli_bad_option("seeds", argv);
		}
	}
	if (argc - optind > 1)
		return cli_usage("seeds", "too many arguments");
	if (optind < argc) {
		path = strdup(argv[optind]);
	} else {
		if (paths_dict(&dict, dict_opt) != 0)
			return cli_fail();
		path = util_path_join(dict, "municipalities.tsv");
	}
	if (seeds_load(&s, path, &errors) != 0) {
		if (errors.len)
			fputs(buf_cstr(&errors), stderr);
		else
			fprintf(stderr, "muniscan: error: %s\n", err_msg());
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (check) {
		static const char *const cats[] = { "pref", "capital", "capital;designated",
		    "designated", "ward", "city", "town", "village" };
		printf("%s: %zu seeds ok\n", path, s->n);
		for (size_t k = 0; k < sizeof(cats) / sizeof(*cats); k++) {
			size_t n = 0;

			for (size_t i = 0; i < s->n; i++)
				n += strcmp(s->v[i].category, cats[k]) == 0;
			if (n)
				printf("  %-20s %zu\n", cats[k], n);
		}
	} else {
		for (size_t i = 0; i < s->n; i++)
			printf("%s\t%s\t%s\t%s\t%s\n", s->v[i].code, s->v[i].name,
			    s->v[i].prefecture, s->v[i].category, s->v[i].url);
	}
out:
	seeds_free(s);
	buf_free(&errors);
	free(dict);
	free(path);
	return rc;
}
