/*
 * test_extract_real: every page of ../shared/data/real-pages/ extracts; the
 * four damaged PDFs fail cleanly; site-template text does not reach the
 * main content.  Skips (77) when the shared folder is absent.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "extract.h"
#include "util.h"

static char *pages_dir;

/* Template text that must never be main content. */
static const char *const never[] = {
	"ホーム >", "ホーム ＞", "ホーム＞", "トップページ >", "このページは役に立ちましたか",
	"本文へ", "ページの先頭へ", "このページの先頭へ", "Adobe Reader", "文字サイズ",
};
#define NNEVER (sizeof(never) / sizeof(*never))

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_real_pages(void **state)
{
	DIR *d = opendir(pages_dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, ok = 0, pdf_failed = 0, sections = 0, items = 0, empty = 0;
	size_t leaks[NNEVER] = { 0 }, failures = 0, links = 0, main_links = 0;
	double t0 = util_monotonic();

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (l > 5 && (strcmp(e->d_name + l - 5, ".html") == 0 ||
		    strcmp(e->d_name + l - 4, ".pdf") == 0)) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (size_t i = 0; i < n; i++) {
		char *path = util_path_join(pages_dir, names[i]), *data = NULL;
		size_t len = 0;
		struct extract_page *p = NULL;
		bool is_pdf = strstr(names[i], ".pdf") != NULL;
		int rc;

		assert_int_equal(util_read_file(&data, &len, path, 0), 0);
		rc = extract_bytes(&p, data, len, NULL);
		if (is_pdf) {
			/* the shared PDFs are all damaged (binary bytes lost) */
			if (rc == 0) {
				print_error("%s: damaged pdf extracted without error\n", names[i]);
				failures++;
			} else if (!strstr(err_msg(), "pdf")) {
				print_error("%s: unclear error: %s\n", names[i], err_msg());
				failures++;
			} else {
				pdf_failed++;
			}
		} else if (rc != 0) {
			print_error("%s: %s\n", names[i], err_msg());
			failures++;
		} else {
			ok++;
			sections += p->nsections;
			for (size_t k = 0; k < p->nsections; k++)
				items += p->sections[k].kind == EXTRACT_ITEM;
			if (!p->main_text[0])
				empty++;
			links += p->nlinks;
			for (size_t k = 0; k < p->nlinks; k++)
				main_links += p->links[k].in_main;
			for (size_t k = 0; k < NNEVER; k++)
				if (strstr(p->main_text, never[k])) {
					if (leaks[k] < 5)
						print_error("%s: template text \"%s\" in main content\n",
						    names[i], never[k]);
					leaks[k]++;
				}
		}
		extract_page_free(p);
		free(data);
		free(path);
		free(names[i]);
	}
	free(names);
	print_message("real pages: %zu files, %zu html ok, %zu damaged pdf refused, "
	    "%zu failures, %zu empty main, %zu sections (%zu items), %zu links "
	    "(%zu in main), %.1f s\n", n, ok, pdf_failed, failures, empty, sections,
	    items, links, main_links, util_monotonic() - t0);
	for (size_t k = 0; k < NNEVER; k++) {
		print_message("template \"%s\": %zu pages\n", never[k], leaks[k]);
		failures += leaks[k];
	}
	assert_true(n > 0);
	assert_int_equal(failures, 0);
	/* an empty main content is a real page with no text of its own; a
	 * handful at most */
	assert_true(empty * 50 <= ok);
}

int
main(void)
{
	const char *shared = getenv("MUNISCAN_SHARED");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_pages),
	};
	int rc;

	pages_dir = util_path_join(shared ? shared : "../shared", "data/real-pages");
	if (!util_is_dir(pages_dir)) {
		printf("skipped: %s is absent (set MUNISCAN_SHARED)\n", pages_dir);
		free(pages_dir);
		return 77;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(pages_dir);
	return rc;
}
