/*
 * summary: the governments with their crawl counts, and the study's table
 * (summary.csv) computed from them and the programs.
 *
 * Counts per government come from the frontier: pages_fetched = URLs in
 * state fetched, pages_failed = state failed, robots_blocked = state refused
 * with a reason starting "robots".  A `capital;designated` government counts
 * under both categories.
 */
#ifndef MUNISCAN_SUMMARY_H
#define MUNISCAN_SUMMARY_H

#include <stddef.h>

struct progs;
struct store;

struct muni_row {
	char *code, *name, *prefecture, *category, *url;
	char *status;          /* "" when not crawled */
	long fetched, failed, robots_blocked, programs;
};

struct munis {
	struct muni_row *v;
	size_t n;
};

/* summary_munis_load: every municipalities row in code order; caller frees
 * with summary_munis_free(). */
int summary_munis_load(struct munis **out, struct store *st);
void summary_munis_free(struct munis *m);

struct summary_row {
	char *measure, *value;
	long count;
};

struct summary {
	struct summary_row *v;
	size_t n;
};

/* summary_compute: the rows of summary.csv (see docs/REPORT.md for the
 * list); never fails; caller frees with summary_free(). */
struct summary *summary_compute(const struct munis *m, const struct progs *p);
void summary_free(struct summary *s);
/* summary_get: the count of a row, or 0. */
long summary_get(const struct summary *s, const char *measure, const char *value);

#endif
