/*
 * test_tokenize: the MeCab wrapper: pinned dictionary, offsets into the
 * input (surfaces are not NUL-terminated), base forms with the surface as
 * fallback, flags, the user dictionary's compounds, per-thread taggers.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "tokenize.h"

static struct tok_model *model;
static char *userdic;

static int
setup(void **state)
{
	struct tok_model_opts o = TOK_MODEL_OPTS_INIT;

	(void)state;
	userdic = tok_find_userdic(getenv("MUNISCAN_DICT"));
	o.userdic = userdic;
	if (tok_model_new(&model, &o) < 0) {
		print_error("%s\n", err_msg());
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tok_model_free(model);
	free(userdic);
	return 0;
}

static bool
tok_is(const char *text, const struct token *k, const char *surface)
{
	return k->end - k->start == strlen(surface) && memcmp(text + k->start, surface, strlen(surface)) == 0;
}

static void
test_offsets_and_base(void **state)
{
	struct tokenizer *t = NULL;
	const struct token *v;
	size_t n;
	const char *text = "専門家を派遣します。\n相談は無料です";

	(void)state;
	assert_int_equal(tokenizer_new(&t, model), 0);
	assert_int_equal(tokenizer_run(t, text, strlen(text), &v, &n), 0);
	assert_true(n >= 8);
	assert_true(tok_is(text, &v[0], "専門家") || tok_is(text, &v[0], "専門"));
	assert_true(v[0].flags & TOK_BOL);
	for (size_t i = 0; i < n; i++) {
		assert_true(v[i].end <= strlen(text));
		if (tok_is(text, &v[i], "し")) {
			/* conjugated: base form from the dictionary */
			assert_int_equal(v[i].base_len, strlen("する"));
			assert_memory_equal(v[i].base, "する", strlen("する"));
		}
		if (tok_is(text, &v[i], "。"))
			assert_true(v[i].flags & TOK_PERIOD);
		if (tok_is(text, &v[i], "相談"))
			assert_true(v[i].flags & TOK_BOL);
	}
	tokenizer_free(t);
}

static void
test_unknown_and_numbers(void **state)
{
	struct tokenizer *t = NULL;
	const struct token *v;
	size_t n;
	const char *text = "最大5回、三回まで";
	int numbers = 0;

	(void)state;
	assert_int_equal(tokenizer_new(&t, model), 0);
	assert_int_equal(tokenizer_run(t, text, strlen(text), &v, &n), 0);
	for (size_t i = 0; i < n; i++) {
		if (v[i].flags & TOK_NUMBER)
			numbers++;
		if (tok_is(text, &v[i], "、"))
			assert_true(v[i].flags & TOK_COMMA);
		/* base never empty: the surface when the dictionary has none */
		assert_true(v[i].base_len > 0);
	}
	assert_int_equal(numbers, 2);
	/* empty input */
	assert_int_equal(tokenizer_run(t, "", 0, &v, &n), 0);
	assert_int_equal(n, 0);
	tokenizer_free(t);
}

static void
test_user_dictionary(void **state)
{
	struct tokenizer *t = NULL;
	const struct token *v;
	size_t n;
	const char *text = "情報処理安全確保支援士による人材派遣ではない支援";
	bool riss = false;

	(void)state;
	if (!userdic) {
		print_message("no user.dic built: skipped\n");
		skip();
	}
	assert_int_equal(tokenizer_new(&t, model), 0);
	assert_int_equal(tokenizer_run(t, text, strlen(text), &v, &n), 0);
	for (size_t i = 0; i < n; i++)
		if (tok_is(text, &v[i], "情報処理安全確保支援士"))
			riss = true;
	assert_true(riss);
	tokenizer_free(t);
}

static void
test_bad_dictionary(void **state)
{
	struct tok_model *m = NULL;
	struct tok_model_opts o = TOK_MODEL_OPTS_INIT;

	(void)state;
	o.dicdir = "/nonexistent/dic";
	assert_int_equal(tok_model_new(&m, &o), MS_ERROR);
	assert_null(m);
	assert_non_null(strstr(err_msg(), "/nonexistent/dic"));
}

static void *
thread_run(void *arg)
{
	struct tokenizer *t = NULL;
	const struct token *v;
	size_t n, total = 0;
	const char *text = "中小企業の経営相談窓口では、専門家が無料で相談に応じます。";

	(void)arg;
	if (tokenizer_new(&t, model) < 0)
		return NULL;
	for (int i = 0; i < 200; i++) {
		if (tokenizer_run(t, text, strlen(text), &v, &n) < 0)
			break;
		total += n;
	}
	tokenizer_free(t);
	return (void *)(uintptr_t)total;
}

static void
test_threads(void **state)
{
	pthread_t th[4];
	uintptr_t totals[4];

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, thread_run, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *r;

		pthread_join(th[i], &r);
		totals[i] = (uintptr_t)r;
	}
	for (int i = 1; i < 4; i++)
		assert_int_equal(totals[i], totals[0]);
	assert_true(totals[0] > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets_and_base),
		cmocka_unit_test(test_unknown_and_numbers),
		cmocka_unit_test(test_user_dictionary),
		cmocka_unit_test(test_bad_dictionary),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
