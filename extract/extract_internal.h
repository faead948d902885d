/*
 * extract_internal: what the HTML and PDF halves of extract share.
 *
 * Both turn a document into a flat list of lines (text as written, a byte
 * range, and what the line is: text, heading, start or end of an item),
 * plus the links met on those lines.  ex_build_sections() then cuts the
 * lines into sections the same way for both, so the rules for headings,
 * items and parents live in one place.
 *
 * Each block below names the file that defines it.  Dependencies point
 * one way: extract.c -> html.c, pdf.c -> lines.c -> text.c ->
 * extract_dict.c; html.c also uses html_prep.c and arena.c, and its
 * gumbo-level parts share html_internal.h.
 */
#ifndef MUNISCAN_EXTRACT_INTERNAL_H
#define MUNISCAN_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"

enum ex_kind {
	EXL_TEXT = 0,
	EXL_HEADING,  /* a heading line; level 1-6 */
	EXL_ITEM,     /* first line of a list item / table row */
	EXL_ITEMEND,  /* the item that the last EXL_ITEM opened ends here (no text) */
	EXL_PAGE      /* a PDF page starts here (no text); level = page number */
};

struct ex_line {
	char *text;       /* owned, NUL-terminated, trimmed */
	size_t len;
	size_t start, end; /* byte range in the source */
	enum ex_kind kind;
	int level;
	size_t head_len;  /* EXL_ITEM: bytes of text forming its title (0: all) */
	bool in_item;     /* inside an li/tr item: markers do not open items */
};

struct ex_lines {
	struct ex_line *v;
	size_t n, cap;
	struct extract_link *links; /* links met on the lines, in order */
	size_t *link_line;          /* line index of each link */
	size_t nlinks, links_cap;
};

/* ---- lines, sections and pages (lines.c) ---- */

void ex_lines_free(struct ex_lines *l);
/* ex_lines_push: takes ownership of text. */
struct ex_line *ex_lines_push(struct ex_lines *l, char *text, size_t len,
	size_t start, size_t end, enum ex_kind kind, int level);
void ex_lines_add_link(struct ex_lines *l, size_t line, char *href, char *text);

/* ex_build_sections: fills page->sections and page->main_text from the
 * lines (consumed: texts are moved out). */
int ex_build_sections(struct extract_page *page, struct ex_lines *lines);
/* ex_build_sections_capped: the same under the work caps of opts (NULL:
 * the defaults): past max_sections sections or max_text bytes of text the
 * rest of the lines is left out, and page->too_large says so. */
int ex_build_sections_capped(struct extract_page *page, struct ex_lines *lines,
	const struct extract_opts *opts);

/* ex_err: err_set() with the page URL in front when there is one. */
int ex_err(int code, const char *url, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ex_page_new: an empty page for opts->url (caller frees with
 * extract_page_free()). */
struct extract_page *ex_page_new(const struct extract_opts *opts);
void ex_links_free(struct extract_link *v, size_t n);

/* ---- text helpers (text.c) ---- */

/* ex_marker_len: bytes of a list marker ((1), 1., ①, ●, ■ ...) at the start
 * of s, blanks after it included; 0 when s does not start with one. */
size_t ex_marker_len(const char *s, size_t len);
/* ex_template_line: a line that belongs to the site template even inside
 * the main content (更新日, ページの先頭へ, Adobe Reader notices...). */
bool ex_template_line(const char *s, size_t len);
/* ex_template_heading: a heading that opens a template block (お問い合わせ,
 * このページは役に立ちましたか, アンケート) dropped with what follows it. */
bool ex_template_heading(const char *s, size_t len);
/* ex_title_clean: the title without its site-name parts (caller frees);
 * site_name may be NULL. */
char *ex_title_clean(const char *title, const char *site_name);
/* ex_site_name_like: a text that names the site, not the page. */
bool ex_site_name_like(const char *s);
/* ex_collapse: a copy with whitespace runs collapsed to one space and
 * trimmed (caller frees). */
char *ex_collapse(const char *s, size_t len);
/* ex_blank_len: bytes of ASCII or ideographic blanks (U+3000, U+00A0) at
 * the start of s[0..len). */
size_t ex_blank_len(const char *s, size_t len);

/* ---- word lists (extract_dict.c, from dict/extract.tsv) ---- */

enum ex_list {
	EXW_DROP_CLASS = 0,            /* class/id word: the block is template */
	EXW_DROP_CLASS_UNLESS_HEADING, /* same, unless the block holds a heading */
	EXW_DROP_CLASS_UNLESS_CONTENT, /* same, unless in the main content its text is not links */
	EXW_DROP_CLASS_PART,           /* part of a class/id value (lowercase) */
	EXW_MAIN_CONTAINER,            /* CMS content ids/classes, preferred first */
	EXW_SKIP_LINK,                 /* words of a skip link's text (本文へ) */
	EXW_EXTERNAL_LINK_CLASS,       /* span classes of ＜外部リンク＞ notes */
	EXW_TEMPLATE_LINE,             /* line prefixes dropped anywhere */
	EXW_TEMPLATE_NOTICE_NAME,      /* Adobe, Acrobat ... */
	EXW_TEMPLATE_NOTICE_WORD,      /* ... with Reader, ダウンロード */
	EXW_TEMPLATE_HEADING,          /* headings opening a template block */
	EXW_SITE_WORD,                 /* title parts naming the site */
	EXW_PLACE_SUFFIX,              /* 市 町 村: bare place names */
	EXW_TITLE_SEPARATOR,           /* in order of preference */
	EXW_LIST_MARKER,               /* bullets: ● ■ */
	EXW_PDF_HEADING_MARK,          /* 【 */
	EXW_NLISTS
};

struct ex_words {
	char **v;     /* NUL-terminated values in file order */
	size_t *len;  /* their byte lengths */
	size_t n;
	char **sorted; /* the same values in strcmp order */
};

/* ex_dict_ready: 0 when the word lists are loaded (loading the default
 * dict/extract.tsv on first use, thread-safe); MS_EINVAL naming file:line
 * otherwise, on this and every later call.  Every extraction calls it
 * before any of the helpers below. */
int ex_dict_ready(void);
/* ex_words: one list, borrowed for the life of the loaded lists. */
const struct ex_words *ex_words(enum ex_list which);
/* ex_words_prefix: bytes of the first value of the list that s starts
 * with, 0 when none. */
size_t ex_words_prefix(enum ex_list which, const char *s, size_t len);
/* ex_words_within: whether s[0..len) contains a value of the list. */
bool ex_words_within(enum ex_list which, const char *s, size_t len);
/* ex_words_has: whether s equals a value of the list. */
bool ex_words_has(enum ex_list which, const char *s);

/* ---- before parsing (html_prep.c) ---- */

/* Where a compact copy left bytes out: at[i] is an offset in the copy,
 * gone[i] how many bytes of the page were left out up to there. */
struct ex_prep_map {
	size_t *at, *gone;
	size_t n, cap;
};

/* ex_prep_compact: a copy of html without script and style bodies,
 * comments, runs of blanks between tags and attributes nothing reads
 * (NUL-terminated, caller frees), its length in *out_len and the way back
 * in *map.  Tags nested deeper than max_depth (and their end tags) are
 * blanks of the same length; *blanked counts them.  Apart from those
 * blanks the copy is a subsequence of html. */
char *ex_prep_compact(const char *html, size_t len, int max_depth, size_t *out_len,
	struct ex_prep_map *map, size_t *blanked);
/* ex_prep_compact_capped: the same, and the copy ends before the tag after
 * the first max_tags tags (start and end tags; 0: no cap), setting *cut.
 * The copy is then a subsequence of a prefix of html. */
char *ex_prep_compact_capped(const char *html, size_t len, int max_depth, size_t max_tags,
	size_t *out_len, struct ex_prep_map *map, size_t *blanked, bool *cut);
/* ex_prep_orig: the page offset of the copy's byte pos; ex_prep_orig_end:
 * of an end offset (one past a byte). */
size_t ex_prep_orig(const struct ex_prep_map *map, size_t pos);
size_t ex_prep_orig_end(const struct ex_prep_map *map, size_t end);
void ex_prep_map_free(struct ex_prep_map *map);
/* ex_prep_sanitize_utf8: each byte of an invalid sequence becomes '?' and
 * NUL a blank, so the length and every offset stay. */
void ex_prep_sanitize_utf8(char *s, size_t len);

/* ---- the parser's memory (arena.c) ---- */

#define EX_ARENA_MAX_SMALL 4096
/* Zero-initialise; pass ex_arena_alloc/ex_arena_free and the arena to
 * gumbo; ex_arena_done() releases everything (the parse tree included).
 * With limit set, an allocation that would make the arena hold more than
 * limit bytes calls over_limit first, which must not return (it longjmps
 * out of the parser: gumbo keeps nothing outside the arena). */
struct ex_arena {
	unsigned char *cur;      /* free tail of the newest chunk */
	size_t left;
	struct chunk *chunks;
	struct big *bigs;
	void *free_list[9];      /* per class: 16 << k bytes */
	size_t held;             /* bytes of chunks and large blocks held */
	size_t limit;            /* 0: none */
	void (*over_limit)(struct ex_arena *a);
	void *user;              /* for over_limit */
};

void *ex_arena_alloc(void *ud, size_t n);
void ex_arena_free(void *ud, void *ptr);
void ex_arena_done(struct ex_arena *a);

#endif
