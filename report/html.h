/*
 * html: report.html, one self-contained page for reviewers.
 *
 * The page (report/report.html.in, compiled in) holds its CSS and JS inline
 * and the data as JSON in <script type="application/json" id="data">, with
 * '<', '>' and '&' escaped as \u003c.. so no data can end the script element;
 * the script builds the DOM with textContent only, so no data is ever parsed
 * as HTML.  It needs no network.  Filters live in the URL hash
 * (#filter=type:expert_dispatch;cost:free;q:text, see docs/REPORT.md), and
 * each program carries its evidence items with the matched words' span, so
 * the page marks exactly what the classifier matched; the page exposes what it shows in document.title and in data-* attributes
 * of <body> (data-shown, data-total, data-errors, data-ready) for tests.
 */
#ifndef MUNISCAN_HTML_H
#define MUNISCAN_HTML_H

#include <stddef.h>

struct buf;
struct munis;
struct progs;
struct summary;

/* One row of failures.csv, for the failures of each government. */
struct html_failure {
	char *url, *code, *reason, *http_status;
	long attempts;
};

/* The page shows at most this many failures per government (the count says
 * how many there are; failures.csv has them all). */
#define HTML_FAILURES_PER_GOV 200

struct html_meta {
	const char *folder;  /* shown in the header and in the `muniscan show` commands */
	const char *version; /* muniscan version */
	/* failures.csv's rows ordered by municipality_code (borrowed; may be
	 * NULL with nfailures 0) */
	const struct html_failure *failures;
	size_t nfailures;
};

/* html_render: appends the page to out.  Never fails. */
void html_render(struct buf *out, const struct progs *p, const struct munis *m,
	const struct summary *s, const struct html_meta *meta);
/* html_write: renders into path (temporary name + rename); sha256_out gets
 * the page's hex digest.  MS_EIO names the file. */
int html_write(const char *path, char sha256_out[65], const struct progs *p,
	const struct munis *m, const struct summary *s, const struct html_meta *meta);

#endif
