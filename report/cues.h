/*
 * cues: the cue terms report.html highlights in evidence passages.
 *
 * The classifier's evidence is `label: passage | label: passage` without
 * offsets, so the report highlights known cue words instead.  They are read
 * from the rule files in the data folder (dict/rules*.tsv and
 * the .tsv files in dict/rules/): the column named cue(s), pattern,
 * term(s), keyword(s), word or phrase of rows labelled with a type or a
 * criterion (not negation, audience or structure rules); cells are split
 * on '|', spaces between morphemes dropped, and terms that look like
 * regular expressions skipped.  No rule files: no terms (labels are still
 * highlighted where a passage repeats them).
 */
#ifndef MUNISCAN_CUES_H
#define MUNISCAN_CUES_H

#include <stddef.h>

struct cues {
	char **v;   /* distinct terms, longest first */
	size_t n;
};

/* cues_load: never fails on missing or odd files (they are skipped with a
 * debug log); dict may be NULL.  Caller frees with cues_free(). */
struct cues *cues_load(const char *dict);
void cues_free(struct cues *c);

#endif
