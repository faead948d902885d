/*
 * csv: RFC 4180 files for reviewers (Excel) and scripts.
 *
 * Writing: cells are quoted when they hold a comma, quote, CR or LF; a cell
 * starting with '=', '+', '-', '@', tab or CR gets a leading "'" so that no
 * cell runs as a formula.  Rows end with CRLF.  A UTF-8 BOM is written unless
 * turned off.  csv_save() writes via a temporary file and rename().
 *
 * Reading: accepts UTF-8 with or without a BOM, and cp932 (what Excel saves
 * on Japanese Windows); removes the formula guard "'"; csv_fix_code() re-pads
 * local-government codes that Excel shortened.
 */
#ifndef MUNISCAN_CSV_H
#define MUNISCAN_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct csv_out;

struct csv_out *csv_out_new(bool bom);
void csv_out_free(struct csv_out *c);
void csv_cell(struct csv_out *c, const char *s);
void csv_cell_n(struct csv_out *c, const char *s, size_t len);
void csv_cell_long(struct csv_out *c, long v);
void csv_end_row(struct csv_out *c);
/* csv_save: atomically writes the file. */
int csv_save(struct csv_out *c, const char *path);
/* csv_print: writes to an open stream (stdout for classify-file). */
int csv_print(struct csv_out *c, FILE *f);
/* csv_data: the bytes so far (borrowed). */
const char *csv_data(const struct csv_out *c, size_t *len_out);
/* csv_guard_needed: true when a cell starting like s needs the "'" prefix. */
bool csv_guard_needed(const char *s, size_t len);

struct csv_table {
	char **header;   /* ncols names */
	size_t ncols;
	char ***rows;    /* nrows rows of ncols cells ("" when the row was short) */
	size_t *lines;   /* 1-based line of each row in the file */
	size_t *widths;  /* cells each row really had (rows are padded to ncols) */
	size_t nrows;
	bool was_cp932;
};

/* csv_read: parses path; caller frees with csv_table_free().  Errors name
 * the file and line (unterminated quote, more cells than the header). */
int csv_read(struct csv_table **out, const char *path);
int csv_parse(struct csv_table **out, const char *name, const char *data, size_t len);
void csv_table_free(struct csv_table *t);
/* csv_col: index of a header name, or -1. */
int csv_col(const struct csv_table *t, const char *name);
/* csv_fix_code: "11002" -> "011002" (into out[7]); false if not a code. */
bool csv_fix_code(char out[8], const char *cell);

#endif
