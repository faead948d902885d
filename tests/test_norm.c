/*
 * test_norm: NFKC, the tilde/dash folds, whitespace, and the offset map
 * back to the original text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "norm.h"

static void
test_table(void **state)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "１２３回まで", "123回まで" },
		{ "ＩＴコーディネータ", "ITコーディネータ" },
		{ "ｶﾞｲﾄﾞﾌﾞｯｸ", "ガイドブック" },
		{ "ｱﾄﾞﾊﾞｲｻﾞｰ派遣", "アドバイザー派遣" },
		{ "9時〜17時", "9時〜17時" },
		{ "9時～17時", "9時〜17時" },
		{ "9時~17時", "9時〜17時" },
		{ "000‐1111－2222−3333—4444―5555", "000-1111-2222-3333-4444-5555" },
		{ "  中小企業\n\n　支援　 ", "中小企業 支援" },
		{ "㈱髙橋", "(株)髙橋" },
		{ "①専門家", "1専門家" },
		{ "ＤＸ推進", "DX推進" },
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = norm_simple(cases[i].in, strlen(cases[i].in));

		assert_non_null(got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("norm(\"%s\") = \"%s\", want \"%s\"", cases[i].in, got, cases[i].want);
		free(got);
	}
}

/* Every normalised substring maps back to the original bytes it came from. */
static void
test_map(void **state)
{
	const char *s = "費用：１回　５，０００円（ｶﾞｲﾄﾞ付き）〜 最大３回";
	struct norm *n = NULL;
	size_t os, oe;
	const char *hit;

	(void)state;
	assert_int_equal(norm_text(&n, s, strlen(s)), 0);
	assert_string_equal(n->text, "費用:1回 5,000円(ガイド付き)〜 最大3回");
	assert_int_equal(n->map[n->len], strlen(s));
	for (size_t i = 1; i <= n->len; i++)
		assert_true(n->map[i] >= n->map[i - 1]);
	hit = strstr(n->text, "5,000円");
	norm_orig(n, (size_t)(hit - n->text), (size_t)(hit - n->text) + strlen("5,000円"), &os, &oe);
	assert_int_equal(oe - os, strlen("５，０００円"));
	assert_memory_equal(s + os, "５，０００円", oe - os);
	hit = strstr(n->text, "ガイド");
	norm_orig(n, (size_t)(hit - n->text), (size_t)(hit - n->text) + strlen("ガイド"), &os, &oe);
	assert_memory_equal(s + os, "ｶﾞｲﾄﾞ", oe - os);
	hit = strstr(n->text, "最大3回");
	norm_orig(n, (size_t)(hit - n->text), n->len, &os, &oe);
	assert_string_equal(s + os, "最大３回");
	assert_int_equal(oe, strlen(s));
	norm_free(n);
}

/* Invalid UTF-8 is not a reason to lose the text. */
/* With line ends kept, a blank run holding a line break is one "\n" and
 * still maps back to where the run started. */
static void
test_lines(void **state)
{
	const char *s = "派遣回数　５回まで \n\n  費用 １回５，０００円\r\n対象";
	struct norm *n = NULL;
	size_t os, oe;

	(void)state;
	assert_int_equal(norm_text_lines(&n, s, strlen(s), true), 0);
	assert_string_equal(n->text, "派遣回数 5回まで\n費用 1回5,000円\n対象");
	norm_orig(n, 0, strlen("派遣回数 5回まで"), &os, &oe);
	assert_int_equal(os, 0);
	norm_free(n);
	assert_int_equal(norm_text_lines(&n, s, strlen(s), false), 0);
	assert_string_equal(n->text, "派遣回数 5回まで 費用 1回5,000円 対象");
	norm_free(n);
}

static void
test_invalid(void **state)
{
	const char bad[] = "ab\xff\xfe相談";
	char *got;

	(void)state;
	got = norm_simple(bad, sizeof(bad) - 1);
	assert_non_null(got);
	assert_non_null(strstr(got, "相談"));
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
