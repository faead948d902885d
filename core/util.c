/*
 * util: files, time, UTF-8, hashing, compression (see util.h).
 */
#define _GNU_SOURCE
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "buf.h"
#include "err.h"
#include "xalloc.h"

int
util_read_file(char **out, size_t *len_out, const char *path, size_t max)
{
	FILE *f = NULL;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = 0;

	*out = NULL;
	if (max == 0)
		max = (size_t)256 << 20;
	buf_init(&b, max);
	if ((f = fopen(path, "rb")) == NULL) {
		rc = err_set(MS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, n) != 0) {
			rc = err_set(MS_ELIMIT, "%s: larger than %zu bytes", path, max);
			goto out;
		}
	}
	if (ferror(f)) {
		rc = err_set(MS_EIO, "%s: read error", path);
		goto out;
	}
	*out = buf_detach(&b, len_out);
out:
	if (f)
		fclose(f);
	buf_free(&b);
	return rc;
}

int
util_write_atomic(const char *path, const void *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	FILE *f;
	int rc = 0;

	if ((f = fopen(tmp, "wb")) == NULL) {
		rc = err_set(MS_EIO, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (len && fwrite(data, 1, len, f) != len)
		rc = err_set(MS_EIO, "%s: %s", path, strerror(errno));
	if (fflush(f) != 0 && rc == 0)
		rc = err_set(MS_EIO, "%s: %s", path, strerror(errno));
	if (ferror(f) && rc == 0)
		rc = err_set(MS_EIO, "%s: write error", path);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(MS_EIO, "%s: %s", path, strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = err_set(MS_EIO, "%s: %s", path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
out:
	free(tmp);
	return rc;
}

int
util_mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				rc = err_set(MS_EIO, "%s: %s", p, strerror(errno));
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (rc == 0 && !util_is_dir(path))
		rc = err_set(MS_EIO, "%s: not a folder", path);
	free(p);
	return rc;
}

bool
util_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
util_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *
util_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

void
util_time_iso(char out[32], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
util_now_iso(char out[32])
{
	util_time_iso(out, time(NULL));
}

void
util_today(char out[16])
{
	struct tm tm;
	time_t t = time(NULL);

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

double
util_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
util_digest(const EVP_MD *md, unsigned char *out, unsigned int *n,
	const void *data, size_t len)
{
	EVP_Digest(data, len, out, n, md, NULL);
}

void
util_sha256_hex(char out[65], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	util_digest(EVP_sha256(), md, &n, data, len);
	for (i = 0; i < n && i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void
util_sha1_base32(char out[48], const void *data, size_t len)
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	size_t i, o = 0;
	unsigned int acc = 0, bits = 0;

	util_digest(EVP_sha1(), md, &n, data, len);
	memcpy(out, "sha1:", 5);
	o = 5;
	for (i = 0; i < n; i++) {
		acc = (acc << 8) | md[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
}

void
util_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static int
util_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
util_hash_tree(EVP_MD_CTX *ctx, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int rc = 0;

	if (util_is_dir(path)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, i;

		if (d == NULL)
			return err_set(MS_EIO, "%s: %s", path, strerror(errno));
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
		closedir(d);
		util_sort(names, n, sizeof(*names), util_name_cmp);
		for (i = 0; i < n; i++) {
			char *sub = util_path_join(path, names[i]);

			if (rc == 0) {
				EVP_DigestUpdate(ctx, names[i], strlen(names[i]) + 1);
				rc = util_hash_tree(ctx, sub);
			}
			free(sub);
			free(names[i]);
		}
		free(names);
		return rc;
	}
	if ((rc = util_read_file(&data, &len, path, 0)) != 0)
		return rc;
	EVP_DigestUpdate(ctx, data, len);
	free(data);
	return 0;
}

int
util_file_sha256(char out[65], const char *path)
{
	static const char hex[] = "0123456789abcdef";
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	int rc;

	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	rc = util_hash_tree(ctx, path);
	EVP_DigestFinal_ex(ctx, md, &n);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < n && i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	return rc;
}

int
util_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t
util_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

bool
util_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned char c = *p;
		size_t n;
		unsigned int cp;

		if (c < 0x80) {
			uint64_t w;

			/* runs of ASCII (markup, mostly) eight bytes at a time */
			while ((size_t)(end - p) >= 8) {
				memcpy(&w, p, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				p += 8;
			}
			while (p < end && *p < 0x80)
				p++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

size_t
util_utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	if (n == len)
		return n;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

bool
util_parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return *s && *end == '\0' && errno == 0;
}

bool
util_parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return *s && *end == '\0' && errno == 0;
}

int
util_zcompress(char **out, size_t *len_out, const void *data, size_t len)
{
	uLongf n = compressBound((uLong)len);
	char *p = xmalloc(n);

	if (compress2((Bytef *)p, &n, data, (uLong)len, 6) != Z_OK) {
		free(p);
		return err_set(MS_ERROR, "compression failed");
	}
	*out = p;
	*len_out = n;
	return 0;
}

int
util_zuncompress(char **out, size_t *len_out, const void *data, size_t len,
	size_t max)
{
	z_stream zs;
	struct buf b = BUF_INIT;
	unsigned char chunk[65536];
	int zr, rc = 0;

	memset(&zs, 0, sizeof(zs));
	buf_init(&b, max);
	if (inflateInit(&zs) != Z_OK)
		return err_set(MS_ERROR, "decompression failed");
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	do {
		zs.next_out = chunk;
		zs.avail_out = sizeof(chunk);
		zr = inflate(&zs, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END) {
			rc = err_set(MS_EINVAL, "corrupt compressed data");
			break;
		}
		if (buf_add(&b, chunk, sizeof(chunk) - zs.avail_out) != 0) {
			rc = err_set(MS_ELIMIT, "decompressed data too large");
			break;
		}
	} while (zr != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
	inflateEnd(&zs);
	if (rc == 0)
		*out = buf_detach(&b, len_out);
	buf_free(&b);
	return rc;
}

uint64_t
util_fnv1a64(const char *s)
{
	uint64_t h = 14695981039346656037ULL; /* the FNV offset basis */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}
