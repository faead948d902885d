/*
 * norm: normalised text for matching, with a map back to the original.
 *
 * NFKC (full-width letters and digits to ASCII, half-width katakana to
 * full-width), a fold of tilde/dash/long-vowel variants (〜～~ to 〜, the
 * hyphen and minus family to '-'), whitespace runs collapsed to one space.
 * map[i] is the byte offset in the original of the code point that produced
 * normalised byte i; map[len] is the original length.  Thread-safe.
 */
#ifndef MUNISCAN_NORM_H
#define MUNISCAN_NORM_H

#include <stdbool.h>
#include <stddef.h>

struct norm {
	char *text;   /* normalised UTF-8, NUL-terminated */
	size_t len;
	size_t *map;  /* len + 1 entries */
};

/* norm_text: caller frees with norm_free(). s must be valid UTF-8. */
int norm_text(struct norm **out, const char *s, size_t len);
/* norm_text_lines: the same, but a whitespace run that holds a line break
 * becomes one "\n" (not a space), so that sentences and clauses can end
 * at line ends (table rows, list lines). */
int norm_text_lines(struct norm **out, const char *s, size_t len, bool keep_lines);
void norm_free(struct norm *n);
/* norm_orig: the original byte range [*ostart, *oend) for normalised bytes
 * [start, end). */
void norm_orig(const struct norm *n, size_t start, size_t end,
	size_t *ostart, size_t *oend);
/* norm_simple: normalised text only (caller frees with free()). */
char *norm_simple(const char *s, size_t len);

#endif
