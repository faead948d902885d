/*
 * pagefiles: local page files to classify (classify-file, train): their
 * URLs (--url, --url-map, --site-root), extraction and classification in
 * parallel, and the failures named per file.
 */
#ifndef MUNISCAN_PAGEFILES_H
#define MUNISCAN_PAGEFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "classify.h"

struct extract_page;

struct pf_file {
	const char *path;
	char *url;
	char *host;           /* normalised host (pf_host), or NULL */
	struct extract_page *page;
	struct classify_programs progs;  /* programs (not with cands) */
	struct classify_page_cands cands; /* candidates (with cands) */
	int seed;             /* owning seed index, or -1 */
	bool failed;
	char *error;
};

struct pf_run {
	struct pf_file *files;
	size_t n;
	const char *url_opt;
	char fetched_at[32];
	bool want_links; /* pages' links are needed (ownership by --seeds) */
	bool cands;      /* keep every candidate instead of deciding */
};

/* pf_host: "http://www.city.x.lg.jp:80/..." -> "city.x.jp" (caller frees);
 * NULL when url has no scheme. */
char *pf_host(const char *url);
/* pf_init: one file per path; its URL is run->url_opt, else
 * http://<path under site_root> when the path lies under site_root (may be
 * NULL), else the path itself. */
void pf_init(struct pf_run *run, char **paths, size_t n, const char *site_root);
/* pf_url_map: reads FILE<TAB>URL lines (a first line starting "file<TAB>"
 * is a header; further columns are ignored) from each of the comma-
 * separated files in maps and gives each listed file its URL (a map entry
 * names a file by its path or its base name).  Then sets every host.  A
 * malformed line is an error naming the map's file and line. */
int pf_url_map(struct pf_run *run, const char *maps);
/* pf_one: for classify_batch: reads, extracts and classifies file i (a
 * file that fails is marked and named, not fatal). */
int pf_one(struct classify_worker *w, size_t i, void *arg);
void pf_free(struct pf_run *run);

struct csv_out;
/* pf_print_header / pf_print_row: programs.csv rows (docs/CRITERIA.md) */
void pf_print_header(struct csv_out *out);
void pf_print_row(struct csv_out *out, const struct classify_program *p, const char *name,
	const char *category);

#endif
