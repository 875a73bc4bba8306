/* test_workbook.c - writes the workbook of every non-post node and checks files exist and are reproducible. */
/* Usage: test_workbook RULES_DIR RECORDS_DIR OUTDIR [YYYY-Qn]; the quarter
 * defaults to that of the latest report. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "compute.h"
#include "diag.h"
#include "locale.h"
#include "records.h"
#include "rules.h"
#include "util.h"
#include "output.h"
#include "workbook.h"

#define CREATED 1735689600LL /* 2025-01-01T00:00:00Z */

static void fail(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "test_workbook: FAIL: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	failures++;
}

static int files_equal(const char *a, const char *b)
{
	char *da, *db;
	size_t la, lb;
	int eq;
	if (file_read(a, &da, &la) != 0)
		return 0;
	if (file_read(b, &db, &lb) != 0) {
		free(da);
		return 0;
	}
	eq = la == lb && memcmp(da, db, la) == 0;
	free(da);
	free(db);
	return eq;
}

/* Where the workbook of n goes: OUTDIR[/sub]/<path>/<file name>. */
static char *workbook_path(const char *outdir, const char *sub, const node *n, int quarter)
{
	char *name = wbk_filename(n, quarter);
	buf b = BUF_INIT;
	buf_puts(&b, outdir);
	if (sub)
		buf_printf(&b, "/%s", sub);
	if (*n->path)
		buf_printf(&b, "/%s", n->path);
	if (make_dirs(buf_cstr(&b)) != 0)
		fail("cannot create %s%s", buf_cstr(&b), "");
	buf_printf(&b, "/%s", name);
	free(name);
	return buf_detach(&b);
}

static void write_one(const char *path, const node *n, const results *res, lang l,
                      const char *org)
{
	diag_list diags;
	struct stat st;
	diag_list_init(&diags);
	if (wbk_write(path, n, res, l, org, CREATED, &diags) != 0) {
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, LANG_ID, 1);
		fail("wbk_write failed for %s%s", path, "");
	} else if (stat(path, &st) != 0 || st.st_size == 0) {
		fail("%s is missing or empty%s", path, "");
	}
	diag_list_release(&diags);
}

typedef struct job {
	const node *n;
	const results *res;
	lang l;
	char *path;
} job;

/* Every non-post node in Indonesian, and the root once more in English
 * (from res_en, computed with the rules' English labels). */
static job *plan(const records *recs, const results *res, const results *res_en,
                 const char *outdir, size_t *njobs)
{
	job *jobs = xcalloc(recs->nnodes + 1, sizeof *jobs);
	size_t i, n = 0;
	for (i = 0; i < recs->nnodes; i++) {
		const node *nd = recs->nodes[i];
		if (nd->kind == NODE_POS)
			continue;
		jobs[n].n = nd;
		jobs[n].res = res;
		jobs[n].l = LANG_ID;
		jobs[n++].path = workbook_path(outdir, NULL, nd, res->last_quarter);
	}
	jobs[n].n = res_en->recs->root;
	jobs[n].res = res_en;
	jobs[n].l = LANG_EN;
	jobs[n++].path = workbook_path(outdir, "en", recs->root, res->last_quarter);
	*njobs = n;
	return jobs;
}

/* Write everything, wait so that any clock in the output would move (zip
 * times have a 2-second resolution), write it again and compare. */
static void check_reproducible(job *jobs, size_t njobs, const char *org)
{
	size_t i;
	struct timespec pause = {2, 100000000};
	for (i = 0; i < njobs; i++)
		write_one(jobs[i].path, jobs[i].n, jobs[i].res, jobs[i].l, org);
	nanosleep(&pause, NULL);
	for (i = 0; i < njobs; i++) {
		char *again = xasprintf("%s.again", jobs[i].path);
		write_one(again, jobs[i].n, jobs[i].res, jobs[i].l, org);
		if (!files_equal(jobs[i].path, again))
			fail("%s differs from a second run (%s)", jobs[i].path, again);
		else
			remove(again);
		free(again);
	}
}

static void check_filenames(const records *recs)
{
	char *s = wbk_filename(recs->root, 2024 * 4 + 3);
	size_t i;
	if (strcmp(s, "rekap-nasional-2024-Q4.xlsx") != 0)
		fail("root file name is %s%s", s, "");
	free(s);
	/* names written by hand: the kind is not repeated when the slug says it */
	{
		static const char *const cases[][2] = {
			{"kalimantan-timur", "rekap-provinsi-kalimantan-timur-2023-Q1.xlsx"},
			{"kalimantan-timur/kota-bontang", "rekap-kota-bontang-2023-Q1.xlsx"},
			{"lampung/kabupaten-pesawaran", "rekap-kabupaten-pesawaran-2023-Q1.xlsx"},
			{"kalimantan-timur/kota-bontang/bontang-selatan-1",
			 "rekap-puskesmas-bontang-selatan-1-2023-Q1.xlsx"},
		};
		size_t k, found = 0;
		for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
			for (i = 0; i < recs->nnodes; i++) {
				const node *n = recs->nodes[i];
				if (strcmp(n->path, cases[k][0]) != 0)
					continue;
				found++;
				s = wbk_filename(n, 2023 * 4);
				if (strcmp(s, cases[k][1]) != 0)
					fail("file name %s, expected %s", s, cases[k][1]);
				free(s);
			}
		if (found != sizeof cases / sizeof cases[0])
			fail("%s%s", "a node of the file name cases is missing from the records", "");
	}
}

/* A failure must be a diagnostic naming the file, not a crash. */
static void check_failure(const records *recs, const results *res)
{
	diag_list diags;
	const char *bad = "/nonexistent-dir-for-rekap-test/x.xlsx";
	diag_list_init(&diags);
	if (wbk_write(bad, recs->root, res, LANG_ID, "", CREATED, &diags) != -1)
		fail("writing to %s did not fail%s", bad, "");
	else if (diags.errors != 1 || strcmp(diags.items[0].file, bad) != 0 ||
	         !strstr(diags.items[0].message, "gagal menulis buku kerja"))
		fail("unexpected diagnostic for %s%s", bad, "");
	diag_list_release(&diags);
}

static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_number(FILE *f, double v)
{
	if (!isnan(v))
		fprintf(f, "%.17g", v);
}

/* A stand-in for the open data file, so that tests/checkers/check_workbooks.py can
 * check the harness output: OUTDIR/data/indicators.csv. */
static void write_open_data(const char *outdir, const records *recs, const results *res)
{
	char *dir = xasprintf("%s/data", outdir), *path = xasprintf("%s/indicators.csv", dir);
	FILE *f;
	size_t i, q, k;
	make_dirs(dir);
	f = fopen(path, "w");
	if (!f) {
		fail("cannot write %s%s", path, "");
		goto done;
	}
	fputs("path,level,name,period,indicator,numerator,denominator,value\n", f);
	for (i = 0; i < recs->nnodes; i++) {
		const node *n = recs->nodes[i];
		for (q = 0; q < res->nquarters; q++) {
			for (k = 0; k < res->rules->nindicators; k++) {
				const ind_value *v = results_value(res, n, q, k);
				buf period = BUF_INIT;
				period_format_quarter(&period, res->first_quarter + (int)q);
				csv_field(f, n->path);
				fprintf(f, ",%s,", node_kind_id(n->kind));
				csv_field(f, n->name ? n->name : "");
				fprintf(f, ",%s,%s,", buf_cstr(&period), res->rules->indicators[k].id);
				csv_number(f, v->num);
				fputc(',', f);
				csv_number(f, v->den);
				fputc(',', f);
				csv_number(f, v->value);
				fputc('\n', f);
				buf_release(&period);
			}
		}
	}
	fclose(f);
done:
	free(dir);
	free(path);
}

/* Rules, records and results loaded together. */
typedef struct loaded {
	rules *r;
	records recs;
	results res;
} loaded;

/* Returns 0, or 1 after printing the diagnostics. LANG_EN switches the
 * rules to their English labels first, as a site with bahasa: en does. */
static int load(loaded *ld, const char *rules_dir, const char *records_dir, int last_quarter,
                lang l)
{
	diag_list diags;
	int rc = 0;
	memset(ld, 0, sizeof *ld);
	diag_list_init(&diags);
	ld->r = rules_load(rules_dir, &diags);
	if (!ld->r) {
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, LANG_ID, 1);
		diag_list_release(&diags);
		return 1;
	}
	rules_set_language(ld->r, l);
	if (records_load(&ld->recs, records_dir, ld->r, &diags) != 0 ||
	    results_compute(&ld->res, &ld->recs, ld->r, last_quarter, &diags) != 0) {
		diag_list_print(&diags, stderr, DIAG_FORMAT_TEXT, LANG_ID, 1);
		rc = 1;
	}
	diag_list_release(&diags);
	return rc;
}

static void unload(loaded *ld)
{
	results_release(&ld->res);
	records_release(&ld->recs);
	rules_free(ld->r);
}

int main(int argc, char **argv)
{
	loaded id, en;
	job *jobs;
	size_t njobs, i;
	const char *org;
	int year, qn, last_quarter = -1;
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: test_workbook RULES_DIR RECORDS_DIR OUTDIR [YYYY-Qn]\n");
		return 2;
	}
	if (argc == 5) {
		if (sscanf(argv[4], "%d-Q%d", &year, &qn) != 2 || qn < 1 || qn > 4) {
			fprintf(stderr, "test_workbook: bad quarter %s\n", argv[4]);
			return 2;
		}
		last_quarter = year * 4 + qn - 1;
	}
	if (load(&id, argv[1], argv[2], last_quarter, LANG_ID) != 0 ||
	    load(&en, argv[1], argv[2], last_quarter, LANG_EN) != 0)
		return 1;
	output_remove_tree(argv[3]); /* workbooks of earlier runs would be checked too */
	if (make_dirs(argv[3]) != 0) {
		fprintf(stderr, "test_workbook: cannot create %s\n", argv[3]);
		return 1;
	}
	org = id.recs.settings.organisasi;
	check_filenames(&id.recs);
	check_failure(&id.recs, &id.res);
	jobs = plan(&id.recs, &id.res, &en.res, argv[3], &njobs);
	check_reproducible(jobs, njobs, org ? org : "");
	write_open_data(argv[3], &id.recs, &id.res);
	for (i = 0; i < njobs; i++)
		free(jobs[i].path);
	free(jobs);
	printf("test_workbook: %zu workbooks, %d failures\n", njobs, failures);
	unload(&id);
	unload(&en);
	return failures ? 1 : 0;
}
