/*
 * fuzz_prep: what extraction does to a page before and during parsing
 * (extract/html_prep.c, extract/arena.c) over arbitrary bytes.
 * Invariants: the compact copy is a subsequence of the page and the map
 * finds each of its bytes there (ex_prep_orig strictly increasing, the
 * byte equal); end offsets map inside the page; a small depth cap gives
 * the same copy but for blanks, and the UTF-8 repair keeps the length; gumbo parses the copy into the arena and
 * the tree can be walked, then the arena releases it (ASan checks the
 * memory of both).
 */
#include <limits.h>
#include <stdbool.h>

#include <gumbo.h>

#include "extract_internal.h"
#include "fuzz_common.h"
#include "util.h"

static size_t
nodes(const GumboNode *n, int depth)
{
	size_t k = 1;

	if (depth > 1000 || n->type != GUMBO_NODE_ELEMENT)
		return k;
	for (unsigned i = 0; i < n->v.element.children.length; i++)
		k += nodes(n->v.element.children.data[i], depth + 1);
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *html = (const char *)data;
	struct ex_prep_map map;
	struct ex_arena arena = { 0 };
	GumboOptions go = kGumboDefaultOptions;
	GumboOutput *g;
	size_t clen = 0, prev = 0, blanked = 0;
	char *copy;

	copy = ex_prep_compact(html, size, INT_MAX, &clen, &map, &blanked);
	fuzz_check(blanked == 0);
	fuzz_check(clen <= size);
	fuzz_check(copy[clen] == '\0');
	for (size_t i = 0; i < clen; i++) {
		size_t o = ex_prep_orig(&map, i);

		fuzz_check(o < size);
		fuzz_check(i == 0 || o > prev);
		if (html[o] != copy[i]) {
			fprintf(stderr, "copy byte %zu is not page byte %zu\n", i, o);
			abort();
		}
		prev = o;
	}
	fuzz_check(ex_prep_orig_end(&map, clen) <= size);
	fuzz_check(ex_prep_orig_end(&map, 0) == 0);
	/* with a small depth cap: the same copy but for blanked tags */
	{
		struct ex_prep_map map2;
		size_t clen2 = 0;
		char *bounded = ex_prep_compact(html, size, 1 + (int)(size % 64), &clen2, &map2,
		    &blanked);

		fuzz_check(clen2 == clen);
		for (size_t i = 0; i < clen; i++)
			fuzz_check(bounded[i] == copy[i] || bounded[i] == ' ');
		ex_prep_map_free(&map2);
		free(copy);
		copy = bounded;
	}
	if (!util_utf8_valid(copy, clen) || memchr(copy, '\0', clen))
		ex_prep_sanitize_utf8(copy, clen);
	fuzz_check(util_utf8_valid(copy, clen));
	go.allocator = ex_arena_alloc;
	go.deallocator = ex_arena_free;
	go.userdata = &arena;
	go.max_errors = 50;
	g = gumbo_parse_with_options(&go, copy, clen);
	fuzz_check(g != NULL && g->root != NULL);
	fuzz_check(nodes(g->root, 0) >= 1);
	ex_arena_done(&arena);
	ex_prep_map_free(&map);
	free(copy);
	return 0;
}
