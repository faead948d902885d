/*
 * cmd_show: `muniscan show [--out DIR] [--head] URL` prints the body of URL
 * as DIR/crawl.warc.gz archived it (docs/ARCHIVE.md), so a reviewer checks
 * what the tool saw, not today's live page.
 *
 * The archive is read from the start with the WARC reader; the last capture
 * of URL wins (a resumed or repeated crawl appends).  URL matches a record's
 * WARC-Target-URI as given or in muniscan's normal form (crawler/url.h), the
 * form the crawler writes.  A revisit (a 304 under --since) is shown through
 * the earlier response in the same archive whose payload digest it names;
 * when that response is in the older folder's archive, the error says so.
 * The body goes to stdout byte for byte (decoded of any Content-Encoding, as
 * stored); notes (capture date, truncation) go to stderr.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "log.h"
#include "url.h"
#include "util.h"
#include "warc.h"
#include "xalloc.h"

static bool
show_same_url(const char *target, const char *url, const char *norm)
{
	return target && (strcmp(target, url) == 0 || (norm && strcmp(target, norm) == 0));
}

/* show_move: moves *from into *to, clearing what *to held */
static void
show_move(struct warc_record *to, struct warc_record *from)
{
	warc_record_clear(to);
	*to = *from;
	memset(from, 0, sizeof(*from));
}

static int
show_write(const struct warc_record *rec, bool head)
{
	const char *block = rec->content, *sep = NULL;
	size_t len = rec->content_len, off = 0;

	for (size_t i = 0; block && i + 4 <= len && !sep; i++)
		if (memcmp(block + i, "\r\n\r\n", 4) == 0)
			sep = block + i;
	if (sep != NULL && !head)
		off = (size_t)(sep - block) + 4;
	if (len > off && fwrite(block + off, 1, len - off, stdout) != len - off)
		return err_set(MS_EIO, "stdout: write failed");
	if (fflush(stdout) != 0 || ferror(stdout))
		return err_set(MS_EIO, "stdout: write failed");
	return 0;
}

int
cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "head", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct warc_record rec, last, resp;
	struct warc_reader *r = NULL;
	const char *dir = ".", *url;
	char *path = NULL, *norm = NULL, *refers = NULL, *date = NULL;
	bool head = false, found = false, revisit = false;
	int c, rc = EXIT_OK, n;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': dir = optarg; break;
		case 'H': head = true; break;
		case 'h':
			return cli_help("show",
			    "Prints the archived body of URL from DIR/crawl.warc.gz (default DIR:\n"
			    "the current folder) as it was fetched: the bytes the server sent,\n"
			    "decoded of any gzip transfer, in the page's own charset.  The last\n"
			    "capture of URL wins; its date goes to stderr.\n"
			    "  --out DIR   the output folder of a crawl or run\n"
			    "  --head      print the stored HTTP status line and headers first\n"
			    "Exits 1 when URL is not in the archive.  See docs/ARCHIVE.md.\n");
		default:
			return cli_bad_option("show", argv);
		}
	}
	if (optind >= argc)
		return cli_usage("show", "URL is required");
	if (optind + 1 < argc)
		return cli_usage("show", "unexpected argument '%s'", argv[optind + 1]);
	url = argv[optind];
	if (*url == '\0')
		return cli_usage("show", "URL is empty");
	if (url_normalize(&norm, NULL, url) != 0) {
		err_clear();
		norm = NULL;
	}
	memset(&last, 0, sizeof(last));
	memset(&resp, 0, sizeof(resp));
	path = util_path_join(dir, "crawl.warc.gz");
	if (warc_reader_open(&r, path) != 0) {
		rc = cli_fail();
		goto out;
	}
	/* the last capture (response or revisit) of url, and its last response
	 * for a revisit that reuses the body */
	while ((n = warc_reader_next(r, &rec)) == 1) {
		bool is_resp = rec.type && strcmp(rec.type, "response") == 0;
		bool is_rev = rec.type && strcmp(rec.type, "revisit") == 0;

		if ((is_resp || is_rev) && show_same_url(rec.target_uri, url, norm)) {
			found = true;
			revisit = is_rev;
			show_move(is_resp ? &resp : &last, &rec);
		}
		warc_record_clear(&rec);
	}
	if (n < 0) {
		if (!found) {
			rc = cli_fail();
			goto out;
		}
		/* a torn tail (a crawl killed or still running): what was read
		 * before it stands */
		log_warn("show: %s", err_msg());
		err_clear();
	}
	if (!found) {
		log_err("%s: not in %s", url, path);
		rc = EXIT_RUNTIME;
		goto out;
	}
	if (revisit) { /* the last capture is a 304 that reused a body */
		refers = warc_record_field(&last, "WARC-Refers-To-Date");
		if (resp.headers == NULL || last.payload_digest == NULL ||
		    resp.payload_digest == NULL ||
		    strcmp(last.payload_digest, resp.payload_digest) != 0) {
			log_err("%s: in %s only as a revisit of the capture of %s, whose body is in "
			    "the archive of the folder the crawl ran --since", url, path,
			    refers ? refers : "an earlier crawl");
			rc = EXIT_RUNTIME;
			goto out;
		}
		date = warc_record_field(&last, "WARC-Date");
		log_info("show: %s: not modified at %s; body of the capture of %s", url,
		    date ? date : "?", refers ? refers : "?");
	} else {
		date = warc_record_field(&resp, "WARC-Date");
		log_info("show: %s: captured %s", url, date ? date : "?");
	}
	if (resp.truncated)
		log_warn("show: %s: the archive holds only the first %zu bytes of the block "
		    "(WARC-Truncated)", url, resp.content_len);
	if (show_write(&resp, head) != 0)
		rc = cli_fail();
out:
	warc_record_clear(&last);
	warc_record_clear(&resp);
	warc_reader_free(r);
	free(date);
	free(refers);
	free(path);
	free(norm);
	return rc;
}
