/*
 * fuzz_common: helpers the fuzz targets share (header-only so that each
 * target stays one file that both libFuzzer and replay_main.c can link).
 */
#ifndef MUNISCAN_FUZZ_COMMON_H
#define MUNISCAN_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_strndup: the bytes up to the first NUL as a C string (C APIs stop
 * there anyway); caller frees. */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* fuzz_tmp_path: a per-process scratch file, on tmpfs when there is one
 * (the targets that need a path write it once per input). */
static inline const char *
fuzz_tmp_path(const char *tag)
{
	static char path[256];
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	snprintf(path, sizeof(path), "%s/muniscan-fuzz-%ld-%s", dir, (long)getpid(), tag);
	return path;
}

static inline int
fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* fuzz_check: an invariant; a failure aborts so libFuzzer keeps the input. */
#define fuzz_check(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

#endif
