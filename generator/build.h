/* build.h - the pipeline: rules and records in, checked, computed, rendered and published. */
#ifndef REKAP_BUILD_H
#define REKAP_BUILD_H

#include "compute.h"
#include "diag.h"
#include "period.h"
#include "records.h"
#include "rules.h"

/* The kinds of output a build can be limited to (--formats). */
enum {
	BUILD_MD = 1,
	BUILD_HTML = 2,
	BUILD_XLSX = 4,
	BUILD_CSV = 8,
	BUILD_ALL = BUILD_MD | BUILD_HTML | BUILD_XLSX | BUILD_CSV
};

typedef struct build_options {
	const char *records_dir, *rules_dir, *templates_dir, *out_dir;
	/* --templates was given: rekap check requires the folder then, while
	 * the default one, when absent, is passed over with a note */
	int templates_given;
	int period; /* published quarter (year * 4 + q - 1), or -1 for the latest */
	int jobs; /* worker processes for writing; 0 means one per CPU core */
	unsigned formats; /* BUILD_* bits; 0 means all */
	int progress; /* report the stage and an estimate on stderr (a terminal) */
	lang lang; /* language of the progress lines */
	int full; /* rewrite every file, ignoring what the previous build left */
	int strict; /* a warning about the input fails the build too (nothing is published) */
	/* The process ends right after the build (the command line): the
	 * records and results are left for the system to reclaim rather than
	 * freed one block at a time, hundreds of MB at national scale. */
	int leave_memory;
	/* Called, when set, as soon as the new site is in place, before the
	 * build record is saved and memory released (serve reloads pages). */
	void (*published)(void *ctx);
	void *published_ctx;
	/* rekap serve: the files of unchanged places that the spare holds
	 * already are checked against the build record after the new site is
	 * in place, not before (a preview shows an edit sooner); those found
	 * changed outside rekap are counted in build_stats.stale and written
	 * again by the next build, which the caller then runs at once. */
	int check_kept_after;
	/* More builds into the same folder follow in this process (rekap
	 * serve): the build record saved is kept in memory for the next one
	 * (manifest_save), which then need not read it back. */
	int more_follow;
} build_options;

typedef struct build_stats {
	size_t pages, workbooks, files;
	size_t nodes; /* the root, areas and posts */
	size_t reused; /* nodes whose files were kept from the previous site */
	/* with check_kept_after: kept nodes whose files turned out to have been
	 * changed outside rekap (published as they were found) */
	size_t stale;
	double seconds; /* wall time of the whole build */
	char period[256]; /* "triwulan terbit: 2024-Q4 (why)", empty when not chosen */
} build_stats;

/* Everything loaded for one run. */
typedef struct pipeline {
	rules *rules;
	records recs;
	results res;
	int have_records, have_results;
	int period; /* the published quarter, -1 when nothing was reported */
	period_reason period_why;
	int period_due; /* the latest quarter whose deadline has passed, or -1 */
} pipeline;

/* Rules, records and results as every command reads them (rules_dir,
 * records_dir and period of opt, the published quarter chosen as in
 * records_published_quarter); a published quarter whose completeness is
 * below the rules' ambang_kelengkapan is warned about. Returns 0 when all
 * three are free of errors. Release p with pipeline_release either way. */
int pipeline_load(pipeline *p, const build_options *opt, diag_list *diags);
void pipeline_release(pipeline *p);

/* Load and validate everything, writing nothing. Returns 0 when no error
 * was found (warnings may be), 1 otherwise. */
int build_check(const build_options *opt, diag_list *diags);

/* Exit statuses of a build. */
enum { BUILD_OK = 0, BUILD_INPUT_ERRORS = 1, BUILD_WRITE_FAILED = 4 };

/* Check, then write the site into a staging folder and publish it in one
 * step. On any error the published site is left as it was. Returns
 * BUILD_OK, BUILD_INPUT_ERRORS (errors in records, rules or templates, or
 * warnings with opt->strict) or BUILD_WRITE_FAILED (the site could not be
 * written: disk full, permissions). */
int build_run(const build_options *opt, diag_list *diags, build_stats *stats);

/* Parse "md,html,xlsx,csv" (any subset) into BUILD_* bits; 0 when invalid. */
unsigned build_parse_formats(const char *s);

#endif
