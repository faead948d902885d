/*
 * pagefiles: local page files to classify (see pagefiles.h).
 */
#include "pagefiles.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "err.h"
#include "extract.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

/* pf_host: "http://www.city.x.lg.jp:80/..." -> "city.x.jp" (caller frees) */
char *
pf_host(const char *url)
{
	const char *p;
	char *h, *q;
	size_t n;

	if ((p = url_host_span(url, &n)) == NULL)
		return NULL;
	h = xstrndup(p, n);
	for (q = h; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	if (strncmp(h, "www.", 4) == 0)
		memmove(h, h + 4, strlen(h + 4) + 1);
	if ((q = strstr(h, ".lg.")) != NULL)
		memmove(q, q + 3, strlen(q + 3) + 1);
	return h;
}

/* pf_content_type: the Content-Type of a .headers sidecar, if any */
static char *
pf_content_type(const char *path)
{
	char *side = xasprintf("%s.headers", path), *data = NULL, *ct = NULL;
	size_t len;

	if (util_is_file(side) && util_read_file(&data, &len, side, 1 << 20) == 0) {
		for (char *line = data; line && *line;) {
			char *nl = strchr(line, '\n');

			if (nl)
				*nl = '\0';
			if (strncasecmp(line, "Content-Type:", 13) == 0) {
				char *v = line + 13;

				while (*v == ' ')
					v++;
				v[strcspn(v, "\r")] = '\0';
				ct = xstrdup(v);
				break;
			}
			line = nl ? nl + 1 : NULL;
		}
	}
	err_clear();
	free(data);
	free(side);
	return ct;
}

int
pf_one(struct classify_worker *w, size_t i, void *arg)
{
	struct pf_run *run = arg;
	struct pf_file *f = &run->files[i];
	struct extract_opts eo = EXTRACT_OPTS_INIT;
	struct classify_page_meta meta = { NULL, NULL, NULL, 0 };
	char *data = NULL, *ct = NULL;
	size_t len;
	int rc;

	if ((rc = util_read_file(&data, &len, f->path, 0)) < 0)
		goto fail;
	ct = pf_content_type(f->path);
	eo.url = f->url;
	eo.content_type = ct;
	eo.no_page_links = !run->want_links;
	if ((rc = extract_bytes(&f->page, data, len, &eo)) < 0)
		goto fail;
	meta.url = f->url;
	meta.fetched_at = run->fetched_at;
	meta.page_id = (int64_t)i;
	if (run->cands)
		rc = classify_page_cands(w, f->page, &meta, &f->cands);
	else
		rc = classify_page(w, f->page, &meta, &f->progs);
	if (rc < 0)
		goto done; /* a tokeniser failure stops the run */
	goto done;
fail:
	/* a bad file is reported and skipped, not fatal */
	f->failed = true;
	if (*err_msg() && strstr(err_msg(), f->path))
		f->error = xstrdup(err_msg()); /* it names the file already */
	else
		f->error = xasprintf("%s: %s", f->path, *err_msg() ? err_msg() : "cannot classify");
	rc = 0;
done:
	free(data);
	free(ct);
	return rc;
}

static int
pf_url_map_one(struct pf_run *run, const char *path)
{
	char *data = NULL, *line, *next;
	size_t len, lineno = 0;
	int rc;

	if ((rc = util_read_file(&data, &len, path, 0)) < 0)
		goto out;
	for (line = data; line && *line; line = next) {
		char *tab, *url, *end;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (!*line || *line == '#' || (lineno == 1 && strncmp(line, "file\t", 5) == 0))
			continue;
		if ((tab = strchr(line, '\t')) == NULL || tab == line || !tab[1]) {
			rc = err_set(MS_EINVAL, "%s:%zu: want FILE<TAB>URL", path, lineno);
			goto out;
		}
		*tab = '\0';
		url = tab + 1;
		if ((end = strchr(url, '\t')) != NULL)
			*end = '\0';
		for (size_t i = 0; i < run->n; i++) {
			struct pf_file *f = &run->files[i];
			const char *base = strrchr(f->path, '/');

			base = base ? base + 1 : f->path;
			if (strcmp(f->path, line) == 0 || strcmp(base, line) == 0) {
				free(f->url);
				f->url = xstrdup(url);
			}
		}
	}
out:
	free(data);
	return rc;
}


int
pf_url_map(struct pf_run *run, const char *maps)
{
	char *list = xstrdup(maps ? maps : ""), *save = NULL;
	int rc = 0;

	for (char *m = strtok_r(list, ",", &save); m && rc == 0; m = strtok_r(NULL, ",", &save))
		rc = pf_url_map_one(run, m);
	free(list);
	for (size_t i = 0; rc == 0 && i < run->n; i++) {
		free(run->files[i].host);
		run->files[i].host = pf_host(run->files[i].url);
	}
	return rc;
}

void
pf_init(struct pf_run *run, char **paths, size_t n, const char *site_root)
{
	size_t rl = site_root ? strlen(site_root) : 0;

	while (rl > 1 && site_root[rl - 1] == '/')
		rl--;
	util_now_iso(run->fetched_at);
	run->n = n;
	run->files = xcalloc(n ? n : 1, sizeof(*run->files));
	for (size_t i = 0; i < n; i++) {
		struct pf_file *f = &run->files[i];

		f->path = paths[i];
		f->seed = -1;
		if (run->url_opt)
			f->url = xstrdup(run->url_opt);
		else if (site_root && strncmp(f->path, site_root, rl) == 0 && f->path[rl] == '/')
			f->url = xasprintf("http://%s", f->path + rl + 1);
		else
			f->url = xstrdup(f->path);
		f->host = pf_host(f->url);
	}
}

void
pf_free(struct pf_run *run)
{
	for (size_t i = 0; i < run->n; i++) {
		extract_page_free(run->files[i].page);
		classify_programs_free(&run->files[i].progs);
		classify_page_cands_free(&run->files[i].cands);
		free(run->files[i].url);
		free(run->files[i].host);
		free(run->files[i].error);
	}
	free(run->files);
	run->files = NULL;
	run->n = 0;
}

void
pf_print_header(struct csv_out *out)
{
	program_csv_header(out, NULL, 0);
}

void
pf_print_row(struct csv_out *out, const struct classify_program *p, const char *name,
	const char *category)
{
	struct program_cells cells;

	program_cells_of(&cells, p, name, category);
	program_csv_row(out, cells.v, NULL, 0);
	program_cells_free(&cells);
}
