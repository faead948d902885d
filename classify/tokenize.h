/*
 * tokenize: Japanese text to tokens with MeCab (IPADIC).
 *
 * One tok_model is loaded per process (system dictionary pinned with -d,
 * the rc file pinned to /dev/null so /etc/mecabrc is never read, plus the
 * project's user dictionary of domain compounds when one is found) and
 * shared by every thread; each thread owns one tokenizer (a MeCab tagger and
 * lattice), because mecab_parse_lattice is not safe on a shared lattice.
 *
 * Input should already be normalised (NFKC, see extract/norm.h): IPADIC does
 * not know half-width katakana.  Tokens carry byte offsets into the input,
 * so callers can map a match back to the page through norm_orig().
 * Newlines are not tokens; the first token after one is flagged TOK_BOL.
 */
#ifndef MUNISCAN_TOKENIZE_H
#define MUNISCAN_TOKENIZE_H

#include <stddef.h>

struct tok_model;
struct tokenizer;

enum tok_flags {
	TOK_NUMBER = 1 << 0, /* 名詞,数: digits or kanji numerals */
	TOK_PERIOD = 1 << 1, /* ends a clause: 。！？ and the like (記号,句点) */
	TOK_COMMA = 1 << 2,  /* 記号,読点 */
	TOK_BOL = 1 << 3,    /* first token of a line */
	TOK_SYMBOL = 1 << 4, /* any 記号 */
	TOK_PARTICLE = 1 << 5, /* 助詞 */
	TOK_UNKNOWN = 1 << 6 /* not in the dictionaries */
};

struct token {
	size_t start, end;   /* byte range of the surface in the input */
	const char *base;    /* base form (IPADIC field 6, or the surface when
			      * the dictionary has none); not NUL-terminated */
	size_t base_len;
	const char *reading; /* katakana reading, or NULL */
	size_t reading_len;
	const char *pos;     /* part of speech and first subclass, e.g.
			      * "名詞,サ変接続"; not NUL-terminated */
	size_t pos_len;
	unsigned flags;
};

struct tok_model_opts {
	const char *dicdir;  /* system dictionary; NULL: tok_default_dicdir() */
	const char *userdic; /* compiled user dictionary, or NULL for none */
};

#define TOK_MODEL_OPTS_INIT { NULL, NULL }

/* tok_default_dicdir: $MUNISCAN_MECAB_DICDIR, else the UTF-8 IPADIC found
 * at build time (borrowed, static). */
const char *tok_default_dicdir(void);
/* tok_find_userdic: the compiled user dictionary for a data folder: dictdir
 * /user.dic, then dict/user.dic next to the running binary (a build
 * folder), then the build folder this library was configured in.  Returns
 * a path the caller frees, or NULL when there is none. */
char *tok_find_userdic(const char *dictdir);

/* tok_model_new: loads the dictionaries; caller frees with tok_model_free().
 * MS_ERROR with MeCab's message when a dictionary cannot be loaded. */
int tok_model_new(struct tok_model **out, const struct tok_model_opts *o);
void tok_model_free(struct tok_model *m);
/* tok_model_userdic: the user dictionary in use, or NULL (borrowed). */
const char *tok_model_userdic(const struct tok_model *m);

/* tokenizer_new: a tagger and lattice over a shared model, for one thread.
 * The model must outlive it.  Caller frees with tokenizer_free(). */
int tokenizer_new(struct tokenizer **out, struct tok_model *m);
void tokenizer_free(struct tokenizer *t);

/* tokenizer_run: tokenises text[0..len).  *toks_out is borrowed until the
 * next call on the same tokenizer; the tokens' base/pos/reading pointers
 * point into the dictionary or into text, which must stay alive as long as
 * the tokens are used. */
int tokenizer_run(struct tokenizer *t, const char *text, size_t len,
	const struct token **toks_out, size_t *n_out);

#endif
