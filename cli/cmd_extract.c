/*
 * cmd_extract: `muniscan extract [--url URL] [--json] FILE` (see
 * docs/EXTRACT.md): a page's title and sections as the classifier will see
 * them, as readable text for people tuning rules, or as JSON for scripts.
 *
 * --dict DIR reads the template word lists (extract.tsv) from DIR instead
 * of the default data folder.
 *
 * Hidden helpers: --links also lists every link of the page (what the
 * crawler follows); --bench FILE... extracts many files in one process and
 * prints only timing (bench/extract), since a process per page would
 * measure process start-up rather than extraction.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "err.h"
#include "extract.h"
#include "jsonw.h"
#include "util.h"

#define EXTRACT_FILE_MAX (64u * 1024 * 1024)

static const char *const kind_names[] = { "intro", "heading", "item", "pdf_page" };

static const char *
kind_name(enum extract_section_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(*kind_names) ? kind_names[k] : "?";
}

/* json_str: s as a JSON string (NULL as ""). */
static void
json_str(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;

	jsonw_str(&b, s ? s : "", false);
	fwrite(b.ptr, 1, b.len, f);
	buf_free(&b);
}

static void
json_links(FILE *f, const struct extract_link *v, size_t n, bool with_main)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",{\"href\":" : "{\"href\":", f);
		json_str(f, v[i].href);
		fputs(",\"text\":", f);
		json_str(f, v[i].text);
		if (with_main)
			fprintf(f, ",\"in_main\":%s", v[i].in_main ? "true" : "false");
		fputc('}', f);
	}
	fputc(']', f);
}

static void
print_json(FILE *f, const struct extract_page *p)
{
	fputs("{\"url\":", f);
	json_str(f, p->url);
	fputs(",\"title\":", f);
	json_str(f, p->title);
	fprintf(f, ",\"is_pdf\":%s,\"charset\":", p->is_pdf ? "true" : "false");
	json_str(f, p->charset);
	fputs(",\"charset_reason\":", f);
	json_str(f, p->charset_reason);
	fputs(",\"sections\":[", f);
	for (size_t i = 0; i < p->nsections; i++) {
		const struct extract_section *s = &p->sections[i];

		fprintf(f, "%s{\"kind\":\"%s\",\"level\":%d,\"parent\":%d,"
		    "\"byte_start\":%zu,\"byte_end\":%zu,\"heading\":",
		    i ? "," : "", kind_name(s->kind), s->level, s->parent,
		    s->byte_start, s->byte_end);
		json_str(f, s->heading);
		fputs(",\"text\":", f);
		json_str(f, s->text);
		fputs(",\"links\":", f);
		json_links(f, s->links, s->nlinks, false);
		fputc('}', f);
	}
	fputs("],\"main_text\":", f);
	json_str(f, p->main_text);
	fputs(",\"links\":", f);
	json_links(f, p->links, p->nlinks, true);
	fputs("}\n", f);
}

static void
print_text(FILE *f, const struct extract_page *p, bool all_links)
{
	size_t in_main = 0;

	for (size_t i = 0; i < p->nlinks; i++)
		in_main += p->links[i].in_main;
	fprintf(f, "title: %s\n", p->title);
	if (p->url[0])
		fprintf(f, "url: %s\n", p->url);
	fprintf(f, "charset: %s (%s)\n", p->charset, p->charset_reason);
	fprintf(f, "sections: %zu, links: %zu (%zu in main)\n", p->nsections, p->nlinks, in_main);
	for (size_t i = 0; i < p->nsections; i++) {
		const struct extract_section *s = &p->sections[i];

		fprintf(f, "\n== [%zu] %s", i, kind_name(s->kind));
		if (s->kind == EXTRACT_HEADING || s->kind == EXTRACT_PDF_PAGE)
			fprintf(f, " %d", s->level);
		if (s->parent >= 0)
			fprintf(f, " < [%d]", s->parent);
		fprintf(f, " (bytes %zu-%zu)", s->byte_start, s->byte_end);
		if (s->heading[0])
			fprintf(f, ": %s", s->heading);
		fputc('\n', f);
		if (s->text[0]) {
			const char *t = s->text;

			while (*t) {
				size_t n = strcspn(t, "\n");

				fprintf(f, "  %.*s\n", (int)n, t);
				t += n + (t[n] == '\n');
			}
		}
		for (size_t k = 0; k < s->nlinks; k++)
			fprintf(f, "  -> %s <%s>\n", s->links[k].text, s->links[k].href);
	}
	if (all_links) {
		fputs("\n== links\n", f);
		for (size_t i = 0; i < p->nlinks; i++)
			fprintf(f, "%s %s <%s>\n", p->links[i].in_main ? "*" : " ",
			    p->links[i].text, p->links[i].href);
	}
}

static int
bench(char **files, int n, const struct extract_opts *base)
{
	size_t ok = 0, failed = 0, bytes = 0;
	double spent = 0;

	for (int i = 0; i < n; i++) {
		char *data = NULL;
		size_t len = 0;
		struct extract_page *p = NULL;
		struct extract_opts o = *base;
		double t0;

		if (util_read_file(&data, &len, files[i], EXTRACT_FILE_MAX) != 0) {
			failed++;
			continue;
		}
		t0 = util_monotonic();
		if (extract_bytes(&p, data, len, &o) == 0)
			ok++;
		else
			failed++;
		spent += util_monotonic() - t0;
		bytes += len;
		extract_page_free(p);
		free(data);
	}
	printf("extract-bench: files=%d ok=%zu failed=%zu bytes=%zu seconds=%.3f "
	    "pages_per_s=%.1f mb_per_s=%.2f\n", n, ok, failed, bytes, spent,
	    spent > 0 ? (double)n / spent : 0.0,
	    spent > 0 ? (double)bytes / 1048576.0 / spent : 0.0);
	return EXIT_OK;
}

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ "links", no_argument, NULL, 'l' },
		{ "bench", no_argument, NULL, 'B' },
		{ "content-type", required_argument, NULL, 'c' },
		{ "dict", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct extract_opts opts = EXTRACT_OPTS_INIT;
	struct extract_page *page = NULL;
	bool json = false, links = false, do_bench = false;
	const char *dict = NULL;
	char *data = NULL;
	size_t len = 0;
	int c, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'u': opts.url = optarg; break;
		case 'j': json = true; break;
		case 'l': links = true; break;
		case 'B': do_bench = true; break;
		case 'c': opts.content_type = optarg; break;
		case 'd': dict = optarg; break;
		case 'h':
			return cli_help("extract",
			    "Prints the page title, then each section: its kind (intro, heading,\n"
			    "item, pdf_page), parent, byte range, heading, text and links.\n"
			    "  --url URL    the page's URL, to resolve links\n"
			    "  --json       one JSON object instead of text\n"
			    "  --links      also list every link of the page (* = in main content)\n"
			    "  --dict DIR   data folder holding extract.tsv (template words)");
		default:
			return cli_bad_option("extract", argv);
		}
	}
	/* the template word lists: a broken file is one error, not one per page */
	if (extract_config_load(dict) != 0)
		return cli_fail();
	if (do_bench)
		return bench(argv + optind, argc - optind, &opts);
	if (argc - optind != 1)
		return cli_usage("extract", "expected one FILE");
	if (util_read_file(&data, &len, argv[optind], EXTRACT_FILE_MAX) != 0) {
		err_set(MS_EIO, "%s: %s", argv[optind], *err_msg() ? err_msg() : "cannot read");
		return cli_fail();
	}
	if (extract_bytes(&page, data, len, &opts) != 0) {
		/* one line naming the file: the library names the URL or "page" */
		char *m = strdup(err_msg());

		err_set(MS_EINVAL, "%s: %s", argv[optind], m ? m : "extraction failed");
		free(m);
		rc = cli_fail();
		goto out;
	}
	if (json)
		print_json(stdout, page);
	else
		print_text(stdout, page, links);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_set(MS_EIO, "stdout: write failed");
		rc = cli_fail();
	}
out:
	extract_page_free(page);
	free(data);
	return rc;
}
