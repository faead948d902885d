/*
 * test_classify: what the classifier records for a program beyond its
 * labels: each evidence item names its criterion and the rule row that
 * matched (a real row of the rule set), and its span marks the matched
 * words inside the passage, also after a cut (…) and a quoted |; one
 * program described on two pages is reported once when the longer title
 * only adds the government's name, a year or an announcement; the word
 * lists of dict/classify.tsv load or fail with file:line.
 * Runs the real dict (MUNISCAN_DICT); skipped without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "classify.h"
#include "classify_internal.h"
#include "err.h"
#include "extract.h"
#include "rules.h"
#include "util.h"
#include "xalloc.h"

struct fixture {
	struct classifier *c;
	struct classify_worker *w;
	struct rules *rules; /* the same rule files, to look rows up */
};

static int
setup(void **state)
{
	struct classify_opts o = CLASSIFY_OPTS_INIT;
	struct fixture *fx;
	const char *dict = getenv("MUNISCAN_DICT");
	char *dir;

	*state = NULL;
	if (!dict)
		return 0;
	fx = xcalloc(1, sizeof(*fx));
	o.dict_dir = dict;
	dir = util_path_join(dict, "rules");
	if (classifier_new(&fx->c, &o) < 0 || classify_worker_new(&fx->w, fx->c) < 0 ||
	    rules_load(&fx->rules, dir) < 0) {
		fprintf(stderr, "%s\n", err_msg());
		free(dir);
		return -1;
	}
	free(dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	if (fx) {
		rules_free(fx->rules);
		classify_worker_free(fx->w);
		classifier_free(fx->c);
		free(fx);
	}
	return 0;
}

/* classify_doc: the programs of an HTML page (caller frees out) */
static void
classify_doc(struct classify_worker *w, const char *url, const char *main_html,
	struct classify_programs *out)
{
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct extract_page *pg = NULL;
	struct classify_page_meta meta = { url, "", "", 0 };
	char *html = xasprintf("<html><head><meta charset=\"utf-8\"><title>t</title></head>"
	    "<body><main>%s</main></body></html>", main_html);

	eo.url = url;
	assert_int_equal(extract_html(&pg, html, strlen(html), &eo), 0);
	assert_int_equal(classify_page(w, pg, &meta, out), 0);
	extract_page_free(pg);
	free(html);
}

/* row_label: the label of the rule row named id (or file:line), NULL
 * when the rule set has no such row */
static const char *
row_label(const struct rules *r, const char *id)
{
	for (size_t i = 0; i < rules_count(r); i++) {
		struct rules_row_info ri;
		char fl[512];

		rules_row(r, i, &ri);
		snprintf(fl, sizeof(fl), "%s:%zu", ri.file, ri.line);
		if ((ri.id && strcmp(ri.id, id) == 0) || strcmp(fl, id) == 0)
			return ri.label;
	}
	return NULL;
}

/* label_fits: a row of this label can decide this criterion */
static bool
label_fits(const char *criterion, const char *label)
{
	char want[64];

	if (strcmp(criterion, "consultation_desk") == 0 &&
	    strcmp(label, "head=consultation_desk") == 0)
		return true;
	for (int t = 0; t < PROGRAM_NTYPES; t++)
		if (strcmp(criterion, program_types[t]) == 0) {
			snprintf(want, sizeof(want), "type=%s", program_types[t]);
			return strcmp(label, want) == 0;
		}
	if (strcmp(criterion, "max_visits") == 0)
		return strcmp(label, "visits=max") == 0;
	snprintf(want, sizeof(want), "%s=", criterion);
	return strncmp(label, want, strlen(want)) == 0;
}

/* span: the item's matched words (caller frees) */
static char *
span(const struct program_evidence *it)
{
	return xstrndup(it->passage + it->hit_start, it->hit_end - it->hit_start);
}

/* check_items: every item of every row is well-formed */
static void
check_items(const struct rules *r, const struct classify_programs *out)
{
	for (size_t i = 0; i < out->n; i++)
		for (size_t k = 0; k < out->v[i].evidence.n; k++) {
			const struct program_evidence *it = &out->v[i].evidence.v[k];
			const char *label = row_label(r, it->rule);
			size_t len = strlen(it->passage);

			assert_non_null(program_criterion(it->criterion));
			if (!label)
				fail_msg("%s: rule %s is no row of the rule set", it->criterion, it->rule);
			if (!label_fits(it->criterion, label))
				fail_msg("%s: rule %s has label %s", it->criterion, it->rule, label);
			assert_true(it->hit_start < it->hit_end);
			assert_true(it->hit_end <= len);
			/* the span starts and ends on characters */
			assert_true(util_utf8_valid(it->passage + it->hit_start,
			    it->hit_end - it->hit_start));
			assert_true(util_utf8_valid(it->passage, it->hit_start));
		}
}

/* find: the item of criterion in row p, or fail */
static const struct program_evidence *
find(const struct classify_program *p, const char *criterion)
{
	for (size_t k = 0; k < p->evidence.n; k++)
		if (strcmp(p->evidence.v[k].criterion, criterion) == 0)
			return &p->evidence.v[k];
	fail_msg("no %s item in %s", criterion, p->program);
	return NULL;
}

static void
test_evidence_items(void **state)
{
	struct fixture *fx = *state;
	struct classify_programs out = CLASSIFY_PROGRAMS_INIT;
	const struct program_evidence *it;
	char *s, *cell;

	if (!fx) {
		print_message("MUNISCAN_DICT not set\n");
		skip();
	}
	classify_doc(fx->w, "http://www.city.example.lg.test/sangyo/haken.html",
	    "<h1>中小企業診断士派遣事業</h1>"
	    "<p>区内の中小企業に中小企業診断士を派遣します。"
	    /* a sentence over 120 characters: cut at clause ends, the cue
	     * in the middle */
	    "経営戦略の立案、財務内容の分析、販路の開拓、生産工程の見直し、人材の育成、"
	    "事業承継の準備、創業後の資金繰り、店舗の改装計画、商品の開発、価格の設定、"
	    "広告の出し方など、ご相談の内容に応じて情報セキュリティ対策の点検も行い、"
	    "従業員の研修、取引先の開拓、補助金の申請書類の作成、事業計画書の見直し、"
	    "在庫の管理、原価の計算、設備の更新計画などについても助言します。"
	    /* a page's own | before the cue */
	    "A|B 費用は無料です。最大5回まで派遣します。</p>",
	    &out);
	assert_int_equal(out.n, 1);
	check_items(fx->rules, &out);

	/* the type: the title's words */
	it = find(&out.v[0], "expert_dispatch");
	s = span(it);
	assert_string_equal(it->passage, "中小企業診断士派遣事業");
	assert_non_null(strstr(s, "派遣"));
	free(s);

	/* IT words in the middle of a long sentence: the passage is cut with
	 * … on both sides, and the span follows the leading … */
	it = find(&out.v[0], "it_security");
	assert_int_equal(strncmp(it->passage, "…", 3), 0);
	assert_true(it->hit_start >= 3);
	assert_true(util_utf8_chars(it->passage, strlen(it->passage)) <= PROGRAM_PASSAGE_CHARS);
	s = span(it);
	assert_non_null(strstr(s, "セキュリティ"));
	free(s);

	/* after a quoted | (three bytes for one) the span still marks the
	 * cue */
	it = find(&out.v[0], "cost");
	assert_non_null(strstr(it->passage, "A｜B"));
	s = span(it);
	assert_string_equal(s, "無料");
	free(s);
	it = find(&out.v[0], "max_visits");
	s = span(it);
	assert_non_null(strstr(s, "5回"));
	free(s);

	/* the cell is what programs.csv has always shown */
	cell = program_evidence_cell(&out.v[0].evidence);
	assert_non_null(strstr(cell, "expert_dispatch: 中小企業診断士派遣事業 | "));
	assert_non_null(strstr(cell, " | cost: A｜B 費用は無料です。"));
	free(cell);
	classify_programs_free(&out);
}

/* ---- one program on several pages ---- */

static void
add_program(struct classify_programs *p, const char *title, const char *url, bool whole)
{
	struct classify_program *v;

	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	v = &p->v[p->n++];
	memset(v, 0, sizeof(*v));
	v->municipality_code = xstrdup("392014");
	v->program = xstrdup(title);
	v->url = xstrdup(url);
	v->types = CLASSIFY_EXPERT_DISPATCH;
	v->fetched_at = xstrdup("");
	v->extra_urls = xstrdup("");
	v->whole_page = whole;
}

/* A title inside another is one program only when the longer adds the
 * government's name, a year or an announcement, not a qualifier. */
static void
test_merge_titles(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *a, *b;
		bool same;
	} cases[] = {
		{ "専門家派遣事業", "川波市専門家派遣事業について", true },
		{ "専門家派遣事業", "令和6年度 専門家派遣事業の募集", true },
		{ "専門家派遣事業", "川波市令和6年度専門家派遣事業", true },
		{ "【専門家派遣事業】", "専門家派遣事業", true },
		{ "専門家派遣事業", "感染症対策専門家派遣事業", false },
		{ "専門家派遣事業", "専門家派遣事業（IT分野）", false },
		{ "経営相談窓口の開設", "特別経営相談窓口の開設", false },
		{ "専門家派遣事業", "令和元年度専門家派遣事業", true },
		{ "専門家派遣事業", "専門家派遣事業（第2次）の募集", true },
		{ "専門家派遣事業", "専門家派遣事業（第2部）", false },
	};

	if (!fx) {
		print_message("MUNISCAN_DICT not set\n");
		skip();
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct classify_programs p = CLASSIFY_PROGRAMS_INIT;

		add_program(&p, cases[i].a, "http://www.city.kawanami.test/a.html", true);
		add_program(&p, cases[i].b, "http://www.city.kawanami.test/b.html", true);
		classify_merge(fx->c, &p);
		if ((p.n == 1) != cases[i].same)
			fail_msg("case %zu (%s / %s): %zu programs", i, cases[i].a, cases[i].b, p.n);
		classify_programs_free(&p);
	}
}

/* ---- the structural word lists (dict/classify.tsv) ---- */

/* a list file with every list, then line */
static char *
words_file(const char *line)
{
	return xasprintf("list\tword\tnote\n"
	    "title_end\t。\nfooter_mark\t©\nkey_drop\t\" \"\ta blank\ndeco_suffix\tについて\n"
	    "gov_suffix\t市\nyear_era\t令和\nyear_suffix\t年度\nround_suffix\t回\n"
	    "hard_notprogram\ttax\n%s", line);
}

static void
test_words_load(void **state)
{
	static const struct {
		const char *line, *msg; /* msg NULL: loads */
	} cases[] = {
		{ "", NULL },
		{ "title_end\tこと\tnote\n", NULL },
		{ "title_ends\tこと\n", "w.tsv:11: unknown list 'title_ends'" },
		{ "title_end\t。\n", "w.tsv:11: title_end '。' repeats line 2" },
		{ "title_end\t こと\n", "w.tsv:11: title_end ' こと': blanks around" },
		{ "title_end\n", "w.tsv:11: expected list<TAB>word[<TAB>note], found 1 field" },
		{ "title_end\t\"\"\n", "w.tsv:11: title_end: empty word" },
	};
	struct classify_words *w = NULL;
	const char *trunc = "list\tword\ntitle_end\t。\n";

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *text = words_file(cases[i].line);
		int rc = classify_words_load_mem(&w, "w.tsv", text, strlen(text));

		if (!cases[i].msg) {
			if (rc != 0)
				fail_msg("case %zu: %s", i, err_msg());
			assert_non_null(w);
		} else {
			if (rc == 0 || strstr(err_msg(), cases[i].msg) == NULL)
				fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc,
				    err_msg(), cases[i].msg);
			assert_null(w);
		}
		classify_words_free(w);
		w = NULL;
		free(text);
	}
	/* a truncated file: a list without rows */
	assert_int_not_equal(classify_words_load_mem(&w, "w.tsv", trunc, strlen(trunc)), 0);
	assert_non_null(strstr(err_msg(), "w.tsv:2: no footer_mark rows"));
	assert_int_not_equal(classify_words_load_mem(&w, "w.tsv", "", 0), 0);
	assert_non_null(strstr(err_msg(), "w.tsv: no header row"));

	/* the longer of two words wins; a quoted blank is a word */
	{
		char *text = words_file("year_suffix\t年\n");

		assert_int_equal(classify_words_load_mem(&w, "w.tsv", text, strlen(text)), 0);
		assert_int_equal(classify_words_prefix(w, CW_YEAR_SUFFIX, "年度の"), strlen("年度"));
		assert_int_equal(classify_words_prefix(w, CW_YEAR_SUFFIX, "年の"), strlen("年"));
		assert_int_equal(classify_words_prefix(w, CW_KEY_DROP, " x"), 1);
		assert_true(classify_words_ends(w, CW_TITLE_END, "開設します。", strlen("開設します。")));
		assert_false(classify_words_ends(w, CW_TITLE_END, "開設", strlen("開設")));
		assert_true(classify_words_within(w, CW_FOOTER_MARK, "(c) © 2024", 10));
		classify_words_free(w);
		free(text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence_items),
		cmocka_unit_test(test_merge_titles),
		cmocka_unit_test(test_words_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
