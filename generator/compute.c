/* compute.c - from reports to quantities, indicators summed up the tree, and each post's assessment. */
#define _DEFAULT_SOURCE /* madvise */
#include "compute.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "formula.h"
#include "locale.h"
#include "parallel.h"
#include "resultcache.h"

#define HUGE_PAGE ((size_t)2 << 20)

/* An array of n bytes of the results, hundreds of megabytes at national
 * scale: in huge pages where the system gives them, since touching it a
 * page of 4 KiB at a time costs more than filling it. Freed with free(). */
static void *alloc_large(size_t n)
{
	void *p = NULL;
	if (n < HUGE_PAGE || posix_memalign(&p, HUGE_PAGE, n) != 0)
		return xmalloc(n);
	madvise(p, n, MADV_HUGEPAGE);
	return p;
}

/* Posts below which one thread computes alone: a second Lua state costs a
 * few milliseconds to set up. */
#define POSTS_PER_THREAD 500

double compute_add_reported(double a, double b)
{
	if (isnan(a))
		return b;
	if (isnan(b))
		return a;
	return a + b;
}

int compute_post_exists_in_month(const node *post, int month)
{
	if (post->formed != NO_DATE && month < period_date_month(post->formed))
		return 0;
	if (post->dissolved != NO_DATE && month > period_date_month(post->dissolved))
		return 0;
	return 1;
}

post_presence post_presence_in_quarter(const node *post, int quarter)
{
	if (post->formed != NO_DATE && period_date_month(post->formed) > quarter * 3 + 2)
		return POST_NOT_FORMED;
	if (post->dissolved != NO_DATE && period_date_month(post->dissolved) < quarter * 3)
		return POST_DISSOLVED;
	return POST_PRESENT;
}

const char *post_presence_key(post_presence p)
{
	return p == POST_NOT_FORMED ? "not_formed" : p == POST_DISSOLVED ? "dissolved_already" : NULL;
}

/* The last node of n's subtree in the pre-order. */
static size_t last_below(const node *n)
{
	while (n->nchildren)
		n = n->children[n->nchildren - 1];
	return n->index;
}

const char *area_presence_key(const records *recs, const node *n, int quarter)
{
	size_t i, end = last_below(n), posts = 0, dissolved = 0;
	for (i = n->index; i <= end; i++) {
		const node *post = recs->nodes[i];
		post_presence p;
		if (post->kind != NODE_POS)
			continue;
		if ((p = post_presence_in_quarter(post, quarter)) == POST_PRESENT)
			return NULL;
		posts++;
		dissolved += p == POST_DISSOLVED;
	}
	return posts && dissolved == posts ? "blank_dissolved" : "blank_not_formed";
}

/* Aggregate one column over the months of a quarter. */
static double aggregate_column(const double *cells, size_t n, agg_kind agg)
{
	double acc = NAN;
	size_t i, count = 0;
	for (i = 0; i < n; i++) {
		double v = cells[i];
		if (isnan(v))
			continue;
		switch (agg) {
		case AGG_SUM:
		case AGG_AVERAGE:
			acc = isnan(acc) ? v : acc + v;
			break;
		case AGG_LAST:
			acc = v;
			break;
		case AGG_MAX:
			acc = isnan(acc) || v > acc ? v : acc;
			break;
		}
		count++;
	}
	if (agg == AGG_AVERAGE && count)
		acc /= (double)count;
	return acc;
}

/* The reports of a post that fall in quarter q: up to three monthly ones, or
 * one quarterly one. */
typedef struct quarter_reports {
	const report *months[3];
	const report *quarter;
} quarter_reports;

static void find_reports(const node *p, int q, quarter_reports *qr)
{
	size_t i;
	memset(qr, 0, sizeof *qr);
	for (i = 0; i < p->nreports; i++) {
		const report *rp = &p->reports[i];
		if (rp->quarterly && rp->period == q)
			qr->quarter = rp;
		else if (!rp->quarterly && QUARTER_OF_MONTH(rp->period) == q)
			qr->months[rp->period - q * 3] = rp;
	}
}

/* Month m's report of post p, whose reports in m's quarter are qr: a
 * quarterly report stands for every month of its quarter, and is due
 * after its last month. */
static report_state month_state(const node *p, int m, const quarter_reports *qr, int deadline_day,
                                const report **out)
{
	int q = QUARTER_OF_MONTH(m);
	const report *rp = qr->quarter ? qr->quarter : qr->months[m - q * 3];
	int due = qr->quarter ? q * 3 + 2 : m;
	*out = NULL;
	if (!compute_post_exists_in_month(p, m))
		return REPORT_NOT_OWED;
	*out = rp;
	if (!rp)
		return REPORT_MISSING;
	return rp->received != NO_DATE && rp->received <= period_month_deadline(due, deadline_day)
	               ? REPORT_ON_TIME
	               : REPORT_LATE;
}

report_state compute_month_report(const node *post, int m, int deadline_day, const report **rp)
{
	quarter_reports qr;
	find_reports(post, QUARTER_OF_MONTH(m), &qr);
	return month_state(post, m, &qr, deadline_day, rp);
}

size_t compute_format_reports(buf *out, lang l, const node *post, int q, int deadline_day,
                              report_state which)
{
	quarter_reports qr;
	size_t n = 0;
	int m;
	find_reports(post, q, &qr);
	for (m = q * 3; m < q * 3 + 3; m++) {
		const report *rp;
		if (month_state(post, m, &qr, deadline_day, &rp) != which)
			continue;
		if (n++)
			buf_puts(out, ", ");
		if (rp && rp->quarterly)
			fmt_quarter(out, l, q, 0);
		else
			fmt_month(out, l, m);
		if (which == REPORT_LATE && rp->received == NO_DATE) {
			buf_printf(out, " (%s)", tr(l, "late_undated"));
		} else if (which == REPORT_LATE) {
			buf_printf(out, " (%s ", tr(l, "late_received"));
			fmt_date(out, l, rp->received);
			buf_putc(out, ')');
		}
		if (rp && rp->quarterly)
			break; /* one report for the three months */
	}
	return n;
}

static void fixed_quantities(const rules *r, const node *p, int q, const quarter_reports *qr,
                             double *out)
{
	int m, year = q / 4;
	size_t i;
	double exist = 0, received = 0, on_time = 0, active = 0;
	for (m = q * 3; m < q * 3 + 3; m++) {
		const report *rp;
		report_state st = month_state(p, m, qr, r->deadline_day, &rp);
		if (st == REPORT_NOT_OWED)
			continue;
		exist++;
		if (st == REPORT_MISSING)
			continue;
		received++;
		on_time += st == REPORT_ON_TIME;
		if (!qr->quarter && r->hari_buka_col != (size_t)-1 &&
		    rp->values[r->hari_buka_col] >= 1)
			active++;
	}
	/* a quarterly report's hari_buka covers the months the post existed in */
	if (qr->quarter && exist > 0 && r->hari_buka_col != (size_t)-1 &&
	    qr->quarter->values[r->hari_buka_col] >= exist)
		active = exist;
	out[Q_POS_ADA] = exist > 0 ? 1 : 0;
	out[Q_BULAN_ADA] = exist;
	out[Q_LAPORAN_DIHARAPKAN] = exist;
	out[Q_LAPORAN_DITERIMA] = received;
	out[Q_LAPORAN_TEPAT_WAKTU] = on_time;
	out[Q_BULAN_AKTIF] = active;
	out[Q_KADER] = out[Q_KADER_AKTIF] = out[Q_KADER_TERLATIH] = NAN;
	if (exist > 0) {
		out[Q_KADER] = out[Q_KADER_AKTIF] = out[Q_KADER_TERLATIH] = 0;
		for (i = 0; i < p->ncadres; i++) {
			const cadre *c = &p->cadres[i];
			out[Q_KADER]++;
			if (!c->active)
				continue;
			out[Q_KADER_AKTIF]++;
			if (c->trained_year && c->trained_year <= year)
				out[Q_KADER_TERLATIH]++;
		}
	}
}

/* Element quantity qu in one report row: its columns added up (both
 * sexes for a total). */
static double row_quantity(const rules *r, const report *rp, const quantity *qu)
{
	double v = NAN;
	size_t c;
	for (c = 0; c < r->ncolumns; c++)
		if (r->columns[c].element == qu->element &&
		    (qu->sex == 0 || qu->sex == r->columns[c].sex))
			v = compute_add_reported(v, rp->values[c]);
	return v;
}

/* The highest of the three months of an element quantity: for a total,
 * the month whose sexes add up highest, not the highest of each sex
 * added up from two months (31 men in October and 4 women in December
 * are no month's 35). */
static double highest_month(const rules *r, const quarter_reports *qr, const quantity *qu)
{
	double v = NAN;
	size_t k;
	for (k = 0; k < 3; k++) {
		double t = qr->months[k] ? row_quantity(r, qr->months[k], qu) : NAN;
		if (!isnan(t) && (isnan(v) || t > v))
			v = t;
	}
	return v;
}

/* cols is scratch space for r->ncolumns values, reused across calls. */
static void element_quantities(const rules *r, const quarter_reports *qr, int exists, double *cols,
                               double *out)
{
	size_t i, c;
	for (c = 0; c < r->ncolumns; c++) {
		double cells[3];
		size_t k;
		agg_kind agg = r->elements[r->columns[c].element].agg;
		if (!exists) {
			cols[c] = NAN;
			continue;
		}
		if (qr->quarter) {
			cols[c] = qr->quarter->values[c];
			continue;
		}
		for (k = 0; k < 3; k++)
			cells[k] = qr->months[k] ? qr->months[k]->values[c] : NAN;
		cols[c] = aggregate_column(cells, 3, agg);
	}
	for (i = 0; i < r->nquantities; i++) {
		const quantity *qu = &r->quantities[i];
		double v = NAN;
		if (!qu->is_element)
			continue;
		if (exists && !qr->quarter && qu->sex == 0 &&
		    r->elements[qu->element].agg == AGG_MAX) {
			out[i] = highest_month(r, qr, qu);
			continue;
		}
		for (c = 0; c < r->ncolumns; c++) {
			if (r->columns[c].element != qu->element)
				continue;
			if (qu->sex == 0 || qu->sex == r->columns[c].sex)
				v = compute_add_reported(v, cols[c]);
		}
		out[i] = v;
	}
}

static double sum_terms(const double *q, const size_t *terms, size_t n)
{
	double v = NAN;
	size_t i;
	for (i = 0; i < n; i++)
		v = compute_add_reported(v, q[terms[i]]);
	return v;
}

static double row_terms(const rules *r, const report *rp, const size_t *terms, size_t n)
{
	double v = NAN;
	size_t i;
	for (i = 0; i < n; i++)
		v = compute_add_reported(v, row_quantity(r, rp, &r->quantities[terms[i]]));
	return v;
}

/* The sides of a by_month ratio over the reports of one post in one
 * quarter: num and den add up the reports that give both; a report that
 * gives one side alone (sakit in July, sakit_dilayani left empty) is left
 * out of both, since the quarter would otherwise set the sick of three
 * months against the served of two, and is counted in num_only or
 * den_only with its value. */
typedef struct month_pairs {
	double num, den, num_only, den_only;
	size_t nnum_only, nden_only;
} month_pairs;

/* Whether each side of ind adds up totals of elements split by sex, so
 * that a row pairs its men with men and its women with women: the sick
 * women of a row whose served women were left empty are not counted as
 * not served. */
static int by_sex(const rules *r, const indicator *ind)
{
	size_t i;
	for (i = 0; i < ind->nnum + ind->nden; i++) {
		const quantity *qu = &r->quantities[i < ind->nnum ? ind->num_terms[i]
		                                                  : ind->den_terms[i - ind->nnum]];
		if (qu->sex != 0 || !r->elements[qu->element].by_sex)
			return 0;
	}
	return 1;
}

/* The terms' columns of one sex in a row, added up. */
static double row_terms_sex(const rules *r, const report *rp, const size_t *terms, size_t n, int sex)
{
	double v = NAN;
	size_t i, c;
	for (i = 0; i < n; i++)
		for (c = 0; c < r->ncolumns; c++)
			if (r->columns[c].element == r->quantities[terms[i]].element &&
			    r->columns[c].sex == sex)
				v = compute_add_reported(v, rp->values[c]);
	return v;
}

/* One pair of a row into mp: both sides, or the side given alone (and
 * *lone_num or *lone_den set: the row is named once however many of its
 * pairs lack a side). */
static void pair_row(month_pairs *mp, double num, double den, int *lone_num, int *lone_den)
{
	if (!isnan(num) && !isnan(den)) {
		mp->num = compute_add_reported(mp->num, num);
		mp->den = compute_add_reported(mp->den, den);
	} else if (!isnan(num)) {
		mp->num_only = compute_add_reported(mp->num_only, num);
		*lone_num = 1;
	} else if (!isnan(den)) {
		mp->den_only = compute_add_reported(mp->den_only, den);
		*lone_den = 1;
	}
}

static void ratio_by_month(const rules *r, const indicator *ind, const node *post, int quarter,
                           month_pairs *mp)
{
	quarter_reports qr;
	const report *rows[3];
	size_t nrows = 0, i;
	int sexes = by_sex(r, ind);
	memset(mp, 0, sizeof *mp);
	mp->num = mp->den = mp->num_only = mp->den_only = NAN;
	find_reports(post, quarter, &qr);
	if (qr.quarter)
		rows[nrows++] = qr.quarter;
	else
		for (i = 0; i < 3; i++)
			if (qr.months[i])
				rows[nrows++] = qr.months[i];
	for (i = 0; i < nrows; i++) {
		int lone_num = 0, lone_den = 0;
		if (sexes) {
			pair_row(mp, row_terms_sex(r, rows[i], ind->num_terms, ind->nnum, 'l'),
			         row_terms_sex(r, rows[i], ind->den_terms, ind->nden, 'l'),
			         &lone_num, &lone_den);
			pair_row(mp, row_terms_sex(r, rows[i], ind->num_terms, ind->nnum, 'p'),
			         row_terms_sex(r, rows[i], ind->den_terms, ind->nden, 'p'),
			         &lone_num, &lone_den);
		} else
			pair_row(mp, row_terms(r, rows[i], ind->num_terms, ind->nnum),
			         row_terms(r, rows[i], ind->den_terms, ind->nden), &lone_num,
			         &lone_den);
		mp->nnum_only += lone_num;
		mp->nden_only += lone_den;
	}
}

/* What one post that exists in the quarter adds to an indicator of each
 * node above it: num and den (NAN adds nothing), or nothing at all. q is
 * the post's quantities in that quarter. */
typedef struct contribution {
	double num, den;
	int none;
} contribution;

static void contribution_of(const rules *r, const indicator *ind, const double *q, const node *post,
                            int quarter, contribution *c)
{
	c->num = c->den = NAN;
	c->none = 0;
	if (ind->by_month) {
		month_pairs mp;
		ratio_by_month(r, ind, post, quarter, &mp);
		c->num = mp.num;
		c->den = mp.den;
		c->none = isnan(c->num) || isnan(c->den);
		return;
	}
	if (ind->kind == IND_FUNCTION) {
		c->none = 1; /* computed by formula_eval_units */
		return;
	}
	if (ind->kind == IND_SHARE) {
		double flag = q[ind->num_terms[0]];
		c->num = !isnan(flag) && flag != 0 ? 1 : 0;
		c->den = 1;
		return;
	}
	c->num = sum_terms(q, ind->num_terms, ind->nnum);
	if (ind->kind == IND_RATIO) {
		c->den = sum_terms(q, ind->den_terms, ind->nden);
		/* a pair counts only when both sides were reported */
		if (isnan(c->num) || isnan(c->den))
			c->none = 1;
	}
}

static void add_contribution(ind_value *iv, const contribution *c)
{
	if (c->none)
		return;
	iv->den = compute_add_reported(iv->den, c->den);
	iv->num = compute_add_reported(iv->num, c->num);
}

static void finish_value(ind_value *iv, const indicator *ind)
{
	if (ind->kind == IND_RATIO || ind->kind == IND_SHARE)
		iv->value = !isnan(iv->den) && iv->den > 0 ? iv->num / iv->den * ind->factor : NAN;
	else
		iv->value = isnan(iv->num) ? NAN : iv->num * ind->factor;
}

static size_t quarter_span(const records *recs, int *first, int *last)
{
	if (recs->last_month < recs->first_month) {
		if (*last < 0)
			return 0;
		*first = *last;
		return 1;
	}
	*first = QUARTER_OF_MONTH(recs->first_month);
	if (*last < 0)
		*last = QUARTER_OF_MONTH(recs->last_month);
	if (*first > *last)
		*first = *last;
	return (size_t)(*last - *first + 1);
}

/* The quantities of posts items[from, to) (the posts [from, to) when items
 * is NULL); -1 at the first rule that fails. */
static int post_quantities(results *res, rules *r, const size_t *items, size_t from, size_t to,
                           diag_list *diags)
{
	const records *recs = res->recs;
	size_t i, p, k, nq = r->nquantities;
	double *cols = xmalloc((r->ncolumns ? r->ncolumns : 1) * sizeof *cols);
	int failed = 0;
	for (i = from; i < to && !failed; i++) {
		const node *post = recs->posts[p = items ? items[i] : i];
		for (k = 0; k < res->nquarters; k++) {
			int q = res->first_quarter + (int)k;
			double *out = res->post_q + (p * res->nquarters + k) * nq;
			quarter_reports qr;
			size_t j;
			for (j = 0; j < nq; j++)
				out[j] = NAN;
			find_reports(post, q, &qr);
			fixed_quantities(r, post, q, &qr, out);
			element_quantities(r, &qr, out[Q_POS_ADA] > 0, cols, out);
			if (rules_eval_quantities(r, out, post->report_file ? post->report_file : post->file,
			                          q, diags)) {
				failed = 1; /* one report of a broken rule is enough */
				break;
			}
		}
	}
	free(cols);
	return failed ? -1 : 0;
}

/* ---- indicators summed up the tree ----
 *
 * A node's num and den are the sums of what the posts below it add, in
 * the order of the posts. A post's contributions are exact when each is a
 * whole number of at most 2^32: with at most 2^20 posts every partial sum
 * is then a whole number below 2^53, which a double holds exactly, so the
 * sums come out the same in any order and a node's may be added from its
 * children's. Any other contribution (a fraction, a huge number) makes the
 * indicator inexact at every node above: there it is summed over the posts
 * below, in their order, as ever. A node whose subtree did not change takes
 * its sums from the results cache. */

#define EXACT_MAX 4294967296.0
#define EXACT_POSTS ((size_t)1 << 20)

static int exact_part(double v)
{
	return isnan(v) || (fabs(v) <= EXACT_MAX && v == floor(v) && !(v == 0 && signbit(v)));
}

/* How the sums of each node were found, for REKAP_CACHE_STATS. */
typedef struct sum_counts {
	size_t restored, from_children, from_posts;
} sum_counts;

/* Post p's own values: what it adds in each quarter; sets inexact[ind]. */
static void post_sums(results *res, size_t p, contribution *c, unsigned char *inexact)
{
	const rules *r = res->rules;
	const node *post = res->recs->posts[p];
	size_t k, i, nind = r->nindicators;
	memset(inexact, 0, nind); /* the image's may be of another run */
	for (k = 0; k < res->nquarters; k++) {
		const double *q = res->post_q + (p * res->nquarters + k) * r->nquantities;
		ind_value *iv = &res->values[(post->index * res->nquarters + k) * nind];
		int present = q[Q_POS_ADA] > 0;
		for (i = 0; i < nind; i++) {
			iv[i].num = iv[i].den = iv[i].value = NAN;
			if (!present)
				continue;
			contribution_of(r, &r->indicators[i], q, post, res->first_quarter + (int)k,
			                &c[i]);
			add_contribution(&iv[i], &c[i]);
			if (!c[i].none && (!exact_part(c[i].num) || !exact_part(c[i].den)))
				inexact[i] = 1;
		}
		for (i = 0; i < nind; i++)
			finish_value(&iv[i], &r->indicators[i]);
	}
}

/* The sums of indicator ind at n, added from its children's. */
static void sum_children(results *res, const node *n, size_t ind)
{
	size_t nq = res->nquarters, nind = res->rules->nindicators, k, c;
	for (k = 0; k < nq; k++) {
		ind_value *iv = &res->values[(n->index * nq + k) * nind + ind];
		iv->num = iv->den = iv->value = NAN;
		for (c = 0; c < n->nchildren; c++) {
			const ind_value *cv = &res->values[(n->children[c]->index * nq + k) * nind + ind];
			iv->den = compute_add_reported(iv->den, cv->den);
			iv->num = compute_add_reported(iv->num, cv->num);
		}
	}
}

/* The sums at n of the indicators marked in which, added over the posts
 * below n in their order. */
static void sum_posts(results *res, const node *n, const unsigned char *which, contribution *c)
{
	const rules *r = res->rules;
	size_t nq = res->nquarters, nind = r->nindicators, j, k, i, end = last_below(n);
	ind_value *base = &res->values[n->index * nq * nind];
	for (k = 0; k < nq; k++)
		for (i = 0; i < nind; i++)
			if (which[i])
				base[k * nind + i].num = base[k * nind + i].den = NAN;
	for (j = n->index; j <= end; j++) {
		size_t p = res->post_number[j];
		if (p == (size_t)-1)
			continue;
		for (k = 0; k < nq; k++) {
			const double *q = res->post_q + (p * nq + k) * r->nquantities;
			if (q[Q_POS_ADA] <= 0)
				continue;
			for (i = 0; i < nind; i++) {
				if (!which[i])
					continue;
				contribution_of(r, &r->indicators[i], q, res->recs->posts[p],
				                res->first_quarter + (int)k, &c[i]);
				add_contribution(&base[k * nind + i], &c[i]);
			}
		}
	}
}

void results_left_out(const results *res, const node *n, size_t k, size_t ind, left_out *lo)
{
	const rules *r = res->rules;
	const indicator *in = &r->indicators[ind];
	size_t j, end = last_below(n);
	lo->num_only = lo->den_only = 0;
	lo->by_month = 0;
	lo->num = lo->den = NAN;
	if (in->kind != IND_RATIO)
		return;
	for (j = n->index; j <= end; j++) {
		size_t p = res->post_number[j];
		const double *q;
		double num, den;
		if (p == (size_t)-1)
			continue;
		q = res->post_q + (p * res->nquarters + k) * r->nquantities;
		if (q[Q_POS_ADA] <= 0)
			continue;
		if (in->by_month) {
			month_pairs mp;
			ratio_by_month(r, in, res->recs->posts[p], res->first_quarter + (int)k, &mp);
			lo->by_month = 1;
			lo->num_only += mp.nnum_only;
			lo->den_only += mp.nden_only;
			lo->num = compute_add_reported(lo->num, mp.num_only);
			lo->den = compute_add_reported(lo->den, mp.den_only);
			continue;
		}
		num = sum_terms(q, in->num_terms, in->nnum);
		den = sum_terms(q, in->den_terms, in->nden);
		if (isnan(num) && !isnan(den)) {
			lo->den_only++;
			lo->den = compute_add_reported(lo->den, den);
		} else if (!isnan(num) && isnan(den)) {
			lo->num_only++;
			lo->num = compute_add_reported(lo->num, num);
		}
	}
}

/* The sums of node n where they must be computed. */
static void compute_sums(results *res, const node *n, unsigned char *inexact, contribution *c,
                         sum_counts *counts)
{
	const rules *r = res->rules;
	size_t nind = r->nindicators, i, ch;
	unsigned char *mine = &inexact[n->index * nind];
	int any = 0;
	memset(mine, 0, nind);
	for (ch = 0; ch < n->nchildren; ch++)
		for (i = 0; i < nind; i++)
			mine[i] |= inexact[n->children[ch]->index * nind + i];
	for (i = 0; i < nind; i++) {
		if (r->indicators[i].kind == IND_FUNCTION)
			continue;
		if (res->recs->nposts > EXACT_POSTS)
			mine[i] = 1;
		if (mine[i])
			any = 1;
		else
			sum_children(res, n, i);
	}
	if (any)
		sum_posts(res, n, mine, c);
	counts->from_children += !any;
	counts->from_posts += any;
}

/* The sums of node n (not a post), its children's done: from the cache,
 * else from its children where exact, else from its posts. */
static void node_sums(results *res, resultcache *cache, const node *n, unsigned char *inexact,
                      contribution *c, sum_counts *counts)
{
	const rules *r = res->rules;
	size_t nq = res->nquarters, nind = r->nindicators, i, k;
	ind_value *base = &res->values[n->index * nq * nind];
	for (i = 0; i < nq * nind; i++)
		base[i].num = base[i].den = base[i].value = NAN;
	if (resultcache_restore_sums(cache, res, n, &inexact[n->index * nind]))
		counts->restored++;
	else
		compute_sums(res, n, inexact, c, counts);
	for (k = 0; k < nq; k++)
		for (i = 0; i < nind; i++)
			finish_value(&base[k * nind + i], &r->indicators[i]);
}

static void aggregate_indicators(results *res, resultcache *cache)
{
	const records *recs = res->recs;
	size_t j, nind = res->rules->nindicators;
	contribution *c = xmalloc((nind ? nind : 1) * sizeof *c);
	sum_counts counts = {0, 0, 0};
	/* children follow their parent in the pre-order: backwards, they come first */
	for (j = recs->nnodes; j-- > 0;) {
		const node *n = recs->nodes[j];
		if (resultcache_image_node(cache, j))
			counts.restored += res->post_number[j] == (size_t)-1; /* right as it lies */
		else if (res->post_number[j] != (size_t)-1)
			post_sums(res, res->post_number[j], c, &res->inexact[j * nind]);
		else
			node_sums(res, cache, n, res->inexact, c, &counts);
	}
	free(c);
	resultcache_sums_done(cache, counts.restored, counts.from_children, counts.from_posts);
}

/* Months with at least one counselling session over the window, from the
 * element "penyuluhan" when the rules define it. */
static double counselling_months(const rules *r, const node *post, int first_month, int last_month)
{
	size_t c, i;
	double months = 0;
	for (c = 0; c < r->ncolumns; c++)
		if (strcmp(r->columns[c].name, "penyuluhan") == 0)
			break;
	if (c == r->ncolumns)
		return NAN;
	for (i = 0; i < post->nreports; i++) {
		const report *rp = &post->reports[i];
		double v = rp->values[c];
		int m0 = report_first_month(rp);
		if (m0 < first_month || m0 > last_month || isnan(v))
			continue;
		if (rp->quarterly) {
			int m, exist = 0;
			for (m = m0; m < m0 + 3; m++)
				exist += compute_post_exists_in_month(post, m);
			months += v < exist ? v : exist;
		} else if (v >= 1) {
			months++;
		}
	}
	return months;
}

/* The assessment of posts items[from, to) (as post_quantities); -1 at the
 * first that fails. */
static int assess_posts(results *res, rules *r, const size_t *items, size_t from, size_t to,
                        diag_list *diags)
{
	const records *recs = res->recs;
	size_t i, p, k, first_k, nq = r->nquantities, last_k = res->nquarters - 1;
	size_t counsel = rules_find_quantity(r, "penyuluhan");
	int failed = 0;
	first_k = res->nquarters >= 4 ? res->nquarters - 4 : 0;
	for (i = from; i < to && !failed; i++) {
		const node *post = recs->posts[p = items ? items[i] : i];
		const double *latest = res->post_q + (p * res->nquarters + last_k) * nq;
		assess_input in;
		memset(&in, 0, sizeof in);
		if (latest[Q_POS_ADA] <= 0)
			continue; /* not (or no longer) a post in the published quarter */
		in.name = post->name;
		in.status = post->status;
		in.trade = post->trade;
		in.facilities = post->facilities;
		in.nfacilities = post->nfacilities;
		in.funding = post->funding;
		in.nfunding = post->nfunding;
		in.cadres = latest[Q_KADER];
		in.cadres_active = latest[Q_KADER_AKTIF];
		in.cadres_trained = latest[Q_KADER_TERLATIH];
		in.workers = NAN;
		in.counselling_sessions = NAN;
		for (k = first_k; k <= last_k; k++) {
			const double *q = res->post_q + (p * res->nquarters + k) * nq;
			in.months_existing += q[Q_BULAN_ADA];
			in.months_active += q[Q_BULAN_AKTIF];
			in.months_reported += q[Q_LAPORAN_DITERIMA];
			if (r->pekerja_quantity != (size_t)-1 && !isnan(q[r->pekerja_quantity]))
				in.workers = q[r->pekerja_quantity];
			if (counsel != (size_t)-1)
				in.counselling_sessions = compute_add_reported(in.counselling_sessions, q[counsel]);
		}
		in.months_counselling = counselling_months(
			r, post, (res->first_quarter + (int)first_k) * 3, (res->last_quarter * 3) + 2);
		if (rules_assess(r, &in, &res->assessments[p], post->file, res->last_quarter, diags))
			failed = 1;
	}
	return failed ? -1 : 0;
}

/* ---- the Lua work in several threads ---- */

/* Quantities and assessments (per post) and rumus indicators (per node) are
 * computed in contiguous parts of the posts or of the pre-order, one part
 * per thread, each thread with rules of its own (a Lua state is not shared).
 * The diagnostics of the parts are kept in order, up to the first part that
 * failed: exactly what one thread doing every part in turn would report. */

typedef enum { WORK_QUANTITIES, WORK_ASSESS, WORK_FORMULA } work_kind;

typedef struct work_part {
	results *res;
	rules *r;
	work_kind kind;
	size_t ind; /* of WORK_FORMULA */
	/* the posts worked on, or NULL for all; of WORK_FORMULA, the nodes and
	 * quarters evaluated (formula_eval_units) */
	const size_t *items;
	formula_reach reach; /* of WORK_FORMULA */
	size_t from, to;
	diag_list diags;
	int rc;
} work_part;

/* What run_parts is asked to do besides its kind and range. */
typedef struct work_spec {
	work_kind kind;
	size_t ind;
	const size_t *cost;
	const size_t *items;
	formula_reach *reach; /* of WORK_FORMULA: every part's, merged */
} work_spec;

static void *part_thread(void *arg)
{
	work_part *w = arg;
	switch (w->kind) {
	case WORK_QUANTITIES:
		w->rc = post_quantities(w->res, w->r, w->items, w->from, w->to, &w->diags);
		break;
	case WORK_ASSESS:
		w->rc = assess_posts(w->res, w->r, w->items, w->from, w->to, &w->diags);
		break;
	default:
		w->rc = formula_eval_units(w->res, w->r, w->ind, w->items, w->from, w->to, &w->reach,
		                           &w->diags);
	}
	return NULL;
}

/* Part t's first item when [0, n) is cut into parts of about equal cost
 * (cost NULL: every item costs the same). */
static void cut_parts(size_t n, const size_t *cost, size_t parts, size_t *bounds)
{
	size_t i, t = 1, total = 0, acc = 0;
	bounds[0] = 0;
	if (!cost) {
		for (t = 1; t < parts; t++)
			bounds[t] = n * t / parts;
		bounds[parts] = n;
		return;
	}
	for (i = 0; i < n; i++)
		total += cost[i];
	for (i = 0; i < n && t < parts; i++) {
		acc += cost[i];
		while (t < parts && acc * parts >= total * t)
			bounds[t++] = i + 1;
	}
	while (t < parts)
		bounds[t++] = n;
	bounds[parts] = n;
}

/* Merge what one part's formulas reached into *into. */
static void merge_reach(formula_reach *into, formula_reach *part, size_t nind)
{
	size_t i;
	into->outside |= part->outside;
	for (i = 0; i < nind; i++)
		into->reads[i] |= part->reads[i];
	free(part->reads);
}

/* Do one kind of work over items [0, n), in as many parts as there are
 * rules (the main ones and their clones). Returns 0 or -1. */
static int run_parts(results *res, rules **rs, size_t nrules, const work_spec *spec, size_t n,
                     diag_list *diags)
{
	work_part w[PARALLEL_THREADS_MAX];
	size_t bounds[PARALLEL_THREADS_MAX + 1], t, parts = nrules < n ? nrules : n;
	size_t nind = res->rules->nindicators;
	int rc = 0;
	if (parts < 1)
		parts = 1; /* no item: one empty part */
	cut_parts(n, spec->cost, parts, bounds);
	memset(w, 0, sizeof w);
	for (t = 0; t < parts; t++) {
		w[t].res = res;
		w[t].r = rs[t];
		w[t].kind = spec->kind;
		w[t].ind = spec->ind;
		w[t].items = spec->items;
		w[t].reach.reads = xcalloc(nind ? nind : 1, 1);
		w[t].from = bounds[t];
		w[t].to = bounds[t + 1];
		diag_list_init(&w[t].diags);
		w[t].diags.lang = diags->lang;
	}
	parallel_each(w, parts, sizeof *w, part_thread);
	for (t = 0; t < parts; t++) {
		if (rc == 0)
			diag_list_move(diags, &w[t].diags);
		if (w[t].rc)
			rc = -1;
		diag_list_release(&w[t].diags);
		if (spec->reach)
			merge_reach(spec->reach, &w[t].reach, nind);
		else
			free(w[t].reach.reads);
	}
	return rc;
}

/* Posts at or below each node, plus one: what a rumus walking the subtree
 * costs, roughly. */
static size_t *subtree_costs(const records *recs)
{
	size_t *cost = xmalloc((recs->nnodes ? recs->nnodes : 1) * sizeof *cost), i;
	for (i = 0; i < recs->nnodes; i++)
		cost[i] = 1;
	for (i = 0; i < recs->nposts; i++) {
		const node *n;
		for (n = recs->posts[i]->parent; n; n = n->parent)
			cost[n->index]++;
	}
	return cost;
}

/* One rumus indicator over every node, those whose subtree did not change
 * taken from the cache when the indicator is local. The others are
 * evaluated quarter by quarter, each node and quarter a unit of work: a
 * few nodes high up the tree, all that one edit computes again, then
 * still share the threads. */
static int eval_formula(results *res, rules **rs, size_t nrules, resultcache *cache, size_t ind,
                        const size_t *below, unsigned char *skip, unsigned char *nonlocal,
                        diag_list *diags)
{
	const records *recs = res->recs;
	const indicator *in = &res->rules->indicators[ind];
	int usable = resultcache_formula_usable(cache, ind, nonlocal), rc;
	size_t j, k, d, computed = 0, n = 0, nq = res->nquarters, nind = res->rules->nindicators;
	size_t *units, *cost;
	formula_reach reach;
	work_spec spec;
	reach.outside = 0;
	reach.reads = xcalloc(nind ? nind : 1, 1);
	for (j = 0; j < recs->nnodes; j++) {
		int applies = indicator_applies(in, recs->nodes[j]->kind);
		skip[j] = !applies ||
		          (usable && resultcache_restore_formula(cache, res, recs->nodes[j], ind));
		computed += !skip[j];
	}
	units = xmalloc((computed * nq + 1) * sizeof *units);
	cost = xmalloc((computed * nq + 1) * sizeof *cost);
	memset(&spec, 0, sizeof spec);
	spec.kind = WORK_FORMULA;
	spec.ind = ind;
	spec.reach = &reach;
	/* one depth after the other, the deepest first: a rumus may read its
	 * own indicator at the areas below (nilai), known by then */
	rc = 0;
	for (d = NODE_DEPTH_MAX + 1; d-- > 0;) {
		size_t from = n;
		for (j = 0; j < recs->nnodes; j++) {
			if (skip[j] || (size_t)node_kind_depth(recs->nodes[j]->kind) != d)
				continue;
			for (k = 0; k < nq; k++) {
				units[n] = j * nq + k;
				cost[n++] = below[j];
			}
		}
		spec.cost = cost + from;
		spec.items = units + from;
		if (n > from && run_parts(res, rs, nrules, &spec, n - from, diags) != 0)
			rc = -1;
	}
	resultcache_formula_done(cache, ind, usable, reach.outside, reach.reads, computed, nonlocal);
	free(reach.reads);
	free(units);
	free(cost);
	return rc;
}

/* Every rumus indicator, in the order defined, each over every node. */
static int eval_formulas(results *res, rules **rs, size_t nrules, resultcache *cache,
                         diag_list *diags)
{
	const records *recs = res->recs;
	rules *r = rs[0];
	size_t *below = NULL, i;
	unsigned char *skip = NULL, *nonlocal = xcalloc(r->nindicators ? r->nindicators : 1, 1);
	int rc = 0;
	for (i = 0; i < r->nindicators && rc == 0; i++) {
		if (r->indicators[i].kind != IND_FUNCTION)
			continue;
		if (!below) {
			below = subtree_costs(recs);
			skip = xmalloc(recs->nnodes ? recs->nnodes : 1);
		}
		rc = eval_formula(res, rs, nrules, cache, i, below, skip, nonlocal, diags);
	}
	free(below);
	free(skip);
	free(nonlocal);
	return rc;
}

/* ---- validation rules ---- */

/* Value of an element quantity on one report row. */
/* Sum a side; counts terms that were not reported in *missing. */
static double side_value(const rules *r, const rule_side *side, const report *rp, const double *q,
                         size_t *missing, size_t *total)
{
	double sum = 0;
	size_t i;
	if (side->nterms == 0)
		return side->constant;
	for (i = 0; i < side->nterms; i++) {
		double v = rp ? row_quantity(r, rp, &r->quantities[side->terms[i]]) : q[side->terms[i]];
		(*total)++;
		if (isnan(v))
			(*missing)++;
		else
			sum += v;
	}
	return sum;
}

static int compare(compare_op op, double a, double b)
{
	switch (op) {
	case OP_LT:
		return a < b;
	case OP_LE:
		return a <= b;
	case OP_EQ:
		return a == b;
	case OP_NE:
		return a != b;
	case OP_GE:
		return a >= b;
	case OP_GT:
		return a > b;
	}
	return 1;
}

/* Check one rule on a row (rp) or on a quarter's quantities (q); 1 when broken. */
static int rule_broken(const rules *r, const validation *v, const report *rp, const double *q,
                       double *left, double *right)
{
	size_t missing = 0, total = 0;
	*left = side_value(r, &v->left, rp, q, &missing, &total);
	*right = side_value(r, &v->right, rp, q, &missing, &total);
	if (missing && v->missing == MISSING_SKIP_IF_ANY)
		return 0;
	if (total && missing == total && v->missing == MISSING_SKIP_IF_ALL)
		return 0;
	return !compare(v->op, *left, *right);
}

static void add_violation(results *res, const node *post, size_t rule, int period, int monthly,
                          unsigned line, double left, double right)
{
	violation vi;
	vi.post = post;
	vi.rule = rule;
	vi.period = period;
	vi.monthly = monthly;
	vi.line = line;
	vi.left = left;
	vi.right = right;
	ARRAY_PUSH(res->violations, res->nviolations, res->capviolations, vi);
}

static void validate_post(results *res, size_t p)
{
	const rules *r = res->rules;
	const node *post = res->recs->posts[p];
	size_t i, j, k;
	double left, right;
	for (i = 0; i < r->nvalidations; i++) {
		const validation *v = &r->validations[i];
		if (v->monthly) {
			for (j = 0; j < post->nreports; j++) {
				const report *rp = &post->reports[j];
				int q = rp->quarterly ? rp->period : QUARTER_OF_MONTH(rp->period);
				if (q < res->first_quarter || q > res->last_quarter)
					continue;
				if (rule_broken(r, v, rp, NULL, &left, &right))
					add_violation(res, post, i, rp->period, !rp->quarterly, rp->line, left,
					              right);
			}
			continue;
		}
		for (k = 0; k < res->nquarters; k++) {
			const double *q = res->post_q + (p * res->nquarters + k) * r->nquantities;
			if (q[Q_POS_ADA] > 0 && rule_broken(r, v, NULL, q, &left, &right))
				add_violation(res, post, i, res->first_quarter + (int)k, 0, 0, left, right);
		}
	}
}

/* A rule about cadres only is reported at kader.csv, others at laporan.csv. */
static const char *violation_file(const results *res, const violation *v)
{
	const validation *rule = &res->rules->validations[v->rule];
	const rule_side *sides[2] = {&rule->left, &rule->right};
	size_t s, i;
	int cadres_only = 1;
	for (s = 0; s < 2; s++)
		for (i = 0; i < sides[s]->nterms; i++) {
			size_t t = sides[s]->terms[i];
			if (t != Q_KADER && t != Q_KADER_AKTIF && t != Q_KADER_TERLATIH)
				cadres_only = 0;
		}
	return cadres_only ? v->post->cadre_file : v->post->report_file;
}

void compute_format_side(buf *out, const rule_side *side, double v)
{
	if (side->nterms == 0)
		buf_printf(out, "%g", v);
	else
		buf_printf(out, "%s = %g", side->text, v);
}

/* "aturan: rujukan ≤ kunjungan; nilai: rujukan = 15, kunjungan = 11": the
 * rule and the values apart, never "rujukan = 15 ≤ kunjungan = 11", which
 * reads as a true statement of what was found. */
void compute_format_rule_values(buf *out, const validation *rule, const violation *v, lang l)
{
	const rule_side *sides[2] = {&rule->left, &rule->right};
	const double values[2] = {v->left, v->right};
	const char *sep = TR(l, "; nilai: ", "; values: ");
	int s;
	buf_printf(out, TR(l, "aturan: %s %s %s", "rule: %s %s %s"), rule->left.text,
	           compare_op_text(rule->op), rule->right.text);
	for (s = 0; s < 2; s++) {
		if (sides[s]->nterms == 0)
			continue; /* a constant is in the rule already */
		buf_puts(out, sep);
		compute_format_side(out, sides[s], values[s]);
		sep = ", ";
	}
}

void compute_format_violation(buf *out, const rules *r, const violation *v, lang l)
{
	const validation *rule = &r->validations[v->rule];
	buf_printf(out, "%s (", l == LANG_EN && rule->message_en ? rule->message_en : rule->message);
	compute_format_rule_values(out, rule, v, l);
	buf_putc(out, ')');
}

void results_report_violations(const results *res, diag_list *diags)
{
	static const char *const importance_id[] = {"tinggi", "sedang", "rendah"};
	static const char *const importance_en[] = {"high", "medium", "low"};
	const char *const *importance = diags->lang == LANG_EN ? importance_en : importance_id;
	size_t i;
	for (i = 0; i < res->nviolations; i++) {
		const violation *v = &res->violations[i];
		const validation *rule = &res->rules->validations[v->rule];
		const char *message =
			diags->lang == LANG_EN && rule->message_en ? rule->message_en : rule->message;
		buf period = BUF_INIT, detail = BUF_INIT;
		if (v->monthly)
			period_format_month(&period, v->period);
		else
			period_format_quarter(&period, v->period);
		compute_format_rule_values(&detail, rule, v, diags->lang);
		diag_warning(diags, violation_file(res, v), v->line, v->line ? 1 : 0,
		             TR(diags->lang, "%s: %s (%s; aturan validasi \"%s\", kepentingan %s)",
		                "%s: %s (%s; validation rule \"%s\", importance %s)"),
		             buf_cstr(&period), message, buf_cstr(&detail), rule->id,
		             importance[rule->importance]);
		buf_release(&period);
		buf_release(&detail);
	}
}

static void count_levels(results *res)
{
	const records *recs = res->recs;
	size_t p, nl = res->rules->nlevels;
	for (p = 0; p < recs->nposts; p++) {
		const assessment *a = &res->assessments[p];
		const node *n;
		if (!a->valid)
			continue;
		for (n = recs->posts[p]->parent; n; n = n->parent)
			res->level_counts[n->index * nl + a->level_index]++;
	}
}

/* Cadres of the assessed posts by level, summed up the tree (a post's
 * registered cadres in the last quarter): with level_counts, the table the
 * annual puskesmas data form (SIP) asks for. */
static void count_cadres(results *res)
{
	const records *recs = res->recs;
	size_t p, nl = res->rules->nlevels;
	for (p = 0; p < recs->nposts; p++) {
		const assessment *a = &res->assessments[p];
		const double *q = results_post_quantities(res, recs->posts[p], res->nquarters - 1);
		const node *n;
		if (!a->valid || isnan(q[Q_KADER]))
			continue;
		for (n = recs->posts[p]->parent; n; n = n->parent)
			res->cadre_counts[n->index * nl + a->level_index] += q[Q_KADER];
	}
}

/* The rules each thread computes with: r, then one clone for every other
 * thread that large trees get. */
static void add_helpers(results *res, rules *r)
{
	size_t n = parallel_threads(res->recs->nposts, POSTS_PER_THREAD), i;
	res->rules_used = xcalloc(n > 1 ? n : 1, sizeof *res->rules_used);
	res->rules_used[0] = r;
	res->nrules_used = 1;
	for (i = 1; i < n; i++) {
		rules *c = rules_clone(r);
		if (!c)
			break;
		res->rules_used[res->nrules_used++] = c;
	}
}

/* Posts whose results come from the cache; the others, to compute, in
 * *todo (post numbers). */
static size_t restore_posts(results *res, resultcache *cache, size_t **todo)
{
	size_t p, n = 0;
	*todo = xmalloc((res->recs->nposts ? res->recs->nposts : 1) * sizeof **todo);
	for (p = 0; p < res->recs->nposts; p++)
		if (!resultcache_restore_post(cache, res, p))
			(*todo)[n++] = p;
	return n;
}

/* Quantities, indicators, assessments and violations, with the cache. */
static int compute_all(results *res, resultcache *cache, diag_list *diags)
{
	const records *recs = res->recs;
	size_t p, *todo = NULL, ntodo;
	work_spec spec;
	int failed;
	ntodo = restore_posts(res, cache, &todo);
	memset(&spec, 0, sizeof spec);
	spec.items = todo;
	spec.kind = WORK_QUANTITIES;
	failed = run_parts(res, res->rules_used, res->nrules_used, &spec, ntodo, diags) != 0;
	if (!failed) {
		aggregate_indicators(res, cache);
		failed = eval_formulas(res, res->rules_used, res->nrules_used, cache, diags) != 0;
	}
	if (failed) {
		free(todo);
		return -1;
	}
	spec.kind = WORK_ASSESS;
	failed = run_parts(res, res->rules_used, res->nrules_used, &spec, ntodo, diags) != 0;
	free(todo);
	count_levels(res);
	count_cadres(res);
	for (p = 0; p < recs->nposts; p++)
		if (!resultcache_violations(cache, res, p))
			validate_post(res, p);
	return failed ? -1 : 0;
}

int results_compute(results *res, const records *recs, rules *r, int last_quarter,
                    diag_list *diags)
{
	resultcache *cache;
	size_t p;
	int rc;
	memset(res, 0, sizeof *res);
	res->rules = r;
	res->recs = recs;
	res->last_quarter = last_quarter;
	res->nquarters = quarter_span(recs, &res->first_quarter, &res->last_quarter);
	res->post_number = xmalloc((recs->nnodes ? recs->nnodes : 1) * sizeof *res->post_number);
	for (p = 0; p < recs->nnodes; p++)
		res->post_number[p] = (size_t)-1;
	for (p = 0; p < recs->nposts; p++)
		res->post_number[recs->posts[p]->index] = p;
	res->assessments = xcalloc(recs->nposts ? recs->nposts : 1, sizeof *res->assessments);
	res->level_counts = xcalloc(recs->nnodes * (r->nlevels ? r->nlevels : 1), sizeof(size_t));
	res->cadre_counts = xcalloc(recs->nnodes * (r->nlevels ? r->nlevels : 1), sizeof(double));
	res->notes = xcalloc(recs->nnodes * r->nindicators + 1, sizeof(char *));
	cache = res->nquarters ? resultcache_open(res, diags->lang) : NULL;
	if (!resultcache_map_image(cache, res)) {
		res->values = alloc_large((recs->nnodes * res->nquarters * r->nindicators + 1) *
		                          sizeof *res->values);
		res->post_q = alloc_large((recs->nposts * res->nquarters * r->nquantities + 1) *
		                          sizeof(double));
		res->inexact = xcalloc(recs->nnodes * r->nindicators + 1, 1);
	}
	if (res->nquarters == 0)
		return 0;
	add_helpers(res, r);
	rc = compute_all(res, cache, diags);
	resultcache_save(cache, res, rc == 0 && diags->errors == 0);
	resultcache_free(cache);
	return rc;
}
