/* period.h - which quarter is published: --period, then "periode:" in rekap.yaml, then the latest quarter past its reporting deadline. */
#ifndef REKAP_PERIOD_H
#define REKAP_PERIOD_H

#include <stddef.h>

#include "diag.h"
#include "records.h"

/* Why a quarter was published. */
typedef enum {
	PERIOD_NONE, /* no report at all: nothing to publish */
	PERIOD_OPTION, /* --period */
	PERIOD_SETTING, /* "periode:" in rekap.yaml */
	PERIOD_DEADLINE, /* the latest quarter with reports whose deadline has passed */
	PERIOD_NOT_DUE, /* no quarter with reports is past its deadline: the earliest of them */
} period_reason;

/* The last day a quarter's reports may arrive on time: the deadline day of
 * the month after the quarter ends. */
int quarter_deadline(int quarter, int deadline_day);

/* The default quarter among quarters[0..n) (those with reports, in any
 * order): the latest whose deadline is before today, else the earliest of
 * them. -1 (PERIOD_NONE) when n is 0. */
int period_default(const int *quarters, size_t n, int deadline_day, int today,
                   period_reason *why);

/* The published quarter: option (-1 when not given), then "periode:" of
 * the settings (a bad value is an error at its place in rekap.yaml), then
 * period_default over the quarters the posts reported. Returns -1 with
 * PERIOD_NONE when there is nothing to publish, or -2 after an error. */
int period_choose(const records *recs, int option, int deadline_day, int today,
                  period_reason *why, diag_list *diags);

/* "triwulan terbit: 2024-Q4 (...)" without a newline, in the diags' language. */
void period_describe(buf *out, int quarter, period_reason why, int english);

#endif
