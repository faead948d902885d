/*
 * progs: program rows as in programs.csv, read from a CSV file (a run's
 * programs.csv, a gold table, a reviewed file) or from a run's database.
 *
 * Reading a CSV goes through core/csv.h (BOM, cp932, formula guard) and then
 * tidies what people edit by hand: codes re-padded (11002 -> 011002), cells
 * trimmed, the enumerated columns lower-cased, types put in canonical order
 * (expert_dispatch;consultation_desk;workstyle_reform).  A missing required
 * column or a bad code or type is MS_EINVAL naming the file (and line).
 */
#ifndef MUNISCAN_PROGS_H
#define MUNISCAN_PROGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"

struct store;

/* programs.csv and municipalities.csv end with this column (added after
 * the docs/CRITERIA.md columns): the government's prefecture.  Readers take it
 * when present and do not require it. */
#define PROGS_PREFECTURE "prefecture"

/* programs.csv ends with this column, after prefecture: the review state
 * carried by `classify --review` (review.h): empty (unchecked), ok,
 * corrected or missing.  A reviewer fills the same column (ok, wrong,
 * missing), so the file is its own review form. */
#define PROGS_REVIEW "review"

/* SQL for the prefecture of a municipalities row aliased m: the seed's
 * prefecture; when the seed leaves it empty, a prefecture's own name, else
 * the name of the prefecture seed whose code has the same first two digits
 * (the prefecture number of JIS X 0401), else ''. */
#define PROGS_PREFECTURE_SQL \
	"COALESCE(NULLIF(m.prefecture, ''),"                                       \
	" CASE WHEN ';' || m.category || ';' LIKE '%;pref;%' THEN m.name END,"     \
	" (SELECT pm.name FROM municipalities pm"                                  \
	"   WHERE substr(pm.code, 1, 2) = substr(m.code, 1, 2)"                    \
	"   AND ';' || pm.category || ';' LIKE '%;pref;%' ORDER BY pm.code LIMIT 1)," \
	" '')"

/* The criteria compared by eval and carried by review, in report order. */
#define PROGS_NCRITERIA 6
extern const enum prog_col progs_criteria[PROGS_NCRITERIA];

struct prog {
	char *col[PC_NCOLS]; /* never NULL ("" when absent) */
	char *review;        /* "" unless the file has a review column */
	char *prefecture;    /* the prefecture column, "" when absent */
	unsigned types;      /* mask of program_types */
	struct program_evidences ev; /* from a store: the classifier's evidence
				      * items (none for a reviewer's row) */
	size_t line;         /* line in the CSV file, 0 from a store */
	int64_t id;          /* programs.id from a store, 0 from a CSV file */
};

struct progs {
	struct prog *v;
	size_t n;
	char *name;          /* the file, or the database file */
	bool has_review;     /* the CSV has a review column */
};

/* progs_read_csv: reads path; caller frees with progs_free(). */
int progs_read_csv(struct progs **out, const char *path);
/* progs_from_store: every program of the store, ordered by
 * municipality_code, url, program (the programs.csv order), with its
 * evidence items (a folder from before the evidence table has none). */
int progs_from_store(struct progs **out, struct store *st);
void progs_free(struct progs *p);

/* progs_riss_fit: how many of the four criteria hold (docs/CRITERIA.md): A
 * it_security=yes, B expert_registry=yes, C cost free or partial, D
 * continuity multiple (program_riss_fit); 0 to 4, whatever the row's
 * riss_fit cell says. */
int progs_riss_fit(const struct prog *r);


#endif
