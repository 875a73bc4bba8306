/* period.c - months, quarters and dates: parsing and formatting them within one range of years, and picking the published quarter by a stated rule. */
#include "period.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lang.h"

/* ---- dates, months and quarters ---- */

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil. */
int period_date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;
	if (y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return NO_DATE;
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void period_date_to_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	z += 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int period_today(void)
{
	const char *env = getenv("REKAP_TODAY");
	int days;
	if (env && period_date_parse(env, &days) == 0)
		return days;
	return (int)(time(NULL) / 86400);
}

int period_date_month(int days)
{
	int y, m, d;
	period_date_to_ymd(days, &y, &m, &d);
	return MONTH_OF(y, m);
}

static int parse_digits(const char **s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

int period_date_parse(const char *s, int *days)
{
	int y, m, d;
	const char *p = s;
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		if (parse_digits(&p, 4, &y) || *p++ != '-' || parse_digits(&p, 2, &m) ||
		    *p++ != '-' || parse_digits(&p, 2, &d))
			return -1;
	} else if (strlen(s) == 10 && s[2] == '/' && s[5] == '/') {
		if (parse_digits(&p, 2, &d) || *p++ != '/' || parse_digits(&p, 2, &m) ||
		    *p++ != '/' || parse_digits(&p, 4, &y))
			return -1;
	} else {
		return -1;
	}
	*days = period_date_from_ymd(y, m, d);
	return *days == NO_DATE ? -1 : 0;
}

/* Parse "2024-03", "2024-Q1" or "2024-TW1". */
int period_parse(const char *s, int *period, int *quarterly)
{
	int y, m;
	const char *p = s;
	if (parse_digits(&p, 4, &y) || *p++ != '-' || y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX)
		return -1;
	if ((p[0] == 'Q' || p[0] == 'q') && p[1] >= '1' && p[1] <= '4' && p[2] == '\0') {
		*period = y * 4 + (p[1] - '1');
		*quarterly = 1;
		return 0;
	}
	if ((p[0] == 'T' || p[0] == 't') && (p[1] == 'W' || p[1] == 'w') && p[2] >= '1' &&
	    p[2] <= '4' && p[3] == '\0') {
		*period = y * 4 + (p[2] - '1');
		*quarterly = 1;
		return 0;
	}
	if (parse_digits(&p, 2, &m) || *p != '\0' || m < 1 || m > 12)
		return -1;
	*period = MONTH_OF(y, m);
	*quarterly = 0;
	return 0;
}

/* Month names as spreadsheets write them, in English and Bahasa
 * Indonesia: whole, or cut to their first three letters (and the
 * abbreviations of their own Indonesian ones use). */
static const char *const month_words[][12] = {
	{"january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"},
	{"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
         "oktober", "november", "desember"},
	{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
	{"jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sept", "okt", "nov", "des"},
	{"", "peb", "", "", "", "", "", "agt", "", "", "", ""},
};

/* The month (1-12) a word names, 0 when none. */
static int month_word(const char *w, size_t len)
{
	size_t f;
	int m;
	for (f = 0; f < sizeof month_words / sizeof month_words[0]; f++)
		if ((m = word_index(w, len, month_words[f], 12)) >= 0)
			return m + 1;
	return 0;
}

/* The month of a period written "Jan-24", "Januari 2024", "2024-3" or
 * "2024/03"; -1 when s is none of these. */
static int month_as_written(const char *s, int *named)
{
	const char *p = s, *w = s;
	int y, m;
	while (isalpha((unsigned char)*p))
		p++;
	if (p > w) { /* "Jan-24", "Januari 2024" */
		if (!(m = month_word(w, (size_t)(p - w))) || (*p != '-' && *p != ' '))
			return -1;
		p++;
		if (strlen(p) == 2 && parse_digits(&p, 2, &y) == 0)
			y += 2000;
		else if (strlen(p) != 4 || parse_digits(&p, 4, &y) != 0)
			return -1;
		*named = 1;
	} else { /* "2024-3", "2024/03" */
		if (parse_digits(&p, 4, &y) || (*p != '-' && *p != '/' && *p != '.'))
			return -1;
		p++;
		if (parse_digits(&p, strlen(p) == 1 ? 1 : 2, &m) || *p != '\0')
			return -1;
		*named = 0;
	}
	if (y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX || m < 1 || m > 12)
		return -1;
	return MONTH_OF(y, m);
}

/* A word of a date as written: the digits' value (-1 when it is letters)
 * and its length. */
typedef struct date_word {
	const char *s;
	size_t len;
	int number;
} date_word;

/* Split s at '/', '-', '.', ',' and spaces into at most max words. */
static size_t date_words(const char *s, date_word *w, size_t max)
{
	size_t n = 0;
	while (*s) {
		const char *start;
		while (*s && strchr("/-., ", *s))
			s++;
		if (!*s)
			break;
		if (n == max)
			return max + 1;
		start = s;
		while (*s && !strchr("/-., ", *s))
			s++;
		w[n].s = start;
		w[n].len = (size_t)(s - start);
		w[n].number = -1;
		if (w[n].len <= 5 && strspn(start, "0123456789") >= w[n].len) {
			w[n].number = 0;
			for (; start < s; start++)
				w[n].number = w[n].number * 10 + (*start - '0');
		}
		n++;
	}
	return n;
}

/* The month a word names, by number (1-12) or by name; 0 when none. */
static int word_month(const date_word *w)
{
	if (w->number >= 0)
		return w->number >= 1 && w->number <= 12 && w->len <= 2 ? w->number : 0;
	return month_word(w->s, w->len);
}

/* A year written with four digits, or two (2000 onwards); -1 otherwise. */
static int word_year(const date_word *w)
{
	if (w->number < 0 || (w->len != 4 && w->len != 2))
		return -1;
	return w->len == 2 ? 2000 + w->number : w->number;
}

static size_t add_candidate(int *out, size_t n, int y, int m, int d)
{
	int days = d >= 1 && d <= 31 ? period_date_from_ymd(y, m, d) : NO_DATE;
	if (days != NO_DATE && (n == 0 || out[0] != days))
		out[n++] = days;
	return n;
}

/* s without a time of day after it ("2024-02-05 00:00:00", as a
 * spreadsheet writes a cell formatted as date and time), copied into day
 * when there is one. */
static const char *without_time(const char *s, char *day, size_t size)
{
	const char *sp = strrchr(s, ' ');
	size_t n;
	if (!sp || !strchr(sp, ':') || strspn(sp + 1, "0123456789:") != strlen(sp + 1))
		return s;
	n = (size_t)(sp - s);
	if (n >= size)
		return s;
	memcpy(day, s, n);
	day[n] = '\0';
	return day;
}

/* The month of a period written as the first day of it, the date Excel
 * makes of "2024-03" (1/3/2024, 3/1/2024, 2024-03-01, its day number
 * 45352), with *named set, or as the month and then the year (03/2024),
 * with *named 0; -1 when it is none, or no single month. */
static int month_as_date(const char *s, int *named)
{
	date_word w[3];
	int days[2], excel, y, m, d, month = -1;
	size_t n = date_words(s, w, 3), i;
	if (n == 2 && w[0].number >= 0 && w[1].len == 4 && (m = word_month(&w[0])) > 0 &&
	    w[1].number >= PERIOD_YEAR_MIN && w[1].number <= PERIOD_YEAR_MAX) {
		*named = 0;
		return MONTH_OF(w[1].number, m);
	}
	*named = 1;
	n = period_guess_date(s, days, &excel);
	for (i = 0; i < n; i++) {
		period_date_to_ymd(days[i], &y, &m, &d);
		if (d != 1 || y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX)
			continue;
		if (month >= 0)
			return -1; /* 1/1/2024 is one date; two firsts cannot both be */
		month = MONTH_OF(y, m);
	}
	return month;
}

int period_guess_month(const char *s, int *named)
{
	int month = month_as_written(s, named);
	return month >= 0 ? month : month_as_date(s, named);
}

size_t period_guess_date(const char *s, int out[2], int *excel)
{
	date_word w[3];
	char day[64];
	size_t n = date_words(without_time(s, day, sizeof day), w, 3), found = 0;
	int y;
	*excel = 0;
	if (n == 1 && w[0].len == 5 && w[0].number >= 36526 && w[0].number <= 73050) {
		/* Excel's day number: 25569 is 1970-01-01, rekap's day 0 */
		out[0] = w[0].number - 25569;
		*excel = 1;
		return 1;
	}
	if (n != 3)
		return 0;
	if (w[0].len == 4 && w[0].number >= 0) /* 2024/4/3, 2024-4-3 */
		return add_candidate(out, 0, w[0].number, word_month(&w[1]), w[2].number);
	if ((y = word_year(&w[2])) < 0)
		return 0;
	if (w[1].number < 0) /* 3 April 2024, 3-Apr-24 */
		return add_candidate(out, 0, y, word_month(&w[1]), w[0].number);
	if (w[0].number < 0) /* April 3, 2024 */
		return add_candidate(out, 0, y, word_month(&w[0]), w[1].number);
	/* 3/4/2024: day first in Indonesia, month first in an English Excel */
	found = add_candidate(out, found, y, word_month(&w[1]), w[0].number);
	return add_candidate(out, found, y, word_month(&w[0]), w[1].number);
}

/* The quarter a Roman numeral names (1-4), -1 when none. */
static int roman_quarter(const char *s, size_t len)
{
	static const char *const romans[] = {"i", "ii", "iii", "iv"};
	int q = word_index(s, len, romans, 4);
	return q < 0 ? -1 : q + 1;
}

/* Whether s[0..len) is a word that marks a quarter: TW, Triwulan, Q. */
static int quarter_marker(const char *s, size_t len)
{
	static const char *const words[] = {"tw", "triwulan", "q", "kuartal", "quarter"};
	return word_index(s, len, words, sizeof words / sizeof *words) >= 0;
}

int period_guess_quarter(const char *s)
{
	int year = -1, q = -1, marked = 0, roman = 0;
	while (*s) {
		const char *start = s;
		size_t len;
		int digits = isdigit((unsigned char)*s) != 0;
		if (!digits && !isalpha((unsigned char)*s)) {
			s++;
			continue;
		}
		while (*s && (digits ? isdigit((unsigned char)*s) : isalpha((unsigned char)*s)))
			s++;
		len = (size_t)(s - start);
		if (digits && len == 4 && year < 0)
			year = atoi(start);
		else if (digits && len == 1 && *start >= '1' && *start <= '4' && q < 0)
			q = *start - '0';
		else if (!digits && quarter_marker(start, len))
			marked = 1;
		else if (!digits && q < 0 && (q = roman_quarter(start, len)) > 0)
			roman = 1;
		else
			return -1;
	}
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX || q < 1 || (!marked && !roman))
		return -1;
	return year * 4 + q - 1;
}

int period_parse_quarter(const char *s)
{
	int period, quarterly;
	return period_parse(s, &period, &quarterly) == 0 && quarterly ? period : -1;
}

int period_month_end(int month)
{
	int y = month / 12, m = month % 12 + 1;
	if (y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX)
		return NO_DATE;
	return period_date_from_ymd(y, m, days_in_month(y, m));
}

void period_format_quarter(buf *out, int quarter)
{
	if (quarter < 0)
		return;
	buf_printf(out, "%d-Q%d", quarter / 4, quarter % 4 + 1);
}

void period_format_month(buf *out, int month)
{
	buf_printf(out, "%04d-%02d", month / 12, month % 12 + 1);
}

void period_format_date(buf *out, int days)
{
	int y, m, d;
	if (days == NO_DATE)
		return;
	period_date_to_ymd(days, &y, &m, &d);
	buf_printf(out, "%04d-%02d-%02d", y, m, d);
}

/* ---- the published quarter ---- */

int period_month_deadline(int month, int deadline_day)
{
	int next = month + 1;
	return period_date_from_ymd(next / 12, next % 12 + 1, deadline_day);
}

int period_quarter_deadline(int quarter, int deadline_day)
{
	return period_month_deadline(quarter * 3 + 2, deadline_day);
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
		if (period_quarter_deadline(q, deadline_day) < today && q > latest_due)
			latest_due = q;
	}
	if (latest_due >= 0) {
		*why = PERIOD_DEADLINE;
		return latest_due;
	}
	*why = earliest >= 0 ? PERIOD_NOT_DUE : PERIOD_NONE;
	return earliest;
}

void period_describe(buf *out, int quarter, period_reason why, int due, lang l)
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
	buf_puts(out, TR(l, "triwulan terbit: ", "published quarter: "));
	if (quarter >= 0)
		period_format_quarter(out, quarter);
	else
		buf_puts(out, "–");
	buf_printf(out, " (%s", reasons[why][l == LANG_EN ? 1 : 0]);
	if ((why == PERIOD_OPTION || why == PERIOD_SETTING) && due > quarter) {
		buf_printf(out, "; %s: ", reasons[PERIOD_DEADLINE][l == LANG_EN ? 1 : 0]);
		period_format_quarter(out, due);
	}
	buf_putc(out, ')');
}
