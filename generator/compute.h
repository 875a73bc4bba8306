/* compute.h - quantities per post and quarter, indicators for every node, and the assessment of posts. */
#ifndef REKAP_COMPUTE_H
#define REKAP_COMPUTE_H

#include "records.h"
#include "rules.h"

/* One indicator for one node and quarter. NAN marks "nothing to show":
 * num when nothing was reported, den for counts, value when den is 0. */
typedef struct ind_value {
	double num, den, value;
} ind_value;

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
} results;

/* Compute everything for quarters from the first reported one to last_quarter
 * (pass -1 for the quarter of the latest report). Rule failures are recorded
 * in diags. Returns 0, or -1 when a rule failed. */
int results_compute(results *res, const records *recs, rules *r, int last_quarter,
                    diag_list *diags);
void results_release(results *res);

const ind_value *results_value(const results *res, const node *n, size_t quarter,
                               size_t indicator);
/* Quantities of a post in a quarter (rules->nquantities values). */
const double *results_post_quantities(const results *res, const node *post, size_t quarter);
const assessment *results_assessment(const results *res, const node *post);

/* Whether a post exists (formed and not dissolved) during month m. */
int post_exists_in_month(const node *post, int month);

#endif
