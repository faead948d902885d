/*
 * test_arena: the parser's memory (extract/arena.c): blocks are aligned,
 * distinct while live, reused after a free, large ones included, and
 * ex_arena_done() releases whatever is still held (ASan and valgrind runs
 * of this test would report a leak).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract_internal.h"

static void
test_blocks(void **state)
{
	struct ex_arena a = { 0 };
	unsigned char *p[200];
	size_t sizes[] = { 0, 1, 15, 16, 17, 100, 1000, 4096, 4097, 100000 };

	(void)state;
	for (size_t i = 0; i < 200; i++) {
		size_t n = sizes[i % 10];

		p[i] = ex_arena_alloc(&a, n);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		memset(p[i], (int)i, n); /* the whole request is writable */
	}
	for (size_t i = 0; i < 200; i++) {
		size_t n = sizes[i % 10];

		for (size_t k = 0; k < n; k++)
			if (p[i][k] != (unsigned char)i)
				fail_msg("block %zu overwritten at %zu", i, k);
	}
	/* a freed small block is the next one of its class */
	ex_arena_free(&a, p[5]);
	assert_ptr_equal(ex_arena_alloc(&a, 100), p[5]);
	/* large blocks free one by one, in any order; the rest go at done */
	ex_arena_free(&a, p[9]);
	ex_arena_free(&a, p[199]);
	ex_arena_free(&a, p[8]);
	ex_arena_free(&a, NULL);
	ex_arena_done(&a);
	assert_null(a.chunks);
	assert_null(a.bigs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
