/*
 * cmd_eval: `muniscan eval` (see CONTRACT.md).
 */
#include <string.h>

#include "cli.h"

int
cmd_eval(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_help("eval", NULL);
	return cli_not_implemented("eval");
}
