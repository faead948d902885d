/*
 * charset: deciding a page's encoding and decoding it to UTF-8.
 *
 * Order: HTTP header charset, BOM, <meta> prescan (first 4 KiB... 1024
 * bytes as browsers do, extended), ICU detection; the choice is validated by a
 * strict decode, and when it fails the other candidates are tried (real pages
 * declare shift_jis and are UTF-8).  Shift_JIS means Windows-31J (cp932).
 */
#ifndef MUNISCAN_CHARSET_H
#define MUNISCAN_CHARSET_H

#include <stddef.h>

struct charset_result {
	char *utf8;      /* decoded text, NUL-terminated */
	size_t len;
	char *charset;   /* canonical name: "utf-8", "windows-31j", "euc-jp", ... */
	char *reason;    /* how it was decided, e.g. "http-header", "meta",
			  * "bom", "detected", "meta said shift_jis, bytes are utf-8" */
};

/* charset_decode: content_type may be NULL.  Caller frees with
 * charset_result_free().  Undecodable bytes (after all candidates) are
 * replaced with U+FFFD and noted in the reason; only an internal ICU failure
 * is an error. */
int charset_decode(struct charset_result *out, const char *data, size_t len,
	const char *content_type);
void charset_result_free(struct charset_result *r);

#endif
