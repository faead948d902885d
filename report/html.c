/*
 * html: fills the page template with the report's data (see html.h).
 */
#include "html.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonw.h"
#include "progs.h"
#include "summary.h"
#include "util.h"

extern const unsigned char html_template[];
extern const size_t html_template_len;

#define HTML_SLOT "@DATA@"

/* html_failures: "CODE":{"n":N,"rows":[[url,reason,http_status,attempts],..]}
 * per government, at most HTML_FAILURES_PER_GOV rows each; the rows come
 * ordered by government */
static void
html_failures(struct buf *b, const struct html_meta *meta)
{
	size_t i = 0, n = meta ? meta->nfailures : 0;

	while (i < n) {
		const char *code = meta->failures[i].code;
		size_t j = i;

		while (j < n && strcmp(meta->failures[j].code, code) == 0)
			j++;
		buf_adds(b, i ? ",\n" : "\n");
		jsonw_str(b, code, true);
		buf_addf(b, ":{\"n\":%zu,\"rows\":[", j - i);
		for (size_t k = i; k < j && k - i < HTML_FAILURES_PER_GOV; k++) {
			const struct html_failure *f = &meta->failures[k];

			buf_adds(b, k > i ? ",[" : "[");
			jsonw_str(b, f->url, true);
			buf_addc(b, ',');
			jsonw_str(b, f->reason, true);
			buf_addc(b, ',');
			jsonw_str(b, f->http_status, true);
			buf_addf(b, ",%ld]", f->attempts);
		}
		buf_adds(b, "]}");
		i = j;
	}
}

/* html_utf16: the UTF-16 length of UTF-8 s[0..len) (what JavaScript's
 * string offsets count) */
static size_t
html_utf16(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch & 0xc0) != 0x80)
			n += ch >= 0xf0 ? 2 : 1;
	}
	return n;
}

/* html_evidence: "ev":[[criterion,passage,hit_start,hit_end,rule],...]
 * with the span in UTF-16 units of the passage */
static void
html_evidence(struct buf *b, const struct program_evidences *e)
{
	jsonw_key(b, "ev", false);
	buf_addc(b, '[');
	for (size_t i = 0; i < e->n; i++) {
		const struct program_evidence *it = &e->v[i];
		size_t hs = html_utf16(it->passage, it->hit_start);

		buf_adds(b, i ? ",[" : "[");
		jsonw_str(b, it->criterion, true);
		buf_addc(b, ',');
		jsonw_str(b, it->passage, true);
		buf_addf(b, ",%zu,%zu,", hs, hs + html_utf16(it->passage + it->hit_start,
		    it->hit_end - it->hit_start));
		jsonw_str(b, it->rule, true);
		buf_addc(b, ']');
	}
	buf_addc(b, ']');
}

static void
html_data(struct buf *b, const struct progs *p, const struct munis *m,
	const struct summary *s, const struct html_meta *meta)
{
	char now[32];

	util_now_iso(now);
	buf_adds(b, "{\"version\":");
	jsonw_str(b, meta && meta->version ? meta->version : "", true);
	buf_adds(b, ",\"folder\":");
	jsonw_str(b, meta && meta->folder ? meta->folder : "", true);
	buf_adds(b, ",\"generated_at\":");
	jsonw_str(b, now, true);

	buf_adds(b, ",\n\"summary\":[");
	for (size_t i = 0; i < s->n; i++) {
		buf_adds(b, i ? ",\n[" : "\n[");
		jsonw_str(b, s->v[i].measure, true);
		buf_addc(b, ',');
		jsonw_str(b, s->v[i].value, true);
		if (s->v[i].is_share)
			buf_addf(b, ",%.4f]", s->v[i].share);
		else
			buf_addf(b, ",%ld]", s->v[i].count);
	}
	buf_adds(b, "],\n\"governments\":[");
	for (size_t i = 0; i < m->n; i++) {
		const struct muni_row *r = &m->v[i];
		const char *cells[] = { r->code, r->name, r->prefecture, r->category, r->url,
		    r->status };

		buf_adds(b, i ? ",\n" : "\n");
		buf_adds(b, "{\"code\":");
		jsonw_str(b, cells[0], true);
		buf_adds(b, ",\"name\":");
		jsonw_str(b, cells[1], true);
		buf_adds(b, ",\"prefecture\":");
		jsonw_str(b, cells[2], true);
		buf_adds(b, ",\"category\":");
		jsonw_str(b, cells[3], true);
		buf_adds(b, ",\"url\":");
		jsonw_str(b, cells[4], true);
		buf_adds(b, ",\"status\":");
		jsonw_str(b, cells[5], true);
		buf_addf(b, ",\"pages_fetched\":%ld,\"pages_failed\":%ld,\"robots_blocked\":%ld,"
		    "\"programs\":%ld", r->fetched, r->failed, r->robots_blocked, r->programs);
		for (int k = 0; k < PROGRAM_NTYPES; k++) {
			jsonw_key(b, program_types[k], false);
			buf_adds(b, (r->types >> k) & 1u ? "true" : "false");
		}
		if (r->best_fit >= 0)
			buf_addf(b, ",\"best_riss_fit\":%d}", r->best_fit);
		else
			buf_adds(b, ",\"best_riss_fit\":null}");
	}
	buf_adds(b, "],\n\"programs\":[");
	for (size_t i = 0; i < p->n; i++) {
		const struct prog *r = &p->v[i];

		buf_adds(b, i ? ",\n{" : "\n{");
		for (int k = 0; k < PC_NCOLS; k++) {
			jsonw_key(b, program_columns[k], k == 0);
			jsonw_str(b, r->col[k], true);
		}
		jsonw_key(b, "prefecture", false);
		jsonw_str(b, r->prefecture, true);
		jsonw_key(b, "review", false);
		jsonw_str(b, r->review, true);
		html_evidence(b, &r->ev);
		buf_addc(b, '}');
	}
	buf_adds(b, "],\n\"failures\":{");
	html_failures(b, meta);
	buf_adds(b, "}}");
}

void
html_render(struct buf *out, const struct progs *p, const struct munis *m,
	const struct summary *s, const struct html_meta *meta)
{
	const char *t = (const char *)html_template;
	const char *slot = strstr(t, HTML_SLOT);

	if (slot == NULL) { /* a broken template: still a page, with the data */
		buf_add(out, t, html_template_len);
		return;
	}
	buf_add(out, t, (size_t)(slot - t));
	html_data(out, p, m, s, meta);
	buf_adds(out, slot + strlen(HTML_SLOT));
}

int
html_write(const char *path, char sha256_out[65], const struct progs *p,
	const struct munis *m, const struct summary *s, const struct html_meta *meta)
{
	struct buf b = BUF_INIT;
	int rc;

	html_render(&b, p, m, s, meta);
	util_sha256_hex(sha256_out, b.ptr, b.len);
	rc = util_write_atomic(path, b.ptr, b.len);
	buf_free(&b);
	return rc;
}
