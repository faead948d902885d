/*
 * test_charset: the charset decision over tests/data/charset/cases.tsv
 * (lying meta tags, header-only charsets, BOMs, cp932-only characters, short
 * text), and undecodable input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "charset.h"
#include "err.h"
#include "tsv.h"
#include "util.h"

static char *
data_path(const char *name)
{
	const char *base = getenv("MUNISCAN_TESTDATA");
	char *d = util_path_join(base ? base : "tests/data", "charset");
	char *p = util_path_join(d, name);

	free(d);
	return p;
}

static void
test_cases(void **state)
{
	char *path = data_path("cases.tsv");
	struct tsv *t = NULL;
	char **f;
	size_t n, rows = 0;
	int rc;

	(void)state;
	assert_int_equal(tsv_open(&t, path), 0);
	while ((rc = tsv_next(t, &f, &n)) == 1) {
		char *file = data_path(f[0]), *data = NULL;
		size_t len = 0;
		struct charset_result r;

		assert_true(n >= 5);
		assert_int_equal(util_read_file(&data, &len, file, 0), 0);
		assert_int_equal(charset_decode(&r, data, len,
		    strcmp(f[1], "-") == 0 ? NULL : f[1]), 0);
		if (strcmp(r.charset, f[2]) != 0 || !strstr(r.reason, f[3]) ||
		    !strstr(r.utf8, f[4]))
			fail_msg("cases.tsv:%zu %s: got %s (%s) \"%s\", want %s (%s) \"%s\"",
			    tsv_line(t), f[0], r.charset, r.reason, r.utf8, f[2], f[3], f[4]);
		assert_true(util_utf8_valid(r.utf8, r.len));
		assert_int_equal(strlen(r.utf8), r.len);
		charset_result_free(&r);
		free(data);
		free(file);
		rows++;
	}
	assert_int_equal(rc, 0);
	assert_true(rows >= 10);
	tsv_free(t);
	free(path);
}

/* Bytes no candidate accepts still decode, with U+FFFD, and say so. */
static void
test_undecodable(void **state)
{
	const char bad[] = "<meta charset=utf-8>\x80\x81\xff\xfe\xa0\xa0\x85";
	struct charset_result r;

	(void)state;
	assert_int_equal(charset_decode(&r, bad, sizeof(bad) - 1, NULL), 0);
	assert_true(util_utf8_valid(r.utf8, r.len));
	assert_non_null(strstr(r.reason, "replaced"));
	charset_result_free(&r);
	/* unknown labels are ignored, not trusted */
	assert_int_equal(charset_decode(&r, "abc", 3, "text/html; charset=no-such-thing"), 0);
	assert_string_equal(r.charset, "utf-8");
	charset_result_free(&r);
	/* empty */
	assert_int_equal(charset_decode(&r, "", 0, NULL), 0);
	assert_int_equal(r.len, 0);
	charset_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_undecodable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
