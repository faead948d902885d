/*
 * fuzz_extract: extract_html and extract_bytes over arbitrary bytes.
 * Input: the first byte picks the entry point and options: even, the rest
 * goes to extract_html when it is valid UTF-8 (its contract), with a page
 * URL or none; odd, to extract_bytes with a Content-Type of text/html, with
 * a charset, or none (a body starting "%PDF" is skipped: pdftotext is a
 * separate process, too slow to fuzz here).  Bits 4-5 pick a small nesting
 * cap sometimes, to reach the depth guard.  Invariants: the page has a
 * title, a URL and main text, all well-formed UTF-8; every section's byte
 * range lies inside the input (for extract_html), starts before it ends,
 * and its parent comes before it; every link has an href; no link URL
 * holds a space or a newline when a page URL resolved it.
 */
#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>

#include "err.h"
#include "extract.h"
#include "fuzz_common.h"
#include "util.h"

static void
check_str(const char *s)
{
	fuzz_check(s != NULL);
	fuzz_check(util_utf8_valid(s, strlen(s)));
}

static void
check_page(const struct extract_page *pg, size_t len, bool html, bool resolved)
{
	fuzz_check(pg != NULL);
	check_str(pg->url);
	check_str(pg->title);
	if (pg->is_pdf)
		return;
	check_str(pg->main_text);
	for (size_t i = 0; i < pg->nsections; i++) {
		const struct extract_section *s = &pg->sections[i];

		check_str(s->heading);
		check_str(s->text);
		fuzz_check(s->byte_start <= s->byte_end);
		if (html)
			fuzz_check(s->byte_end <= len);
		fuzz_check(s->parent >= -1 && s->parent < (int)i);
		for (size_t k = 0; k < s->nlinks; k++)
			fuzz_check(s->links[k].href != NULL);
	}
	for (size_t k = 0; k < pg->nlinks; k++) {
		fuzz_check(pg->links[k].href != NULL);
		if (pg->links[k].text)
			check_str(pg->links[k].text);
		if (resolved)
			fuzz_check(strpbrk(pg->links[k].href, " \n\r\t") == NULL);
	}
}

/* the word lists must load, or every input would fail early and test
 * nothing: the source tree's dict/ unless MUNISCAN_DICT names another */
static void
load_words(void)
{
	static bool loaded;
	const char *dir = getenv("MUNISCAN_DICT");

	if (loaded)
		return;
	if (extract_config_load(dir && *dir ? dir : MUNISCAN_SOURCE_DICT) != 0) {
		fprintf(stderr, "fuzz_extract: %s\n", err_msg());
		abort();
	}
	loaded = true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = { "text/html", "text/html; charset=shift_jis", NULL };
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct extract_page *pg = NULL;
	const char *body;
	size_t len;
	uint8_t mode;

	load_words();

	if (size == 0)
		return 0;
	mode = data[0];
	body = (const char *)data + 1;
	len = size - 1;
	if (((mode >> 4) & 3) == 3)
		eo.max_depth = 8;
	if ((mode & 1) == 0) {
		bool resolved = (mode & 2) != 0;

		if (!util_utf8_valid(body, len))
			return 0;
		eo.url = resolved ? "http://www.city.example.test/sangyo/index.html" : NULL;
		if (extract_html(&pg, body, len, &eo) == 0)
			check_page(pg, len, true, false);
		else
			fuzz_check(pg == NULL);
	} else {
		if (len >= 4 && memcmp(body, "%PDF", 4) == 0)
			return 0;
		eo.url = "http://www.city.example.test/";
		eo.content_type = types[(mode >> 1) % 3];
		if (extract_bytes(&pg, body, len, &eo) == 0)
			check_page(pg, len, false, false);
		else
			fuzz_check(pg == NULL);
	}
	extract_page_free(pg);
	return 0;
}
