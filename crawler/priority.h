/*
 * priority: the best-first crawl's scoring of links, from the terms and
 * weights in dict/crawl-priority.tsv (documented in that file's header).
 *
 * Deterministic: a link's priority depends only on its anchor text, its URL
 * and its parent's priority, so a resumed crawl orders the frontier exactly
 * as an uninterrupted one.
 */
#ifndef MUNISCAN_PRIORITY_H
#define MUNISCAN_PRIORITY_H

#include <stdbool.h>
#include <stddef.h>

struct priority;

/* priority_load: reads the TSV (header term, weight, offsite); MS_EIO or
 * MS_EINVAL naming the file and line.  Caller frees with priority_free(). */
int priority_load(struct priority **out, const char *path);
/* priority_load_mem: the same from a buffer (tests); name is for messages. */
int priority_load_mem(struct priority **out, const char *name, const char *data,
	size_t len);
void priority_free(struct priority *p);
size_t priority_nterms(const struct priority *p);

/* priority_score: own score of a link (anchor may be NULL; url is a
 * normalised URL) plus half of parent. */
double priority_score(const struct priority *p, const char *anchor,
	const char *url, double parent);
/* priority_offsite_ok: true when the anchor or the URL holds a term marked
 * offsite = yes (a link worth one hop off the government's sites). */
bool priority_offsite_ok(const struct priority *p, const char *anchor,
	const char *url);

#endif
