/*
 * fuzz_seeds: seeds_load over an arbitrary seeds file.
 * Invariants: a file that loads has only valid codes, categories and
 * http(s) URLs, as seeds_load promises; a failing load says why.
 */
#include <stdbool.h>

#include "buf.h"
#include "err.h"
#include "seeds.h"
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_tmp_path("seeds.tsv");
	struct buf errors = BUF_INIT;
	struct seeds *s = NULL;

	if (fuzz_write_file(path, data, size) != 0)
		abort();
	if (seeds_load(&s, path, &errors) == 0) {
		for (size_t i = 0; i < s->n; i++) {
			fuzz_check(seeds_code_valid(s->v[i].code));
			fuzz_check(seeds_category_valid(s->v[i].category));
			fuzz_check(strncmp(s->v[i].url, "http://", 7) == 0 ||
			    strncmp(s->v[i].url, "https://", 8) == 0);
			fuzz_check(seeds_find(s, s->v[i].code) != NULL);
		}
		if (s->n > 0) {
			char *only = strdup(s->v[0].code);

			fuzz_check(seeds_filter(s, only) == 0);
			fuzz_check(s->n >= 1);
			free(only);
		}
		seeds_free(s);
	} else {
		fuzz_check(err_msg()[0] != '\0');
	}
	buf_free(&errors);
	unlink(path);
	return 0;
}
