/*
 * tsv: reads the tab-separated data files in dict/ and seeds files.
 *
 * Lines starting with '#' and blank lines are skipped; a UTF-8 BOM at the
 * start is ignored; CR before LF is dropped.  Fields are borrowed pointers
 * into the reader's line buffer, valid until the next tsv_next() call.
 */
#ifndef MUNISCAN_TSV_H
#define MUNISCAN_TSV_H

#include <stddef.h>

struct tsv;

/* tsv_open: caller frees with tsv_free(). MS_EIO names the path. */
int tsv_open(struct tsv **out, const char *path);
/* tsv_open_mem: reads from a caller-owned buffer (borrowed until tsv_free). */
struct tsv *tsv_open_mem(const char *name, const char *data, size_t len);
/* tsv_next: 1 with a row, 0 at the end, < 0 on error (line too long, bad UTF-8). */
int tsv_next(struct tsv *t, char ***fields_out, size_t *n_out);
/* tsv_line: the 1-based line number of the last row returned. */
size_t tsv_line(const struct tsv *t);
const char *tsv_name(const struct tsv *t);
void tsv_free(struct tsv *t);

#endif
