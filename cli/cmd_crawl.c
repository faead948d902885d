/*
 * cmd_crawl: `muniscan crawl` (see CONTRACT.md).
 */
#include <string.h>

#include "cli.h"

int
cmd_crawl(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_help("crawl", NULL);
	return cli_not_implemented("crawl");
}
