/*
 * diff: what changed between two runs (docs/CRITERIA.md `muniscan diff`).
 *
 * Both folders are opened read-only (the old one is never migrated); the
 * only thing written is NEW_DIR/diff.csv.  Programs are matched by
 * government, page URL and title, then by path when a site moved host, then
 * by equal title within the government (match.h, MATCH_MOVED), and last the
 * programs left on one page pair up whatever their titles (MATCH_REST): a
 * renamed program is `changed` in its `program` field, so the changes of
 * its criteria show too.  A matched
 * pair whose program, url, types or a criterion differs is `changed`, one
 * row per field; evidence, page_sha256 and fetched_at are not compared.
 */
#ifndef MUNISCAN_DIFF_H
#define MUNISCAN_DIFF_H

#include <stdbool.h>
#include <stddef.h>

struct diff_counts {
	size_t added, removed, changed, unchanged; /* programs */
	size_t rows;                               /* rows of diff.csv */
};

/* diff_dirs: compares and writes new_dir/diff.csv (BOM unless !bom). */
int diff_dirs(struct diff_counts *out, const char *old_dir, const char *new_dir,
	bool bom);

#endif
