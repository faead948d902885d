/*
 * report: the output folder's CSV files, manifest.json and report.html
 * (see report.h).  Everything is read first, then each file is written
 * through a temporary name and rename, so a failure never leaves a
 * half-written file (a file written earlier in the same call stays).
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "err.h"
#include "html.h"
#include "jsonw.h"
#include "log.h"
#include "progs.h"
#include "store.h"
#include "store_internal.h"
#include "summary.h"
#include "util.h"
#include "xalloc.h"

struct report_file {
	const char *name;
	char sha256[65];
};

static int
report_save_csv(struct csv_out *c, const char *dir, struct report_file *f)
{
	char *path = util_path_join(dir, f->name);
	size_t len;
	const char *data = csv_data(c, &len);
	int rc;

	util_sha256_hex(f->sha256, data, len);
	rc = csv_save(c, path);
	if (rc == 0)
		log_info("%s: written", path);
	free(path);
	return rc;
}

static int
report_programs(const struct progs *p, const struct report_opts *o, const char *dir,
	struct report_file *f)
{
	struct csv_out *c = csv_out_new(o->bom);
	int rc;

	static const char *const extra[] = { PROGS_PREFECTURE, PROGS_REVIEW };

	program_csv_header(c, extra, 2);
	for (size_t i = 0; i < p->n; i++) {
		const char *tail[] = { p->v[i].prefecture, p->v[i].review };

		program_csv_row(c, p->v[i].col, tail, 2);
	}
	rc = report_save_csv(c, dir, f);
	csv_out_free(c);
	return rc;
}

static int
report_munis(const struct munis *m, const struct report_opts *o, const char *dir,
	struct report_file *f)
{
	static const char *const header[] = {
		"municipality_code", "municipality", "category", "url", "status",
		"pages_fetched", "pages_failed", "robots_blocked", "programs",
		PROGS_PREFECTURE,
	};
	struct csv_out *c = csv_out_new(o->bom);
	int rc;

	for (size_t k = 0; k < sizeof(header) / sizeof(*header); k++)
		csv_cell(c, header[k]);
	csv_end_row(c);
	for (size_t i = 0; i < m->n; i++) {
		const struct muni_row *r = &m->v[i];

		csv_cell(c, r->code);
		csv_cell(c, r->name);
		csv_cell(c, r->category);
		csv_cell(c, r->url);
		csv_cell(c, r->status);
		csv_cell_long(c, r->fetched);
		csv_cell_long(c, r->failed);
		csv_cell_long(c, r->robots_blocked);
		csv_cell_long(c, r->programs);
		csv_cell(c, r->prefecture);
		csv_end_row(c);
	}
	rc = report_save_csv(c, dir, f);
	csv_out_free(c);
	return rc;
}

/* governments.csv: the government x type table, one row per seed */
static int
report_governments(const struct munis *m, const struct report_opts *o, const char *dir,
	struct report_file *f)
{
	static const char *const head[] = {
		"municipality_code", "municipality", "category", PROGS_PREFECTURE,
	};
	struct csv_out *c = csv_out_new(o->bom);
	int rc;

	for (size_t k = 0; k < sizeof(head) / sizeof(*head); k++)
		csv_cell(c, head[k]);
	for (int k = 0; k < PROGRAM_NTYPES; k++)
		csv_cell(c, program_types[k]);
	csv_cell(c, "programs");
	csv_cell(c, "best_riss_fit");
	csv_end_row(c);
	for (size_t i = 0; i < m->n; i++) {
		const struct muni_row *r = &m->v[i];

		csv_cell(c, r->code);
		csv_cell(c, r->name);
		csv_cell(c, r->category);
		csv_cell(c, r->prefecture);
		for (int k = 0; k < PROGRAM_NTYPES; k++)
			csv_cell(c, (r->types >> k) & 1u ? "yes" : "no");
		csv_cell_long(c, r->programs);
		if (r->best_fit >= 0)
			csv_cell_long(c, r->best_fit);
		else
			csv_cell(c, "");
		csv_end_row(c);
	}
	rc = report_save_csv(c, dir, f);
	csv_out_free(c);
	return rc;
}

/* the failures kept for report.html */
struct report_fails {
	struct html_failure *v;
	size_t n, cap;
};

static void
report_fails_free(struct report_fails *fl)
{
	for (size_t i = 0; i < fl->n; i++) {
		free(fl->v[i].url);
		free(fl->v[i].code);
		free(fl->v[i].reason);
		free(fl->v[i].http_status);
	}
	free(fl->v);
	memset(fl, 0, sizeof(*fl));
}

/* what could not be fetched, was refused, or was not looked at and why
 * (max_pages, max_depth, type): a redirect's target is a row of its own */
#define REPORT_FAILURES_SQL \
	"SELECT url, municipality_code, COALESCE(reason, state), http_status, attempts" \
	" FROM frontier WHERE state IN ('failed', 'refused')" \
	" OR (state = 'skipped' AND COALESCE(reason, '') <> 'redirect')"

static int
report_failures(struct store *st, const struct report_opts *o, const char *dir,
	struct report_file *f, long *count, struct report_fails *fl)
{
	struct csv_out *c = csv_out_new(o->bom);
	sqlite3_stmt *stmt = NULL;
	bool problems;
	int rc, s;

	*count = 0;
	if ((rc = store_has_table(st, "page_problems", &problems)) != 0)
		goto out;
	csv_cell(c, "url");
	csv_cell(c, "municipality_code");
	csv_cell(c, "reason");
	csv_cell(c, "http_status");
	csv_cell(c, "attempts");
	csv_end_row(c);
	if ((rc = store_prepare(st, &stmt, problems ?
	    REPORT_FAILURES_SQL
	    /* pages fetched but not read whole by classify (page_problems) */
	    " UNION ALL SELECT p.final_url, p.municipality_code, pp.problem, p.http_status,"
	    " COALESCE(f.attempts, 1) FROM page_problems pp JOIN pages p ON p.id = pp.page_id"
	    " LEFT JOIN frontier f ON f.id = p.frontier_id"
	    " WHERE COALESCE(f.state, '') NOT IN ('failed', 'refused', 'skipped')" /* listed above */
	    " ORDER BY 2, 1" : REPORT_FAILURES_SQL " ORDER BY 2, 1")) != 0)
		goto out;
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct html_failure *hf;

		for (int k = 0; k < 5; k++)
			csv_cell(c, store_text(stmt, k));
		csv_end_row(c);
		(*count)++;
		if (fl->n == fl->cap) {
			fl->cap = fl->cap ? fl->cap * 2 : 64;
			fl->v = xreallocarray(fl->v, fl->cap, sizeof(*fl->v));
		}
		hf = &fl->v[fl->n++];
		hf->url = xstrdup(store_text(stmt, 0));
		hf->code = xstrdup(store_text(stmt, 1));
		hf->reason = xstrdup(store_text(stmt, 2));
		hf->http_status = xstrdup(store_text(stmt, 3));
		hf->attempts = sqlite3_column_int64(stmt, 4);
	}
	if (s != SQLITE_DONE) {
		rc = store_fail(st, "read failures");
		goto out;
	}
	rc = report_save_csv(c, dir, f);
out:
	sqlite3_finalize(stmt);
	csv_out_free(c);
	return rc;
}

static int
report_summary(const struct summary *s, const struct report_opts *o, const char *dir,
	struct report_file *f)
{
	struct csv_out *c = csv_out_new(o->bom);
	int rc;

	csv_cell(c, "measure");
	csv_cell(c, "value");
	csv_cell(c, "count");
	csv_end_row(c);
	for (size_t i = 0; i < s->n; i++) {
		csv_cell(c, s->v[i].measure);
		csv_cell(c, s->v[i].value);
		if (s->v[i].is_share) {
			char share[32];

			snprintf(share, sizeof(share), "%.3f", s->v[i].share);
			csv_cell(c, share);
		} else {
			csv_cell_long(c, s->v[i].count);
		}
		csv_end_row(c);
	}
	rc = report_save_csv(c, dir, f);
	csv_out_free(c);
	return rc;
}

/* the runs table as JSON: the list, and the inputs of the latest run that
 * recorded them */
static int
report_runs_json(struct store *st, struct buf *b)
{
	sqlite3_stmt *stmt = NULL;
	char *seeds_path = NULL, *seeds_sha = NULL, *rules_sha = NULL, *dict_sha = NULL;
	char *options = NULL, *started = NULL, *ended = NULL;
	int rc, s;
	bool first = true;

	if ((rc = store_prepare(st, &stmt,
	    "SELECT id, command, version,"
	    " CASE WHEN json_valid(options) THEN options ELSE json_quote(options) END,"
	    " seeds_path, seeds_sha256, rules_sha256, dict_sha256, started_at, ended_at,"
	    " status, json_valid(options) FROM runs ORDER BY id")) != 0)
		return rc;
	buf_adds(b, ",\n  \"runs\": [");
	while ((s = sqlite3_step(stmt)) == SQLITE_ROW) {
		static const char *const keys[] = {
			"command", "version", "options", "seeds_path", "seeds_sha256",
			"rules_sha256", "dict_sha256", "started_at", "ended_at", "status",
		};

		buf_adds(b, first ? "\n    {" : ",\n    {");
		first = false;
		buf_addf(b, "\"id\":%lld", (long long)sqlite3_column_int64(stmt, 0));
		for (int k = 1; k <= 10; k++) {
			jsonw_key(b, keys[k - 1], false);
			if (k == 3)
				buf_adds(b, store_text(stmt, k));
			else if (sqlite3_column_type(stmt, k) == SQLITE_NULL)
				buf_adds(b, "null");
			else
				jsonw_str(b, store_text(stmt, k), false);
		}
		buf_addc(b, '}');
#define KEEP(var, col) do { if (sqlite3_column_type(stmt, col) != SQLITE_NULL) { \
	free(var); var = xstrdup(store_text(stmt, col)); } } while (0)
		if (sqlite3_column_int(stmt, 11))
			KEEP(options, 3); /* the latest options that are JSON */
		KEEP(seeds_path, 4);
		KEEP(seeds_sha, 5);
		KEEP(rules_sha, 6);
		KEEP(dict_sha, 7);
		if (!started)
			KEEP(started, 8);
		KEEP(ended, 9);
#undef KEEP
	}
	if (s != SQLITE_DONE) {
		rc = store_fail(st, "read runs");
		goto out;
	}
	buf_adds(b, first ? "],\n" : "\n  ],\n");
	buf_adds(b, "  \"seeds\": {\"path\":");
	jsonw_str(b, seeds_path, false);
	buf_adds(b, ",\"sha256\":");
	jsonw_str(b, seeds_sha, false);
	buf_adds(b, "},\n  \"rules_sha256\": ");
	jsonw_str(b, rules_sha, false);
	buf_adds(b, ",\n  \"dict_sha256\": ");
	jsonw_str(b, dict_sha, false);
	buf_adds(b, ",\n  \"options\": ");
	buf_adds(b, options ? options : "{}");
	buf_adds(b, ",\n  \"started_at\": ");
	jsonw_str(b, started, false);
	buf_adds(b, ",\n  \"ended_at\": ");
	jsonw_str(b, ended, false);
out:
	sqlite3_finalize(stmt);
	free(seeds_path);
	free(seeds_sha);
	free(rules_sha);
	free(dict_sha);
	free(options);
	free(started);
	free(ended);
	return rc;
}

static int
report_manifest(struct store *st, const struct munis *m, const struct summary *s,
	long failures, const struct report_file *files, size_t nfiles)
{
	struct buf b = BUF_INIT;
	char now[32], *path = NULL;
	long fetched = 0, failed = 0, robots = 0;
	int rc;

	for (size_t i = 0; i < m->n; i++) {
		fetched += m->v[i].fetched;
		failed += m->v[i].failed;
		robots += m->v[i].robots_blocked;
	}
	util_now_iso(now);
	buf_adds(&b, "{\n  \"tool\": \"muniscan\",\n  \"version\": ");
	jsonw_str(&b, MUNISCAN_VERSION, false);
	buf_adds(&b, ",\n  \"generated_at\": ");
	jsonw_str(&b, now, false);
	buf_addf(&b, ",\n  \"database\": \"muniscan.db\",\n  \"schema_version\": %d",
	    store_schema_version(st));
	if ((rc = report_runs_json(st, &b)) != 0)
		goto out;
	buf_addf(&b, ",\n  \"counts\": {\"governments\":%ld,\"with_programs\":%ld,"
	    "\"programs\":%ld,\"pages_fetched\":%ld,\"pages_failed\":%ld,"
	    "\"robots_blocked\":%ld,\"failures\":%ld}",
	    summary_get(s, "governments", "surveyed"),
	    summary_get(s, "governments", "with_programs"),
	    summary_get(s, "programs", "total"), fetched, failed, robots, failures);
	buf_adds(&b, ",\n  \"files\": {");
	for (size_t i = 0; i < nfiles; i++) {
		buf_adds(&b, i ? ",\n    " : "\n    ");
		jsonw_str(&b, files[i].name, false);
		buf_adds(&b, ": {\"sha256\":");
		jsonw_str(&b, files[i].sha256, false);
		buf_addc(&b, '}');
	}
	buf_adds(&b, "\n  }\n}\n");
	path = util_path_join(store_dir(st), "manifest.json");
	rc = util_write_atomic(path, b.ptr, b.len);
out:
	free(path);
	buf_free(&b);
	return rc;
}

int
report_write(struct store *st, const struct report_opts *o)
{
	static const struct report_opts defaults = REPORT_OPTS_INIT;
	struct report_file files[] = {
		{ "programs.csv", "" }, { "municipalities.csv", "" },
		{ "failures.csv", "" }, { "summary.csv", "" }, { "governments.csv", "" },
		{ "report.html", "" },
	};
	const char *dir = store_dir(st);
	struct progs *p = NULL;
	struct munis *m = NULL;
	struct summary *s = NULL;
	struct report_fails fails = { NULL, 0, 0 };
	size_t nfiles = 5;
	long failures = 0;
	int rc;

	if (o == NULL)
		o = &defaults;
	if ((rc = progs_from_store(&p, st)) != 0)
		goto out;
	if ((rc = summary_munis_load(&m, st)) != 0)
		goto out;
	summary_munis_tally(m, p);
	s = summary_compute(m, p);
	if ((rc = report_programs(p, o, dir, &files[0])) != 0 ||
	    (rc = report_munis(m, o, dir, &files[1])) != 0 ||
	    (rc = report_failures(st, o, dir, &files[2], &failures, &fails)) != 0 ||
	    (rc = report_summary(s, o, dir, &files[3])) != 0 ||
	    (rc = report_governments(m, o, dir, &files[4])) != 0)
		goto out;
	if (o->html) {
		struct html_meta meta = { dir, MUNISCAN_VERSION, fails.v, fails.n };
		char *path = util_path_join(dir, "report.html");

		rc = html_write(path, files[5].sha256, p, m, s, &meta);
		free(path);
		if (rc != 0)
			goto out;
		nfiles = 6;
	}
	rc = report_manifest(st, m, s, failures, files, nfiles);
out:
	report_fails_free(&fails);
	summary_free(s);
	summary_munis_free(m);
	progs_free(p);
	return rc;
}
