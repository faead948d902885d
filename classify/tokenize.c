/*
 * tokenize: the MeCab wrapper (see tokenize.h).  No MeCab type leaves this
 * file.
 */
#include "tokenize.h"

#include <limits.h>
#include <mecab.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "paths.h"
#include "util.h"
#include "xalloc.h"

#ifndef MUNISCAN_IPADIC_DIR
#define MUNISCAN_IPADIC_DIR MUNISCAN_MECAB_DICDIR
#endif

/* A line longer than this is cut (on a code point boundary) before MeCab
 * sees it: the lattice grows with the sentence and nothing we match spans
 * that far. */
/* MeCab's cost grows with the square of an unbroken run of unknown
 * characters (a long line of ASCII letters took 16 s per MB at 16 KiB), so
 * long lines go to it in pieces of at most this size, cut where a word
 * cannot continue when possible */
#define TOK_MAX_CHUNK ((size_t)2 << 10)

struct tok_model {
	mecab_model_t *model;
	char *userdic;
};

/* what a token takes from its feature string, cached by the string's
 * address: MeCab points node->feature into the loaded dictionaries (system,
 * unknown-word and user), which stay put for the model's lifetime, and the
 * same few thousand words make most of any text */
struct tok_feat {
	const char *feature; /* key, NULL for an empty slot */
	unsigned pos_len;
	int base_off, reading_off; /* offsets into feature, -1 for none */
	unsigned base_len, reading_len;
	unsigned flags;      /* part-of-speech flags */
};

#define TOK_FCACHE 4096 /* slots, a power of two */

struct tokenizer {
	mecab_t *tagger;
	mecab_lattice_t *lattice;
	struct token *v;
	size_t n, cap;
	struct tok_feat *fcache;
};

const char *
tok_default_dicdir(void)
{
	const char *env = getenv("MUNISCAN_MECAB_DICDIR");

	if (env && *env)
		return env;
	return MUNISCAN_IPADIC_DIR;
}

char *
tok_find_userdic(const char *dictdir)
{
	const char *env = getenv("MUNISCAN_USERDIC");
	char *p = NULL, *exe = NULL;

	if (env && *env)
		return util_is_file(env) ? xstrdup(env) : NULL;
	if (dictdir) {
		p = util_path_join(dictdir, "user.dic");
		if (util_is_file(p))
			return p;
		free(p);
	}
	/* a build folder: the binary sits at its top, user.dic in dict/ */
	if ((exe = paths_exe_dir()) != NULL) {
		p = xasprintf("%s/dict/user.dic", exe);
		free(exe);
		if (util_is_file(p))
			return p;
		free(p);
	}
#ifdef MUNISCAN_BUILD_USERDIC
	if (util_is_file(MUNISCAN_BUILD_USERDIC))
		return xstrdup(MUNISCAN_BUILD_USERDIC);
#endif
	return NULL;
}

int
tok_model_new(struct tok_model **out, const struct tok_model_opts *o)
{
	struct tok_model *m = NULL;
	const char *dicdir = o && o->dicdir ? o->dicdir : tok_default_dicdir();
	char *argv[8];
	int argc = 0, rc = 0;

	*out = NULL;
	/* argv, not mecab_model_new2(): a path with a space must survive */
	argv[argc++] = (char *)"mecab";
	argv[argc++] = (char *)"-r";
	argv[argc++] = (char *)"/dev/null";
	argv[argc++] = (char *)"-d";
	argv[argc++] = (char *)dicdir;
	if (o && o->userdic) {
		argv[argc++] = (char *)"-u";
		argv[argc++] = (char *)o->userdic;
	}
	argv[argc] = NULL;
	m = xcalloc(1, sizeof(*m));
	if ((m->model = mecab_model_new(argc, argv)) == NULL) {
		const char *e = mecab_strerror(NULL);

		rc = err_set(MS_ERROR, "%s: cannot load the mecab dictionary%s%s: %s",
		    dicdir, o && o->userdic ? " with " : "",
		    o && o->userdic ? o->userdic : "", e ? e : "unknown error");
		goto out;
	}
	if (o && o->userdic)
		m->userdic = xstrdup(o->userdic);
	*out = m;
	m = NULL;
out:
	tok_model_free(m);
	return rc;
}

void
tok_model_free(struct tok_model *m)
{
	if (!m)
		return;
	if (m->model)
		mecab_model_destroy(m->model);
	free(m->userdic);
	free(m);
}

const char *
tok_model_userdic(const struct tok_model *m)
{
	return m->userdic;
}

int
tokenizer_new(struct tokenizer **out, struct tok_model *m)
{
	struct tokenizer *t = xcalloc(1, sizeof(*t));
	int rc = 0;

	*out = NULL;
	t->fcache = xcalloc(TOK_FCACHE, sizeof(*t->fcache));
	t->tagger = mecab_model_new_tagger(m->model);
	t->lattice = mecab_model_new_lattice(m->model);
	if (!t->tagger || !t->lattice) {
		const char *e = mecab_strerror(NULL);

		rc = err_set(MS_ERROR, "mecab: cannot create a tagger: %s", e ? e : "unknown error");
		goto out;
	}
	*out = t;
	t = NULL;
out:
	tokenizer_free(t);
	return rc;
}

void
tokenizer_free(struct tokenizer *t)
{
	if (!t)
		return;
	if (t->lattice)
		mecab_lattice_destroy(t->lattice);
	if (t->tagger)
		mecab_destroy(t->tagger);
	free(t->v);
	free(t->fcache);
	free(t);
}

/* tok_fields: the starts of fields 0..8 of an IPADIC feature string
 * (品詞,細分類1,細分類2,細分類3,活用型,活用形,原形,読み,発音) in at[], found
 * with strchr (vectorised) once per comma; missing fields start at the
 * string's end (empty).  at[9] is the end of field 8's comma-free part, only
 * as far as the reading needs: the tokenizer never looks past field 7.  This
 * runs for every token of every page, so no strlen and no walk per field. */
#define TOK_NFIELDS 9

static void
tok_fields(const char *f, const char *at[TOK_NFIELDS + 1])
{
	const char *p = f;
	int n = 1;

	at[0] = f;
	while (n < TOK_NFIELDS && (p = strchr(p, ',')) != NULL)
		at[n++] = ++p;
	if (n < TOK_NFIELDS) { /* fewer fields (unknown words): the rest empty */
		const char *e = at[n - 1] + strlen(at[n - 1]);

		while (n <= TOK_NFIELDS)
			at[n++] = e;
		return;
	}
	at[TOK_NFIELDS] = at[TOK_NFIELDS - 1];
}

/* tok_flen: length of field i (i < 8) without its trailing comma */
static size_t
tok_flen(const char *const at[TOK_NFIELDS + 1], int i)
{
	const char *e = at[i + 1];

	if (e > at[i] && e[-1] == ',')
		e--;
	return (size_t)(e - at[i]);
}

/* TOK_STARTS: the feature string starts with a literal (NUL-safe) */
#define TOK_STARTS(f, lit) (strncmp((f), (lit), sizeof(lit) - 1) == 0)

/* tok_feat_parse: the fields the tokenizer uses, from one feature string */
static void
tok_feat_parse(struct tok_feat *e, const char *f)
{
	const char *at[TOK_NFIELDS + 1];
	size_t xl;

	memset(e, 0, sizeof(*e));
	e->feature = f;
	tok_fields(f, at);
	/* part of speech and first subclass */
	e->pos_len = (unsigned)(at[1] + tok_flen(at, 1) - f);
	e->base_off = e->reading_off = -1;
	if ((xl = tok_flen(at, 6)) > 0 && !(xl == 1 && *at[6] == '*')) {
		e->base_off = (int)(at[6] - f);
		e->base_len = (unsigned)xl;
	}
	if ((xl = tok_flen(at, 7)) > 0 && !(xl == 1 && *at[7] == '*')) {
		e->reading_off = (int)(at[7] - f);
		e->reading_len = (unsigned)xl;
	}
	if (TOK_STARTS(f, "名詞,数"))
		e->flags |= TOK_NUMBER;
	else if (TOK_STARTS(f, "記号")) {
		e->flags |= TOK_SYMBOL;
		if (TOK_STARTS(f, "記号,句点"))
			e->flags |= TOK_PERIOD;
		else if (TOK_STARTS(f, "記号,読点"))
			e->flags |= TOK_COMMA;
	} else if (TOK_STARTS(f, "助詞"))
		e->flags |= TOK_PARTICLE;
}

static void
tok_push(struct tokenizer *t, const mecab_node_t *node, const char *text,
	size_t offset, bool bol)
{
	struct token *k;
	const char *f = node->feature ? node->feature : "";
	struct tok_feat *e = &t->fcache[((uintptr_t)f >> 3) & (TOK_FCACHE - 1)];

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	if (e->feature != f)
		tok_feat_parse(e, f);
	k = &t->v[t->n++];
	memset(k, 0, sizeof(*k));
	k->start = offset + (size_t)(node->surface - text);
	k->end = k->start + node->length;
	k->pos = f;
	k->pos_len = e->pos_len;
	k->base = node->surface;
	k->base_len = node->length;
	if (e->base_off >= 0) {
		k->base = f + e->base_off;
		k->base_len = e->base_len;
	}
	if (e->reading_off >= 0) {
		k->reading = f + e->reading_off;
		k->reading_len = e->reading_len;
	}
	k->flags = e->flags;
	if (bol)
		k->flags |= TOK_BOL;
	if (node->stat == MECAB_UNK_NODE)
		k->flags |= TOK_UNKNOWN;
	if ((k->flags & TOK_SYMBOL) && !(k->flags & (TOK_PERIOD | TOK_COMMA)) &&
	    node->length == 1 && (*node->surface == '!' || *node->surface == '?'))
		k->flags |= TOK_PERIOD;
	/* digits after NFKC are ASCII; MeCab may call them unknown nouns */
	if (!(k->flags & TOK_NUMBER) && node->length > 0) {
		size_t i;

		for (i = 0; i < node->length; i++)
			if (node->surface[i] < '0' || node->surface[i] > '9')
				break;
		if (i == node->length)
			k->flags |= TOK_NUMBER;
	}
}

static int
tok_chunk(struct tokenizer *t, const char *text, size_t len, size_t offset, bool bol)
{
	const mecab_node_t *node;
	const char *base;

	mecab_lattice_set_sentence2(t->lattice, text, len);
	if (!mecab_parse_lattice(t->tagger, t->lattice)) {
		const char *e = mecab_lattice_strerror(t->lattice);

		return err_set(MS_ERROR, "mecab: %s", e && *e ? e : "parse failed");
	}
	/* surfaces point into the lattice's sentence, which may be a copy */
	base = mecab_lattice_get_sentence(t->lattice);
	for (node = mecab_lattice_get_bos_node(t->lattice); node; node = node->next) {
		if (node->stat != MECAB_NOR_NODE && node->stat != MECAB_UNK_NODE)
			continue;
		if (node->length == 0)
			continue;
		tok_push(t, node, base, offset, bol);
		bol = false;
	}
	return 0;
}

/* tok_cut: the length of the next piece of a line longer than
 * TOK_MAX_CHUNK: after the last space, 、 or 。 in its final quarter, else
 * at a code point boundary. */
static size_t
tok_cut(const char *s, size_t len)
{
	size_t max = util_utf8_prefix(s, len, TOK_MAX_CHUNK), i;

	for (i = max; i > max - max / 4; i--) {
		if (s[i - 1] == ' ')
			return i;
		if (i >= 3 && (memcmp(s + i - 3, "\xe3\x80\x81", 3) == 0 ||
		    memcmp(s + i - 3, "\xe3\x80\x82", 3) == 0))
			return i;
	}
	return max;
}

int
tokenizer_run(struct tokenizer *t, const char *text, size_t len,
	const struct token **toks_out, size_t *n_out)
{
	size_t pos = 0;
	int rc = 0;

	t->n = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		bool bol = true;

		while (pos < end) {
			size_t n = end - pos;

			if (n > TOK_MAX_CHUNK)
				n = tok_cut(text + pos, end - pos);
			if (n == 0) /* not UTF-8 at all: skip a byte rather than loop */
				n = 1;
			if ((rc = tok_chunk(t, text + pos, n, pos, bol)) < 0)
				goto out;
			bol = false;
			pos += n;
		}
		pos = end + 1;
	}
out:
	*toks_out = t->v;
	*n_out = rc < 0 ? 0 : t->n;
	return rc;
}
