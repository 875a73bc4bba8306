/* locale.h - what users read: UI strings in Bahasa Indonesia or English, numbers, dates and periods. */
#ifndef REKAP_LOCALE_H
#define REKAP_LOCALE_H

#include "lang.h"
#include "util.h"

/* "id" or "en" (anything else is Indonesian). */
lang lang_from_code(const char *code);
const char *lang_code(lang l);

/* A UI string by key, e.g. tr(l, "not_reported"). Unknown keys return the
 * key itself so a missing translation shows instead of crashing. */
const char *tr(lang l, const char *key);
/* The string of key for a count n: the key "<key>_one" when n is 1 and
 * there is one (English "1 post" beside "2 posts"), else key's. */
const char *tr_plural(lang l, const char *key, double n);

/* The keys of every UI string, for templates ({{t.key}}): i < tr_count(). */
size_t tr_count(void);
const char *tr_key(size_t i);

/* Numbers: "1.234,5" (id) or "1,234.5" (en), rounded to decimals places and
 * with trailing zeros dropped. Appends to out. */
void fmt_number(buf *out, lang l, double v, int decimals);
/* A percentage: "18,26%". */
void fmt_percent(buf *out, lang l, double v);
/* A day number as "31 Maret 2025" / "31 March 2025". */
void fmt_date(buf *out, lang l, int days);
/* Quarter index as "Triwulan I 2024" / "Quarter 1 2024", short "TW I 2024" / "Q1 2024". */
void fmt_quarter(buf *out, lang l, int quarter, int short_form);
/* Month index as "Maret 2024". */
void fmt_month(buf *out, lang l, int month);

#endif
