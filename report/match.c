/*
 * match: lenient URL keys, normalised titles and one-to-one greedy matching
 * (see match.h and docs/REPORT.md).
 */
#include "match.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "util.h"
#include "xalloc.h"

/* appends s[0..len) with percent-escapes upper-cased */
static void
match_add_escaped(struct buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			buf_addc(b, '%');
			buf_addc(b, (char)toupper((unsigned char)s[i + 1]));
			buf_addc(b, (char)toupper((unsigned char)s[i + 2]));
			i += 2;
		} else {
			buf_addc(b, s[i]);
		}
	}
}

static char *
match_url_lenient(const char *url, bool with_host)
{
	struct buf b = BUF_INIT;
	const char *p = url, *end, *sep, *host_end, *frag, *q;
	size_t hlen, plen;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
	    end[-1] == '\n'))
		end--;
	if ((frag = memchr(p, '#', (size_t)(end - p))) != NULL)
		end = frag;
	sep = NULL;
	for (q = p; q + 2 < end; q++) {
		if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
			sep = q;
			break;
		}
		if (!isalnum((unsigned char)*q) && *q != '+' && *q != '-' && *q != '.')
			break;
	}
	if (sep) {
		bool web = (sep - p == 4 && strncasecmp(p, "http", 4) == 0) ||
		    (sep - p == 5 && strncasecmp(p, "https", 5) == 0);

		if (!web) {
			for (q = p; q < sep; q++)
				buf_addc(&b, (char)tolower((unsigned char)*q));
			buf_adds(&b, ":");
		}
		p = sep + 3;
	}
	for (host_end = p; host_end < end && *host_end != '/' && *host_end != '?';
	    host_end++)
		;
	hlen = (size_t)(host_end - p);
	if (hlen > 3 && memcmp(host_end - 3, ":80", 3) == 0)
		hlen -= 3;
	else if (hlen > 4 && memcmp(host_end - 4, ":443", 4) == 0)
		hlen -= 4;
	if (hlen > 0 && p[hlen - 1] == '.')
		hlen--;
	if (with_host)
		for (size_t i = 0; i < hlen; i++)
			buf_addc(&b, (char)tolower((unsigned char)p[i]));
	p = host_end;
	q = memchr(p, '?', (size_t)(end - p));
	plen = (size_t)((q ? q : end) - p);
	while (plen > 0 && p[plen - 1] == '/')
		plen--;
	match_add_escaped(&b, p, plen);
	if (q)
		match_add_escaped(&b, q, (size_t)(end - q));
	return buf_detach(&b, NULL);
}

char *
match_url_key(const char *url)
{
	return match_url_lenient(url ? url : "", true);
}

char *
match_url_path(const char *url)
{
	return match_url_lenient(url ? url : "", false);
}

static bool
match_keep(UChar32 c)
{
	uint32_t gc = U_GET_GC_MASK(c);

	if (c == 0xFFFD)
		return false;
	return (gc & (U_GC_Z_MASK | U_GC_C_MASK | U_GC_P_MASK | U_GC_S_MASK)) == 0 &&
	    !u_isUWhiteSpace(c);
}

void
match_title_init(struct match_title *t, const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc;
	UChar *u = NULL, *nu = NULL;
	int32_t ulen = 0, nlen = 0, i;
	size_t slen = s ? strlen(s) : 0;

	t->cp = NULL;
	t->n = 0;
	if (slen == 0 || slen > INT32_MAX / 4)
		return;
	u = xreallocarray(NULL, slen + 1, sizeof(UChar));
	u_strFromUTF8WithSub(u, (int32_t)slen + 1, &ulen, s, (int32_t)slen, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		goto out;
	nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		goto out;
	nlen = unorm2_normalize(nfkc, u, ulen, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto out;
	st = U_ZERO_ERROR;
	nu = xreallocarray(NULL, (size_t)nlen + 1, sizeof(UChar));
	unorm2_normalize(nfkc, u, ulen, nu, nlen + 1, &st);
	if (U_FAILURE(st))
		goto out;
	t->cp = xreallocarray(NULL, (size_t)nlen + 1, sizeof(int));
	for (i = 0; i < nlen;) {
		UChar32 c;

		U16_NEXT(nu, i, nlen, c);
		if (match_keep(c))
			t->cp[t->n++] = (int)u_tolower(c);
	}
out:
	free(u);
	free(nu);
}

void
match_title_fini(struct match_title *t)
{
	free(t->cp);
	t->cp = NULL;
	t->n = 0;
}

char *
match_title_norm(const char *s)
{
	struct match_title t;
	struct buf b = BUF_INIT;

	match_title_init(&t, s);
	for (size_t i = 0; i < t.n; i++) {
		char tmp[4];
		int32_t k = 0;
		UBool err = 0;

		U8_APPEND((uint8_t *)tmp, k, 4, t.cp[i], err);
		if (!err)
			buf_add(&b, tmp, (size_t)k);
	}
	match_title_fini(&t);
	return buf_detach(&b, NULL);
}

static int
match_cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* grams: bigrams (or the unigram of a one-character title) as sorted keys */
static size_t
match_grams(uint64_t **out, const struct match_title *t)
{
	size_t n = t->n > 1 ? t->n - 1 : t->n;
	uint64_t *g = xreallocarray(NULL, n ? n : 1, sizeof(*g));

	if (t->n == 1)
		g[0] = (uint64_t)(uint32_t)t->cp[0];
	for (size_t i = 0; t->n > 1 && i + 1 < t->n; i++)
		g[i] = ((uint64_t)(uint32_t)t->cp[i] << 32) | (uint32_t)t->cp[i + 1];
	util_sort(g, n, sizeof(*g), match_cmp_u64);
	*out = g;
	return n;
}

double
match_dice(const struct match_title *a, const struct match_title *b)
{
	uint64_t *ga, *gb;
	size_t na, nb, i = 0, j = 0, common = 0;

	if (a->n == 0 && b->n == 0)
		return 1.0;
	if (a->n == 0 || b->n == 0)
		return 0.0;
	na = match_grams(&ga, a);
	nb = match_grams(&gb, b);
	while (i < na && j < nb) {
		if (ga[i] == gb[j]) {
			common++;
			i++;
			j++;
		} else if (ga[i] < gb[j]) {
			i++;
		} else {
			j++;
		}
	}
	free(ga);
	free(gb);
	return 2.0 * (double)common / (double)(na + nb);
}

static bool
match_contains(const struct match_title *hay, const struct match_title *needle)
{
	if (needle->n == 0 || needle->n > hay->n)
		return false;
	for (size_t i = 0; i + needle->n <= hay->n; i++)
		if (memcmp(hay->cp + i, needle->cp, needle->n * sizeof(int)) == 0)
			return true;
	return false;
}

double
match_title_score(const struct match_title *a, const struct match_title *b)
{
	if (a->n == b->n && (a->n == 0 || memcmp(a->cp, b->cp, a->n * sizeof(int)) == 0))
		return 2.0;
	if (match_contains(a, b) || match_contains(b, a))
		return 1.0 + match_dice(a, b);
	return match_dice(a, b);
}

struct match_prep {
	char *key;
	char *path;
	struct match_title title;
};

struct match_cand {
	size_t a, b;
	double score;
};

static int
match_cmp_cand(const void *x, const void *y)
{
	const struct match_cand *p = x, *q = y;

	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static void
match_prep_init(struct match_prep *p, const struct match_item *it)
{
	p->key = match_url_key(it->url);
	p->path = match_url_path(it->url);
	match_title_init(&p->title, it->title);
}

static bool
match_same_code(const struct match_item *x, const struct match_item *y)
{
	return strcmp(x->code ? x->code : "", y->code ? y->code : "") == 0;
}

/* greedy: best score first, ties by order in the files */
static void
match_greedy(long *a_to_b, bool *b_used, struct match_cand *c, size_t nc)
{
	util_sort(c, nc, sizeof(*c), match_cmp_cand);
	for (size_t k = 0; k < nc; k++) {
		if (a_to_b[c[k].a] >= 0 || b_used[c[k].b])
			continue;
		a_to_b[c[k].a] = (long)c[k].b;
		b_used[c[k].b] = true;
	}
}

enum match_phase { PHASE_PAGE, PHASE_LONE, PHASE_PATH, PHASE_TITLE, PHASE_REST };

void
match_pairs(long *a_to_b, const struct match_item *a, size_t na,
	const struct match_item *b, size_t nb, unsigned flags)
{
	struct match_prep *pa = xreallocarray(NULL, na ? na : 1, sizeof(*pa));
	struct match_prep *pb = xreallocarray(NULL, nb ? nb : 1, sizeof(*pb));
	bool *b_used = xcalloc(nb ? nb : 1, sizeof(bool));
	struct match_cand *c = NULL;
	size_t nc = 0, cap = 0;

	for (size_t i = 0; i < na; i++) {
		a_to_b[i] = -1;
		match_prep_init(&pa[i], &a[i]);
	}
	for (size_t j = 0; j < nb; j++)
		match_prep_init(&pb[j], &b[j]);
	for (int phase = PHASE_PAGE; phase <= PHASE_REST; phase++) {
		if (phase == PHASE_LONE && !(flags & MATCH_LONE))
			continue;
		if ((phase == PHASE_PATH || phase == PHASE_TITLE) && !(flags & MATCH_MOVED))
			continue;
		if (phase == PHASE_REST && !(flags & MATCH_REST))
			continue;
		nc = 0;
		for (size_t i = 0; i < na; i++) {
			if (a_to_b[i] >= 0)
				continue;
			if (phase == PHASE_LONE) {
				size_t same = 0;

				for (size_t k = 0; k < na; k++)
					same += strcmp(pa[i].key, pa[k].key) == 0;
				if (same != 1)
					continue;
			}
			for (size_t j = 0; j < nb; j++) {
				bool same_page;
				double s;

				/* on one page the URL decides (docs/REPORT.md); across a
				 * host move only the same government's rows pair up */
				if (b_used[j] || ((phase == PHASE_PATH || phase == PHASE_TITLE) &&
				    !match_same_code(&a[i], &b[j])))
					continue;
				same_page = strcmp(pa[i].key, pb[j].key) == 0;
				if ((phase == PHASE_PAGE || phase == PHASE_LONE || phase == PHASE_REST) &&
				    !same_page)
					continue;
				if (phase == PHASE_PATH &&
				    (same_page || strcmp(pa[i].path, pb[j].path) != 0))
					continue;
				s = match_title_score(&pa[i].title, &pb[j].title);
				if (phase == PHASE_TITLE && s < 2.0)
					continue;
				if (phase != PHASE_LONE && phase != PHASE_REST && s < MATCH_DICE_STRONG)
					continue;
				if (nc == cap) {
					cap = cap ? cap * 2 : 64;
					c = xreallocarray(c, cap, sizeof(*c));
				}
				c[nc].a = i;
				c[nc].b = j;
				c[nc].score = s;
				nc++;
			}
		}
		match_greedy(a_to_b, b_used, c, nc);
	}
	for (size_t i = 0; i < na; i++) {
		free(pa[i].key);
		free(pa[i].path);
		match_title_fini(&pa[i].title);
	}
	for (size_t j = 0; j < nb; j++) {
		free(pb[j].key);
		free(pb[j].path);
		match_title_fini(&pb[j].title);
	}
	free(pa);
	free(pb);
	free(b_used);
	free(c);
}
