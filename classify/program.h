/*
 * program: the program row, owned in one place.
 *
 * A program is what the classifier reports and what every later stage reads
 * back: the programs.csv columns in docs/CRITERIA.md order, the three type names
 * and the string forms of the criteria, the riss_fit count (docs/CRITERIA.md: how
 * many of the four criteria A-D hold), the page_sha256 recipe that tells a
 * later run whether a page's text changed, and the evidence: one item per
 * decision, naming the criterion, the rule row that matched, the passage it
 * matched in and where in the passage the match is.
 *
 * classify fills the rows (classify.h), classify-file and report write them
 * through program_csv_row / progs, review and eval read the same names back.
 */
#ifndef MUNISCAN_PROGRAM_H
#define MUNISCAN_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct csv_out;

/* The programs.csv columns, in docs/CRITERIA.md order. */
enum prog_col {
	PC_CODE, PC_MUNICIPALITY, PC_CATEGORY, PC_PROGRAM, PC_URL, PC_TYPES,
	PC_IT_SECURITY, PC_EXPERT_REGISTRY, PC_COST, PC_MAX_VISITS, PC_CONTINUITY,
	PC_RISS_FIT, PC_EVIDENCE, PC_PAGE_SHA256, PC_FETCHED_AT, PC_NCOLS
};

extern const char *const program_columns[PC_NCOLS];

/* The three types; bit i of a types mask is program_types[i]. */
enum classify_type {
	CLASSIFY_EXPERT_DISPATCH = 1 << 0,
	CLASSIFY_CONSULTATION_DESK = 1 << 1,
	CLASSIFY_WORKSTYLE_REFORM = 1 << 2
};

#define PROGRAM_NTYPES 3
#define PROGRAM_TYPES_ALL ((1u << PROGRAM_NTYPES) - 1)
extern const char *const program_types[PROGRAM_NTYPES];

enum classify_cost { COST_UNKNOWN = 0, COST_FREE, COST_PARTIAL, COST_PAID };
enum classify_continuity { CONT_UNKNOWN = 0, CONT_SINGLE, CONT_MULTIPLE };

/* program_types_format: the canonical types cell of a mask ("" for none;
 * out holds at least 64 bytes). */
void program_types_format(char out[64], unsigned mask);
/* program_types_parse: the mask of a types cell (';', ',', '|' or blank
 * separated); MS_EINVAL for an unknown type (the message names the type,
 * not the file: callers add where it was). */
int program_types_parse(unsigned *out, const char *cell);
const char *program_cost_str(enum classify_cost c);
const char *program_continuity_str(enum classify_continuity c);

/* program_riss_fit: how many of the four criteria hold: A IT security, B
 * an expert registry, C free or partly paid, D more than one visit. */
int program_riss_fit(bool it_security, bool expert_registry, enum classify_cost cost,
	enum classify_continuity continuity);

/* program_page_sha256: the page_sha256 of a page whose main text is
 * main_text (NULL as ""): SHA-256 of the normalised text, so that markup,
 * width and spacing changes do not count as a changed page. */
void program_page_sha256(char out[65], const char *main_text);

/* ---- evidence ---- */

/* The longest passage quoted for one decision, and the longest evidence
 * cell of programs.csv, in characters. */
#define PROGRAM_PASSAGE_CHARS 120
#define PROGRAM_EVIDENCE_CELL_CHARS 1000

/* One decision and what it rests on. */
struct program_evidence {
	const char *criterion; /* a type name or a criterion column (static) */
	char *rule;            /* the rule row: its id, else "file:line" */
	char *passage;         /* the sentence as written, newlines as blanks,
				* '|' as '｜', cuts marked with … */
	size_t hit_start;      /* the matched words: bytes [hit_start, hit_end) */
	size_t hit_end;        /* of passage */
};

struct program_evidences {
	struct program_evidence *v;
	size_t n;
};

#define PROGRAM_EVIDENCES_INIT { NULL, 0 }

/* program_criterion: the static name for a criterion read back (a type
 * name or a column of program_columns), NULL when name is neither. */
const char *program_criterion(const char *name);
/* program_evidence_add: appends a copy of the item (criterion stays
 * borrowed; rule and passage are copied). */
void program_evidence_add(struct program_evidences *e, const char *criterion, const char *rule,
	const char *passage, size_t hit_start, size_t hit_end);
void program_evidences_copy(struct program_evidences *dst, const struct program_evidences *src);
void program_evidences_free(struct program_evidences *e);
/* program_evidence_cell: the programs.csv evidence cell, "criterion:
 * passage | criterion: passage", items in order, an item left out when it
 * would take the cell past PROGRAM_EVIDENCE_CELL_CHARS (caller frees). */
char *program_evidence_cell(const struct program_evidences *e);

/* ---- the row ---- */

/* One program as the classifier reports it. */
struct classify_program {
	char *municipality_code; /* "" when unknown */
	char *program;           /* title as the page gives it */
	char *url;
	unsigned types;          /* enum classify_type bits */
	bool it_security;
	bool expert_registry;
	enum classify_cost cost;
	int max_visits;          /* 0: none given */
	enum classify_continuity continuity;
	int riss_fit;
	struct program_evidences evidence; /* one item per decision, in cell order */
	char page_sha256[65];
	char *fetched_at;
	char *extra_urls;        /* other pages describing it, space-separated */
	/* for merging one program described on several pages */
	bool whole_page;         /* the program is the page's subject */
	char **links;            /* links of the program's sections (resolved) */
	size_t nlinks;
	int64_t page_id;         /* store pages.id, or the file index */
};

struct classify_programs {
	struct classify_program *v;
	size_t n, cap;
};

#define CLASSIFY_PROGRAMS_INIT { NULL, 0, 0 }

/* classify_program_copy: a deep copy of s into d. */
void classify_program_copy(struct classify_program *d, const struct classify_program *s);
void classify_program_clear(struct classify_program *p);
void classify_programs_free(struct classify_programs *p);

/* The programs.csv cells of a row, as written to the CSV and the store. */
struct program_cells {
	char *v[PC_NCOLS];
};

/* program_cells_of: p's cells; municipality and category (which the row
 * does not hold) may be NULL for "".  Free with program_cells_free(). */
void program_cells_of(struct program_cells *out, const struct classify_program *p,
	const char *municipality, const char *category);
void program_cells_free(struct program_cells *c);

/* program_csv_header / program_csv_row: a programs.csv header or row: the
 * PC_NCOLS columns, then the nextra trailing ones (prefecture, review). */
void program_csv_header(struct csv_out *c, const char *const *extra, size_t nextra);
void program_csv_row(struct csv_out *c, char *const cells[PC_NCOLS], const char *const *extra,
	size_t nextra);

#endif
