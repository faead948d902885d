/*
 * classify_internal: what the files of the classifier share and nobody
 * else needs (classify.c, merge.c).
 */
#ifndef MUNISCAN_CLASSIFY_INTERNAL_H
#define MUNISCAN_CLASSIFY_INTERNAL_H

/* classify_title_key: a program title compared for sameness: NFKC,
 * without spaces, brackets and middle dots.  Caller frees. */
char *classify_title_key(const char *t);

#endif
