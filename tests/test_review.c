/*
 * test_review: review_apply carries last year's reviewed programs.csv (cp932,
 * codes shortened by Excel) into this year's programs: corrections applied
 * on unchanged pages, wrong rows dropped, missing rows added, rows on
 * changed pages left alone, and bad values refused with file:line.
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
#include "progs.h"
#include "review.h"
#include "store.h"
#include "util.h"
#include "xalloc.h"

static char *
data_path(const char *name)
{
	const char *dir = getenv("MUNISCAN_TESTDATA");

	return util_path_join(dir ? dir : "tests/data", name);
}

static struct store *
make_store(char **dir_out)
{
	char tmpl[] = "/tmp/test_review.XXXXXX";
	char *sqlpath = data_path("report/review.sql"), *sql = NULL;
	struct store *st = NULL;
	size_t len;

	assert_non_null(mkdtemp(tmpl));
	*dir_out = xstrdup(tmpl);
	assert_int_equal(util_read_file(&sql, &len, sqlpath, 0), 0);
	assert_int_equal(store_open(&st, tmpl, STORE_CREATE), 0);
	if (store_exec(st, sql) != 0)
		fail_msg("review.sql: %s", err_msg());
	free(sql);
	free(sqlpath);
	return st;
}

static void
drop_store(struct store *st, char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	store_close(st);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

static const struct prog *
find(const struct progs *p, const char *title)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].col[PC_PROGRAM], title) == 0)
			return &p->v[i];
	return NULL;
}

static void
test_apply(void **state)
{
	char *dir, *csv = data_path("report/reviewed_cp932.csv");
	struct store *st = make_store(&dir);
	struct review_stats s;
	struct progs *p = NULL;
	const struct prog *r;

	(void)state;
	if (review_apply_stats(st, csv, &s) != 0)
		fail_msg("review_apply: %s", err_msg());
	assert_int_equal(s.applied, 1);
	assert_int_equal(s.dropped, 1);
	assert_int_equal(s.added, 1);
	assert_int_equal(s.page_changed, 2);
	assert_int_equal(s.not_found, 0);
	assert_int_equal(progs_from_store(&p, st), 0);
	assert_int_equal(p->n, 3);
	/* corrected on an unchanged page; riss_fit recomputed */
	r = find(p, "中小企業IT専門家派遣事業");
	assert_non_null(r);
	assert_string_equal(r->col[PC_COST], "partial");
	assert_string_equal(r->col[PC_RISS_FIT], "3");
	assert_string_equal(r->review, "ok");
	/* wrong on an unchanged page: dropped */
	assert_null(find(p, "融資制度"));
	/* the page changed: this year's classification stands */
	r = find(p, "経営相談");
	assert_non_null(r);
	assert_string_equal(r->col[PC_COST], "free");
	assert_string_equal(r->review, "");
	/* missing on an unchanged page: added */
	r = find(p, "創業者向け専門家派遣");
	assert_non_null(r);
	assert_string_equal(r->col[PC_CODE], "011002");
	assert_string_equal(r->review, "missing");
	assert_string_equal(r->col[PC_RISS_FIT], "3");
	assert_string_equal(r->col[PC_MAX_VISITS], "2");
	/* missing on a page that is gone: not added */
	assert_null(find(p, "消えたページの事業"));
	progs_free(p);
	/* applying the same review again changes nothing more */
	assert_int_equal(review_apply_stats(st, csv, &s), 0);
	assert_int_equal(s.dropped, 0);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.applied, 2); /* the added row now matches itself */
	assert_int_equal(progs_from_store(&p, st), 0);
	assert_int_equal(p->n, 3);
	progs_free(p);
	free(csv);
	drop_store(st, dir);
}

static void
test_bad_value(void **state)
{
	char *dir, *csv = data_path("report/reviewed_bad.csv");
	struct store *st = make_store(&dir);
	struct progs *p = NULL;

	(void)state;
	assert_int_equal(review_apply(st, csv), MS_EINVAL);
	assert_non_null(strstr(err_msg(), "reviewed_bad.csv:2: cost is 'maybe'"));
	assert_int_equal(progs_from_store(&p, st), 0);
	assert_int_equal(p->n, 3); /* nothing applied */
	progs_free(p);
	assert_int_equal(review_apply(st, "/nonexistent/reviewed.csv"), MS_EIO);
	free(csv);
	drop_store(st, dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_bad_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
