/*
 * table: table-driven unit tests over tests/data (jq's tests/jq.test):
 * each row of a TSV is one case, checked by the test's own function.
 */
#ifndef MUNISCAN_TEST_TABLE_H
#define MUNISCAN_TEST_TABLE_H

#include <stddef.h>

/* table_path: $MUNISCAN_TESTDATA/NAME, or tests/data/NAME when unset;
 * caller frees. */
char *table_path(const char *name);

/* table_run: reads the TSV table_path(NAME) and calls check(ctx, f, line)
 * on each row (f: its nfields fields, line: its line number), which prints
 * each failure on stderr and returns how many it found.  Asserts that every
 * row has nfields fields, that the file reads to its end, that there are at
 * least min rows and that no row failed. */
void table_run(const char *name, size_t nfields, size_t min,
    size_t (*check)(void *ctx, char **f, size_t line), void *ctx);

#endif
