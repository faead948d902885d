/*
 * warc: the crawl archive, crawl.warc.gz (WARC/1.1).
 *
 * One gzip member per record, so a reader can seek record by record and a
 * torn last record (after a kill) is detected and dropped: on open for
 * append, the file is scanned and truncated after the last complete member.
 * Records: warcinfo, request, response, revisit (a 304 under --since).
 * Bodies are stored as the crawler decoded them (content-encoding removed)
 * with Content-Encoding/Content-Length/Transfer-Encoding headers rewritten to
 * match; see docs/ARCHIVE.md.
 */
#ifndef MUNISCAN_WARC_H
#define MUNISCAN_WARC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct warc;

/* warc_open: opens or creates path for appending, repairing a torn tail. */
int warc_open(struct warc **out, const char *path);
/* warc_close: flushes and closes; returns an error if the flush failed. */
int warc_close(struct warc *w);
int warc_write_info(struct warc *w, const char *fields);
/* warc_write_exchange: a request record and its response record.
 * http_head is the response status line and headers (CRLF-terminated,
 * ending with an empty line); truncated adds WARC-Truncated: length. */
int warc_write_exchange(struct warc *w, const char *url, const char *date_iso,
	const char *request_head, const char *http_head,
	const char *body, size_t body_len, bool truncated);
/* warc_write_revisit: a 304 that reused the body of an earlier capture. */
int warc_write_revisit(struct warc *w, const char *url, const char *date_iso,
	const char *http_head, const char *refers_to_date, const char *payload_digest);
/* warc_flush: makes everything written so far durable (fsync). */
int warc_flush(struct warc *w);

/* Reading (tests, --since). */
struct warc_record {
	char *type;          /* WARC-Type */
	char *target_uri;
	char *headers;       /* the WARC header block */
	char *content;       /* the record block */
	size_t content_len;
	char *payload_digest; /* WARC-Payload-Digest as written, or NULL */
	bool truncated;
};
struct warc_reader;
int warc_reader_open(struct warc_reader **out, const char *path);
/* warc_reader_open_mem: reads from data[0..len) (borrowed until
 * warc_reader_free); name is used in messages. */
int warc_reader_open_mem(struct warc_reader **out, const char *name, const void *data,
	size_t len);
/* warc_reader_next: 1 with a record, 0 at end, < 0 for a framing or digest
 * error naming the record's offset. */
int warc_reader_next(struct warc_reader *r, struct warc_record *rec);
/* warc_reader_offset: file offset of the next record's gzip member. */
uint64_t warc_reader_offset(const struct warc_reader *r);
/* warc_record_field: a copy of the value of the record's WARC header
 * name (case-insensitive, blanks around the value trimmed), or NULL. */
char *warc_record_field(const struct warc_record *rec, const char *name);
void warc_record_clear(struct warc_record *rec);
void warc_reader_free(struct warc_reader *r);

#endif
