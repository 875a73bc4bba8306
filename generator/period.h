/* period.h - months, quarters and dates, and the rule that picks the published quarter among those reported: the latest past its reporting deadline. */
#ifndef REKAP_PERIOD_H
#define REKAP_PERIOD_H

#include <stddef.h>

#include "diag.h"

/* Periods are counted in months (year * 12 + month - 1) and quarters
 * (year * 4 + quarter - 1); dates in days since 1970-01-01. Every date,
 * month and quarter read or written lies in the years below. */
#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2999
#define MONTH_OF(year, month) ((year) * 12 + (month) - 1)
#define QUARTER_OF_MONTH(m) ((m) / 3)
#define NO_DATE (-1000000)

/* Day number of a civil date; returns NO_DATE for an impossible date. */
int period_date_from_ymd(int y, int m, int d);
void period_date_to_ymd(int days, int *y, int *m, int *d);
/* Parse "YYYY-MM-DD" (also "DD/MM/YYYY" as Excel writes it in Indonesia). */
int period_date_parse(const char *s, int *days);
/* Today as a day number: REKAP_TODAY (YYYY-MM-DD) when set, so tests are
 * stable, else the system clock in UTC. */
int period_today(void);
/* Month of a date. */
int period_date_month(int days);
/* The last day of a month; NO_DATE outside the years above. */
int period_month_end(int month);

/* Parse "2024-03" (a month), "2024-Q1" or "2024-TW1" (a quarter) into
 * *period, with *quarterly telling which. Returns 0, or -1 when invalid. */
int period_parse(const char *s, int *period, int *quarterly);
/* The month a period that period_parse refused most likely means, when
 * written in a form spreadsheets make of a month: "Jan-24", "Jan-2024" or
 * "Januari 2024" (as Excel shows the date it makes of "2024-01"; English
 * or Indonesian names, whole or cut to three letters) or as the date it
 * is ("1/3/2024", "2024-03-01", Excel's day number "45352": the first of a
 * month, in either order of day and month), with *named set, or "2024-3",
 * "2024/03" or "03/2024", with *named 0. Returns the month index, or -1
 * when s is none of these. */
int period_guess_month(const char *s, int *named);
/* The dates a tanggal_lapor that period_date_parse refused most likely
 * means, into out: Excel's day number ("45327", with *excel set), year
 * first ("2024/4/3"), a month's name ("3 April 2024", "3-Apr-24", "April
 * 3, 2024"), or day and month in either order ("3/4/2024", "3-4-2024"),
 * which gives two dates when both are possible; a time of day after the
 * date ("2024-02-05 00:00:00") is left out. Returns how many (0-2). */
size_t period_guess_date(const char *s, int out[2], int *excel);
/* Parse "2024-Q4" (or "2024-TW4") into a quarter index; -1 when invalid. */
int period_parse_quarter(const char *s);
/* The quarter a text that period_parse_quarter refused most likely means,
 * written as Indonesian offices write quarters or with the year last:
 * "TW IV 2024", "Triwulan IV 2024", "TW 4 2024", "Q4 2024", "2024 Q4",
 * "IV/2024" (a quarter's number in digits needs TW, Triwulan or Q beside
 * it: "2024-4" may be April). Returns the quarter index, or -1. */
int period_guess_quarter(const char *s);
/* Quarter index as "2024-Q1" (open data, messages); nothing when negative. */
void period_format_quarter(buf *out, int quarter);
/* Month index as "2024-03". */
void period_format_month(buf *out, int month);
/* Day number as "2024-03-31"; nothing for NO_DATE. */
void period_format_date(buf *out, int days);

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
int period_quarter_deadline(int quarter, int deadline_day);
/* The same for a month's report: the deadline day of the month after it. */
int period_month_deadline(int month, int deadline_day);

/* The default quarter among quarters[0..n) (those with reports, in any
 * order): the latest whose deadline is before today, else the earliest of
 * them. -1 (PERIOD_NONE) when n is 0. */
int period_default(const int *quarters, size_t n, int deadline_day, int today,
                   period_reason *why);

/* "triwulan terbit: 2024-Q4 (...)" without a newline, in language l.
 * due: the quarter period_default picks by its deadline (-1 when none);
 * named when it is later than a quarter chosen by --period or periode:,
 * which a user may have left behind. */
void period_describe(buf *out, int quarter, period_reason why, int due, lang l);

#endif
