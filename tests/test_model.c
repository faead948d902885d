/*
 * test_model: the model file (errors name file and line), scoring, and the
 * fit: separable examples are learned, a held-out group is left out, the
 * same examples give the same weights, and the rules' verdicts keep their
 * weight under the prior.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "model.h"
#include "util.h"
#include "xalloc.h"

/* assert_float_equal works in float: compare doubles here */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static void
bad_file(const char *text, const char *want)
{
	struct model *m = (struct model *)1;

	assert_int_equal(model_load_mem(&m, "m.tsv", text, strlen(text)), MS_EINVAL);
	assert_null(m);
	if (!strstr(err_msg(), want))
		fail_msg("message '%s' lacks '%s'", err_msg(), want);
	err_clear();
}

static void
test_load(void **state)
{
	struct model *m = NULL;
	const char text[] = "# comment\r\n\nthreshold\t0.25\nbias\t-1\ntype:cd\t2.5\nw:相談\t0.5\n";
	const char feats[] = "type:cd\0w:相談\0unknown\0";

	(void)state;
	assert_int_equal(model_load_mem(&m, "m.tsv", text, strlen(text)), 0);
	assert_near(model_threshold(m), 0.25, 1e-9);
	assert_int_equal(model_nfeatures(m), 3);
	assert_near(model_weight(m, "w:相談"), 0.5, 1e-9);
	assert_near(model_weight(m, "w:相"), 0.0, 1e-9);
	/* bias + 2.5 + 0.5; the unknown feature weighs nothing */
	assert_near(model_score(m, feats, sizeof(feats) - 1), 1.0 / (1.0 + exp(-2.0)), 1e-9);
	assert_near(model_score(m, "", 0), 1.0 / (1.0 + exp(1.0)), 1e-9);
	model_free(m);

	bad_file("bias\n", "m.tsv:1: want FEATURE<TAB>WEIGHT");
	bad_file("# x\nbias\tabc\n", "m.tsv:2: 'abc' is not a number");
	bad_file("bias\tnan\n", "m.tsv:1:");
	bad_file("threshold\t0.5\nthreshold\t0.4\n", "m.tsv:2: threshold");
	bad_file("threshold\t1.5\n", "m.tsv:1: threshold");
	bad_file("a\t1\nb\t2\na\t3\n", "m.tsv:3: feature 'a' given twice");
	bad_file("\tb\n", "m.tsv:1:");
}

static void
test_write_read(void **state)
{
	struct model *m = NULL, *back = NULL;
	char *path = util_path_join(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", "muniscan-test-model.tsv");
	const char text[] = "threshold\t0.4\nbias\t-1.5\nsmall\t0.25\nbig\t-3\n";
	char *data = NULL;
	size_t len;

	(void)state;
	assert_int_equal(model_load_mem(&m, "m.tsv", text, strlen(text)), 0);
	assert_int_equal(model_write(m, path, "# head\n"), 0);
	assert_int_equal(util_read_file(&data, &len, path, 0), 0);
	/* header, threshold, then by weight, largest first */
	assert_string_equal(data, "# head\nthreshold\t0.400\nbig\t-3.0000\nbias\t-1.5000\nsmall\t0.2500\n");
	assert_int_equal(model_load(&back, path), 0);
	assert_near(model_weight(back, "big"), -3.0, 1e-9);
	assert_near(model_threshold(back), 0.4, 1e-9);
	model_free(back);
	model_free(m);
	free(data);
	remove(path);
	free(path);
}

/* examples: "good" units are programs, "bad" ones not; "noise" on both */
static struct model_example *
examples(size_t *n)
{
	static const char pos[] = "good\0noise\0";
	static const char neg[] = "bad\0noise\0";
	struct model_example *ex = xcalloc(40, sizeof(*ex));

	for (size_t i = 0; i < 40; i++) {
		bool p = i % 4 == 0;

		ex[i].feats = p ? pos : neg;
		ex[i].len = p ? sizeof(pos) - 1 : sizeof(neg) - 1;
		ex[i].label = p;
		ex[i].group = (int)(i % 5);
	}
	/* a feature only group 4 has, on a positive */
	ex[4].feats = "good\0only4\0";
	ex[4].len = sizeof("good\0only4\0") - 1;
	*n = 40;
	return ex;
}

static void
test_train(void **state)
{
	struct model_train_opts o = MODEL_TRAIN_OPTS_INIT;
	struct model *m = NULL, *again = NULL, *fold = NULL;
	size_t n;
	struct model_example *ex = examples(&n);

	(void)state;
	o.l2 = 0.1;
	o.min_count = 1;
	assert_int_equal(model_train(&m, ex, n, -1, &o), 0);
	assert_true(model_weight(m, "good") > 1.0);
	assert_true(model_weight(m, "bad") < -1.0);
	for (size_t i = 0; i < n; i++) {
		double p = model_score(m, ex[i].feats, ex[i].len);

		if (ex[i].label)
			assert_true(p >= model_threshold(m));
		else
			assert_true(p < model_threshold(m));
	}
	assert_near(model_threshold(m), o.threshold, 1e-9);
	/* deterministic */
	assert_int_equal(model_train(&again, ex, n, -1, &o), 0);
	assert_near(model_weight(again, "good"), model_weight(m, "good"), 0.0);
	/* a held-out group's own features are never seen */
	assert_true(model_weight(m, "only4") != 0.0);
	assert_int_equal(model_train(&fold, ex, n, 4, &o), 0);
	assert_near(model_weight(fold, "only4"), 0.0, 0.0);
	model_free(fold);
	fold = NULL;
	/* min-count leaves out a feature seen once */
	o.min_count = 2;
	assert_int_equal(model_train(&fold, ex, n, -1, &o), 0);
	assert_near(model_weight(fold, "only4"), 0.0, 0.0);
	assert_true(model_weight(fold, "good") > 1.0);
	model_free(fold);
	model_free(again);
	model_free(m);
	free(ex);
}

static void
test_prior(void **state)
{
	/* one rules verdict and one word say the same; the prior lets the
	 * verdict carry more of it */
	static const char pos[] = "rules:program\0w:x\0";
	static const char neg[] = "w:y\0";
	struct model_example ex[20];
	struct model_train_opts o = MODEL_TRAIN_OPTS_INIT;
	struct model *flat = NULL, *prior = NULL;

	(void)state;
	for (int i = 0; i < 20; i++) {
		ex[i].feats = i % 2 ? pos : neg;
		ex[i].len = i % 2 ? sizeof(pos) - 1 : sizeof(neg) - 1;
		ex[i].label = i % 2;
		ex[i].group = i;
	}
	o.prior_l2 = 1.0;
	assert_int_equal(model_train(&flat, ex, 20, -1, &o), 0);
	assert_near(model_weight(flat, "rules:program"), model_weight(flat, "w:x"), 1e-6);
	o.prior_l2 = 0.1;
	assert_int_equal(model_train(&prior, ex, 20, -1, &o), 0);
	assert_true(model_weight(prior, "rules:program") > 2 * model_weight(prior, "w:x"));
	model_free(flat);
	model_free(prior);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_write_read),
		cmocka_unit_test(test_train),
		cmocka_unit_test(test_prior),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
