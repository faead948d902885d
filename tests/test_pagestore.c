/*
 * test_pagestore: a page row written through pagestore_put() and read back
 * through the --since lookups of an older folder opened read-only: every
 * column, NULL text read as "", the validators, the last status-200 page
 * winning, and a URL without a page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crawl.h"
#include "frontier.h"
#include "log.h"
#include "pagestore.h"
#include "priority.h"
#include "seeds.h"
#include "store.h"
#include "tmpdir.h"
#include "util.h"
#include "xalloc.h"

static char *tmp;

static int
setup(void **state)
{
	(void)state;
	log_set_level(LOG_WARN);
	tmp = tmpdir_new("pagestore");
	return 0;
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

/* a folder with one government, a run and the frontier rows of urls */
static void
make_store(struct store **out, struct seeds **seeds_out, int64_t *run_out,
	const char *const *urls, int64_t *ids)
{
	static const char seeds[] = "code\tname\tprefecture\tcategory\turl\n"
	    "392014\tA市\t山辺県\tcapital\thttp://www.city.a.test/\n";
	static const char prio[] = "term\tweight\toffsite\n産業\t6\tno\n";
	struct store_run_info info;
	struct frontier_opts fo = { 6, 30, false };
	struct frontier_pendings pend = FRONTIER_PENDINGS_INIT;
	struct priority *pr = NULL;
	struct frontier *f = NULL;
	char *path = util_path_join(tmp, "seeds.tsv");

	assert_int_equal(util_write_atomic(path, seeds, strlen(seeds)), 0);
	assert_int_equal(seeds_load(seeds_out, path, NULL), 0);
	assert_int_equal(store_open(out, tmp, STORE_CREATE), 0);
	assert_int_equal(store_put_seeds(*out, *seeds_out), 0);
	memset(&info, 0, sizeof(info));
	info.command = "crawl";
	info.options_json = "{}";
	info.seeds_path = path;
	info.seeds_sha256 = "0";
	info.dict_sha256 = "0";
	assert_int_equal(store_run_begin(*out, run_out, &info), 0);
	assert_int_equal(priority_load_mem(&pr, "test", prio, strlen(prio)), 0);
	assert_int_equal(frontier_new(&f, *out, *seeds_out, pr, &fo, NULL), 0);
	assert_int_equal(store_begin(*out), 0);
	for (size_t i = 0; urls[i]; i++) {
		assert_int_equal(frontier_upsert(f, &pend, urls[i], 0, 0, 1.0, 0, NULL, false,
		    "queued", NULL), 0);
		assert_int_equal(pend.n, 1);
		ids[i] = pend.v[0].id;
		frontier_pendings_clear(&pend);
	}
	assert_int_equal(store_commit(*out), 0);
	frontier_free(f);
	priority_free(pr);
	free(path);
}

static void
test_put_and_since(void **state)
{
	static const char *const urls[] = { "http://www.city.a.test/", "http://www.city.a.test/b.pdf",
		"http://www.city.a.test/gone.html", NULL };
	static const char body[] = "<html><body>産業</body></html>";
	struct store *st = NULL, *old = NULL;
	struct seeds *seeds = NULL;
	struct pagestore *ps = NULL, *since = NULL;
	struct page_row row, got;
	int64_t run, ids[3];
	char sha[65], *z = NULL, *text = NULL, *etag, *lm;
	size_t zlen, tlen;

	(void)state;
	make_store(&st, &seeds, &run, urls, ids);
	assert_int_equal(pagestore_new(&ps, st, false), 0);
	assert_int_equal(util_zcompress(&z, &zlen, body, strlen(body)), 0);
	util_sha256_hex(sha, body, strlen(body));
	memset(&row, 0, sizeof(row));
	row.frontier_id = ids[0];
	row.municipality_code = "392014";
	row.url = urls[0];
	row.final_url = "https://www.city.a.test/";
	row.http_status = 200;
	row.content_type = "text/html; charset=Shift_JIS";
	row.kind = "html";
	row.headers = "HTTP/1.1 200 OK\r\n\r\n";
	row.charset = "Shift_JIS";
	row.charset_reason = "header";
	row.etag = "\"v1\"";
	row.last_modified = "Tue, 14 Nov 2023 22:15:20 GMT";
	row.body_sha256 = sha;
	row.zbody = z;
	row.zlen = zlen;
	row.body_len = strlen(body);
	row.truncated = true;
	row.fetched_at = "2026-01-02T03:04:05Z";
	row.run_id = run;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(pagestore_put(ps, &row), 0);
	/* a PDF without charset, validators or type: NULL columns */
	row.frontier_id = ids[1];
	row.url = row.final_url = urls[1];
	row.kind = "pdf";
	row.content_type = row.charset = row.charset_reason = NULL;
	row.etag = row.last_modified = NULL;
	row.truncated = false;
	assert_int_equal(pagestore_put(ps, &row), 0);
	/* a 404 body is not a page --since can reuse */
	row.frontier_id = ids[2];
	row.url = row.final_url = urls[2];
	row.http_status = 404;
	row.kind = "html";
	assert_int_equal(pagestore_put(ps, &row), 0);
	/* the same frontier row again replaces its page */
	row.http_status = 410;
	assert_int_equal(pagestore_put(ps, &row), 0);
	assert_int_equal(store_commit(st), 0);
	/* a bad row fails with the store's message */
	row.kind = "gif";
	assert_int_not_equal(pagestore_put(ps, &row), 0);
	pagestore_free(ps);
	store_close(st);

	/* the folder as an older run's, opened read-only under --since */
	assert_int_equal(store_open(&old, tmp, STORE_READONLY), 0);
	assert_int_equal(pagestore_new(&since, old, true), 0);
	pagestore_since_validators(since, urls[0], &etag, &lm);
	assert_string_equal(etag, "\"v1\"");
	assert_string_equal(lm, "Tue, 14 Nov 2023 22:15:20 GMT");
	free(etag);
	free(lm);
	pagestore_since_validators(since, urls[1], &etag, &lm);
	assert_null(etag);
	assert_null(lm);
	pagestore_since_validators(since, urls[2], &etag, &lm);
	assert_null(etag);
	assert_null(lm);

	assert_true(pagestore_since_page(since, urls[0], &got));
	assert_string_equal(got.final_url, "https://www.city.a.test/");
	assert_int_equal(got.http_status, 200);
	assert_string_equal(got.content_type, "text/html; charset=Shift_JIS");
	assert_string_equal(got.kind, "html");
	assert_string_equal(got.headers, "HTTP/1.1 200 OK\r\n\r\n");
	assert_string_equal(got.charset, "Shift_JIS");
	assert_string_equal(got.charset_reason, "header");
	assert_string_equal(got.etag, "\"v1\"");
	assert_string_equal(got.body_sha256, sha);
	assert_int_equal(got.body_len, strlen(body));
	assert_true(got.truncated);
	assert_false(got.revisit);
	assert_string_equal(got.fetched_at, "2026-01-02T03:04:05Z");
	assert_int_equal(util_zuncompress(&text, &tlen, got.zbody, got.zlen, 1u << 20), 0);
	assert_int_equal(tlen, strlen(body));
	assert_memory_equal(text, body, tlen);
	pagestore_since_done(since);
	free(text);

	assert_true(pagestore_since_page(since, urls[1], &got));
	assert_string_equal(got.kind, "pdf");
	assert_string_equal(got.charset, "");
	assert_string_equal(got.content_type, "");
	assert_string_equal(got.etag, "");
	pagestore_since_done(since);
	assert_false(pagestore_since_page(since, urls[2], &got));
	pagestore_since_done(since);
	assert_false(pagestore_since_page(since, "http://www.city.a.test/never.html", &got));
	pagestore_since_done(since);

	pagestore_free(since);
	pagestore_free(NULL);
	store_close(old);
	seeds_free(seeds);
	free(z);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_and_since),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
