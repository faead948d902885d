/*
 * fuzz_url: url_normalize and the accessors over arbitrary input.
 * Input: "BASE\nHREF", or just "HREF" (no base).  Invariants: the normal
 * form is a fixed point, and every normalised URL has a host, an origin and
 * a path starting with '/'.
 */
#include <stdbool.h>

#include "fuzz_common.h"
#include "url.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_strndup(data, size), *nl = strchr(in, '\n');
	const char *base = NULL, *href = in;
	char *out = NULL, *again = NULL;

	if (nl) {
		*nl = '\0';
		base = in;
		href = nl + 1;
	}
	(void)url_is_trap(href);
	if (url_normalize(&out, base, href) == 0) {
		char *host = url_host(out), *origin = url_origin(out), *pq = url_path_query(out);

		fuzz_check(out != NULL);
		fuzz_check(strncmp(out, "http://", 7) == 0 || strncmp(out, "https://", 8) == 0);
		fuzz_check(strchr(out, '#') == NULL);
		fuzz_check(strchr(out, ' ') == NULL);
		fuzz_check(url_normalize(&again, NULL, out) == 0);
		if (strcmp(again, out) != 0) {
			fprintf(stderr, "not a fixed point:\n  %s\n  %s\n", out, again);
			abort();
		}
		fuzz_check(host != NULL && origin != NULL && pq != NULL);
		fuzz_check(pq[0] == '/');
		fuzz_check(strncmp(out, origin, strlen(origin)) == 0);
		(void)url_is_trap(out);
		free(host);
		free(origin);
		free(pq);
	} else {
		fuzz_check(out == NULL);
	}
	free(out);
	free(again);
	free(in);
	return 0;
}
