/*
 * robots: robots.txt per RFC 9309.
 *
 * Groups for the same product token are merged; the token match is
 * case-insensitive; when no group names the product, the '*' group applies.
 * Longest matching rule wins, Allow wins ties; '*' and '$' patterns, with
 * "%2A" and "%24" matching the characters themselves; percent-encoding
 * equivalence; at most 500 KiB parsed.  Crawl-delay and
 * Sitemap lines are kept (non-standard and global respectively).
 */
#ifndef MUNISCAN_ROBOTS_H
#define MUNISCAN_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

struct robots;

/* robots_parse: never fails on content (bad lines are ignored); caller frees
 * with robots_free(). product is the crawler's token, e.g. "muniscan". */
struct robots *robots_parse(const char *data, size_t len, const char *product);
/* robots_allow_all / robots_deny_all: for 4xx and for 5xx/unreachable. */
struct robots *robots_allow_all(void);
struct robots *robots_deny_all(void);
void robots_free(struct robots *r);
/* robots_allowed: path_query is the URL's path and query ("/a/b?c"),
 * or a whole URL (its path and query are used). */
bool robots_allowed(const struct robots *r, const char *path_query);
/* robots_crawl_delay: seconds, or 0 when none was given for the product. */
double robots_crawl_delay(const struct robots *r);
/* robots_sitemaps: the Sitemap URLs (borrowed). */
const char *const *robots_sitemaps(const struct robots *r, size_t *n_out);

#endif
