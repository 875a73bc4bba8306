/* test_locale.c - unit tests of generator/locale.c: numbers, percentages, quarters and dates in both languages. */
#include <math.h>

#include "check.h"
#include "locale.h"
#include "period.h"

static void test_locale(void)
{
	buf b = BUF_INIT;
	fmt_number(&b, LANG_ID, 1234.5, 2);
	CHECK_STR(check_take(&b), "1.234,5");
	fmt_number(&b, LANG_EN, 1234567.891, 2);
	CHECK_STR(check_take(&b), "1,234,567.89");
	fmt_number(&b, LANG_ID, -0.001, 2);
	CHECK_STR(check_take(&b), "0");
	fmt_number(&b, LANG_ID, 100, 2);
	CHECK_STR(check_take(&b), "100");
	fmt_percent(&b, LANG_ID, 21.0 / 115.0 * 100);
	CHECK_STR(check_take(&b), "18,26%");
	fmt_percent(&b, LANG_ID, NAN);
	CHECK_STR(check_take(&b), "tidak dilaporkan");
	fmt_quarter(&b, LANG_ID, 2024 * 4 + 0, 0);
	CHECK_STR(check_take(&b), "Triwulan I 2024");
	fmt_quarter(&b, LANG_ID, 2016 * 4 + 3, 1);
	CHECK_STR(check_take(&b), "TW IV 2016");
	fmt_quarter(&b, LANG_EN, 2024 * 4 + 2, 0);
	CHECK_STR(check_take(&b), "Quarter 3 2024");
	fmt_date(&b, LANG_ID, period_date_from_ymd(2025, 3, 31));
	CHECK_STR(check_take(&b), "31 Maret 2025");
	fmt_date(&b, LANG_EN, period_date_from_ymd(2024, 2, 29));
	CHECK_STR(check_take(&b), "29 February 2024");
	period_format_quarter(&b, 2024 * 4 + 3);
	CHECK_STR(check_take(&b), "2024-Q4");
	buf_release(&b);
}

/* A count of one takes the key's "_one" form where there is one. */
static void test_plural(void)
{
	CHECK_STR(tr_plural(LANG_EN, "left_out_posts", 1), "%zu post that reported %s without %s");
	CHECK_STR(tr_plural(LANG_EN, "left_out_posts", 2), "%zu posts that reported %s without %s");
	CHECK_STR(tr_plural(LANG_EN, "summary_missing", 1), "%s report missing");
	CHECK_STR(tr_plural(LANG_ID, "summary_missing", 1), "%s laporan belum masuk");
	CHECK_STR(tr_plural(LANG_EN, "summary_targets", 1), "%zu of %zu targets met"); /* no "_one" */
	CHECK_STR(tr_plural(LANG_EN, "first_send", 1), "send the report of %s");
	CHECK_STR(tr_plural(LANG_EN, "first_send", 2), "send the reports of %s");
}

int main(void)
{
	test_locale();
	test_plural();
	return check_done("test_locale");
}
