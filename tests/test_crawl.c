/*
 * test_crawl: the crawl engine through its API, offline: the replay mapping
 * (snapshot folder as a web server), Retry-After and type helpers, and
 * crawl_run() in replay mode on a small snapshot: frontier states, the page
 * budget, a budget raised on resume, scope added by a redirect, statuses;
 * hosts refused as private by their names (links, a seed's redirect) while
 * a seed that names a private address is crawled.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "buf.h"
#include "crawl.h"
#include "err.h"
#include "fetch.h"
#include "log.h"
#include "replay.h"
#include "seeds.h"
#include "store.h"
#include "tmpdir.h"
#include "util.h"
#include "xalloc.h"

static char *tmp;

static void
put(const char *rel, const char *text)
{
	char *path = util_path_join(tmp, rel);
	char *dir = xstrdup(path);

	*strrchr(dir, '/') = '\0';
	assert_int_equal(util_mkdir_p(dir), 0);
	assert_int_equal(util_write_atomic(path, text, strlen(text)), 0);
	free(dir);
	free(path);
}

static int
setup(void **state)
{
	(void)state;
	tmp = tmpdir_new("crawl");
	log_set_level(LOG_WARN);
	/* the snapshot */
	put("web/old.test/index.html.headers", "Status: 301\nLocation: http://www.city.a.test/\n");
	put("web/www.city.a.test/robots.txt", "User-agent: *\nDisallow: /private/\n");
	put("web/www.city.a.test/index.html",
	    "<html><head><title>A市</title></head><body><main>"
	    "<a href=\"/sangyo/\">産業</a> <a href=\"/kanko/\">観光</a>"
	    "<a href=\"/private/x.html\">秘密</a> <a href=\"/missing.html\">無い</a>"
	    "<a href=\"/sjis.html\">SJIS</a> <a href=\"/a.png\">画像</a>"
	    "<a href=\"http://www.a-cci.test/\">A商工会議所</a>"
	    "<a href=\"http://www.elsewhere.test/\">どこか</a>"
	    "</main></body></html>");
	put("web/www.city.a.test/sangyo/index.html",
	    "<html><body><a href=\"s1.html\">中小企業支援</a><a href=\"s2.html\">経営相談</a>"
	    "<a href=\"s3.html\">専門家派遣</a></body></html>");
	put("web/www.city.a.test/sangyo/s1.html", "<html><body>1</body></html>");
	put("web/www.city.a.test/sangyo/s2.html", "<html><body>2</body></html>");
	put("web/www.city.a.test/sangyo/s3.html", "<html><body>3</body></html>");
	put("web/www.city.a.test/kanko/index.html", "<html><body>観光</body></html>");
	put("web/www.city.a.test/sjis.html.headers", "Content-Type: text/html; charset=Shift_JIS\n");
	put("web/www.city.a.test/sjis.html", "<html><body>\x8f\xa4\x8d\x48</body></html>"); /* 商工 */
	put("web/www.city.a.test/cal.html?ym=1", "<html><body>query file</body></html>");
	put("web/www.a-cci.test/index.html", "<html><body><a href=\"/deeper.html\">経営</a></body></html>");
	put("seeds.tsv", "code\tname\tprefecture\tcategory\turl\n"
	    "392014\tA市\t山辺県\tcapital\thttp://old.test/\n");
	/* private hosts */
	put("pweb/www.city.p.test/index.html",
	    "<html><body><a href=\"http://169.254.169.254/latest/meta-data/\">支援センター</a>"
	    "<a href=\"http://intranet/\">支援センター</a>"
	    "<a href=\"http://192.168.0.1/\">支援センター</a>"
	    "<a href=\"http://[fd00::1]/\">支援センター</a>"
	    "<a href=\"http://www.p-cci.test/\">支援センター</a></body></html>");
	put("pweb/www.p-cci.test/index.html", "<html><body>cci</body></html>");
	put("pweb/old.q.test/index.html.headers", "Status: 301\nLocation: http://10.0.0.1/\n");
	put("pweb/10.0.0.1/index.html", "<html><body>inside</body></html>");
	put("pweb/192.168.10.1/index.html", "<html><body><a href=\"/b.html\">b</a></body></html>");
	put("pweb/192.168.10.1/b.html", "<html><body>b</body></html>");
	put("pseeds.tsv", "code\tname\tprefecture\tcategory\turl\n"
	    "392014\tP市\t山辺県\tcapital\thttp://www.city.p.test/\n"
	    "394025\tQ町\t山辺県\ttown\thttp://old.q.test/\n"
	    "401307\tR町\t山辺県\ttown\thttp://192.168.10.1/\n");
	return 0;
}

/* removes the tree at path, if there is one */
static void
rm_rf(const char *path)
{
	assert_int_equal(tmpdir_remove(path), 0);
}

static int
teardown(void **state)
{
	(void)state;
	tmpdir_remove(tmp);
	free(tmp);
	tmp = NULL;
	return 0;
}

static void
replay(struct fetch_resp *r, const char *url)
{
	char *dir = util_path_join(tmp, "web");

	memset(r, 0, sizeof(*r));
	buf_init(&r->head, 0);
	buf_init(&r->req_head, 0);
	buf_init(&r->body, 1024);
	replay_fetch(r, dir, url, 1024);
	free(dir);
}

static void
test_replay_mapping(void **state)
{
	struct fetch_resp r;

	(void)state;
	replay(&r, "http://www.city.a.test/");
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(buf_cstr(&r.body), "A市"));
	assert_string_equal(r.content_type, "text/html");
	fetch_resp_free(&r);

	replay(&r, "http://www.city.a.test:8080/sangyo/");
	assert_int_equal(r.status, 200);
	fetch_resp_free(&r);

	replay(&r, "http://www.city.a.test/sangyo");
	assert_int_equal(r.status, 301);
	assert_string_equal(r.location, "http://www.city.a.test/sangyo/");
	fetch_resp_free(&r);

	replay(&r, "http://old.test/");
	assert_int_equal(r.status, 301);
	assert_string_equal(r.location, "http://www.city.a.test/");
	fetch_resp_free(&r);

	replay(&r, "http://www.city.a.test/sjis.html");
	assert_string_equal(r.content_type, "text/html; charset=Shift_JIS");
	fetch_resp_free(&r);

	replay(&r, "http://www.city.a.test/cal.html?ym=1");
	assert_int_equal(r.status, 200);
	fetch_resp_free(&r);

	replay(&r, "http://www.city.a.test/nothing.html");
	assert_int_equal(r.status, 404);
	fetch_resp_free(&r);

	replay(&r, "http://nohost.test/robots.txt");
	assert_int_equal(r.status, 404);
	fetch_resp_free(&r);
}

static void
test_helpers(void **state)
{
	time_t now = 1700000000;

	(void)state;
	assert_true(fetch_retry_after("5", now) == 5);
	assert_true(fetch_retry_after(" 0", now) == 0);
	assert_true(fetch_retry_after("soon", now) == -1);
	assert_true(fetch_retry_after(NULL, now) == -1);
	/* an HTTP date 120 s after now */
	assert_true(fetch_retry_after("Tue, 14 Nov 2023 22:15:20 GMT", now) == 120);
	assert_true(fetch_retry_after("Tue, 14 Nov 2000 22:15:20 GMT", now) == 0);
	assert_true(fetch_is_doc_type("text/html; charset=Shift_JIS"));
	assert_true(fetch_is_doc_type("TEXT/HTML"));
	assert_true(fetch_is_doc_type("application/pdf"));
	assert_true(fetch_is_doc_type("application/xhtml+xml"));
	assert_false(fetch_is_doc_type("text/htmlx"));
	assert_false(fetch_is_doc_type("image/png"));
	assert_false(fetch_is_doc_type(NULL));
}

static char *
q1(struct store *st, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char *out = NULL;

	(void)st;
	{
		char *path = util_path_join(tmp, "out/muniscan.db");

		assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		free(path);
	}
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		out = xstrdup(sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out ? out : xstrdup("");
}

#define expect_sql(st, sql, want) do { \
	char *got_ = q1((st), (sql)); \
	if (strcmp(got_, (want)) != 0) \
		fail_msg("%s: got '%s', want '%s'", (sql), got_, (want)); \
	free(got_); \
} while (0)

static void
test_crawl_replay(void **state)
{
	struct crawl_opts o = CRAWL_OPTS_INIT;
	struct crawl_stats stats;
	struct seeds *seeds = NULL;
	struct store *st = NULL;
	char *out = util_path_join(tmp, "out");
	char *web = util_path_join(tmp, "web");
	char *sp = util_path_join(tmp, "seeds.tsv");
	const char *dict = getenv("MUNISCAN_DICT");

	(void)state;
	o.replay_dir = web;
	o.dict_dir = dict ? dict : "dict";
	o.progress = false;
	o.max_pages = 4;
	assert_int_equal(seeds_load(&seeds, sp, NULL), 0);
	assert_int_equal(store_open(&st, out, STORE_CREATE), 0);
	assert_int_equal(store_put_seeds(st, seeds), 0);
	{
		struct store_run_info info = { "crawl", "{}", NULL, NULL, NULL, NULL };
		int64_t id;

		for (int i = 0; i < 3; i++)
			assert_int_equal(store_run_begin(st, &id, &info), 0);
	}
	if (crawl_run_stats(&stats, st, seeds, &o, 1) != 0)
		fail_msg("crawl: %s", err_msg());
	/* the budget: 4 requests, 3 pages and the robots.txt of the off-site
	 * www.a-cci.test, which the government's link needed (the seed's
	 * redirect does not count) */
	assert_int_equal(stats.pages, 3);
	expect_sql(st, "SELECT count(*) FROM pages", "3");
	expect_sql(st, "SELECT charged||' '||municipality_code FROM hosts"
	    " WHERE origin='http://www.a-cci.test'", "1 392014");
	expect_sql(st, "SELECT count(*) FROM hosts WHERE charged > 0", "1");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://old.test/'",
	    "skipped redirect");
	expect_sql(st, "SELECT group_concat(host, ' ') FROM (SELECT host FROM crawl_scope ORDER BY host)",
	    "old.test www.city.a.test");
	expect_sql(st, "SELECT count(*) > 0 FROM frontier WHERE state='skipped' AND reason='max_pages'",
	    "1");
	/* best first: the industry pages went before the tourism page */
	expect_sql(st, "SELECT count(*) FROM pages WHERE url LIKE '%/kanko/%'", "0");
	expect_sql(st, "SELECT status FROM municipalities", "ok");

	/* resume with a larger budget: the rest is fetched, nothing twice */
	o.max_pages = 100;
	assert_int_equal(crawl_run_stats(&stats, st, seeds, &o, 2), 0);
	expect_sql(st, "SELECT count(*) FROM frontier WHERE state='queued'", "0");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://www.city.a.test/private/x.html'",
	    "refused robots");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://www.city.a.test/a.png'",
	    "skipped type");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://www.elsewhere.test/'",
	    "refused offsite");
	expect_sql(st, "SELECT count(*) FROM pages WHERE url LIKE '%/kanko/%'", "1");
	expect_sql(st, "SELECT state||' '||reason||' '||http_status FROM frontier"
	    " WHERE url='http://www.city.a.test/missing.html'", "failed http_404 404");
	expect_sql(st, "SELECT charset FROM pages WHERE url='http://www.city.a.test/sjis.html'",
	    "windows-31j");
	expect_sql(st, "SELECT offsite FROM frontier WHERE url='http://www.a-cci.test/' AND state='fetched'",
	    "1");
	/* an off-site page's links are not followed */
	expect_sql(st, "SELECT count(*) FROM frontier WHERE url LIKE 'http://www.a-cci.test/deeper%'", "0");
	expect_sql(st, "SELECT status FROM municipalities", "partial");
	/* and a third run has nothing left to do */
	assert_int_equal(crawl_run_stats(&stats, st, seeds, &o, 3), 0);
	assert_int_equal(stats.requests, 0);
	assert_int_equal(stats.pages, 0);
	store_close(st);
	seeds_free(seeds);
	free(out);
	free(web);
	free(sp);
}

static void
begin_run(struct store *st)
{
	struct store_run_info info = { "crawl", "{}", NULL, NULL, NULL, NULL };
	int64_t id;

	assert_int_equal(store_run_begin(st, &id, &info), 0);
	assert_int_equal(id, 1);
}

static void
test_crawl_private(void **state)
{
	struct crawl_opts o = CRAWL_OPTS_INIT;
	struct seeds *seeds = NULL;
	struct store *st = NULL;
	char *out = util_path_join(tmp, "out");
	char *web = util_path_join(tmp, "pweb");
	char *sp = util_path_join(tmp, "pseeds.tsv");
	const char *dict = getenv("MUNISCAN_DICT");

	(void)state;
	/* q1() reads tmp/out: a fresh folder there */
	rm_rf(out);
	o.replay_dir = web;
	o.dict_dir = dict ? dict : "dict";
	o.progress = false;
	assert_int_equal(seeds_load(&seeds, sp, NULL), 0);
	assert_int_equal(store_open(&st, out, STORE_CREATE), 0);
	assert_int_equal(store_put_seeds(st, seeds), 0);
	begin_run(st);
	if (crawl_run(st, seeds, &o, 1) != 0)
		fail_msg("crawl: %s", err_msg());
	expect_sql(st, "SELECT state||' '||reason FROM frontier"
	    " WHERE url='http://169.254.169.254/latest/meta-data/'", "refused private_address");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://intranet/'",
	    "refused private_address");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://192.168.0.1/'",
	    "refused private_address");
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://[fd00::1]/'",
	    "refused private_address");
	/* a public name is followed as before */
	expect_sql(st, "SELECT state FROM frontier WHERE url='http://www.p-cci.test/'", "fetched");
	/* the seed's redirect to a private address: refused, scope unchanged */
	expect_sql(st, "SELECT state||' '||reason FROM frontier WHERE url='http://10.0.0.1/'",
	    "refused private_address");
	expect_sql(st, "SELECT group_concat(host, ' ') FROM crawl_scope"
	    " WHERE municipality_code='394025'", "old.q.test");
	expect_sql(st, "SELECT count(*) FROM pages WHERE url LIKE 'http://10.0.0.1/%'", "0");
	/* a seed that names a private address is the user's choice */
	expect_sql(st, "SELECT count(*) FROM pages WHERE url LIKE 'http://192.168.10.1/%'", "2");
	store_close(st);
	st = NULL;

	/* --allow-private follows them all */
	rm_rf(out);
	o.allow_private = true;
	assert_int_equal(store_open(&st, out, STORE_CREATE), 0);
	assert_int_equal(store_put_seeds(st, seeds), 0);
	begin_run(st);
	assert_int_equal(crawl_run(st, seeds, &o, 1), 0);
	expect_sql(st, "SELECT state FROM frontier WHERE url='http://10.0.0.1/'", "fetched");
	expect_sql(st, "SELECT count(*) FROM crawl_scope WHERE host='10.0.0.1'", "1");
	expect_sql(st, "SELECT state FROM frontier WHERE url='http://intranet/'", "failed");
	store_close(st);
	seeds_free(seeds);
	free(out);
	free(web);
	free(sp);
}

static void
test_opts_json(void **state)
{
	struct crawl_opts o = CRAWL_OPTS_INIT;
	const char *res[] = { "a.test:80:127.0.0.1", NULL };
	char *j;

	(void)state;
	o.resolve = res;
	o.user_agent = "x \"quoted\"";
	j = crawl_opts_json(&o);
	assert_non_null(strstr(j, "\"delay\":1,"));
	assert_non_null(strstr(j, "\"max_pages\":300"));
	assert_non_null(strstr(j, "\"resolve\":[\"a.test:80:127.0.0.1\"]"));
	assert_non_null(strstr(j, "\"user_agent\":\"x \\\"quoted\\\"\""));
	free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay_mapping),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_crawl_replay),
		cmocka_unit_test(test_crawl_private),
		cmocka_unit_test(test_opts_json),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
