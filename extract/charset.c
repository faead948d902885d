/*
 * charset: deciding a page's encoding and decoding it to UTF-8 (see
 * charset.h).
 *
 * The declared charset (HTTP header, BOM, <meta>) is only a claim: every
 * choice is checked by a strict decode (ICU converter with STOP callbacks),
 * and a claim that fails falls through to UTF-8, the detector's guess,
 * Windows-31J and EUC-JP, in that order.  Real municipal pages declare
 * shift_jis and are UTF-8 (a scraper transcoded them), or declare UTF-8 and
 * are Shift_JIS (an editor saved them), so the bytes have the last word.
 *
 * All ICU objects are local to one call, so the module is thread-safe.
 */
#include "charset.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "err.h"
#include "util.h"
#include "xalloc.h"

/* How far into the page the <meta> prescan looks.  Browsers stop at 1024
 * bytes; municipal templates put long comments and scripts first. */
#define META_SCAN_BYTES 8192
/* The detector gets at most this much: enough for a confident guess. */
#define DETECT_BYTES (64 * 1024)
#define NAME_MAX_LEN 40

/* canon_name: the canonical name for a label, or NULL when ICU does not
 * know it.  Every Shift_JIS label means Windows-31J, which is what Japanese
 * Windows writes (①, ㈱ and 髙 are not in JIS X 0208). */
static char *
canon_name(const char *label)
{
	char low[NAME_MAX_LEN + 1];
	size_t n = 0;
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv;

	for (const char *p = label; *p && n < NAME_MAX_LEN; p++)
		low[n++] = (char)tolower((unsigned char)*p);
	low[n] = '\0';
	if (n == 0)
		return NULL;
	if (strcmp(low, "shift_jis") == 0 || strcmp(low, "shift-jis") == 0 ||
	    strcmp(low, "sjis") == 0 || strcmp(low, "x-sjis") == 0 ||
	    strcmp(low, "ms932") == 0 || strcmp(low, "cp932") == 0 ||
	    strcmp(low, "windows-31j") == 0 || strcmp(low, "ms_kanji") == 0 ||
	    strcmp(low, "csshiftjis") == 0 || strcmp(low, "x-ms-cp932") == 0 ||
	    strcmp(low, "cswindows31j") == 0)
		return xstrdup("windows-31j");
	if (strcmp(low, "utf-8") == 0 || strcmp(low, "utf8") == 0 ||
	    strcmp(low, "unicode-1-1-utf-8") == 0)
		return xstrdup("utf-8");
	if (strcmp(low, "euc-jp") == 0 || strcmp(low, "x-euc-jp") == 0 ||
	    strcmp(low, "eucjp") == 0 || strcmp(low, "cseucpkdfmtjapanese") == 0)
		return xstrdup("euc-jp");
	/* Browsers read these as windows-1252; ICU's latin1 would too. */
	if (strcmp(low, "iso-8859-1") == 0 || strcmp(low, "us-ascii") == 0 ||
	    strcmp(low, "ascii") == 0 || strcmp(low, "latin1") == 0)
		return xstrdup("windows-1252");
	cnv = ucnv_open(low, &st);
	if (U_FAILURE(st))
		return NULL;
	ucnv_close(cnv);
	return xstrdup(low);
}

/* label_after: the charset label following "charset" at p (skipping '=',
 * blanks and quotes), copied into out. */
static bool
label_after(char out[NAME_MAX_LEN + 1], const char *p, const char *end)
{
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '=')
		return false;
	p++;
	while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t'))
		p++;
	while (p < end && n < NAME_MAX_LEN &&
	    (isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.'))
		out[n++] = *p++;
	out[n] = '\0';
	return n > 0;
}

static const char *
memcasemem(const char *h, size_t hlen, const char *n)
{
	size_t nlen = strlen(n);

	if (nlen > hlen)
		return NULL;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (strncasecmp(h + i, n, nlen) == 0)
			return h + i;
	return NULL;
}

/* header_label: the charset parameter of a Content-Type value. */
static bool
header_label(char out[NAME_MAX_LEN + 1], const char *ct)
{
	const char *p;

	if (!ct)
		return false;
	p = memcasemem(ct, strlen(ct), "charset");
	return p && label_after(out, p + 7, ct + strlen(ct));
}

/* meta_label: the first charset declared in a <meta> tag near the top:
 * <meta charset=...> or <meta http-equiv=Content-Type content="...;
 * charset=...">.  Comments are skipped so a commented-out meta does not
 * count. */
static bool
meta_label(char out[NAME_MAX_LEN + 1], const char *data, size_t len)
{
	const char *p = data, *end = data + (len < META_SCAN_BYTES ? len : META_SCAN_BYTES);

	while (p < end) {
		const char *tag_end, *cs;

		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *c = memcasemem(p + 4, (size_t)(end - p - 4), "-->");
			if (!c)
				return false;
			p = c + 3;
			continue;
		}
		if (end - p < 5 || p[0] != '<' || strncasecmp(p + 1, "meta", 4) != 0) {
			p++;
			continue;
		}
		tag_end = memchr(p, '>', (size_t)(end - p));
		if (!tag_end)
			return false;
		cs = memcasemem(p, (size_t)(tag_end - p), "charset");
		if (cs && label_after(out, cs + 7, tag_end))
			return true;
		p = tag_end + 1;
	}
	return false;
}

/* decode: converts with ICU; strict stops at the first illegal sequence
 * (returning MS_EINVAL), otherwise bad bytes become U+FFFD. */
static int
decode(char **out, size_t *out_len, const char *name, const char *data,
	size_t len, bool strict)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv = NULL;
	UChar *u = NULL;
	char *s = NULL;
	int32_t ulen, slen;
	size_t ucap;
	int rc = MS_EINVAL;

	if (strcmp(name, "utf-8") == 0 && util_utf8_valid(data, len)) {
		/* the common case needs no converter; a copy, not a string
		 * duplicate: the page may hold NUL bytes */
		char *p = xmalloc(len + 1);

		memcpy(p, data, len);
		p[len] = '\0';
		*out = p;
		*out_len = len;
		return 0;
	}
	if (len > INT32_MAX / 2 - 2)
		return err_set(MS_ELIMIT, "charset: page too large to decode");
	cnv = ucnv_open(name, &st);
	if (U_FAILURE(st))
		return err_set(MS_EINVAL, "charset: unknown charset %s", name);
	if (strict) {
		ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
		if (U_FAILURE(st))
			goto out;
	}
	/* one UTF-16 unit per input byte is enough for every charset here,
	 * plus room for a BOM-less multi-unit tail */
	ucap = len + 16;
	u = xreallocarray(NULL, ucap, sizeof(*u));
	ulen = ucnv_toUChars(cnv, u, (int32_t)ucap, data, (int32_t)len, &st);
	if (U_FAILURE(st))
		goto out;
	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &slen, u, ulen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto out;
	st = U_ZERO_ERROR;
	s = xmalloc((size_t)slen + 1);
	u_strToUTF8(s, slen + 1, &slen, u, ulen, &st);
	if (U_FAILURE(st))
		goto out;
	s[slen] = '\0';
	*out = s;
	*out_len = (size_t)slen;
	s = NULL;
	rc = 0;
out:
	free(s);
	free(u);
	ucnv_close(cnv);
	return rc;
}

/* detected: ICU's best guess, or NULL.  Unreliable on short text, which is
 * why it only ever comes after the declarations and is always validated. */
/* mostly_utf8: s is UTF-8 with many multi-byte characters and only a few
 * bytes that are not (at most 3, or one in 200 characters) */
static bool
mostly_utf8(const char *s, size_t len, size_t *bad_out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, multi = 0, bad = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
		    (c & 0xF8) == 0xF0 ? 4 : 0;
		bool ok = n > 0 && i + n <= len && !(n == 2 && c < 0xC2);

		for (size_t k = 1; ok && k < n; k++)
			ok = (p[i + k] & 0xC0) == 0x80;
		if (ok && n == 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0)))
			ok = false;
		if (ok && n == 4 && ((c == 0xF0 && p[i + 1] < 0x90) || c > 0xF4 ||
		    (c == 0xF4 && p[i + 1] >= 0x90)))
			ok = false;
		if (!ok) {
			bad++;
			i++;
			continue;
		}
		multi += n > 1;
		i += n;
	}
	*bad_out = bad;
	return bad > 0 && multi >= 16 && (bad <= 3 || bad * 200 <= multi);
}

static char *
detected(const char *data, size_t len, int *confidence)
{
	UErrorCode st = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch *m;
	char *name = NULL;

	*confidence = 0;
	det = ucsdet_open(&st);
	if (U_FAILURE(st))
		return NULL;
	ucsdet_enableInputFilter(det, true); /* ignore markup */
	ucsdet_setText(det, data, (int32_t)(len < DETECT_BYTES ? len : DETECT_BYTES), &st);
	m = ucsdet_detect(det, &st);
	if (!U_FAILURE(st) && m) {
		const char *n = ucsdet_getName(m, &st);
		*confidence = ucsdet_getConfidence(m, &st);
		if (!U_FAILURE(st) && n)
			name = canon_name(n);
	}
	ucsdet_close(det);
	return name;
}

static int
finish(struct charset_result *out, char *text, size_t len, const char *name,
	char *reason)
{
	out->utf8 = text;
	out->len = len;
	out->charset = xstrdup(name);
	out->reason = reason;
	return 0;
}

int
charset_decode(struct charset_result *out, const char *data, size_t len,
	const char *content_type)
{
	char label[NAME_MAX_LEN + 1];
	char *claim = NULL, *guess = NULL, *text = NULL;
	const char *source = NULL, *body = data;
	const char *cands[5];
	size_t ncands = 0, body_len = len, tlen = 0;
	int conf = 0, rc = 0;

	memset(out, 0, sizeof(*out));
	if (!data)
		data = body = "";
	/* BOM first among the in-band signals: it cannot lie about itself */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		claim = xstrdup("utf-8");
		source = "bom";
		body = data + 3;
		body_len = len - 3;
	} else if (len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
	    memcmp(data, "\xfe\xff", 2) == 0)) {
		claim = xstrdup(data[0] == '\xff' ? "utf-16le" : "utf-16be");
		source = "bom";
		body = data + 2;
		body_len = len - 2;
	}
	if (!claim && header_label(label, content_type) && (claim = canon_name(label)))
		source = "http-header";
	if (!claim && meta_label(label, data, len) && (claim = canon_name(label))) {
		source = "meta";
		/* a page whose meta tag could be read in ASCII is no UTF-16
		 * page (the HTML standard reads such a label as UTF-8) */
		if (strncmp(claim, "utf-16", 6) == 0) {
			free(claim);
			claim = xstrdup("utf-8");
			source = "meta said utf-16, an ASCII-compatible page";
		}
	}

	if (claim) {
		if (decode(&text, &tlen, claim, body, body_len, true) == 0) {
			rc = finish(out, text, tlen, claim, xstrdup(source));
			goto out;
		}
	}
	/* UTF-8 but for a few bytes (a stray byte pasted into a page, a cut
	 * character): read as UTF-8 with those bytes replaced, not as a legacy
	 * encoding that happens to accept them and garbles every character */
	{
		size_t bad = 0;

		if ((!claim || strcmp(claim, "utf-8") != 0) && mostly_utf8(body, body_len, &bad) &&
		    decode(&text, &tlen, "utf-8", body, body_len, false) == 0) {
			if (claim)
				rc = finish(out, text, tlen, "utf-8",
				    xasprintf("%s said %s, bytes are utf-8 but for %zu, replaced", source,
					claim, bad));
			else
				rc = finish(out, text, tlen, "utf-8",
				    xasprintf("detected utf-8 but for %zu byte%s, replaced", bad,
					bad == 1 ? "" : "s"));
			goto out;
		}
	}
	guess = detected(body, body_len, &conf);
	/* The fall-back order: UTF-8 (valid UTF-8 is almost never anything
	 * else), the detector when it is fairly sure, then the two legacy
	 * Japanese encodings. */
	cands[ncands++] = "utf-8";
	/* the detector only gets a say among the Japanese encodings: on short
	 * Shift_JIS it likes to answer windows-1252, which decodes anything */
	if (guess && conf >= 30 && (strcmp(guess, "windows-31j") == 0 ||
	    strcmp(guess, "euc-jp") == 0 || strcmp(guess, "iso-2022-jp") == 0))
		cands[ncands++] = guess;
	cands[ncands++] = "windows-31j";
	cands[ncands++] = "euc-jp";
	for (size_t i = 0; i < ncands; i++) {
		if (claim && strcmp(cands[i], claim) == 0)
			continue;
		if (decode(&text, &tlen, cands[i], body, body_len, true) != 0)
			continue;
		if (claim)
			rc = finish(out, text, tlen, cands[i],
			    xasprintf("%s said %s, bytes are %s", source, claim, cands[i]));
		else
			rc = finish(out, text, tlen, cands[i],
			    xstrdup(strcmp(cands[i], "utf-8") == 0 ? "detected" :
				guess && strcmp(cands[i], guess) == 0 ? "detected" :
				"fallback"));
		goto out;
	}
	/* Nothing decodes cleanly: keep the claim (or the guess), replacing
	 * what cannot be read, and say so. */
	{
		const char *name = claim ? claim : guess ? guess : "utf-8";

		rc = decode(&text, &tlen, name, body, body_len, false);
		if (rc != 0) {
			rc = err_set(MS_ERROR, "charset: cannot decode as %s", name);
			goto out;
		}
		rc = finish(out, text, tlen, name,
		    xasprintf("%s, undecodable bytes replaced", claim ? source : "guess"));
	}
out:
	free(claim);
	free(guess);
	return rc;
}

void
charset_result_free(struct charset_result *r)
{
	if (!r)
		return;
	free(r->utf8);
	free(r->charset);
	free(r->reason);
	memset(r, 0, sizeof(*r));
}
