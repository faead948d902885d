/*
 * test_store: a real database file in a temporary folder: creation,
 * migrations, reopening, read-only opening, runs and seeds; an empty or
 * damaged file refused; one writer per folder; a read-only store reads one
 * snapshot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "err.h"
#include "seeds.h"
#include "store.h"
#include "store_internal.h"
#include "tmpdir.h"
#include "util.h"
#include "xalloc.h"

/* removes a folder of tmpdir_new() (the caller frees its path) */
static void
rmtree(const char *dir)
{
	assert_int_equal(tmpdir_remove(dir), 0);
}

static long
query_long(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt;
	long v = -1;

	assert_int_equal(store_prepare(st, &stmt, sql), 0);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static void
test_store_create_and_reopen(void **state)
{
	char *dir = tmpdir_new("store"), *sub = util_path_join(dir, "out/2026");
	struct store *st = NULL;
	struct store_run_info info = { "crawl", "{\"delay\":1}", "seeds.tsv", "aa", "bb", "cc" };
	int64_t run = 0;

	(void)state;
	/* missing without STORE_CREATE: a clear error naming the file */
	assert_int_equal(store_open(&st, sub, 0), MS_ENOTFOUND);
	assert_non_null(strstr(err_msg(), "muniscan.db"));
	assert_int_equal(store_open(&st, sub, STORE_CREATE), 0);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	assert_int_equal(query_long(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(store_run_begin(st, &run, &info), 0);
	assert_true(run > 0);
	assert_int_equal(store_run_end(st, run, "done"), 0);
	store_close(st);

	/* reopening keeps the data and does not migrate again */
	assert_int_equal(store_open(&st, sub, 0), 0);
	assert_int_equal(query_long(st, "SELECT count(*) FROM runs WHERE status='done'"), 1);
	assert_int_equal(query_long(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	store_close(st);

	/* checkpointed at close: the database file stands alone */
	{
		char *wal = util_path_join(sub, "muniscan.db-wal");
		struct stat;
		FILE *f = fopen(wal, "rb");
		long size = 0;

		if (f) {
			fseek(f, 0, SEEK_END);
			size = ftell(f);
			fclose(f);
		}
		assert_int_equal(size, 0);
		free(wal);
	}
	rmtree(dir);
	free(sub);
	free(dir);
}

static void
test_store_readonly(void **state)
{
	char *dir = tmpdir_new("store");
	struct store *st = NULL;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	store_close(st);
	assert_int_equal(store_open(&st, dir, STORE_READONLY), 0);
	/* writes are refused on a read-only folder */
	assert_int_equal(store_exec(st, "INSERT INTO runs(command, version, started_at) VALUES ('x','y','z')"), MS_EDB);
	store_close(st);
	rmtree(dir);
	free(dir);
}

static void
test_store_newer_schema_refused(void **state)
{
	char *dir = tmpdir_new("store");
	struct store *st = NULL;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_exec(st, "PRAGMA user_version=99"), 0);
	store_close(st);
	assert_int_equal(store_open(&st, dir, 0), MS_EDB);
	assert_non_null(strstr(err_msg(), "newer"));
	rmtree(dir);
	free(dir);
}

static void
test_store_not_a_database(void **state)
{
	char *dir = tmpdir_new("store"), *file = util_path_join(dir, "muniscan.db");
	struct store *st = NULL;

	(void)state;
	assert_int_equal(util_write_atomic(file, "this is not sqlite at all, just text", 36), 0);
	assert_int_equal(store_open(&st, dir, 0), MS_EDB);
	assert_non_null(strstr(err_msg(), "muniscan.db"));
	rmtree(dir);
	free(file);
	free(dir);
}

static void
test_store_seeds_roundtrip(void **state)
{
	static const char tsv[] =
	    "code\tname\tprefecture\tcategory\turl\tstart_urls\n"
	    "011002\t札幌市\t北海道\tcapital;designated\thttps://www.city.sapporo.jp/\thttps://www.city.sapporo.jp/keizai/ https://www.city.sapporo.jp/sangyo/\n"
	    "010006\t北海道\t北海道\tpref\thttps://www.pref.hokkaido.lg.jp/\t\n";
	char *dir = tmpdir_new("store"), *path = util_path_join(dir, "seeds.tsv");
	struct seeds *s = NULL, *back = NULL;
	struct store *st = NULL;

	(void)state;
	assert_int_equal(util_write_atomic(path, tsv, sizeof(tsv) - 1), 0);
	assert_int_equal(seeds_load(&s, path, NULL), 0);
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_put_seeds(st, s), 0);
	assert_int_equal(store_put_seeds(st, s), 0); /* idempotent */
	assert_int_equal(store_get_seeds(st, &back), 0);
	assert_int_equal(back->n, 2);
	assert_string_equal(back->v[0].code, "010006");
	assert_string_equal(back->v[1].name, "札幌市");
	assert_int_equal(back->v[1].nstart, 2);
	assert_string_equal(back->v[1].start_urls[1], "https://www.city.sapporo.jp/sangyo/");
	seeds_free(back);
	seeds_free(s);
	store_close(st);
	rmtree(dir);
	free(path);
	free(dir);
}

/* A folder written by the first schema is brought forward on open for
 * writing, and left alone when opened read-only. */
static void
test_store_migrates_old_folder(void **state)
{
	char *dir = tmpdir_new("store");
	struct store *st = NULL;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_exec(st, "DROP TABLE page_problems; DROP TABLE evidence;"
	    " DROP TABLE crawl_scope;"
	    " ALTER TABLE hosts DROP COLUMN charged;"
	    " ALTER TABLE hosts DROP COLUMN municipality_code; PRAGMA user_version=1"), 0);
	store_close(st);
	assert_int_equal(store_open(&st, dir, STORE_READONLY), 0);
	assert_int_equal(query_long(st, "PRAGMA user_version"), 1);
	store_close(st);
	assert_int_equal(store_open(&st, dir, 0), 0);
	assert_int_equal(query_long(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(query_long(st, "SELECT count(*) FROM crawl_scope"), 0);
	assert_int_equal(query_long(st, "SELECT count(*) FROM evidence"), 0);
	assert_int_equal(query_long(st, "SELECT count(*) FROM page_problems"), 0);
	assert_int_equal(query_long(st, "SELECT count(charged) + count(municipality_code)"
	    " FROM hosts"), 0);
	store_close(st);
	rmtree(dir);
	free(dir);
}

/* A crawl killed with -9 leaves its run 'running'; the next crawl of the
 * folder records it as interrupted. */
static void
test_store_stale_run_interrupted(void **state)
{
	char *dir = tmpdir_new("store");
	struct store *st = NULL;
	struct store_run_info info = { "crawl", "{}", NULL, NULL, NULL, NULL };
	int64_t a = 0, b = 0;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_run_begin(st, &a, &info), 0);
	assert_int_equal(store_run_begin(st, &b, &info), 0);
	assert_int_equal(query_long(st, "SELECT count(*) FROM runs WHERE status='interrupted'"), 1);
	assert_int_equal(query_long(st, "SELECT count(*) FROM runs WHERE status='running'"), 1);
	store_close(st);
	rmtree(dir);
	free(dir);
}

/* An empty muniscan.db (a lost database) is not taken for a new one by a
 * command that does not create folders (classify, report, diff). */
static void
test_store_empty_file_refused(void **state)
{
	char *dir = tmpdir_new("store"), *db = util_path_join(dir, "muniscan.db");
	struct store *st = NULL;
	struct stat sb;

	(void)state;
	assert_int_equal(util_write_atomic(db, "", 0), 0);
	assert_int_equal(store_open(&st, dir, 0), MS_EDB);
	assert_null(st);
	assert_non_null(strstr(err_msg(), "empty file, not a muniscan database"));
	assert_int_equal(store_open(&st, dir, STORE_READONLY), MS_EDB);
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	/* a crawl (STORE_CREATE) starts a database there */
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	store_close(st);
	rmtree(dir);
	free(db);
	free(dir);
}

/* A database with a damaged page fails PRAGMA quick_check at open: the
 * commands that read it refuse it with one line. */
static void
test_store_damaged_refused(void **state)
{
	char *dir = tmpdir_new("store"), *db = util_path_join(dir, "muniscan.db");
	struct store *st = NULL;
	char junk[4096];
	FILE *f;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_exec(st, "CREATE TABLE junk(x);"
	    " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
	    " INSERT INTO junk SELECT randomblob(400) FROM n"), 0);
	store_close(st);
	/* page 40 of about 200 is a leaf of junk: overwrite it */
	memset(junk, 0x5a, sizeof(junk));
	assert_non_null(f = fopen(db, "r+b"));
	assert_int_equal(fseek(f, 39L * 4096L, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(store_open(&st, dir, STORE_READONLY), MS_EDB);
	assert_null(st);
	assert_non_null(strstr(err_msg(), "muniscan.db: the database is damaged ("));
	assert_null(strchr(err_msg(), '\n'));
	assert_int_equal(store_open(&st, dir, 0), MS_EDB);
	assert_non_null(strstr(err_msg(), "damaged"));
	rmtree(dir);
	free(db);
	free(dir);
}

/* One command writes a folder at a time: a second writer (another process)
 * is refused, a reader is not. */
static void
test_store_one_writer(void **state)
{
	char *dir = tmpdir_new("store");
	struct store *st = NULL;
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *other = NULL;
		int code = 0;

		if (store_open(&other, dir, 0) != MS_ERROR ||
		    strstr(err_msg(), "another muniscan command") == NULL)
			code = 1;
		else if (store_open(&other, dir, STORE_CREATE) != MS_ERROR)
			code = 2;
		else if (store_open(&other, dir, STORE_READONLY) != 0)
			code = 3;
		store_close(other);
		_exit(code);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	store_close(st);
	/* once closed, the next writer gets the folder */
	assert_int_equal(store_open(&st, dir, 0), 0);
	store_close(st);
	rmtree(dir);
	free(dir);
}

/* A read-only store sees the database as it was when opened, whatever a
 * writer commits meanwhile (report during a crawl). */
static void
test_store_readonly_snapshot(void **state)
{
	char *dir = tmpdir_new("store"), *db = util_path_join(dir, "muniscan.db");
	struct store *st = NULL, *ro = NULL;
	struct store_run_info info = { "crawl", "{}", NULL, NULL, NULL, NULL };
	sqlite3 *w = NULL;
	int64_t id;

	(void)state;
	assert_int_equal(store_open(&st, dir, STORE_CREATE), 0);
	assert_int_equal(store_run_begin(st, &id, &info), 0);
	assert_int_equal(store_open(&ro, dir, STORE_READONLY), 0);
	assert_int_equal(query_long(ro, "SELECT count(*) FROM runs"), 1);
	/* the writer commits through its own connection (as a crawl does) */
	assert_int_equal(store_run_begin(st, &id, &info), 0);
	assert_int_equal(sqlite3_open(db, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "INSERT INTO runs(command, version, started_at)"
	    " VALUES ('x', 'y', 'z')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(w);
	assert_int_equal(query_long(st, "SELECT count(*) FROM runs"), 3);
	assert_int_equal(query_long(ro, "SELECT count(*) FROM runs"), 1);
	store_close(ro);
	assert_int_equal(store_open(&ro, dir, STORE_READONLY), 0);
	assert_int_equal(query_long(ro, "SELECT count(*) FROM runs"), 3);
	store_close(ro);
	store_close(st);
	rmtree(dir);
	free(db);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_create_and_reopen),
		cmocka_unit_test(test_store_readonly),
		cmocka_unit_test(test_store_newer_schema_refused),
		cmocka_unit_test(test_store_not_a_database),
		cmocka_unit_test(test_store_seeds_roundtrip),
		cmocka_unit_test(test_store_migrates_old_folder),
		cmocka_unit_test(test_store_stale_run_interrupted),
		cmocka_unit_test(test_store_empty_file_refused),
		cmocka_unit_test(test_store_damaged_refused),
		cmocka_unit_test(test_store_one_writer),
		cmocka_unit_test(test_store_readonly_snapshot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
