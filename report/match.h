/*
 * match: deciding that two program rows describe the same program, for
 * eval (predicted vs gold), review (reviewed vs reclassified) and diff
 * (last year vs this year).  docs/REPORT.md states the rules.
 *
 * URLs are compared leniently (match_url_key): scheme http/https ignored,
 * host lower-cased, default port, fragment and a trailing '/' dropped.
 * Titles are compared after NFKC, lower-casing and removing spaces,
 * punctuation and symbols (brackets, list marks): equal, one containing the
 * other, or a character-bigram Dice coefficient of at least
 * MATCH_DICE_STRONG.  Matching is one-to-one and greedy by best similarity.
 */
#ifndef MUNISCAN_MATCH_H
#define MUNISCAN_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#define MATCH_DICE_STRONG 0.5

/* match_url_key: "host/path?query" of url, lenient form; caller frees. */
char *match_url_key(const char *url);
/* match_url_path: "/path?query" of url, lenient form; caller frees. */
char *match_url_path(const char *url);

/* A title in comparable form: code points after normalisation. */
struct match_title {
	int *cp;
	size_t n;
};

/* match_title_init: normalises s (UTF-8; invalid bytes are dropped).
 * Release with match_title_fini(). */
void match_title_init(struct match_title *t, const char *s);
void match_title_fini(struct match_title *t);
/* match_title_norm: the normalised title as UTF-8 (caller frees). */
char *match_title_norm(const char *s);
/* match_dice: bigram Dice coefficient in [0, 1] (unigrams for one-character
 * titles; 1 for two empty titles). */
double match_dice(const struct match_title *a, const struct match_title *b);
/* match_title_score: 2 when equal, 1 + Dice when one contains the other,
 * else Dice.  Strong (a match on its own) when >= MATCH_DICE_STRONG. */
double match_title_score(const struct match_title *a, const struct match_title *b);

/* One row to match: its government, page URL and title (all borrowed). */
struct match_item {
	const char *code;
	const char *url;
	const char *title;
};

enum match_flags {
	/* a page (code + URL) with exactly one row on side A matches it to the
	 * most similar unmatched row of side B on that page, whatever the
	 * titles (or the URL has only one gold row) */
	MATCH_LONE = 1 << 0,
	/* diff: then match rows of the same government by URL path+query when
	 * hosts differ, and then by a strong title match anywhere in the
	 * government (a site that moved host or reorganised) */
	MATCH_MOVED = 1 << 1,
	/* diff: last, the rows still unmatched on one page pair up, most
	 * similar first, whatever the titles: a program renamed on its page
	 * (a title a reviewer corrected) is one program that changed, not one
	 * removed and one added */
	MATCH_REST = 1 << 2
};

/* match_pairs: fills a_to_b[i] with the index in b matched to a[i], or -1.
 * One-to-one: no b index appears twice.  Never fails. */
void match_pairs(long *a_to_b, const struct match_item *a, size_t na,
	const struct match_item *b, size_t nb, unsigned flags);

#endif
