/*
 * fuzz_rules: the rule-file parser (rules_load_mem) over arbitrary bytes,
 * then the matcher over each loaded row's own examples, tokenised one code
 * point per token (no MeCab in the fuzzer: the matcher must not rely on
 * how tokens were made).
 * Invariants: a failing load says why and returns no rule set; a loaded
 * set has rows with both examples; hits lie inside the text and the token
 * range, in text order.
 */
#include <stdbool.h>

#include "err.h"
#include "norm.h"
#include "rules.h"
#include "tokenize.h"
#include "util.h"
#include "fuzz_common.h"


static void
fuzz_match(const struct rules *r, const char *s)
{
	char *n = norm_simple(s, strlen(s));
	size_t len = strlen(n), nt = 0;
	struct token *toks = calloc(len + 1, sizeof(*toks));
	struct rules_hits h = RULES_HITS_INIT;

	if (!toks)
		abort();
	for (size_t i = 0; i < len;) {
		size_t e = i + 1;

		while (e < len && ((unsigned char)n[e] & 0xc0) == 0x80)
			e++;
		toks[nt].start = i;
		toks[nt].end = e;
		toks[nt].base = n + i;
		toks[nt].base_len = e - i;
		toks[nt].flags = (n[i] >= '0' && n[i] <= '9' ? TOK_NUMBER : 0) |
		    (nt == 0 ? TOK_BOL : 0) | (strncmp(n + i, "。", 3) == 0 ? TOK_PERIOD : 0);
		nt++;
		i = e;
	}
	rules_match_all(r, RULES_TITLE | RULES_HEADING | RULES_BODY, n, toks, nt, &h);
	for (size_t i = 0; i < h.n; i++) {
		fuzz_check(h.v[i].start <= h.v[i].end && h.v[i].end <= len);
		fuzz_check(h.v[i].tok_start < h.v[i].tok_end && h.v[i].tok_end <= nt);
		fuzz_check(i == 0 || h.v[i - 1].start <= h.v[i].start);
		fuzz_check(*rules_label_name(r, h.v[i].label) != '\0');
	}
	rules_hits_free(&h);
	free(toks);
	free(n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules *r = NULL;

	if (rules_load_mem(&r, "fuzz.tsv", (const char *)data, size) == 0) {
		fuzz_check(r != NULL);
		for (size_t i = 0; i < rules_count(r) && i < 64; i++) {
			struct rules_row_info ri;

			rules_row(r, i, &ri);
			fuzz_check(ri.positive[0] && ri.negative[0] && ri.id[0]);
			fuzz_check(rules_label(r, ri.label) >= 0);
			fuzz_match(r, ri.positive);
			fuzz_match(r, ri.negative);
		}
		rules_free(r);
	} else {
		fuzz_check(r == NULL);
		fuzz_check(err_msg()[0] != '\0');
	}
	return 0;
}
