/*
 * eval: scores predicted programs against gold programs (docs/CRITERIA.md,
 * `muniscan eval`; the matching rules are in docs/REPORT.md).
 *
 * Programs: precision, recall and F1 of matched rows.  Types: each program
 * carries a set of type labels; over matched pairs, missed gold programs and
 * spurious predictions, a label on both sides is a true positive, on the
 * prediction only a false positive, on the gold only a false negative
 * (per type, and micro-averaged over the three types).  Criteria: accuracy
 * over matched pairs; riss_fit is recomputed from each row's four criteria
 * (progs_riss_fit), never read from its cell, which a hand edit leaves
 * stale.  Titles: over matched pairs, equal after normalisation
 * (match_title_norm: NFKC, spaces, brackets and other symbols removed).
 * A gold file may be a reviewed programs.csv: its `wrong` rows are not gold
 * programs, its `missing` rows are.
 */
#ifndef MUNISCAN_EVAL_H
#define MUNISCAN_EVAL_H

#include <stddef.h>
#include <stdio.h>

#include "progs.h"

struct eval_prf {
	size_t tp, fp, fn;
	double precision, recall, f1;
};

struct eval_result {
	struct eval_prf programs;
	struct eval_prf types[PROGRAM_NTYPES];
	struct eval_prf types_micro;
	size_t criterion_ok[PROGS_NCRITERIA];
	size_t matched;                      /* pairs the criteria are judged on */
	double criterion_acc[PROGS_NCRITERIA];
	double criteria_acc;                 /* mean of criterion_acc */
	size_t title_ok;                     /* matched pairs with equal titles */
	double title_acc;                    /* title_ok / matched, 0 if none */
	size_t fit_stale_gold, fit_stale_pred; /* rows whose riss_fit cell is not
	                                        * what their criteria give */
	size_t gold_ignored;                 /* review=wrong rows of the gold */
	/* the government-level answer: which types each government (a
	 * municipality_code in either file) offers, gold against predicted */
	size_t governments;                  /* codes seen (rows without a code left out) */
	size_t gov_cells_ok;                 /* government x type cells that agree */
	size_t gov_exact;                    /* governments with all three right */
	struct eval_prf gov_types[PROGRAM_NTYPES];
	double gov_type_acc;                 /* gov_cells_ok / (3 x governments) */
	size_t pred_no_code;                 /* predicted rows without a code */
};

/* eval_progs: compares; when report is not NULL prints the scores, the
 * disagreements and, last, the `eval: ...` line.  Never fails. */
void eval_progs(struct eval_result *out, const struct progs *gold,
	const struct progs *pred, FILE *report);
/* eval_files: reads both files (progs_read_csv) and runs eval_progs. */
int eval_files(struct eval_result *out, const char *gold_csv,
	const char *pred_csv, FILE *report);

#endif
