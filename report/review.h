/*
 * review: carries a reviewer's labels forward to a new run (CONTRACT.md,
 * docs/REVIEW.md).
 *
 * A reviewed file is programs.csv with a `review` column (ok, empty, wrong,
 * missing) and corrected cells.  Each reviewed row is matched to this run's
 * programs (same government, same page URL leniently, similar title; see
 * match.h).  Only where the page is unchanged, i.e. the row's page_sha256
 * equals the page's current one, is anything applied:
 * - ok / empty: the reviewer's program title, types and criteria replace
 *   the tool's; riss_fit is recomputed from them; programs.review = 'ok';
 * - wrong: the program is dropped;
 * - missing: when the tool still does not find it, the row is added
 *   (programs.review = 'missing'); when it does, it is treated as ok.
 * Rows on changed pages are left to the new classification (and counted).
 */
#ifndef MUNISCAN_REVIEW_H
#define MUNISCAN_REVIEW_H

#include <stddef.h>

struct store;

struct review_stats {
	size_t applied;      /* programs updated with the reviewer's labels */
	size_t dropped;      /* wrong rows removed */
	size_t added;        /* missing rows inserted */
	size_t page_changed; /* rows whose page changed (or is gone): not applied */
	size_t not_found;    /* ok/wrong rows on unchanged pages the tool no longer reports */
};

/* review_apply: applies reviewed_csv to st's programs in one transaction.
 * MS_EINVAL names the file and line of a bad value (nothing applied). */
int review_apply(struct store *st, const char *reviewed_csv);
/* review_apply_stats: the same, reporting what was done. */
int review_apply_stats(struct store *st, const char *reviewed_csv,
	struct review_stats *out);

#endif
