/*
 * fuzz_robots: robots_parse and robots_allowed over arbitrary input.
 * Input: "TOKEN\nPATH\nROBOTS.TXT..."; missing lines take defaults.
 * Invariants: /robots.txt is always allowed; a path and the same path as a
 * whole URL get the same answer; the crawl delay is finite and >= 0.
 */
#include <math.h>
#include <stdbool.h>

#include "fuzz_common.h"
#include "robots.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *token = "muniscan", *path = "/";
	const uint8_t *body = data;
	size_t body_len = size;
	char *head = NULL, *url = NULL;
	struct robots *r;
	const uint8_t *nl1 = memchr(data, '\n', size);

	if (nl1) {
		const uint8_t *nl2 = memchr(nl1 + 1, '\n', size - (size_t)(nl1 + 1 - data));

		if (nl2) {
			head = fuzz_strndup(data, (size_t)(nl2 - data));
			head[nl1 - data] = '\0';
			if (head[0])
				token = head;
			path = head + (nl1 - data) + 1;
			body = nl2 + 1;
			body_len = size - (size_t)(body - data);
		}
	}
	r = robots_parse((const char *)body, body_len, token);
	{
		bool a = robots_allowed(r, path);
		size_t n = 0;
		const char *const *maps = robots_sitemaps(r, &n);

		fuzz_check(robots_allowed(r, "/robots.txt"));
		fuzz_check(isfinite(robots_crawl_delay(r)) && robots_crawl_delay(r) >= 0);
		for (size_t i = 0; i < n; i++)
			fuzz_check(maps[i] != NULL);
		fuzz_check(maps[n] == NULL);
		if (path[0] == '/' && !strstr(path, "://")) {
			size_t len = strlen(path) + 32;

			url = malloc(len);
			if (!url)
				abort();
			snprintf(url, len, "https://a.lg.jp%s", path);
			fuzz_check(robots_allowed(r, url) == a);
		}
	}
	robots_free(r);
	free(url);
	free(head);
	return 0;
}
