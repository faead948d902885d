/*
 * table: the shared loop of the table-driven unit tests (table.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "table.h"
#include "tsv.h"
#include "util.h"

char *
table_path(const char *name)
{
	const char *dir = getenv("MUNISCAN_TESTDATA");

	return util_path_join(dir ? dir : "tests/data", name);
}

void
table_run(const char *name, size_t nfields, size_t min,
    size_t (*check)(void *ctx, char **f, size_t line), void *ctx)
{
	char *path = table_path(name);
	struct tsv *t = NULL;
	char **f;
	size_t n, ncases = 0, nfail = 0;
	int rc;

	assert_int_equal(tsv_open(&t, path), 0);
	while ((rc = tsv_next(t, &f, &n)) == 1) {
		assert_int_equal(n, nfields);
		nfail += check(ctx, f, tsv_line(t));
		ncases++;
	}
	assert_int_equal(rc, 0);
	assert_true(ncases >= min);
	assert_int_equal(nfail, 0);
	tsv_free(t);
	free(path);
}
