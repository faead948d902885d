/*
 * classify: pages to programs (see classify.h and docs/CLASSIFIER.md).
 *
 * Label roles: the classifier knows label *names* (type=expert_dispatch,
 * audience=business, heading=facet ...), never cue words; those live in the
 * rule files.  A label group the code does not know is matched and ignored,
 * so researchers can add groups for their own analyses.
 */
#include "classify.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "classify_internal.h"
#include "err.h"
#include "extract.h"
#include "log.h"
#include "model.h"
#include "norm.h"
#include "paths.h"
#include "rules.h"
#include "tokenize.h"
#include "url.h"
#include "util.h"
#include "xalloc.h"

/* a heading longer than this is a title, not a facet like 対象 or 費用 */
#define FACET_MAX_CHARS 12
/* a list item longer than this is a sentence, not a program's title */
#define TITLE_MAX_CHARS 40
/* a unit whose text is this short and points off-site (外部サイト) is a
 * link-list entry, not an offer */
#define MENTION_MAX_CHARS 200
/* a unit whose text is mostly link anchors is an index of other pages */
#define LINKLIST_SHARE 0.5

enum role {
	ROLE_NONE = 0,
	ROLE_TYPE_ED, ROLE_TYPE_CD, ROLE_TYPE_WR,
	ROLE_AUD_BUSINESS, ROLE_AUD_OTHER,
	ROLE_TEMPLATE, ROLE_FACET, ROLE_NOTITLE, ROLE_CONDITION, ROLE_NOTPROGRAM, ROLE_NOTPROGRAM_HARD,
	ROLE_MENTION,
	ROLE_BUDGET, ROLE_OPEN, ROLE_EXPENSE, ROLE_EXPENSE_LIST, ROLE_APPLICATION,
	ROLE_SELF, ROLE_PARTNER, ROLE_OTHER_STATE, ROLE_OTHER_ORG, ROLE_OTHER_PREF, ROLE_PREF_ACTS,
	ROLE_IT, ROLE_REGISTRY,
	ROLE_COST_FREE, ROLE_COST_PARTIAL, ROLE_COST_PAID,
	ROLE_VISITS, ROLE_CONT_MULTIPLE, ROLE_CONT_SINGLE,
	ROLE_HEAD_CD, ROLE_HEAD_DECO
};

struct classifier {
	struct rules *rules;
	struct model *weights; /* NULL: the rules' gates decide */
	char *model_path;
	bool features;         /* compute the candidates' features */
	struct tok_model *model;
	struct classify_words *words; /* dict/classify.tsv */
	char *rules_dir;
	char *userdic;
	enum role *roles; /* by label id */
	size_t nlabels;
	int label_cd;     /* id of type=consultation_desk, or -1 */
};

struct classify_worker {
	struct classifier *c;
	struct tokenizer *tok;
};

/* one matched field (title, a heading or a section text) */
struct field {
	struct norm *norm;
	const char *orig;  /* original text (borrowed from the page) */
	struct rules_hits hits;
	unsigned field;
	char *lemmas;      /* title and headings: content words' base forms, NUL-separated */
	size_t lemmas_len;
};

struct unit {
	int head;          /* section index, -1 for the page unit */
	int parent;        /* unit index, -1 for none */
	const char *title; /* borrowed */
	size_t *secs;      /* member sections */
	size_t nsecs;
	size_t text_chars;
	size_t link_chars;   /* characters of link text in the unit's sections */
	size_t link_entries; /* member sections that are link-list entries (left out) */
	double type_score[PROGRAM_NTYPES];
	double head_type[PROGRAM_NTYPES];
	unsigned types;
	bool head_facet, head_template, head_notprogram, head_mention;
	bool head_notprogram_hard; /* a tax measure, bringing firms in: whatever else it names */
	bool head_budget, head_open; /* a budget line (［3百万円］); it opens a desk (設置) */
	bool head_business, head_other;
	bool body_business, body_mention, body_link;
	bool body_application;  /* its text is about applying (申請方法, 書類の書き方) */
	bool head_self, body_self; /* the page's own body runs it (市では, 市の委託) */
	bool partner;              /* a sentence naming its type says the body runs it
				    * with a partner (商工会と連携して) */
	unsigned sub_other, sub_business; /* member headings naming residents / businesses */
	unsigned sub_notprogram, sub_typed; /* member headings: loans, benefits, others'; types */
	unsigned others_below; /* typed units right below that are someone else's */
	unsigned gates;      /* the rules' objections (enum gate bits) */
	bool rule_program;   /* the rules alone make it a program */
	double score;        /* the model's probability (debug log only) */
	char *feats;         /* the model's features, NUL-separated */
	size_t feats_len;
	const char *why; /* why a typed unit is not a program (debug) */
};

/* The hand-written rules' objections to a typed unit (docs/CLASSIFIER.md):
 * without a model any one of them vetoes it; with a model each is one
 * feature among the others. */
enum gate {
	GATE_NO_TEXT, GATE_BUDGET, GATE_NOTPROGRAM, GATE_MENTION, GATE_PARENT_MENTION,
	GATE_PARENT_NOTPROGRAM, GATE_LINKS, GATE_AUDIENCE, GATE_SUMMARY, GATE_RESIDENTS,
	GATE_OTHER_AUDIENCE, GATE_OTHERS_LIST, GATE_N
};

static const char *const gate_names[GATE_N] = {
	"no-text", "budget", "notprogram", "mention", "parent-mention", "parent-notprogram",
	"links", "audience", "summary", "residents-list", "other-audience", "others-list"
};

/* ---- setup ---- */

static enum role
role_of(const struct classify_words *words, const char *label)
{
	static const struct { const char *name; enum role role; } fixed[] = {
		{ "type=expert_dispatch", ROLE_TYPE_ED },
		{ "type=consultation_desk", ROLE_TYPE_CD },
		{ "type=workstyle_reform", ROLE_TYPE_WR },
		{ "audience=business", ROLE_AUD_BUSINESS },
		{ "heading=template", ROLE_TEMPLATE },
		{ "heading=facet", ROLE_FACET },
		{ "heading=notitle", ROLE_NOTITLE },
		{ "condition=eligibility", ROLE_CONDITION },
		{ "it_security=yes", ROLE_IT },
		{ "expert_registry=yes", ROLE_REGISTRY },
		{ "cost=free", ROLE_COST_FREE },
		{ "cost=partial", ROLE_COST_PARTIAL },
		{ "cost=paid", ROLE_COST_PAID },
		{ "visits=max", ROLE_VISITS },
		{ "continuity=multiple", ROLE_CONT_MULTIPLE },
		{ "continuity=single", ROLE_CONT_SINGLE },
		{ "provider=self", ROLE_SELF },
		{ "provider=partner", ROLE_PARTNER },
		{ "provider=state", ROLE_OTHER_STATE },
		{ "provider=org", ROLE_OTHER_ORG },
		{ "provider=pref", ROLE_OTHER_PREF },
		{ "provider=pref_acts", ROLE_PREF_ACTS },
		{ "mention=budget", ROLE_BUDGET },
		{ "action=open", ROLE_OPEN },
		{ "about=application", ROLE_APPLICATION },
		{ "condition=expense", ROLE_EXPENSE },
		{ "condition=expense_list", ROLE_EXPENSE_LIST },
		{ "head=consultation_desk", ROLE_HEAD_CD },
		{ "head=decoration", ROLE_HEAD_DECO },
	};

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (strcmp(label, fixed[i].name) == 0)
			return fixed[i].role;
	if (strncmp(label, "audience=", 9) == 0)
		return ROLE_AUD_OTHER;
	/* the kinds listed hard_notprogram in dict/classify.tsv (a tax
	 * measure, a tender ...) are no program even when the heading names
	 * a desk or a dispatch (固定資産税の相談窓口) */
	if (strncmp(label, "notprogram=", 11) == 0)
		return words && classify_words_has(words, CW_HARD_NOTPROGRAM, label + 11) ?
		    ROLE_NOTPROGRAM_HARD : ROLE_NOTPROGRAM;
	if (strncmp(label, "mention=", 8) == 0)
		return ROLE_MENTION;
	return ROLE_NONE;
}

/* check_labels: a row of a group the classifier reads (type, cost,
 * provider, heading ...) whose value it does not know would be matched and
 * silently never used: refuse it, naming the row.  Other groups are free
 * for researchers' own labels. */
static int
check_labels(const struct rules *r)
{
	static const char *const groups[] = { "type=", "it_security=", "expert_registry=", "cost=",
		"visits=", "continuity=", "provider=", "heading=", "condition=", "action=", "head=", "about=" };

	for (size_t i = 0; i < rules_count(r); i++) {
		struct rules_row_info ri;

		rules_row(r, i, &ri);
		if (role_of(NULL, ri.label) != ROLE_NONE || strcmp(ri.label, "type=none") == 0)
			continue;
		for (size_t g = 0; g < sizeof(groups) / sizeof(*groups); g++)
			if (strncmp(ri.label, groups[g], strlen(groups[g])) == 0)
				return err_set(MS_EINVAL, "%s:%zu: label %s: the classifier knows no such "
				    "value in this group (see docs/RULES.md)", ri.file, ri.line, ri.label);
	}
	return 0;
}

int
classifier_new(struct classifier **out, const struct classify_opts *o)
{
	struct classifier *c = xcalloc(1, sizeof(*c));
	struct tok_model_opts mo = TOK_MODEL_OPTS_INIT;
	char *dict = NULL;
	int rc = 0;

	*out = NULL;
	if (o && o->rules_dir) {
		c->rules_dir = xstrdup(o->rules_dir);
		if (o->dict_dir)
			dict = xstrdup(o->dict_dir);
		else if (paths_dict(&dict, NULL) < 0) {
			dict = NULL;
			err_clear();
		}
	} else {
		if ((rc = paths_dict(&dict, o ? o->dict_dir : NULL)) < 0)
			goto out;
		c->rules_dir = util_path_join(dict, "rules");
	}
	if ((rc = rules_load(&c->rules, c->rules_dir)) < 0)
		goto out;
	if ((rc = check_labels(c->rules)) < 0)
		goto out;
	/* the structural word lists live beside the rules' folder default */
	if (!dict) {
		rc = err_set(MS_EINVAL, "classify.tsv: no data folder found (use --dict)");
		goto out;
	}
	{
		char *words = util_path_join(dict, "classify.tsv");

		rc = classify_words_load(&c->words, words);
		free(words);
		if (rc < 0)
			goto out;
	}
	/* the model's weights: --model, else <dict>/model.tsv when there is
	 * one; without weights the rules' gates decide */
	if (o && o->model_path)
		c->model_path = xstrdup(o->model_path);
	else if (dict && !(o && o->no_model)) {
		c->model_path = util_path_join(dict, "model.tsv");
		if (!util_is_file(c->model_path)) {
			free(c->model_path);
			c->model_path = NULL;
		}
	}
	if (c->model_path && (rc = model_load(&c->weights, c->model_path)) < 0)
		goto out;
	c->features = c->weights != NULL || (o && o->features);
	c->userdic = tok_find_userdic(dict);
	if (!c->userdic)
		log_warn("no user dictionary (user.dic) found: domain compounds are split by ipadic");
	mo.userdic = c->userdic;
	if ((rc = tok_model_new(&c->model, &mo)) < 0)
		goto out;
	/* label ids: every label the rule set knows */
	for (int id = 0;; id++) {
		const char *name = rules_label_name(c->rules, id);

		if (!*name)
			break;
		c->roles = xreallocarray(c->roles, (size_t)id + 1, sizeof(*c->roles));
		c->roles[id] = role_of(c->words, name);
		c->nlabels = (size_t)id + 1;
	}
	c->label_cd = rules_label(c->rules, "type=consultation_desk");
	*out = c;
	c = NULL;
out:
	free(dict);
	classifier_free(c);
	return rc;
}

void
classifier_free(struct classifier *c)
{
	if (!c)
		return;
	rules_free(c->rules);
	model_free(c->weights);
	free(c->model_path);
	tok_model_free(c->model);
	classify_words_free(c->words);
	free(c->rules_dir);
	free(c->userdic);
	free(c->roles);
	free(c);
}

const char *
classifier_rules_dir(const struct classifier *c)
{
	return c->rules_dir;
}

const char *
classifier_model_path(const struct classifier *c)
{
	return c->model_path;
}

const char *
classifier_userdic(const struct classifier *c)
{
	return c->userdic;
}

const struct classify_words *
classifier_words(const struct classifier *c)
{
	return c->words;
}

int
classify_worker_new(struct classify_worker **out, struct classifier *c)
{
	struct classify_worker *w = xcalloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	w->c = c;
	if ((rc = tokenizer_new(&w->tok, c->model)) < 0) {
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

void
classify_worker_free(struct classify_worker *w)
{
	if (!w)
		return;
	tokenizer_free(w->tok);
	free(w);
}

/* ---- matching one field ---- */

static enum role hit_role(const struct classifier *c, const struct rules_hit *h);

/* field_head: a heading whose head noun is a desk (経営なんでも相談, 創業支援
 * 窓口, 中小企業支援センターのご案内) names one: its head=consultation_desk hit
 * counts as type=consultation_desk when it ends the heading once trailing
 * announcement words (head=decoration: について, を開設しました, 事業) and
 * bracketed parts are left out, and the heading names businesses and no
 * other audience.  Other head= hits are dropped. */
static void
field_head(const struct classifier *c, struct field *f)
{
	const char *t = f->norm->text;
	size_t end = f->norm->len, n = 0;
	bool business = false, other = false, moved = true;

	for (size_t i = 0; i < f->hits.n; i++) {
		enum role r = hit_role(c, &f->hits.v[i]);

		business |= r == ROLE_AUD_BUSINESS;
		other |= r == ROLE_AUD_OTHER;
	}
	/* the heading's end without trailing blanks, punctuation, brackets
	 * and announcement words */
	for (int rounds = 0; moved && rounds < 8; rounds++) {
		moved = false;
		for (;;) {
			if (end > 0 && (t[end - 1] == ' ' || t[end - 1] == '!' || t[end - 1] == '?' ||
			    t[end - 1] == '.'))
				end--;
			else if (end >= 3 && memcmp(t + end - 3, "・", 3) == 0)
				end -= 3;
			else
				break;
			moved = true;
		}
		if (end >= 3 && memcmp(t + end - 3, "」", 3) == 0) {
			/* a quoted name (「…サポートデスク」を開設): its head is
			 * inside the quotes */
			end -= 3;
			moved = true;
		} else if (end >= 3 && (memcmp(t + end - 3, "）", 3) == 0 || memcmp(t + end - 3, "】", 3) == 0)) {
			/* a bracketed note after the name (…窓口（予約制）) */
			const char *open = memcmp(t + end - 3, "）", 3) == 0 ? "（" : "【";

			for (size_t k = end - 3; k >= 3; k--)
				if (memcmp(t + k - 3, open, 3) == 0) {
					end = k - 3;
					moved = true;
					break;
				}
		} else if (end >= 1 && (t[end - 1] == ')' || t[end - 1] == ']')) {
			char open = t[end - 1] == ')' ? '(' : '[';

			for (size_t k = end - 1; k > 0; k--)
				if (t[k - 1] == open) {
					end = k - 1;
					moved = true;
					break;
				}
		}
		for (size_t i = 0; i < f->hits.n; i++) {
			const struct rules_hit *h = &f->hits.v[i];

			if (hit_role(c, h) == ROLE_HEAD_DECO && h->end == end && h->start > 0) {
				end = h->start;
				moved = true;
			}
		}
	}
	for (size_t i = 0; i < f->hits.n; i++) {
		struct rules_hit *h = &f->hits.v[i];
		enum role r = hit_role(c, h);

		if (r == ROLE_HEAD_DECO)
			continue;
		if (r == ROLE_HEAD_CD) {
			if (!business || other || h->end != end || c->label_cd < 0)
				continue;
			h->label = c->label_cd;
		}
		f->hits.v[n++] = *h;
	}
	f->hits.n = n;
}

/* field_lemmas: the base forms of a title's content words (nouns that are
 * not numbers, verbs, adjectives), each once, for the model's features */
static void
field_lemmas(struct field *f, const struct token *toks, size_t ntoks)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < ntoks && i < 64; i++) {
		const struct token *t = &toks[i];
		bool seen = false;

		if (t->flags & (TOK_NUMBER | TOK_SYMBOL | TOK_PARTICLE) || t->base_len == 0 ||
		    t->base_len > 48)
			continue;
		if (!(t->pos_len >= 6 && (memcmp(t->pos, "名詞", 6) == 0 || memcmp(t->pos, "動詞", 6) == 0 ||
			  memcmp(t->pos, "形容", 6) == 0)))
			continue;
		if (t->pos_len >= 16 && memcmp(t->pos, "名詞,非自立", 16) == 0)
			continue;
		for (size_t off = 0; off < b.len && !seen;) {
			size_t l = strlen(b.ptr + off);

			seen = l == t->base_len && memcmp(b.ptr + off, t->base, l) == 0;
			off += l + 1;
		}
		if (seen)
			continue;
		buf_add(&b, t->base, t->base_len);
		buf_addc(&b, '\0');
	}
	f->lemmas = buf_detach(&b, &f->lemmas_len);
}

static int
field_match(struct classify_worker *w, struct field *f, const char *text, unsigned which)
{
	const struct token *toks;
	size_t ntoks;
	int rc;

	memset(f, 0, sizeof(*f));
	f->orig = text ? text : "";
	f->field = which;
	/* line ends stay: a sentence, a clause and a rule's window end there */
	if ((rc = norm_text_lines(&f->norm, f->orig, strlen(f->orig), true)) < 0)
		return rc;
	if ((rc = tokenizer_run(w->tok, f->norm->text, f->norm->len, &toks, &ntoks)) < 0)
		return rc;
	rules_match(w->c->rules, which, f->norm->text, toks, ntoks, &f->hits);
	if (which & (RULES_TITLE | RULES_HEADING))
		field_head(w->c, f);
	if (w->c->features && (which & (RULES_TITLE | RULES_HEADING)))
		field_lemmas(f, toks, ntoks);
	return 0;
}

static void
field_free(struct field *f)
{
	norm_free(f->norm);
	rules_hits_free(&f->hits);
	free(f->lemmas);
}

static enum role
hit_role(const struct classifier *c, const struct rules_hit *h)
{
	return h->label >= 0 && (size_t)h->label < c->nlabels ? c->roles[h->label] : ROLE_NONE;
}

static bool
field_has(const struct classifier *c, const struct field *f, enum role r)
{
	for (size_t i = 0; i < f->hits.n; i++) {
		enum role h = hit_role(c, &f->hits.v[i]);

		/* a hard non-program is a non-program too */
		if (h == r || (r == ROLE_NOTPROGRAM && h == ROLE_NOTPROGRAM_HARD))
			return true;
	}
	return false;
}

/* field_type_scores: add the weights of f's type hits to score, for the
 * types in mask (bit t = type t) */
static void
field_type_scores(const struct classifier *c, const struct field *f, double score[PROGRAM_NTYPES],
	unsigned mask)
{
	for (size_t i = 0; i < f->hits.n; i++) {
		enum role r = hit_role(c, &f->hits.v[i]);

		if (r >= ROLE_TYPE_ED && r <= ROLE_TYPE_WR && (mask & (1u << (r - ROLE_TYPE_ED))))
			score[r - ROLE_TYPE_ED] += rules_row_weight(c->rules, f->hits.v[i].row);
	}
}

/* type_evidence: whether a unit's type rests on more than one generic word
 * repeated: a strong cue (weight >= 1), or weak cues of two different
 * spellings (兼業 twice is one passing word, not a work-style program) */
struct type_evidence {
	bool strong[PROGRAM_NTYPES];
	const char *weak[PROGRAM_NTYPES]; /* first weak cue (borrowed) */
	size_t weak_len[PROGRAM_NTYPES];
	bool weak2[PROGRAM_NTYPES];
};

static void
field_type_evidence(const struct classifier *c, const struct field *f, struct type_evidence *te,
	unsigned mask)
{
	for (size_t i = 0; i < f->hits.n; i++) {
		const struct rules_hit *h = &f->hits.v[i];
		enum role r = hit_role(c, h);
		const char *txt = f->norm->text + h->start;
		size_t len = h->end - h->start;
		int t;

		if (r < ROLE_TYPE_ED || r > ROLE_TYPE_WR || !(mask & (1u << (r - ROLE_TYPE_ED))))
			continue;
		t = r - ROLE_TYPE_ED;
		if (rules_row_weight(c->rules, h->row) >= 1.0)
			te->strong[t] = true;
		else if (!te->weak[t]) {
			te->weak[t] = txt;
			te->weak_len[t] = len;
		} else if (te->weak_len[t] != len || memcmp(te->weak[t], txt, len) != 0)
			te->weak2[t] = true;
	}
}

/* footer_chars: characters of a section's lines that are the site's
 * footer, not the unit's text: a postal address (〒830-8520 …) or a
 * copyright line.  Left out of a unit's own text, a hub page's link list
 * over the footer is still a list of links. */
static size_t
footer_chars(const struct classify_words *w, const char *text)
{
	size_t n = 0;

	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		bool foot = false;

		for (size_t i = 0; i + 3 < len && !foot; i++)
			foot = memcmp(text + i, "〒", 3) == 0 && isdigit((unsigned char)text[i + 3]);
		if (!foot)
			foot = classify_words_within(w, CW_FOOTER_MARK, text, len);
		if (foot)
			n += util_utf8_chars(text, len);
		text = nl ? nl + 1 : NULL;
	}
	return n;
}

/* ---- evidence ---- */

static bool
is_stop(const char *s, size_t i)
{
	unsigned char ch = (unsigned char)s[i];

	if (ch == '\n' || ch == '!' || ch == '?')
		return true;
	return strncmp(s + i, "。", 3) == 0;
}

/* clause_end: s[i] ends a clause (、，,) inside a sentence */
static bool
clause_end(const char *s, size_t len, size_t i)
{
	return (i + 3 <= len && (strncmp(s + i, "、", 3) == 0 || strncmp(s + i, "，", 3) == 0)) ||
	    s[i] == ',' || s[i] == ' ';
}

/* evidence_passage: the sentence holding the hit, as written, newlines as
 * spaces.  A sentence longer than PROGRAM_PASSAGE_CHARS characters is cut
 * at clause ends (、) around the hit where it can be, mid-clause only when a
 * clause alone is too long, and each cut is marked with …; the hit itself
 * is always in the passage, at bytes [*hit_start, *hit_end) of what is
 * appended to out. */
static void
evidence_passage(struct buf *out, size_t *hit_start, size_t *hit_end, const struct field *f,
	const struct rules_hit *h)
{
	const char *t = f->norm->text;
	size_t s = h->start, e = h->end, os, oe, hs, he, a, b, budget = PROGRAM_PASSAGE_CHARS;
	size_t ps = SIZE_MAX, pe = SIZE_MAX; /* the hit in tmp */
	struct buf tmp = BUF_INIT;
	bool cut_a = false, cut_b = false;

	while (s > 0 && !is_stop(t, s - 1) && !(s >= 3 && strncmp(t + s - 3, "。", 3) == 0))
		s--;
	while (e < f->norm->len && !is_stop(t, e))
		e++;
	if (e < f->norm->len && strncmp(t + e, "。", 3) == 0)
		e += 3;
	norm_orig(f->norm, s, e, &os, &oe);
	norm_orig(f->norm, h->start, h->end, &hs, &he);
	while (os < oe && (f->orig[os] == ' ' || f->orig[os] == '\t' || f->orig[os] == '\n'))
		os++;
	if (hs < os)
		hs = os;
	if (he > oe || he < hs)
		he = oe;
	a = os;
	b = oe;
	if (util_utf8_chars(f->orig + os, oe - os) > budget) {
		/* grow clause by clause around the hit, before it first */
		size_t left = util_utf8_chars(f->orig + os, hs - os), room;

		budget -= 2; /* the two … marks */
		a = hs;
		b = he;
		room = budget > util_utf8_chars(f->orig + hs, he - hs) ? budget - util_utf8_chars(f->orig + hs, he - hs) : 0;
		/* up to half the room before the hit, back to a clause start */
		if (left > 0 && room > 0) {
			size_t want = left < room / 2 ? left : room / 2, k = hs, n = 0, best = hs;

			while (k > os && n < want) {
				k--;
				while (k > os && (f->orig[k] & 0xC0) == 0x80)
					k--;
				n++;
				if (k == os || clause_end(f->orig, oe, k))
					best = k == os ? os : k + (f->orig[k] == ' ' || f->orig[k] == ',' ? 1 : 3);
			}
			/* no clause start near enough: take the characters */
			a = best != hs ? best : (want == left ? os : k);
			room -= util_utf8_chars(f->orig + a, hs - a);
		}
		/* the rest after the hit, up to a clause end when there is one */
		{
			size_t k = he, n = 0, best = he;

			while (k < oe && n < room) {
				size_t step = 1;

				while (k + step < oe && (f->orig[k + step] & 0xC0) == 0x80)
					step++;
				if (clause_end(f->orig, oe, k))
					best = k + step;
				k += step;
				n++;
			}
			b = k >= oe ? oe : best > he ? best : k;
		}
		cut_a = a > os;
		cut_b = b < oe;
	}
	if (cut_a)
		buf_adds(&tmp, "…");
	for (size_t i = a; i < b; i++) {
		char ch = f->orig[i];

		if (i == hs)
			ps = tmp.len;
		if (i == he)
			pe = tmp.len;
		/* " | " separates the cell's items: a page's own | is quoted
		 * as its full-width form, so the cell splits one way only */
		if (ch == '|')
			buf_adds(&tmp, "｜");
		else
			buf_addc(&tmp, ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
	}
	/* trim trailing spaces */
	while (tmp.len > 0 && tmp.ptr[tmp.len - 1] == ' ')
		tmp.ptr[--tmp.len] = '\0';
	if (pe > tmp.len)
		pe = tmp.len;
	if (ps > pe)
		ps = pe;
	*hit_start = out->len + ps;
	*hit_end = out->len + pe;
	if (cut_b)
		buf_adds(&tmp, "…");
	buf_add(out, tmp.ptr ? tmp.ptr : "", tmp.len);
	buf_free(&tmp);
}

/* evidence_add: one item of a program's evidence: the criterion (static),
 * the rule row of hit h (its id, else file:line) and the passage of f that
 * holds it.  Every item is kept; the cell of programs.csv leaves out what
 * would take it past its cap (program_evidence_cell). */
static void
evidence_add(struct program_evidences *ev, const struct classifier *c, const char *criterion,
	const struct field *f, const struct rules_hit *h)
{
	struct buf passage = BUF_INIT;
	struct rules_row_info ri;
	char *rule;
	size_t hs = 0, he = 0;

	if (!f || !h)
		return;
	evidence_passage(&passage, &hs, &he, f, h);
	rules_row(c->rules, (size_t)h->row, &ri);
	rule = ri.id && *ri.id ? xstrdup(ri.id) : xasprintf("%s:%zu", ri.file, ri.line);
	program_evidence_add(ev, criterion, rule, passage.ptr ? passage.ptr : "", hs, he);
	free(rule);
	buf_free(&passage);
}

/* ---- units ---- */

struct page_ctx {
	struct classify_worker *w;
	const struct extract_page *page;
	struct field title;
	struct field *heads;  /* per section */
	struct field *bodies; /* per section */
	struct unit *units;
	size_t nunits;
	int *unit_of;         /* per section: unit index, -1 skipped */
	const char *url;      /* the page's URL (borrowed) */
	size_t typed_units;   /* units whose cues name a type (features) */
	size_t *typed_under;  /* of them, per parent unit + 1 (features) */
	char **labels;        /* per section: an item's label naming a type
			       * (働き方改革アドバイザー派遣：社会保険労務士を…), or NULL */
	bool gov_host;        /* the page is on a local government's site */
	bool muni_host;       /* ... of a municipality (not a prefecture) */
};

/* field_elsewhere: the field names someone else as the provider: the
 * state always; an organisation (商工会議所, 公庫 ...) on a government's
 * site (on the organisation's own site it is the page's body itself); a
 * prefecture on a municipality's site */
static bool
field_elsewhere(const struct page_ctx *p, const struct field *f)
{
	const struct classifier *c = p->w->c;

	return field_has(c, f, ROLE_OTHER_STATE) || (p->gov_host && field_has(c, f, ROLE_OTHER_ORG)) ||
	    (p->muni_host && (field_has(c, f, ROLE_OTHER_PREF) || field_has(c, f, ROLE_PREF_ACTS)));
}

/* field_self: the field says the page's own body runs it (市では, 当所); on
 * a prefecture's own site, the prefecture acting (県では, 県が) says so too */
static bool
field_self(const struct page_ctx *p, const struct field *f)
{
	const struct classifier *c = p->w->c;

	return field_has(c, f, ROLE_SELF) ||
	    (p->gov_host && !p->muni_host && field_has(c, f, ROLE_PREF_ACTS));
}

/* topic_of_parent: a unit with no text of its own under a parent unit
 * that carries each of its types (the topics a dispatch covers, listed
 * one per line: 長時間労働の削減, 仕事と介護の両立支援) is a line of the
 * parent's program, not a program of its own */
static bool
topic_of_parent(const struct page_ctx *p, const struct unit *u)
{
	const struct unit *a;

	if (u->parent < 0 || (size_t)u->parent >= p->nunits)
		return false;
	a = &p->units[u->parent];
	for (int t = 0; t < PROGRAM_NTYPES; t++)
		if (u->type_score[t] >= 1.0 && a->type_score[t] < 1.0)
			return false;
	return a->text_chars > 0;
}

static size_t
unit_add(struct page_ctx *p, int head, int parent, const char *title)
{
	struct unit *u;

	p->units = xreallocarray(p->units, p->nunits + 1, sizeof(*p->units));
	u = &p->units[p->nunits];
	memset(u, 0, sizeof(*u));
	u->head = head;
	u->parent = parent;
	u->title = title;
	return p->nunits++;
}

static void
unit_add_sec(struct unit *u, size_t sec)
{
	u->secs = xreallocarray(u->secs, u->nsecs + 1, sizeof(*u->secs));
	u->secs[u->nsecs++] = sec;
}

static double
max_type(const double s[PROGRAM_NTYPES])
{
	double m = 0;

	for (int i = 0; i < PROGRAM_NTYPES; i++)
		if (s[i] > m)
			m = s[i];
	return m;
}

/* heading_short: a heading short enough to be a facet label */
static bool
heading_short(const struct field *f)
{
	return util_utf8_chars(f->norm->text, f->norm->len) <= FACET_MAX_CHARS;
}

/* title_like: a heading that can title a program: not a sentence, not a
 * reference or an opening time (heading=notitle: 第2条第5項, 10時～17時) */
/* title_len: the heading without a budget figure after it (…の支給
 * 【補正額】1千万円, …の設置 ［3百万円］): the figure says what the line
 * costs, not what it is, so neither its length nor its ending count */
static size_t
title_len(const struct classifier *c, const struct field *f)
{
	const char *t = f->norm->text;
	size_t n = f->norm->len;

	for (size_t i = 0; i < f->hits.n; i++) {
		size_t cut = f->hits.v[i].start;

		if (hit_role(c, &f->hits.v[i]) != ROLE_BUDGET || cut >= n)
			continue;
		/* back to the bracket that opens the figure (a few
		 * characters before it: 【補正額】, ［3百万円) */
		for (size_t k = cut; k > 0 && cut - k < 16; k--) {
			if (t[k - 1] == '[' || t[k - 1] == '(' ||
			    (k >= 3 && (memcmp(t + k - 3, "【", 3) == 0 || memcmp(t + k - 3, "［", 3) == 0 ||
				memcmp(t + k - 3, "（", 3) == 0))) {
				cut = t[k - 1] == '[' || t[k - 1] == '(' ? k - 1 : k - 3;
				break;
			}
		}
		while (cut > 0 && t[cut - 1] == ' ')
			cut--;
		if (cut > 0 && cut < n)
			n = cut;
	}
	return n;
}

static bool
title_like(const struct classifier *c, const struct field *f, bool anchor)
{
	const char *t = f->norm->text;
	size_t n = title_len(c, f);

	if (util_utf8_chars(t, n) > TITLE_MAX_CHARS || field_has(c, f, ROLE_NOTITLE))
		return false;
	/* a heading that is a link's whole anchor names the page it links
	 * to, even when it reads as a sentence (…の相談窓口を開設しています) */
	if (anchor)
		return true;
	/* a sentence (…。, …します, …ください), a clause cut at its comma,
	 * or a condition (…こと, …場合): not a title (title_end words) */
	return !classify_words_ends(c->words, CW_TITLE_END, t, n);
}


/* anchor_link: section i is an item whose heading is the whole anchor of
 * one of its links (an entry of a list linking to the page it names):
 * that link's target, else NULL */
static const char *
anchor_link(const struct page_ctx *p, size_t i)
{
	const struct extract_section *s = &p->page->sections[i];

	if (s->kind != EXTRACT_ITEM || !s->heading || !*s->heading)
		return NULL;
	for (size_t l = 0; l < s->nlinks; l++)
		if (s->links[l].text && s->links[l].href && strcmp(s->links[l].text, s->heading) == 0)
			return s->links[l].href;
	return NULL;
}

static bool
anchor_heading(const struct page_ctx *p, size_t i)
{
	return anchor_link(p, i) != NULL;
}

/* own_entry: unit u is an entry of a list that links to its own page on
 * the page's site (ITコンシェルジュ派遣 -> /…/ITkonsherujyuhaken.html): the
 * site's body describes it there, so it is that body's program even in a
 * list that points at others' measures; the entry is its most specific
 * description when that page is not at hand */
static bool
own_entry(const struct page_ctx *p, const struct unit *u)
{
	const char *href;

	if (u->head < 0 || u->head_mention || u->body_mention || !p->url)
		return false;
	href = anchor_link(p, (size_t)u->head);
	return href && url_same_host(href, p->url);
}

/* same_as_title: section i's heading is the page title (its h1) */
static bool
same_as_title(const struct page_ctx *p, size_t i)
{
	const struct field *h = &p->heads[i];

	return p->page->sections[i].kind == EXTRACT_HEADING && h->norm->len > 0 &&
	    h->norm->len == p->title.norm->len &&
	    memcmp(h->norm->text, p->title.norm->text, h->norm->len) == 0;
}

/* item_label: a list item written as "label：description" on one line
 * (働き方改革アドバイザー派遣：社会保険労務士を企業に派遣し…): its label
 * titles it when the label is short, is no sentence and carries a type cue
 * of its own (not a facet such as 日時：毎週火曜日).  Caller frees. */
static char *
item_label(const struct page_ctx *p, size_t i)
{
	const struct classifier *c = p->w->c;
	const struct extract_section *s = &p->page->sections[i];
	const struct field *h = &p->heads[i];
	const char *colon, *nc;
	size_t chars, cut;
	double score = 0;

	if (s->kind != EXTRACT_ITEM || !s->heading || !h->norm)
		return NULL;
	colon = strstr(s->heading, "：");
	if (!colon || ((nc = strchr(s->heading, ':')) != NULL && nc < colon))
		colon = strchr(s->heading, ':');
	if (!colon || (nc = memchr(h->norm->text, ':', h->norm->len)) == NULL)
		return NULL;
	cut = (size_t)(nc - h->norm->text);
	chars = util_utf8_chars(h->norm->text, cut);
	if (chars < 2 || chars > TITLE_MAX_CHARS || memchr(h->norm->text, '\n', cut) ||
	    util_utf8_chars(nc + 1, h->norm->len - cut - 1) < 10)
		return NULL;
	for (size_t k = 0; k < h->hits.n; k++) {
		enum role r = hit_role(c, &h->hits.v[k]);

		if (h->hits.v[k].end > cut)
			continue;
		if (r == ROLE_FACET || r == ROLE_NOTITLE || r == ROLE_CONDITION)
			return NULL;
		if (r >= ROLE_TYPE_ED && r <= ROLE_TYPE_WR)
			score += rules_row_weight(c->rules, h->hits.v[k].row);
	}
	if (score < 1.0)
		return NULL;
	return xstrndup(s->heading, (size_t)(colon - s->heading));
}

/* encloses_page: every section after s lies under s */
static bool
encloses_page(const struct extract_page *pg, size_t s)
{
	for (size_t i = s + 1; i < pg->nsections; i++) {
		int a = pg->sections[i].parent;

		while (a >= 0 && (size_t)a != s && (size_t)a < i)
			a = pg->sections[a].parent;
		if (a < 0 || (size_t)a != s)
			return false;
	}
	return true;
}

static void
build_units(struct page_ctx *p)
{
	const struct classifier *c = p->w->c;
	const struct extract_page *pg = p->page;
	size_t page_unit = unit_add(p, -1, -1, pg->title && *pg->title ? pg->title : "");
	bool *typed;
	size_t *siblings, *head_siblings; /* typed sections (headings) under a parent */

	p->units[page_unit].head_business = field_has(c, &p->title, ROLE_AUD_BUSINESS);
	p->units[page_unit].head_other = field_has(c, &p->title, ROLE_AUD_OTHER);
	p->units[page_unit].head_notprogram = field_has(c, &p->title, ROLE_NOTPROGRAM);
	p->units[page_unit].head_notprogram_hard = field_has(c, &p->title, ROLE_NOTPROGRAM_HARD);
	p->units[page_unit].head_mention = field_elsewhere(p, &p->title) ||
	    field_has(c, &p->title, ROLE_MENTION);
	p->units[page_unit].head_self = field_self(p, &p->title);
	/* a first h1 enclosing the whole page names the page's subject as the
	 * title does: a tender or an award there (under a title such as
	 * 報道発表資料) makes the whole page one */
	if (pg->nsections > 0 && pg->sections[0].kind == EXTRACT_HEADING &&
	    pg->sections[0].level == 1 && encloses_page(pg, 0))
		p->units[page_unit].head_notprogram_hard |= field_has(c, &p->heads[0],
		    ROLE_NOTPROGRAM_HARD);
	field_type_scores(c, &p->title, p->units[page_unit].head_type, PROGRAM_TYPES_ALL);
	p->unit_of = xcalloc(pg->nsections ? pg->nsections : 1, sizeof(int));
	/* typed[i]: section i has a title naming a type; siblings[i]: how many
	 * sections under i's parent do (a list of programs has several) */
	typed = xcalloc(pg->nsections + 1, sizeof(bool));
	siblings = xcalloc(pg->nsections + 1, sizeof(size_t));
	head_siblings = xcalloc(pg->nsections + 1, sizeof(size_t));
	p->labels = xcalloc(pg->nsections ? pg->nsections : 1, sizeof(*p->labels));
	for (size_t i = 0; i < pg->nsections; i++)
		p->labels[i] = item_label(p, i);
	for (size_t i = 0; i < pg->nsections; i++) {
		const struct extract_section *s = &pg->sections[i];
		double ht[PROGRAM_NTYPES] = { 0, 0, 0 };

		field_type_scores(c, &p->heads[i], ht, PROGRAM_TYPES_ALL);
		typed[i] = s->heading && *s->heading &&
		    (title_like(c, &p->heads[i], anchor_heading(p, i)) || p->labels[i]) &&
		    (s->kind == EXTRACT_HEADING || s->kind == EXTRACT_ITEM) && max_type(ht) >= 1.0;
		if (typed[i]) {
			size_t at = s->parent >= 0 && (size_t)s->parent < i ? (size_t)s->parent + 1 : 0;

			siblings[at]++;
			if (s->kind == EXTRACT_HEADING)
				head_siblings[at]++;
		}
	}
	for (size_t i = 0; i < pg->nsections; i++) {
		const struct extract_section *s = &pg->sections[i];
		const struct field *h = &p->heads[i];
		int parent_unit = (int)page_unit;
		double ht[PROGRAM_NTYPES] = { 0, 0, 0 };
		bool own = false, empty = !s->heading || !*s->heading, merged_parent;
		size_t sib = siblings[s->parent >= 0 && (size_t)s->parent < i ? (size_t)s->parent + 1 : 0];

		if (s->parent >= 0 && (size_t)s->parent < i)
			parent_unit = p->unit_of[s->parent];
		if (parent_unit < 0) { /* inside a skipped block */
			p->unit_of[i] = -1;
			continue;
		}
		/* under a facet or detail heading (相談日, 対象): its items are
		 * that facet's values, not programs; the page's own heading
		 * (its h1, the page title again) is no facet */
		merged_parent = s->parent >= 0 && (size_t)s->parent < i &&
		    p->units[parent_unit].head != s->parent &&
		    !(parent_unit == (int)page_unit && same_as_title(p, (size_t)s->parent));
		/* a template heading (お問い合わせ, メニュー) is skipped with what
		 * is under it, but not the page's own heading (its h1, the page
		 * title again: 中小企業支援メニュー) */
		if (!empty && field_has(c, h, ROLE_TEMPLATE) && heading_short(h) &&
		    s->kind == EXTRACT_HEADING && !same_as_title(p, i)) {
			p->unit_of[i] = -1;
			continue;
		}
		field_type_scores(c, h, ht, PROGRAM_TYPES_ALL);
		if (s->kind == EXTRACT_INTRO || s->kind == EXTRACT_PDF_PAGE || empty ||
		    !(title_like(c, h, anchor_heading(p, i)) || p->labels[i]))
			own = false;
		else if (merged_parent && (s->kind == EXTRACT_ITEM ||
			     (max_type(p->units[parent_unit].head_type) >= 1.0 &&
				 field_has(c, &p->heads[s->parent], ROLE_FACET) &&
				 heading_short(&p->heads[s->parent]))))
			/* an item under a facet (相談日: 経営相談は月曜日), or a
			 * heading under a facet of a program; but headings that
			 * each name a desk or a dispatch under an overview
			 * (相談窓口の概要 > …サポートセンター, …相談室) are the
			 * programs it lists */
			own = s->kind == EXTRACT_HEADING && typed[i] &&
			    head_siblings[s->parent >= 0 && (size_t)s->parent < i ? (size_t)s->parent + 1 : 0] >= 2;
		else if (field_has(c, h, ROLE_FACET) && heading_short(h) && max_type(ht) < 1.0)
			own = false;
		else if (max_type(p->units[parent_unit].head_type) >= 1.0)
			/* under a title that names a program: a detail of it,
			 * unless it is one of several programs listed there */
			own = typed[i] && sib >= 2;
		else if (s->kind == EXTRACT_HEADING)
			own = true;
		else /* a list item: its own unit only when its title names a type */
			own = typed[i];
		if (own) {
			size_t u = unit_add(p, (int)i, parent_unit,
			    p->labels[i] && !title_like(c, h, anchor_heading(p, i)) ? p->labels[i] : s->heading);

			memcpy(p->units[u].head_type, ht, sizeof(ht));
			p->units[u].head_facet = false;
			p->units[u].head_business = field_has(c, h, ROLE_AUD_BUSINESS);
			p->units[u].head_other = field_has(c, h, ROLE_AUD_OTHER);
			p->units[u].head_notprogram = field_has(c, h, ROLE_NOTPROGRAM);
			p->units[u].head_notprogram_hard = field_has(c, h, ROLE_NOTPROGRAM_HARD);
			p->units[u].head_mention = field_elsewhere(p, h) || field_has(c, h, ROLE_MENTION);
			p->units[u].head_self = field_self(p, h);
			p->units[u].head_budget = field_has(c, h, ROLE_BUDGET);
			p->units[u].head_open = field_has(c, h, ROLE_OPEN);
			unit_add_sec(&p->units[u], i);
			p->unit_of[i] = (int)u;
		} else {
			/* a facet or detail: its cues count as the unit's body */
			unit_add_sec(&p->units[parent_unit], i);
			p->unit_of[i] = parent_unit;
		}
	}
	free(typed);
	free(siblings);
	free(head_siblings);
}

static bool
unit_business_context(const struct page_ctx *p, const struct unit *u)
{
	const struct unit *a;

	if (u->head_business || u->body_business)
		return true;
	/* the heading right above (事業者向け) or the page title; a business
	 * word further away (another section, a distant ancestor) does not
	 * make a residents' desk listed beside business ones a business desk */
	a = u->parent >= 0 ? &p->units[u->parent] : NULL;
	if (a && (a->head_business || a->body_business))
		return true;
	return p->units[0].head_business;
}

/* in_heading_role: section i of unit u lies under a heading of role r
 * inside the unit: an eligibility heading (condition=eligibility: 対象者,
 * 要件) or an eligible-expense heading (condition=expense: 対象経費) */
static bool
in_heading_role(const struct page_ctx *p, const struct unit *u, size_t i, enum role r)
{
	const struct classifier *c = p->w->c;
	int s = (int)i;

	for (int depth = 0; s >= 0 && s != u->head && depth < 64; depth++) {
		if (field_has(c, &p->heads[s], r))
			return true;
		s = p->page->sections[s].parent;
	}
	return false;
}

/* sibling_other: another unit under the same heading is for residents or
 * job seekers */
static bool
sibling_other(const struct page_ctx *p, const struct unit *u)
{
	for (size_t k = 0; k < p->nunits; k++) {
		const struct unit *v = &p->units[k];

		if (v != u && v->parent == u->parent && u->parent >= 0 && v->head_other &&
		    !v->head_business)
			return true;
	}
	return false;
}

enum ancestor_what { ANC_MENTION, ANC_NOTPROGRAM, ANC_OTHER };

/* ancestor_has: an enclosing unit's heading (or the page title) is someone
 * else's, a loan / benefit, or for residents without naming businesses */
static bool
ancestor_has(const struct page_ctx *p, const struct unit *u, enum ancestor_what what)
{
	for (const struct unit *a = u->parent >= 0 ? &p->units[u->parent] : NULL; a;
	    a = a->parent >= 0 ? &p->units[a->parent] : NULL) {
		switch (what) {
		case ANC_MENTION:
			if (a->head_mention && !a->head_self)
				return true;
			break;
		case ANC_NOTPROGRAM:
			if (a->head_notprogram && a->head_type[0] < 1.0 && a->head_type[1] < 1.0)
				return true;
			break;
		case ANC_OTHER:
			if (a->head_other && !a->head_business)
				return true;
			break;
		}
	}
	return false;
}

/* link_entry: section i, a member of unit u below its heading, is an entry
 * of a list of links (its anchors are at least half of its heading and
 * text: 経済産業省「持続化給付金」 https://…).  A trailing list of links to
 * other bodies' measures is split off the unit: it neither describes the
 * unit's program nor makes the unit a summary or an index. */
static bool
link_entry(const struct page_ctx *p, const struct unit *u, size_t i)
{
	const struct extract_section *s = &p->page->sections[i];
	size_t links = 0, chars;

	if ((int)i == u->head)
		return false;
	for (size_t l = 0; l < s->nlinks; l++)
		if (s->links[l].text)
			links += util_utf8_chars(s->links[l].text, strlen(s->links[l].text));
	if (links == 0)
		return false;
	chars = util_utf8_chars(p->bodies[i].norm->text, p->bodies[i].norm->len) +
	    util_utf8_chars(p->heads[i].norm->text, p->heads[i].norm->len);
	return 2 * links >= chars;
}

/* ---- the model's features ---- */

static void
feat_add(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
feat_add(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
	buf_addc(b, '\0');
}

static const char *
bucket(size_t n, const size_t *edges, size_t nedges, const char *const *names)
{
	for (size_t i = 0; i < nedges; i++)
		if (n < edges[i])
			return names[i];
	return names[nedges];
}

/* feat_once: the feature prefix:name, unless seen already lists it */
static void
feat_once(struct buf *b, struct buf *seen, const char *prefix, const char *name)
{
	char key[160];
	int kl = snprintf(key, sizeof(key), "%s:%s", prefix, name);

	if (kl <= 0 || (size_t)kl >= sizeof(key))
		return;
	for (size_t off = 0; off < seen->len;) {
		size_t l = strlen(seen->ptr + off);

		if (l == (size_t)kl && memcmp(seen->ptr + off, key, l) == 0)
			return;
		off += l + 1;
	}
	buf_add(seen, key, (size_t)kl);
	buf_addc(seen, '\0');
	feat_add(b, "%s", key);
}

/* feat_hits: one feature per rule label and per rule row that hit field f
 * (prefix names the field: the unit's heading, its text, the page title,
 * the heading above); each once */
static void
feat_hits(const struct page_ctx *p, const struct field *f, const char *prefix, struct buf *b,
	struct buf *seen)
{
	const struct classifier *c = p->w->c;

	for (size_t i = 0; i < f->hits.n; i++) {
		const struct rules_hit *h = &f->hits.v[i];
		struct rules_row_info ri;

		rules_row(c->rules, (size_t)h->row, &ri);
		feat_once(b, seen, prefix, ri.id ? ri.id : "");
		/* the label once per field, however many rows carry it */
		feat_once(b, seen, prefix, rules_label_name(c->rules, h->label));
	}
}

static void
feat_lemmas(const struct field *f, const char *prefix, struct buf *b)
{
	for (size_t off = 0; f->lemmas && off < f->lemmas_len;) {
		size_t l = strlen(f->lemmas + off);

		feat_add(b, "%s:%s", prefix, f->lemmas + off);
		off += l + 1;
	}
}

/* feat_sentences: whether a sentence of field f that names a type also
 * names another provider (the state; an organisation on a government's
 * site; a prefecture on a municipality's) or the page's own body: "the
 * desk of the state" against "the city's desk" (bit 0: type with another
 * provider and not self, bit 1: type with self, bit 2: type alone, bit 3:
 * type with a partner: 商工会と連携して…相談会を開催).  One
 * pass over the text and the hits (hits come in text order). */
static unsigned
feat_sentences(const struct page_ctx *p, const struct field *f)
{
	const struct classifier *c = p->w->c;
	const char *t = f->norm->text;
	size_t n = f->norm->len, pos = 0, sent = 0, cur = (size_t)-1;
	unsigned out = 0, flags = 0; /* of sentence cur: 1 type, 2 other, 4 self, 8 partner */

	for (size_t i = 0; i <= f->hits.n; i++) {
		const struct rules_hit *h = i < f->hits.n ? &f->hits.v[i] : NULL;
		size_t at = h ? h->start : n;
		enum role r;

		for (; pos < at && pos < n; pos++)
			if (t[pos] == '\n' || (pos + 3 <= n && memcmp(t + pos, "。", 3) == 0))
				sent++;
		if (sent != cur || !h) {
			if ((flags & 1) && (flags & 2) && !(flags & 4))
				out |= 1;
			if ((flags & 1) && (flags & 4))
				out |= 2;
			if (flags == 1)
				out |= 4;
			if ((flags & 1) && (flags & 8))
				out |= 8;
			flags = 0;
			cur = sent;
		}
		if (!h)
			break;
		r = hit_role(c, h);
		if (r >= ROLE_TYPE_ED && r <= ROLE_TYPE_WR)
			flags |= 1;
		else if (r == ROLE_OTHER_STATE || (p->gov_host && r == ROLE_OTHER_ORG) ||
		    (p->muni_host && (r == ROLE_OTHER_PREF || r == ROLE_PREF_ACTS)))
			flags |= 2;
		else if (r == ROLE_SELF || (p->gov_host && !p->muni_host && r == ROLE_PREF_ACTS))
			flags |= 4;
		else if (r == ROLE_PARTNER)
			flags |= 8;
	}
	return out;
}

/* unit_features: what the model weighs for unit u (docs/MODEL.md): the
 * unit's place in the page, its size, the types its cues carry, the rules'
 * objections, the labels and rows of the rules that hit it, and its title's
 * words.  Names only; every feature is present (1) or absent (0). */
static void
unit_features(const struct page_ctx *p, const struct unit *u, struct buf *b)
{
	static const char *const tn[PROGRAM_NTYPES] = { "ed", "cd", "wr" };
	static const size_t text_edges[] = { 1, 60, 200, 600, 2000 };
	static const char *const text_names[] = { "0", "1-59", "60-199", "200-599", "600-1999", "2000+" };
	static const size_t title_edges[] = { 1, 8, 16, 28 };
	static const char *const title_names[] = { "0", "1-7", "8-15", "16-27", "28+" };
	const struct unit *pu = u->parent >= 0 ? &p->units[u->parent] : NULL;
	const struct field *head = u->head >= 0 ? &p->heads[u->head] : &p->title;
	struct buf seen = BUF_INIT;
	size_t depth = 0, nt = 0, ntyped = p->typed_units;
	/* typed units under the same parent, u itself left out */
	size_t sib = p->typed_under[u->parent + 1] - 1;

	for (const struct unit *a = pu; a && depth < 8; a = a->parent >= 0 ? &p->units[a->parent] : NULL)
		depth++;
	feat_add(b, "kind:%s", u->head < 0 ? "page" :
	    p->page->sections[u->head].kind == EXTRACT_ITEM ? "item" : "heading");
	feat_add(b, "depth:%zu", depth > 3 ? 3 : depth);
	feat_add(b, "typed_units:%s", ntyped == 1 ? "1" : ntyped <= 3 ? "2-3" : "4+");
	feat_add(b, "typed_siblings:%s", sib == 0 ? "0" : sib == 1 ? "1" : "2+");
	feat_add(b, "text:%s", bucket(u->text_chars, text_edges, 5, text_names));
	feat_add(b, "title_chars:%s", bucket(util_utf8_chars(head->norm->text, head->norm->len), title_edges, 4,
	    title_names));
	if (u->text_chars > 0 && 4 * u->link_chars >= u->text_chars)
		feat_add(b, "links:%s", 2 * u->link_chars >= u->text_chars ? "half" : "quarter");
	if (u->link_entries)
		feat_add(b, "link_entries");
	feat_add(b, "host:%s", p->muni_host ? "municipality" : p->gov_host ? "prefecture" : "other");
	for (int t = 0; t < PROGRAM_NTYPES; t++) {
		if (u->types & (1u << t)) {
			nt++;
			feat_add(b, "type:%s", tn[t]);
			if (u->head_type[t] >= 1.0)
				feat_add(b, "head_type:%s", tn[t]);
			if (u->type_score[t] >= 3.0)
				feat_add(b, "type_many:%s", tn[t]);
		}
	}
	if (nt >= 2)
		feat_add(b, "types:2+");
	if (max_type(p->units[0].head_type) >= 1.0)
		feat_add(b, "page_title_typed");
	if (u->head_business)
		feat_add(b, "business:head");
	if (u->body_business)
		feat_add(b, "business:body");
	if (pu && (pu->head_business || pu->body_business))
		feat_add(b, "business:parent");
	if (p->units[0].head_business)
		feat_add(b, "business:page_title");
	if (u->head_other)
		feat_add(b, "others_audience:head");
	if (u->head_self || u->body_self)
		feat_add(b, "self:%s", u->head_self ? "head" : "body");
	if (u->head_open)
		feat_add(b, "open:head");
	if (u->sub_typed)
		feat_add(b, "sub_typed:%s", u->sub_typed == 1 ? "1" : "2+");
	if (u->sub_notprogram)
		feat_add(b, "sub_notprogram:%s", u->sub_notprogram <= 2 ? "1-2" : "3+");
	if (u->sub_other)
		feat_add(b, "sub_other");
	if (u->others_below)
		feat_add(b, "others_below");
	if (u->head_mention && !u->head_self)
		feat_add(b, "mention:head");
	if (u->body_mention)
		feat_add(b, "mention:body%s", u->head_self || u->body_self ? "_self" : "");
	if (u->body_link && u->text_chars < MENTION_MAX_CHARS)
		feat_add(b, "mention:link_short");
	{
		unsigned sf = feat_sentences(p, head);

		for (size_t m = 0; m < u->nsecs; m++)
			if (!link_entry(p, u, u->secs[m]))
				sf |= feat_sentences(p, &p->bodies[u->secs[m]]);
		if (sf & 1)
			feat_add(b, "sentence:type_other");
		if (sf & 2)
			feat_add(b, "sentence:type_self");
		if (sf & 4)
			feat_add(b, "sentence:type_alone");
		if (sf & 8)
			feat_add(b, "sentence:type_partner");
	}
	if (u->gates == 0)
		feat_add(b, "rules:program");
	for (int k = 0; k < GATE_N; k++)
		if (u->gates & (1u << k))
			feat_add(b, "gate:%s", gate_names[k]);
	feat_hits(p, head, "h", b, &seen);
	for (size_t m = 0; m < u->nsecs; m++) {
		size_t i = u->secs[m];

		if (link_entry(p, u, i))
			continue;
		feat_hits(p, &p->bodies[i], "b", b, &seen);
		if ((int)i != u->head)
			feat_hits(p, &p->heads[i], "b", b, &seen);
	}
	if (u->head >= 0)
		feat_hits(p, &p->title, "p", b, &seen);
	if (pu && pu->head >= 0)
		feat_hits(p, &p->heads[pu->head], "a", b, &seen);
	feat_lemmas(head, "w", b);
	buf_free(&seen);
}

static void
score_units(struct page_ctx *p)
{
	const struct classifier *c = p->w->c;

	for (size_t k = 0; k < p->nunits; k++) {
		struct unit *u = &p->units[k];
		struct type_evidence te;

		memset(&te, 0, sizeof(te));
		memcpy(u->type_score, u->head_type, sizeof(u->type_score));
		if (u->head >= 0)
			field_type_evidence(c, &p->heads[u->head], &te, PROGRAM_TYPES_ALL);
		else
			field_type_evidence(c, &p->title, &te, PROGRAM_TYPES_ALL);
		for (size_t m = 0; m < u->nsecs; m++) {
			size_t i = u->secs[m];
			const struct field *b = &p->bodies[i];

			if (link_entry(p, u, i)) {
				u->link_entries++;
				continue;
			}
			/* under an eligibility heading (対象者, 要件) a type word is a
			 * condition on the applicant (…の経営相談を受けていること),
			 * not what the unit offers */
			if (!in_heading_role(p, u, i, ROLE_CONDITION)) {
				/* under an eligible-expense heading (対象経費) a
				 * dispatch or desk word names a service the
				 * business buys (専門家の助言を受けるための経費),
				 * not one offered; telework equipment bought with
				 * a subsidy is still work-style support */
				unsigned mask = in_heading_role(p, u, i, ROLE_EXPENSE) ||
				    in_heading_role(p, u, i, ROLE_EXPENSE_LIST) ?
				    1u << (ROLE_TYPE_WR - ROLE_TYPE_ED) : PROGRAM_TYPES_ALL;

				field_type_scores(c, b, u->type_score, mask);
				field_type_evidence(c, b, &te, mask);
				if ((int)i != u->head) {
					field_type_scores(c, &p->heads[i], u->type_score, mask);
					field_type_evidence(c, &p->heads[i], &te, mask);
				}
			}
			if (field_has(c, b, ROLE_AUD_BUSINESS) ||
			    ((int)i != u->head && field_has(c, &p->heads[i], ROLE_AUD_BUSINESS)))
				u->body_business = true;
			if (field_has(c, b, ROLE_MENTION))
				u->body_link = true;
			if (field_has(c, b, ROLE_APPLICATION))
				u->body_application = true;
			if (field_elsewhere(p, b) || ((int)i != u->head && field_elsewhere(p, &p->heads[i])))
				u->body_mention = true;
			if ((int)i != u->head && field_has(c, &p->heads[i], ROLE_AUD_OTHER))
				u->sub_other++;
			if ((int)i != u->head && (field_has(c, &p->heads[i], ROLE_NOTPROGRAM) ||
						     field_elsewhere(p, &p->heads[i])))
				u->sub_notprogram++;
			if ((int)i != u->head) {
				double st[PROGRAM_NTYPES] = { 0, 0, 0 };

				field_type_scores(c, &p->heads[i], st, PROGRAM_TYPES_ALL);
				if (max_type(st) >= 1.0)
					u->sub_typed++;
			}
			if ((int)i != u->head && field_has(c, &p->heads[i], ROLE_AUD_BUSINESS))
				u->sub_business++;
			if (field_self(p, b) || ((int)i != u->head && field_self(p, &p->heads[i])))
				u->body_self = true;
			if (field_has(c, b, ROLE_PARTNER) && (feat_sentences(p, b) & 8))
				u->partner = true;
			{
				size_t all = util_utf8_chars(b->norm->text, b->norm->len),
				       foot = footer_chars(c->words, p->page->sections[i].text);

				u->text_chars += all > foot ? all - foot : 0;
			}
			for (size_t l = 0; l < p->page->sections[i].nlinks; l++) {
				const char *lt = p->page->sections[i].links[l].text;

				/* the link of the unit's own title (an entry
				 * linking to its page) is no index of others */
				if (lt && (int)i == u->head && p->page->sections[i].heading &&
				    strcmp(lt, p->page->sections[i].heading) == 0)
					continue;
				if (lt)
					u->link_chars += util_utf8_chars(lt, strlen(lt));
			}
		}
		for (int t = 0; t < PROGRAM_NTYPES; t++)
			if (!te.strong[t] && !te.weak2[t])
				u->type_score[t] = 0;
	}
	for (size_t k = 0; k < p->nunits; k++) {
		struct unit *u = &p->units[k];
		unsigned g = 0;
		bool other;

		for (int t = 0; t < PROGRAM_NTYPES; t++)
			if (u->type_score[t] >= 1.0)
				u->types |= 1u << t;
		if (!u->types)
			continue;
		/* a heading with no text of its own (a hub heading over other
		 * units, a requirements line, a bare list of links) names a
		 * group or a detail, not a program; a one-line list item
		 * longer than a label (経営相談窓口（毎週水曜日・無料）) is its
		 * own text, a bare one (■相談窓口 over a table) is not */
		if (u->text_chars == 0 &&
		    (u->head < 0 || p->page->sections[u->head].kind != EXTRACT_ITEM ||
			heading_short(&p->heads[u->head]) || topic_of_parent(p, u)))
			g |= 1u << GATE_NO_TEXT;
		/* a budget line (感染症対応のアドバイザーの派遣［3百万円］) is a
		 * line item, not an offer, unless it says the body opens
		 * something (窓口設置) or its own text says what businesses get
		 * (＊在宅勤務の規定を整備した事業者に奨励金を支給): a measure
		 * for them, described on its line */
		if (u->head_budget && !u->head_open && !u->body_business)
			g |= 1u << GATE_BUDGET;
		/* a loan, benefit, tax or certification heading: body cues are its
		 * contact desk, and a work-style word names what is certified;
		 * only a dispatch or desk in the heading itself makes it one */
		if ((u->head_notprogram && u->head_type[0] < 1.0 && u->head_type[1] < 1.0) ||
		    u->head_notprogram_hard)
			g |= 1u << GATE_NOTPROGRAM;
		/* someone else's program (the state's, a prefecture's on a city
		 * page, a chamber's or a lender's on a government page), unless
		 * the unit says the page's own body runs, funds or commissions
		 * it (市では, 市の委託, 当所) */
		if ((u->head_mention && !u->head_self) ||
		    (u->body_mention && !u->head_self && !u->body_self && !u->partner) ||
		    (u->body_link && u->text_chars < MENTION_MAX_CHARS))
			g |= 1u << GATE_MENTION;
		/* under a heading naming someone else (大阪府, 【国】, 商工会議所の
		 * …) or a pointer list (相談窓口一覧, 更新情報): theirs, unless the
		 * unit says the page's own body runs it or is an entry linking to
		 * its own page on this site */
		if (!u->head_self && !u->body_self && !own_entry(p, u) &&
		    ancestor_has(p, u, ANC_MENTION))
			g |= 1u << GATE_PARENT_MENTION;
		/* a detail under a loan or benefit heading: only a dispatch or a
		 * desk in its own heading makes it a program, and not the desk of
		 * that benefit (…助成金相談コールセンター), where it is applied
		 * for (申請および相談窓口) or one whose text is about applying
		 * (申請方法や書類の書き方のご質問), unless the heading says the
		 * body opens the desk (「…支援金」の相談窓口の開設): a
		 * consultation desk set up as a service of its own */
		if (ancestor_has(p, u, ANC_NOTPROGRAM) &&
		    (u->head_notprogram || u->body_application ||
			(u->head_type[0] < 1.0 && u->head_type[1] < 1.0)) &&
		    !(u->head_open && (u->head_type[0] >= 1.0 || u->head_type[1] >= 1.0)))
			g |= 1u << GATE_PARENT_NOTPROGRAM;
		/* a list of links (an index or news page) points at programs
		 * described elsewhere */
		if (u->text_chars > 0 && (double)u->link_chars >= LINKLIST_SHARE * (double)u->text_chars)
			g |= 1u << GATE_LINKS;
		/* expert dispatch and work-style reform are offered to
		 * employers by nature; a desk must show its audience */
		if (!unit_business_context(p, u))
			g |= 1u << GATE_AUDIENCE;
		/* a summary of measures: its headings are mostly loans,
		 * benefits and other bodies' programs (融資, 給付金, よろず支援拠点) */
		if (u->sub_notprogram >= 3 && u->sub_notprogram > 2 * u->sub_typed)
			g |= 1u << GATE_SUMMARY;
		/* a list of residents' desks (法律相談, 子育て, 年金 as its
		 * headings), or a desk without a business word of its own listed
		 * beside residents' desks */
		if (!u->head_business &&
		    ((u->sub_other >= 2 && u->sub_other > u->sub_business) ||
			(!u->body_business && sibling_other(p, u))))
			g |= 1u << GATE_RESIDENTS;
		/* residents or job seekers named in the title, businesses not */
		other = u->head_other || (p->units[0].head_other && !p->units[0].head_business) ||
		    ancestor_has(p, u, ANC_OTHER);
		if (other && !u->head_business)
			g |= 1u << GATE_OTHER_AUDIENCE;
		u->gates = g;
		/* the rules' first objection names why it is not a program, and
		 * a unit refused as someone else's counts for the heading above */
		for (int k2 = 0; k2 < GATE_N; k2++)
			if (g & (1u << k2)) {
				u->why = gate_names[k2];
				if ((k2 == GATE_MENTION || k2 == GATE_PARENT_MENTION) && u->parent >= 0)
					p->units[u->parent].others_below++;
				break;
			}
	}
	/* a heading over a list of other bodies' desks (道, 商工会議所, 公庫
	 * each under its own heading) introduces that list; it is no program
	 * of its own unless it says the page's body runs it */
	for (size_t k = 0; k < p->nunits; k++) {
		struct unit *u = &p->units[k];

		if (!u->types)
			continue;
		if (u->others_below >= 2 && !u->head_self && !u->body_self) {
			u->gates |= 1u << GATE_OTHERS_LIST;
			if (!u->why)
				u->why = gate_names[GATE_OTHERS_LIST];
		}
		u->rule_program = u->gates == 0;
	}
	if (p->w->c->features) {
		/* counts the features of every candidate read: typed units on
		 * the page and under each parent (index parent + 1) */
		p->typed_under = xcalloc(p->nunits + 1, sizeof(*p->typed_under));
		for (size_t k = 0; k < p->nunits; k++)
			if (p->units[k].types) {
				p->typed_units++;
				p->typed_under[p->units[k].parent + 1]++;
			}
	}
	if (p->w->c->features)
		for (size_t k = 0; k < p->nunits; k++) {
			struct unit *u = &p->units[k];
			struct buf b = BUF_INIT;

			if (!u->types)
				continue;
			unit_features(p, u, &b);
			u->feats = buf_detach(&b, &u->feats_len);
			/* the decision scores again (classify_cands_decide, with
			 * any model): here only for the debug log */
			if (p->w->c->weights && log_level_current >= LOG_DEBUG)
				u->score = model_score(p->w->c->weights, u->feats, u->feats_len);
		}
}

/* ---- criteria ---- */

struct crit {
	const struct field *f;
	const struct rules_hit *h;
};

static void
crit_first(struct crit *c, const struct field *f, const struct rules_hit *h)
{
	if (!c->h) {
		c->f = f;
		c->h = h;
	}
}

/* crit_text: the first hit, but a sentence of the program's text before a
 * title that only names the field (テレワーク導入支援 says less than 「…IT
 * 機器の導入を支援します」) */
static void
crit_text(struct crit *c, const struct field *f, const struct rules_hit *h)
{
	if (!c->h || (c->f->field != RULES_BODY && f->field == RULES_BODY)) {
		c->f = f;
		c->h = h;
	}
}

static void
emit_program(struct page_ctx *p, struct unit *u, const struct classify_page_meta *meta,
	const char *sha, struct classify_programs *out)
{
	const struct classifier *c = p->w->c;
	struct crit type_ev[PROGRAM_NTYPES] = { { 0 } };
	struct crit it = { 0 }, reg = { 0 }, free_c = { 0 }, part = { 0 }, paid = { 0 };
	struct crit visits = { 0 }, multi = { 0 }, single = { 0 };
	long maxv = 0;
	struct program_evidences ev = PROGRAM_EVIDENCES_INIT;
	struct classify_program *pr;
	const struct field *fields[64];
	bool expense[64]; /* the field lies under an eligible-expense heading */
	size_t nf = 0;

	if (u->head < 0) {
		expense[nf] = false;
		fields[nf++] = &p->title;
	}
	for (size_t m = 0; m < u->nsecs && nf + 2 <= sizeof(fields) / sizeof(*fields); m++) {
		size_t i = u->secs[m];

		/* a trailing list of links is not the program's text */
		if (link_entry(p, u, i))
			continue;
		expense[nf] = expense[nf + 1] = in_heading_role(p, u, i, ROLE_EXPENSE);
		fields[nf++] = &p->heads[i];
		fields[nf++] = &p->bodies[i];
	}
	for (size_t k = 0; k < nf; k++) {
		const struct field *f = fields[k];

		for (size_t i = 0; i < f->hits.n; i++) {
			const struct rules_hit *h = &f->hits.v[i];

			switch (hit_role(c, h)) {
			case ROLE_TYPE_ED: case ROLE_TYPE_CD: case ROLE_TYPE_WR:
				crit_first(&type_ev[hit_role(c, h) - ROLE_TYPE_ED], f, h);
				break;
			case ROLE_IT:
				/* software in a list of eligible expenses is
				 * something to buy, not the program's field */
				if (!expense[k])
					crit_text(&it, f, h);
				break;
			case ROLE_REGISTRY: crit_text(&reg, f, h); break;
			case ROLE_COST_FREE: crit_first(&free_c, f, h); break;
			case ROLE_COST_PARTIAL: crit_first(&part, f, h); break;
			case ROLE_COST_PAID: crit_first(&paid, f, h); break;
			case ROLE_VISITS:
				if (h->number > maxv && h->number < 1000) {
					maxv = h->number;
					visits.f = f;
					visits.h = h;
				}
				break;
			case ROLE_CONT_MULTIPLE: crit_first(&multi, f, h); break;
			case ROLE_CONT_SINGLE: crit_first(&single, f, h); break;
			default: break;
			}
		}
	}
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	pr = &out->v[out->n++];
	memset(pr, 0, sizeof(*pr));
	pr->municipality_code = xstrdup(meta->municipality_code ? meta->municipality_code : "");
	pr->program = xstrdup(u->title && *u->title ? u->title : "");
	if (u->head >= 0) {
		/* the program's name without the budget figure after it
		 * (テレワーク導入奨励金の支給 【補正額】1千万円) */
		const struct field *h = &p->heads[u->head];
		size_t n = title_len(c, h), os, oe;

		if (n > 0 && n < h->norm->len && strcmp(h->orig, pr->program) == 0) {
			norm_orig(h->norm, 0, n, &os, &oe);
			while (oe > 0 && (h->orig[oe - 1] == ' ' || h->orig[oe - 1] == '\t'))
				oe--;
			if (oe > 0) {
				free(pr->program);
				pr->program = xstrndup(h->orig, oe);
			}
		}
	}
	{
		/* the heading's own number is no part of the name (１ 市ワン
		 * ストップ相談窓口で相談, (2) 専門家派遣) */
		size_t mk = extract_number_len(pr->program, strlen(pr->program));

		if (mk > 0)
			memmove(pr->program, pr->program + mk, strlen(pr->program + mk) + 1);
	}
	pr->url = xstrdup(meta->url ? meta->url : p->page->url ? p->page->url : "");
	pr->types = u->types;
	pr->it_security = it.h != NULL;
	pr->expert_registry = reg.h != NULL;
	if (part.h || (free_c.h && paid.h))
		pr->cost = COST_PARTIAL;
	else if (free_c.h)
		pr->cost = COST_FREE;
	else if (paid.h)
		pr->cost = COST_PAID;
	pr->max_visits = (int)maxv;
	if (maxv == 1)
		pr->continuity = CONT_SINGLE;
	else if (maxv >= 2 || multi.h)
		pr->continuity = CONT_MULTIPLE;
	else if (single.h)
		pr->continuity = CONT_SINGLE;
	pr->riss_fit = program_riss_fit(pr->it_security, pr->expert_registry, pr->cost,
	    pr->continuity);
	for (int t = 0; t < PROGRAM_NTYPES; t++)
		if (u->types & (1u << t))
			evidence_add(&ev, c, program_types[t], type_ev[t].f, type_ev[t].h);
	if (pr->it_security)
		evidence_add(&ev, c, program_columns[PC_IT_SECURITY], it.f, it.h);
	if (pr->expert_registry)
		evidence_add(&ev, c, program_columns[PC_EXPERT_REGISTRY], reg.f, reg.h);
	if (pr->cost == COST_PARTIAL)
		evidence_add(&ev, c, program_columns[PC_COST], part.h ? part.f : paid.f, part.h ? part.h : paid.h);
	else if (pr->cost == COST_FREE)
		evidence_add(&ev, c, program_columns[PC_COST], free_c.f, free_c.h);
	else if (pr->cost == COST_PAID)
		evidence_add(&ev, c, program_columns[PC_COST], paid.f, paid.h);
	if (maxv > 0)
		evidence_add(&ev, c, program_columns[PC_MAX_VISITS], visits.f, visits.h);
	else if (pr->continuity == CONT_MULTIPLE)
		evidence_add(&ev, c, program_columns[PC_CONTINUITY], multi.f, multi.h);
	else if (pr->continuity == CONT_SINGLE)
		evidence_add(&ev, c, program_columns[PC_CONTINUITY], single.f, single.h);
	pr->evidence = ev;
	memcpy(pr->page_sha256, sha, 65);
	pr->fetched_at = xstrdup(meta->fetched_at ? meta->fetched_at : "");
	pr->extra_urls = xstrdup("");
	pr->page_id = meta->page_id;
	pr->whole_page = u->head < 0;
	for (size_t m = 0; m < u->nsecs; m++) {
		const struct extract_section *s = &p->page->sections[u->secs[m]];

		for (size_t l = 0; l < s->nlinks; l++) {
			if (!s->links[l].href || !*s->links[l].href)
				continue;
			pr->links = xreallocarray(pr->links, pr->nlinks + 1, sizeof(char *));
			pr->links[pr->nlinks++] = xstrdup(s->links[l].href);
		}
	}
}

/* is_home_page: "http://host/", "http://host/index.html" and the like */
static bool
is_home_page(const char *url)
{
	const char *p;

	if (!url || (p = url_path(url)) == NULL)
		return false;
	if (*p != '/')
		return true;
	p++;
	return *p == '\0' || *p == '?' || strncmp(p, "index.", 6) == 0 || strncmp(p, "top.", 4) == 0 ||
	    strncmp(p, "default.", 8) == 0;
}

/* is_state_page: the national government's sites (go.jp) offer national
 * programs, never a local government's */
static bool
is_state_page(const char *url)
{
	const char *p;
	size_t n;

	if (!url || (p = url_host_span(url, &n)) == NULL)
		return false;
	return n >= 6 && strncmp(p + n - 6, ".go.jp", 6) == 0;
}

/* host_kind: a local government's site (city.x.jp, pref.x.lg.jp,
 * town.x.y.jp, vill..., *.lg.jp) and whether it is a municipality's */
static void
host_kind(const char *url, bool *gov, bool *muni)
{
	static const char *const munis[] = { "city.", "town.", "vill.", "ward." };
	const char *p;
	char host[256];
	size_t n;

	*gov = *muni = false;
	if (!url || (p = url_host_span(url, &n)) == NULL)
		return;
	if (n > sizeof(host) - 1)
		n = sizeof(host) - 1;
	for (size_t i = 0; i < n; i++)
		host[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	host[n] = '\0';
	for (size_t i = 0; i < sizeof(munis) / sizeof(*munis); i++) {
		const char *m = strstr(host, munis[i]);

		if (m && (m == host || m[-1] == '.'))
			*muni = true;
	}
	*gov = *muni || strstr(host, ".lg.jp") || strncmp(host, "pref.", 5) == 0 ||
	    strstr(host, ".pref.");
}

/* debug_units: what a researcher tuning rules needs (muniscan -v) */
static void
debug_units(const struct page_ctx *p)
{
	const struct classifier *c = p->w->c;

	for (size_t k = 0; k < p->nunits; k++) {
		const struct unit *u = &p->units[k];
		struct buf b = BUF_INIT;

		for (size_t m = 0; m < u->nsecs; m++) {
			const struct field *fs[2] = { &p->heads[u->secs[m]], &p->bodies[u->secs[m]] };

			for (int f = 0; f < 2; f++)
				for (size_t i = 0; i < fs[f]->hits.n; i++) {
					const struct rules_hit *h = &fs[f]->hits.v[i];

					buf_addf(&b, " %s[%.*s]", rules_label_name(c->rules, h->label),
					    (int)(h->end - h->start), fs[f]->norm->text + h->start);
				}
		}
		log_debug("%s: unit %zu (head %d, parent %d) '%s' types %.1f/%.1f/%.1f%s%s%s%s "
		    "biz %d/%d self %d/%d chars %zu links %zu -> rules %s%s model %.3f",
		    p->page->url ? p->page->url : "", k,
		    u->head, u->parent, u->title ? u->title : "", u->type_score[0], u->type_score[1],
		    u->type_score[2], u->head_notprogram ? " notprogram" : "",
		    u->head_mention ? " mention" : "", u->body_mention ? " body-mention" : "",
		    u->head_other ? " other-audience" : "", u->head_business, u->body_business,
		    u->head_self, u->body_self, u->text_chars, u->link_chars,
		    !u->types ? "-" : u->rule_program ? "PROGRAM" : "no:", u->rule_program || !u->why ? "" : u->why,
		    u->score);
		/* the hits in lines short enough for the log's line buffer */
		for (size_t off = 0; off < b.len;) {
			size_t n = b.len - off > 1500 ? 1500 : b.len - off;

			while (off + n < b.len && (b.ptr[off + n] & 0xC0) == 0x80)
				n--;
			log_debug("  unit %zu hits:%.*s", k, (int)n, b.ptr + off);
			off += n;
		}
		buf_free(&b);
	}
}

int
classify_page_cands(struct classify_worker *w, const struct extract_page *page,
	const struct classify_page_meta *meta, struct classify_page_cands *out)
{
	struct page_ctx p;
	struct classify_page_meta m0 = { NULL, NULL, NULL, 0 };
	struct classify_programs rows = CLASSIFY_PROGRAMS_INIT;
	char sha[65];
	size_t ncand = 0;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	memset(out, 0, sizeof(*out));
	if (!meta)
		meta = &m0;
	p.w = w;
	p.page = page;
	p.url = meta->url ? meta->url : page->url;
	host_kind(p.url, &p.gov_host, &p.muni_host);
	p.heads = xcalloc(page->nsections ? page->nsections : 1, sizeof(*p.heads));
	p.bodies = xcalloc(page->nsections ? page->nsections : 1, sizeof(*p.bodies));
	/* a site's home page is a portal to programs, never one itself; a
	 * national-government page is the state's: neither is tokenised */
	if (is_home_page(meta->url ? meta->url : page->url) ||
	    is_state_page(meta->url ? meta->url : page->url))
		goto out;
	if ((rc = field_match(w, &p.title, page->title, RULES_TITLE)) < 0)
		goto out;
	for (size_t i = 0; i < page->nsections; i++) {
		if ((rc = field_match(w, &p.heads[i], page->sections[i].heading, RULES_HEADING)) < 0)
			goto out;
		if ((rc = field_match(w, &p.bodies[i], page->sections[i].text, RULES_BODY)) < 0)
			goto out;
	}
	build_units(&p);
	score_units(&p);
	if (log_level_current >= LOG_DEBUG)
		debug_units(&p);
	for (size_t k = 0; k < p.nunits; k++)
		if (p.units[k].types)
			ncand++;
	if (ncand == 0)
		goto out;
	/* the page's hash is only written on its program rows (in
	 * classify_cands_decide): most pages have none, and normalising a
	 * whole page again is not free */
	memset(sha, 0, sizeof(sha));
	out->main_text = page->main_text ? page->main_text : "";
	out->words = w->c->words;
	out->nunits = p.nunits;
	out->parent = xcalloc(p.nunits, sizeof(*out->parent));
	out->v = xcalloc(ncand, sizeof(*out->v));
	for (size_t k = 0; k < p.nunits; k++) {
		struct unit *u = &p.units[k];
		struct classify_cand *cd;

		out->parent[k] = u->parent;
		if (!u->types)
			continue;
		if (!u->title || !*u->title)
			u->title = page->title;
		emit_program(&p, u, meta, sha, &rows);
		cd = &out->v[out->n++];
		cd->row = rows.v[rows.n - 1];
		cd->unit = (int)k;
		cd->own_text = u->text_chars > 0;
		cd->rule_program = u->rule_program;
		cd->feats = u->feats;
		cd->feats_len = u->feats_len;
		u->feats = NULL;
	}
	free(rows.v);
out:
	field_free(&p.title);
	for (size_t i = 0; i < page->nsections; i++) {
		field_free(&p.heads[i]);
		field_free(&p.bodies[i]);
	}
	free(p.heads);
	free(p.bodies);
	for (size_t k = 0; k < p.nunits; k++) {
		free(p.units[k].secs);
		free(p.units[k].feats);
	}
	free(p.units);
	free(p.unit_of);
	for (size_t i = 0; p.labels && i < page->nsections; i++)
		free(p.labels[i]);
	free(p.labels);
	free(p.typed_under);
	return rc;
}

void
classify_page_cands_free(struct classify_page_cands *pc)
{
	for (size_t i = 0; i < pc->n; i++) {
		classify_program_clear(&pc->v[i].row);
		free(pc->v[i].feats);
	}
	free(pc->v);
	free(pc->parent);
	memset(pc, 0, sizeof(*pc));
}

void
classify_cands_decide(const struct classify_page_cands *pc, const struct model *m,
	struct classify_programs *out)
{
	unsigned *desc, *ptypes;
	bool *prog;
	long *cand_of;
	size_t first = out->n, nprog = 0, *from;

	if (pc->n == 0)
		return;
	desc = xcalloc(pc->nunits, sizeof(*desc));
	ptypes = xcalloc(pc->nunits, sizeof(*ptypes));
	prog = xcalloc(pc->nunits, sizeof(*prog));
	cand_of = xcalloc(pc->nunits, sizeof(*cand_of));
	for (size_t k = 0; k < pc->nunits; k++)
		cand_of[k] = -1;
	for (size_t i = 0; i < pc->n; i++) {
		const struct classify_cand *cd = &pc->v[i];

		cand_of[cd->unit] = (long)i;
		ptypes[cd->unit] = cd->row.types;
		prog[cd->unit] = m ? model_score(m, cd->feats, cd->feats_len) >= model_threshold(m) :
		    cd->rule_program;
	}
	/* prefer the most specific unit: children after parents in index order */
	for (size_t k = pc->nunits; k-- > 0;) {
		if (prog[k] && (ptypes[k] & ~desc[k]) == 0 && desc[k])
			prog[k] = false;
		if (pc->parent[k] >= 0)
			desc[pc->parent[k]] |= desc[k] | (prog[k] ? ptypes[k] : 0);
	}
	from = xcalloc(pc->n, sizeof(*from));
	for (size_t k = 0; k < pc->nunits; k++) {
		if (!prog[k])
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
		}
		from[out->n - first] = (size_t)cand_of[k];
		classify_program_copy(&out->v[out->n++], &pc->v[cand_of[k]].row);
		nprog++;
	}
	if (nprog > 0) {
		char sha[65];

		program_page_sha256(sha, pc->main_text);
		for (size_t i = first; i < out->n; i++)
			memcpy(out->v[i].page_sha256, sha, sizeof(sha));
	}
	/* one program under two headings of one page (経営支援相談, then
	 * 経営支援相談窓口の開設): keep the first.  Two sibling units each
	 * with its own text are two programs even when one title contains
	 * the other (経営相談窓口の設置, オンライン経営相談窓口の設置). */
	for (size_t i = first; i < out->n; i++) {
		char *ki = classify_title_key(pc->words, out->v[i].program);

		for (size_t j = i + 1; j < out->n;) {
			char *kj = classify_title_key(pc->words, out->v[j].program);
			const struct classify_cand *ui = &pc->v[from[i - first]], *uj = &pc->v[from[j - first]];
			bool same = (out->v[i].types & out->v[j].types) && util_utf8_chars(ki, strlen(ki)) >= 6 &&
			    util_utf8_chars(kj, strlen(kj)) >= 6 && (strstr(ki, kj) || strstr(kj, ki)) &&
			    !(pc->parent[ui->unit] == pc->parent[uj->unit] && ui->own_text && uj->own_text);

			free(kj);
			if (!same) {
				j++;
				continue;
			}
			out->v[i].types |= out->v[j].types;
			classify_program_clear(&out->v[j]);
			memmove(&out->v[j], &out->v[j + 1], (out->n - j - 1) * sizeof(*out->v));
			memmove(&from[j - first], &from[j - first + 1], (out->n - j - 1) * sizeof(*from));
			out->n--;
			nprog--;
		}
		free(ki);
	}
	/* a page describing one program is that program's page */
	if (nprog == 1)
		out->v[first].whole_page = true;
	free(desc);
	free(ptypes);
	free(prog);
	free(cand_of);
	free(from);
}

int
classify_page(struct classify_worker *w, const struct extract_page *page,
	const struct classify_page_meta *meta, struct classify_programs *out)
{
	struct classify_page_cands pc;
	int rc;

	if ((rc = classify_page_cands(w, page, meta, &pc)) < 0)
		return rc;
	classify_cands_decide(&pc, w->c->weights, out);
	classify_page_cands_free(&pc);
	return 0;
}

/* ---- threads ---- */

struct batch {
	struct classifier *c;
	size_t n, next;
	int (*fn)(struct classify_worker *, size_t, void *);
	void *arg;
	pthread_mutex_t mu;
	int rc;
	char errmsg[512];
};

static void *
batch_thread(void *arg)
{
	struct batch *b = arg;
	struct classify_worker *w = NULL;
	int rc;

	if ((rc = classify_worker_new(&w, b->c)) < 0)
		goto fail;
	for (;;) {
		size_t i;

		pthread_mutex_lock(&b->mu);
		i = b->rc < 0 ? b->n : b->next++;
		pthread_mutex_unlock(&b->mu);
		if (i >= b->n)
			break;
		if ((rc = b->fn(w, i, b->arg)) < 0)
			goto fail;
	}
	classify_worker_free(w);
	return NULL;
fail:
	pthread_mutex_lock(&b->mu);
	if (b->rc == 0) {
		b->rc = rc;
		snprintf(b->errmsg, sizeof(b->errmsg), "%s", err_msg());
	}
	pthread_mutex_unlock(&b->mu);
	classify_worker_free(w);
	return NULL;
}

int
classify_batch(struct classifier *c, int threads, size_t n,
	int (*fn)(struct classify_worker *w, size_t i, void *arg), void *arg)
{
	struct batch b;
	pthread_t *tids;
	int started = 0;

	if (threads <= 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);

		threads = cpus > 0 ? (int)cpus : 1;
	}
	if ((size_t)threads > n)
		threads = n > 0 ? (int)n : 1;
	memset(&b, 0, sizeof(b));
	b.c = c;
	b.n = n;
	b.fn = fn;
	b.arg = arg;
	pthread_mutex_init(&b.mu, NULL);
	if (threads == 1) {
		batch_thread(&b);
	} else {
		tids = xcalloc((size_t)threads, sizeof(*tids));
		for (int i = 0; i < threads; i++)
			if (pthread_create(&tids[i], NULL, batch_thread, &b) == 0)
				started++;
		if (started == 0)
			batch_thread(&b);
		for (int i = 0; i < started; i++)
			pthread_join(tids[i], NULL);
		free(tids);
	}
	pthread_mutex_destroy(&b.mu);
	if (b.rc < 0)
		return err_set(b.rc, "%s", b.errmsg);
	return 0;
}
