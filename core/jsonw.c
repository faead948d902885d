/*
 * jsonw: JSON string escaping (see jsonw.h).
 */
#include "jsonw.h"

#include "buf.h"

void
jsonw_str(struct buf *b, const char *s, bool html_safe)
{
	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\f': buf_adds(b, "\\f"); break;
		case '<': case '>': case '&':
			if (html_safe) {
				buf_addf(b, "\\u%04x", *p);
				break;
			}
			buf_addc(b, (char)*p);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				buf_addf(b, "\\u%04x", *p);
			} else if (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
				/* U+2028/2029 end a JavaScript string literal */
				buf_addf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
				p += 2;
			} else {
				buf_addc(b, (char)*p);
			}
		}
	}
	buf_addc(b, '"');
}

void
jsonw_key(struct buf *b, const char *key, bool first)
{
	if (!first)
		buf_addc(b, ',');
	jsonw_str(b, key, false);
	buf_addc(b, ':');
}
