/*
 * classify: from extracted pages to programs of interest (docs/CRITERIA.md), with
 * their types, the four criteria and the evidence for each decision.
 *
 * A classifier holds what every thread shares and never changes once
 * loaded: the rule set (dict/rules/NN-name.tsv) and the MeCab model.  Each thread
 * makes one classify_worker (its own MeCab tagger and lattice).
 *
 * Per page: every section's heading and text are normalised (NFKC), tokenised
 * and matched; sections are grouped into units (a titled heading or list
 * item with the facet subsections under it: 対象, 費用, 申込方法 ...); a
 * unit is a program when its audience is businesses (in it, an enclosing
 * heading or the page title), it carries at least one type, it is not a loan,
 * benefit or other non-program topic offering no type, not a mere mention of
 * somebody else's program, and no more specific unit below it carries the
 * same types.  Criteria come from the unit's own text.  Evidence quotes the
 * page as written.
 */
#ifndef MUNISCAN_CLASSIFY_H
#define MUNISCAN_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"

struct extract_page;
struct store;
struct classifier;
struct classify_worker;

struct classify_opts {
	const char *rules_dir;   /* NULL: <dict>/rules */
	const char *dict_dir;    /* NULL: paths_dict() (--dict, $MUNISCAN_DICT, ...) */
	int threads;             /* 0: one per online CPU */
	const char *model_path;  /* NULL: <dict>/model.tsv when it exists */
	bool no_model;           /* the rules' gates decide, whatever the dict holds */
	bool features;           /* compute every candidate's features (training) */
};

#define CLASSIFY_OPTS_INIT { .rules_dir = NULL }


struct classify_page_meta {
	const char *url;               /* final URL; NULL: page->url */
	const char *municipality_code; /* NULL: "" */
	const char *fetched_at;        /* ISO 8601 UTC; NULL: "" */
	int64_t page_id;
};

/* classifier_new: loads rules and the MeCab model (with the user
 * dictionary when found).  Caller frees with classifier_free(). */
int classifier_new(struct classifier **out, const struct classify_opts *o);
void classifier_free(struct classifier *c);
/* classifier_rules_dir / classifier_userdic: what was loaded (borrowed;
 * userdic NULL when none was found). */
const char *classifier_rules_dir(const struct classifier *c);
const char *classifier_userdic(const struct classifier *c);

int classify_worker_new(struct classify_worker **out, struct classifier *c);
void classify_worker_free(struct classify_worker *w);

/* classify_page: appends the programs of one extracted page to out. */
int classify_page(struct classify_worker *w, const struct extract_page *page,
	const struct classify_page_meta *meta, struct classify_programs *out);

/* A candidate: a unit of a page whose cues name a type, with the features
 * the model weighs and the row it gives if it is a program. */
struct classify_cand {
	struct classify_program row;
	char *feats;       /* NUL-separated feature names (empty unless computed) */
	size_t feats_len;
	bool rule_program; /* the rules' gates alone make it a program */
	int unit;          /* index of its unit on the page */
	bool own_text;     /* it has text of its own */
};

struct classify_page_cands {
	struct classify_cand *v;
	size_t n;
	int *parent;       /* per unit of the page: the enclosing unit, or -1 */
	size_t nunits;
	const char *main_text; /* the page's (borrowed: keep the page while deciding) */
	const struct classify_words *words; /* the classifier's (borrowed) */
};

struct model;
struct classify_words;

/* classify_page_cands: a page's candidates (classify_page is this followed
 * by classify_cands_decide with the classifier's own model).  Caller frees
 * with classify_page_cands_free(). */
int classify_page_cands(struct classify_worker *w, const struct extract_page *page,
	const struct classify_page_meta *meta, struct classify_page_cands *out);
/* classify_cands_decide: appends the programs among the candidates to out,
 * as model m decides (NULL: the rules' gates), the most specific unit of a
 * program kept and one program under two headings reported once. */
void classify_cands_decide(const struct classify_page_cands *pc, const struct model *m,
	struct classify_programs *out);
void classify_page_cands_free(struct classify_page_cands *pc);
/* classifier_model_path: the model file in use, or NULL (borrowed). */
const char *classifier_model_path(const struct classifier *c);

/* classify_merge: reports a program described on several pages of one
 * government once (the page where it is the whole subject, else the first),
 * moving the other pages' URLs to extra_urls; c gives the words that may
 * stand around a program's name (dict/classify.tsv). */
void classify_merge(const struct classifier *c, struct classify_programs *p);

/* classify_batch: runs fn(worker, i, arg) for i in [0, n) on `threads`
 * threads (0: all CPUs), each thread with its own worker.  Returns the
 * first error fn returned, after all threads stopped. */
int classify_batch(struct classifier *c, int threads, size_t n,
	int (*fn)(struct classify_worker *w, size_t i, void *arg), void *arg);

/* The largest stored body read back (inflated), for classify and review. */
#define CLASSIFY_MAX_BODY ((size_t)64 << 20)

/* classify_stored_page: the extracted page of a stored body (pages.kind,
 * pages.body: zlib-compressed UTF-8 HTML or PDF bytes, at most max_body
 * bytes once inflated), as classify_store reads it; url resolves its
 * links and names it in messages.  The charset is not decided again: the
 * body is UTF-8 whatever its stored Content-Type says.  Errors: a body
 * that does not inflate (MS_EINVAL, MS_ELIMIT: the caller names the page)
 * or does not extract (extract.h's errors, naming url).  Caller frees
 * *out with extract_page_free(). */
int classify_stored_page(struct extract_page **out, const char *kind, const void *zbody,
	size_t zlen, const char *url, size_t max_body);

/* classify_store: re-classifies every page in the store, in parallel,
 * replacing the programs table in one transaction (rows tagged run_id).
 * A review is carried forward afterwards by the caller (report/review.h). */
int classify_store(struct store *st, const struct classify_opts *o, int64_t run_id);


#endif
