/* records.h - the records tree: provinces, districts, puskesmas and posts read from records/. */
#ifndef REKAP_RECORDS_H
#define REKAP_RECORDS_H

#include "diag.h"
#include "node_kind.h"
#include "penyakit.h"
#include "period.h"
#include "rules.h"
#include "settings.h"
#include "value.h"

typedef struct report {
	int period; /* a month, or a quarter when quarterly */
	int quarterly;
	int received; /* tanggal_lapor, or NO_DATE */
	unsigned line;
	double *values; /* one per rules column; NAN = not reported */
} report;

typedef struct cadre {
	const char *name, *phone, *education;
	char sex; /* 'L' or 'P' */
	int trained_year; /* 0 = not trained */
	int active;
	unsigned line;
} cadre;

/* A warning about a post's record that changes what its pages show (a
 * missing kader.csv, a missing laporan.csv column): kept with the post so
 * its data-quality panel and the workbooks' Kualitas data sheet list it. */
typedef struct record_note {
	const char *file; /* the file's name in the post's folder, e.g. "kader.csv" */
	unsigned line; /* 0 when about the whole file */
	int month; /* the month it concerns, -1 when none */
	const char *text[2]; /* what it changes: Bahasa Indonesia, English */
} record_note;

typedef struct node node;
struct node {
	node_kind kind;
	size_t index; /* position in records.nodes (pre-order) */
	const char *slug;
	const char *path; /* folder relative to records/, "" for the root */
	const char *name, *code;
	const char *file; /* the .md (or rekap.yaml) it was read from, as given */
	uint64_t source_hash; /* hash_bytes of the record files read for it, with their lengths */
	value *meta; /* front matter */
	const char *body; /* Markdown narrative */
	node *parent;
	node **children;
	size_t nchildren, capchildren;

	/* posts only */
	const char *status, *trade;
	int formed, dissolved; /* dates, NO_DATE when absent */
	const char **facilities, **funding;
	size_t nfacilities, nfunding;
	report *reports; /* sorted by period */
	size_t nreports;
	cadre *cadres;
	size_t ncadres;
	disease_row *diseases; /* penyakit.csv, in file order */
	size_t ndiseases;
	const char *report_file, *cadre_file, *disease_file;
	record_note *notes; /* in the order found */
	size_t nnotes;
};

typedef struct records {
	arena *arena;
	const char *dir;
	settings settings; /* rekap.yaml; the root node's meta holds it as read */
	uint64_t settings_hash; /* of rekap.yaml's bytes as read (HASH_INIT when absent) */
	node *root;
	node **nodes; /* every node, pre-order, children sorted by slug */
	size_t nnodes, capnodes;
	node **posts;
	size_t nposts, capposts;
	int first_month, last_month; /* span of all reports; last < first when none */
} records;

/* Read the tree under dir using the columns and vocabularies of r. Every
 * problem is recorded in diags (all of them, not only the first). Returns 0
 * when no error was found, -1 otherwise; recs is usable either way and must
 * be released with records_release. */
int records_load(records *recs, const char *dir, const rules *r, diag_list *diags);
void records_release(records *recs);

/* Whether s is a folder name rekap accepts: a-z, 0-9 and '-', not leading. */
int records_slug_valid(const char *s);
/* Whether n is ancestor or lies below it. */
int node_is_below(const node *n, const node *ancestor);
/* First month a report row covers (a quarter row covers three). */
int report_first_month(const report *rp);

/* The published quarter: option (-1 when not given), then "periode:" of
 * the settings (a bad value is an error at its place in rekap.yaml), then
 * period_default over the quarters the posts reported. Returns -1 with
 * PERIOD_NONE when there is nothing to publish, or -2 after an error. */
int records_published_quarter(const records *recs, int option, int deadline_day, int today,
                              period_reason *why, diag_list *diags);

#endif
