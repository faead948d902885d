/*
 * replay: snapshot folder as a web server (see replay.h).
 */
#include "replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "fetch.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

static const char *
replay_type_by_ext(const char *path)
{
	static const char *const map[][2] = {
		{ ".html", "text/html" }, { ".htm", "text/html" },
		{ ".pdf", "application/pdf" }, { ".txt", "text/plain" },
		{ ".xml", "application/xml" }, { ".css", "text/css" },
		{ ".js", "application/javascript" }, { ".png", "image/png" },
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" }, { ".zip", "application/zip" },
	};
	const char *dot, *slash, *q = strchr(path, '?');
	size_t n = q ? (size_t)(q - path) : strlen(path);
	char *p = xstrndup(path, n);
	const char *type = "application/octet-stream";

	slash = strrchr(p, '/');
	dot = strrchr(p, '.');
	if (dot && (!slash || dot > slash)) {
		for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
			if (strcasecmp(dot, map[i][0]) == 0)
				type = map[i][1];
	} else {
		type = "text/html"; /* an extension-less page, as servers usually say */
	}
	free(p);
	return type;
}

static void
replay_header(struct fetch_resp *r, const char *name, const char *value)
{
	char **field = NULL;

	buf_addf(&r->head, "%s: %s\r\n", name, value);
	if (strcasecmp(name, "content-type") == 0)
		field = &r->content_type;
	else if (strcasecmp(name, "location") == 0)
		field = &r->location;
	else if (strcasecmp(name, "etag") == 0)
		field = &r->etag;
	else if (strcasecmp(name, "last-modified") == 0)
		field = &r->last_modified;
	else if (strcasecmp(name, "retry-after") == 0)
		field = &r->retry_after;
	if (field) {
		free(*field);
		*field = xstrdup(value);
	}
}

static void
replay_status_line(struct buf *b, long status)
{
	const char *text = status == 200 ? "OK" : status == 301 ? "Moved Permanently" :
	    status == 302 ? "Found" : status == 304 ? "Not Modified" :
	    status == 404 ? "Not Found" : status == 500 ? "Internal Server Error" :
	    status == 503 ? "Service Unavailable" : "";

	buf_addf(b, "HTTP/1.1 %ld %s\r\n", status, text);
}

static void
replay_simple(struct fetch_resp *r, long status, const char *location, const char *msg)
{
	r->status = status;
	replay_status_line(&r->head, status);
	if (location)
		replay_header(r, "Location", location);
	replay_header(r, "Content-Type", "text/plain; charset=utf-8");
	buf_adds(&r->head, "\r\n");
	buf_adds(&r->body, msg);
}

/* replay_path: DIR/HOST/PATH for a URL, or NULL when it cannot map (or
 * would climb out of DIR). */
static char *
replay_path(const char *dir, const char *url, bool *slash_end)
{
	const char *p, *hostend = url_path(url);
	char *host, *path, *full;
	size_t hn;

	if ((p = url_host_span(url, &hn)) == NULL)
		return NULL;
	if (hn == 0)
		return NULL;
	host = xstrndup(p, hn);
	path = xstrdup(*hostend ? hostend : "/");
	if (path[0] == '?') {
		char *t = xasprintf("/%s", path);

		free(path);
		path = t;
	}
	if (strstr(path, "/../") || strstr(host, "..") || strchr(host, '/')) {
		free(host);
		free(path);
		return NULL;
	}
	{
		size_t pl = strcspn(path, "?");

		*slash_end = pl > 0 && path[pl - 1] == '/';
		if (*slash_end) {
			char *t = xasprintf("%.*sindex.html%s", (int)pl, path, path + pl);

			free(path);
			path = t;
		}
	}
	full = xasprintf("%s/%s%s", dir, host, path);
	free(host);
	free(path);
	return full;
}

void
replay_fetch(struct fetch_resp *r, const char *dir, const char *url, size_t max_body)
{
	bool slash_end = false;
	char *path = replay_path(dir, url, &slash_end);
	char *sidecar = NULL, *data = NULL, *hdrs = NULL;
	size_t len = 0, hlen = 0;
	long status = 200;
	bool have_type = false;

	buf_addf(&r->req_head, "GET %s HTTP/1.1\r\nUser-Agent: muniscan replay\r\n\r\n", url);
	if (path == NULL) {
		replay_simple(r, 404, NULL, "not found\n");
		goto out;
	}
	if (util_is_dir(path)) {
		char *loc = xasprintf("%s/", url);

		replay_simple(r, 301, loc, "moved\n");
		free(loc);
		goto out;
	}
	sidecar = xasprintf("%s.headers", path);
	if (util_is_file(sidecar) && util_read_file(&hdrs, &hlen, sidecar, 64 * 1024) != 0) {
		replay_simple(r, 500, NULL, err_msg());
		goto out;
	}
	if (hdrs && strncasecmp(hdrs, "Status:", 7) == 0) {
		status = strtol(hdrs + 7, NULL, 10);
		if (status < 100 || status > 599)
			status = 500;
	}
	if (!util_is_file(path)) {
		if (hdrs == NULL || status == 200) {
			replay_simple(r, 404, NULL, "not found\n");
			goto out;
		}
	} else if (util_read_file(&data, &len, path, 0) != 0) {
		replay_simple(r, 500, NULL, err_msg());
		goto out;
	}
	r->status = status;
	replay_status_line(&r->head, status);
	if (hdrs) {
		char *save = NULL, *line;

		for (line = strtok_r(hdrs, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
			char *colon = strchr(line, ':'), *v;

			if (colon == NULL || strncasecmp(line, "Status:", 7) == 0)
				continue;
			*colon = '\0';
			v = colon + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			if (strcasecmp(line, "content-type") == 0)
				have_type = true;
			replay_header(r, line, v);
		}
	}
	if (!have_type && data)
		replay_header(r, "Content-Type", replay_type_by_ext(path + strlen(dir)));
	if (data) {
		char n[32];

		snprintf(n, sizeof(n), "%zu", len);
		replay_header(r, "Content-Length", n);
	}
	buf_adds(&r->head, "\r\n");
	if (data) {
		if (len > max_body) {
			len = max_body;
			r->truncated = true;
		}
		buf_add(&r->body, data, len);
	}
out:
	free(path);
	free(sidecar);
	free(data);
	free(hdrs);
}
