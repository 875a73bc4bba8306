/* settings.h - records/rekap.yaml: its keys checked once and read into the typed settings every stage uses. */
#ifndef REKAP_SETTINGS_H
#define REKAP_SETTINGS_H

#include "diag.h"
#include "locale.h"
#include "value.h"

/* periode: "" (quoted: a bare "periode:" is not set), which names no
 * quarter; records_published_quarter reports it when --period is not
 * given. */
#define SETTINGS_PERIODE_EMPTY (-2)

/* What rekap.yaml says, with the defaults for whatever it leaves out or
 * gets wrong (a wrong value is an error, so a site is never built from
 * one). Strings point into the arena of the parsed file. */
typedef struct settings {
	const char *judul; /* the site's title; "Rekap Pos UKK" when not set */
	const char *organisasi; /* who publishes it; "" when not set */
	const char *url_dasar; /* where the site is published; "" when not set */
	lang bahasa; /* the language of the pages and workbooks */
	int tampilkan_nama_kader; /* 1 to show cadres' names (true or ya) */
	int periode; /* the quarter to publish, -1 when not set, or SETTINGS_PERIODE_EMPTY */
	/* where "periode:" is (its value's line and column), 0 when absent:
	 * a warning about the published quarter points there */
	unsigned periode_line, periode_column;
} settings;

/* The defaults: what an empty or missing rekap.yaml gives. */
void settings_init(settings *s);

/* Check every key of map (rekap.yaml's mapping, as fm_parse_yaml read it
 * from file) and every value, and fill s with the valid ones; the others
 * keep their defaults. Each problem goes to diags at its line and column.
 * Returns 0 when none was found, -1 otherwise. s points into map. */
int settings_read(settings *s, const value *map, const char *file, diag_list *diags);

/* Read and parse the file at path and fill s with settings_read. Returns
 * 0 when the file was read and parsed (its problems are in diags), -1 when
 * it could not be (s keeps its defaults). Everything is allocated in a. */
int settings_load(settings *s, arena *a, const char *path, diag_list *diags);

#endif
