/*
 * util: small helpers shared by every stage: files, time, UTF-8, hashing.
 *
 * Files are written through util_write_atomic(): a temporary name in the same
 * folder, fflush/ferror/fclose checked, then rename(), so a crash never leaves
 * a half-written output file.
 */
#ifndef MUNISCAN_UTIL_H
#define MUNISCAN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct buf;

/* util_read_file: reads at most max bytes (0: 256 MiB); more is MS_ELIMIT.
 * On success *out holds the bytes (NUL-terminated; caller frees). */
int util_read_file(char **out, size_t *len_out, const char *path, size_t max);
/* util_write_atomic: writes data to path via a temporary file and rename. */
int util_write_atomic(const char *path, const void *data, size_t len);
/* util_mkdir_p: creates path and its parents (mode 0755). */
int util_mkdir_p(const char *path);
bool util_is_dir(const char *path);
bool util_is_file(const char *path);
/* util_path_join: caller frees. */
char *util_path_join(const char *dir, const char *name);

/* util_now_iso: the current UTC time as 2026-11-28T12:00:00Z into out[21+]. */
void util_now_iso(char out[32]);
void util_time_iso(char out[32], time_t t);
void util_today(char out[16]);
/* util_monotonic: seconds from an arbitrary origin, never going back. */
double util_monotonic(void);

/* util_sha256_hex: 64 hex digits + NUL into out. */
void util_sha256_hex(char out[65], const void *data, size_t len);
/* util_sha1_base32: "sha1:" + 32 base32 characters + NUL (WARC digests). */
void util_sha1_base32(char out[48], const void *data, size_t len);
/* util_file_sha256: hex digest of a file, or of every regular file in a
 * folder (sorted by name) when path is a folder. */
int util_file_sha256(char out[65], const char *path);

/* util_fnv1a64: the 64-bit FNV-1a hash of the string s (hash tables). */
uint64_t util_fnv1a64(const char *s);

/* util_hexval: the value of hex digit c, -1 when c is none. */
int util_hexval(int c);
/* util_utf8_chars: the code points of UTF-8 s[0..len) (bytes that do not
 * continue a sequence). */
size_t util_utf8_chars(const char *s, size_t len);
/* util_utf8_valid: true when s[0..len) is well-formed UTF-8. */
bool util_utf8_valid(const char *s, size_t len);
/* util_utf8_prefix: the largest byte count <= max that ends on a code point
 * boundary of s[0..len). */
size_t util_utf8_prefix(const char *s, size_t len, size_t max);

/* util_parse_double / util_parse_long: whole-string parse, false on junk. */
bool util_parse_double(const char *s, double *out);
bool util_parse_long(const char *s, long *out);

/* util_sort: qsort that accepts an empty or NULL array (qsort's pointer
 * must not be NULL even when n is 0). */
void util_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* util_zcompress / util_zuncompress: zlib; caller frees *out. */
int util_zcompress(char **out, size_t *len_out, const void *data, size_t len);
int util_zuncompress(char **out, size_t *len_out, const void *data, size_t len,
	size_t max);

#endif
