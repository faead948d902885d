/*
 * tmpdir: the temporary folders of the unit tests (tmpdir.h).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tmpdir.h"
#include "xalloc.h"

/* entries tmpdir_remove() could not remove (nftw passes no context) */
static int remove_failed;

char *
tmpdir_new(const char *name)
{
	const char *base = getenv("TMPDIR");
	char *dir;

	if (!base || !*base)
		base = "/tmp";
	dir = xasprintf("%s/muniscan-test-%s.XXXXXX", base, name);
	if (!mkdtemp(dir))
		fail_msg("cannot make %s: %s", dir, strerror(errno));
	return dir;
}

/* removes one entry; nftw calls it on a folder's contents before the
 * folder itself (FTW_DEPTH), so each folder is empty by then */
static int
remove_entry(const char *path, const struct stat *sb, int type,
    struct FTW *ftw)
{
	int rc;

	(void)sb;
	(void)ftw;
	if (type == FTW_DP || type == FTW_DNR)
		rc = rmdir(path);
	else
		rc = unlink(path);
	if (rc != 0 && errno != ENOENT) {
		fprintf(stderr, "tmpdir: cannot remove %s: %s\n", path,
		    strerror(errno));
		remove_failed++;
	}
	return 0;	/* go on: remove whatever else can be */
}

int
tmpdir_remove(const char *dir)
{
	remove_failed = 0;
	if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "tmpdir: cannot remove %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	return remove_failed ? -1 : 0;
}
