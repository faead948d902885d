/*
 * extract: the entry point for a stored page (see extract.h):
 * extract_bytes() sniffs what the bytes are (PDF, binary, HTML), applies
 * the size caps, decodes the charset (charset.c) and hands the document to
 * extract_pdf() (pdf.c) or extract_html() (html.c).
 *
 * Dependencies point one way: this file -> html.c, pdf.c -> the shared
 * helpers (lines.c, text.c, extract_dict.c); the paths never call back
 * into this file.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "err.h"
#include "extract_internal.h"

#define DEFAULT_MAX_BYTES (8u * 1024 * 1024)
/* A PDF may be larger than the HTML cap: brochures carry images. */
#define PDF_MAX_BYTES (64u * 1024 * 1024)

/* looks_binary: NULs or many control bytes near the top mean this is not
 * a text document, whatever its Content-Type says. */
static bool
looks_binary(const char *data, size_t len)
{
	size_t n = len < 4096 ? len : 4096, ctl = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == 0)
			return true;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
			ctl++;
	}
	return n > 0 && ctl * 20 > n;
}

static bool
is_pdf(const char *data, size_t len, const char *ct)
{
	size_t n = len < 1024 ? len : 1024;

	if (ct && (strstr(ct, "application/pdf") || strstr(ct, "application/x-pdf")))
		return true;
	/* the header may follow a little junk (PDF 1.7, 7.5.2) */
	for (size_t i = 0; i + 5 <= n; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

int
extract_bytes(struct extract_page **out, const char *data, size_t len,
	const struct extract_opts *opts)
{
	struct charset_result cs = { 0 };
	const char *what = opts && opts->url ? opts->url : NULL;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
	int rc;

	*out = NULL;
	if ((rc = ex_dict_ready()) != 0)
		return rc;
	if (len == 0)
		return ex_err(MS_EINVAL, what, "empty document");
	if (is_pdf(data, len, opts ? opts->content_type : NULL)) {
		if (len > PDF_MAX_BYTES)
			return ex_err(MS_ELIMIT, what, "pdf of %zu bytes is over the %u byte cap", len, PDF_MAX_BYTES);
		return extract_pdf(out, data, len, opts);
	}
	if (len > max)
		return ex_err(MS_ELIMIT, what, "page of %zu bytes is over the %zu byte cap", len, max);
	if (looks_binary(data, len) && !(len >= 2 && (data[0] == '\xff' || data[0] == '\xfe')))
		return ex_err(MS_EINVAL, what, "binary data, not an html page");
	if ((rc = charset_decode(&cs, data, len, opts ? opts->content_type : NULL)) != 0)
		return rc;
	rc = extract_html(out, cs.utf8, cs.len, opts);
	if (rc == 0) {
		free((*out)->charset);
		free((*out)->charset_reason);
		(*out)->charset = cs.charset;
		(*out)->charset_reason = cs.reason;
		cs.charset = cs.reason = NULL;
	}
	charset_result_free(&cs);
	return rc;
}
