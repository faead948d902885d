/*
 * test_priority: the crawl's link scoring and dict/crawl-priority.tsv.
 * Every row has a positive example (the term as anchor text, and the term
 * percent-encoded in a URL, move a link the way its weight says; an
 * offsite=yes term admits an off-site link) and the negative one (a link
 * without any term scores 0 and is not admitted off-site).  Malformed files
 * are refused naming the file and line.
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
#include "priority.h"
#include "tsv.h"
#include "util.h"

static char *
dict_file(void)
{
	const char *dir = getenv("MUNISCAN_DICT");

	return util_path_join(dir ? dir : "dict", "crawl-priority.tsv");
}

static void
url_with_term(char *out, size_t size, const char *term)
{
	const unsigned char *u = (const unsigned char *)term;
	size_t k = (size_t)snprintf(out, size, "http://www.city.x.lg.jp/");

	for (; *u && k + 4 < size; u++) {
		if (*u < 0x80)
			out[k++] = (char)*u;
		else
			k += (size_t)snprintf(out + k, 4, "%%%02X", *u);
	}
	snprintf(out + k, size - k, "/index.html");
}

static void
test_dict_rows(void **state)
{
	char *path = dict_file();
	struct priority *p = NULL;
	struct tsv *t = NULL;
	char **f;
	size_t n, rows = 0;
	int r;
	bool header = true;

	(void)state;
	assert_int_equal(priority_load(&p, path), 0);
	assert_int_equal(tsv_open(&t, path), 0);
	while ((r = tsv_next(t, &f, &n)) == 1) {
		char url[1024];
		double w, s, su;

		if (header) {
			header = false;
			continue;
		}
		rows++;
		assert_true(util_parse_double(f[1], &w));
		s = priority_score(p, f[0], "http://www.city.x.lg.jp/", 0);
		url_with_term(url, sizeof(url), f[0]);
		su = priority_score(p, NULL, url, 0);
		if ((w > 0 && (s <= 0 || su <= 0)) || (w < 0 && (s >= 0 || su >= 0)))
			fail_msg("%s:%zu: '%s' scores %g (anchor) and %g (URL) against weight %g",
			    path, tsv_line(t), f[0], s, su, w);
		if (strcmp(f[2], "yes") == 0 &&
		    !priority_offsite_ok(p, f[0], "http://www.other.example/"))
			fail_msg("%s:%zu: '%s' does not admit an off-site link", path, tsv_line(t), f[0]);
	}
	assert_int_equal(r, 0);
	assert_int_equal(rows, priority_nterms(p));
	assert_true(rows >= 40);
	assert_true(priority_score(p, "お知らせ一覧", "http://www.city.x.lg.jp/news/list.html", 0) == 0);
	assert_false(priority_offsite_ok(p, "お知らせ一覧", "http://www.other.example/news/"));
	tsv_free(t);
	priority_free(p);
	free(path);
}

static void
test_ordering(void **state)
{
	char *path = dict_file();
	struct priority *p = NULL;
	double sangyo, kanko, deep;

	(void)state;
	assert_int_equal(priority_load(&p, path), 0);
	/* the industry section before tourism and child care */
	sangyo = priority_score(p, "中小企業への専門家派遣", "http://a.jp/sangyo/haken.html", 0);
	kanko = priority_score(p, "観光案内", "http://a.jp/kanko/index.html", 0);
	assert_true(sangyo > kanko);
	assert_true(priority_score(p, "子育て", "http://a.jp/kosodate/", 0) < 0);
	/* the URL alone steers an image link without text */
	assert_true(priority_score(p, NULL, "http://a.jp/shoko/", 0) >
	    priority_score(p, NULL, "http://a.jp/gomi/", 0));
	/* case-insensitive ASCII */
	assert_true(priority_score(p, NULL, "http://a.jp/SANGYO/", 0) ==
	    priority_score(p, NULL, "http://a.jp/sangyo/", 0));
	/* the parent counts half: a page under the industry section wins a tie */
	deep = priority_score(p, "お知らせ", "http://a.jp/x.html", sangyo);
	assert_true(deep == sangyo / 2);
	/* deterministic */
	assert_true(priority_score(p, "中小企業への専門家派遣", "http://a.jp/sangyo/haken.html", 0) ==
	    sangyo);
	/* off-site: affiliated organisations by anchor or host */
	assert_true(priority_offsite_ok(p, "川波商工会議所", "http://www.kawanami-cci.or.jp/"));
	assert_true(priority_offsite_ok(p, "", "http://www.kawanami-cci.or.jp/"));
	assert_true(priority_offsite_ok(p, "(公財)産業振興財団", "http://www.x.or.jp/"));
	assert_false(priority_offsite_ok(p, "Twitter", "https://twitter.com/city_x"));
	assert_false(priority_offsite_ok(p, "観光協会", "http://www.kanko-x.jp/"));
	priority_free(p);
	free(path);
}

static void
test_malformed(void **state)
{
	static const struct {
		const char *data;
		const char *msg;
	} cases[] = {
		{ "word\tweight\toffsite\n", "t.tsv:1: expected header" },
		{ "term\tweight\toffsite\n産業\tmany\tno\n", "t.tsv:2: weight 'many'" },
		{ "term\tweight\toffsite\n産業\t3\tmaybe\n", "t.tsv:2: offsite must be yes or no" },
		{ "term\tweight\toffsite\n# comment\n\n産業\t3\n", "t.tsv:4: expected term" },
		{ "# only comments\n", "t.tsv: empty" },
	};
	struct priority *p = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int rc = priority_load_mem(&p, "t.tsv", cases[i].data, strlen(cases[i].data));

		assert_int_equal(rc, MS_EINVAL);
		assert_null(p);
		if (strstr(err_msg(), cases[i].msg) == NULL)
			fail_msg("case %zu: message '%s' lacks '%s'", i, err_msg(), cases[i].msg);
	}
	assert_int_equal(priority_load(&p, "/nonexistent/crawl-priority.tsv"), MS_EIO);
	{
		const char *ok = "term\tweight\toffsite\nabc\t-1.5\tno\n";

		assert_int_equal(priority_load_mem(&p, "ok.tsv", ok, strlen(ok)), 0);
	}
	assert_true(priority_score(p, "ABC", "http://x.jp/", 4) == -1.5 + 2);
	priority_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dict_rows),
		cmocka_unit_test(test_ordering),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
