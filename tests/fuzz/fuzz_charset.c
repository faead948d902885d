/*
 * fuzz_charset: charset_decode over arbitrary bytes.
 * Input: the first byte picks the Content-Type (none, bare, or a charset
 * parameter naming UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP, UTF-16, Latin-1,
 * an unknown or an empty name); the rest is the body.  Invariants: a decode
 * gives NUL-terminated, well-formed UTF-8 of the stated length with a
 * charset name and a reason; a body that is already valid UTF-8 declared as
 * UTF-8 comes back byte for byte; decoding is deterministic.
 */
#include <stdbool.h>

#include "charset.h"
#include "fuzz_common.h"
#include "util.h"

static const char *const types[] = {
	NULL,
	"text/html",
	"text/html; charset=utf-8",
	"text/html; charset=Shift_JIS",
	"text/html;charset=\"euc-jp\"",
	"text/html; charset=iso-2022-jp",
	"text/html; charset=utf-16",
	"text/html; charset=iso-8859-1",
	"text/html; charset=x-no-such-charset",
	"text/html; charset=",
	"application/xhtml+xml; charset=windows-31j",
	"text/plain; charset=UTF-8; format=flowed",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct charset_result r = { NULL, 0, NULL, NULL }, again = { NULL, 0, NULL, NULL };
	const char *ct, *body;
	size_t len;

	if (size == 0)
		return 0;
	ct = types[data[0] % (sizeof(types) / sizeof(*types))];
	body = (const char *)data + 1;
	len = size - 1;
	if (charset_decode(&r, body, len, ct) == 0) {
		fuzz_check(r.utf8 != NULL);
		fuzz_check(r.utf8[r.len] == '\0');
		fuzz_check(util_utf8_valid(r.utf8, r.len));
		fuzz_check(r.charset != NULL && r.charset[0] != '\0');
		fuzz_check(r.reason != NULL);
		if (ct && strstr(ct, "utf-8") && util_utf8_valid(body, len) &&
		    !(len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0)) {
			fuzz_check(r.len == len);
			fuzz_check(memcmp(r.utf8, body, len) == 0);
		}
		fuzz_check(charset_decode(&again, body, len, ct) == 0);
		fuzz_check(again.len == r.len && memcmp(again.utf8, r.utf8, r.len) == 0);
		fuzz_check(strcmp(again.charset, r.charset) == 0);
	}
	charset_result_free(&r);
	charset_result_free(&again);
	return 0;
}
