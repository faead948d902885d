/*
 * review: carries a reviewer's labels forward to a new run (docs/CRITERIA.md,
 * docs/REVIEW.md).
 *
 * A reviewed file is programs.csv whose `review` column a reviewer filled:
 * - empty: unchecked.  Nothing of it is carried; this run's row stands.
 * - ok (or corrected, as a carried row is marked): checked, the labels are
 *   right as they stand, after any edit of the reviewer's;
 * - wrong: not a program of interest;
 * - missing: a row the reviewer added for a program the tool did not find.
 *
 * Work is split in two so that a bad file changes nothing: review_read()
 * reads and validates the whole file (no store needed), and only then does
 * the caller reclassify and call review_carry().
 *
 * review_carry() matches each checked row to this run's programs (match.h:
 * same page leniently, similar title, a page's lone reviewed row; then the
 * same page and the same evidence, for a title the reviewer rewrote; then an
 * equal title in the government when the row's page is gone) and acts only
 * where the page is unchanged (the row's page_sha256 equals the page's
 * current one):
 * - ok: the reviewer's title, types and criteria replace the tool's and
 *   riss_fit is recomputed; the row is marked `ok` when they equal this
 *   run's labels, `corrected` when they differ;
 * - wrong: the program is removed;
 * - missing: found by this run, it is treated as ok; else it is added
 *   (marked `missing`) on its page, found by URL, through the redirects
 *   the crawler followed, or, when the URL is gone, by the program's name
 *   (a page whose title or a heading names it), when the page is unchanged
 *   or still names the program.  Its page_sha256 may be empty: the row was
 *   added to a page without programs, whose hash no file showed.
 * Every row gets an outcome and, when nothing was carried, the reason: the
 * page changed, was not crawled this year (its crawl state), is gone, or no
 * page has the URL or the title.  The programs table's `review` column
 * holds the state: '' unchecked, ok, corrected, missing.
 */
#ifndef MUNISCAN_REVIEW_H
#define MUNISCAN_REVIEW_H

#include <stddef.h>

struct store;
struct review;

enum review_outcome {
	REVIEW_UNCHECKED,   /* empty review cell: this run's row stands */
	REVIEW_CONFIRMED,   /* checked, this run has the same labels: marked ok */
	REVIEW_CORRECTED,   /* the reviewer's labels replaced this run's: marked corrected */
	REVIEW_DROPPED,     /* wrong: this run's program removed */
	REVIEW_GONE,        /* wrong: this run does not report it either */
	REVIEW_ADDED,       /* missing: added, marked missing */
	REVIEW_NOT_CARRIED  /* checked, but nothing applied: see the reason */
};

/* The counts of one carry; see review_result() for each row. */
struct review_stats {
	size_t rows;        /* rows of the file */
	size_t unchecked;   /* empty review cells */
	size_t confirmed, corrected, dropped, gone, added;
	size_t moved;       /* of the added and corrected: carried to a new URL */
	size_t not_carried; /* = the next four */
	size_t page_changed; /* the page's text changed (or no longer names the program) */
	size_t not_crawled;  /* the URL is known but was not fetched this year */
	size_t no_page;      /* no page has the URL (or, for missing rows, the title) */
	size_t not_found;    /* the page is unchanged but this run no longer reports it */
};

/* The outcome of one reviewed row (strings borrowed from the review). */
struct review_result {
	size_t line;              /* line in the reviewed file */
	const char *label;        /* the review cell: "", ok, corrected, wrong, missing */
	const char *code, *program, *url;
	enum review_outcome outcome;
	const char *reason;       /* why nothing was carried, or a note; "" when none */
	const char *url_now;      /* the page it was carried to; "" when none */
};

/* review_read: reads and validates the whole reviewed file: the review
 * values, codes, types and every criterion cell of every row, a title and a
 * URL on every row.  MS_EINVAL names the file, line and bad value (the first
 * bad row, and how many more there are); MS_EIO when the file cannot be
 * read.  Caller frees with review_free(). */
int review_read(struct review **out, const char *path);
void review_free(struct review *rv);

/* review_carry: applies rv to st's programs in one transaction and records
 * each row's outcome in rv.  On error nothing is applied.  Logs one line
 * per checked row not carried (and per unchecked row whose labels differ
 * on an unchanged page), every row's outcome at debug level, and a
 * summary. */
int review_carry(struct review_stats *out, struct store *st, struct review *rv);

/* review_nrows, review_result: the outcomes after review_carry (the rows
 * in file order; borrowed until review_free). */
size_t review_nrows(const struct review *rv);
const struct review_result *review_result(const struct review *rv, size_t i);

/* review_outcome_str: "unchecked", "ok", "corrected", "dropped", "gone",
 * "added" or "not carried". */
const char *review_outcome_str(enum review_outcome o);

/* review_apply: review_read, then review_carry; out may be NULL. */
int review_apply_stats(struct store *st, const char *reviewed_csv,
	struct review_stats *out);
int review_apply(struct store *st, const char *reviewed_csv);

#endif
