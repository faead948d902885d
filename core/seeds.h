/*
 * seeds: the seeds file (docs/CRITERIA.md): one local government a row.
 *
 * Header `code name prefecture category url`, optionally `start_urls`
 * (space-separated extra entry points).  Codes are 6-digit JIS X 0402 codes
 * with their check digit.  seeds_load() reports every bad line, not only the
 * first, so a researcher can fix a file in one pass.
 */
#ifndef MUNISCAN_SEEDS_H
#define MUNISCAN_SEEDS_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

struct seed {
	char code[8];
	char *name;
	char *prefecture;
	char *category;
	char *url;
	char **start_urls;
	size_t nstart;
	size_t line;
};

struct seeds {
	struct seed *v;
	size_t n;
};

/* seeds_load: on MS_EINVAL, errors (if not NULL) holds one line per bad
 * row ("FILE:LINE: reason"); err_msg() has the first.  An empty file, a
 * header without seeds and lines ending in a bare CR are MS_EINVAL too.
 * Caller frees with seeds_free(). */
int seeds_load(struct seeds **out, const char *path, struct buf *errors);
void seeds_free(struct seeds *s);
/* seeds_split_urls: appends the space-separated URLs of list to
 * sd->start_urls. */
void seeds_split_urls(struct seed *sd, const char *list);
/* seeds_code_valid: 6 digits whose last is the JIS X 0402 check digit. */
bool seeds_code_valid(const char *code);
bool seeds_category_valid(const char *category);
/* seeds_find: the seed with that code, or NULL. */
const struct seed *seeds_find(const struct seeds *s, const char *code);
/* seeds_filter: keeps only the codes in a comma-separated list; an unknown
 * code is MS_EINVAL naming it. */
int seeds_filter(struct seeds *s, const char *only);

#endif
