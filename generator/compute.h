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
	violation *violations; /* by post, then rule, then period */
	size_t nviolations, capviolations;
	rules **rules_used; /* the rules, then a clone per further thread computing */
	size_t nrules_used;
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

/* "sakit = 2" for a side of named values, "10" for a constant side. */
void format_side(buf *out, const rule_side *side, double v);
/* The rule and the values found, apart: "aturan: a ≤ b; nilai: a = 3, b = 2"
 * (English wording when english). */
void format_rule_values(buf *out, const validation *rule, const violation *v, int english);
/* A violation as pages and workbooks show it: "<message> (<rule and values>)". */
void format_violation(buf *out, const rules *r, const violation *v, int english);

/* Report every violation as a warning at its record file and line. */
void results_report_violations(const results *res, diag_list *diags);
/* Whether a violation falls in quarter k of the results. */
int violation_in_quarter(const results *res, const violation *v, size_t k);
/* The violations of the posts below n (n itself when a post), as the index
 * range [*begin, *end) of res->violations: they are kept in post order and a
 * subtree is a contiguous run of the pre-order. */
void results_violations_below(const results *res, const node *n, size_t *begin, size_t *end);

/* A sum of reported values: NAN (not reported) only when both are NAN. */
double add_reported(double a, double b);

/* Whether a post exists (formed and not dissolved) during month m. */
int post_exists_in_month(const node *post, int month);

/* Where a post stands in a quarter: shown as "belum dibentuk" / "sudah
 * bubar" rather than as not reported, and never counted as missing. */
typedef enum { POST_PRESENT, POST_NOT_FORMED, POST_DISSOLVED } post_presence;
post_presence post_presence_in_quarter(const node *post, int quarter);
/* The locale key of a presence that is not POST_PRESENT, else NULL. */
const char *post_presence_key(post_presence p);

#endif
