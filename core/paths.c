/*
 * paths: locating dict/ (see paths.h).
 */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "util.h"
#include "xalloc.h"

char *
paths_exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

int
paths_dict(char **out, const char *option)
{
	const char *env = getenv("MUNISCAN_DICT");
	char *exe = NULL, *cache = NULL;
	int rc = 0;

	*out = NULL;
	if (option && *option) {
		if (!util_is_dir(option))
			return err_set(MS_ENOTFOUND, "%s: --dict is not a folder", option);
		*out = xstrdup(option);
		return 0;
	}
	if (env && *env) {
		if (!util_is_dir(env))
			return err_set(MS_ENOTFOUND, "%s: MUNISCAN_DICT is not a folder", env);
		*out = xstrdup(env);
		return 0;
	}
	exe = paths_exe_dir();
	if (exe) {
		cache = util_path_join(exe, "CMakeCache.txt");
		if (util_is_file(cache) && util_is_dir(MUNISCAN_SOURCE_DICT)) {
			*out = xstrdup(MUNISCAN_SOURCE_DICT);
			goto out;
		}
	}
	if (exe) {
		/* an installed tree moved elsewhere: PREFIX/bin -> PREFIX/share */
		char *rel = util_path_join(exe, "../share/muniscan/dict");

		if (util_is_dir(rel)) {
			*out = rel;
			goto out;
		}
		free(rel);
	}
	if (util_is_dir(MUNISCAN_INSTALL_DICT)) {
		*out = xstrdup(MUNISCAN_INSTALL_DICT);
		goto out;
	}
	rc = err_set(MS_ENOTFOUND, "no data folder: tried %s (use --dict DIR or MUNISCAN_DICT)",
	    MUNISCAN_INSTALL_DICT);
out:
	free(exe);
	free(cache);
	return rc;
}
