/*
 * fuzz_warc: the WARC reader and the torn-tail repair over arbitrary bytes.
 *
 * Random bytes rarely make a gzip member with a valid CRC, so the first
 * byte picks a mode: odd, the rest is the file as is; even, the rest is
 * split at "\xFF\xFE" and each part compressed into its own member, which
 * lets the fuzzer reach the record framing and digest checks.
 * Invariants: the reader never crashes and stops; after warc_open() has
 * repaired a file, the whole file reads without error, and a record
 * appended afterwards reads back.
 */
#include <stdbool.h>
#include <zlib.h>

#include "buf.h"
#include "fuzz_common.h"
#include "log.h"
#include "warc.h"

#define FUZZ_MAX_RECORDS 256

static void
gzip_member(struct buf *out, const uint8_t *data, size_t len)
{
	z_stream z;
	unsigned char chunk[4096];
	int zr;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		zr = deflate(&z, Z_FINISH);
		buf_add(out, chunk, sizeof(chunk) - z.avail_out);
	} while (zr == Z_OK);
	deflateEnd(&z);
}

/* read_all: the number of good records before the end or an error. */
static int
read_all(struct warc_reader *r, size_t *n_out)
{
	struct warc_record rec;
	int rc;

	*n_out = 0;
	while (*n_out < FUZZ_MAX_RECORDS && (rc = warc_reader_next(r, &rec)) == 1) {
		fuzz_check(rec.type != NULL && rec.headers != NULL && rec.content != NULL);
		fuzz_check(rec.content[rec.content_len] == '\0');
		warc_record_clear(&rec);
		(*n_out)++;
	}
	return *n_out == FUZZ_MAX_RECORDS ? 0 : rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf file = BUF_INIT;
	struct warc_reader *r = NULL;
	struct warc *w = NULL;
	const char *path = fuzz_tmp_path("warc.gz");
	size_t n, n2;
	int rc;

	if (size == 0)
		return 0;
	log_set_level(LOG_ERR); /* repairs are expected here, not news */
	if (data[0] & 1) {
		buf_add(&file, data + 1, size - 1);
	} else {
		const uint8_t *p = data + 1, *end = data + size;

		while (p <= end) {
			const uint8_t *q = p;

			while (q + 1 < end && !(q[0] == 0xFF && q[1] == 0xFE))
				q++;
			if (q + 1 >= end)
				q = end;
			gzip_member(&file, p, (size_t)(q - p));
			p = q + 2;
		}
	}
	fuzz_check(warc_reader_open_mem(&r, "fuzz", file.ptr ? file.ptr : "", file.len) == 0);
	rc = read_all(r, &n);
	warc_reader_free(r);
	fuzz_check(rc <= 0);

	/* repair: what warc_open keeps must read back cleanly, plus one record */
	fuzz_check(fuzz_write_file(path, (const uint8_t *)(file.ptr ? file.ptr : ""), file.len) == 0);
	fuzz_check(warc_open(&w, path) == 0);
	fuzz_check(warc_write_exchange(w, "https://a.lg.jp/x", "2026-01-01T00:00:00Z", NULL,
	    "HTTP/1.1 200 OK\r\n\r\n", "body", 4, false) == 0);
	fuzz_check(warc_close(w) == 0);
	fuzz_check(warc_reader_open(&r, path) == 0);
	rc = read_all(r, &n2);
	warc_reader_free(r);
	if (n < FUZZ_MAX_RECORDS) {
		/* the records read before any error survive, and nothing bad stays */
		fuzz_check(rc == 0);
		fuzz_check(n2 >= n + 2);
	}
	unlink(path);
	buf_free(&file);
	return 0;
}
