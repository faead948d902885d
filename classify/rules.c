/*
 * rules: loading and matching cue rules (see rules.h, docs/RULES.md).
 *
 * Invariants: every string in a loaded rule set is NFKC-normalised and its
 * ASCII letters lower-cased, like the text it is matched against after
 * rules_fold(); each alternative has 1..RULES_MAX_ELEMS elements; label and
 * group ids are indexes into r->labels / r->groups.
 */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "norm.h"
#include "tokenize.h"
#include "tsv.h"
#include "util.h"
#include "xalloc.h"

#define RULES_MAX_ELEMS 8
#define RULES_MAX_WINDOW 50
#define RULES_MAX_ROWS 100000
#define RULES_MAX_GROUPS 32
#define RULES_NCOLS 10

enum rules_policy { POLICY_BLOCK, POLICY_KEEP, POLICY_FLIP };

struct rules_alt {
	int row;
	uint32_t cp0;   /* first code point of the first element; 0 for "#" */
	size_t nelems;
	char *elems[RULES_MAX_ELEMS]; /* "#" for a number */
	size_t lens[RULES_MAX_ELEMS];
};

struct rules_row {
	char *file;  /* borrowed from r->files */
	size_t line;
	char *id;
	int label;
	int group;
	bool none;   /* value "none": claims tokens only */
	bool near;   /* neg=near: negates only the words just before it */
	unsigned fields;
	int window;
	double weight;
	enum rules_policy policy;
	int flip_label;
	struct rules_alt *excl; /* exclusions (their own alternatives) */
	size_t nexcl;
	char *positive, *negative;
};

struct rules_bucket {
	uint32_t key;   /* first code point; 0 = empty slot */
	size_t *alts;
	size_t n, cap;
};

struct rules {
	char **files;
	size_t nfiles;
	struct rules_row *rows;
	size_t nrows, caprows;
	struct rules_alt *alts;
	size_t nalts, capalts;
	char **labels;
	int *label_group;
	size_t nlabels;
	char **groups;
	size_t ngroups;
	int neg_group;  /* -1 when no negation rows */
	struct rules_bucket *buckets;
	size_t nbuckets; /* power of two */
	size_t *num_alts; /* alternatives starting with '#' */
	size_t nnum, capnum;
};

/* ---- strings ---- */

static uint32_t
rules_cp(const char *s, size_t len, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t n, i;

	if (len == 0) {
		*adv = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*adv = 1;
		c = u[0];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		return c;
	}
	if ((u[0] & 0xe0) == 0xc0) { n = 2; c = u[0] & 0x1f; }
	else if ((u[0] & 0xf0) == 0xe0) { n = 3; c = u[0] & 0x0f; }
	else if ((u[0] & 0xf8) == 0xf0) { n = 4; c = u[0] & 0x07; }
	else { *adv = 1; return u[0]; }
	if (n > len) {
		*adv = 1;
		return u[0];
	}
	for (i = 1; i < n; i++)
		c = (c << 6) | (u[i] & 0x3f);
	*adv = n;
	return c;
}

/* rules_eq: a == b, ASCII letters without regard to case. */
static bool
rules_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

/* rules_fold: NFKC and ASCII lower case (caller frees). */
static char *
rules_fold(const char *s, size_t len)
{
	char *n = norm_simple(s, len);

	for (char *p = n; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return n;
}

long
rules_parse_number(const char *s, size_t len)
{
	static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	long total = 0, cur = -1;
	size_t i = 0;
	bool any = false;

	if (len == 0)
		return -1;
	if (s[0] >= '0' && s[0] <= '9') {
		static const struct { const char *k; long m; } mult[] = {
			{ "十", 10 }, { "百", 100 }, { "千", 1000 }, { "万", 10000 }, { "億", 100000000 }
		};
		long v = 0;

		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (v > 100000000)
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		/* an amount written with kanji multipliers after the digits
		 * (10万, 3千万): MeCab gives 万 as a number token too */
		while (i < len) {
			bool found = false;

			for (size_t k = 0; k < sizeof(mult) / sizeof(*mult) && !found; k++)
				if (len - i >= 3 && memcmp(s + i, mult[k].k, 3) == 0) {
					if (v > 1000000000000L / mult[k].m)
						return -1;
					v *= mult[k].m;
					i += 3;
					found = true;
				}
			if (!found)
				return -1;
		}
		return v;
	}
	while (i < len) {
		int d = -1;
		long unit = 0;

		for (int k = 0; k < 10; k++)
			if (len - i >= 3 && memcmp(s + i, digits[k], 3) == 0)
				d = k;
		if (len - i >= 3 && memcmp(s + i, "零", 3) == 0)
			d = 0;
		if (len - i >= 3 && memcmp(s + i, "十", 3) == 0)
			unit = 10;
		else if (len - i >= 3 && memcmp(s + i, "百", 3) == 0)
			unit = 100;
		else if (len - i >= 3 && memcmp(s + i, "千", 3) == 0)
			unit = 1000;
		if (d < 0 && unit == 0)
			return -1;
		if (d >= 0)
			cur = cur < 0 ? d : cur * 10 + d; /* 二〇 read digit by digit */
		else {
			total += (cur < 0 ? 1 : cur) * unit;
			cur = -1;
		}
		any = true;
		i += 3;
	}
	if (!any)
		return -1;
	return total + (cur < 0 ? 0 : cur);
}

/* ---- loading ---- */

static int
rules_intern(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return (int)i;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n] = xstrdup(s);
	return (int)(*n)++;
}

static int
rules_label_add(struct rules *r, const char *label)
{
	size_t before = r->nlabels;
	int id = rules_intern(&r->labels, &r->nlabels, label);

	if (r->nlabels != before) {
		const char *eq = strchr(label, '=');
		char *g = xstrndup(label, (size_t)(eq - label));

		r->label_group = xreallocarray(r->label_group, r->nlabels, sizeof(int));
		r->label_group[id] = rules_intern(&r->groups, &r->ngroups, g);
		free(g);
	}
	return id;
}

/* rules_parse_terms: '|'-separated alternatives of space-separated
 * elements, into alts (appended).  The text is normalised first. */
static int
rules_parse_terms(struct rules_alt **alts, size_t *n, size_t *cap, int row,
	const char *cell, const char *file, size_t line, const char *col)
{
	char *folded = rules_fold(cell, strlen(cell));
	char *save = NULL, *alt;
	int rc = 0;
	size_t added = 0;

	for (alt = strtok_r(folded, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
		struct rules_alt a;
		char *s2 = NULL, *el;

		memset(&a, 0, sizeof(a));
		a.row = row;
		for (el = strtok_r(alt, " \t", &s2); el; el = strtok_r(NULL, " \t", &s2)) {
			if (a.nelems == RULES_MAX_ELEMS) {
				rc = err_set(MS_EINVAL, "%s:%zu: %s: more than %d elements in one term",
				    file, line, col, RULES_MAX_ELEMS);
				for (size_t k = 0; k < a.nelems; k++)
					free(a.elems[k]);
				goto out;
			}
			a.elems[a.nelems] = xstrdup(el);
			a.lens[a.nelems] = strlen(el);
			a.nelems++;
		}
		if (a.nelems == 0)
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*alts = xreallocarray(*alts, *cap, sizeof(**alts));
		}
		(*alts)[(*n)++] = a;
		added++;
	}
	if (added == 0)
		rc = err_set(MS_EINVAL, "%s:%zu: %s: no term", file, line, col);
out:
	free(folded);
	return rc;
}

static unsigned
rules_parse_fields(const char *cell)
{
	unsigned f = 0;
	char *copy = xstrdup(cell), *save = NULL, *w;

	for (w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		if (strcmp(w, "title") == 0)
			f |= RULES_TITLE;
		else if (strcmp(w, "heading") == 0)
			f |= RULES_HEADING;
		else if (strcmp(w, "body") == 0)
			f |= RULES_BODY;
		else if (strcmp(w, "any") == 0)
			f |= RULES_TITLE | RULES_HEADING | RULES_BODY;
		else {
			f = 0;
			break;
		}
	}
	free(copy);
	return f;
}

static bool
rules_label_valid(const char *s)
{
	const char *eq = strchr(s, '=');

	if (!eq || eq == s || eq[1] == '\0' || strchr(eq + 1, '='))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '=' || *p == '#'))
			return false;
	return true;
}

static bool
rules_empty(const char *s)
{
	return *s == '\0' || strcmp(s, "-") == 0;
}

static const char *const rules_header[RULES_NCOLS] = {
	"id", "label", "field", "terms", "window", "weight", "exclude", "negation",
	"positive", "negative"
};

static int
rules_add_file(struct rules *r, struct tsv *t, const char *name)
{
	char **f;
	size_t nf, fileidx;
	int rc = 0, got;
	bool header = false;

	fileidx = r->nfiles;
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	r->files[r->nfiles++] = xstrdup(name);
	while ((got = tsv_next(t, &f, &nf)) > 0) {
		size_t line = tsv_line(t);
		struct rules_row row;
		long w;
		double weight;
		char *flip = NULL;

		if (!header) {
			for (size_t i = 0; i < RULES_NCOLS; i++)
				if (i >= nf || strcmp(f[i], rules_header[i]) != 0)
					return err_set(MS_EINVAL, "%s:%zu: header must be: id label field "
					    "terms window weight exclude negation positive negative", name, line);
			header = true;
			continue;
		}
		if (nf != RULES_NCOLS)
			return err_set(MS_EINVAL, "%s:%zu: %zu columns, expected %d", name, line, nf, RULES_NCOLS);
		if (r->nrows >= RULES_MAX_ROWS)
			return err_set(MS_ELIMIT, "%s:%zu: more than %d rule rows", name, line, RULES_MAX_ROWS);
		memset(&row, 0, sizeof(row));
		row.file = r->files[fileidx];
		row.line = line;
		if (rules_empty(f[0]))
			return err_set(MS_EINVAL, "%s:%zu: id: empty", name, line);
		for (size_t i = 0; i < r->nrows; i++)
			if (strcmp(r->rows[i].id, f[0]) == 0)
				return err_set(MS_EINVAL, "%s:%zu: id %s: already used at %s:%zu", name, line,
				    f[0], r->rows[i].file, r->rows[i].line);
		if (!rules_label_valid(f[1]))
			return err_set(MS_EINVAL, "%s:%zu: label '%s': expected group=value in [a-z0-9_]",
			    name, line, f[1]);
		if ((row.fields = rules_parse_fields(f[2])) == 0)
			return err_set(MS_EINVAL, "%s:%zu: field '%s': expected title, heading, body or any",
			    name, line, f[2]);
		if (rules_empty(f[4]))
			w = 0;
		else if (!util_parse_long(f[4], &w) || w < 0 || w > RULES_MAX_WINDOW)
			return err_set(MS_EINVAL, "%s:%zu: window '%s': expected 0 to %d", name, line, f[4],
			    RULES_MAX_WINDOW);
		if (rules_empty(f[5]))
			weight = 1.0;
		else if (!util_parse_double(f[5], &weight) || !(weight >= -100.0 && weight <= 100.0))
			return err_set(MS_EINVAL, "%s:%zu: weight '%s': expected a number", name, line, f[5]);
		if (rules_empty(f[7]) || strcmp(f[7], "block") == 0)
			row.policy = POLICY_BLOCK;
		else if (strcmp(f[7], "keep") == 0)
			row.policy = POLICY_KEEP;
		else if (strncmp(f[7], "flip:", 5) == 0 && f[7][5]) {
			row.policy = POLICY_FLIP;
			flip = f[7] + 5;
		} else
			return err_set(MS_EINVAL, "%s:%zu: negation '%s': expected block, keep or flip:VALUE",
			    name, line, f[7]);
		if (rules_empty(f[8]) || rules_empty(f[9]))
			return err_set(MS_EINVAL, "%s:%zu: every row needs a positive and a negative example",
			    name, line);
		if (rules_empty(f[3]))
			return err_set(MS_EINVAL, "%s:%zu: terms: empty", name, line);
		row.window = (int)w;
		row.weight = weight;
		row.label = rules_label_add(r, f[1]);
		row.group = r->label_group[row.label];
		row.none = strcmp(strchr(f[1], '=') + 1, "none") == 0;
		row.near = strcmp(f[1], "neg=near") == 0;
		if (flip) {
			char *fl = xasprintf("%s=%s", r->groups[row.group], flip);

			if (!rules_label_valid(fl)) {
				free(fl);
				return err_set(MS_EINVAL, "%s:%zu: negation '%s': bad value", name, line, f[7]);
			}
			row.flip_label = rules_label_add(r, fl);
			free(fl);
		}
		if (r->ngroups > RULES_MAX_GROUPS)
			return err_set(MS_ELIMIT, "%s:%zu: more than %d label groups", name, line,
			    RULES_MAX_GROUPS);
		if ((rc = rules_parse_terms(&r->alts, &r->nalts, &r->capalts, (int)r->nrows, f[3],
		    name, line, "terms")) < 0)
			return rc;
		if (!rules_empty(f[6])) {
			size_t cap = 0;

			if ((rc = rules_parse_terms(&row.excl, &row.nexcl, &cap, (int)r->nrows, f[6],
			    name, line, "exclude")) < 0) {
				for (size_t i = 0; i < row.nexcl; i++)
					for (size_t k = 0; k < row.excl[i].nelems; k++)
						free(row.excl[i].elems[k]);
				free(row.excl);
				return rc;
			}
		}
		row.id = xstrdup(f[0]);
		row.positive = xstrdup(f[8]);
		row.negative = xstrdup(f[9]);
		if (r->nrows == r->caprows) {
			r->caprows = r->caprows ? r->caprows * 2 : 64;
			r->rows = xreallocarray(r->rows, r->caprows, sizeof(*r->rows));
		}
		r->rows[r->nrows++] = row;
	}
	if (got < 0)
		return got;
	if (!header)
		return err_set(MS_EINVAL, "%s: no header row", name);
	return 0;
}

static void
rules_bucket_add(struct rules *r, uint32_t key, size_t alt)
{
	size_t mask = r->nbuckets - 1, i = (key * 2654435761u) & mask;

	while (r->buckets[i].key && r->buckets[i].key != key)
		i = (i + 1) & mask;
	r->buckets[i].key = key;
	if (r->buckets[i].n == r->buckets[i].cap) {
		r->buckets[i].cap = r->buckets[i].cap ? r->buckets[i].cap * 2 : 4;
		r->buckets[i].alts = xreallocarray(r->buckets[i].alts, r->buckets[i].cap, sizeof(size_t));
	}
	r->buckets[i].alts[r->buckets[i].n++] = alt;
}

static const struct rules_bucket *
rules_bucket_get(const struct rules *r, uint32_t key)
{
	size_t mask = r->nbuckets - 1, i = (key * 2654435761u) & mask;

	if (!key)
		return NULL;
	while (r->buckets[i].key) {
		if (r->buckets[i].key == key)
			return &r->buckets[i];
		i = (i + 1) & mask;
	}
	return NULL;
}

static void
rules_index(struct rules *r)
{
	r->nbuckets = 64;
	while (r->nbuckets < r->nalts * 2)
		r->nbuckets *= 2;
	r->buckets = xcalloc(r->nbuckets, sizeof(*r->buckets));
	for (size_t i = 0; i < r->nalts; i++) {
		const struct rules_alt *a = &r->alts[i];
		size_t adv;

		if (strcmp(a->elems[0], "#") == 0) {
			r->alts[i].cp0 = 0;
			if (r->nnum == r->capnum) {
				r->capnum = r->capnum ? r->capnum * 2 : 8;
				r->num_alts = xreallocarray(r->num_alts, r->capnum, sizeof(size_t));
			}
			r->num_alts[r->nnum++] = i;
			continue;
		}
		r->alts[i].cp0 = rules_cp(a->elems[0], a->lens[0], &adv);
		rules_bucket_add(r, r->alts[i].cp0, i);
	}
	/* exclusion terms are tried at every token of a hit's sentence: their
	 * first code point lets most tokens be passed over at once */
	for (size_t i = 0; i < r->nrows; i++)
		for (size_t k = 0; k < r->rows[i].nexcl; k++) {
			struct rules_alt *x = &r->rows[i].excl[k];
			size_t adv;

			x->cp0 = strcmp(x->elems[0], "#") == 0 ? 0 :
			    rules_cp(x->elems[0], x->lens[0], &adv);
		}
	r->neg_group = -1;
	for (size_t g = 0; g < r->ngroups; g++)
		if (strcmp(r->groups[g], "neg") == 0)
			r->neg_group = (int)g;
}

static struct rules *
rules_new(void)
{
	return xcalloc(1, sizeof(struct rules));
}

int
rules_load_mem(struct rules **out, const char *name, const char *data, size_t len)
{
	struct rules *r = rules_new();
	struct tsv *t = tsv_open_mem(name, data, len);
	int rc;

	*out = NULL;
	if ((rc = rules_add_file(r, t, name)) < 0)
		goto out;
	rules_index(r);
	*out = r;
	r = NULL;
out:
	tsv_free(t);
	rules_free(r);
	return rc;
}

static int
rules_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
rules_load(struct rules **out, const char *dir)
{
	struct rules *r = rules_new();
	DIR *d = NULL;
	struct dirent *e;
	char **names = NULL;
	size_t nnames = 0;
	int rc = 0;

	*out = NULL;
	if ((d = opendir(dir)) == NULL) {
		rc = err_set(MS_EIO, "%s: cannot open the rules folder: %s", dir, strerror(errno));
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".tsv") != 0)
			continue;
		names = xreallocarray(names, nnames + 1, sizeof(*names));
		names[nnames++] = util_path_join(dir, e->d_name);
	}
	util_sort(names, nnames, sizeof(*names), rules_cmp_str);
	if (nnames == 0) {
		rc = err_set(MS_EINVAL, "%s: no rule files (*.tsv)", dir);
		goto out;
	}
	for (size_t i = 0; i < nnames; i++) {
		struct tsv *t = NULL;

		if ((rc = tsv_open(&t, names[i])) < 0)
			goto out;
		rc = rules_add_file(r, t, names[i]);
		tsv_free(t);
		if (rc < 0)
			goto out;
	}
	rules_index(r);
	*out = r;
	r = NULL;
out:
	if (d)
		closedir(d);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	rules_free(r);
	return rc;
}

static void
rules_alts_free(struct rules_alt *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].nelems; k++)
			free(v[i].elems[k]);
	free(v);
}

void
rules_free(struct rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrows; i++) {
		free(r->rows[i].id);
		free(r->rows[i].positive);
		free(r->rows[i].negative);
		rules_alts_free(r->rows[i].excl, r->rows[i].nexcl);
	}
	free(r->rows);
	rules_alts_free(r->alts, r->nalts);
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	for (size_t i = 0; i < r->nlabels; i++)
		free(r->labels[i]);
	free(r->labels);
	free(r->label_group);
	for (size_t i = 0; i < r->ngroups; i++)
		free(r->groups[i]);
	free(r->groups);
	for (size_t i = 0; i < r->nbuckets; i++)
		free(r->buckets[i].alts);
	free(r->buckets);
	free(r->num_alts);
	free(r);
}

size_t
rules_count(const struct rules *r)
{
	return r->nrows;
}

void
rules_row(const struct rules *r, size_t i, struct rules_row_info *out)
{
	const struct rules_row *row = &r->rows[i];

	out->file = row->file;
	out->line = row->line;
	out->id = row->id;
	out->label = r->labels[row->label];
	out->fields = row->fields;
	out->weight = row->weight;
	out->positive = row->positive;
	out->negative = row->negative;
}

int
rules_label(const struct rules *r, const char *label)
{
	for (size_t i = 0; i < r->nlabels; i++)
		if (strcmp(r->labels[i], label) == 0)
			return (int)i;
	return -1;
}

const char *
rules_label_name(const struct rules *r, int label)
{
	return label >= 0 && (size_t)label < r->nlabels ? r->labels[label] : "";
}

double
rules_row_weight(const struct rules *r, int row)
{
	return r->rows[row].weight;
}

/* ---- matching ---- */

/* the number read at one token: every alternative starting with '#' is
 * tried at every number token, so it is read once per position */
struct rules_numcache {
	size_t at;   /* token index + 1; 0: empty */
	size_t end;
	long val;    /* -1: no number there */
};

struct rules_ctx {
	const struct rules *r;
	const char *text;
	const struct token *toks;
	size_t n;
	struct rules_numcache *num;
};

/* rules_elem: does element e match tokens from i?  *end gets the token
 * after the match, *num the number of a '#' element. */
static bool
rules_elem(const struct rules_ctx *c, const char *e, size_t elen, size_t i,
	size_t *end, long *num)
{
	size_t j = i, off = 0;

	if (elen == 1 && e[0] == '#') {
		struct buf b = BUF_INIT;
		long v;

		if (c->num && c->num->at == i + 1) {
			if (c->num->val < 0)
				return false;
			*end = c->num->end;
			*num = c->num->val;
			return true;
		}

		/* a number is a few adjacent tokens (1,000 / 十 / 三): a run
		 * of numbered links must not make every start a long scan */
		while (j < c->n && j - i < 8 && (c->toks[j].flags & TOK_NUMBER) &&
		    (j == i || (!(c->toks[j].flags & TOK_BOL) &&
		    c->toks[j].start == c->toks[j - 1].end))) {
			buf_add(&b, c->text + c->toks[j].start, c->toks[j].end - c->toks[j].start);
			j++;
		}
		if (j == i) {
			buf_free(&b);
			return false;
		}
		v = rules_parse_number(buf_cstr(&b), b.len);
		buf_free(&b);
		if (c->num) {
			c->num->at = i + 1;
			c->num->end = j;
			c->num->val = v;
		}
		if (v < 0)
			return false;
		*end = j;
		*num = v;
		return true;
	}
	while (j < c->n && off < elen) {
		const struct token *k = &c->toks[j];
		size_t sl = k->end - k->start;
		const char *s = c->text + k->start;

		if (j > i && (k->flags & TOK_BOL))
			return false;
		if (k->base_len == elen - off && rules_eq(k->base, e + off, elen - off)) {
			*end = j + 1;
			return true;
		}
		if (sl > elen - off || !rules_eq(s, e + off, sl))
			return false;
		off += sl;
		j++;
	}
	if (off == elen) {
		*end = j;
		return true;
	}
	return false;
}

/* rules_alt_at: the alternative from token i; window between elements. */
static bool
rules_alt_at(const struct rules_ctx *c, const struct rules_alt *a, int window,
	size_t i, size_t *end, long *num)
{
	size_t pos = i, e;
	long v = -1;

	for (size_t k = 0; k < a->nelems; k++) {
		bool ok = false;

		if (k == 0) {
			ok = rules_elem(c, a->elems[0], a->lens[0], pos, &e, &v);
		} else {
			for (size_t p = pos; p < c->n && p <= pos + (size_t)window; p++) {
				if (p > pos && (c->toks[p - 1].flags & TOK_PERIOD))
					break;
				if (c->toks[p].flags & TOK_BOL)
					break;
				if (rules_elem(c, a->elems[k], a->lens[k], p, &e, &v)) {
					ok = true;
					break;
				}
			}
		}
		if (!ok)
			return false;
		pos = e;
	}
	*end = pos;
	*num = v;
	return true;
}

static void
rules_push(struct rules_hits *h, const struct rules_hit *x)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	h->v[h->n++] = *x;
}

static void
rules_try(const struct rules_ctx *c, size_t ai, unsigned field, size_t i,
	struct rules_hits *raw)
{
	const struct rules_alt *a = &c->r->alts[ai];
	const struct rules_row *row = &c->r->rows[a->row];
	struct rules_hit h;
	size_t end;
	long num;

	if (!(row->fields & field))
		return;
	if (!rules_alt_at(c, a, row->window, i, &end, &num))
		return;
	h.row = a->row;
	h.label = row->label;
	h.tok_start = i;
	h.tok_end = end;
	h.start = c->toks[i].start;
	h.end = c->toks[end - 1].end;
	h.number = num;
	h.negated = false;
	rules_push(raw, &h);
}

/* longest first; then earlier; then row order (for a stable result) */
static int
rules_cmp_len(const void *pa, const void *pb)
{
	const struct rules_hit *a = pa, *b = pb;
	size_t la = a->end - a->start, lb = b->end - b->start;

	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->row - b->row;
}

static int
rules_cmp_pos(const void *pa, const void *pb)
{
	const struct rules_hit *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->row - b->row;
}

/*
 * What the hits of one text share, built once per rules_match() when a
 * hit needs it, so that each hit costs O(1) (sentences) or O(log) (the
 * negation search) however long the sentence: a page that is one endless
 * run of cue words must not cost the square of its length.
 *
 * A sentence boundary is a token index q with q == 0, q == n, toks[q]
 * starting a line or toks[q - 1] ending a sentence (TOK_PERIOD).
 */
struct rules_spans {
	size_t *from;   /* [t]: the last boundary <= t */
	size_t *to;     /* [e], e <= n: the first boundary >= e */
	size_t *clause; /* [e], e <= n: a negation starting in [e, clause[e])
			 * is in the clause of a hit ending at e (no 、 or
			 * 。 before it, no line start up to it) */
	size_t *negs, nnegs;   /* starts of neg hits, ascending ... */
	size_t *nears, nnears; /* ... and of neg=near ones */
	struct rules_excl_memo {
		size_t from, to;
		int row;        /* -1: empty slot */
		bool excluded;
	} *memo;
	size_t nmemo, capmemo; /* capmemo: 0 or a power of two */
};

static bool
rules_boundary(const struct rules_ctx *c, size_t q)
{
	return q == 0 || q >= c->n || (c->toks[q].flags & TOK_BOL) ||
	    (c->toks[q - 1].flags & TOK_PERIOD);
}

static void
rules_spans_sentences(const struct rules_ctx *c, struct rules_spans *sp)
{
	size_t n = c->n;

	if (sp->from)
		return;
	sp->from = xreallocarray(NULL, n, sizeof(*sp->from));
	sp->to = xreallocarray(NULL, n + 1, sizeof(*sp->to));
	for (size_t t = 0; t < n; t++)
		sp->from[t] = rules_boundary(c, t) ? t : sp->from[t - 1];
	sp->to[n] = n;
	for (size_t e = n; e-- > 0;)
		sp->to[e] = rules_boundary(c, e) ? e : sp->to[e + 1];
}

static int
rules_cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? -1 : a > b;
}

/* rules_spans_negs: the clause limits and the sorted starts of the kept
 * negation hits. */
static void
rules_spans_negs(const struct rules_ctx *c, const struct rules_hits *negs,
	struct rules_spans *sp)
{
	size_t n = c->n, cut_p = n, cut_b = n;

	sp->clause = xreallocarray(NULL, n + 1, sizeof(*sp->clause));
	sp->clause[n] = n;
	for (size_t e = n; e-- > 0;) {
		if (c->toks[e].flags & (TOK_PERIOD | TOK_COMMA))
			cut_p = e; /* the 、 itself may still hold the negation */
		if (c->toks[e].flags & TOK_BOL)
			cut_b = e; /* a line start may not */
		sp->clause[e] = cut_p + 1 < cut_b ? cut_p + 1 : cut_b;
	}
	sp->negs = xreallocarray(NULL, negs->n, sizeof(*sp->negs));
	sp->nears = xreallocarray(NULL, negs->n, sizeof(*sp->nears));
	for (size_t i = 0; i < negs->n; i++) {
		const struct rules_hit *g = &negs->v[i];

		if (c->r->rows[g->row].near)
			sp->nears[sp->nnears++] = g->tok_start;
		else
			sp->negs[sp->nnegs++] = g->tok_start;
	}
	util_sort(sp->negs, sp->nnegs, sizeof(*sp->negs), rules_cmp_size);
	util_sort(sp->nears, sp->nnears, sizeof(*sp->nears), rules_cmp_size);
}

/* rules_any_in: whether the sorted v holds a value in [lo, hi). */
static bool
rules_any_in(const size_t *v, size_t n, size_t lo, size_t hi)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t mid = a + (b - a) / 2;

		if (v[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a < n && v[a] < hi;
}

static void
rules_spans_free(struct rules_spans *sp)
{
	free(sp->from);
	free(sp->to);
	free(sp->clause);
	free(sp->negs);
	free(sp->nears);
	free(sp->memo);
}

/* rules_sentence: the token range of the sentence holding [s, e). */
static void
rules_sentence(const struct rules_ctx *c, struct rules_spans *sp, size_t s, size_t e,
	size_t *from, size_t *to)
{
	rules_spans_sentences(c, sp);
	*from = sp->from[s];
	*to = sp->to[e];
}

static size_t
rules_memo_slot(const struct rules_spans *sp, int row, size_t from, size_t to)
{
	size_t h = from * 0x9e3779b97f4a7c15ull ^ to * 0xc2b2ae3d27d4eb4full ^ (size_t)row;

	h ^= h >> 29;
	return (h * 0x94d049bb133111ebull >> 17) & (sp->capmemo - 1);
}

/* rules_memo: the slot of (row, from, to): its row is -1 when it is not
 * known yet (the caller fills it). */
static struct rules_excl_memo *
rules_memo(struct rules_spans *sp, int row, size_t from, size_t to)
{
	size_t i;

	if ((sp->nmemo + 1) * 2 > sp->capmemo) {
		struct rules_excl_memo *old = sp->memo;
		size_t oldcap = sp->capmemo;

		sp->capmemo = oldcap ? oldcap * 2 : 64;
		sp->memo = xreallocarray(NULL, sp->capmemo, sizeof(*sp->memo));
		for (i = 0; i < sp->capmemo; i++)
			sp->memo[i].row = -1;
		for (size_t k = 0; k < oldcap; k++) {
			if (old[k].row < 0)
				continue;
			i = rules_memo_slot(sp, old[k].row, old[k].from, old[k].to);
			while (sp->memo[i].row >= 0)
				i = (i + 1) & (sp->capmemo - 1);
			sp->memo[i] = old[k];
		}
		free(old);
	}
	for (i = rules_memo_slot(sp, row, from, to); sp->memo[i].row >= 0;
	    i = (i + 1) & (sp->capmemo - 1))
		if (sp->memo[i].row == row && sp->memo[i].from == from && sp->memo[i].to == to)
			return &sp->memo[i];
	sp->memo[i].from = from;
	sp->memo[i].to = to;
	return &sp->memo[i];
}

/* rules_excluded: whether one of the row's exclusions is in h's sentence.
 * The answer is the same for every hit of the row in that sentence, so it
 * is worked out once per (row, sentence). */
static bool
rules_excluded(const struct rules_ctx *c, struct rules_spans *sp, const struct rules_row *row,
	const struct rules_hit *h)
{
	struct rules_excl_memo *m;
	size_t from, to;
	bool found = false;

	if (row->nexcl == 0)
		return false;
	rules_sentence(c, sp, h->tok_start, h->tok_end, &from, &to);
	m = rules_memo(sp, h->row, from, to);
	if (m->row >= 0)
		return m->excluded;
	for (size_t i = from; i < to && !found; i++) {
		const struct token *t = &c->toks[i];
		size_t adv;
		/* an element starts with the token's surface or is its base */
		uint32_t a = rules_cp(c->text + t->start, t->end - t->start, &adv);
		uint32_t b = rules_cp(t->base, t->base_len, &adv);

		for (size_t k = 0; k < row->nexcl; k++) {
			const struct rules_alt *x = &row->excl[k];
			size_t end;
			long num;

			if (x->cp0 && x->cp0 != a && x->cp0 != b)
				continue;
			if (rules_alt_at(c, x, x->nelems > 1 ? 3 : 0, i, &end, &num) && end <= to) {
				found = true;
				break;
			}
		}
	}
	m->row = h->row;
	m->excluded = found;
	sp->nmemo++;
	return found;
}

/* rules_negated: is a kept negation hit within the row's window after h,
 * in the same clause (a comma ends it too)?  neg=near (なし, 不要) reaches
 * over a particle or two; the others to the end of the clause. */
static bool
rules_negated(const struct rules_ctx *c, struct rules_spans *sp, const struct rules_hits *negs,
	const struct rules_hit *h)
{
	size_t e = h->tok_end, lim;

	if (!sp->clause)
		rules_spans_negs(c, negs, sp);
	lim = sp->clause[e];
	if (rules_any_in(sp->negs, sp->nnegs, e, lim))
		return true;
	return rules_any_in(sp->nears, sp->nnears, e, e + 3 < lim ? e + 3 : lim);
}

static void
rules_match_impl(const struct rules *r, unsigned field, const char *text,
	const struct token *toks, size_t ntoks, struct rules_hits *out, bool all)
{
	struct rules_numcache num = { 0, 0, -1 };
	struct rules_ctx c = { r, text, toks, ntoks, &num };
	struct rules_hits raw = RULES_HITS_INIT, negs = RULES_HITS_INIT;
	struct rules_spans sp;
	uint32_t *claimed = NULL;

	out->n = 0;
	if (ntoks == 0 || r->nrows == 0)
		return;
	memset(&sp, 0, sizeof(sp));
	for (size_t i = 0; i < ntoks; i++) {
		const struct token *k = &toks[i];
		size_t adv;
		uint32_t a = rules_cp(text + k->start, k->end - k->start, &adv);
		uint32_t b = rules_cp(k->base, k->base_len, &adv);
		const struct rules_bucket *bk;

		if ((bk = rules_bucket_get(r, a)) != NULL)
			for (size_t j = 0; j < bk->n; j++)
				rules_try(&c, bk->alts[j], field, i, &raw);
		if (b != a && (bk = rules_bucket_get(r, b)) != NULL)
			for (size_t j = 0; j < bk->n; j++)
				rules_try(&c, bk->alts[j], field, i, &raw);
		if (k->flags & TOK_NUMBER)
			for (size_t j = 0; j < r->nnum; j++)
				rules_try(&c, r->num_alts[j], field, i, &raw);
	}
	if (raw.n == 0)
		goto out;
	/* longest match first, within each label group */
	util_sort(raw.v, raw.n, sizeof(*raw.v), rules_cmp_len);
	claimed = xcalloc(ntoks, sizeof(*claimed));
	for (size_t i = 0; i < raw.n; i++) {
		struct rules_hit *h = &raw.v[i];
		const struct rules_row *row = &r->rows[h->row];
		uint32_t bit = (uint32_t)1 << row->group;
		bool free_span = true;

		for (size_t t = h->tok_start; t < h->tok_end; t++)
			if (claimed[t] & bit)
				free_span = false;
		if (!free_span) {
			h->row = -1;
			continue;
		}
		for (size_t t = h->tok_start; t < h->tok_end; t++)
			claimed[t] |= bit;
		if (row->group == r->neg_group && !row->none)
			rules_push(&negs, h);
	}
	for (size_t i = 0; i < raw.n; i++) {
		struct rules_hit h = raw.v[i];
		const struct rules_row *row;

		if (h.row < 0)
			continue;
		row = &r->rows[h.row];
		if (row->none || row->group == r->neg_group) {
			if (all)
				rules_push(out, &h);
			continue;
		}
		if (rules_excluded(&c, &sp, row, &h))
			continue;
		if (row->policy != POLICY_KEEP || negs.n > 0) {
			if (negs.n > 0 && rules_negated(&c, &sp, &negs, &h)) {
				if (row->policy == POLICY_BLOCK)
					continue;
				h.negated = true;
				if (row->policy == POLICY_FLIP)
					h.label = row->flip_label;
			}
		}
		rules_push(out, &h);
	}
	util_sort(out->v, out->n, sizeof(*out->v), rules_cmp_pos);
out:
	rules_spans_free(&sp);
	free(claimed);
	free(raw.v);
	free(negs.v);
}

void
rules_match(const struct rules *r, unsigned field, const char *text,
	const struct token *toks, size_t ntoks, struct rules_hits *out)
{
	rules_match_impl(r, field, text, toks, ntoks, out, false);
}

void
rules_match_all(const struct rules *r, unsigned field, const char *text,
	const struct token *toks, size_t ntoks, struct rules_hits *out)
{
	rules_match_impl(r, field, text, toks, ntoks, out, true);
}

void
rules_hits_free(struct rules_hits *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}
