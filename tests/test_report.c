/*
 * test_report: report_write on a hand-built database (tests/data/report/
 * data.sql) against the expected files in tests/data/report/expected/:
 * BOM, header, order, RFC 4180 quoting, the formula guard, the government
 * x type table (governments.csv, written by hand from data.sql); manifest.json,
 * the escaping of data inside report.html, its per-government types and
 * failures.
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
#include "html.h"
#include "report.h"
#include "store.h"
#include "tmpdir.h"
#include "util.h"
#include "xalloc.h"

static char *
data_path(const char *name)
{
	const char *dir = getenv("MUNISCAN_TESTDATA");

	return util_path_join(dir ? dir : "tests/data", name);
}

static char *
slurp(const char *dir, const char *name, size_t *len)
{
	char *path = util_path_join(dir, name), *data = NULL;

	if (util_read_file(&data, len, path, 0) != 0)
		fail_msg("%s: %s", path, err_msg());
	free(path);
	return data;
}

/* makes a folder holding muniscan.db with data.sql loaded */
static char *
make_folder(void)
{
	char *dir = tmpdir_new("report");
	char *sqlpath = data_path("report/data.sql"), *sql = NULL;
	struct store *st = NULL;
	size_t len;

	assert_int_equal(util_read_file(&sql, &len, sqlpath, 0), 0);
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	if (store_exec(st, sql) != 0)
		fail_msg("data.sql: %s", err_msg());
	store_close(st);
	free(sql);
	free(sqlpath);
	return dir;
}

/* runs sql on dir's muniscan.db */
static void
run_sql(const char *dir, const char *sql)
{
	struct store *st = NULL;

	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_exec(st, sql), 0);
	store_close(st);
}

/* writes dir's report with the default options */
static void
write_report(const char *dir)
{
	struct store *st = NULL;

	assert_int_equal(store_open(&st, dir, STORE_READONLY), 0);
	assert_int_equal(report_write(st, NULL), 0);
	store_close(st);
}

/* removes a folder of make_folder() and frees its path */
static void
remove_folder(char *dir)
{
	assert_int_equal(tmpdir_remove(dir), 0);
	free(dir);
}

static void
check_same(const char *dir, const char *name, bool bom)
{
	char *exp_name = xasprintf("report/expected/%s", name);
	char *exp_path = data_path(exp_name), *want = NULL, *got;
	size_t wlen, glen;

	assert_int_equal(util_read_file(&want, &wlen, exp_path, 0), 0);
	got = slurp(dir, name, &glen);
	if (bom) {
		if (glen != wlen || memcmp(got, want, wlen) != 0)
			fail_msg("%s/%s differs from %s", dir, name, exp_path);
	} else {
		assert_true(wlen >= 3 && memcmp(want, "\xef\xbb\xbf", 3) == 0);
		if (glen != wlen - 3 || memcmp(got, want + 3, glen) != 0)
			fail_msg("%s/%s (no BOM) differs from %s", dir, name, exp_path);
	}
	free(want);
	free(got);
	free(exp_path);
	free(exp_name);
}

static const char *const csv_files[] = {
	"programs.csv", "municipalities.csv", "failures.csv", "summary.csv",
	"governments.csv",
};

static void
test_files(void **state)
{
	char *dir = make_folder();
	struct report_opts o = REPORT_OPTS_INIT;
	struct store *st = NULL;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_READONLY), 0);
	if (report_write(st, &o) != 0)
		fail_msg("report_write: %s", err_msg());
	for (size_t i = 0; i < sizeof(csv_files) / sizeof(*csv_files); i++)
		check_same(dir, csv_files[i], true);
	o.bom = false;
	o.html = false;
	assert_int_equal(report_write(st, &o), 0);
	for (size_t i = 0; i < sizeof(csv_files) / sizeof(*csv_files); i++)
		check_same(dir, csv_files[i], false);
	store_close(st);
	remove_folder(dir);
}

static void
test_manifest(void **state)
{
	char *dir = make_folder(), *m;
	size_t len;

	(void)state;
	write_report(dir);
	m = slurp(dir, "manifest.json", &len);
	assert_non_null(strstr(m, "\"version\": \"" MUNISCAN_VERSION "\""));
	assert_non_null(strstr(m, "\"seeds\": {\"path\":\"corpus/seeds.tsv\",\"sha256\":\"aaaa"));
	assert_non_null(strstr(m, "\"rules_sha256\": \"bbbb"));
	assert_non_null(strstr(m, "\"dict_sha256\": \"cccc"));
	assert_non_null(strstr(m, "\"options\":{\"max_pages\":300,\"delay\":1.0}"));
	assert_non_null(strstr(m, "\"options\":\"not json\""));
	assert_non_null(strstr(m, "\"started_at\": \"2026-11-28T01:00:00Z\""));
	assert_non_null(strstr(m, "\"ended_at\": \"2026-11-28T01:32:00Z\""));
	assert_non_null(strstr(m, "\"counts\": {\"governments\":5,\"with_programs\":2,"
	    "\"programs\":7,\"pages_fetched\":3,\"pages_failed\":3,\"robots_blocked\":2,"
	    "\"failures\":7}"));
	assert_non_null(strstr(m, "\"report.html\": {\"sha256\":\""));
	assert_non_null(strstr(m, "\"governments.csv\": {\"sha256\":\""));
	free(m);
	remove_folder(dir);
}

static void
test_html_escaping(void **state)
{
	char *dir = make_folder(), *h, *data, *end;
	size_t len;

	(void)state;
	write_report(dir);
	h = slurp(dir, "report.html", &len);
	assert_true(util_utf8_valid(h, len));
	/* the data sits in one script element that nothing in it can end */
	data = strstr(h, "<script type=\"application/json\" id=\"data\">");
	assert_non_null(data);
	end = strstr(data, "</script>");
	assert_non_null(end);
	assert_null(memchr(data + 44, '<', (size_t)(end - data - 44)));
	assert_non_null(strstr(data, "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
	assert_non_null(strstr(data, "\\u003cimg src=x onerror=alert(1)\\u003e"));
	assert_non_null(strstr(data, "\"municipality\":\"札幌市\""));
	assert_null(strstr(h, "@DATA@"));
	/* self-contained: no external resources */
	assert_null(strstr(h, "src=\"http"));
	assert_null(strstr(h, "href=\"http"));
	assert_null(strstr(h, "<link"));
	free(h);
	remove_folder(dir);
}

/* report.html carries each government's failures (failures.csv's rows,
 * at most HTML_FAILURES_PER_GOV of them, with the full count), and the page
 * has the prefecture table and the `muniscan show` command of each program */
static void
test_html_failures(void **state)
{
	char *dir = make_folder(), *h, *data, *p;
	size_t len;
	int rows = 0;

	(void)state;
	run_sql(dir, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM n WHERE i < 250)"
	    " INSERT INTO frontier(url, municipality_code, depth, priority, state, reason,"
	    " http_status, attempts)"
	    " SELECT printf('https://www.city.nagano.nagano.jp/p%03d.html', i), '202011', 1, 1,"
	    " 'failed', 'http 500', 500, 2 FROM n");
	write_report(dir);
	h = slurp(dir, "report.html", &len);
	data = strstr(h, "<script type=\"application/json\" id=\"data\">");
	assert_non_null(data);
	assert_non_null(strstr(data, "\"failures\":{\n"
	    "\"010006\":{\"n\":1,\"rows\":[[\"https://www.pref.hokkaido.lg.jp/\","
	    "\"robots: disallowed\",\"\",0]]},\n"
	    "\"011002\":{\"n\":3,\"rows\":["
	    "[\"https://www.city.sapporo.jp/big.zip\",\"type\",\"\",0],"
	    "[\"https://www.city.sapporo.jp/keizai/old.html\",\"http 404\",\"404\",1],"
	    "[\"https://www.city.sapporo.jp/search?q=x\",\"robots\",\"\",0]]},\n"
	    "\"131016\":{\"n\":2,\"rows\":["
	    "[\"https://www.city.chiyoda.lg.jp/=cmd.html\",\"offsite, \\\"quoted\\\"\",\"\",0],"
	    "[\"https://www.city.chiyoda.lg.jp/slow.html\",\"timeout\",\"\",3]]},\n"));
	/* a queued URL is no failure; a skipped one says why it was not
	 * looked at (type, max_pages, max_depth) */
	assert_null(strstr(data, "queued.html"));
	/* the cap: 250 failures, 200 on the page */
	p = strstr(data, "\"202011\":{\"n\":250,\"rows\":[");
	assert_non_null(p);
	while ((p = strstr(p + 1, "[\"https://www.city.nagano.nagano.jp/p")) != NULL)
		rows++;
	assert_int_equal(rows, HTML_FAILURES_PER_GOV);
	assert_non_null(strstr(data, "p200.html\",\"http 500\",\"500\",2]]}"));
	assert_null(strstr(data, "p201.html"));
	/* the views that use them */
	assert_non_null(strstr(h, "<table id=\"preftable\">"));
	assert_non_null(strstr(h, "\"muniscan show --out \""));
	assert_non_null(strstr(h, "data-failures"));
	free(h);
	remove_folder(dir);
}

/* the prefecture column of programs.csv and municipalities.csv: the seed's
 * prefecture; when a seed leaves it empty, a prefecture's own name, or the
 * name of the prefecture seed whose code shares the first two digits */
static void
test_prefecture(void **state)
{
	char *dir = make_folder(), *csv;
	size_t len;

	(void)state;
	run_sql(dir, "UPDATE municipalities SET prefecture = ''"
	    " WHERE code IN ('010006', '011002', '202011')");
	write_report(dir);
	csv = slurp(dir, "municipalities.csv", &len);
	assert_non_null(strstr(csv, ",robots_blocked,programs,prefecture\r\n"));
	assert_non_null(strstr(csv, "\r\n010006,北海道,pref,"));
	assert_non_null(strstr(csv, ",北海道\r\n011002,札幌市,"));
	assert_non_null(strstr(csv, ",北海道\r\n131016,千代田区,"));
	assert_non_null(strstr(csv, ",東京都\r\n141305,"));
	assert_non_null(strstr(csv, ",神奈川県\r\n202011,"));
	/* no prefecture seed for 20: nothing to go by */
	assert_true(len > 11 && memcmp(csv + len - 11, ",0,0,0,0,\r\n", 11) == 0);
	free(csv);
	csv = slurp(dir, "programs.csv", &len);
	/* then the review state, the last column */
	assert_non_null(strstr(csv, ",page_sha256,fetched_at,prefecture,review\r\n"));
	assert_non_null(strstr(csv, "Z,北海道,ok\r\n"));
	assert_non_null(strstr(csv, "Z,北海道,\r\n"));
	assert_non_null(strstr(csv, "Z,東京都,\r\n"));
	free(csv);
	remove_folder(dir);
}

static void
test_no_database(void **state)
{
	char *dir = tmpdir_new("report");
	struct store *st = NULL;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_READONLY), MS_ENOTFOUND);
	assert_non_null(strstr(err_msg(), "muniscan.db"));
	remove_folder(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_html_escaping),
		cmocka_unit_test(test_html_failures),
		cmocka_unit_test(test_prefecture),
		cmocka_unit_test(test_no_database),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
