/*
 * test_rules: every rule row's examples (the positive sentence must make
 * the row match, the negative must not), the loader's error messages, the
 * matcher's longest-match, negation and exclusion behaviour, numbers, and
 * the classifier's structural rules on small hand-written pages (a trailing
 * list of links, a heading with no text, a budget line, sibling desks, the
 * rows of a support table, software among eligible expenses).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "classify.h"
#include "err.h"
#include "extract.h"
#include "norm.h"
#include "rules.h"
#include "tokenize.h"
#include "util.h"
#include "xalloc.h"

static struct tok_model *model;
static struct tokenizer *tok;

static int
setup(void **state)
{
	struct tok_model_opts o = TOK_MODEL_OPTS_INIT;
	const char *dict = getenv("MUNISCAN_DICT");

	(void)state;
	o.userdic = tok_find_userdic(dict);
	if (tok_model_new(&model, &o) < 0) {
		fprintf(stderr, "%s\n", err_msg());
		return -1;
	}
	free((char *)o.userdic);
	return tokenizer_new(&tok, model);
}

static int
teardown(void **state)
{
	(void)state;
	tokenizer_free(tok);
	tok_model_free(model);
	return 0;
}

/* row_hits: does row (index) match sentence in the given field? */
static bool
row_hits(const struct rules *r, int row, const char *label, unsigned field, const char *sentence)
{
	char *n = norm_simple(sentence, strlen(sentence));
	const struct token *toks;
	size_t ntoks;
	struct rules_hits h = RULES_HITS_INIT;
	bool found = false;

	assert_int_equal(tokenizer_run(tok, n, strlen(n), &toks, &ntoks), 0);
	rules_match_all(r, field, n, toks, ntoks, &h);
	/* a flipped hit is the row's match, but not of its label */
	for (size_t i = 0; i < h.n; i++)
		if (h.v[i].row == row && strcmp(rules_label_name(r, h.v[i].label), label) == 0)
			found = true;
	rules_hits_free(&h);
	free(n);
	return found;
}

static unsigned
first_field(unsigned fields)
{
	if (fields & RULES_BODY)
		return RULES_BODY;
	if (fields & RULES_HEADING)
		return RULES_HEADING;
	return RULES_TITLE;
}

static void
test_rule_examples(void **state)
{
	const char *dict = getenv("MUNISCAN_DICT");
	char *dir;
	struct rules *r = NULL;
	int failures = 0;

	(void)state;
	if (!dict) {
		print_message("MUNISCAN_DICT not set\n");
		skip();
	}
	dir = util_path_join(dict, "rules");
	if (rules_load(&r, dir) < 0)
		fail_msg("%s", err_msg());
	assert_true(rules_count(r) > 20);
	for (size_t i = 0; i < rules_count(r); i++) {
		struct rules_row_info ri;

		rules_row(r, i, &ri);
		if (!row_hits(r, (int)i, ri.label, first_field(ri.fields), ri.positive)) {
			print_error("%s:%zu: %s: positive example does not match: %s\n", ri.file, ri.line,
			    ri.id, ri.positive);
			failures++;
		}
		if (row_hits(r, (int)i, ri.label, first_field(ri.fields), ri.negative)) {
			print_error("%s:%zu: %s: negative example matches: %s\n", ri.file, ri.line, ri.id,
			    ri.negative);
			failures++;
		}
	}
	rules_free(r);
	free(dir);
	assert_int_equal(failures, 0);
}


static const char *const small_rules =
	"# a small rule set for behaviour tests\n"
	"id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
	"ed\ttype=ed\tany\t専門家派遣|専門家 派遣|派遣 する\t3\t1\t職員\tblock\t専門家を派遣します\t職員を派遣します\n"
	"staff\ttype=none\tany\t人材派遣\t0\t1\t-\tblock\t人材派遣\t専門家派遣\n"
	"self\tcost=partial\tany\t自己負担\t0\t1\t-\tflip:free\t自己負担があります\t自己負担はありません\n"
	"visits\tvisits=max\tany\t最大 # 回|# 回 まで\t1\t1\t-\tkeep\t最大5回\t1回2時間\n"
	"neg\tneg=clause\tany\tませ ん|ない\t0\t1\t-\tkeep\tありません\tあります\n"
	"q\tneg=none\tany\tませ ん か\t0\t1\t-\tkeep\tありませんか\tありません\n";

static struct rules_hits
match(const struct rules *r, const char *sentence)
{
	char *n = norm_simple(sentence, strlen(sentence));
	const struct token *toks;
	size_t ntoks;
	struct rules_hits h = RULES_HITS_INIT;

	assert_int_equal(tokenizer_run(tok, n, strlen(n), &toks, &ntoks), 0);
	rules_match(r, RULES_BODY, n, toks, ntoks, &h);
	free(n);
	return h;
}

static int
count_label(const struct rules *r, const struct rules_hits *h, const char *label)
{
	int n = 0;

	for (size_t i = 0; i < h->n; i++)
		if (strcmp(rules_label_name(r, h->v[i].label), label) == 0)
			n++;
	return n;
}

static void
test_matcher(void **state)
{
	struct rules *r = NULL;
	struct rules_hits h;

	(void)state;
	assert_int_equal(rules_load_mem(&r, "small", small_rules, strlen(small_rules)), 0);
	/* surface and base form: 派遣し matches 派遣する */
	h = match(r, "専門家を派遣し、助言します。");
	assert_int_equal(count_label(r, &h, "type=ed"), 1);
	rules_hits_free(&h);
	/* longest first: 人材派遣 claims its tokens in the type group */
	h = match(r, "人材派遣を利用する。");
	assert_int_equal(count_label(r, &h, "type=ed"), 0);
	rules_hits_free(&h);
	/* exclusion in the same sentence */
	h = match(r, "市の職員を派遣する。専門家派遣も行う。");
	assert_int_equal(count_label(r, &h, "type=ed"), 1);
	rules_hits_free(&h);
	/* negation to the end of the clause, not past 。 */
	h = match(r, "専門家の派遣は行いません。");
	assert_int_equal(count_label(r, &h, "type=ed"), 0);
	rules_hits_free(&h);
	h = match(r, "専門家派遣を行います。訪問はしません。");
	assert_int_equal(count_label(r, &h, "type=ed"), 1);
	rules_hits_free(&h);
	/* a question is not a negation */
	h = match(r, "専門家派遣を利用してみませんか？");
	assert_int_equal(count_label(r, &h, "type=ed"), 1);
	rules_hits_free(&h);
	/* flip: 自己負担はありません is free */
	h = match(r, "自己負担はありません。");
	assert_int_equal(count_label(r, &h, "cost=partial"), 0);
	assert_int_equal(count_label(r, &h, "cost=free"), 1);
	rules_hits_free(&h);
	/* numbers: full-width digits (NFKC) and kanji numerals */
	h = match(r, "派遣は最大５回です。");
	assert_int_equal(count_label(r, &h, "visits=max"), 1);
	assert_int_equal(h.v[0].number, 5);
	rules_hits_free(&h);
	h = match(r, "相談は十回まで。");
	assert_int_equal(count_label(r, &h, "visits=max"), 1);
	assert_int_equal(h.v[0].number, 10);
	rules_hits_free(&h);
	rules_free(r);
}

/* match_timed: the hits of text (normalised already) and the CPU seconds
 * rules_match took */
static struct rules_hits
match_timed(const struct rules *r, const char *text, double *secs)
{
	const struct token *toks;
	size_t ntoks;
	struct rules_hits h = RULES_HITS_INIT;
	clock_t t0;

	assert_int_equal(tokenizer_run(tok, text, strlen(text), &toks, &ntoks), 0);
	t0 = clock();
	rules_match(r, RULES_BODY, text, toks, ntoks, &h);
	*secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	return h;
}

/* A page that is one endless sentence of cue words: each hit's sentence,
 * exclusions and negation are found without rescanning the sentence (this
 * took minutes when every hit walked its sentence; now milliseconds). */
static void
test_long_sentence(void **state)
{
	enum { N = 60000 };
	struct rules *r = NULL;
	struct rules_hits h;
	struct buf b = BUF_INIT;
	double secs;

	(void)state;
	assert_int_equal(rules_load_mem(&r, "small", small_rules, strlen(small_rules)), 0);
	for (int i = 0; i < N; i++)
		buf_adds(&b, "専門家派遣");
	h = match_timed(r, buf_cstr(&b), &secs);
	assert_int_equal(count_label(r, &h, "type=ed"), N);
	assert_true(secs < 2.0);
	rules_hits_free(&h);
	/* one exclusion at the end of the sentence drops every hit */
	buf_adds(&b, "の職員");
	h = match_timed(r, buf_cstr(&b), &secs);
	assert_int_equal(count_label(r, &h, "type=ed"), 0);
	assert_true(secs < 2.0);
	rules_hits_free(&h);
	/* clauses: a negation at the end blocks only the last clause's hit */
	buf_reset(&b);
	for (int i = 0; i < N; i++)
		buf_adds(&b, "専門家派遣、");
	buf_adds(&b, "専門家の派遣は行いません");
	h = match_timed(r, buf_cstr(&b), &secs);
	assert_int_equal(count_label(r, &h, "type=ed"), N);
	assert_true(secs < 2.0);
	rules_hits_free(&h);
	buf_free(&b);
	rules_free(r);
}

static void
test_numbers(void **state)
{
	(void)state;
	assert_int_equal(rules_parse_number("5", 1), 5);
	assert_int_equal(rules_parse_number("12", 2), 12);
	assert_int_equal(rules_parse_number("三", strlen("三")), 3);
	assert_int_equal(rules_parse_number("十", strlen("十")), 10);
	assert_int_equal(rules_parse_number("二十五", strlen("二十五")), 25);
	assert_int_equal(rules_parse_number("百", strlen("百")), 100);
	assert_int_equal(rules_parse_number("回", strlen("回")), -1);
	assert_int_equal(rules_parse_number("", 0), -1);
	/* digits with kanji multipliers: amounts (上限10万円, 3千万円) */
	assert_int_equal(rules_parse_number("10万", strlen("10万")), 100000);
	assert_int_equal(rules_parse_number("3千万", strlen("3千万")), 30000000);
	assert_int_equal(rules_parse_number("5百", strlen("5百")), 500);
	assert_int_equal(rules_parse_number("10回", strlen("10回")), -1);
	assert_int_equal(rules_parse_number("99億億億", strlen("99億億億")), -1);
}

static void
test_load_errors(void **state)
{
	static const struct { const char *text; const char *msg; } cases[] = {
		{ "id\tlabel\n", "t.tsv:1: header" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tnolabel\tany\tx\t0\t1\t-\tblock\tp\tn\n", "t.tsv:2: label" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tfoot\tx\t0\t1\t-\tblock\tp\tn\n", "t.tsv:2: field" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\tx\tfar\t1\t-\tblock\tp\tn\n", "t.tsv:2: window" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\tx\t0\theavy\t-\tblock\tp\tn\n", "t.tsv:2: weight" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\tx\t0\t1\t-\tmaybe\tp\tn\n", "t.tsv:2: negation" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\tx\t0\t1\t-\tblock\tp\t-\n", "t.tsv:2: every row needs" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\t|\t0\t1\t-\tblock\tp\tn\n", "t.tsv:2: terms" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\tx\t0\t1\t-\tblock\tp\tn\n"
		  "# comment\n"
		  "a\tt=y\tany\ty\t0\t1\t-\tblock\tp\tn\n", "t.tsv:4: id a: already used at t.tsv:2" },
		{ "id\tlabel\tfield\tterms\twindow\tweight\texclude\tnegation\tpositive\tnegative\n"
		  "a\tt=x\tany\tx\t0\t1\n", "t.tsv:2: 6 columns" },
		{ "", "t.tsv: no header" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct rules *r = NULL;
		int rc = rules_load_mem(&r, "t.tsv", cases[i].text, strlen(cases[i].text));

		if (rc == 0 || strstr(err_msg(), cases[i].msg) == NULL)
			fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc, err_msg(),
			    cases[i].msg);
		assert_null(r);
	}
}

/* ---- the classifier's structural rules on small pages ---- */

/* classify_doc: the programs of a whole HTML document (out is filled; the
 * caller frees it with classify_programs_free) */
static void
classify_doc(struct classify_worker *w, const char *url, const char *html,
	struct classify_programs *out)
{
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct extract_page *pg = NULL;
	struct classify_page_meta meta = { url, "", "", 0 };

	eo.url = url;
	assert_int_equal(extract_html(&pg, html, strlen(html), &eo), 0);
	assert_int_equal(classify_page(w, pg, &meta, out), 0);
	extract_page_free(pg);
}

/* classify_html: the program titles of a page, '|'-joined (caller frees) */
static char *
classify_html(struct classify_worker *w, const char *url, const char *body)
{
	struct classify_programs out = CLASSIFY_PROGRAMS_INIT;
	char *html = xasprintf("<html><head><meta charset=\"utf-8\"><title>t</title></head>"
	    "<body><main>%s</main></body></html>", body);
	char *titles = xstrdup("");

	classify_doc(w, url, html, &out);
	for (size_t i = 0; i < out.n; i++) {
		char *t = xasprintf("%s%s%s", titles, *titles ? "|" : "", out.v[i].program);

		free(titles);
		titles = t;
	}
	classify_programs_free(&out);
	free(html);
	return titles;
}

static void
test_structure(void **state)
{
	struct classify_opts o = CLASSIFY_OPTS_INIT;
	struct classifier *c = NULL;
	struct classify_worker *w = NULL;
	char *t;

	(void)state;
	if (!getenv("MUNISCAN_DICT")) {
		print_message("MUNISCAN_DICT not set\n");
		skip();
	}
	o.dict_dir = getenv("MUNISCAN_DICT");
	if (classifier_new(&c, &o) < 0)
		fail_msg("%s", err_msg());
	assert_int_equal(classify_worker_new(&w, c), 0);

	/* a desk described in one item, then a trailing list of links to
	 * others' measures: the list is split off, the desk stays */
	t = classify_html(w, "http://www.example-cci.test/news/1",
	    "<h1>会議所からのお知らせ</h1>"
	    "<h2>融資制度、相談窓口等について【会員・非会員問わず】</h2><ul>"
	    "<li>ご相談について<br>当所では、中小企業・小規模事業者向けの相談窓口を設置しています。"
	    "経営面・資金面のご相談は平日9時から17時まで承ります。</li>"
	    "<li>A省「B給付金」について<br><a href=\"https://a.example/b\">https://a.example/b/kyufu/index.html</a></li>"
	    "<li>C県「D支援金」について<br><a href=\"https://c.example/d\">https://c.example/d/shienkin/index.html</a></li>"
	    "<li>E省「F協力金」について<br><a href=\"https://e.example/f\">https://e.example/f/kyoryoku/index.html</a></li>"
	    "<li>G局「相談窓口について」<br><a href=\"https://g.example/h\">https://g.example/h/soudan/index.html</a></li>"
	    "</ul>");
	assert_non_null(strstr(t, "相談窓口等について"));
	free(t);

	/* a hub heading with no text of its own is no program */
	t = classify_html(w, "http://www.city.example.lg.test/shien.html",
	    "<h1>支援情報</h1><h3>【事業所の皆様へ】（相談窓口、融資等）</h3>"
	    "<h2>給付金</h2><p>国の給付金の案内です。</p>");
	assert_string_equal(t, "");
	free(t);

	/* a table row's number stays in its row: 円 on the next row does
	 * not exclude 5回まで as the visits cap */
	{
		struct classify_programs out = CLASSIFY_PROGRAMS_INIT;
		const char *html = "<html><head><meta charset=\"utf-8\"><title>t</title></head><body><main>"
		    "<h1>中小企業診断士派遣事業</h1><p>区内の中小企業に中小企業診断士を派遣します。</p>"
		    "<table><tr><th>派遣回数</th><td>5回まで</td></tr>"
		    "<tr><th>費用</th><td>有料（1回5,000円）</td></tr></table></main></body></html>";

		classify_doc(w, "http://www.city.example.lg.test/haken.html", html, &out);
		assert_int_equal(out.n, 1);
		assert_int_equal(out.v[0].max_visits, 5);
		classify_programs_free(&out);
	}

	/* a section index: links to the program pages over the site's
	 * footer (address, copyright) is a list of links, not a program */
	t = classify_html(w, "http://www.city.example.lg.test/shoko/index.html",
	    "<h2>商工・労働</h2><p>・<a href=\"a.html\">商工業者への支援制度</a><br>"
	    "・<a href=\"b.html\">商工相談室</a><br>・<a href=\"c.html\">働き方改革個別相談会</a><br>"
	    "・<a href=\"d.html\">求職者の方へ</a></p>"
	    "<p>例市　〒100-0001 例県例市本町1番地1　TEL 00-0000-0000<br>"
	    "Copyright(C) Example City All Rights Reserved.</p>");
	assert_string_equal(t, "");
	free(t);

	/* a one-line marker item that says more than a label is its own
	 * text; a bare label (■相談窓口) is not */
	t = classify_html(w, "http://www.city.example.lg.test/shien2.html",
	    "<h1>支援策のご案内</h1><p>■中小企業の経営相談窓口（毎週水曜日・無料）</p>"
	    "<p>■融資のご案内</p>");
	assert_string_equal(t, "中小企業の経営相談窓口（毎週水曜日・無料）");
	free(t);
	t = classify_html(w, "http://www.city.example.lg.test/shien3.html",
	    "<h1>支援策のご案内</h1><p>■相談窓口</p><p>■融資のご案内</p>");
	assert_string_equal(t, "");
	free(t);

	/* budget lines: opening a desk is the city's offer, publicising one
	 * is a line item; the figure is no part of the program's name */
	t = classify_html(w, "http://www.city.example.lg.test/taisaku.html",
	    "<h1>追加対策</h1><h4>事業者への支援【補正額】3億円</h4><ul>"
	    "<li>事業者向けの相談窓口設置［3百万円］<br>＊専門家による中小企業の経営相談会を開催</li>"
	    "<li>事業者向け相談窓口の周知［2百万円］<br>＊中小企業の経営相談窓口のポスターを配布</li></ul>");
	assert_string_equal(t, "事業者向けの相談窓口設置");
	free(t);

	/* a budget line whose own text says what businesses get is a measure
	 * for them; the figure after a title does not make it too long to be
	 * one; a line without a business word stays a line item; bringing
	 * firms in (企業の誘致) is regional development, no work-style
	 * support */
	t = classify_html(w, "http://www.city.example.lg.test/taisaku2.html",
	    "<h1>追加対策</h1><h4>テレワークの推進 【補正額】8千万円（一般 4千万円）</h4><ul>"
	    "<li>サテライトオフィスの整備等による企業の誘致【補正額】7千万円（一般 4千万円）<br>"
	    "＊サテライトオフィスを活用する首都圏の企業への補助金</li>"
	    "<li>テレワーク導入奨励金の支給 【補正額】1千万円（一般 0千万円）<br>"
	    "＊在宅勤務の規定を整備しテレワークを実施する事業者に奨励金を支給</li></ul>"
	    "<h4>感染症対策【補正額】3千万円</h4><ul>"
	    "<li>感染症対応のアドバイザーの派遣 ［3百万円］<br>＊クラスター発生施設に医師を派遣</li></ul>");
	assert_string_equal(t, "テレワーク導入奨励金の支給");
	free(t);

	/* under a benefit or certification heading: a desk the body opens
	 * for it (…の相談窓口の開設) is an offer; the desk where it is
	 * applied for (申請および相談窓口) is the procedure's contact */
	t = classify_html(w, "http://www.city.example.lg.test/shienkin.html",
	    "<h1>事業継続支援金について</h1><p>市内の事業者に支援金を給付します。</p>"
	    "<h2>申請方法</h2><p>申請書を郵送してください。</p>"
	    "<h2>支援金の相談窓口の開設について</h2><p>次のとおり相談窓口（予約制）を開設します。"
	    "利用料金は無料です。</p>");
	assert_string_equal(t, "支援金の相談窓口の開設について");
	free(t);
	t = classify_html(w, "http://www.city.example.lg.test/nintei.html",
	    "<h1>セーフティネット保証の認定について</h1><p>中小企業者の認定を行います。</p>"
	    "<h2>認定に必要な書類</h2><p>認定申請書</p>"
	    "<h2>申請および相談窓口</h2><p>産業課（市役所3階）電話 06-1234-5678 "
	    "月曜日から金曜日 9時から17時 書類の受付には30分ほどかかります。</p>");
	assert_string_equal(t, "");
	free(t);

	/* a desk whose text is about applying for the benefit it sits under
	 * is that benefit's helpdesk, even with a desk word as its heading;
	 * the same desk heading with a consulting service of its own stays */
	t = classify_html(w, "http://www.city.example.lg.test/ouen.html",
	    "<h1>事業者応援支援金</h1><p>市内の中小企業に支援金を支給します。</p>"
	    "<h3>支給額</h3><p>法人10万円</p><h3>相談窓口</h3><p>申請方法や書類の書き方についての"
	    "ご質問は、支援金コールセンターへお問い合わせください。</p>");
	assert_string_equal(t, "");
	free(t);

	/* a tender for running a program and an award ceremony are no
	 * program though their headings name a dispatch or work-style
	 * reform; an h1 enclosing the page speaks for a generic title */
	t = classify_html(w, "http://www.city.example.lg.test/proposal.html",
	    "<h1>中小企業専門家派遣事業運営業務委託に係る公募型プロポーザルの実施について</h1>"
	    "<p>市では、中小企業への専門家派遣事業の運営を委託する事業者を募集します。</p>"
	    "<h2>参加資格</h2><p>市内に事業所を有する法人</p>");
	assert_string_equal(t, "");
	free(t);
	{
		struct classify_programs out = CLASSIFY_PROGRAMS_INIT;

		classify_doc(w, "http://www.city.example.lg.test/press.html",
		    "<html><head><meta charset=\"utf-8\"><title>報道発表資料</title></head><body><main>"
		    "<h1>働き方改革推進企業の表彰式を行います</h1><p>市では、働き方改革に取り組む"
		    "市内企業を認定しています。このたび3社を表彰します。</p>"
		    "<h2>表彰企業</h2><p>株式会社あおぞら</p></main></body></html>", &out);
		assert_int_equal(out.n, 0);
		classify_programs_free(&out);
	}

	/* an expert going to the business's premises is a dispatch, however
	 * the visit is worded (事業所までうかがい, 訪問診断) */
	t = classify_html(w, "http://www.city.example.lg.test/supporter.html",
	    "<h1>まちの経営サポーター事業</h1><p>中小企業の経営課題について、市に登録した"
	    "サポーターが事業所までうかがい、助言します。費用は無料です。</p>");
	assert_string_equal(t, "まちの経営サポーター事業");
	free(t);

	/* a state body's commissioned centre is the state's, though the
	 * words 委託事業 would say the page's own body runs it */
	t = classify_html(w, "http://www.town.example.lg.test/kuni.html",
	    "<h1>国などが実施する中小企業向け支援策</h1><ul>"
	    "<li>働き方改革推進支援センター（厚生労働省の委託事業）<br>就業規則や労働時間に関する"
	    "相談を無料で受け付けています。</li></ul>");
	assert_string_equal(t, "");
	free(t);

	/* the government's own staff (市職員の働き方改革) and a place to
	 * rent (テレワークスペース) are no support for businesses; a chamber's
	 * bookkeeping and tax desk for small firms is a desk */
	t = classify_html(w, "http://www.city.example.lg.test/shokuin.html",
	    "<h1>市職員の働き方改革の取組</h1><p>市役所では、テレワークの導入や時間外勤務の縮減に"
	    "取り組んでいます。</p><h2>主な取組</h2><p>在宅勤務制度、男性職員の育児休業の取得促進</p>");
	assert_string_equal(t, "");
	free(t);
	t = classify_html(w, "http://www.city.example.lg.test/space.html",
	    "<h1>市営テレワークスペースのご利用案内</h1><p>市内の事業者の皆さまがテレワークに使える"
	    "スペースです。利用料は1日500円です。</p>");
	assert_string_equal(t, "");
	free(t);
	t = classify_html(w, "http://www.example-cci.test/kicho.html",
	    "<h1>記帳・税務相談会</h1><p>帳簿の付け方や申告の準備について、市内の小規模事業者の"
	    "ご相談に税理士がお答えします。相談は無料です。</p>");
	assert_string_equal(t, "記帳・税務相談会");
	free(t);

	/* a page that is not there, a report of an event held, a call for
	 * experts and a school's dispatch offer nothing to businesses; a
	 * town's own commissioned experts with a partner named are its own */
	{
		static const char *const none[][2] = {
			{ "maintenance", "<h1>ただいまメンテナンス中です</h1><p>中小企業向けの専門家派遣や"
			  "経営相談窓口のご案内は、再開後にご覧ください。</p>" },
			{ "report", "<h1>DX入門セミナー＆個別相談会を開催しました</h1><p>市内の中小企業18社に"
			  "ご参加いただき、個別相談会では専門家が相談に応じました。</p>" },
			{ "recruit", "<h1>登録専門家の募集</h1><p>中小企業へ派遣する専門家を募集します。"
			  "中小企業診断士などの資格をお持ちの方はご応募ください。</p>" },
			{ "school", "<h1>学校への専門家派遣（しごと先生）</h1><p>市内の中学校に、地元企業の"
			  "経営者などを講師として派遣します。</p>" },
		};

		for (size_t k = 0; k < sizeof(none) / sizeof(*none); k++) {
			char *url = xasprintf("http://www.city.example.lg.test/%s.html", none[k][0]);

			t = classify_html(w, url, none[k][1]);
			if (strcmp(t, "") != 0)
				fail_msg("%s: got '%s', want no program", none[k][0], t);
			free(t);
			free(url);
		}
	}
	t = classify_html(w, "http://www.town.example.lg.test/genchi.html",
	    "<h1>事業承継 現地指導</h1><p>町が委嘱した専門家が事業所に伺い、後継者の育成などについて"
	    "現地で指導します。対象は町内の中小企業者です。</p>"
	    "<p>※この事業は町商工会と連携して実施しています。</p>");
	assert_string_equal(t, "事業承継 現地指導");
	free(t);

	/* the topics a dispatch covers, listed one per line without text of
	 * their own, are lines of that program, not programs */
	t = classify_html(w, "http://www.pref.example.lg.test/haken.html",
	    "<h1>働き方改革アドバイザー派遣事業</h1><p>県内の中小企業に社会保険労務士を無料で派遣し、"
	    "働き方改革の取組を支援します。</p><ol><li>対象者　県内の中小企業者</li><li>支援の内容</li>"
	    "<li>労働時間の管理方法及び長時間労働の削減</li><li>年次有給休暇の計画的付与</li>"
	    "<li>育児・介護と仕事の両立支援</li><li>費用　企業の負担なし</li></ol>");
	assert_string_equal(t, "働き方改革アドバイザー派遣事業");
	free(t);

	/* the prefecture acting (県では) is the page's own body on the
	 * prefecture's site, though a later section names the labour bureau;
	 * on a city's site the same words make the desk the prefecture's */
	{
		const char *body = "<h1>仕事と介護の両立 企業相談窓口</h1><h2>仕事と介護の両立 企業相談窓口</h2>"
		    "<p>県では、職場づくりに取り組む県内の事業者のための相談窓口を設けています。"
		    "相談は無料です。</p><h2>行動計画の届出</h2><p>届出先は労働局です。</p>";

		t = classify_html(w, "http://www.pref.example.lg.test/ryoritsu.html", body);
		assert_string_equal(t, "仕事と介護の両立 企業相談窓口");
		free(t);
		t = classify_html(w, "http://www.city.example.lg.test/ryoritsu.html", body);
		assert_string_equal(t, "");
		free(t);
	}

	/* experts named among a subsidy's eligible expenses are hired by the
	 * business itself: no dispatch */
	t = classify_html(w, "http://www.city.example.lg.test/bcp.html",
	    "<h1>事業継続計画策定支援補助金のご案内</h1>"
	    "<h2>補助金のご案内</h2><p>市では、中小企業者の事業継続計画の策定にかかる経費を補助します。</p>"
	    "<h3>対象経費</h3><p>計画の策定に際して専門家の助言を受けるための経費で、"
	    "専門家が直接策定支援を行うもの。</p><h3>補助率</h3><p>2分の1以内</p>");
	assert_string_equal(t, "");
	free(t);

	/* a line that is one link, then a list saying what it is: the link
	 * titles an item even when it reads as a sentence */
	t = classify_html(w, "http://www.city.example.lg.test/jigyosha.html",
	    "<h1>事業者の皆さまへ</h1><h2>相談・パンフレット</h2>"
	    "<p><a href=\"https://a.example/pamphlet\">支援策パンフレット（A省）</a></p>"
	    "<ul><li>A省が事業者向けの支援策のパンフレットを公表しています。</li></ul>"
	    "<p><a href=\"/sangyo/desk.html\">事業者向け相談窓口「経営サポートデスク」を開設しています</a></p>"
	    "<ul><li>経営に影響を受けている事業者を対象に、専門家が助言を行う相談窓口を開設しています。</li></ul>");
	assert_string_equal(t, "事業者向け相談窓口「経営サポートデスク」を開設しています");
	free(t);

	/* a support table whose first column groups the rows (区分): the
	 * second names each item; in a list titled as pointers (支援策一覧)
	 * an entry linking to its own page on this site is the site's */
	t = classify_html(w, "http://www.city.example.lg.test/shien_list.html",
	    "<h1>支援策一覧</h1><h2>事業者の皆さま向け</h2><table>"
	    "<tr><th>区分</th><th>事業名</th><th>内容</th><th>問い合わせ先</th></tr>"
	    "<tr><td>給付</td><td><a href=\"https://pref.example/kyoryoku\">県の協力金</a></td>"
	    "<td>飲食店に協力金を支給</td><td>県コールセンター</td></tr>"
	    "<tr><td>給付</td><td><a href=\"/sangyo/uriage.html\">売上応援金</a></td>"
	    "<td>販路開拓の経費を助成</td><td>産業振興課</td></tr>"
	    "<tr><td>その他</td><td><a href=\"/sangyo/it-haken.html\">IT専門家派遣</a></td>"
	    "<td>デジタル化を進める市内事業者にIT専門家を派遣</td><td>産業振興課</td></tr>"
	    "<tr><td>その他</td><td><a href=\"https://other.example/desk\">県の経営相談窓口</a></td>"
	    "<td>県が中小企業の経営相談を受け付けます</td><td>県</td></tr></table>");
	assert_string_equal(t, "IT専門家派遣");
	free(t);

	/* two sibling desks, each with its own text, are two programs even
	 * when one title contains the other */
	t = classify_html(w, "http://www.example-cci.test/soudan/",
	    "<h1>相談窓口</h1>"
	    "<h3>経営相談窓口の設置</h3><p>当所では中小企業の経営相談窓口を設置しました。</p>"
	    "<h3>オンライン経営相談窓口の設置</h3><p>当所ではオンラインで中小企業の経営相談を受け付けます。</p>");
	assert_string_equal(t, "経営相談窓口の設置|オンライン経営相談窓口の設置");
	free(t);

	/* a support table (a header row of bold cells): each row is its own
	 * unit, titled by its first cell; the contact cell says whose it is */
	t = classify_html(w, "http://www.city.example.lg.test/shien/ichiran.html",
	    "<h1>事業者向け主な支援制度・相談窓口</h1><p>支援制度や相談窓口を一覧にしました。</p>"
	    "<table><tr><td><strong>制度の名称</strong></td><td><strong>支援内容</strong></td>"
	    "<td><strong>問い合わせ先</strong></td></tr>"
	    "<tr><td><p>市独自！</p><p>テレワーク導入支援金</p></td><td><p>【対象者】</p>"
	    "<p>市内に事業所を有する中小企業者</p><p>【支援内容】テレワークの導入費用を支援します。</p></td>"
	    "<td><p>市商工課</p></td></tr>"
	    "<tr><td><p>経営相談窓口</p></td><td><p>中小企業の経営相談を受け付けます。</p></td>"
	    "<td><p>○○商工会議所</p></td></tr>"
	    "<tr><td><p>事業継続支援金</p></td><td><p>中小企業者に支援金を給付します。</p></td>"
	    "<td><p>市商工課</p></td></tr></table>");
	assert_string_equal(t, "市独自！ テレワーク導入支援金");
	free(t);

	/* a table whose rows open with a row header (<th>) and have two
	 * more cells lists things too */
	t = classify_html(w, "http://www.city.example.lg.test/shien/soudan.html",
	    "<h1>事業者向け相談</h1><table>"
	    "<tr><th>経営の相談をしたい</th><td>経営支援アドバイザーに中小企業の経営の相談ができます。</td>"
	    "<td>市産業振興室</td></tr>"
	    "<tr><th>資金繰りの相談をしたい</th><td>融資の相談窓口で相談できます。</td>"
	    "<td>日本政策金融公庫</td></tr></table>");
	assert_string_equal(t, "経営の相談をしたい");
	free(t);

	/* software in a list of eligible expenses does not make the program's
	 * field IT; telework named as the program's purpose does */
	{
		struct classify_programs out = CLASSIFY_PROGRAMS_INIT;
		const char *html = "<html><head><meta charset=\"utf-8\"><title>t</title></head><body><main>"
		    "<h1>中小企業チャレンジ補助金</h1><p>働き方改革や生産性向上に取り組む中小企業の"
		    "事業計画の費用の一部を補助します。</p><h2>補助金の内容</h2><ul>"
		    "<li>機械装置・システム構築費<br>機械装置、ソフトウェアの購入費</li>"
		    "<li>工事費<br>事業所の改修</li></ul></main></body></html>";

		classify_doc(w, "http://www.city.example.lg.test/hojo.html", html, &out);
		assert_int_equal(out.n, 1);
		assert_false(out.v[0].it_security);
		classify_programs_free(&out);
	}

	classify_worker_free(w);
	classifier_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_examples),
		cmocka_unit_test(test_matcher),
		cmocka_unit_test(test_long_sentence),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_structure),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
