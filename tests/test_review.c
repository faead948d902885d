/*
 * test_review: review_read and review_carry carry last year's reviewed
 * programs.csv into this year's programs.
 *
 * - test_apply: a cp932 file with codes shortened by Excel on a hand-built
 *   store: a correction applied on an unchanged page and marked corrected,
 *   wrong rows dropped, missing rows added, unchecked rows left alone;
 * - test_carry_table: tests/data/review/: a crawl with pages and a
 *   frontier; every row of reviewed.csv has the outcome, reason, new URL
 *   and review state expected.tsv gives (pages not crawled, gone, moved,
 *   redirected, changed; renamed titles; a title found on another page
 *   while its own was not crawled; unchecked rows);
 * - test_bad_value, test_bad_rows: a bad file is refused with file:line
 *   and the value, before anything is touched.
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
#include "err.h"
#include "extract.h"
#include "norm.h"
#include "progs.h"
#include "review.h"
#include "store.h"
#include "store_internal.h"
#include "tmpdir.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

static char *
data_path(const char *name)
{
	const char *dir = getenv("MUNISCAN_TESTDATA");

	return util_path_join(dir ? dir : "tests/data", name);
}

static struct store *
make_store(char **dir_out, const char *sqlfile)
{
	char *sqlpath = sqlfile ? data_path(sqlfile) : NULL, *sql = NULL;
	struct store *st = NULL;
	size_t len;

	*dir_out = tmpdir_new("review");
	assert_int_equal(store_open(&st, *dir_out, STORE_CREATE), 0);
	if (sqlpath) {
		assert_int_equal(util_read_file(&sql, &len, sqlpath, 0), 0);
		if (store_exec(st, sql) != 0)
			fail_msg("%s: %s", sqlfile, err_msg());
	}
	free(sql);
	free(sqlpath);
	return st;
}

static void
drop_store(struct store *st, char *dir)
{
	store_close(st);
	assert_int_equal(tmpdir_remove(dir), 0);
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

/* every count of s is want's (the counts a test leaves out are 0) */
static void
check_stats(const struct review_stats *s, const struct review_stats *want)
{
#define STAT(f) { #f, offsetof(struct review_stats, f) }
	static const struct {
		const char *name;
		size_t off;
	} f[] = {
		STAT(rows), STAT(unchecked), STAT(confirmed), STAT(corrected), STAT(dropped),
		STAT(gone), STAT(added), STAT(moved), STAT(not_carried), STAT(page_changed),
		STAT(not_crawled), STAT(no_page), STAT(not_found),
	};
#undef STAT
	size_t got, exp;

	assert_int_equal(sizeof(f) / sizeof(*f) * sizeof(size_t), sizeof(*s));
	for (size_t k = 0; k < sizeof(f) / sizeof(*f); k++) {
		memcpy(&got, (const char *)s + f[k].off, sizeof(got));
		memcpy(&exp, (const char *)want + f[k].off, sizeof(exp));
		if (got != exp)
			fail_msg("review_stats.%s is %zu, not %zu", f[k].name, got, exp);
	}
}

static void
test_apply(void **state)
{
	char *dir, *csv = data_path("report/reviewed_cp932.csv");
	struct store *st = make_store(&dir, "report/review.sql");
	struct review_stats s;
	struct progs *p = NULL;
	const struct prog *r;

	(void)state;
	if (review_apply_stats(st, csv, &s) != 0)
		fail_msg("review_apply: %s", err_msg());
	check_stats(&s, &(struct review_stats){ .rows = 5, .corrected = 1, .dropped = 1,
	    .added = 1, .unchecked = 1, .not_carried = 1, .no_page = 1 });
	assert_int_equal(progs_from_store(&p, st), 0);
	assert_int_equal(p->n, 3);
	/* corrected on an unchanged page; riss_fit recomputed */
	r = find(p, "中小企業IT専門家派遣事業");
	assert_non_null(r);
	assert_string_equal(r->col[PC_COST], "partial");
	assert_string_equal(r->col[PC_RISS_FIT], "3");
	assert_string_equal(r->review, "corrected");
	/* wrong on an unchanged page: dropped */
	assert_null(find(p, "融資制度"));
	/* unchecked (and its page changed): this year's classification stands */
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
	/* applying the same review again changes nothing more, and the
	 * rows keep their marks */
	assert_int_equal(review_apply_stats(st, csv, &s), 0);
	assert_int_equal(s.dropped, 0);
	assert_int_equal(s.added, 0);
	assert_int_equal(s.confirmed, 2); /* the added row now matches itself */
	assert_int_equal(progs_from_store(&p, st), 0);
	assert_int_equal(p->n, 3);
	assert_string_equal(find(p, "中小企業IT専門家派遣事業")->review, "corrected");
	assert_string_equal(find(p, "創業者向け専門家派遣")->review, "missing");
	progs_free(p);
	free(csv);
	drop_store(st, dir);
}

/* the page hash classify gives: SHA-256 of the normalised main text */
static void
page_sha(char out[65], const char *html)
{
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct extract_page *page = NULL;
	char *nt;

	assert_int_equal(extract_html(&page, html, strlen(html), &eo), 0);
	nt = norm_simple(page->main_text, strlen(page->main_text));
	util_sha256_hex(out, nt, strlen(nt));
	free(nt);
	extract_page_free(page);
}

#define WEB_MAX 32

struct web {
	char sha[WEB_MAX][65];
	char *url[WEB_MAX];
};

/* loads tests/data/review/web.tsv (frontier and pages) and programs.tsv */
static void
load_web(struct store *st, struct web *w)
{
	char *path = data_path("review/web.tsv");
	struct tsv *t = NULL;
	sqlite3_stmt *fr = NULL, *pg = NULL, *pr = NULL;
	char **f;
	size_t n;
	int k;

	memset(w, 0, sizeof(*w));
	assert_int_equal(store_exec(st,
	    "INSERT INTO runs(id, command, version, started_at, status)"
	    " VALUES (1, 'classify', '0', '2027-11-28T00:00:00Z', 'done');"
	    "INSERT INTO municipalities(code, name, prefecture, category, url)"
	    " VALUES ('011002', '札幌市', '北海道', 'capital;designated', 'https://www.city.x.jp/');"), 0);
	assert_int_equal(store_prepare(st, &fr,
	    "INSERT INTO frontier(id, url, municipality_code, depth, priority, parent_id, state,"
	    " reason, http_status) VALUES (?, ?, '011002', 1, 1, ?, ?, NULLIF(?, ''), ?)"), 0);
	assert_int_equal(store_prepare(st, &pg,
	    "INSERT INTO pages(frontier_id, municipality_code, url, final_url, http_status,"
	    " content_type, kind, body_sha256, body, body_len, fetched_at)"
	    " VALUES (?, '011002', ?, ?, 200, 'text/html', 'html', '', ?, ?, '2027-11-28T00:01:00Z')"), 0);
	assert_int_equal(tsv_open(&t, path), 0);
	assert_int_equal(tsv_next(t, &f, &n), 1); /* header */
	while ((k = tsv_next(t, &f, &n)) == 1) {
		long id = atol(f[0]);

		assert_true(id > 0 && id < WEB_MAX);
		w->url[id] = xstrdup(f[1]);
		sqlite3_bind_int64(fr, 1, id);
		sqlite3_bind_text(fr, 2, f[1], -1, SQLITE_TRANSIENT);
		if (n > 5 && f[5][0])
			sqlite3_bind_int64(fr, 3, atol(f[5]));
		sqlite3_bind_text(fr, 4, f[2], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(fr, 5, n > 3 ? f[3] : "", -1, SQLITE_TRANSIENT);
		if (n > 4 && f[4][0])
			sqlite3_bind_int64(fr, 6, atol(f[4]));
		assert_int_equal(sqlite3_step(fr), SQLITE_DONE);
		sqlite3_reset(fr);
		sqlite3_clear_bindings(fr);
		if (n > 6 && f[6][0]) {
			char *z = NULL;
			size_t zlen = 0;

			page_sha(w->sha[id], f[6]);
			assert_int_equal(util_zcompress(&z, &zlen, f[6], strlen(f[6])), 0);
			sqlite3_bind_int64(pg, 1, id);
			sqlite3_bind_text(pg, 2, f[1], -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(pg, 3, f[1], -1, SQLITE_TRANSIENT);
			sqlite3_bind_blob(pg, 4, z, (int)zlen, SQLITE_TRANSIENT);
			sqlite3_bind_int64(pg, 5, (sqlite3_int64)strlen(f[6]));
			assert_int_equal(sqlite3_step(pg), SQLITE_DONE);
			sqlite3_reset(pg);
			free(z);
		}
	}
	assert_int_equal(k, 0);
	tsv_free(t);
	free(path);

	path = data_path("review/programs.tsv");
	assert_int_equal(store_prepare(st, &pr,
	    "INSERT INTO programs(municipality_code, page_id, program, url, types, it_security,"
	    " expert_registry, cost, max_visits, continuity, riss_fit, evidence, page_sha256,"
	    " fetched_at, run_id) VALUES ('011002', (SELECT id FROM pages WHERE frontier_id = ?),"
	    " ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, 0, ?, ?, '2027-11-28T00:01:00Z', 1)"), 0);
	assert_int_equal(tsv_open(&t, path), 0);
	assert_int_equal(tsv_next(t, &f, &n), 1);
	while ((k = tsv_next(t, &f, &n)) == 1) {
		long id = atol(f[0]);

		assert_true(n >= 8 && id > 0 && id < WEB_MAX && w->sha[id][0]);
		sqlite3_bind_int64(pr, 1, id);
		sqlite3_bind_text(pr, 2, f[1], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pr, 3, w->url[id], -1, SQLITE_TRANSIENT);
		for (int c = 2; c <= 7; c++)
			sqlite3_bind_text(pr, c + 2, f[c], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pr, 10, n > 8 ? f[8] : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pr, 11, w->sha[id], -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(pr), SQLITE_DONE);
		sqlite3_reset(pr);
	}
	assert_int_equal(k, 0);
	tsv_free(t);
	free(path);
	sqlite3_finalize(fr);
	sqlite3_finalize(pg);
	sqlite3_finalize(pr);
}

/* reviewed.csv with each "@N" page_sha256 cell replaced by page N's hash,
 * written to dir; caller frees the path */
static char *
reviewed_file(const char *dir, const struct web *w)
{
	char *src = data_path("review/reviewed.csv"), *text = NULL, *out;
	struct buf b = BUF_INIT;
	size_t len;

	assert_int_equal(util_read_file(&text, &len, src, 0), 0);
	for (const char *p = text; *p; p++) {
		if (p[0] == ',' && p[1] == '@') {
			char *end;
			long id = strtol(p + 2, &end, 10);

			assert_true(id > 0 && id < WEB_MAX && w->sha[id][0]);
			buf_addc(&b, ',');
			buf_adds(&b, w->sha[id]);
			p = end - 1;
		} else {
			buf_addc(&b, *p);
		}
	}
	out = util_path_join(dir, "reviewed.csv");
	assert_int_equal(util_write_atomic(out, b.ptr, b.len), 0);
	buf_free(&b);
	free(text);
	free(src);
	return out;
}

static void
test_carry_table(void **state)
{
	char *dir, *csv, *path = data_path("review/expected.tsv");
	struct store *st = make_store(&dir, NULL);
	struct review *rv = NULL;
	struct review_stats s;
	struct progs *p = NULL;
	struct web w;
	struct tsv *t = NULL;
	char **f;
	size_t n, checked = 0;
	int k;

	(void)state;
	load_web(st, &w);
	csv = reviewed_file(dir, &w);
	if (review_read(&rv, csv) != 0)
		fail_msg("review_read: %s", err_msg());
	if (review_carry(&s, st, rv) != 0)
		fail_msg("review_carry: %s", err_msg());
	assert_int_equal(progs_from_store(&p, st), 0);
	assert_int_equal(tsv_open(&t, path), 0);
	assert_int_equal(tsv_next(t, &f, &n), 1);
	while ((k = tsv_next(t, &f, &n)) == 1) {
		size_t line = (size_t)atol(f[0]), i;
		const struct review_result *res = NULL;
		const char *want_reason = n > 2 ? f[2] : "", *want_url = n > 3 ? f[3] : "";
		const char *want_state = n > 4 ? f[4] : "";
		const struct prog *pr;

		for (i = 0; i < review_nrows(rv); i++)
			if (review_result(rv, i)->line == line)
				res = review_result(rv, i);
		if (!res)
			fail_msg("expected.tsv:%zu: no reviewed row on line %zu", tsv_line(t), line);
		if (strcmp(review_outcome_str(res->outcome), f[1]) != 0)
			fail_msg("reviewed.csv:%zu: outcome %s, want %s (%s)", line,
			    review_outcome_str(res->outcome), f[1], res->reason);
		if (want_reason[0] ? !strstr(res->reason, want_reason) : res->reason[0] != '\0')
			fail_msg("reviewed.csv:%zu: reason '%s', want '%s'", line, res->reason,
			    want_reason);
		/* never blamed on a change when the page was not crawled */
		if (strstr(want_reason, "not crawled") && strstr(res->reason, "changed"))
			fail_msg("reviewed.csv:%zu: '%s'", line, res->reason);
		if (strcmp(res->url_now, want_url) != 0)
			fail_msg("reviewed.csv:%zu: url_now '%s', want '%s'", line, res->url_now,
			    want_url);
		pr = find(p, res->program);
		if (strcmp(want_state, "-") == 0) {
			if (pr)
				fail_msg("reviewed.csv:%zu: %s still in the store", line, res->program);
		} else if (!pr) {
			fail_msg("reviewed.csv:%zu: %s not in the store", line, res->program);
		} else if (strcmp(pr->review, want_state) != 0) {
			fail_msg("reviewed.csv:%zu: state '%s', want '%s'", line, pr->review,
			    want_state);
		}
		checked++;
	}
	assert_int_equal(k, 0);
	assert_int_equal(checked, review_nrows(rv));
	/* the corrected row took the reviewer's title and labels */
	{
		const struct prog *r = find(p, "情報化支援の訪問");

		assert_non_null(r);
		assert_null(find(p, "ITアドバイザー派遣"));
		assert_string_equal(r->col[PC_COST], "partial");
		assert_string_equal(r->col[PC_RISS_FIT], "2");
		/* an added row carries its page's current hash, for next year */
		r = find(p, "創業支援相談");
		assert_string_equal(r->col[PC_PAGE_SHA256], w.sha[3]);
		assert_string_equal(r->col[PC_FETCHED_AT], "2027-11-28T00:01:00Z");
		r = find(p, "事業承継セミナー");
		assert_string_equal(r->col[PC_URL], "https://www.city.x.jp/new/f.html");
		assert_string_equal(r->col[PC_PAGE_SHA256], w.sha[6]);
	}
	/* one of the corrected rows edited with an empty cell */
	check_stats(&s, &(struct review_stats){ .rows = 17, .confirmed = 1, .corrected = 2,
	    .dropped = 1, .added = 4, .moved = 2, .unchecked = 1, .not_crawled = 3,
	    .no_page = 2, .page_changed = 3, .not_carried = 8 });
	/* checked rows + unchecked rows = the file */
	assert_int_equal(s.confirmed + s.corrected + s.dropped + s.gone + s.added +
	    s.not_carried + s.unchecked, s.rows);
	progs_free(p);
	tsv_free(t);
	review_free(rv);
	for (int i = 0; i < WEB_MAX; i++)
		free(w.url[i]);
	free(path);
	free(csv);
	drop_store(st, dir);
}

static void
test_bad_value(void **state)
{
	char *dir, *csv = data_path("report/reviewed_bad.csv");
	struct store *st = make_store(&dir, "report/review.sql");
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

/* every row is checked, wrong ones too, and the first bad one is named with
 * how many more there are; an unknown review value or a file without a
 * review column is refused */
static void
test_bad_rows(void **state)
{
	static const struct {
		const char *rows;
		const char *want;
	} cases[] = {
		{ "011002,a,x,https://a.jp/,expert_dispatch,no,no,free,,unknown,,wrong\n"
		  "011002,b,x,https://a.jp/,expert_dispatch,no,no,maybe,,unknown,,wrong\n"
		  "011002,c,x,https://a.jp/,expert_dispatch,yes,no,free,0,unknown,,ok\n"
		  "011002,d,x,https://a.jp/,expert_dispatch,yes,no,free,,often,,\n",
		  "bad.csv:3: cost is 'maybe', not free, partial, paid or unknown (and 2 more bad rows)" },
		{ "011002,a,x,https://a.jp/,expert_dispatch,no,no,free,,unknown,,okay\n",
		  "bad.csv:2: review is 'okay', not ok, corrected, wrong, missing or empty" },
		{ "011002,a,x,,expert_dispatch,no,no,free,,unknown,,missing\n",
		  "bad.csv:2: url is empty" },
		{ "011002,,x,https://a.jp/,expert_dispatch,no,no,free,,unknown,,missing\n",
		  "bad.csv:2: program is empty" },
		{ "011002,a,x,https://a.jp/,expert_dispatch,maybe,no,free,,unknown,,\n",
		  "bad.csv:2: it_security is 'maybe', not yes or no" },
	};
	char *dir = tmpdir_new("review"), *path = util_path_join(dir, "bad.csv");

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(*cases); k++) {
		struct review *rv = NULL;
		char *text = xasprintf("municipality_code,program,municipality,url,types,"
		    "it_security,expert_registry,cost,max_visits,continuity,riss_fit,review\n%s",
		    cases[k].rows);

		assert_int_equal(util_write_atomic(path, text, strlen(text)), 0);
		assert_int_equal(review_read(&rv, path), MS_EINVAL);
		assert_null(rv);
		if (!strstr(err_msg(), cases[k].want))
			fail_msg("case %zu: '%s', want '%s'", k, err_msg(), cases[k].want);
		free(text);
	}
	{
		struct review *rv = NULL;
		const char *text = "municipality_code,program,url,types,it_security,"
		    "expert_registry,cost,max_visits,continuity,riss_fit\n"
		    "011002,a,https://a.jp/,expert_dispatch,no,no,free,,unknown,1\n";

		assert_int_equal(util_write_atomic(path, text, strlen(text)), 0);
		assert_int_equal(review_read(&rv, path), MS_EINVAL);
		assert_non_null(strstr(err_msg(), "bad.csv:1: no review column"));
	}
	assert_int_equal(tmpdir_remove(dir), 0);
	free(path);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_carry_table),
		cmocka_unit_test(test_bad_value),
		cmocka_unit_test(test_bad_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
