/*
 * model: the weights that decide which candidate units are programs.
 *
 * The classifier turns each unit of a page that names a type into a set of
 * named binary features (its structure, the rule labels and rows that hit
 * its heading and text, the lemmas of its title, the gates the hand-written
 * rules would apply) and scores them with a logistic model: the unit is a
 * program when sigmoid(sum of the weights of its features) reaches the
 * model's threshold.  The weights are data (dict/model.tsv), learned by
 * `muniscan train` from labelled pages; docs/MODEL.md describes both.
 *
 * File format (UTF-8 TSV): `#` starts a comment line; `threshold<TAB>P`
 * once; then `FEATURE<TAB>WEIGHT` lines.  Errors name the file and line.
 */
#ifndef MUNISCAN_MODEL_H
#define MUNISCAN_MODEL_H

#include <stdbool.h>
#include <stddef.h>

struct model;

/* model_load: reads a model file; caller frees with model_free(). */
int model_load(struct model **out, const char *path);
/* model_load_mem: the same from memory (name is used in messages). */
int model_load_mem(struct model **out, const char *name, const char *data, size_t len);
void model_free(struct model *m);
/* model_write: the model as a file, features sorted by weight; header
 * lines (`# ...`) first when header is not NULL. */
int model_write(const struct model *m, const char *path, const char *header);

/* model_weight: the weight of one feature (0 when the model has none). */
double model_weight(const struct model *m, const char *feat);
/* model_score: the probability for a list of features, each ending in NUL. */
double model_score(const struct model *m, const char *feats, size_t len);
double model_threshold(const struct model *m);
size_t model_nfeatures(const struct model *m);

/* ---- training ---- */

/* One training example: NUL-separated feature names, a 0/1 label, and the
 * group it belongs to (a host, for leave-one-group-out). */
struct model_example {
	const char *feats;
	size_t len;
	int label;
	int group;
};

struct model_train_opts {
	double l2;          /* L2 penalty per example on every weight but the bias */
	int iterations;     /* full-batch passes */
	int min_count;      /* a feature must occur in at least this many examples */
	double threshold;   /* written into the model */
	double pos_weight;  /* weight of a positive example's loss */
	double prior_l2;    /* factor on l2 for the rules' verdicts (rules:, gate:) */
};

#define MODEL_TRAIN_OPTS_INIT { 10.0, 400, 2, 0.4, 1.0, 0.3 }

/* model_train: fits a model on the examples whose group is not skip_group
 * (-1: all).  Deterministic for the same examples and options. */
int model_train(struct model **out, const struct model_example *ex, size_t n,
	int skip_group, const struct model_train_opts *o);

#endif
