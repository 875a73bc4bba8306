/* period.c - choosing the published quarter by a stated rule, and saying which and why. */
#include "period.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "locale.h"

int quarter_deadline(int quarter, int deadline_day)
{
	int month = quarter * 3 + 3; /* the month after the quarter */
	return date_from_ymd(month / 12, month % 12 + 1, deadline_day);
}

int period_default(const int *quarters, size_t n, int deadline_day, int today,
                   period_reason *why)
{
	int latest_due = -1, earliest = -1;
	size_t i;
	for (i = 0; i < n; i++) {
		int q = quarters[i];
		if (earliest < 0 || q < earliest)
			earliest = q;
		if (quarter_deadline(q, deadline_day) < today && q > latest_due)
			latest_due = q;
	}
	if (latest_due >= 0) {
		*why = PERIOD_DEADLINE;
		return latest_due;
	}
	*why = earliest >= 0 ? PERIOD_NOT_DUE : PERIOD_NONE;
	return earliest;
}

/* Every quarter some post reported, once each. */
static int *reported_quarters(const records *recs, size_t *n)
{
	size_t p, i, cap = 16;
	int *qs = xmalloc(cap * sizeof *qs);
	*n = 0;
	for (p = 0; p < recs->nposts; p++) {
		const node *post = recs->posts[p];
		for (i = 0; i < post->nreports; i++) {
			int q = QUARTER_OF_MONTH(report_first_month(&post->reports[i]));
			size_t k;
			for (k = 0; k < *n && qs[k] != q; k++)
				;
			if (k < *n)
				continue;
			if (*n == cap)
				qs = xrealloc(qs, (cap *= 2) * sizeof *qs);
			qs[(*n)++] = q;
		}
	}
	return qs;
}

/* "periode:" of rekap.yaml: its quarter, -1 when absent, -2 (reported) when "". */
static int setting_period(const records *recs, diag_list *diags)
{
	const settings *set = &recs->settings;
	if (set->periode != SETTINGS_PERIODE_EMPTY)
		return set->periode;
	/* the check of rekap.yaml (settings.c) reports any other bad value and
	 * stops before a quarter is chosen, in the same words */
	diag_error(diags, recs->root->file, set->periode_line, set->periode_column,
	           DIAG_TR(diags, "periode \"%s\" harus triwulan berbentuk TTTT-QN, mis. 2024-Q4",
	                   "periode \"%s\" must be a quarter written YYYY-QN, e.g. 2024-Q4"),
	           "");
	return -2;
}

int period_choose(const records *recs, int option, int deadline_day, int today,
                  period_reason *why, diag_list *diags)
{
	size_t n;
	int *qs, q;
	if (option >= 0) {
		*why = PERIOD_OPTION;
		return option;
	}
	q = setting_period(recs, diags);
	if (q == -2)
		return -2;
	if (q >= 0) {
		*why = PERIOD_SETTING;
		return q;
	}
	qs = reported_quarters(recs, &n);
	q = period_default(qs, n, deadline_day, today, why);
	free(qs);
	return q;
}

void period_describe(buf *out, int quarter, period_reason why, int english)
{
	static const char *const reasons[][2] = {
		{"tidak ada laporan", "no reports"},
		{"dipilih dengan --period", "chosen with --period"},
		{"dipilih dengan periode: di rekap.yaml", "chosen with periode: in rekap.yaml"},
		{"triwulan terakhir yang batas laporannya sudah lewat",
		 "the latest quarter whose reporting deadline has passed"},
		{"belum ada triwulan yang batas laporannya sudah lewat; triwulan pertama yang ada "
		 "laporannya",
		 "no quarter's reporting deadline has passed yet; the first quarter with reports"},
	};
	buf_puts(out, english ? "published quarter: " : "triwulan terbit: ");
	if (quarter >= 0)
		fmt_quarter_id(out, quarter);
	else
		buf_puts(out, "–");
	buf_printf(out, " (%s)", reasons[why][english ? 1 : 0]);
}
