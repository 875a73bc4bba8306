/* lang.h - the language of everything users read, and TR, the one two-way message macro. */
#ifndef REKAP_LANG_H
#define REKAP_LANG_H

/* Bahasa Indonesia (the default) or English (--lang en, bahasa: en). Its own
 * header so that diag.h can carry it without depending on locale's formats. */
typedef enum { LANG_ID, LANG_EN } lang;

/* A message in language l. id and en must both be string literals with the
 * same conversions in the same order: GCC checks the format string on both
 * branches of a conditional of literals, so printf checking is kept. */
#define TR(l, id, en) ((l) == LANG_EN ? (en) : (id))

#endif
