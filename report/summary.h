/*
 * summary: the governments with their crawl counts, and the study's table
 * (summary.csv) computed from them and the programs.
 *
 * Counts per government come from the frontier: pages_fetched = URLs in
 * state fetched, pages_failed = state failed, robots_blocked = state refused
 * with a reason starting "robots".  A `capital;designated` government counts
 * under both categories.  A government offers a type when one of its
 * programs has it; governments_with_type_share divides the governments
 * offering a type by the governments surveyed.
 */
#ifndef MUNISCAN_SUMMARY_H
#define MUNISCAN_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

struct progs;
struct store;

struct muni_row {
	char *code, *name, *prefecture, *category, *url;
	char *status;          /* "" when not crawled */
	long fetched, failed, robots_blocked, programs;
	unsigned types;        /* mask of program_types its programs have */
	int best_fit;          /* highest riss_fit of its programs, -1 if none */
};

struct munis {
	struct muni_row *v;
	size_t n;
};

/* summary_munis_load: every municipalities row in code order (the
 * prefecture filled in as PROGS_PREFECTURE_SQL says), types 0 and best_fit
 * -1; caller frees with summary_munis_free(). */
int summary_munis_load(struct munis **out, struct store *st);
/* summary_munis_tally: sets each government's types and best_fit from the
 * programs whose municipality_code is its code (riss_fit as the cell says:
 * the store keeps it in step with the criteria). */
void summary_munis_tally(struct munis *m, const struct progs *p);
void summary_munis_free(struct munis *m);

struct summary_row {
	char *measure, *value;
	long count;
	bool is_share;         /* a share: share is written, count unused */
	double share;          /* 0 to 1 */
};

struct summary {
	struct summary_row *v;
	size_t n;
};

/* summary_compute: the rows of summary.csv (see docs/REPORT.md for the
 * list) from m, tallied by summary_munis_tally(), and p; never fails;
 * caller frees with summary_free(). */
struct summary *summary_compute(const struct munis *m, const struct progs *p);
void summary_free(struct summary *s);
/* summary_get: the count of a row, or 0. */
long summary_get(const struct summary *s, const char *measure, const char *value);

#endif
