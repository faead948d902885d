/*
 * report: writes an output folder's files from its database (docs/CRITERIA.md):
 * programs.csv, municipalities.csv, failures.csv, summary.csv,
 * governments.csv, manifest.json and report.html, each through a temporary
 * name and rename.  programs.csv and municipalities.csv end with a
 * prefecture column after the contract's columns; governments.csv is the
 * government x type table (docs/REPORT.md).
 *
 * failures.csv lists frontier URLs in state failed or refused; URLs skipped
 * on purpose (out of scope, a type not fetched, the page budget) are not
 * failures and are left out (docs/REPORT.md).
 */
#ifndef MUNISCAN_REPORT_H
#define MUNISCAN_REPORT_H

#include <stdbool.h>

struct store;

struct report_opts {
	bool bom;         /* UTF-8 byte-order mark on the CSV files */
	bool html;        /* write report.html */
};

#define REPORT_OPTS_INIT { .bom = true, .html = true }

/* report_write: writes the files into store_dir(st).  The store may be
 * read-only.  Errors: MS_EDB (database), MS_EIO (a file, named). */
int report_write(struct store *st, const struct report_opts *o);

#endif
