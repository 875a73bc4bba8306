/* results.h - the computed results: indicators per node and quarter, quantities and assessments per post, violations; the store and its read accessors. */
#ifndef REKAP_RESULTS_H
#define REKAP_RESULTS_H

#include "records.h"
#include "rules.h"

/* One indicator for one node and quarter. NAN marks "nothing to show":
 * num when nothing was reported, den for counts, value when den is 0. */
typedef struct ind_value {
	double num, den, value;
} ind_value;

/* A validation rule that a post's data break. */
typedef struct violation {
	const node *post;
	size_t rule; /* index into rules->validations */
	int period; /* a month when monthly, else a quarter */
	int monthly;
	unsigned line; /* the report row, 0 for a rule checked per quarter */
	double left, right;
} violation;

typedef struct results {
	const rules *rules;
	const records *recs;
	int first_quarter, last_quarter; /* quarter indices (year * 4 + q - 1) */
	size_t nquarters;
	ind_value *values; /* [node index][quarter][indicator] */
	double *post_q; /* [post number][quarter][quantity] */
	size_t *post_number; /* node index -> position in recs->posts, or (size_t)-1 */
	assessment *assessments; /* per post, for the last quarter (valid = 0 when not assessed) */
	size_t *level_counts; /* [node index][level]: assessed posts below the node */
	double *cadre_counts; /* [node index][level]: cadres of the assessed posts below */
	/* [node index][indicator]: the keterangan (explanation) a rumus returned
	 * for the last quarter, or NULL */
	char **notes;
	/* [node index][indicator]: 1 when the sums below the node are not made
	 * of whole numbers only (see compute.c), so that they are added in the
	 * order of the posts */
	unsigned char *inexact;
	/* the results cache's image that values, post_q and inexact lie in,
	 * mapped copy-on-write (then unmapped, not freed), or NULL */
	void *image;
	size_t image_len;
	violation *violations; /* by post, then rule, then period */
	size_t nviolations, capviolations;
	arena *strings; /* assessment texts taken from the results cache */
	rules **rules_used; /* the rules, then a clone per further thread computing */
	size_t nrules_used;
} results;

/* Free what results_compute allocated (and the rules it cloned). */
void results_release(results *res);

const ind_value *results_value(const results *res, const node *n, size_t quarter,
                               size_t indicator);
/* Quantities of a post in a quarter (rules->nquantities values). */
/* NULL when no quarter is published (nquarters 0: no report at all). */
const double *results_post_quantities(const results *res, const node *post, size_t quarter);
const assessment *results_assessment(const results *res, const node *post);
/* The keterangan of indicator ind for n in the last quarter, or NULL. */
const char *results_note(const results *res, const node *n, size_t ind);

/* Whether a violation falls in quarter k of the results. */
int violation_in_quarter(const results *res, const violation *v, size_t k);
/* The violations of the posts below n (n itself when a post), as the index
 * range [*begin, *end) of res->violations: they are kept in post order and a
 * subtree is a contiguous run of the pre-order. */
void results_violations_below(const results *res, const node *n, size_t *begin, size_t *end);

#endif
