/*
 * extract: from a stored page (HTML already in UTF-8, or PDF bytes) to the
 * page title, its main content without the site template, split into
 * sections, each with its links and its byte range in the page.
 *
 * The text kept in a section is the page's text as written (original UTF-8),
 * lines joined with '\n', inline text joined without separators (Japanese has
 * no spaces).  Normalised forms for matching come from norm.h, which keeps an
 * offset map back to this original text so evidence can quote the page.
 *
 * Cost is bounded: input size and nesting depth are capped before gumbo sees
 * the page; a pathological page yields MS_ELIMIT or MS_EINVAL with a message,
 * never a crash or a hang.  Time and memory grow linearly with the page, and
 * the work per page is capped (tags parsed, memory of the parse tree,
 * sections, bytes of kept text): a page over a cap is cut, what is kept (its
 * start) is extracted as usual, and the page says so (too_large).
 */
#ifndef MUNISCAN_EXTRACT_H
#define MUNISCAN_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

struct extract_link {
	char *href;  /* resolved against the page URL when one is given */
	char *text;  /* anchor text (original, whitespace collapsed) */
	bool in_main; /* inside the main content */
};

enum extract_section_kind {
	EXTRACT_INTRO = 0,   /* text before the first heading */
	EXTRACT_HEADING = 1, /* h1-h6 or a bold line acting as a heading */
	EXTRACT_ITEM = 2,    /* list item / table row / marker line ((1), 1., ①, ●, ■) */
	EXTRACT_PDF_PAGE = 3 /* one page of a PDF */
};

struct extract_section {
	enum extract_section_kind kind;
	int level;          /* 1-6 for headings (bold lines: 6), depth of nesting for items */
	char *heading;      /* heading or item title as written, without list marker; may be "" */
	char *text;         /* body text as written, lines joined with '\n' */
	struct extract_link *links;
	size_t nlinks;
	size_t byte_start;  /* range of the section in the UTF-8 page */
	size_t byte_end;
	int parent;         /* index of the enclosing heading section, or -1 */
};

struct extract_page {
	char *url;          /* as given in the options, or "" */
	char *title;        /* chosen title (title minus site suffix, h1, og:title) */
	bool is_pdf;
	char *main_text;    /* all kept text, sections in order, as written */
	struct extract_section *sections;
	size_t nsections;
	struct extract_link *links; /* every link in the document, template included (for the crawler) */
	size_t nlinks;
	char *charset;      /* for extract_bytes(): the decision, e.g. "windows-31j" */
	char *charset_reason; /* "http-header", "bom", "meta", "detected", "meta-lied:..." */
	bool too_large;     /* a work cap cut the page: only its start was extracted */
	const char *too_large_cap; /* the cap that cut it: "tags", "tree", "sections",
			      * "text" (static); NULL when the page is whole */
};

/* The default work caps.  The largest of 600 real municipal pages has
 * 2,700 tags, 170 sections and 48 KB of kept text; a 5 MiB page at the caps
 * extracts and classifies in under 64 MB. */
#define EXTRACT_MAX_TAGS 50000
#define EXTRACT_MAX_TREE (24u * 1024 * 1024)
#define EXTRACT_MAX_SECTIONS 5000
#define EXTRACT_MAX_TEXT (512u * 1024)

struct extract_opts {
	const char *url;          /* page URL for resolving links; may be NULL */
	const char *content_type; /* HTTP Content-Type, may be NULL */
	size_t max_bytes;         /* 0: default cap (8 MiB of HTML) */
	int max_depth;            /* 0: default nesting cap (400) */
	bool no_page_links;       /* leave page->links empty (sections keep theirs) */
	/* work caps, 0: the default; past one the page is cut (too_large) */
	size_t max_tags;          /* start and end tags given to the parser */
	size_t max_tree;          /* bytes the parse tree may hold */
	size_t max_sections;      /* sections kept */
	size_t max_text;          /* bytes of text kept (headings and bodies) */
};

#define EXTRACT_OPTS_INIT { NULL, NULL, 0, 0, false, 0, 0, 0, 0 }

/* extract_html: html must be UTF-8.  Caller frees with extract_page_free(). */
int extract_html(struct extract_page **out, const char *html, size_t len,
	const struct extract_opts *opts);
/* extract_pdf: text of a PDF through pdftotext (time and memory limited),
 * one section per page, headings where the layout shows them.  A damaged
 * PDF is MS_EINVAL naming the URL or "pdf". */
int extract_pdf(struct extract_page **out, const char *data, size_t len,
	const struct extract_opts *opts);
/* extract_bytes: any encoding; decides HTML or PDF (Content-Type, magic),
 * decodes HTML with charset.h, then extracts. */
int extract_bytes(struct extract_page **out, const char *data, size_t len,
	const struct extract_opts *opts);
void extract_page_free(struct extract_page *page);

/* extract_number_len: bytes of a number that heads a line or heading as
 * its own numbering — a list marker ((1), 1., ①, ●) or a number and a
 * blank before text (１ 相談窓口), blanks after it included; 0 when s
 * starts with none, or with nothing after it. */
size_t extract_number_len(const char *s, size_t len);

/* extract_config_load: reads DIR/extract.tsv, the words that tell a page's
 * text from the site template (docs/EXTRACT.md); dict_dir NULL: the data
 * folder of paths_dict().  Optional: the first extraction loads the default
 * by itself.  Call it before extracting from several threads, not while
 * they run.  A missing or malformed file is MS_EINVAL naming file:line, and
 * every extraction fails with that message until a load succeeds. */
int extract_config_load(const char *dict_dir);

#endif
