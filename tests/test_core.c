/*
 * test_core: buffers, TSV, CSV writing and reading, small utilities.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "csv.h"
#include "err.h"
#include "jsonw.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

static void
test_buf_cap(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "abcd"), 0);
	assert_int_equal(buf_addf(&b, "%d", 123), 0);
	assert_string_equal(buf_cstr(&b), "abcd123");
	/* would exceed the cap: refused, contents unchanged */
	assert_int_equal(buf_adds(&b, "xy"), MS_ELIMIT);
	assert_string_equal(buf_cstr(&b), "abcd123");
	assert_int_equal(buf_addc(&b, 'z'), 0);
	assert_int_equal(b.len, 8);
	buf_free(&b);
	assert_string_equal(buf_cstr(&b), "");
}

static void
test_tsv_lines(void **state)
{
	static const char data[] = "\xef\xbb\xbf# comment\ncode\tname\r\n\n011002\t札幌市\n#x\n131016\t千代田区\t\n";
	struct tsv *t = tsv_open_mem("mem.tsv", data, sizeof(data) - 1);
	char **f;
	size_t n;

	(void)state;
	assert_int_equal(tsv_next(t, &f, &n), 1);
	assert_int_equal(tsv_line(t), 2);
	assert_int_equal(n, 2);
	assert_string_equal(f[1], "name");
	assert_int_equal(tsv_next(t, &f, &n), 1);
	assert_int_equal(tsv_line(t), 4);
	assert_string_equal(f[1], "札幌市");
	assert_int_equal(tsv_next(t, &f, &n), 1);
	assert_int_equal(tsv_line(t), 6);
	assert_int_equal(n, 3);
	assert_string_equal(f[2], "");
	assert_int_equal(tsv_next(t, &f, &n), 0);
	tsv_free(t);
}

static void
test_tsv_bad_utf8(void **state)
{
	static const char data[] = "a\tb\n\x82\xa0\tc\n";
	struct tsv *t = tsv_open_mem("bad.tsv", data, sizeof(data) - 1);
	char **f;
	size_t n;

	(void)state;
	assert_int_equal(tsv_next(t, &f, &n), 1);
	assert_int_equal(tsv_next(t, &f, &n), MS_EINVAL);
	assert_non_null(strstr(err_msg(), "bad.tsv:2:"));
	tsv_free(t);
}

/* Cells that a spreadsheet would run as formulas get a leading quote. */
static void
test_csv_guard(void **state)
{
	static const char *const cells[] = {
		"=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx",
		"plain", "a,b", "say \"hi\"", "line\nbreak", "", "専門家派遣",
	};
	static const char *const want =
	    "\xef\xbb\xbf\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\","
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",,専門家派遣\r\n";
	struct csv_out *c = csv_out_new(true);
	struct csv_table *t = NULL;
	const char *data;
	size_t len, i;

	(void)state;
	for (i = 0; i < sizeof(cells) / sizeof(*cells); i++)
		csv_cell(c, cells[i]);
	csv_end_row(c);
	data = csv_data(c, &len);
	assert_string_equal(data, want);
	/* reading it back strips the guard and restores every cell */
	assert_int_equal(csv_parse(&t, "mem.csv", data, len), 0);
	assert_int_equal(t->ncols, sizeof(cells) / sizeof(*cells));
	for (i = 0; i < t->ncols; i++)
		assert_string_equal(t->header[i], cells[i]);
	csv_table_free(t);
	csv_out_free(c);
}

/* A file saved twice by a BOM-adding editor: both marks go, not one. */
static void
test_csv_read_double_bom(void **state)
{
	static const char data[] = "\xef\xbb\xbf\xef\xbb\xbf" "code,url\r\n011002,http://x.test/\r\n";
	struct csv_table *t = NULL;

	(void)state;
	assert_int_equal(csv_parse(&t, "twice.csv", data, sizeof(data) - 1), 0);
	assert_string_equal(t->header[0], "code");
	assert_int_equal(csv_col(t, "code"), 0);
	assert_int_equal(t->nrows, 1);
	csv_table_free(t);
	/* a cell that is itself U+FEFF survives writing without a BOM */
	{
		struct csv_out *o = csv_out_new(false);
		const char *w;
		size_t wlen;

		csv_cell(o, "\xef\xbb\xbf");
		csv_cell(o, "x");
		csv_end_row(o);
		w = csv_data(o, &wlen);
		assert_int_equal(csv_parse(&t, "cell.csv", w, wlen), 0);
		assert_int_equal(t->ncols, 2);
		assert_string_equal(t->header[0], "\xef\xbb\xbf");
		csv_table_free(t);
		csv_out_free(o);
	}
}

static void
test_csv_read_cp932(void **state)
{
	/* "code,program\r\n11002,相談窓口\r\n" in cp932, as Excel saves it */
	static const char data[] = "code,program\r\n11002,\x91\x8a\x92\x6b\x91\x8b\x8c\xfb\r\n";
	struct csv_table *t = NULL;
	char code[8];

	(void)state;
	assert_int_equal(csv_parse(&t, "excel.csv", data, sizeof(data) - 1), 0);
	assert_true(t->was_cp932);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0][1], "相談窓口");
	assert_true(csv_fix_code(code, t->rows[0][0]));
	assert_string_equal(code, "011002");
	assert_false(csv_fix_code(code, "abc"));
	assert_int_equal(csv_col(t, "program"), 1);
	assert_int_equal(csv_col(t, "nope"), -1);
	csv_table_free(t);
}

static void
test_csv_read_errors(void **state)
{
	static const char unterminated[] = "a,b\n1,\"open\n";
	static const char toomany[] = "a,b\n1,2\n1,2,3\n";
	struct csv_table *t = NULL;

	(void)state;
	assert_int_equal(csv_parse(&t, "u.csv", unterminated, sizeof(unterminated) - 1), MS_EINVAL);
	assert_non_null(strstr(err_msg(), "u.csv:2:"));
	assert_int_equal(csv_parse(&t, "m.csv", toomany, sizeof(toomany) - 1), MS_EINVAL);
	assert_non_null(strstr(err_msg(), "m.csv:3:"));
	assert_int_equal(csv_parse(&t, "e.csv", "", 0), MS_EINVAL);
}

static void
test_util_digests(void **state)
{
	char hex[65], b32[48];

	(void)state;
	util_sha256_hex(hex, "abc", 3);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	util_sha1_base32(b32, "abc", 3);
	/* sha1("abc") = a9993e36..., base32 */
	assert_string_equal(b32, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
}

static void
test_util_utf8(void **state)
{
	(void)state;
	assert_true(util_utf8_valid("専門家", strlen("専門家")));
	assert_false(util_utf8_valid("\xe5\xb0", 2));
	assert_false(util_utf8_valid("\xc0\xaf", 2)); /* overlong */
	assert_false(util_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
	/* 専 is 3 bytes: a cut at 4 of 6 backs off to 3 */
	assert_int_equal(util_utf8_prefix("専門", 6, 4), 3);
	assert_int_equal(util_utf8_prefix("ab", 2, 5), 2);
}

static void
test_util_atomic_write(void **state)
{
	char dir[] = "/tmp/muniscan-test-XXXXXX";
	char *path, *data = NULL;
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = util_path_join(dir, "a/b/../out.txt");
	assert_int_equal(util_mkdir_p(dir), 0);
	free(path);
	path = util_path_join(dir, "out.txt");
	assert_int_equal(util_write_atomic(path, "hello", 5), 0);
	assert_int_equal(util_read_file(&data, &len, path, 0), 0);
	assert_int_equal(len, 5);
	assert_string_equal(data, "hello");
	free(data);
	/* a cap smaller than the file is an error naming it */
	assert_int_equal(util_read_file(&data, &len, path, 2), MS_ELIMIT);
	assert_non_null(strstr(err_msg(), "out.txt"));
	unlink(path);
	rmdir(dir);
	free(path);
}

static void
test_util_zlib(void **state)
{
	char *z = NULL, *back = NULL;
	size_t zlen, blen;
	const char *text = "中小企業の専門家派遣事業 中小企業の専門家派遣事業";

	(void)state;
	assert_int_equal(util_zcompress(&z, &zlen, text, strlen(text)), 0);
	assert_int_equal(util_zuncompress(&back, &blen, z, zlen, 0), 0);
	assert_int_equal(blen, strlen(text));
	assert_memory_equal(back, text, blen);
	free(back);
	/* a cap on the inflated size holds */
	assert_int_equal(util_zuncompress(&back, &blen, z, zlen, 10), MS_ELIMIT);
	assert_int_equal(util_zuncompress(&back, &blen, "junk", 4, 0), MS_EINVAL);
	free(z);
}

static void
test_util_fnv(void **state)
{
	(void)state;
	/* the published FNV-1a 64 values */
	assert_true(util_fnv1a64("") == 0xcbf29ce484222325ULL);
	assert_true(util_fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
	assert_true(util_fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

static void
test_jsonw_escapes(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	jsonw_str(&b, "a\"b\\\n\t\b\f\x01\x7f\xe2\x80\xa8</x>&", false);
	assert_string_equal(b.ptr, "\"a\\\"b\\\\\\n\\t\\b\\f\\u0001\\u007f\\u2028</x>&\"");
	b.len = 0;
	jsonw_str(&b, "</script>", true);
	assert_string_equal(buf_cstr(&b), "\"\\u003c/script\\u003e\"");
	b.len = 0;
	jsonw_str(&b, NULL, false);
	assert_string_equal(buf_cstr(&b), "null");
	b.len = 0;
	jsonw_key(&b, "k", false);
	assert_string_equal(buf_cstr(&b), ",\"k\":");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_cap),
		cmocka_unit_test(test_tsv_lines),
		cmocka_unit_test(test_tsv_bad_utf8),
		cmocka_unit_test(test_csv_guard),
		cmocka_unit_test(test_csv_read_cp932),
		cmocka_unit_test(test_csv_read_double_bom),
		cmocka_unit_test(test_csv_read_errors),
		cmocka_unit_test(test_util_digests),
		cmocka_unit_test(test_util_utf8),
		cmocka_unit_test(test_util_atomic_write),
		cmocka_unit_test(test_util_zlib),
		cmocka_unit_test(test_util_fnv),
		cmocka_unit_test(test_jsonw_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
