/* test_period.c - unit tests of generator/period.c: dates, months and quarters, their limits, the default quarter. */
#include "check.h"
#include "period.h"

static void test_dates(void)
{
	int days;
	CHECK(period_date_from_ymd(1970, 1, 1) == 0);
	CHECK(period_date_from_ymd(2024, 3, 1) - period_date_from_ymd(2024, 2, 28) == 2);
	CHECK(period_date_from_ymd(2023, 2, 29) == NO_DATE);
	CHECK(period_date_from_ymd(2024, 13, 1) == NO_DATE);
	CHECK(period_date_parse("2019-11-12", &days) == 0 &&
	      days == period_date_from_ymd(2019, 11, 12));
	CHECK(period_date_parse("12/11/2019", &days) == 0 &&
	      days == period_date_from_ymd(2019, 11, 12));
	CHECK(period_date_parse("2019-02-30", &days) == -1);
	CHECK(period_date_parse("2019-1-5", &days) == -1);
	CHECK(period_date_month(period_date_from_ymd(2024, 3, 31)) == MONTH_OF(2024, 3));
	CHECK(period_parse_quarter("2024-Q4") == 2024 * 4 + 3);
	CHECK(period_parse_quarter("2024-TW1") == 2024 * 4);
	CHECK(period_parse_quarter("2024-Q5") == -1);
	CHECK(period_parse_quarter("24-Q1") == -1);
}

/* Dates, months and quarters are read within one range of years: a
 * quarter past 2999 was accepted by --period and periode: although no
 * report or date could fall in it. */
static void test_period_limits(void)
{
	buf b = BUF_INIT;
	int p, quarterly;
	CHECK(period_parse_quarter("2999-Q4") == 2999 * 4 + 3);
	CHECK(period_parse_quarter("3000-Q1") == -1);
	CHECK(period_parse_quarter("1899-TW4") == -1);
	CHECK(period_parse_quarter("2024-03") == -1); /* a month is not a quarter */
	CHECK(period_parse("2024-03", &p, &quarterly) == 0 && p == MONTH_OF(2024, 3) && !quarterly);
	CHECK(period_parse("2024-tw2", &p, &quarterly) == 0 && p == 2024 * 4 + 1 && quarterly);
	CHECK(period_parse("3000-01", &p, &quarterly) == -1);
	CHECK(period_date_from_ymd(3000, 1, 1) == NO_DATE);
	CHECK(period_month_end(MONTH_OF(2024, 2)) == period_date_from_ymd(2024, 2, 29));
	CHECK(period_month_end(MONTH_OF(2999, 12)) == period_date_from_ymd(2999, 12, 31));
	CHECK(period_month_end(MONTH_OF(3000, 1)) == NO_DATE);
	period_format_month(&b, MONTH_OF(2024, 3));
	CHECK_STR(buf_cstr(&b), "2024-03");
	buf_reset(&b);
	period_format_quarter(&b, 2024 * 4);
	CHECK_STR(buf_cstr(&b), "2024-Q1");
	buf_reset(&b);
	period_format_quarter(&b, -1);
	CHECK_STR(buf_cstr(&b), "");
	period_format_date(&b, period_date_from_ymd(2024, 2, 29));
	CHECK_STR(buf_cstr(&b), "2024-02-29");
	buf_reset(&b);
	period_format_date(&b, 0);
	CHECK_STR(buf_cstr(&b), "1970-01-01");
	buf_reset(&b);
	period_format_date(&b, NO_DATE);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}

/* The default published quarter: the latest with reports whose deadline (the
 * 10th of the month after it ends) is before today. */
static void test_period_default(void)
{
	const int q3 = 2024 * 4 + 2, q4 = 2024 * 4 + 3, q1 = 2025 * 4;
	const int early_january[] = {q1, q3, q4}; /* one January 2025 row */
	period_reason why;
	CHECK(period_quarter_deadline(q4, 10) == period_date_from_ymd(2025, 1, 10));
	CHECK(period_quarter_deadline(q3, 10) == period_date_from_ymd(2024, 10, 10));
	/* 5 January: 2024-Q4's reports may still arrive on time; not 2025-Q1 */
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 1, 5), &why) == q3);
	CHECK(why == PERIOD_DEADLINE);
	/* the deadline day itself is still on time */
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 1, 10), &why) == q3);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 1, 11), &why) == q4);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 4, 10), &why) == q4);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 4, 11), &why) == q1);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2031, 6, 1), &why) == q1);
	/* another deadline day in the rules */
	CHECK(period_default(early_january, 3, 3, period_date_from_ymd(2025, 1, 5), &why) == q4);
	/* a quarter without reports is skipped: the latest one that has them */
	{
		const int gap[] = {q3, q1};
		CHECK(period_default(gap, 2, 10, period_date_from_ymd(2025, 2, 1), &why) == q3);
		CHECK(why == PERIOD_DEADLINE);
	}
	/* none past its deadline yet: the first quarter with reports, said so */
	CHECK(period_default(early_january + 1, 2, 10, period_date_from_ymd(2024, 8, 1), &why) == q3);
	CHECK(why == PERIOD_NOT_DUE);
	CHECK(period_default(NULL, 0, 10, period_date_from_ymd(2025, 1, 5), &why) == -1);
	CHECK(why == PERIOD_NONE);
}

/* Periods a spreadsheet made of months, which the error names. */
static void test_guess_month(void)
{
	int named = -1;
	CHECK(period_guess_month("Mar-24", &named) == MONTH_OF(2024, 3) && named == 1);
	CHECK(period_guess_month("jan-2025", &named) == MONTH_OF(2025, 1) && named == 1);
	CHECK(period_guess_month("Agu-24", &named) == MONTH_OF(2024, 8));
	CHECK(period_guess_month("Agt-24", &named) == MONTH_OF(2024, 8));
	CHECK(period_guess_month("Oct-24", &named) == MONTH_OF(2024, 10));
	CHECK(period_guess_month("Des-23", &named) == MONTH_OF(2023, 12));
	CHECK(period_guess_month("Maret 2024", &named) == MONTH_OF(2024, 3));
	CHECK(period_guess_month("MAY 2024", &named) == MONTH_OF(2024, 5));
	CHECK(period_guess_month("Sept-24", &named) == MONTH_OF(2024, 9));
	CHECK(period_guess_month("2024-3", &named) == MONTH_OF(2024, 3) && named == 0);
	CHECK(period_guess_month("2024/03", &named) == MONTH_OF(2024, 3) && named == 0);
	CHECK(period_guess_month("2024.12", &named) == MONTH_OF(2024, 12));
	/* not a month, or not one form: no guess */
	CHECK(period_guess_month("2024-13", &named) == -1);
	CHECK(period_guess_month("2024-0", &named) == -1);
	CHECK(period_guess_month("Ma-24", &named) == -1);
	CHECK(period_guess_month("Marc-24", &named) == -1);
	CHECK(period_guess_month("Mar-245", &named) == -1);
	CHECK(period_guess_month("Mar24", &named) == -1);
	/* the date Excel makes of "2024-03", as its formats write it: the first
	 * of the month, day first or month first */
	CHECK(period_guess_month("1/3/2024", &named) == MONTH_OF(2024, 3) && named == 1);
	CHECK(period_guess_month("3/1/2024", &named) == MONTH_OF(2024, 3) && named == 1);
	CHECK(period_guess_month("01/02/2024", &named) == MONTH_OF(2024, 2));
	CHECK(period_guess_month("1/1/2024", &named) == MONTH_OF(2024, 1));
	CHECK(period_guess_month("2024-03-01", &named) == MONTH_OF(2024, 3) && named == 1);
	CHECK(period_guess_month("1-Mar-24", &named) == MONTH_OF(2024, 3));
	CHECK(period_guess_month("45352", &named) == MONTH_OF(2024, 3) && named == 1);
	CHECK(period_guess_month("2024-03-01 00:00:00", &named) == MONTH_OF(2024, 3));
	CHECK(period_guess_month("03/2024", &named) == MONTH_OF(2024, 3) && named == 0);
	CHECK(period_guess_month("3-2024", &named) == MONTH_OF(2024, 3) && named == 0);
	/* a date that is no first of a month, or two firsts: no guess */
	CHECK(period_guess_month("2024-03-15", &named) == -1);
	CHECK(period_guess_month("5/7/2024", &named) == -1);
	CHECK(period_guess_month("45353", &named) == -1);
	CHECK(period_guess_month("13/2024", &named) == -1);
	CHECK(period_guess_month("00/2024", &named) == -1);
	CHECK(period_guess_month("2024-Q5", &named) == -1);
	CHECK(period_guess_month("", &named) == -1);
	CHECK(period_guess_month("Mar-3000", &named) == -1);
}

static void test_guess_date(void)
{
	int d[2], excel;
	/* Excel's day number 44962 is 5 February 2023 (its 1 January 1900 is 1,
	 * and it counts a 29 February 1900 that never was) */
	CHECK(period_guess_date("44962", d, &excel) == 1 && excel &&
	      d[0] == period_date_from_ymd(2023, 2, 5));
	CHECK(period_guess_date("2023/04/14", d, &excel) == 1 && !excel &&
	      d[0] == period_date_from_ymd(2023, 4, 14));
	CHECK(period_guess_date("2023-4-3", d, &excel) == 1 && d[0] == period_date_from_ymd(2023, 4, 3));
	CHECK(period_guess_date("3-Mei-23", d, &excel) == 1 && d[0] == period_date_from_ymd(2023, 5, 3));
	CHECK(period_guess_date("14 April 2023", d, &excel) == 1 &&
	      d[0] == period_date_from_ymd(2023, 4, 14));
	CHECK(period_guess_date("Agustus 9 2024", d, &excel) == 1 &&
	      d[0] == period_date_from_ymd(2024, 8, 9));
	/* day and month in either order: both named, day first */
	CHECK(period_guess_date("4/3/2023", d, &excel) == 2 &&
	      d[0] == period_date_from_ymd(2023, 3, 4) && d[1] == period_date_from_ymd(2023, 4, 3));
	CHECK(period_guess_date("25/6/2023", d, &excel) == 1 &&
	      d[0] == period_date_from_ymd(2023, 6, 25));
	CHECK(period_guess_date("6/25/2023", d, &excel) == 1 &&
	      d[0] == period_date_from_ymd(2023, 6, 25));
	CHECK(period_guess_date("5.5.2023", d, &excel) == 1); /* the same date either way */
	/* a date cell formatted with its time */
	CHECK(period_guess_date("2024-02-05 00:00:00", d, &excel) == 1 &&
	      d[0] == period_date_from_ymd(2024, 2, 5));
	CHECK(period_guess_date("5/2/2024 13:45", d, &excel) == 2);
	CHECK(period_guess_date("2024-02-05 pagi", d, &excel) == 0);
	/* nothing a date: no guess */
	CHECK(period_guess_date("kemarin", d, &excel) == 0);
	CHECK(period_guess_date("12345", d, &excel) == 0); /* 1933: no Excel date of a report */
	CHECK(period_guess_date("31/2/2023", d, &excel) == 0);
	CHECK(period_guess_date("1/2/3/2023", d, &excel) == 0);
	CHECK(period_guess_date("", d, &excel) == 0);
}

/* Quarters as Indonesian offices write them, and what is not one. */
static void test_guess_quarter(void)
{
	CHECK(period_guess_quarter("TW IV 2024") == 2024 * 4 + 3);
	CHECK(period_guess_quarter("tw iv 2024") == 2024 * 4 + 3);
	CHECK(period_guess_quarter("Triwulan I 2023") == 2023 * 4);
	CHECK(period_guess_quarter("Triwulan 2 2023") == 2023 * 4 + 1);
	CHECK(period_guess_quarter("TW3-2024") == 2024 * 4 + 2);
	CHECK(period_guess_quarter("Q4 2024") == 2024 * 4 + 3);
	CHECK(period_guess_quarter("2024 Q1") == 2024 * 4);
	CHECK(period_guess_quarter("2024Q2") == 2024 * 4 + 1);
	CHECK(period_guess_quarter("IV/2024") == 2024 * 4 + 3);
	CHECK(period_guess_quarter("2024-III") == 2024 * 4 + 2);
	CHECK(period_guess_quarter("2024-4") == -1); /* April? */
	CHECK(period_guess_quarter("4 2024") == -1);
	CHECK(period_guess_quarter("TW V 2024") == -1);
	CHECK(period_guess_quarter("Q5 2024") == -1);
	CHECK(period_guess_quarter("TW IV") == -1); /* no year */
	CHECK(period_guess_quarter("TW IV 2024 2025") == -1);
	CHECK(period_guess_quarter("TW I II 2024") == -1);
	CHECK(period_guess_quarter("Maret 2024") == -1);
	CHECK(period_guess_quarter("TW IV 3000") == -1);
	CHECK(period_guess_quarter("") == -1);
}

int main(void)
{
	test_guess_quarter();
	test_dates();
	test_period_limits();
	test_period_default();
	test_guess_month();
	test_guess_date();
	return check_done("test_period");
}
