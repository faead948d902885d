/*
 * test_url: url_normalize over tests/data/url/cases.tsv, and the accessors
 * and trap heuristics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "table.h"
#include "url.h"

/* check_case: one row of cases.tsv (base or "-", href or "EMPTY", the
 * normal form or ERROR) */
static size_t
check_case(void *ctx, char **f, size_t line)
{
	const char *base = strcmp(f[0], "-") == 0 ? NULL : f[0];
	const char *href = strcmp(f[1], "EMPTY") == 0 ? "" : f[1];
	char *got = NULL, *again = NULL;
	size_t nfail = 0;
	int r;

	(void)ctx;
	r = url_normalize(&got, base, href);
	if (strcmp(f[2], "ERROR") == 0) {
		if (r != MS_EINVAL) {
			fprintf(stderr, "line %zu: [%s] expected error, got %s\n", line, href,
			    got ? got : "(null)");
			nfail++;
		} else if (got != NULL) {
			nfail++;
		}
	} else if (r != 0 || strcmp(got, f[2]) != 0) {
		fprintf(stderr, "line %zu: [%s] expected %s, got %s (%s)\n", line, href, f[2],
		    got ? got : "(null)", err_msg());
		nfail++;
	} else {
		/* the normal form is a fixed point */
		assert_int_equal(url_normalize(&again, NULL, got), 0);
		if (strcmp(again, got) != 0) {
			fprintf(stderr, "line %zu: not idempotent: %s -> %s\n", line, got, again);
			nfail++;
		}
	}
	free(got);
	free(again);
	return nfail;
}

static void
test_cases(void **state)
{
	(void)state;
	table_run("url/cases.tsv", 3, 40, check_case, NULL);
}

static void
test_error_message(void **state)
{
	char *out = (char *)1;

	(void)state;
	assert_int_equal(url_normalize(&out, NULL, "mailto:x@a.lg.jp"), MS_EINVAL);
	assert_null(out);
	assert_non_null(strstr(err_msg(), "mailto:x@a.lg.jp"));
}

/* An input under the length cap whose encoded form is over it is refused:
 * otherwise the normal form would not normalise again (fuzz_url). */
static void
test_length_after_encoding(void **state)
{
	static char href[8192];
	size_t pre = strlen("http://a.test/");
	char *out = NULL, *again = NULL;

	(void)state;
	memcpy(href, "http://a.test/", pre);
	memset(href + pre, '%', 2000);
	href[pre + 2000] = '\0';
	assert_int_equal(url_normalize(&out, NULL, href), 0);
	assert_true(strlen(out) > 6000);
	assert_int_equal(url_normalize(&again, NULL, out), 0);
	assert_string_equal(again, out);
	free(out);
	free(again);
	memset(href + pre, '%', 3000);
	href[pre + 3000] = '\0';
	out = (char *)1;
	assert_int_equal(url_normalize(&out, NULL, href), MS_EINVAL);
	assert_null(out);
	assert_non_null(strstr(err_msg(), "too long"));
}

static void
test_accessors(void **state)
{
	char *s;

	(void)state;
	s = url_host("https://WWW.City.A.lg.jp:8443/x?y");
	assert_string_equal(s, "www.city.a.lg.jp");
	free(s);
	s = url_origin("https://WWW.City.A.lg.jp:8443/x?y");
	assert_string_equal(s, "https://www.city.a.lg.jp:8443");
	free(s);
	s = url_origin("https://a.lg.jp:443/x");
	assert_string_equal(s, "https://a.lg.jp");
	free(s);
	s = url_path_query("https://a.lg.jp/a/b.html?c=1&d#frag");
	assert_string_equal(s, "/a/b.html?c=1&d");
	free(s);
	s = url_path_query("https://a.lg.jp");
	assert_string_equal(s, "/");
	free(s);
	assert_null(url_host("not a url"));
	assert_null(url_origin("mailto:x@y"));
	assert_null(url_path_query(NULL));
}

static void
test_traps(void **state)
{
	char long_url[1100];

	(void)state;
	assert_false(url_is_trap("https://a.lg.jp/"));
	assert_false(url_is_trap("https://a.lg.jp/soshiki/keizai/shien/index.html"));
	assert_false(url_is_trap("https://a.lg.jp/2024/01/01/news.html"));
	/* a segment twice is common (.../01/01/), three times is a loop */
	assert_true(url_is_trap("https://a.lg.jp/a/b/a/b/a/b/index.html"));
	assert_true(url_is_trap("https://a.lg.jp/cal/next/next/next/"));
	/* the query does not count as segments */
	assert_false(url_is_trap("https://a.lg.jp/x?p=a/a/a/a"));
	/* 15 segments fine, 16 a trap */
	assert_false(url_is_trap("https://a.lg.jp/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15"));
	assert_true(url_is_trap("https://a.lg.jp/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16"));
	memset(long_url, 'a', sizeof(long_url) - 1);
	long_url[sizeof(long_url) - 1] = '\0';
	memcpy(long_url, "https://a.lg.jp/", 16);
	assert_true(url_is_trap(long_url));
	long_url[1000] = '\0';
	assert_false(url_is_trap(long_url));
}

static void
test_parts_as_written(void **state)
{
	size_t n;
	const char *h;

	(void)state;
	assert_string_equal(url_authority("https://a.lg.jp/x"), "a.lg.jp/x");
	assert_null(url_authority("p0002.html"));
	assert_null(url_authority("/path://not-a-scheme"));
	assert_null(url_authority(NULL));
	h = url_host_span("http://WWW.A.jp:8080/x?y#z", &n);
	assert_non_null(h);
	assert_int_equal(n, 8);
	assert_memory_equal(h, "WWW.A.jp", 8);
	assert_null(url_host_span("mailto-like text", &n));
	assert_int_equal(n, 0);
	assert_string_equal(url_path("https://a.jp:8443/p/q?r"), "/p/q?r");
	assert_string_equal(url_path("https://a.jp?q"), "?q");
	assert_string_equal(url_path("https://a.jp"), "");
	assert_null(url_path("index.html"));
	assert_true(url_same_host("http://A.jp/x", "https://a.JP:443/y"));
	assert_false(url_same_host("http://a.jp/x", "http://a.jp.evil/x"));
	assert_false(url_same_host("a.jp/x", "a.jp/x"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_error_message),
		cmocka_unit_test(test_length_after_encoding),
		cmocka_unit_test(test_accessors),
		cmocka_unit_test(test_traps),
		cmocka_unit_test(test_parts_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
