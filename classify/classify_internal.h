/*
 * classify_internal: what the files of the classifier share and nobody
 * else needs (classify.c, merge.c, classify_words.c).
 */
#ifndef MUNISCAN_CLASSIFY_INTERNAL_H
#define MUNISCAN_CLASSIFY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* ---- the structural word lists (dict/classify.tsv) ---- */

enum cw_which {
	CW_TITLE_END,    /* a heading ending so is a sentence, no title */
	CW_FOOTER_MARK,  /* a line holding one is the site's footer */
	CW_KEY_DROP,     /* left out of a title key */
	CW_DECO_SUFFIX,  /* announcement words after a program's name */
	CW_GOV_SUFFIX,   /* the end of a government's name */
	CW_YEAR_ERA,     /* an era name starting a year */
	CW_YEAR_SUFFIX,  /* after a year's number */
	CW_ROUND_SUFFIX, /* after 第 and a round's number */
	CW_HARD_NOTPROGRAM, /* notprogram=VALUE that holds whatever the heading names */
	CW_NLISTS
};

struct classifier;
struct classify_words;

/* classify_words_load: reads path (MS_EINVAL naming file:line for a bad
 * row, MS_EIO for an unreadable file).  Caller frees with
 * classify_words_free(). */
int classify_words_load(struct classify_words **out, const char *path);
/* classify_words_load_mem: the same from memory (name is used in
 * messages; data borrowed for the call). */
int classify_words_load_mem(struct classify_words **out, const char *name, const char *data,
	size_t len);
void classify_words_free(struct classify_words *w);
/* classify_words_prefix: bytes of the longest word of the list that the
 * NUL-terminated s starts with, 0 for none. */
size_t classify_words_prefix(const struct classify_words *w, enum cw_which which, const char *s);
/* classify_words_ends: s[0..n) ends with a word of the list. */
bool classify_words_ends(const struct classify_words *w, enum cw_which which, const char *s,
	size_t n);
/* classify_words_has: s is a word of the list. */
bool classify_words_has(const struct classify_words *w, enum cw_which which, const char *s);
/* classify_words_within: s[0..n) holds a word of the list. */
bool classify_words_within(const struct classify_words *w, enum cw_which which, const char *s,
	size_t n);

/* the classifier's lists (borrowed for the classifier's life) */
const struct classify_words *classifier_words(const struct classifier *c);

/* classify_title_key: a program title compared for sameness: NFKC,
 * without the key_drop words (blanks, brackets, middle dots).  Caller
 * frees. */
char *classify_title_key(const struct classify_words *w, const char *t);

#endif
