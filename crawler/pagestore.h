/*
 * pagestore: the crawler's rows of the `pages` table: one fetched page
 * (or a body reused after a 304) written as a struct page_row, and the
 * lookups of `--since` in an older folder's pages (the validators of a
 * conditional request, the row a 304 reuses).
 *
 * The body is stored zlib-compressed (util_zcompress), with the SHA-256 of
 * the body as stored (UTF-8 text for HTML, the bytes for PDF).
 */
#ifndef MUNISCAN_PAGESTORE_H
#define MUNISCAN_PAGESTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/* page_row: one row of pages; every pointer is borrowed.  A NULL text
 * field is stored as NULL. */
struct page_row {
	int64_t frontier_id;
	const char *municipality_code;
	const char *url;             /* the frontier row's URL */
	const char *final_url;       /* the URL that answered */
	long http_status;            /* of the body (200 for a revisit) */
	const char *content_type;
	const char *kind;            /* "html" or "pdf" */
	const char *headers;         /* the response head as received */
	const char *charset;         /* the charset decision (extract/charset.h) */
	const char *charset_reason;
	const char *etag;
	const char *last_modified;
	const char *body_sha256;     /* hex, of the body as stored */
	const void *zbody;           /* the body, zlib-compressed */
	size_t zlen;
	size_t body_len;             /* bytes of the body as stored */
	bool truncated;              /* cut at --max-body */
	bool revisit;                /* body reused after a 304 */
	const char *fetched_at;      /* ISO 8601 UTC */
	int64_t run_id;
};

struct pagestore;

/* pagestore_new: the pages statements on st (borrowed for the life of the
 * pagestore); with since, st is an older folder's store opened read-only
 * and only the pagestore_since_* lookups are prepared.  MS_EDB with the
 * message set.  Caller frees with pagestore_free(). */
int pagestore_new(struct pagestore **out, struct store *st, bool since);
void pagestore_free(struct pagestore *ps);

/* pagestore_put: inserts (or replaces, for the same frontier row) row;
 * call inside the caller's transaction.  0 or MS_EDB. */
int pagestore_put(struct pagestore *ps, const struct page_row *row);

/* pagestore_since_validators: the ETag and Last-Modified of url's last
 * page with status 200, each NULL when absent or empty (caller frees
 * both).  A failed lookup counts as no page. */
void pagestore_since_validators(struct pagestore *ps, const char *url, char **etag_out,
	char **last_modified_out);

/* pagestore_since_page: url's last page with status 200 into *out (its
 * text fields "" for NULL; frontier_id, municipality_code, url and run_id
 * unset; borrowed until pagestore_since_done()).  Returns false when there
 * is none (a failed lookup counts as none); call pagestore_since_done()
 * in both cases. */
bool pagestore_since_page(struct pagestore *ps, const char *url, struct page_row *out);
void pagestore_since_done(struct pagestore *ps);

#endif
