/*
 * fuzz_classify: a page through extraction and the classifier (rules, the
 * model, criteria, evidence) over arbitrary bytes.
 * Input: the first byte picks the page URL (a city's, a prefecture's, an
 * organisation's site), the rest is the page's HTML (bytes in any encoding,
 * decoded as the crawler would).  Invariants of every program row: title,
 * URL, evidence well-formed UTF-8; at least one type; the criteria in
 * range and riss_fit their count; the evidence cell at most 1,000
 * characters and each quoted passage at most 120.
 */
#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>

#include "classify.h"
#include "err.h"
#include "extract.h"
#include "fuzz_common.h"
#include "util.h"

static struct classifier *cl;
static struct classify_worker *wk;

static void
setup(void)
{
	struct classify_opts o = CLASSIFY_OPTS_INIT;
	const char *dir = getenv("MUNISCAN_DICT");

	if (wk)
		return;
	o.dict_dir = dir && *dir ? dir : MUNISCAN_SOURCE_DICT;
	if (extract_config_load(o.dict_dir) != 0 || classifier_new(&cl, &o) != 0 ||
	    classify_worker_new(&wk, cl) != 0) {
		fprintf(stderr, "fuzz_classify: %s\n", err_msg());
		abort();
	}
}

static void
check_row(const struct classify_program *p)
{
	char *e = program_evidence_cell(&p->evidence);

	fuzz_check(util_utf8_valid(p->program, strlen(p->program)));
	fuzz_check(util_utf8_valid(p->url, strlen(p->url)));
	fuzz_check(util_utf8_valid(e, strlen(e)));
	fuzz_check(p->types != 0 && p->types < 8);
	fuzz_check(p->cost >= COST_UNKNOWN && p->cost <= COST_PAID);
	fuzz_check(p->max_visits >= 0 && p->max_visits < 1000);
	fuzz_check(p->riss_fit == p->it_security + p->expert_registry +
	    (p->cost == COST_FREE || p->cost == COST_PARTIAL) + (p->continuity == CONT_MULTIPLE));
	fuzz_check(util_utf8_chars(e, strlen(e)) <= 1000);
	/* each item is "label: passage"; a passage never exceeds 120 characters */
	for (const char *it = e; *it;) {
		const char *end = strstr(it, " | "), *colon = strstr(it, ": ");
		size_t n = end ? (size_t)(end - it) : strlen(it);

		fuzz_check(colon != NULL && colon < it + n);
		fuzz_check(util_utf8_chars(colon + 2, n - (size_t)(colon + 2 - it)) <= 120);
		it += n + (end ? 3 : 0);
	}
	free(e);
	/* each item's hit lies inside its passage */
	for (size_t k = 0; k < p->evidence.n; k++) {
		const struct program_evidence *it = &p->evidence.v[k];

		fuzz_check(it->hit_start <= it->hit_end && it->hit_end <= strlen(it->passage));
		fuzz_check(util_utf8_valid(it->passage + it->hit_start, it->hit_end - it->hit_start));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const urls[] = {
		"http://www.city.example.lg.test/sangyo/shien.html",
		"http://www.pref.example.lg.test/shoko/soudan.html",
		"http://www.example-zaidan.test/jigyo/haken.html",
		"http://www.city.example.lg.test/",
	};
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct classify_page_meta meta = { NULL, "011002", "2026-01-01T00:00:00Z", 0 };
	struct classify_programs out = CLASSIFY_PROGRAMS_INIT;
	struct extract_page *pg = NULL;

	setup();
	if (size == 0)
		return 0;
	eo.url = meta.url = urls[data[0] % 4];
	eo.content_type = "text/html";
	if (size - 1 >= 4 && memcmp(data + 1, "%PDF", 4) == 0)
		return 0;
	if (extract_bytes(&pg, (const char *)data + 1, size - 1, &eo) != 0) {
		fuzz_check(pg == NULL);
		err_clear();
		return 0;
	}
	fuzz_check(classify_page(wk, pg, &meta, &out) == 0);
	for (size_t i = 0; i < out.n; i++)
		check_row(&out.v[i]);
	classify_merge(cl, &out);
	classify_programs_free(&out);
	extract_page_free(pg);
	return 0;
}
