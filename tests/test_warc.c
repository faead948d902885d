/*
 * test_warc: write records, read them back with their digests checked,
 * repair torn tails on reopen, and check that each record is its own gzip
 * member (gzip -dc reads the whole file).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "err.h"
#include "tmpdir.h"
#include "util.h"
#include "warc.h"

static char *tmpdir;

static int
setup(void **state)
{
	(void)state;
	tmpdir = tmpdir_new("warc");
	return 0;
}

static int
teardown(void **state)
{
	int rc = tmpdir_remove(tmpdir);

	(void)state;
	free(tmpdir);
	tmpdir = NULL;
	return rc;
}

static char *
tmp_path(const char *name)
{
	return util_path_join(tmpdir, name);
}

static const char body1[] = "<html><body>中小企業支援 専門家派遣</body></html>\n";
static const char head1[] =
    "HTTP/1.1 301 Moved Permanently\r\nLocation: /b\r\n\r\n"
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Encoding: gzip\r\n"
    "Content-Length: 31\r\n"
    "Vary: Accept-Encoding\r\n\r\n";
static const char req1[] = "GET /b HTTP/1.1\r\nHost: a.lg.jp\r\nUser-Agent: muniscan\r\n\r\n";

/* write_sample: warcinfo, two exchanges, one revisit. */
static void
write_sample(const char *path)
{
	struct warc *w = NULL;
	char big[5000];

	memset(big, 'x', sizeof(big));
	assert_int_equal(warc_open(&w, path), 0);
	assert_int_equal(warc_write_info(w, "software: muniscan\nformat: WARC File Format 1.1\n"), 0);
	assert_int_equal(warc_write_exchange(w, "https://a.lg.jp/b", "2026-01-02T03:04:05Z",
	    req1, head1, body1, strlen(body1), false), 0);
	assert_int_equal(warc_write_exchange(w, "https://a.lg.jp/big.pdf", "2026-01-02T03:04:06Z",
	    NULL, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Type: application/pdf\n\n",
	    big, sizeof(big), true), 0);
	assert_int_equal(warc_write_revisit(w, "https://a.lg.jp/b", "2026-02-01T00:00:00Z",
	    "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n", "2026-01-02T03:04:05Z",
	    "sha1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH"), 0);
	assert_int_equal(warc_flush(w), 0);
	assert_int_equal(warc_close(w), 0);
}

static char *
header(const struct warc_record *rec, const char *name)
{
	const char *p = strstr(rec->headers, name);
	size_t n;

	if (!p)
		return NULL;
	p += strlen(name) + 2;
	n = strcspn(p, "\r\n");
	return strndup(p, n);
}

/* read_all: counts the records; rc of the last warc_reader_next in *rc_out */
static size_t
read_all(const char *path, int *rc_out)
{
	struct warc_reader *r = NULL;
	struct warc_record rec;
	size_t n = 0;
	int rc;

	assert_int_equal(warc_reader_open(&r, path), 0);
	while ((rc = warc_reader_next(r, &rec)) == 1) {
		n++;
		warc_record_clear(&rec);
	}
	*rc_out = rc;
	warc_reader_free(r);
	return n;
}

static void
test_round_trip(void **state)
{
	char *path = tmp_path("rt.warc.gz");
	struct warc_reader *r = NULL;
	struct warc_record rec[6];
	char digest[48], *v, *v2;
	const char *types[] = { "warcinfo", "response", "request", "response", "request", "revisit" };

	(void)state;
	write_sample(path);
	assert_int_equal(warc_reader_open(&r, path), 0);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(warc_reader_next(r, &rec[i]), 1);
		assert_string_equal(rec[i].type, types[i]);
	}
	{
		struct warc_record end;

		assert_int_equal(warc_reader_next(r, &end), 0);
	}
	warc_reader_free(r);

	/* warcinfo */
	assert_null(rec[0].target_uri);
	assert_non_null(strstr(rec[0].headers, "Content-Type: application/warc-fields\r\n"));
	assert_non_null(strstr(rec[0].headers, "WARC-Filename: rt.warc.gz\r\n"));
	assert_string_equal(rec[0].content, "software: muniscan\r\nformat: WARC File Format 1.1\r\n");

	/* response: decoded body, last head only, headers rewritten */
	assert_string_equal(rec[1].target_uri, "https://a.lg.jp/b");
	util_sha1_base32(digest, body1, strlen(body1));
	assert_string_equal(rec[1].payload_digest, digest);
	assert_false(rec[1].truncated);
	assert_non_null(strstr(rec[1].headers, "Content-Type: application/http;msgtype=response\r\n"));
	assert_non_null(strstr(rec[1].headers, "WARC-Date: 2026-01-02T03:04:05Z\r\n"));
	assert_non_null(strstr(rec[1].headers, "WARC-Record-ID: <urn:uuid:"));
	{
		char *field = warc_record_field(&rec[1], "warc-date");

		assert_string_equal(field, "2026-01-02T03:04:05Z");
		free(field);
		assert_null(warc_record_field(&rec[1], "WARC-Dat"));
		assert_null(warc_record_field(&rec[1], "WARC-Refers-To-Date"));
	}
	assert_true(strncmp(rec[1].content, "HTTP/1.1 200 OK\r\n", 17) == 0);
	assert_null(strstr(rec[1].content, "Moved"));
	assert_null(strstr(rec[1].content, "\nContent-Encoding"));
	assert_non_null(strstr(rec[1].content, "\r\nX-Original-Content-Encoding: gzip\r\n"));
	assert_non_null(strstr(rec[1].content, "\r\nX-Original-Content-Length: 31\r\n"));
	{
		char cl[64];

		snprintf(cl, sizeof(cl), "\r\nContent-Length: %zu\r\n\r\n", strlen(body1));
		assert_non_null(strstr(rec[1].content, cl));
	}
	assert_string_equal(rec[1].content + rec[1].content_len - strlen(body1), body1);
	/* block digest covers head + body */
	util_sha1_base32(digest, rec[1].content, rec[1].content_len);
	v = header(&rec[1], "WARC-Block-Digest");
	assert_string_equal(v, digest);
	free(v);

	/* request and response point at each other */
	v = header(&rec[1], "WARC-Concurrent-To");
	v2 = header(&rec[2], "WARC-Record-ID");
	assert_string_equal(v, v2);
	free(v);
	free(v2);
	v = header(&rec[2], "WARC-Concurrent-To");
	v2 = header(&rec[1], "WARC-Record-ID");
	assert_string_equal(v, v2);
	free(v);
	free(v2);
	assert_string_equal(rec[2].content, req1);
	assert_non_null(strstr(rec[2].headers, "Content-Type: application/http;msgtype=request\r\n"));

	/* truncated, with a synthesised request, LF heads made CRLF */
	assert_true(rec[3].truncated);
	assert_non_null(strstr(rec[3].headers, "WARC-Truncated: length\r\n"));
	assert_non_null(strstr(rec[3].content, "X-Original-Transfer-Encoding: chunked\r\n"));
	assert_non_null(strstr(rec[3].content, "Content-Length: 5000\r\n\r\nxxxx"));
	assert_string_equal(rec[4].content, "GET /big.pdf HTTP/1.1\r\nHost: a.lg.jp\r\n\r\n");

	/* revisit */
	assert_non_null(strstr(rec[5].headers,
	    "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/server-not-modified\r\n"));
	assert_non_null(strstr(rec[5].headers, "WARC-Refers-To-Date: 2026-01-02T03:04:05Z\r\n"));
	assert_non_null(strstr(rec[5].headers, "WARC-Refers-To-Target-URI: https://a.lg.jp/b\r\n"));
	assert_string_equal(rec[5].payload_digest, "sha1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH");
	assert_string_equal(rec[5].content, "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");

	for (int i = 0; i < 6; i++)
		warc_record_clear(&rec[i]);
	free(path);
}

/* Each record is one gzip member: gzip -dc reads the file as a whole and
 * every record's version line comes out. */
static void
test_gzip_members(void **state)
{
	char *path = tmp_path("members.warc.gz"), cmd[256], line[512];
	FILE *p;
	int versions = 0, members = 0;
	struct warc_reader *r = NULL;
	struct warc_record rec;
	uint64_t prev = 0;

	(void)state;
	write_sample(path);
	snprintf(cmd, sizeof(cmd), "gzip -dc '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p))
		versions += strcmp(line, "WARC/1.1\r\n") == 0;
	assert_int_equal(pclose(p), 0);
	assert_int_equal(versions, 6);

	/* every member also decompresses on its own, starting at its offset */
	assert_int_equal(warc_reader_open(&r, path), 0);
	for (;;) {
		uint64_t at = warc_reader_offset(r);
		int rc = warc_reader_next(r, &rec);

		if (rc != 1)
			break;
		warc_record_clear(&rec);
		snprintf(cmd, sizeof(cmd), "tail -c +%llu '%s' | head -c %llu | gzip -dc | head -c 10",
		    (unsigned long long)at + 1, path, (unsigned long long)(warc_reader_offset(r) - at));
		p = popen(cmd, "r");
		assert_non_null(fgets(line, sizeof(line), p));
		pclose(p);
		assert_string_equal(line, "WARC/1.1\r\n");
		assert_true(at >= prev);
		prev = at;
		members++;
	}
	warc_reader_free(r);
	assert_int_equal(members, 6);
	free(path);
}

static void
copy_prefix(const char *from, const char *to, size_t n)
{
	char *data = NULL;
	size_t len = 0;

	assert_int_equal(util_read_file(&data, &len, from, 0), 0);
	assert_true(n <= len);
	assert_int_equal(util_write_atomic(to, data, n), 0);
	free(data);
}

static long long
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (long long)st.st_size;
}

/* A kill mid-write leaves part of a member: reopening cuts it off and the
 * next record lands on a clean boundary. */
static void
test_torn_tail(void **state)
{
	char *path = tmp_path("full.warc.gz"), *torn = tmp_path("torn.warc.gz");
	uint64_t bounds[8];
	size_t nb = 0;
	struct warc_reader *r = NULL;
	struct warc_record rec;
	long long full;

	(void)state;
	write_sample(path);
	full = file_size(path);
	assert_int_equal(warc_reader_open(&r, path), 0);
	bounds[nb++] = 0;
	while (warc_reader_next(r, &rec) == 1) {
		warc_record_clear(&rec);
		bounds[nb++] = warc_reader_offset(r);
	}
	warc_reader_free(r);
	assert_int_equal(nb, 7);
	assert_int_equal((long long)bounds[6], full);

	/* cut at many points: inside each member, and on its boundaries */
	for (long long cut = 0; cut <= full; cut += (cut < 200 || full - cut < 200) ? 7 : 97) {
		struct warc *w = NULL;
		size_t complete = 0;
		int rc;

		copy_prefix(path, torn, (size_t)cut);
		while (complete + 1 < nb && (long long)bounds[complete + 1] <= cut)
			complete++;
		assert_int_equal(warc_open(&w, torn), 0);
		assert_int_equal(file_size(torn), (long long)bounds[complete]);
		assert_int_equal(warc_write_exchange(w, "https://a.lg.jp/after", "2026-03-01T00:00:00Z",
		    NULL, "HTTP/1.1 200 OK\r\n\r\n", "ok", 2, false), 0);
		assert_int_equal(warc_close(w), 0);
		assert_int_equal(read_all(torn, &rc), complete + 2);
		assert_int_equal(rc, 0);
	}

	/* garbage after the last record goes too */
	{
		FILE *f = fopen(torn, "ab");
		struct warc *w = NULL;
		long long before = file_size(torn);
		int rc;

		fputs("\x1f\x8b garbage that is not a member", f);
		fclose(f);
		(void)read_all(torn, &rc);
		assert_int_equal(rc, MS_EINVAL);
		assert_int_equal(warc_open(&w, torn), 0);
		assert_int_equal(warc_close(w), 0);
		assert_int_equal(file_size(torn), before);
	}
	free(path);
	free(torn);
}

/* append_member: a hand-made record appended as a gzip member. */
static void
append_member(const char *path, const char *data)
{
	gzFile g = gzopen(path, "ab");

	assert_non_null(g);
	assert_true(gzwrite(g, data, (unsigned)strlen(data)) > 0);
	assert_int_equal(gzclose(g), Z_OK);
}

static void
expect_error(const char *name, const char *record, const char *words)
{
	char *path = tmp_path(name);
	long long at;
	char off[64];
	int rc;

	unlink(path);
	write_sample(path);
	at = file_size(path);
	append_member(path, record);
	assert_int_equal(read_all(path, &rc), 6);
	assert_int_equal(rc, MS_EINVAL);
	snprintf(off, sizeof(off), "offset %lld", at);
	if (!strstr(err_msg(), off) || !strstr(err_msg(), words))
		fail_msg("%s: message '%s' lacks '%s' or '%s'", name, err_msg(), off, words);
	free(path);
}

static void
test_reader_errors(void **state)
{
	char rec[512], digest[48];

	(void)state;
	expect_error("v.warc.gz", "WARC/0.9\r\nWARC-Type: resource\r\n\r\n", "version");
	expect_error("cl.warc.gz",
	    "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	    "WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Length: 5\r\n\r\nabc\r\n\r\n", "Content-Length");
	expect_error("nocl.warc.gz",
	    "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	    "WARC-Date: 2026-01-01T00:00:00Z\r\n\r\nabc\r\n\r\n", "Content-Length");
	expect_error("end.warc.gz",
	    "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	    "WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Length: 3\r\n\r\nabcXX\r\n", "CRLF");
	expect_error("type.warc.gz",
	    "WARC/1.1\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	    "WARC-Date: 2026-01-01T00:00:00Z\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n", "WARC-Type");
	expect_error("bd.warc.gz",
	    "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	    "WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Block-Digest: sha1:AAAA\r\n"
	    "Content-Length: 3\r\n\r\nabc\r\n\r\n", "Block-Digest");
	/* the block digest is right, the payload digest is not */
	util_sha1_base32(digest, "HTTP/1.1 200 OK\r\n\r\nbody", 23);
	snprintf(rec, sizeof(rec),
	    "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	    "WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Block-Digest: %s\r\n"
	    "WARC-Payload-Digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\r\n"
	    "Content-Length: 23\r\n\r\nHTTP/1.1 200 OK\r\n\r\nbody\r\n\r\n", digest);
	expect_error("pd.warc.gz", rec, "Payload-Digest");
}

static void
test_bad_input(void **state)
{
	char *path = tmp_path("bad.warc.gz");
	struct warc *w = NULL;
	struct warc_reader *r = NULL;

	(void)state;
	assert_int_equal(warc_open(&w, path), 0);
	assert_int_equal(warc_write_exchange(w, "https://a.lg.jp/x\r\nWARC-Type: forged",
	    NULL, NULL, "HTTP/1.1 200 OK\r\n\r\n", "", 0, false), MS_EINVAL);
	assert_int_equal(warc_write_revisit(w, "https://a.lg.jp/x", NULL, NULL,
	    "2026\n", "sha1:X"), MS_EINVAL);
	/* an empty body and no date are fine */
	assert_int_equal(warc_write_exchange(w, "https://a.lg.jp/e", NULL, NULL,
	    "HTTP/1.1 204 No Content\r\n\r\n", NULL, 0, false), 0);
	assert_int_equal(warc_close(w), 0);
	{
		int rc;

		assert_int_equal(read_all(path, &rc), 2);
		assert_int_equal(rc, 0);
	}
	assert_int_equal(warc_reader_open(&r, "/nonexistent/x.warc.gz"), MS_EIO);
	assert_null(r);
	assert_int_equal(warc_open(&w, "/nonexistent/x.warc.gz"), MS_EIO);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_gzip_members),
		cmocka_unit_test(test_torn_tail),
		cmocka_unit_test(test_reader_errors),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
