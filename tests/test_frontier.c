/*
 * test_frontier: the per-host queue order (priority, then discovery order)
 * that makes a resumed crawl pop entries exactly as an uninterrupted one,
 * and the string map behind the host, scope and query-variant tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pqueue.h"
#include "strmap.h"

static void
test_pqueue_order(void **state)
{
	struct pqueue q = PQUEUE_INIT;
	struct pq_item it, prev;
	unsigned seed = 7;
	size_t n = 0;

	(void)state;
	assert_false(pqueue_pop(&q, &it));
	assert_null(pqueue_peek(&q));
	for (int64_t id = 1; id <= 5000; id++) {
		struct pq_item x;

		seed = seed * 1103515245u + 12345u;
		x.prio = (double)((seed >> 16) % 21) - 10; /* many ties */
		x.id = id;
		x.gov = (uint32_t)(id % 3);
		pqueue_push(&q, x);
	}
	assert_non_null(pqueue_peek(&q));
	while (pqueue_pop(&q, &it)) {
		if (n > 0) {
			assert_true(it.prio <= prev.prio);
			if (it.prio == prev.prio)
				assert_true(it.id > prev.id);
		}
		prev = it;
		n++;
	}
	assert_int_equal(n, 5000);
	pqueue_free(&q);
}

static void
test_pqueue_resume_equivalence(void **state)
{
	/* popping half, then rebuilding from the rest in another insertion
	 * order (as a resume does from the database) continues identically */
	struct pqueue a = PQUEUE_INIT, b = PQUEUE_INIT;
	struct pq_item all[200], x, y;
	size_t k;

	(void)state;
	for (k = 0; k < 200; k++) {
		all[k].prio = (double)(k * 37 % 11);
		all[k].id = (int64_t)k + 1;
		all[k].gov = 0;
		pqueue_push(&a, all[k]);
	}
	for (k = 0; k < 100; k++)
		assert_true(pqueue_pop(&a, &x));
	/* b: the remaining entries pushed in reverse */
	{
		struct pq_item rest[200];
		size_t nrest = 0;

		while (pqueue_pop(&a, &x))
			rest[nrest++] = x;
		for (k = nrest; k > 0; k--)
			pqueue_push(&b, rest[k - 1]);
		for (k = 0; k < nrest; k++)
			pqueue_push(&a, rest[k]);
	}
	while (pqueue_pop(&a, &x)) {
		assert_true(pqueue_pop(&b, &y));
		assert_int_equal(x.id, y.id);
	}
	assert_false(pqueue_pop(&b, &y));
	pqueue_free(&a);
	pqueue_free(&b);
}

static void
count_cb(const char *key, void *val, void *ctx)
{
	(void)key;
	(void)val;
	(*(size_t *)ctx)++;
}

static void
test_strmap(void **state)
{
	struct strmap *m = strmap_new();
	char key[32];
	size_t seen = 0;

	(void)state;
	assert_null(strmap_get(m, "www.city.a.lg.jp"));
	for (uintptr_t i = 1; i <= 3000; i++) {
		snprintf(key, sizeof(key), "host%lu.test", (unsigned long)i);
		strmap_put(m, key, (void *)i);
	}
	assert_int_equal(strmap_count(m), 3000);
	for (uintptr_t i = 1; i <= 3000; i++) {
		snprintf(key, sizeof(key), "host%lu.test", (unsigned long)i);
		assert_true(strmap_get(m, key) == (void *)i);
	}
	strmap_put(m, "host5.test", (void *)7);
	assert_true(strmap_get(m, "host5.test") == (void *)7);
	assert_int_equal(strmap_count(m), 3000);
	strmap_each(m, count_cb, &seen);
	assert_int_equal(seen, 3000);
	strmap_free(m);
	strmap_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pqueue_order),
		cmocka_unit_test(test_pqueue_resume_equivalence),
		cmocka_unit_test(test_strmap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
