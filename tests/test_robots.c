/*
 * test_robots: robots.txt decisions over tests/data/robots/cases.tsv
 * (file, product token, URL, expected), then delay, sitemaps, the 4xx/5xx
 * policies and the 500 KiB cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "robots.h"
#include "table.h"
#include "util.h"

static struct robots *
load(const char *file, const char *product)
{
	char *rel = util_path_join("robots", file), *path = table_path(rel), *data = NULL;
	size_t len = 0;
	struct robots *r;

	assert_int_equal(util_read_file(&data, &len, path, 0), 0);
	r = robots_parse(data, len, product);
	free(data);
	free(path);
	free(rel);
	return r;
}

/* check_case: one row of cases.tsv (file, product token, URL, expected) */
static size_t
check_case(void *ctx, char **f, size_t line)
{
	struct robots *r;
	size_t nfail = 0;

	(void)ctx;
	assert_true(strcmp(f[3], "allowed") == 0 || strcmp(f[3], "disallowed") == 0);
	r = load(f[0], f[1]);
	if (robots_allowed(r, f[2]) != (strcmp(f[3], "allowed") == 0)) {
		fprintf(stderr, "cases.tsv:%zu: %s %s %s: expected %s\n", line, f[0], f[1],
		    f[2], f[3]);
		nfail++;
	}
	robots_free(r);
	return nfail;
}

static void
test_cases(void **state)
{
	(void)state;
	table_run("robots/cases.tsv", 4, 40, check_case, NULL);
}

static void
test_crawl_delay(void **state)
{
	struct robots *r;

	(void)state;
	r = load("merge.txt", "muniscan");
	assert_true(robots_crawl_delay(r) == 2.5); /* the first group naming us */
	robots_free(r);
	r = load("merge.txt", "somebot");
	assert_true(robots_crawl_delay(r) == 30.0);
	robots_free(r);
	r = load("merge.txt", "otherbot");
	assert_true(robots_crawl_delay(r) == 0.0);
	robots_free(r);
	r = robots_parse("User-agent: *\nCrawl-delay: soon\nCrawl-delay: -3\n", 43, "x");
	assert_true(robots_crawl_delay(r) == 0.0);
	robots_free(r);
}

static void
test_sitemaps(void **state)
{
	struct robots *r;
	const char *const *s;
	size_t n = 99;

	(void)state;
	r = load("orphan.txt", "muniscan");
	s = robots_sitemaps(r, &n);
	assert_int_equal(n, 2);
	assert_string_equal(s[0], "https://a.lg.jp/s1.xml");
	assert_string_equal(s[1], "https://a.lg.jp/s2.xml");
	robots_free(r);
	r = load("messy.txt", "otherbot");
	s = robots_sitemaps(r, &n);
	assert_int_equal(n, 1);
	assert_string_equal(s[0], "https://a.lg.jp/sitemap.xml");
	robots_free(r);
	r = robots_allow_all();
	s = robots_sitemaps(r, &n);
	assert_int_equal(n, 0);
	assert_null(s[0]);
	robots_free(r);
}

static void
test_policies(void **state)
{
	struct robots *r;

	(void)state;
	r = robots_allow_all();
	assert_true(robots_allowed(r, "/anything"));
	robots_free(r);
	r = robots_deny_all();
	assert_false(robots_allowed(r, "/"));
	assert_false(robots_allowed(r, "https://a.lg.jp/x"));
	assert_true(robots_allowed(r, "/robots.txt"));
	robots_free(r);
	r = robots_parse(NULL, 0, "muniscan");
	assert_true(robots_allowed(r, "/x"));
	robots_free(r);
	robots_free(NULL);
}

/* Only the first 500 KiB count: a rule past them is not read. */
static void
test_size_cap(void **state)
{
	struct buf b = BUF_INIT;
	struct robots *r;

	(void)state;
	buf_adds(&b, "User-agent: *\nDisallow: /early/\n");
	while (b.len < 500 * 1024 - 10)
		buf_adds(&b, "# padding padding padding padding padding padding\n");
	buf_adds(&b, "Disallow: /late/\n");
	r = robots_parse(b.ptr, b.len, "muniscan");
	assert_false(robots_allowed(r, "/early/x"));
	assert_true(robots_allowed(r, "/late/x"));
	robots_free(r);
	buf_free(&b);
}

/* Many stars must not make matching exponential. */
static void
test_star_blowup(void **state)
{
	struct buf rules = BUF_INIT, path = BUF_INIT;
	struct robots *r;
	double t0;

	(void)state;
	buf_adds(&rules, "User-agent: *\n");
	for (int k = 0; k < 50; k++) {
		buf_adds(&rules, "Disallow: /");
		for (int i = 0; i < 200; i++)
			buf_adds(&rules, "*a");
		buf_adds(&rules, "b$\n");
	}
	buf_addc(&path, '/');
	for (int i = 0; i < 2000; i++)
		buf_addc(&path, 'a');
	r = robots_parse(rules.ptr, rules.len, "muniscan");
	t0 = util_monotonic();
	assert_true(robots_allowed(r, path.ptr));
	assert_true(util_monotonic() - t0 < 5.0);
	robots_free(r);
	buf_free(&rules);
	buf_free(&path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_crawl_delay),
		cmocka_unit_test(test_sitemaps),
		cmocka_unit_test(test_policies),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_star_blowup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
