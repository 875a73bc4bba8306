/* diag.h - the one diagnostic type: every problem in user input, with file:line:column. */
#ifndef REKAP_DIAG_H
#define REKAP_DIAG_H

#include <stdio.h>

#include "lang.h"
#include "util.h"

/* DIAG_WRITE_ERROR: an error of the machine, not of the input (the site or
 * a workbook cannot be written: disk full, permissions); printed as
 * "error", counted in errors and write_errors. */
typedef enum { DIAG_WARNING, DIAG_ERROR, DIAG_WRITE_ERROR } diag_severity;

typedef struct diag {
	char *file; /* path as the user gave it; owned */
	unsigned line, column; /* 1-based; 0 when not known */
	diag_severity severity;
	/* One cause in many files, the same message in each (a column the rules
	 * added or removed): a text listing may shorten its repeats. */
	unsigned char shared;
	char *message; /* owned, in the session's language */
	size_t seq; /* its place in the list as printing sorts it (see diag_cmp) */
} diag;

/* A collection of diagnostics, reported together at the end of a run. */
typedef struct diag_list {
	diag *items;
	size_t len, cap;
	size_t errors, warnings;
	size_t write_errors; /* of the errors, those of severity DIAG_WRITE_ERROR */
	lang lang; /* language of messages (LANG_ID unless --lang en) */
} diag_list;

void diag_list_init(diag_list *dl);
void diag_list_release(diag_list *dl);
/* Append every diagnostic of from to dl, leaving from empty. */
void diag_list_move(diag_list *dl, diag_list *from);
/* The same, but a diagnostic of from that repeats an earlier one of from
 * (same file, place, severity and message) is dropped. */
void diag_list_move_distinct(diag_list *dl, diag_list *from);
/* Record a problem. file may be NULL (a problem with the command itself).
 * Returns it, to be marked shared; the pointer holds until the next add. */
diag *diag_add(diag_list *dl, diag_severity sev, const char *file, unsigned line, unsigned column,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
#define diag_error(dl, f, l, c, ...) diag_add((dl), DIAG_ERROR, (f), (l), (c), __VA_ARGS__)
#define diag_warning(dl, f, l, c, ...) diag_add((dl), DIAG_WARNING, (f), (l), (c), __VA_ARGS__)
#define diag_write_error(dl, f, l, c, ...) \
	diag_add((dl), DIAG_WRITE_ERROR, (f), (l), (c), __VA_ARGS__)

/* Report the unresolved merge conflicts of a text file (text_conflict_next)
 * as errors at their first lines. Returns how many. */
size_t diag_conflicts(diag_list *dl, const char *file, const char *text, size_t len);
/* Report a text file people edit (a record, a rules file, a template)
 * that is not UTF-8: saved as UTF-16, holding a NUL byte, or a byte that
 * is not UTF-8, at its line and column. Returns how many errors: 1, or 0
 * when the text is UTF-8. */
size_t diag_encoding(diag_list *dl, const char *file, const char *text, size_t len);

/* How diagnostics are printed:
 *   DIAG_FORMAT_TEXT    "path:line:column: error: message", one a line
 *   DIAG_FORMAT_GITHUB  GitHub Actions annotations, "::error file=..,line=..,col=..::message"
 *   DIAG_FORMAT_GITLAB  a GitLab Code Quality report: one JSON array of Code
 *                       Climate issues (description, check_name, fingerprint,
 *                       severity "major" for errors and "minor" for warnings,
 *                       location.path and location.lines.begin), "[]" when
 *                       there is nothing to report */
typedef enum { DIAG_FORMAT_TEXT, DIAG_FORMAT_GITHUB, DIAG_FORMAT_GITLAB } diag_format;

/* Sort by file, line, column (stable) and print the diagnostics to out in
 * the given format ("error" and "warning" stay in English, as editors and
 * CI parse them). The machine formats hold every diagnostic. In text, unless
 * every is set, a shared diagnostic repeated word for word in more than five
 * places is printed at its first three, and a note after the list, in
 * language l, counts the others: one column added to the rules must not
 * bury the other messages under one line per laporan.csv. */
void diag_list_print(diag_list *dl, FILE *out, diag_format format, lang l, int every);

#endif
