/*
 * rules: the classifier's cue rules, loaded from TSV files a researcher can
 * edit (dict/rules/NN-name.tsv, format in docs/RULES.md), and matched against
 * tokenised text.
 *
 * A row gives a label ("group=value", e.g. type=expert_dispatch,
 * cost=free, neg=clause), the fields it applies to (title, heading, body),
 * its terms, a window, a weight, exclusions, a negation policy and one
 * positive and one negative example sentence.
 *
 * Terms: alternatives separated by '|'; an alternative is a sequence of
 * elements separated by spaces, each next element starting at most `window`
 * tokens after the previous one ends, inside one clause.  An element
 * matches a run of whole tokens whose normalised surfaces, the last one
 * possibly by its base form, spell it (so 派遣する matches 派遣し and
 * 専門家派遣 matches one user-dictionary token as well as 専門家|派遣);
 * ASCII letters match without regard to case.  The element `#` matches a
 * number (digits or kanji numerals) and gives the hit its value.
 *
 * Matching: every row's hits are found, then within each label group the
 * longest hit wins its tokens (so a `type=none` row for 人材派遣 keeps the
 * 派遣 of type=expert_dispatch from matching inside it); a hit whose
 * clause also holds one of the row's exclusions is dropped; a hit followed
 * in its clause by a negation (group `neg`, within that row's window) is
 * dropped (policy block), kept (keep) or relabelled (flip:VALUE).  Hits of
 * value `none` and of group `neg` only shape other hits and are not
 * returned.
 *
 * A loaded rule set is immutable and may be shared by threads.
 */
#ifndef MUNISCAN_RULES_H
#define MUNISCAN_RULES_H

#include <stdbool.h>
#include <stddef.h>

struct token;
struct rules;

enum rules_field {
	RULES_TITLE = 1 << 0,
	RULES_HEADING = 1 << 1,
	RULES_BODY = 1 << 2
};

struct rules_hit {
	int row;              /* index of the rule row */
	int label;            /* label id (after a negation flip) */
	size_t tok_start, tok_end; /* token range [start, end) */
	size_t start, end;    /* byte range in the matched text */
	long number;          /* value of a `#` element, or -1 */
	bool negated;         /* a negation followed it (policy keep or flip) */
};

struct rules_hits {
	struct rules_hit *v;
	size_t n, cap;
};

#define RULES_HITS_INIT { NULL, 0, 0 }

/* rules_load: every *.tsv file in dir, in name order.  Errors (MS_EINVAL)
 * name the file and line.  Caller frees with rules_free(). */
int rules_load(struct rules **out, const char *dir);
/* rules_load_mem: one rule file from memory (name is used in messages). */
int rules_load_mem(struct rules **out, const char *name, const char *data, size_t len);
void rules_free(struct rules *r);

size_t rules_count(const struct rules *r);

struct rules_row_info {
	const char *file;  /* borrowed from the rule set */
	size_t line;
	const char *id;
	const char *label; /* "group=value" */
	unsigned fields;   /* enum rules_field bits */
	double weight;
	const char *positive;
	const char *negative;
};

void rules_row(const struct rules *r, size_t i, struct rules_row_info *out);
/* rules_label: id of a "group=value" label, or -1 when no row uses it. */
int rules_label(const struct rules *r, const char *label);
/* rules_label_name: the "group=value" string of a label id (borrowed). */
const char *rules_label_name(const struct rules *r, int label);
double rules_row_weight(const struct rules *r, int row);

/* rules_match: appends to out (after clearing it) the hits of the rows
 * that apply to field, in text order.  toks come from tokenizer_run() on
 * text (normalised). */
void rules_match(const struct rules *r, unsigned field, const char *text,
	const struct token *toks, size_t ntoks, struct rules_hits *out);
/* rules_match_all: the same, also returning the hits of the rows that only
 * shape others (neg=*, *=none) that won their tokens: for testing rows. */
void rules_match_all(const struct rules *r, unsigned field, const char *text,
	const struct token *toks, size_t ntoks, struct rules_hits *out);
void rules_hits_free(struct rules_hits *h);

/* rules_parse_number: digits, digits with kanji multipliers (10万, 3千万) or
 * kanji numerals (三, 十, 二十五, 百) as a
 * long; -1 when s is not a number. */
long rules_parse_number(const char *s, size_t len);

#endif
