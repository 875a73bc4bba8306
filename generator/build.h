/* build.h - the pipeline: rules and records in, checked, computed, rendered and published. */
#ifndef REKAP_BUILD_H
#define REKAP_BUILD_H

#include "diag.h"

typedef struct build_options {
	const char *records_dir, *rules_dir, *templates_dir, *out_dir;
	int period; /* published quarter (year * 4 + q - 1), or -1 for the latest */
} build_options;

typedef struct build_stats {
	size_t pages, workbooks, files;
} build_stats;

/* Load and validate everything, writing nothing. Returns 0 when no error
 * was found (warnings may be), 1 otherwise. */
int rekap_check(const build_options *opt, diag_list *diags);

/* Check, then write the site into a staging folder and publish it in one
 * step. On any error the published site is left as it was. Returns 0 or 1. */
int rekap_build(const build_options *opt, diag_list *diags, build_stats *stats);

/* Parse "2024-Q4" (or "2024-TW4") into a quarter index; -1 when invalid. */
int parse_quarter(const char *s);

#endif
