/*
 * pagestore: the pages rows the crawler writes, and the older folder's
 * pages that --since reads (see pagestore.h).
 */
#include "pagestore.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_internal.h"
#include "xalloc.h"

struct pagestore {
	struct store *st;
	sqlite3_stmt *q_page;       /* insert (the store written) */
	sqlite3_stmt *q_since;      /* validators (--since folder) */
	sqlite3_stmt *q_since_body; /* the row a 304 reuses (--since folder) */
};

int
pagestore_new(struct pagestore **out, struct store *st, bool since)
{
	struct pagestore *ps = xcalloc(1, sizeof(*ps));
	int rc;

	*out = NULL;
	ps->st = st;
	if (since) {
		if ((rc = store_prepare(st, &ps->q_since,
		    "SELECT etag, last_modified FROM pages WHERE url=? AND http_status=200"
		    " ORDER BY id DESC LIMIT 1")) != 0 ||
		    (rc = store_prepare(st, &ps->q_since_body,
		    "SELECT final_url, content_type, kind, headers, charset, charset_reason, etag,"
		    " last_modified, body_sha256, body, body_len, truncated, fetched_at"
		    " FROM pages WHERE url=? AND http_status=200 ORDER BY id DESC LIMIT 1")) != 0)
			goto fail;
	} else if ((rc = store_prepare(st, &ps->q_page,
	    "INSERT OR REPLACE INTO pages(frontier_id, municipality_code, url, final_url,"
	    " http_status, content_type, kind, headers, charset, charset_reason, etag,"
	    " last_modified, body_sha256, body, body_len, truncated, revisit, fetched_at, run_id)"
	    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) != 0) {
		goto fail;
	}
	*out = ps;
	return 0;
fail:
	pagestore_free(ps);
	return rc;
}

void
pagestore_free(struct pagestore *ps)
{
	if (ps == NULL)
		return;
	sqlite3_finalize(ps->q_page);
	sqlite3_finalize(ps->q_since);
	sqlite3_finalize(ps->q_since_body);
	free(ps);
}

int
pagestore_put(struct pagestore *ps, const struct page_row *row)
{
	sqlite3_stmt *s = ps->q_page;
	int r, rc = 0;

	sqlite3_bind_int64(s, 1, row->frontier_id);
	sqlite3_bind_text(s, 2, row->municipality_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, row->url, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, row->final_url, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, row->http_status);
	sqlite3_bind_text(s, 6, row->content_type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, row->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, row->headers, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, row->charset, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, row->charset_reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, row->etag, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, row->last_modified, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 13, row->body_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 14, row->zbody, (int)row->zlen, SQLITE_STATIC);
	sqlite3_bind_int64(s, 15, (sqlite3_int64)row->body_len);
	sqlite3_bind_int(s, 16, row->truncated ? 1 : 0);
	sqlite3_bind_int(s, 17, row->revisit ? 1 : 0);
	sqlite3_bind_text(s, 18, row->fetched_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 19, row->run_id);
	r = sqlite3_step(s);
	sqlite3_reset(s);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = store_fail(ps->st, "store page");
	sqlite3_clear_bindings(s);
	return rc;
}

void
pagestore_since_validators(struct pagestore *ps, const char *url, char **etag_out,
	char **last_modified_out)
{
	sqlite3_stmt *s = ps->q_since;

	*etag_out = NULL;
	*last_modified_out = NULL;
	sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_NULL && *store_text(s, 0))
			*etag_out = xstrdup(store_text(s, 0));
		if (sqlite3_column_type(s, 1) != SQLITE_NULL && *store_text(s, 1))
			*last_modified_out = xstrdup(store_text(s, 1));
	}
	sqlite3_reset(s);
}

bool
pagestore_since_page(struct pagestore *ps, const char *url, struct page_row *out)
{
	sqlite3_stmt *s = ps->q_since_body;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_text(s, 1, url, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		return false;
	out->final_url = store_text(s, 0);
	out->http_status = 200;
	out->content_type = store_text(s, 1);
	out->kind = store_text(s, 2);
	out->headers = store_text(s, 3);
	out->charset = store_text(s, 4);
	out->charset_reason = store_text(s, 5);
	out->etag = store_text(s, 6);
	out->last_modified = store_text(s, 7);
	out->body_sha256 = store_text(s, 8);
	out->zbody = sqlite3_column_blob(s, 9);
	out->zlen = (size_t)sqlite3_column_bytes(s, 9);
	out->body_len = (size_t)sqlite3_column_int64(s, 10);
	out->truncated = sqlite3_column_int(s, 11) != 0;
	out->fetched_at = store_text(s, 12);
	return true;
}

void
pagestore_since_done(struct pagestore *ps)
{
	sqlite3_reset(ps->q_since_body);
}
