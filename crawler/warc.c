/*
 * warc: the crawl archive, crawl.warc.gz (WARC/1.1); see warc.h and
 * docs/ARCHIVE.md.
 *
 * Invariants of the file this module writes:
 *   - every record is exactly one gzip member, so `zcat` reads the whole
 *     file and a reader can stop or resume at any member boundary;
 *   - a record is appended with one write() of its whole member; a failed
 *     or short write is cut off again with ftruncate(), and a member torn by
 *     a kill is cut off by the next warc_open(), so the file is always a
 *     sequence of complete, verified records;
 *   - response blocks hold the decoded body and HTTP headers that describe
 *     it (Content-Length equal to the stored length, no Content-Encoding or
 *     Transfer-Encoding; the originals kept as X-Original-*).
 * The writer is safe to call from several threads (one mutex); the reader is
 * not shared.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "err.h"
#include "log.h"
#include "url.h"
#include "util.h"
#include "warc.h"
#include "xalloc.h"

/* one record never exceeds this decompressed (the crawler caps bodies far
 * lower); it bounds what a reader allocates for a hostile file */
#define WARC_MAX_RECORD ((size_t)1 << 30)
#define WARC_MAX_HEADER ((size_t)1 << 20)
#define WARC_CHUNK 65536

#define WARC_REVISIT_PROFILE \
	"http://netpreserve.org/warc/1.1/revisit/server-not-modified"

struct warc {
	char *path;
	int fd;
	int urandom;
	off_t size; /* bytes of complete records */
	bool dir_synced;
	pthread_mutex_t lock;
};

/* ---- gzip members, shared by the reader and the repair on open ---- */

struct warc_gz {
	FILE *f;
	const char *path;
	z_stream z;
	bool z_ready;
	unsigned char in[WARC_CHUNK];
	uint64_t read;  /* bytes read from the file */
	bool eof;
};

static int
warc_gz_init(struct warc_gz *g, FILE *f, const char *path)
{
	memset(g, 0, sizeof(*g));
	g->f = f;
	g->path = path;
	if (inflateInit2(&g->z, 15 + 16) != Z_OK)
		return err_set(MS_ERROR, "%s: zlib init failed", path);
	g->z_ready = true;
	return 0;
}

static void
warc_gz_end(struct warc_gz *g)
{
	if (g->z_ready)
		inflateEnd(&g->z);
	g->z_ready = false;
}

/* warc_gz_offset: file offset of the next unconsumed compressed byte. */
static uint64_t
warc_gz_offset(const struct warc_gz *g)
{
	return g->read - g->z.avail_in;
}

/* warc_gz_member: decompresses the next member into out (reset first).
 * 1 with a member, 0 at a clean end of file, < 0 on a torn or corrupt
 * member (message names the member's offset). */
static int
warc_gz_member(struct warc_gz *g, struct buf *out, uint64_t *start_out)
{
	unsigned char chunk[WARC_CHUNK];
	uint64_t start;
	int zr;

	buf_reset(out);
	if (g->z.avail_in == 0 && !g->eof) {
		size_t n = fread(g->in, 1, sizeof(g->in), g->f);

		if (n == 0 && ferror(g->f))
			return err_set(MS_EIO, "%s: read error", g->path);
		g->eof = n == 0;
		g->z.next_in = g->in;
		g->z.avail_in = (uInt)n;
		g->read += n;
	}
	start = warc_gz_offset(g);
	*start_out = start;
	if (g->z.avail_in == 0)
		return 0;
	inflateReset(&g->z);
	for (;;) {
		if (g->z.avail_in == 0) {
			size_t n = g->eof ? 0 : fread(g->in, 1, sizeof(g->in), g->f);

			if (n == 0) {
				if (ferror(g->f))
					return err_set(MS_EIO, "%s: read error", g->path);
				g->eof = true;
				return err_set(MS_EINVAL,
				    "%s: offset %llu: gzip member cut short (torn record)",
				    g->path, (unsigned long long)start);
			}
			g->z.next_in = g->in;
			g->z.avail_in = (uInt)n;
			g->read += n;
		}
		g->z.next_out = chunk;
		g->z.avail_out = sizeof(chunk);
		zr = inflate(&g->z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
			return err_set(MS_EINVAL, "%s: offset %llu: corrupt gzip member (%s)",
			    g->path, (unsigned long long)start, g->z.msg ? g->z.msg : "zlib error");
		if (buf_add(out, chunk, sizeof(chunk) - g->z.avail_out) != 0)
			return err_set(MS_ELIMIT, "%s: offset %llu: record larger than %zu bytes",
			    g->path, (unsigned long long)start, WARC_MAX_RECORD);
		if (zr == Z_STREAM_END)
			return 1;
	}
}

/* ---- record framing ---- */

/* warc_header_value: the value of header name in the header block
 * hdr[0..len), or NULL; caller frees. */
static char *
warc_header_value(const char *hdr, size_t len, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = hdr, *end = hdr + len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end;

		if (le > p && le[-1] == '\r')
			le--;
		if ((size_t)(le - p) > nlen && p[nlen] == ':' && strncasecmp(p, name, nlen) == 0) {
			const char *v = p + nlen + 1;

			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			while (le > v && (le[-1] == ' ' || le[-1] == '\t'))
				le--;
			return xstrndup(v, (size_t)(le - v));
		}
		p = eol ? eol + 1 : end;
	}
	return NULL;
}

/* warc_http_payload: where the HTTP body starts in a block holding an HTTP
 * message, or NULL when the block has no complete head. */
static const char *
warc_http_payload(const char *block, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++)
		if (memcmp(block + i, "\r\n\r\n", 4) == 0)
			return block + i + 4;
	return NULL;
}

static bool
warc_parse_size(const char *s, size_t *out)
{
	size_t v = 0;

	if (!s || !*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return false;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return true;
}

/* warc_parse_record: checks one decompressed member and fills rec.
 * offset names the member in messages. */
static int
warc_parse_record(struct warc_record *rec, const char *path, uint64_t offset,
	const char *data, size_t len)
{
	const char *hend = NULL, *block;
	size_t hlen = 0, clen = 0;
	char *cl = NULL, *type = NULL, *id = NULL, *date = NULL;
	char *bdig = NULL, *pdig = NULL, *trunc = NULL, *uri = NULL;
	char digest[48];
	int rc = 0;

	memset(rec, 0, sizeof(*rec));
#define BAD(...) do { rc = err_set(MS_EINVAL, __VA_ARGS__); goto out; } while (0)
	if (len < 10 || (memcmp(data, "WARC/1.1\r\n", 10) != 0 &&
	    memcmp(data, "WARC/1.0\r\n", 10) != 0))
		BAD("%s: offset %llu: record does not start with a WARC/1.1 version line",
		    path, (unsigned long long)offset);
	for (size_t i = 8; i + 3 < len && i < WARC_MAX_HEADER; i++) {
		if (memcmp(data + i, "\r\n\r\n", 4) == 0) {
			hend = data + i + 2;
			break;
		}
	}
	if (!hend)
		BAD("%s: offset %llu: WARC header block not terminated by CRLF CRLF",
		    path, (unsigned long long)offset);
	hlen = (size_t)(hend - data);
	/* every header line is "Name: value" or a folded continuation */
	for (const char *p = data + 10; p < hend;) {
		const char *eol = memchr(p, '\n', (size_t)(hend - p));

		if (!eol || eol == p || eol[-1] != '\r')
			BAD("%s: offset %llu: WARC header line without CRLF",
			    path, (unsigned long long)offset);
		if (!memchr(p, ':', (size_t)(eol - p)) && *p != ' ' && *p != '\t')
			BAD("%s: offset %llu: WARC header line without a colon",
			    path, (unsigned long long)offset);
		p = eol + 1;
	}
	cl = warc_header_value(data, hlen, "Content-Length");
	if (!warc_parse_size(cl, &clen))
		BAD("%s: offset %llu: missing or bad Content-Length", path,
		    (unsigned long long)offset);
	type = warc_header_value(data, hlen, "WARC-Type");
	id = warc_header_value(data, hlen, "WARC-Record-ID");
	date = warc_header_value(data, hlen, "WARC-Date");
	if (!type || !*type || !id || !*id || !date || !*date)
		BAD("%s: offset %llu: missing WARC-Type, WARC-Record-ID or WARC-Date",
		    path, (unsigned long long)offset);
	block = hend + 2;
	if (clen > len - hlen - 2 || len - hlen - 2 - clen != 4)
		BAD("%s: offset %llu: Content-Length %zu does not match the record "
		    "(%zu bytes after the header)", path, (unsigned long long)offset,
		    clen, len - hlen - 2);
	if (memcmp(block + clen, "\r\n\r\n", 4) != 0)
		BAD("%s: offset %llu: block not followed by CRLF CRLF", path,
		    (unsigned long long)offset);
	if ((bdig = warc_header_value(data, hlen, "WARC-Block-Digest")) != NULL) {
		util_sha1_base32(digest, block, clen);
		if (strcmp(digest, bdig) != 0)
			BAD("%s: offset %llu: WARC-Block-Digest mismatch", path,
			    (unsigned long long)offset);
	}
	pdig = warc_header_value(data, hlen, "WARC-Payload-Digest");
	/* a revisit's payload digest names an earlier record's body */
	if (pdig && strcmp(type, "response") == 0) {
		const char *payload = warc_http_payload(block, clen);

		if (!payload)
			BAD("%s: offset %llu: response block without an HTTP head", path,
			    (unsigned long long)offset);
		util_sha1_base32(digest, payload, clen - (size_t)(payload - block));
		if (strcmp(digest, pdig) != 0)
			BAD("%s: offset %llu: WARC-Payload-Digest mismatch", path,
			    (unsigned long long)offset);
	}
	trunc = warc_header_value(data, hlen, "WARC-Truncated");
	uri = warc_header_value(data, hlen, "WARC-Target-URI");
	rec->type = type;
	rec->target_uri = uri;
	rec->headers = xstrndup(data, hlen);
	rec->content = xmalloc(clen + 1);
	memcpy(rec->content, block, clen);
	rec->content[clen] = '\0';
	rec->content_len = clen;
	rec->payload_digest = pdig;
	rec->truncated = trunc != NULL;
	type = uri = pdig = NULL;
#undef BAD
out:
	free(cl);
	free(type);
	free(id);
	free(date);
	free(bdig);
	free(pdig);
	free(trunc);
	free(uri);
	return rc;
}

char *
warc_record_field(const struct warc_record *rec, const char *name)
{
	return rec->headers ? warc_header_value(rec->headers, strlen(rec->headers), name) : NULL;
}

void
warc_record_clear(struct warc_record *rec)
{
	if (!rec)
		return;
	free(rec->type);
	free(rec->target_uri);
	free(rec->headers);
	free(rec->content);
	free(rec->payload_digest);
	memset(rec, 0, sizeof(*rec));
}

/* ---- reader ---- */

struct warc_reader {
	char *path;
	FILE *f;
	struct warc_gz gz;
	struct buf member;
};

/* reader_start: a reader over f (already open, or NULL after a failed
 * open: then errno names the cause). */
static int
reader_start(struct warc_reader **out, const char *name, FILE *f)
{
	int open_errno = errno; /* before any allocation can change it */
	struct warc_reader *r = xcalloc(1, sizeof(*r));
	int rc;

	*out = NULL;
	r->path = xstrdup(name);
	buf_init(&r->member, WARC_MAX_RECORD);
	if ((r->f = f) == NULL) {
		rc = err_set(MS_EIO, "%s: %s", name, strerror(open_errno));
		warc_reader_free(r);
		return rc;
	}
	if ((rc = warc_gz_init(&r->gz, r->f, r->path)) != 0) {
		warc_reader_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int
warc_reader_open(struct warc_reader **out, const char *path)
{
	return reader_start(out, path, fopen(path, "rb"));
}

int
warc_reader_open_mem(struct warc_reader **out, const char *name, const void *data,
	size_t len)
{
	/* fmemopen refuses a zero-length buffer */
	return reader_start(out, name,
	    len ? fmemopen((void *)(uintptr_t)data, len, "rb") : fopen("/dev/null", "rb"));
}

int
warc_reader_next(struct warc_reader *r, struct warc_record *rec)
{
	uint64_t start;
	int rc;

	memset(rec, 0, sizeof(*rec));
	rc = warc_gz_member(&r->gz, &r->member, &start);
	if (rc <= 0)
		return rc;
	rc = warc_parse_record(rec, r->path, start, r->member.ptr, r->member.len);
	return rc < 0 ? rc : 1;
}

uint64_t
warc_reader_offset(const struct warc_reader *r)
{
	return warc_gz_offset(&r->gz);
}

void
warc_reader_free(struct warc_reader *r)
{
	if (!r)
		return;
	warc_gz_end(&r->gz);
	if (r->f)
		fclose(r->f);
	buf_free(&r->member);
	free(r->path);
	free(r);
}

/* ---- writer ---- */

/* warc_good_end: the offset after the last complete, well-formed record of
 * an existing file. */
static int
warc_good_end(off_t *out, const char *path)
{
	struct warc_gz g;
	struct buf member = BUF_INIT;
	struct warc_record rec;
	FILE *f;
	uint64_t start = 0, good = 0;
	int rc;

	*out = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return errno == ENOENT ? 0 : err_set(MS_EIO, "%s: %s", path, strerror(errno));
	buf_init(&member, WARC_MAX_RECORD);
	if ((rc = warc_gz_init(&g, f, path)) != 0)
		goto out;
	for (;;) {
		rc = warc_gz_member(&g, &member, &start);
		if (rc == MS_EIO)
			goto out;
		if (rc <= 0)
			break;
		if (warc_parse_record(&rec, path, start, member.ptr, member.len) != 0)
			break;
		warc_record_clear(&rec);
		good = warc_gz_offset(&g);
	}
	rc = 0;
	*out = (off_t)good;
out:
	warc_gz_end(&g);
	buf_free(&member);
	fclose(f);
	return rc;
}

int
warc_open(struct warc **out, const char *path)
{
	struct warc *w = NULL;
	struct stat st;
	off_t good = 0;
	int rc = 0;

	*out = NULL;
	if ((rc = warc_good_end(&good, path)) != 0)
		return rc;
	if (stat(path, &st) == 0 && st.st_size > good) {
		log_warn("%s: dropping %lld bytes of torn or corrupt records after offset %lld",
		    path, (long long)(st.st_size - good), (long long)good);
		if (truncate(path, good) != 0)
			return err_set(MS_EIO, "%s: cannot cut the torn tail: %s", path,
			    strerror(errno));
	}
	w = xcalloc(1, sizeof(*w));
	w->path = xstrdup(path);
	w->size = good;
	w->urandom = -1;
	pthread_mutex_init(&w->lock, NULL);
	w->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (w->fd < 0) {
		rc = err_set(MS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	w->urandom = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (w->urandom < 0) {
		rc = err_set(MS_EIO, "/dev/urandom: %s", strerror(errno));
		goto out;
	}
	*out = w;
	w = NULL;
out:
	if (w) {
		if (w->fd >= 0)
			close(w->fd);
		pthread_mutex_destroy(&w->lock);
		free(w->path);
		free(w);
	}
	return rc;
}

static int
warc_sync(struct warc *w)
{
	if (fsync(w->fd) != 0)
		return err_set(MS_EIO, "%s: fsync: %s", w->path, strerror(errno));
	if (!w->dir_synced) {
		/* a new file's directory entry must be durable too */
		char *dir = xstrdup(w->path), *slash = strrchr(dir, '/');
		int dfd;

		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
		free(dir);
		w->dir_synced = true;
	}
	return 0;
}

int
warc_flush(struct warc *w)
{
	int rc;

	pthread_mutex_lock(&w->lock);
	rc = warc_sync(w);
	pthread_mutex_unlock(&w->lock);
	return rc;
}

int
warc_close(struct warc *w)
{
	int rc = 0;

	if (!w)
		return 0;
	rc = warc_sync(w);
	if (close(w->fd) != 0 && rc == 0)
		rc = err_set(MS_EIO, "%s: close: %s", w->path, strerror(errno));
	if (w->urandom >= 0)
		close(w->urandom);
	pthread_mutex_destroy(&w->lock);
	free(w->path);
	free(w);
	return rc;
}

/* warc_new_id: "<urn:uuid:...>" (version 4) into out. */
static int
warc_new_id(struct warc *w, char out[64])
{
	unsigned char u[16];
	size_t got = 0;

	while (got < sizeof(u)) {
		ssize_t n = read(w->urandom, u + got, sizeof(u) - got);

		if (n <= 0)
			return err_set(MS_EIO, "/dev/urandom: %s", n < 0 ? strerror(errno) : "eof");
		got += (size_t)n;
	}
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
	snprintf(out, 64, "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x>", u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
	    u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	return 0;
}

/* warc_gzip: data as one gzip member; caller frees *out. */
static int
warc_gzip(char **out, size_t *len_out, const char *data, size_t len)
{
	z_stream z;
	uLong bound;
	char *p;

	*out = NULL;
	memset(&z, 0, sizeof(z));
	if (len > WARC_MAX_RECORD)
		return err_set(MS_ELIMIT, "warc record of %zu bytes is too large", len);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return err_set(MS_ERROR, "zlib deflate init failed");
	/* deflateBound covers the zlib wrapper; the gzip one is 12 bytes more */
	bound = deflateBound(&z, (uLong)len) + 32;
	p = xmalloc(bound);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)p;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(p);
		return err_set(MS_ERROR, "zlib deflate failed");
	}
	*len_out = z.total_out;
	*out = p;
	deflateEnd(&z);
	return 0;
}

/* warc_append: one record, as one member, to the end of the file; on a
 * failed write the file is cut back so no torn member stays behind. */
static int
warc_append(struct warc *w, const struct buf *record)
{
	char *gz = NULL;
	size_t gz_len = 0, done = 0;
	int rc;

	if ((rc = warc_gzip(&gz, &gz_len, record->ptr, record->len)) != 0)
		goto out;
	while (done < gz_len) {
		ssize_t n = write(w->fd, gz + done, gz_len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = err_set(MS_EIO, "%s: write: %s", w->path,
			    n < 0 ? strerror(errno) : "no progress");
			if (ftruncate(w->fd, w->size) != 0)
				log_err("%s: cannot cut a failed record at offset %lld: %s",
				    w->path, (long long)w->size, strerror(errno));
			goto out;
		}
		done += (size_t)n;
	}
	w->size += (off_t)gz_len;
out:
	free(gz);
	return rc;
}

/* warc_safe_field: a value that goes into a WARC header line must not
 * carry a line break (it would forge headers). */
static int
warc_safe_field(const char *what, const char *v)
{
	if (v && strpbrk(v, "\r\n"))
		return err_set(MS_EINVAL, "warc: %s contains a line break", what);
	return 0;
}

/* warc_record_build: the uncompressed record: version line, headers (the
 * caller's extra lines in `extra`, each CRLF-terminated), block. */
static void
warc_record_build(struct buf *rec, const char *type, const char *id, const char *date,
	const char *uri, const char *ctype, const char *extra,
	const char *block, size_t block_len, const char *payload, size_t payload_len)
{
	char digest[48];

	buf_reset(rec);
	buf_adds(rec, "WARC/1.1\r\n");
	buf_addf(rec, "WARC-Type: %s\r\n", type);
	buf_addf(rec, "WARC-Record-ID: %s\r\n", id);
	buf_addf(rec, "WARC-Date: %s\r\n", date);
	if (uri)
		buf_addf(rec, "WARC-Target-URI: %s\r\n", uri);
	if (extra)
		buf_adds(rec, extra);
	buf_addf(rec, "Content-Type: %s\r\n", ctype);
	util_sha1_base32(digest, block, block_len);
	buf_addf(rec, "WARC-Block-Digest: %s\r\n", digest);
	if (payload) {
		util_sha1_base32(digest, payload, payload_len);
		buf_addf(rec, "WARC-Payload-Digest: %s\r\n", digest);
	}
	buf_addf(rec, "Content-Length: %zu\r\n\r\n", block_len);
	buf_add(rec, block, block_len);
	buf_adds(rec, "\r\n\r\n");
}

/* warc_crlf_lines: s with every line ending as CRLF, ending in one. */
static void
warc_crlf_lines(struct buf *b, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\r\n");

		buf_add(b, s, n);
		buf_adds(b, "\r\n");
		s += n;
		if (*s == '\r')
			s++;
		if (*s == '\n')
			s++;
	}
}

int
warc_write_info(struct warc *w, const char *fields)
{
	struct buf block = BUF_INIT, rec = BUF_INIT, extra = BUF_INIT;
	char id[64], date[32];
	const char *name = strrchr(w->path, '/');
	int rc;

	warc_crlf_lines(&block, fields ? fields : "");
	if ((rc = warc_safe_field("file name", w->path)) != 0)
		goto out;
	util_now_iso(date);
	buf_addf(&extra, "WARC-Filename: %s\r\n", name ? name + 1 : w->path);
	pthread_mutex_lock(&w->lock);
	if ((rc = warc_new_id(w, id)) == 0) {
		warc_record_build(&rec, "warcinfo", id, date, NULL, "application/warc-fields",
		    extra.ptr, block.ptr ? block.ptr : "", block.len, NULL, 0);
		rc = warc_append(w, &rec);
	}
	pthread_mutex_unlock(&w->lock);
out:
	buf_free(&block);
	buf_free(&rec);
	buf_free(&extra);
	return rc;
}

static bool
warc_hdr_is(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);

	return len > n && line[n] == ':' && strncasecmp(line, name, n) == 0;
}

/* warc_rewrite_head: the response head to store with a decoded body: the
 * last head in http_head (curl hands over every head of a redirect chain
 * and 1xx), CRLF line ends, Content-Encoding and Transfer-Encoding renamed
 * X-Original-*, Content-Length set to the stored length (a different
 * original kept as X-Original-Content-Length), ending in CRLF CRLF. */
static void
warc_rewrite_head(struct buf *out, const char *http_head, size_t body_len)
{
	const char *h = http_head, *p;
	bool first = true, dropped_cont = false;

	/* find the last head: one starting with "HTTP/" after a blank line */
	for (p = http_head; *p;) {
		size_t n = strcspn(p, "\n");
		const char *next = p[n] ? p + n + 1 : p + n;

		if ((n == 0 || (n == 1 && p[0] == '\r')) && strncmp(next, "HTTP/", 5) == 0)
			h = next;
		p = next;
	}
	for (p = h; *p;) {
		size_t n = strcspn(p, "\n"), len = n;
		const char *next = p[n] ? p + n + 1 : p + n;

		if (len && p[len - 1] == '\r')
			len--;
		if (len == 0)
			break; /* end of the head */
		if (first) {
			buf_add(out, p, len);
			buf_adds(out, "\r\n");
			first = false;
		} else if (p[0] == ' ' || p[0] == '\t') {
			if (!dropped_cont) {
				buf_add(out, p, len);
				buf_adds(out, "\r\n");
			}
		} else if (warc_hdr_is(p, len, "Content-Encoding") ||
		    warc_hdr_is(p, len, "Transfer-Encoding")) {
			buf_adds(out, "X-Original-");
			buf_add(out, p, len);
			buf_adds(out, "\r\n");
			dropped_cont = false;
		} else if (warc_hdr_is(p, len, "Content-Length")) {
			const char *v = p + 15;
			size_t vlen = len - 15, orig;
			char tmp[32];

			while (vlen && (*v == ' ' || *v == '\t')) {
				v++;
				vlen--;
			}
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen < sizeof(tmp)) {
				memcpy(tmp, v, vlen);
				tmp[vlen] = '\0';
			} else {
				tmp[0] = '\0';
			}
			if (!warc_parse_size(tmp, &orig) || orig != body_len) {
				buf_adds(out, "X-Original-");
				buf_add(out, p, len);
				buf_adds(out, "\r\n");
			}
			dropped_cont = true;
		} else {
			buf_add(out, p, len);
			buf_adds(out, "\r\n");
			dropped_cont = false;
		}
		p = next;
	}
	if (first)
		buf_adds(out, "HTTP/1.1 200 OK\r\n"); /* no head given at all */
	buf_addf(out, "Content-Length: %zu\r\n\r\n", body_len);
}

/* warc_request_head: a minimal GET for a fetch whose request head the
 * caller did not keep. */
static void
warc_request_head(struct buf *out, const char *url)
{
	char *pq = url_path_query(url), *host = url_host(url);

	buf_addf(out, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", pq ? pq : "/", host ? host : "");
	free(pq);
	free(host);
}

int
warc_write_exchange(struct warc *w, const char *url, const char *date_iso,
	const char *request_head, const char *http_head,
	const char *body, size_t body_len, bool truncated)
{
	struct buf req = BUF_INIT, resp = BUF_INIT, rec = BUF_INIT, extra = BUF_INIT;
	char req_id[64], resp_id[64], now[32];
	int rc;

	if ((rc = warc_safe_field("url", url)) != 0 || (rc = warc_safe_field("date", date_iso)) != 0)
		goto out;
	if (!url || !*url) {
		rc = err_set(MS_EINVAL, "warc: record without a url");
		goto out;
	}
	if (!date_iso || !*date_iso) {
		util_now_iso(now);
		date_iso = now;
	}
	if (request_head && *request_head)
		warc_crlf_lines(&req, request_head);
	else
		warc_request_head(&req, url);
	/* a request head ends with an empty line */
	if (req.len < 4 || memcmp(req.ptr + req.len - 4, "\r\n\r\n", 4) != 0)
		buf_adds(&req, "\r\n");
	warc_rewrite_head(&resp, http_head ? http_head : "", body_len);
	if (body_len)
		buf_add(&resp, body, body_len);

	pthread_mutex_lock(&w->lock);
	if ((rc = warc_new_id(w, req_id)) != 0 || (rc = warc_new_id(w, resp_id)) != 0)
		goto unlock;
	/* the response first: it is the capture; the request points at it */
	buf_addf(&extra, "WARC-Concurrent-To: %s\r\n", req_id);
	if (truncated)
		buf_adds(&extra, "WARC-Truncated: length\r\n");
	warc_record_build(&rec, "response", resp_id, date_iso, url,
	    "application/http;msgtype=response", extra.ptr, resp.ptr, resp.len,
	    resp.ptr + (resp.len - body_len), body_len);
	if ((rc = warc_append(w, &rec)) != 0)
		goto unlock;
	buf_reset(&extra);
	buf_addf(&extra, "WARC-Concurrent-To: %s\r\n", resp_id);
	warc_record_build(&rec, "request", req_id, date_iso, url,
	    "application/http;msgtype=request", extra.ptr, req.ptr, req.len, NULL, 0);
	rc = warc_append(w, &rec);
unlock:
	pthread_mutex_unlock(&w->lock);
out:
	buf_free(&req);
	buf_free(&resp);
	buf_free(&rec);
	buf_free(&extra);
	return rc;
}

int
warc_write_revisit(struct warc *w, const char *url, const char *date_iso,
	const char *http_head, const char *refers_to_date, const char *payload_digest)
{
	struct buf head = BUF_INIT, rec = BUF_INIT, extra = BUF_INIT;
	char id[64], now[32];
	int rc;

	if ((rc = warc_safe_field("url", url)) != 0 ||
	    (rc = warc_safe_field("date", date_iso)) != 0 ||
	    (rc = warc_safe_field("refers-to date", refers_to_date)) != 0 ||
	    (rc = warc_safe_field("payload digest", payload_digest)) != 0)
		goto out;
	if (!url || !*url) {
		rc = err_set(MS_EINVAL, "warc: revisit without a url");
		goto out;
	}
	if (!date_iso || !*date_iso) {
		util_now_iso(now);
		date_iso = now;
	}
	/* a 304 has no body: its head is stored as received, CRLF-normalised */
	warc_crlf_lines(&head, http_head && *http_head ? http_head : "HTTP/1.1 304 Not Modified\r\n");
	if (head.len < 4 || memcmp(head.ptr + head.len - 4, "\r\n\r\n", 4) != 0)
		buf_adds(&head, "\r\n");
	buf_adds(&extra, "WARC-Profile: " WARC_REVISIT_PROFILE "\r\n");
	buf_addf(&extra, "WARC-Refers-To-Target-URI: %s\r\n", url);
	if (refers_to_date && *refers_to_date)
		buf_addf(&extra, "WARC-Refers-To-Date: %s\r\n", refers_to_date);
	if (payload_digest && *payload_digest)
		buf_addf(&extra, "WARC-Payload-Digest: %s\r\n", payload_digest);
	pthread_mutex_lock(&w->lock);
	if ((rc = warc_new_id(w, id)) == 0) {
		warc_record_build(&rec, "revisit", id, date_iso, url,
		    "application/http;msgtype=response", extra.ptr, head.ptr, head.len, NULL, 0);
		rc = warc_append(w, &rec);
	}
	pthread_mutex_unlock(&w->lock);
out:
	buf_free(&head);
	buf_free(&rec);
	buf_free(&extra);
	return rc;
}
