/*
 * jsonw: the little JSON writing the report needs (manifest.json and the
 * data embedded in report.html).
 *
 * Strings are escaped per RFC 8259; with html_safe, '<', '>' and '&' are
 * written as \u003c, \u003e, \u0026 as well, so the JSON can sit inside a
 * <script> element without "</script>" or "<!--" ever appearing in it.
 */
#ifndef MUNISCAN_JSONW_H
#define MUNISCAN_JSONW_H

#include <stdbool.h>

struct buf;

/* jsonw_str: appends s (UTF-8; NULL as null) as a JSON string. */
void jsonw_str(struct buf *b, const char *s, bool html_safe);
/* jsonw_key: appends "key": (with a leading comma unless first). */
void jsonw_key(struct buf *b, const char *key, bool first);

#endif
