/* compute.h - quantities per post and quarter, indicators for every node, and the assessment of posts. */
#ifndef REKAP_COMPUTE_H
#define REKAP_COMPUTE_H

#include "records.h"
#include "results.h"
#include "rules.h"

/* Compute everything for quarters from the first reported one to last_quarter
 * (pass -1 for the quarter of the latest report). Rule failures are recorded
 * in diags. Returns 0, or -1 when a rule failed. */
int results_compute(results *res, const records *recs, rules *r, int last_quarter,
                    diag_list *diags);

/* "sakit = 2" for a side of named values, "10" for a constant side. */
void compute_format_side(buf *out, const rule_side *side, double v);
/* The rule and the values found, apart: "aturan: a ≤ b; nilai: a = 3, b = 2"
 * (English wording for LANG_EN). */
void compute_format_rule_values(buf *out, const validation *rule, const violation *v, lang l);
/* A violation as pages and workbooks show it: "<message> (<rule and values>)". */
void compute_format_violation(buf *out, const rules *r, const violation *v, lang l);

/* Report every violation as a warning at its record file and line. */
void results_report_violations(const results *res, diag_list *diags);

/* What a ratio indicator leaves out at a node in a quarter: the posts
 * below it (the node itself when a post) that reported one side of the
 * ratio but not the other, so that neither side counts, and the sums of
 * the side they reported. For a by_month ratio the same is counted in
 * reports (months, or quarter rows) rather than posts. */
typedef struct left_out {
	size_t num_only, den_only; /* posts, or reports when by_month */
	double num, den; /* what those reported: num_only's, den_only's */
	int by_month;
} left_out;
/* Zero posts for an indicator that is not a ratio. k: a quarter of res. */
void results_left_out(const results *res, const node *n, size_t k, size_t ind, left_out *lo);

/* A sum of reported values: NAN (not reported) only when both are NAN. */
double compute_add_reported(double a, double b);

/* Whether a post exists (formed and not dissolved) during month m. */
int compute_post_exists_in_month(const node *post, int month);

/* How month m's report of a post stands: not owed (the post did not
 * exist), missing, late (after the deadline, or without tanggal_lapor),
 * or on time; *rp gets the report that covers the month (a quarterly
 * one covers all three), NULL when there is none. */
typedef enum {
	REPORT_NOT_OWED,
	REPORT_MISSING,
	REPORT_LATE,
	REPORT_ON_TIME
} report_state;
report_state compute_month_report(const node *post, int m, int deadline_day, const report **rp);
/* The reports of quarter q in state which (REPORT_MISSING or REPORT_LATE),
 * named in out: "November 2024, Desember 2024"; a late one with the day it
 * arrived, "Oktober 2024 (diterima 14 November 2024)", a quarterly one once
 * by its quarter. Returns how many were named. */
size_t compute_format_reports(buf *out, lang l, const node *post, int q, int deadline_day,
                              report_state which);

/* Where a post stands in a quarter: shown as "belum dibentuk" / "sudah
 * bubar" rather than as not reported, and never counted as missing. */
typedef enum { POST_PRESENT, POST_NOT_FORMED, POST_DISSOLVED } post_presence;
post_presence post_presence_in_quarter(const node *post, int quarter);
/* The locale key of a presence that is not POST_PRESENT, else NULL. */
const char *post_presence_key(post_presence p);
/* Why an area (a node above the posts) has no post in a quarter: the
 * locale key "blank_dissolved" when every post below it was dissolved,
 * "blank_not_formed" when none was formed yet or it has none; NULL when
 * one of them exists in the quarter. */
const char *area_presence_key(const records *recs, const node *n, int quarter);

#endif
